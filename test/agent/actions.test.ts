// Action execution on real frames: header rewrites (bytes and checksums,
// checked by an independent recomputation), VLAN and MPLS, TTLs, groups,
// the action set, goto_table and metadata, and the packet-ins each way of
// reaching the controller raises.

import test from 'ava';
import { fieldOf, fromBits, type KeyField } from '../../src/agent/field-bits.js';
import { parseFrame } from '../../src/agent/packet-parser.js';
import type { Action } from '../../src/openflow/actions.js';
import type { Bucket } from '../../src/openflow/group-mod.js';
import type { FieldValue, Match, MatchField } from '../../src/openflow/match.js';
import { OFPP_ALL, OFPP_ANY, OFPP_CONTROLLER, OFPP_FLOOD, OFPP_IN_PORT, OFPP_LOCAL } from '../../src/openflow/port-number.js';
import {
  checkChecksums, ethernet, hexOf, ndSolicitFrame, pingFrame, sctpFrame, tcpFrame, udpFrame,
} from '../support/frames.js';
import { apply, exact, flowMod, output, Rig } from '../support/switch-harness.js';

function fieldsOf(frame: Uint8Array): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of parseFrame(frame).key) out[k] = fromBits(fieldOf(k as KeyField), v);
  return out;
}

function setField(field: string, value: FieldValue): Action {
  return { type: 'set_field', field: { field, value } as MatchField };
}

/** Installs one flow for 'match' applying 'actions' then output:2, injects 'frame' on port 1, returns what left on port 2. */
async function rewrite(t: Parameters<Rig['ok']>[0], match: Match, actions: Action[], frame: Uint8Array, version = 4): Promise<Uint8Array> {
  const rig = new Rig();
  await rig.addFlow(t, { version, match, instructions: apply(...actions, output(2)) });
  const out = rig.sw.inject(1, frame);
  t.is(out.length, 1);
  return out[0]!.frame;
}

const IP = exact({ eth_type: 0x0800 });
const TCP = exact({ eth_type: 0x0800, ip_proto: 6 });
const UDP = exact({ eth_type: 0x0800, ip_proto: 17 });

test('set_field of Ethernet addresses rewrites those bytes only', async (t) => {
  const before = tcpFrame();
  const after = await rewrite(t, [], [setField('eth_src', '02:00:00:00:00:aa'), setField('eth_dst', '02:00:00:00:00:bb')], before);
  t.like(fieldsOf(after), { eth_src: '02:00:00:00:00:aa', eth_dst: '02:00:00:00:00:bb' });
  t.is(hexOf(after.subarray(12)), hexOf(before.subarray(12)));
});

test('set_field of IPv4 addresses, DSCP, ECN and TTL keeps the IP and TCP checksums valid', async (t) => {
  const before = tcpFrame({ ipSrc: '10.0.0.1', ipDst: '10.0.0.2', ttl: 64 });
  t.deepEqual(checkChecksums(before), { ipv4: true, l4: true });
  const after = await rewrite(t, TCP, [
    setField('ipv4_src', '192.0.2.55'), setField('ipv4_dst', '198.51.100.7'), setField('ip_dscp', 46), setField('ip_ecn', 2), setField('nw_ttl', 9),
  ], before);
  t.like(fieldsOf(after), { ipv4_src: '192.0.2.55', ipv4_dst: '198.51.100.7', ip_dscp: 46, ip_ecn: 2, nw_ttl: 9 });
  t.deepEqual(checkChecksums(after), { ipv4: true, l4: true });
});

test('set_field of transport ports keeps TCP and UDP checksums valid; a UDP checksum of 0 stays 0', async (t) => {
  const tcp = await rewrite(t, TCP, [setField('tcp_src', 1), setField('tcp_dst', 65535)], tcpFrame());
  t.like(fieldsOf(tcp), { tcp_src: 1, tcp_dst: 65535 });
  t.deepEqual(checkChecksums(tcp), { ipv4: true, l4: true });
  const udp = await rewrite(t, UDP, [setField('udp_dst', 5353), setField('ipv4_dst', '224.0.0.251')], udpFrame());
  t.like(fieldsOf(udp), { udp_dst: 5353, ipv4_dst: '224.0.0.251' });
  t.deepEqual(checkChecksums(udp), { ipv4: true, l4: true });
  const none = await rewrite(t, UDP, [setField('udp_dst', 99), setField('ipv4_src', '1.1.1.1')], udpFrame({ noChecksum: true }));
  t.is(Buffer.from(none).readUInt16BE(14 + 20 + 6), 0);
  t.deepEqual(checkChecksums(none), { ipv4: true });
});

