// Matches, actions and instructions as Open vSwitch itself encodes them:
// `ovs-ofctl add-flows` talks to a stand-in switch (test/support/
// capture-switch.ts); every FLOW_MOD it sends must decode, give the fields
// and actions the flow text names, and re-encode to the same bytes.

import test from 'ava';
import { decodeActions, encodeActions, type Action } from '../../src/openflow/actions.js';
import { decodeInstructions, encodeInstructions, type Instruction } from '../../src/openflow/instructions.js';
import {
  decodeNxmMatch, decodeOfp10Match, decodeOxmMatch, encodeNxmMatch, encodeOfp10Match, encodeOxmMatch, type Match,
} from '../../src/openflow/match.js';
import { WireReader } from '../../src/openflow/wire-reader.js';
import { WireWriter } from '../../src/openflow/wire-writer.js';
import { captureOvsOfctl } from '../support/capture-switch.js';
import { hasOvsOfctl } from '../support/ofp-peers.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Decoded {
  match: Match;
  /** OF1.0: actions; OF1.1+: undefined. */
  actions?: Action[];
  instructions?: Instruction[];
}

/** Decodes one captured flow mod and checks that it re-encodes to the same bytes. */
function roundTrip(t: import('ava').ExecutionContext, msg: Buffer): Decoded {
  const version = msg[0]!;
  const type = msg[1]!;
  if (version === 1 && type === 14) {
    const r = new WireReader(msg, 8);
    const match = decodeOfp10Match(r);
    const actions = decodeActions(new WireReader(msg, 72), msg.length - 72, 1);
    const w = new WireWriter();
    encodeOfp10Match(w, match);
    w.bytes(msg.subarray(48, 72));
    encodeActions(w, actions, 1);
    t.is(hex(w.finish()), hex(msg.subarray(8)), 'OF1.0 flow mod re-encodes');
    return { match, actions };
  }
  if (version === 1 && type === 4 && msg.readUInt32BE(12) === 13) {
    const matchLen = msg.readUInt16BE(40);
    const match = decodeNxmMatch(new WireReader(msg, 48), matchLen);
    const actStart = 48 + ((matchLen + 7) & ~7);
    const actions = decodeActions(new WireReader(msg, actStart), msg.length - actStart, 1);
    const w = new WireWriter();
    const n = encodeNxmMatch(w, match);
    w.zeros((8 - (n % 8)) % 8);
    encodeActions(w, actions, 1);
    t.is(hex(w.finish()), hex(msg.subarray(48)), 'NXT_FLOW_MOD re-encodes');
    return { match, actions };
  }
  t.is(type, 14, `unexpected message ${hex(msg)}`);
  const r = new WireReader(msg, 48);
  const match = decodeOxmMatch(r);
  const instructions = decodeInstructions(r, msg.length - r.pos, version);
  const w = new WireWriter();
  encodeOxmMatch(w, match);
  encodeInstructions(w, instructions, version);
  t.is(hex(w.finish()), hex(msg.subarray(48)), `OF wire version ${version} flow mod re-encodes`);
  return { match, instructions };
}

