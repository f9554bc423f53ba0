import test from 'ava';
import fc from 'fast-check';
import { DatapathError } from '../../src/agent/datapath-error.js';
import { fieldOf, fromBits, fullMask, type KeyField } from '../../src/agent/field-bits.js';
import { compileMatch, isLooseMatch, matchesKey, matchesOverlap, type PrereqMode, sameMatch } from '../../src/agent/flow-match.js';
import { Packet } from '../../src/agent/packet.js';
import type { Match, MatchField } from '../../src/openflow/match.js';
import { arpFrame, pingFrame, tcpFrame, udpFrame } from '../support/frames.js';
import { exact } from '../support/switch-harness.js';

function refusal(m: Match, mode: PrereqMode = 'strict'): string {
  try {
    compileMatch(m, mode);
    return 'ok';
  } catch (e) {
    if (DatapathError.is(e)) return e.ofperr;
    throw e;
  }
}

const TCP = exact({ eth_type: 0x0800, ip_proto: 6 });

test('OXM/NXM matches need their prerequisites (OFPBMC_BAD_PREREQ)', (t) => {
  t.is(refusal(exact({ tcp_dst: 80 })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ eth_type: 0x0800, tcp_dst: 80 })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ eth_type: 0x0800, ip_proto: 17, tcp_dst: 80 })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal([...TCP, ...exact({ tcp_dst: 80 })]), 'ok');
  t.is(refusal(exact({ eth_type: 0x86dd, ip_proto: 6, tcp_dst: 80 })), 'ok');
  t.is(refusal(exact({ ipv4_src: '10.0.0.1' })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ eth_type: 0x86dd, ipv4_src: '10.0.0.1' })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ eth_type: 0x0806, arp_tpa: '10.0.0.1' })), 'ok');
  t.is(refusal(exact({ vlan_pcp: 3 })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ vlan_vid: 0x1005, vlan_pcp: 3 })), 'ok');
  t.is(refusal(exact({ eth_type: 0x86dd, ip_proto: 58, ipv6_nd_target: '::1' })), 'OFPBMC_BAD_PREREQ');
  t.is(refusal(exact({ eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 135, ipv6_nd_target: '::1' })), 'ok');
});

test('OpenFlow 1.0 matches drop fields whose prerequisites are missing, as OVS normalises them', (t) => {
  const m = compileMatch(exact({ ip_proto: 6, tcp_dst: 80, eth_src: 'aa:55:aa:55:00:01' }), 'of10');
  t.deepEqual(m.entries.map((e) => e.field), ['eth_src']);
  // dl_vlan_pcp alone means "tagged, with this priority".
  const pcp = compileMatch(exact({ vlan_pcp: 5 }), 'of10');
  t.deepEqual(pcp.entries, [{ field: 'vlan_tci', value: 0xa000n | 0x1000n, mask: 0xe000n | 0x1000n }]);
});

test('refusals: unmodelled and unsupported fields, values, masks, duplicates', (t) => {
  t.is(refusal([{ field: 'opaque', tlv: new Uint8Array(8) }]), 'OFPBMC_BAD_FIELD');
  t.is(refusal(exact({ pbb_isid: 5 })), 'OFPBMC_BAD_FIELD');
  t.is(refusal(exact({ vlan_vid: 0x2000 })), 'OFPBMC_BAD_VALUE');
  t.is(refusal(exact({ eth_src: 'not a mac' })), 'OFPBMC_BAD_VALUE');
  t.is(refusal([{ field: 'eth_type', value: 0x0800, mask: 0xff00 }]), 'OFPBMC_BAD_MASK');
  t.is(refusal([{ field: 'eth_dst', value: 'aa:55:aa:55:00:01', mask: 'ff:ff:ff:00:00:00' }]), 'OFPBMC_BAD_WILDCARDS');
  t.is(refusal([...exact({ eth_type: 0x0800 }), ...exact({ eth_type: 0x0800 })]), 'OFPBMC_DUP_FIELD');
  t.is(refusal(exact({ vlan_vid: 0x1001, vlan_tci: 0x1001 })), 'OFPBMC_DUP_FIELD');
});

test('vlan_vid/vlan_pcp and vlan_tci, tun_id and tunnel_id are the same match; order does not matter', (t) => {
  const a = compileMatch(exact({ vlan_vid: 0x1005, vlan_pcp: 3 }), 'strict');
  const b = compileMatch([{ field: 'vlan_tci', value: (3 << 13) | 0x1005, mask: 0xffff }], 'strict');
  t.true(sameMatch(a, b));
  t.true(sameMatch(compileMatch(exact({ tun_id: 7n }), 'strict'), compileMatch(exact({ tunnel_id: 7n }), 'strict')));
  t.true(sameMatch(compileMatch(exact({ eth_type: 0x800, in_port: 1 }), 'strict'), compileMatch(exact({ in_port: 1, eth_type: 0x800 }), 'strict')));
  // A full mask is no mask; a zero mask is no field.
  t.true(sameMatch(compileMatch([{ field: 'in_port', value: 1 }, { field: 'metadata', value: 0n, mask: 0n }], 'strict'),
    compileMatch(exact({ in_port: 1 }), 'strict')));
  t.false(sameMatch(compileMatch(exact({ in_port: 1 }), 'strict'), compileMatch(exact({ in_port: 2 }), 'strict')));
});