test('a wrong checksum stays wrong (updates are incremental, as in OVS)', async (t) => {
  const broken = Buffer.from(tcpFrame());
  broken.writeUInt16BE(broken.readUInt16BE(14 + 20 + 16) ^ 0x0101, 14 + 20 + 16);
  const after = await rewrite(t, TCP, [setField('tcp_dst', 8080)], broken);
  t.deepEqual(checkChecksums(after), { ipv4: true, l4: false });
});

test('IPv6, ICMP, ICMPv6 ND and SCTP rewrites keep their checksums valid', async (t) => {
  const v6 = await rewrite(t, exact({ eth_type: 0x86dd, ip_proto: 17 }), [setField('ipv6_src', '2001:db8::99'), setField('ipv6_flabel', 0xabcde), setField('udp_src', 7)],
    udpFrame({ ipSrc: '2001:db8::1', ipDst: '2001:db8::2' }));
  t.like(fieldsOf(v6), { ipv6_src: '2001:db8::99', ipv6_flabel: 0xabcde, udp_src: 7 });
  t.deepEqual(checkChecksums(v6), { l4: true });
  const icmp = await rewrite(t, exact({ eth_type: 0x0800, ip_proto: 1 }), [setField('icmpv4_type', 0), setField('ipv4_src', '10.9.9.9')], pingFrame());
  t.like(fieldsOf(icmp), { icmpv4_type: 0, ipv4_src: '10.9.9.9' });
  t.deepEqual(checkChecksums(icmp), { ipv4: true, l4: true });
  const nd = await rewrite(t, exact({ eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 135 }),
    [setField('ipv6_nd_target', '2001:db8::77'), setField('ipv6_nd_sll', '02:00:00:00:00:01')], ndSolicitFrame({ target: '2001:db8::2' }));
  t.like(fieldsOf(nd), { ipv6_nd_target: '2001:db8::77', ipv6_nd_sll: '02:00:00:00:00:01' });
  t.deepEqual(checkChecksums(nd), { l4: true });
  const sctp = await rewrite(t, exact({ eth_type: 0x0800, ip_proto: 132 }), [setField('sctp_dst', 2905)], sctpFrame());
  t.like(fieldsOf(sctp), { sctp_dst: 2905 });
  t.deepEqual(checkChecksums(sctp), { ipv4: true, l4: true });
});

test('OpenFlow 1.0 set actions: set_vlan_vid pushes a tag on an untagged frame, strip_vlan removes it; set_nw/tp actions', async (t) => {
  const tagged = await rewrite(t, [], [{ type: 'set_vlan_vid', vid: 42 }, { type: 'set_vlan_pcp', pcp: 6 }], tcpFrame(), 1);
  t.like(fieldsOf(tagged), { vlan_tci: 0x1000 | (6 << 13) | 42, eth_type: 0x0800, tcp_dst: 80 });
  t.is(tagged.length, tcpFrame().length + 4);
  const stripped = await rewrite(t, [], [{ type: 'strip_vlan' }], tagged, 1);
  t.is(hexOf(stripped), hexOf(tcpFrame()));
  const nw = await rewrite(t, [], [{ type: 'set_nw_dst', ip: '172.16.0.1' }, { type: 'set_tp_dst', port: 8443 }, { type: 'set_nw_tos', tos: 0x28 }, { type: 'set_dl_dst', mac: '02:00:00:00:00:09' }], tcpFrame(), 1);
  t.like(fieldsOf(nw), { ipv4_dst: '172.16.0.1', tcp_dst: 8443, ip_dscp: 0x28 >> 2, eth_dst: '02:00:00:00:00:09' });
  t.deepEqual(checkChecksums(nw), { ipv4: true, l4: true });
  // On an ARP frame the IP rewrite has nothing to change.
  const arp = ethernet({}, 0x0806, Buffer.alloc(28));
  t.is(hexOf(await rewrite(t, [], [{ type: 'set_nw_dst', ip: '1.2.3.4' }], arp, 1)), hexOf(arp));
});

