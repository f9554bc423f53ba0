// Matching many kinds of fields on real frames, through the switch: for
// each case a flow is installed (as a controller would, OF1.3), then a
// frame that should hit it and one that should not are injected.

import test from 'ava';
import type { Match, MatchField } from '../../src/openflow/match.js';
import {
  arpFrame, ethernet, MAC_A, ndSolicitFrame, pingFrame, sctpFrame, tcpFrame, udpFrame,
} from '../support/frames.js';
import { apply, exact, output, Rig } from '../support/switch-harness.js';

interface Case {
  readonly title: string;
  readonly match: Match;
  readonly hit: Uint8Array;
  readonly miss: Uint8Array;
}

const IP4 = exact({ eth_type: 0x0800 });
const IP6 = exact({ eth_type: 0x86dd });
const f = (field: string, value: number | bigint | string, mask?: number | bigint | string): MatchField =>
  (mask === undefined ? { field, value } : { field, value, mask }) as MatchField;
const mplsFrame = (label: number): Buffer => {
  const lse = Buffer.alloc(4);
  lse.writeUInt32BE(((label << 12) | 0x100 | 64) >>> 0);
  return ethernet({}, 0x8847, Buffer.concat([lse, Buffer.alloc(30)]));
};

const CASES: readonly Case[] = [
  { title: 'eth_src under a mask', match: [f('eth_src', 'aa:55:aa:00:00:00', 'ff:ff:ff:00:00:00')], hit: tcpFrame({ src: 'aa:55:aa:12:34:56' }), miss: tcpFrame({ src: 'aa:55:ab:12:34:56' }) },
  { title: 'eth_dst multicast bit', match: [f('eth_dst', '01:00:00:00:00:00', '01:00:00:00:00:00')], hit: tcpFrame({ dst: '01:00:5e:00:00:fb' }), miss: tcpFrame() },
  { title: 'vlan_vid exact', match: [f('vlan_vid', 0x1000 | 7)], hit: udpFrame({ vlan: { vid: 7 } }), miss: udpFrame({ vlan: { vid: 8 } }) },
  { title: 'vlan_vid none (untagged)', match: [f('vlan_vid', 0)], hit: udpFrame(), miss: udpFrame({ vlan: { vid: 8 } }) },
  { title: 'vlan_pcp', match: [f('vlan_vid', 0x1000, 0x1000), f('vlan_pcp', 5)], hit: udpFrame({ vlan: { vid: 3, pcp: 5 } }), miss: udpFrame({ vlan: { vid: 3, pcp: 4 } }) },
  { title: 'ip_dscp and ip_ecn', match: [...IP4, f('ip_dscp', 46), f('ip_ecn', 1)], hit: udpFrame({ tos: (46 << 2) | 1 }), miss: udpFrame({ tos: 46 << 2 }) },
  { title: 'nw_ttl', match: [...IP4, f('nw_ttl', 1)], hit: udpFrame({ ttl: 1 }), miss: udpFrame({ ttl: 2 }) },
  { title: 'ipv4_dst prefix', match: [...IP4, f('ipv4_dst', '192.168.4.0', '255.255.252.0')], hit: udpFrame({ ipDst: '192.168.7.255' }), miss: udpFrame({ ipDst: '192.168.8.1' }) },
  { title: 'ip_frag later', match: [...IP4, f('ip_frag', 3, 3)], hit: udpFrame({ fragOffset: 100 }), miss: udpFrame({ moreFragments: true }) },
  { title: 'tcp_flags SYN without ACK', match: [...exact({ eth_type: 0x0800, ip_proto: 6 }), f('tcp_flags', 0x002, 0x012)], hit: tcpFrame({ flags: 0x002 }), miss: tcpFrame({ flags: 0x012 }) },
  { title: 'tcp_src range by mask', match: [...exact({ eth_type: 0x0800, ip_proto: 6 }), f('tcp_src', 0x1000, 0xf000)], hit: tcpFrame({ sport: 0x1abc }), miss: tcpFrame({ sport: 0x2abc }) },
  { title: 'udp_dst', match: [...exact({ eth_type: 0x0800, ip_proto: 17 }), f('udp_dst', 4789)], hit: udpFrame({ dport: 4789 }), miss: udpFrame({ dport: 4790 }) },
  { title: 'sctp_dst', match: [...exact({ eth_type: 0x0800, ip_proto: 132 }), f('sctp_dst', 38412)], hit: sctpFrame({ dport: 38412 }), miss: sctpFrame({ dport: 38413 }) },
  { title: 'icmpv4 type', match: [...exact({ eth_type: 0x0800, ip_proto: 1 }), f('icmpv4_type', 8), f('icmpv4_code', 0)], hit: pingFrame(), miss: pingFrame({ type: 0 }) },
  { title: 'arp_op and arp_tpa', match: [...exact({ eth_type: 0x0806 }), f('arp_op', 1), f('arp_tpa', '10.0.0.254')], hit: arpFrame({ tpa: '10.0.0.254' }), miss: arpFrame({ op: 2, tpa: '10.0.0.254' }) },
  { title: 'arp_sha', match: [...exact({ eth_type: 0x0806 }), f('arp_sha', MAC_A)], hit: arpFrame({ sha: MAC_A }), miss: arpFrame({ sha: 'aa:55:aa:55:00:09' }) },
  { title: 'ipv6_src prefix', match: [...IP6, f('ipv6_src', '2001:db8::', 'ffff:ffff::')], hit: udpFrame({ ipSrc: '2001:db8:1::5', ipDst: '2001:db8::2' }), miss: udpFrame({ ipSrc: '2001:db9::5', ipDst: '2001:db8::2' }) },
  { title: 'ipv6_flabel', match: [...IP6, f('ipv6_flabel', 0x12345)], hit: udpFrame({ ipSrc: '::1', ipDst: '::2', flowLabel: 0x12345 }), miss: udpFrame({ ipSrc: '::1', ipDst: '::2', flowLabel: 0x12346 }) },
  { title: 'icmpv6 type', match: [...exact({ eth_type: 0x86dd, ip_proto: 58 }), f('icmpv6_type', 128)], hit: pingFrame({ ipSrc: '::1', ipDst: '::2' }), miss: pingFrame({ ipSrc: '::1', ipDst: '::2', type: 129 }) },
  { title: 'ND target', match: [...exact({ eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 135 }), f('ipv6_nd_target', '2001:db8::2')], hit: ndSolicitFrame({ target: '2001:db8::2' }), miss: ndSolicitFrame({ target: '2001:db8::3' }) },
  { title: 'mpls_label', match: [...exact({ eth_type: 0x8847 }), f('mpls_label', 16)], hit: mplsFrame(16), miss: mplsFrame(17) },
  { title: 'in_port', match: [f('in_port', 1)], hit: tcpFrame(), miss: tcpFrame() },
];

for (const c of CASES) {
  test(`matching ${c.title} on real frames`, async (t) => {
    const rig = new Rig();
    await rig.addFlow(t, { match: c.match, instructions: apply(output(2)) });
    t.deepEqual(rig.inject(1, c.hit), [2]);
    t.deepEqual(rig.inject(c.title === 'in_port' ? 3 : 1, c.miss), []);
  });
}