test('matching real frames: masks, absent fields, metadata', (t) => {
  const pkt = new Packet(tcpFrame({ ipSrc: '10.1.2.3', ipDst: '192.168.0.1', dport: 22 }), 3);
  const key = pkt.key();
  const m = (fields: MatchField[]): boolean => matchesKey(compileMatch(fields, 'strict'), key);
  t.true(m([]));
  t.true(m([...TCP, { field: 'ipv4_src', value: '10.0.0.0', mask: '255.0.0.0' }, { field: 'tcp_dst', value: 22 }]));
  t.false(m([...TCP, { field: 'ipv4_src', value: '10.2.0.0', mask: '255.255.0.0' }]));
  t.true(m([{ field: 'in_port', value: 3 }]));
  t.false(m([{ field: 'in_port', value: 4 }]));
  t.true(m([{ field: 'vlan_vid', value: 0 }]), 'vlan_vid=0 (no tag) matches an untagged frame');
  t.false(m([{ field: 'vlan_vid', value: 0x1000, mask: 0x1000 }]), 'any-tag does not match an untagged frame');
  t.true(m([{ field: 'metadata', value: 0n }]));
  t.true(m([{ field: 'eth_dst', value: 'aa:55:aa:55:00:00', mask: 'ff:ff:ff:ff:ff:00' }]));
  t.true(m([{ field: 'ct_state', value: 0, mask: 0x20 }]), 'packets are untracked (-trk)');
  // Transport fields are absent from a UDP or ARP frame, so a TCP match fails there.
  t.false(matchesKey(compileMatch([...TCP, { field: 'tcp_dst', value: 22 }], 'strict'), new Packet(udpFrame({ dport: 22 }), 3).key()));
  t.false(matchesKey(compileMatch(exact({ eth_type: 0x0800 }), 'strict'), new Packet(arpFrame(), 3).key()));
  t.true(matchesKey(compileMatch(exact({ eth_type: 0x0800, ip_proto: 1, icmpv4_type: 8 }), 'strict'), new Packet(pingFrame(), 1).key()));
  t.true(matchesKey(compileMatch(exact({ vlan_vid: 0x1000 | 42 }), 'strict'), new Packet(udpFrame({ vlan: { vid: 42 } }), 1).key()));
});

test('loose selection: a flow is selected when it is at least as specific', (t) => {
  const c = (m: Match): ReturnType<typeof compileMatch> => compileMatch(m, 'strict');
  const flow = c([...TCP, { field: 'ipv4_dst', value: '10.0.0.1' }, { field: 'tcp_dst', value: 80 }]);
  t.true(isLooseMatch(flow, c([])));
  t.true(isLooseMatch(flow, c(TCP)));
  t.true(isLooseMatch(flow, c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' }])));
  t.false(isLooseMatch(flow, c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_dst', value: '10.0.1.0', mask: '255.255.255.0' }])));
  t.false(isLooseMatch(c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.0.0.0' }]),
    c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.0.0' }])), 'a wider flow is not selected');
  t.false(isLooseMatch(c(exact({ eth_type: 0x0800 })), c(TCP)));
});

test('overlap: some packet matches both', (t) => {
  const c = (m: Match): ReturnType<typeof compileMatch> => compileMatch(m, 'strict');
  t.true(matchesOverlap(c(exact({ in_port: 1 })), c(exact({ eth_type: 0x0800 }))));
  t.false(matchesOverlap(c(exact({ in_port: 1 })), c(exact({ in_port: 2 }))));
  t.true(matchesOverlap(c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_src', value: '10.0.0.0', mask: '255.0.0.0' }]),
    c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_src', value: '10.1.0.0', mask: '255.255.0.0' }])));
  t.false(matchesOverlap(c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_src', value: '10.0.0.0', mask: '255.0.0.0' }]),
    c([...exact({ eth_type: 0x0800 }), { field: 'ipv4_src', value: '11.0.0.0', mask: '255.0.0.0' }])));
});

const FIELDS_OF_TCP: KeyField[] = ['in_port', 'eth_src', 'eth_dst', 'eth_type', 'ip_dscp', 'ip_proto', 'ipv4_src', 'ipv4_dst', 'tcp_src', 'tcp_dst', 'nw_ttl'];

test('property: a match built from a packet\'s own fields under random masks matches it; flipping a masked bit does not', (t) => {
  const ip4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  fc.assert(fc.property(ip4, ip4, fc.nat(65535), fc.nat(65535), fc.nat(63), fc.integer({ min: 1, max: 255 }),
    fc.array(fc.constantFrom(...FIELDS_OF_TCP), { minLength: 1, maxLength: 5 }), fc.bigInt(0n, (1n << 128n) - 1n), fc.nat(1000),
    (ipSrc, ipDst, sport, dport, dscp, ttl, chosen, maskSeed, which) => {
      const key = new Packet(tcpFrame({ ipSrc, ipDst, sport, dport, tos: dscp << 2, ttl }), 5).key();
      const fields: MatchField[] = [...TCP];
      const masked: { name: KeyField; mask: bigint }[] = [];
      for (const name of new Set(chosen)) {
        if (name === 'eth_type' || name === 'ip_proto') continue;
        const f = fieldOf(name);
        const full = fullMask(f);
        const mask = f.maskable ? (maskSeed >> BigInt(f.index % 64)) & full : full;
        if (mask === 0n) continue;
        const v = key.get(name)! & mask;
        fields.push(f.maskable ? { field: name, value: fromBits(f, v), mask: fromBits(f, mask) } as MatchField : { field: name, value: fromBits(f, v) } as MatchField);
        masked.push({ name, mask });
      }
      const m = compileMatch(fields, 'strict');
      if (!matchesKey(m, key)) return false;
      if (masked.length === 0) return true;
      const target = masked[which % masked.length]!;
      const bits = [...Array(128).keys()].filter((i) => (target.mask >> BigInt(i)) & 1n);
      const bit = BigInt(bits[which % bits.length]!);
      const changed = new Map(key);
      changed.set(target.name, key.get(target.name)! ^ (1n << bit));
      return !matchesKey(m, changed);
    }), { numRuns: 300 });
  t.pass();
});