test('push_vlan (VID 0, as OVS) then set_field vlan_vid; pop_vlan', async (t) => {
  const pushed = await rewrite(t, [], [{ type: 'push_vlan', ethertype: 0x8100 }, setField('vlan_vid', 0x1000 | 300), setField('vlan_pcp', 2)], udpFrame());
  t.like(fieldsOf(pushed), { vlan_tci: 0x1000 | (2 << 13) | 300, eth_type: 0x0800 });
  t.is(Buffer.from(pushed).readUInt16BE(12), 0x8100);
  const popped = await rewrite(t, exact({ vlan_vid: 0x1000 | 300 }), [{ type: 'pop_vlan' }], pushed);
  t.is(hexOf(popped), hexOf(udpFrame()));
});

test('push_mpls / pop_mpls and MPLS TTLs', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { match: exact({ in_port: 1 }), instructions: apply({ type: 'push_mpls', ethertype: 0x8847 }, setField('mpls_label', 1000), output(2)) });
  await rig.addFlow(t, { match: [...exact({ in_port: 3, eth_type: 0x8847, mpls_label: 1000 })], instructions: apply({ type: 'dec_mpls_ttl' }, { type: 'pop_mpls', ethertype: 0x0800 }, output(4)) });
  const [m] = rig.sw.inject(1, tcpFrame({ ttl: 33 }));
  t.like(fieldsOf(m!.frame), { eth_type: 0x8847, mpls_label: 1000, mpls_bos: 1 });
  t.is(m!.frame[14 + 3], 33, 'the label TTL comes from the IP TTL');
  const [back] = rig.sw.inject(3, m!.frame);
  t.is(back!.port, 4);
  t.is(hexOf(back!.frame), hexOf(tcpFrame({ ttl: 33 })));
});

test('dec_nw_ttl decrements with the checksum; at TTL 1 an invalid_ttl packet-in and nothing more', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { match: IP, cookie: 77n, tableId: 0, instructions: [...apply({ type: 'dec_nw_ttl' }, output(2)), { type: 'write_actions', actions: [output(3)] }] });
  const [a, b] = rig.sw.inject(1, tcpFrame({ ttl: 2 }));
  t.is(a!.port, 2);
  t.is(b!.port, 3);
  t.like(fieldsOf(a!.frame), { nw_ttl: 1 });
  t.deepEqual(checkChecksums(a!.frame), { ipv4: true, l4: true });
  t.deepEqual(rig.inject(1, tcpFrame({ ttl: 1 })), [], 'no output, not even the action set');
  const pins = await rig.packetIns();
  t.is(pins.length, 1);
  t.like(pins[0], { reason: 'invalid_ttl', cookie: 77n, tableId: 0, controllerId: 0 });
  t.is(hexOf(pins[0]!.frame), hexOf(tcpFrame({ ttl: 1 })));
  // Not IP: nothing to decrement.
  await rig.addFlow(t, { priority: 1, match: exact({ eth_type: 0x0806 }), instructions: apply({ type: 'dec_nw_ttl' }, output(2)) });
  t.deepEqual(rig.inject(1, ethernet({}, 0x0806, Buffer.alloc(28))), [2]);
});

test('output: IN_PORT, FLOOD, ALL, LOCAL, and a port equal to in_port (skipped)', async (t) => {
  const rig = new Rig();
  await rig.ok(t, { type: 'port_mod', version: 1, xid: 1, portNo: 3, hwAddr: rig.sw.features().ports.find((p) => p.portNo === 3)!.hwAddr, config: 0x10, mask: 0x10, advertise: 0 });
  await rig.addFlow(t, { match: exact({ in_port: 1 }), instructions: apply(output(OFPP_FLOOD)) });
  await rig.addFlow(t, { match: exact({ in_port: 2 }), instructions: apply(output(OFPP_ALL)) });
  await rig.addFlow(t, { match: exact({ in_port: 3 }), instructions: apply(output(3), output(OFPP_IN_PORT), output(OFPP_LOCAL)) });
  t.deepEqual(rig.inject(1, tcpFrame()), [2, 4, OFPP_LOCAL], 'FLOOD skips the input port and NO_FLOOD port 3');
  t.deepEqual(rig.inject(2, tcpFrame()), [1, 3, 4, OFPP_LOCAL]);
  t.deepEqual(rig.inject(3, tcpFrame()), [3, OFPP_LOCAL]);
});