const OXM_FLOWS = [
  'in_port=1,tcp,nw_src=10.0.0.0/8,tp_dst=80,actions=output:2',
  'priority=5,arp,arp_tpa=10.0.0.1,arp_op=2,arp_sha=00:11:22:33:44:55,actions=NORMAL',
  'dl_vlan=100,dl_vlan_pcp=3,dl_src=00:00:00:00:00:01/01:00:00:00:00:00,actions=strip_vlan,output:3',
  'ipv6,ipv6_src=2001:db8::/32,ipv6_label=0x12345,nw_tos=184,nw_ecn=1,actions=set_field:fe80::1->ipv6_dst,dec_ttl,CONTROLLER:100',
  'udp,udp_src=53,tun_id=0x55/0xff,reg5=0x10,metadata=0x7/0xf,actions=set_queue:3,group:1',
  'icmp,icmp_type=8,icmp_code=0,ct_state=+trk+est,ct_zone=5,ct_mark=3,pkt_mark=9,actions=controller(reason=no_match,id=7,max_len=200)',
  'mpls,mpls_label=5,mpls_tc=2,mpls_bos=1,actions=pop_mpls:0x0800,output:1',
  'ip,ip_frag=first,nw_ttl=64,actions=mod_nw_ttl:9,mod_nw_src:1.2.3.4,mod_dl_dst:00:00:00:00:00:09',
  'tcp,tcp_flags=+syn-ack,tp_src=0x1000/0xf000,actions=write_actions(output:5),goto_table:3',
  'sctp,sctp_dst=99,vlan_tci=0x1000/0x1000,actions=push_vlan:0x8100,set_field:4097->vlan_vid,write_metadata:0x5/0xff',
  'dl_type=0x88cc,dl_dst=01:80:c2:00:00:0e,actions=drop',
  'in_port=LOCAL,actions=enqueue:1:2,clear_actions',
  'icmp6,icmp_type=135,nd_target=fe80::1,nd_sll=00:00:00:00:00:02,actions=meter:1,output:1',
];

test('§4.7 ovs-ofctl OF1.3 flow mods: OXM matches and instructions decode and re-encode byte for byte', async (t) => {
  if (!hasOvsOfctl) return t.log('ovs-ofctl not installed') as unknown as void;
  const msgs = await captureOvsOfctl(4, 'OpenFlow13', OXM_FLOWS);
  t.is(msgs.length, OXM_FLOWS.length);
  const d = msgs.map((m) => roundTrip(t, m));
  t.deepEqual(d[0]!.match, [{ field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x0800 },
    { field: 'ipv4_src', value: '10.0.0.0', mask: '255.0.0.0' }, { field: 'ip_proto', value: 6 }, { field: 'tcp_dst', value: 80 }]);
  t.deepEqual(d[0]!.instructions, [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] }]);
  t.true(d[3]!.match.some((f) => f.field === 'ipv6_src' && 'value' in f && f.value === '2001:db8::' && f.mask === 'ffff:ffff::'));
  t.true(d[3]!.match.some((f) => f.field === 'ip_dscp' && 'value' in f && f.value === 46));
  t.deepEqual(d[5]!.instructions, [{ type: 'apply_actions', actions: [{ type: 'controller', maxLen: 200, controllerId: 7, reason: 0 }] }]);
  // OVS writes tun_id in OF1.3 as OXM_OF_TUNNEL_ID.
  t.true(d[4]!.match.some((f) => f.field === 'tunnel_id' && 'value' in f && f.value === 0x55n && f.mask === 0xffn));
  // OVS writes tcp_flags in OF1.3 as ONF's experimenter OXM: kept opaque.
  t.true(d[8]!.match.some((f) => f.field === 'opaque'));
  t.deepEqual(d[8]!.instructions!.map((i) => i.type), ['write_actions', 'goto_table']);
  t.deepEqual(d[12]!.instructions!.map((i) => i.type), ['meter', 'apply_actions']);
});

test('§4.7 ovs-ofctl OF1.5 flow mods decode and re-encode byte for byte', async (t) => {
  if (!hasOvsOfctl) return t.log('ovs-ofctl not installed') as unknown as void;
  const flows = [...OXM_FLOWS.filter((f) => !f.includes('meter')), 'actions=set_field:0x5/0xff->reg3'];
  const msgs = await captureOvsOfctl(6, 'OpenFlow15', flows);
  t.is(msgs.length, flows.length);
  const d = msgs.map((m) => roundTrip(t, m));
  t.deepEqual(d.at(-1)!.instructions, [{ type: 'apply_actions',
    actions: [{ type: 'set_field', field: { field: 'reg3', value: 5, mask: 0xff } }] }]);
  // OF1.5 has tcp_flags as a basic field.
  t.true(d[8]!.match.some((f) => f.field === 'tcp_flags'));
});

