import test from 'ava';
import { fieldOf, fromBits, type KeyField } from '../../src/agent/field-bits.js';
import { parseFrame } from '../../src/agent/packet-parser.js';
import type { FieldValue } from '../../src/openflow/match.js';
import { arpFrame, ethernet, MAC_A, MAC_B, ndSolicitFrame, pingFrame, sctpFrame, tcpFrame, udpFrame } from '../support/frames.js';

/** The parsed fields of 'frame' in their neutral formats. */
function fieldsOf(frame: Uint8Array): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of parseFrame(frame).key) out[k] = fromBits(fieldOf(k as KeyField), v);
  return out;
}

test('TCP over IPv4: Ethernet, IP and transport fields', (t) => {
  const f = fieldsOf(tcpFrame({ ipSrc: '192.168.1.10', ipDst: '10.1.2.3', sport: 40000, dport: 443, tos: (46 << 2) | 1, ttl: 17, flags: 0x012 }));
  t.deepEqual(f, {
    eth_dst: MAC_B, eth_src: MAC_A, vlan_tci: 0, eth_type: 0x0800, ip_dscp: 46, ip_ecn: 1, nw_ttl: 17, ip_proto: 6, ip_frag: 0,
    ipv4_src: '192.168.1.10', ipv4_dst: '10.1.2.3', tcp_src: 40000, tcp_dst: 443, tcp_flags: 0x012,
  });
});

test('an 802.1Q tag gives vlan_tci with the present bit, and the inner Ethertype', (t) => {
  const f = fieldsOf(udpFrame({ vlan: { vid: 100, pcp: 5 }, sport: 68, dport: 67 }));
  t.is(f.vlan_tci, (5 << 13) | 0x1000 | 100);
  t.is(f.eth_type, 0x0800);
  t.is(f.udp_src, 68);
  t.is(f.udp_dst, 67);
  t.is(parseFrame(udpFrame({ vlan: { vid: 100 } })).layout.l3At, 18);
});

test('ARP request: op, addresses', (t) => {
  const f = fieldsOf(arpFrame({ op: 1, spa: '10.0.0.1', tpa: '10.0.0.9', sha: MAC_A }));
  t.like(f, { eth_type: 0x0806, arp_op: 1, arp_spa: '10.0.0.1', arp_tpa: '10.0.0.9', arp_sha: MAC_A, arp_tha: '00:00:00:00:00:00' });
  t.false('ip_proto' in f);
});

test('IPv6 UDP: traffic class, flow label, hop limit, addresses', (t) => {
  const f = fieldsOf(udpFrame({ ipSrc: '2001:db8::1', ipDst: 'fe80::2', tos: (10 << 2) | 2, flowLabel: 0x12345, ttl: 3 }));
  t.like(f, {
    eth_type: 0x86dd, ip_dscp: 10, ip_ecn: 2, ipv6_flabel: 0x12345, nw_ttl: 3, ip_proto: 17,
    ipv6_src: '2001:db8::1', ipv6_dst: 'fe80::2', udp_src: 5000, udp_dst: 53,
  });
});

test('ICMPv4 and ICMPv6 types and codes; ND target and source link-layer address', (t) => {
  t.like(fieldsOf(pingFrame()), { ip_proto: 1, icmpv4_type: 8, icmpv4_code: 0 });
  t.like(fieldsOf(pingFrame({ ipSrc: '2001:db8::1', ipDst: '2001:db8::2' })), { ip_proto: 58, icmpv6_type: 128, icmpv6_code: 0 });
  const nd = fieldsOf(ndSolicitFrame({ target: '2001:db8::2', sll: MAC_A }));
  t.like(nd, { icmpv6_type: 135, ipv6_nd_target: '2001:db8::2', ipv6_nd_sll: MAC_A });
  t.false('ipv6_nd_tll' in nd);
});

test('SCTP ports', (t) => {
  t.like(fieldsOf(sctpFrame({ sport: 9, dport: 10 })), { ip_proto: 132, sctp_src: 9, sctp_dst: 10 });
});

test('IPv4 fragments: the first has transport fields, later ones do not (ip_frag 3)', (t) => {
  t.like(fieldsOf(tcpFrame({ moreFragments: true })), { ip_frag: 1, tcp_dst: 80 });
  const later = fieldsOf(tcpFrame({ fragOffset: 10 }));
  t.is(later.ip_frag, 3);
  t.false('tcp_dst' in later);
});

test('802.3 frames get eth_type 0x05ff; short or broken headers stop parsing', (t) => {
  t.like(fieldsOf(ethernet({}, 0x0040, Buffer.alloc(64))), { eth_type: 0x05ff });
  t.deepEqual(fieldsOf(new Uint8Array(10)), {});
  // An IPv4 header cut short: Ethernet fields only.
  const cut = tcpFrame().subarray(0, 14 + 12);
  t.deepEqual(Object.keys(fieldsOf(cut)).sort(), ['eth_dst', 'eth_src', 'eth_type', 'vlan_tci']);
  // A TCP header cut short: IP fields but no TCP fields.
  const f = fieldsOf(tcpFrame().subarray(0, 14 + 20 + 10));
  t.is(f.ip_proto, 6);
  t.false('tcp_src' in f);
});

test('MPLS: the top label', (t) => {
  const lse = Buffer.alloc(4);
  lse.writeUInt32BE(((1234 << 12) | (5 << 9) | (1 << 8) | 64) >>> 0);
  t.like(fieldsOf(ethernet({}, 0x8847, Buffer.concat([lse, Buffer.alloc(20)]))), { eth_type: 0x8847, mpls_label: 1234, mpls_tc: 5, mpls_bos: 1 });
});