test('output to CONTROLLER: reason action, explicit_miss from a table-miss flow, action_set; max_len and cookie', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 5, cookie: 1n, match: exact({ in_port: 1 }), instructions: apply(output(OFPP_CONTROLLER, 128)) });
  await rig.addFlow(t, { priority: 5, cookie: 2n, match: exact({ in_port: 2 }), instructions: [{ type: 'write_actions', actions: [output(OFPP_CONTROLLER, 64)] }] });
  await rig.addFlow(t, { priority: 0, cookie: 3n, match: [], instructions: apply(output(OFPP_CONTROLLER, 0xffff)) });
  await rig.addFlow(t, { priority: 5, cookie: 4n, match: exact({ in_port: 4 }), instructions: apply({ type: 'controller', maxLen: 200, controllerId: 123, reason: 0 }) });
  rig.inject(1, tcpFrame());
  rig.inject(2, tcpFrame());
  rig.inject(3, tcpFrame());
  rig.inject(4, tcpFrame());
  const pins = await rig.packetIns();
  t.deepEqual(pins.map((p) => [p.reason, p.cookie, p.maxLen, p.controllerId]), [
    ['action', 1n, 128, 0], ['action_set', 2n, 64, 0], ['explicit_miss', 3n, 0xffff, 0], ['no_match', 4n, 200, 123],
  ]);
  t.deepEqual(pins[0]!.metadata, [{ field: 'in_port', value: 1 }]);
  t.is(hexOf(pins[0]!.frame), hexOf(tcpFrame()), 'the whole frame; connmgr truncates');
});

test('table miss: dropped by default, an implicit_miss packet-in when missSendsToController (§4.8.7), not for NO_PACKET_IN ports', async (t) => {
  const rig = new Rig();
  t.deepEqual(rig.inject(1, tcpFrame()), []);
  t.deepEqual(await rig.packetIns(), []);
  rig.sw.missSendsToController = true;
  rig.inject(1, tcpFrame());
  const [pin] = await rig.packetIns();
  t.like(pin, { reason: 'implicit_miss', tableId: 0, cookie: 0n, controllerId: 0, maxLen: 0xffff });
  // A miss in a later table reports that table.
  await rig.addFlow(t, { match: [], instructions: [{ type: 'goto_table', tableId: 3 }] });
  rig.inject(1, tcpFrame());
  t.like((await rig.packetIns())[0], { reason: 'implicit_miss', tableId: 3 });
  const hw = rig.sw.features().ports.find((p) => p.portNo === 2)!.hwAddr;
  await rig.ok(t, { type: 'port_mod', version: 4, xid: 2, portNo: 2, hwAddr: hw, config: 0x40, mask: 0x40, advertise: 0 });
  rig.inject(2, tcpFrame());
  t.deepEqual(await rig.packetIns(), []);
  const tables = (await rig.stats(t, { stat: 'table' })).entries;
  t.like(tables[0], { lookupCount: 4n, matchedCount: 2n });
  t.like(tables[3], { lookupCount: 2n, matchedCount: 0n });
});

test('OpenFlow 1.1/1.2 table-miss config: continue to the next table, or drop', async (t) => {
  const rig = new Rig();
  rig.sw.missSendsToController = true;
  await rig.ok(t, { type: 'table_mod', version: 3, xid: 1, tableId: 0, config: 1, properties: new Uint8Array(0) });
  await rig.addFlow(t, { tableId: 1, match: [], instructions: apply(output(2)) });
  t.deepEqual(rig.inject(1, tcpFrame()), [2]);
  await rig.ok(t, { type: 'table_mod', version: 3, xid: 2, tableId: 0xff, config: 2, properties: new Uint8Array(0) });
  t.deepEqual(rig.inject(1, tcpFrame()), []);
  t.deepEqual(await rig.packetIns(), []);
  t.is(await rig.error({ type: 'table_mod', version: 4, xid: 3, tableId: 254, config: 0, properties: new Uint8Array(0) }), 'OFPTMFC_BAD_TABLE');
});