const OF10_FLOWS = [
  'in_port=1,tcp,nw_src=10.0.0.0/8,tp_dst=80,actions=output:2',
  'arp,arp_tpa=10.0.0.1,arp_op=2,actions=NORMAL',
  'dl_vlan=100,dl_vlan_pcp=3,dl_src=00:00:00:00:00:01,actions=strip_vlan,mod_vlan_vid:5,mod_vlan_pcp:2,output:3',
  'vlan_tci=0,actions=mod_dl_src:00:00:00:00:00:07,mod_nw_dst:10.1.1.1,output:IN_PORT',
  'udp,nw_tos=184,udp_src=53,actions=mod_nw_tos:4,mod_tp_src:99,enqueue:1:2',
  'icmp,icmp_type=8,icmp_code=0,actions=dec_ttl,set_queue:5,CONTROLLER:100,controller(reason=invalid_ttl)',
  'in_port=65534,dl_dst=ff:ff:ff:ff:ff:ff,actions=push_mpls:0x8847,set_mpls_ttl(4),dec_mpls_ttl,group:3,FLOOD',
  'ip,nw_dst=192.168.1.0/24,actions=ALL',
];

test('§4.3.4 ovs-ofctl OF1.0 flow mods: ofp_match and actions decode and re-encode byte for byte', async (t) => {
  if (!hasOvsOfctl) return t.log('ovs-ofctl not installed') as unknown as void;
  const msgs = (await captureOvsOfctl(1, 'OpenFlow10', OF10_FLOWS)).filter((m) => m[1] === 14);
  t.is(msgs.length, OF10_FLOWS.length);
  const d = msgs.map((m) => roundTrip(t, m));
  t.deepEqual(d[1]!.match, [{ field: 'eth_type', value: 0x0806 }, { field: 'arp_op', value: 2 }, { field: 'arp_tpa', value: '10.0.0.1' }]);
  t.deepEqual(d[2]!.actions, [{ type: 'strip_vlan' }, { type: 'set_vlan_vid', vid: 5 }, { type: 'set_vlan_pcp', pcp: 2 },
    { type: 'output', port: 3, maxLen: 0 }]);
  t.deepEqual(d[3]!.match, [{ field: 'vlan_vid', value: 0 }, { field: 'vlan_pcp', value: 0 }]);
  t.deepEqual(d[5]!.actions, [{ type: 'dec_nw_ttl' }, { type: 'set_queue', queueId: 5 },
    { type: 'output', port: 0xfffffffd, maxLen: 100 }, { type: 'controller', maxLen: 0xffff, controllerId: 0, reason: 2 }]);
  t.deepEqual(d[4]!.match.find((f) => f.field === 'ip_dscp'), { field: 'ip_dscp', value: 46 });
});

test('§4.3.4 ovs-ofctl NXM flow mods (-F nxm): NXM matches decode and re-encode byte for byte', async (t) => {
  if (!hasOvsOfctl) return t.log('ovs-ofctl not installed') as unknown as void;
  const flows = [...OXM_FLOWS.filter((f) => !/metadata|mpls|sctp|goto|write_|meter|clear_/.test(f)),
    ...OF10_FLOWS.filter((f) => !f.includes('enqueue')), 'tcp,tcp_flags=+syn-ack,actions=drop'];
  const msgs = (await captureOvsOfctl(1, 'OpenFlow10', flows, ['-F', 'nxm'])).filter((m) => m[1] === 4 && m.readUInt32BE(12) === 13);
  t.is(msgs.length, flows.length);
  const d = msgs.map((m) => roundTrip(t, m));
  t.deepEqual(d[0]!.match, [{ field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x0800 },
    { field: 'ipv4_src', value: '10.0.0.0', mask: '255.0.0.0' }, { field: 'ip_proto', value: 6 }, { field: 'tcp_dst', value: 80 }]);
  t.true(d.at(-1)!.match.some((f) => f.field === 'tcp_flags'));
});