test('goto_table, write_metadata, clear_actions and the action set order', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, {
    tableId: 0, match: exact({ in_port: 1 }), instructions: [
      { type: 'goto_table', tableId: 2 },
      { type: 'write_metadata', metadata: 0xa0n, mask: 0xf0n },
      { type: 'write_actions', actions: [output(4), setField('eth_dst', '02:00:00:00:00:04')] },
    ],
  });
  await rig.addFlow(t, { tableId: 2, priority: 9, match: [{ field: 'metadata', value: 0xa0n, mask: 0xf0n }], instructions: [{ type: 'write_actions', actions: [{ type: 'push_vlan', ethertype: 0x8100 }] }] });
  const [out] = rig.sw.inject(1, tcpFrame());
  t.is(out!.port, 4);
  t.like(fieldsOf(out!.frame), { eth_dst: '02:00:00:00:00:04', vlan_tci: 0x1000 }, 'push before set, output last');
  await rig.addFlow(t, { tableId: 2, priority: 10, match: [{ field: 'metadata', value: 0xa0n, mask: 0xf0n }], instructions: [{ type: 'clear_actions' }] });
  t.deepEqual(rig.inject(1, tcpFrame()), []);
});

test('groups: all, indirect, select (sticky per flow, by weight), fast failover on port liveness', async (t) => {
  const rig = new Rig();
  const b = (actions: Action[], over: Partial<Bucket> = {}): Bucket => ({ weight: 0, watchPort: OFPP_ANY, watchGroup: 0xffffffff, actions, ...over });
  const group = (groupId: number, groupType: 'all' | 'select' | 'indirect' | 'ff', buckets: Bucket[]) =>
    rig.ok(t, { type: 'group_mod', version: 4, xid: groupId, command: 'add', groupType, groupId, buckets });
  await group(1, 'all', [b([output(2)]), b([setField('eth_dst', '02:00:00:00:00:03'), output(3)]), b([output(OFPP_CONTROLLER, 0xffff)])]);
  await group(2, 'indirect', [b([{ type: 'group', groupId: 1 }])]);
  await group(3, 'select', [b([output(2)], { weight: 1 }), b([output(3)], { weight: 3 }), b([output(4)], { weight: 0 })]);
  await group(4, 'ff', [b([output(2)], { watchPort: 2 }), b([output(4)], { watchPort: 4 })]);
  await rig.addFlow(t, { match: exact({ in_port: 1 }), instructions: apply({ type: 'group', groupId: 2 }, output(4)) });
  const out = rig.sw.inject(1, tcpFrame());
  t.deepEqual(out.map((o) => o.port), [2, 3, 4]);
  t.like(fieldsOf(out[1]!.frame), { eth_dst: '02:00:00:00:00:03' });
  t.like(fieldsOf(out[2]!.frame), { eth_dst: 'aa:55:aa:55:00:02' }, 'bucket changes stay in the bucket');
  t.like((await rig.packetIns())[0], { reason: 'group' });

  await rig.addFlow(t, { match: exact({ in_port: 4 }), instructions: apply({ type: 'group', groupId: 3 }) });
  const counts = new Map<number, number>();
  for (let sport = 1000; sport < 1400; sport++) {
    const first = rig.inject(4, tcpFrame({ sport }));
    t.deepEqual(rig.inject(4, tcpFrame({ sport })), first, 'one flow, one bucket');
    counts.set(first[0]!, (counts.get(first[0]!) ?? 0) + 1);
  }
  t.false(counts.has(4), 'weight 0 is never chosen');
  t.true(counts.get(3)! > counts.get(2)! * 2, `weights 1:3 (${counts.get(2)}:${counts.get(3)})`);

  await rig.addFlow(t, { match: exact({ in_port: 3 }), instructions: apply({ type: 'group', groupId: 4 }) });
  t.deepEqual(rig.inject(3, tcpFrame()), [2]);
  rig.sw.setLinkState(2, false);
  t.deepEqual(rig.inject(3, tcpFrame()), [4]);
  rig.sw.setLinkState(4, false);
  t.deepEqual(rig.inject(3, tcpFrame()), []);

  const stats = (await rig.stats(t, { stat: 'group', groupId: 0xfffffffc })).entries;
  t.deepEqual(stats.map((g) => [g.groupId, g.refCount, Number(g.packetCount)]), [[1, 0, 1], [2, 1, 1], [3, 1, 800], [4, 1, 3]]);
  t.deepEqual(stats[0]!.buckets.map((c) => Number(c.packetCount)), [1, 1, 1]);
});

test('GROUP_MOD refusals, as OVS', async (t) => {
  const rig = new Rig();
  const gm = (over: object) => rig.error({ type: 'group_mod', version: 4, xid: 1, command: 'add', groupType: 'all', groupId: 1, buckets: [], ...over } as never);
  const b = { weight: 0, watchPort: OFPP_ANY, watchGroup: 0xffffffff, actions: [] };
  t.is(await gm({}), 'ok');
  t.is(await gm({}), 'OFPGMFC_GROUP_EXISTS');
  t.is(await gm({ command: 'modify', groupId: 2 }), 'OFPGMFC_UNKNOWN_GROUP');
  t.is(await gm({ command: 'delete', groupId: 2 }), 'ok');
  t.is(await gm({ groupId: 0xffffff01 }), 'OFPGMFC_INVALID_GROUP');
  t.is(await gm({ command: 7 }), 'OFPGMFC_BAD_COMMAND');
  t.is(await gm({ groupType: 9, groupId: 3 }), 'OFPGMFC_BAD_TYPE');
  t.is(await gm({ groupType: 'indirect', groupId: 3, buckets: [b, b] }), 'OFPGMFC_INVALID_GROUP');
  t.is(await gm({ groupId: 3, buckets: [{ ...b, weight: 5 }] }), 'OFPGMFC_INVALID_GROUP');
  t.is(await gm({ groupId: 3, buckets: [{ ...b, watchPort: 1 }] }), 'OFPGMFC_WATCH_UNSUPPORTED');
  t.is(await gm({ groupType: 'ff', groupId: 3, buckets: [b] }), 'OFPGMFC_INVALID_GROUP');
  t.is(await gm({ groupId: 3, buckets: [{ ...b, actions: [{ type: 'group', groupId: 99 }] }] }), 'OFPBAC_BAD_OUT_GROUP');
  t.is(await gm({ groupId: 3, buckets: [{ ...b, actions: [output(0xfffffff0)] }] }), 'OFPBAC_BAD_OUT_PORT');
});

test('METER_MOD refusals and meter counting', async (t) => {
  const rig = new Rig();
  const mm = (over: object) => rig.error({ type: 'meter_mod', version: 4, xid: 1, command: 'add', flags: 1, meterId: 1, bands: [{ type: 'drop', rate: 10, burstSize: 0 }], ...over } as never);
  t.is(await mm({}), 'ok');
  t.is(await mm({}), 'OFPMMFC_METER_EXISTS');
  t.is(await mm({ command: 'modify', meterId: 2 }), 'OFPMMFC_UNKNOWN_METER');
  t.is(await mm({ meterId: 0 }), 'OFPMMFC_INVALID_METER');
  t.is(await mm({ meterId: 0xffffffff }), 'OFPMMFC_INVALID_METER');
  t.is(await mm({ meterId: 3, flags: 0x100 }), 'OFPMMFC_BAD_FLAGS');
  t.is(await mm({ meterId: 3, bands: Array(9).fill({ type: 'drop', rate: 1, burstSize: 0 }) }), 'OFPMMFC_OUT_OF_BANDS');
  t.is(await mm({ command: 9 }), 'OFPMMFC_BAD_COMMAND');
  t.is(await mm({ command: 'delete', meterId: 5 }), 'ok');
  await rig.addFlow(t, { match: [], instructions: [{ type: 'meter', meterId: 1 }, ...apply(output(2))] });
  t.deepEqual(rig.inject(1, tcpFrame()), [2], 'meters count, they do not police');
  const [m] = (await rig.stats(t, { stat: 'meter', meterId: 1 })).entries;
  t.like(m, { meterId: 1, flowCount: 1, packetInCount: 1n, byteInCount: BigInt(tcpFrame().length) });
  t.deepEqual(m!.bands, [{ packetCount: 0n, byteCount: 0n }]);
});

test('set_field of pipeline fields: registers and tunnel id are matched by later tables and reported in packet-ins', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { match: [], instructions: [...apply(setField('reg3', 0x55), setField('tunnel_id', 9n)), { type: 'goto_table', tableId: 1 }] });
  await rig.addFlow(t, { tableId: 1, match: exact({ reg3: 0x55, tunnel_id: 9n }), instructions: apply(output(OFPP_CONTROLLER, 0xffff)) });
  rig.inject(2, udpFrame());
  const [pin] = await rig.packetIns();
  t.like(pin, { reason: 'action', tableId: 1 });
  t.deepEqual(pin!.metadata, [{ field: 'in_port', value: 2 }, { field: 'tunnel_id', value: 9n }, { field: 'reg3', value: 0x55 }]);
  t.is(await rig.error(flowMod({ match: [], instructions: apply(setField('in_port', 3)) })), 'OFPBAC_BAD_SET_TYPE');
});
