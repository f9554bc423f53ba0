// Statistics replies, judged by Open vSwitch's own decoder: each reply is
// encoded with src/openflow in OpenFlow 1.3 and 1.0 (TABLE_FEATURES also
// 1.4 and 1.5) and `ovs-ofctl ofp-print` must print what the switch
// holds.  Also the errors for requests the switch does not serve.

import test from 'ava';
import { decode, encode, encodeAll } from '../../src/openflow/codec.js';
import type { OfpMessage } from '../../src/openflow/index.js';
import type { MultipartRequestBody } from '../../src/openflow/multipart.js';
import { OFPP_ANY, OFPP_CONTROLLER } from '../../src/openflow/port-number.js';
import { hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';
import { tcpFrame } from '../support/frames.js';
import { apply, exact, output, Rig } from '../support/switch-harness.js';

const withOvs = hasOvsOfctl ? test : test.skip;
const FLOWS = { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] } as const;

/** A switch with two visible flows that have seen traffic, one hidden flow, a group and a meter. */
async function busyRig(t: Parameters<Rig['ok']>[0]): Promise<Rig> {
  const rig = new Rig();
  await rig.addFlow(t, {
    priority: 10, cookie: 0x5n, idleTimeout: 30, flags: 1,
    match: [...exact({ eth_type: 0x0800, ip_proto: 6 }), { field: 'tcp_dst', value: 80 }], instructions: apply(output(2)),
  });
  await rig.addFlow(t, { tableId: 3, priority: 0, match: [], instructions: apply(output(OFPP_CONTROLLER, 0xffff)) });
  await rig.sw.addHiddenFlow({ priority: 180001, match: exact({ in_port: 4 }), instructions: apply(output(1)) });
  await rig.ok(t, { type: 'group_mod', version: 4, xid: 1, command: 'add', groupType: 'select', groupId: 5, buckets: [{ weight: 2, watchPort: OFPP_ANY, watchGroup: 0xffffffff, actions: [output(1)] }] });
  await rig.ok(t, { type: 'meter_mod', version: 4, xid: 2, command: 'add', flags: 5, meterId: 3, bands: [{ type: 'drop', rate: 1000, burstSize: 100 }] });
  rig.inject(1, tcpFrame());
  rig.inject(4, tcpFrame());
  rig.clock.advance(1500);
  return rig;
}

/** What ovs-ofctl prints for the reply to 'body' encoded in 'version', whitespace collapsed. */
async function printed(t: Parameters<Rig['ok']>[0], rig: Rig, body: MultipartRequestBody, version: number): Promise<string> {
  const [reply] = await rig.ok(t, { type: 'multipart_request', version, xid: 0x42, flags: 0, body });
  return ofpPrint(encode(reply!, version)).replace(/\s+/g, ' ');
}

withOvs('FLOW statistics as ovs-ofctl prints them, OF1.3 and OF1.0; hidden flows are not there', async (t) => {
  const rig = await busyRig(t);
  const of13 = await printed(t, rig, FLOWS, 4);
  t.true(of13.startsWith('OFPST_FLOW reply (OF1.3) (xid=0x42):'), of13);
  t.regex(of13, /cookie=0x5, duration=1\.5(00)?s, table=0, n_packets=1, n_bytes=59, idle_timeout=30, send_flow_rem priority=10,tcp,tp_dst=80 actions=output:2/);
  t.regex(of13, /cookie=0x0, duration=1\.5(00)?s, table=3, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535/);
  t.false(of13.includes('priority=180001'), 'hidden flow listed');
  const of10 = await printed(t, rig, FLOWS, 1);
  t.true(of10.startsWith('OFPST_FLOW reply (xid=0x42):'), of10);
  t.regex(of10, /cookie=0x5, duration=1\.5(00)?s, table=0, n_packets=1, n_bytes=59, idle_timeout=30, priority=10,tcp,tp_dst=80 actions=output:2/);
  t.is((of10.match(/cookie=/g) ?? []).length, 2);
  // A filtered request.
  const only3 = await printed(t, rig, { ...FLOWS, tableId: 3 }, 4);
  t.is((only3.match(/cookie=/g) ?? []).length, 1);
});

withOvs('AGGREGATE, TABLE, PORT and PORT_DESC statistics as ovs-ofctl prints them', async (t) => {
  const rig = await busyRig(t);
  t.regex(await printed(t, rig, { ...FLOWS, stat: 'aggregate' }, 4), /OFPST_AGGREGATE reply \(OF1\.3\) \(xid=0x42\): packet_count=1 byte_count=59 flow_count=2/);
  t.regex(await printed(t, rig, { ...FLOWS, stat: 'aggregate' }, 1), /OFPST_AGGREGATE reply \(xid=0x42\): packet_count=1 byte_count=59 flow_count=2/);
  const tables = await printed(t, rig, { stat: 'table' }, 4);
  t.true(tables.includes('table 0: active=1, lookup=2, matched=2'), `hidden flow not counted active: ${tables.slice(0, 200)}`);
  t.true(tables.includes('table 3: active=1, lookup=0, matched=0'));
  const tables10 = await printed(t, rig, { stat: 'table' }, 1);
  // As in Open vSwitch, tables have no names unless given some.
  t.true(tables10.includes('table 0: active=1, lookup=2, matched=2 max_entries=1000000'), tables10.slice(0, 300));
  const ports = await printed(t, rig, { stat: 'port', portNo: OFPP_ANY }, 4);
  t.true(ports.startsWith('OFPST_PORT reply (OF1.3) (xid=0x42): 5 ports'), ports.slice(0, 100));
  t.regex(ports, /port 1: rx pkts=1, bytes=59, drop=0, errs=0, frame=0, over=0, crc=0 tx pkts=1, bytes=59, drop=0, errs=0, coll=0 duration=1\.5(00)?s/, "the hidden flow sent port 4's frame to port 1");
  t.regex(ports, /port 2: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0, crc=0 tx pkts=1, bytes=59/);
  t.regex(await printed(t, rig, { stat: 'port', portNo: 1 }, 1), /OFPST_PORT reply \(xid=0x42\): 1 ports port 1: rx pkts=1, bytes=59/);
  const desc = await printed(t, rig, { stat: 'port_desc' }, 4);
  t.regex(desc, /1\(p1\): addr:02:54:32:10:00:01 config: 0 state: LIVE current: 10GB-FD speed: 10000 Mbps now, 10000 Mbps max/);
  t.regex(desc, /LOCAL\(br0\): addr:02:54:32:10:00:00/);
});

withOvs('DESC, GROUP, METER and QUEUE statistics as ovs-ofctl prints them', async (t) => {
  const rig = await busyRig(t);
  t.regex(await printed(t, rig, { stat: 'desc' }, 1), /OFPST_DESC reply \(xid=0x42\): Manufacturer: ofconnmgr project Hardware: ofconnmgr reference software switch Software: ofconnmgr 0\.1\.0/);
  t.regex(await printed(t, rig, { stat: 'group_desc' }, 4), /group_id=5,type=select,bucket=weight:2,actions=output:1/);
  t.regex(await printed(t, rig, { stat: 'group', groupId: 0xfffffffc }, 4), /group_id=5,duration=1\.5(00)?s,ref_count=0,packet_count=0,byte_count=0,bucket0:packet_count=0,byte_count=0/);
  t.regex(await printed(t, rig, { stat: 'group_features' }, 4), /Types: 0xf Capabilities: 0x7 all group: max_groups=0xffffff00 actions: output group set_field/);
  t.regex(await printed(t, rig, { stat: 'meter_config', meterId: 0xffffffff }, 4), /meter=3 kbps burst bands= type=drop rate=1000 burst_size=100/);
  t.regex(await printed(t, rig, { stat: 'meter', meterId: 3 }, 4), /meter:3 flow_count:0 packet_in_count:0 byte_in_count:0 duration:1\.5(00)?s bands: 0: packet_count:0 byte_count:0/);
  t.regex(await printed(t, rig, { stat: 'meter_features' }, 4), /max_meter:1024 max_bands:8 max_color:0 band_types: drop dscp_remark capabilities: kbps pktps burst stats/);
  t.regex(await printed(t, rig, { stat: 'queue', portNo: OFPP_ANY, queueId: 0xffffffff }, 4), /OFPST_QUEUE reply \(OF1\.3\) \(xid=0x42\): 0 queues/);
});

/** The TABLE_FEATURES reply of 'rig' in 'version', every part as ovs-ofctl prints it, whitespace collapsed. */
async function featuresPrinted(t: Parameters<Rig['ok']>[0], rig: Rig, version: number): Promise<string[]> {
  const [reply] = await rig.ok(t, { type: 'multipart_request', version, xid: 0x42, flags: 0, body: { stat: 'table_features', entries: [] } });
  return encodeAll(reply!, version).map((part) => ofpPrint(part).replace(/\s+/g, ' '));
}

withOvs('TABLE_FEATURES as ovs-ofctl prints them: 254 tables in parts flagged MORE, what the switch matches and executes', async (t) => {
  const rig = await busyRig(t);
  const parts = await featuresPrinted(t, rig, 4);
  t.true(parts.length > 1, 'one part');
  parts.forEach((p, i) => {
    t.true(p.startsWith(`OFPST_TABLE_FEATURES reply (OF1.3) (xid=0x42):${i < parts.length - 1 ? ' flags=[more]' : ''} table `), p.slice(0, 100));
    t.notRegex(p, /decode error|\*\*\*/);
  });
  const first = parts[0]!;
  t.regex(first, /^[^;]* table 0: metadata: match=0xffffffffffffffff write=0xffffffffffffffff max_entries=1000000 instructions \(table miss and others\): next tables: 1-253 instructions: meter apply_actions clear_actions write_actions write_metadata goto_table /);
  t.regex(first, /Write-Actions and Apply-Actions features: actions: output group set_field strip_vlan push_vlan mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue supported on Set-Field: /);
  // Matching: masks where the switch takes any mask, in_port exact; no PBB (the switch does not match on it).
  t.regex(first, /matching: arbitrary mask: .*\bmetadata\b.*\beth_\{src,dst\}.* exact match or wildcard: in_port_oxm .*\beth_type\b/);
  t.notRegex(first, /pbb|actset_output|packet_type/);
  t.regex(first, /table 1: ditto|tables 1\.\.\.\d+: ditto/);
  const all = parts.join(' ');
  t.regex(all, /table 253: metadata: .* instructions: meter apply_actions clear_actions write_actions write_metadata \(same actions\) \(same matching\)/);
  // Every table is there, once.
  const entries = (await rig.ok(t, { type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'table_features', entries: [] } }))
    .flatMap((m) => encodeAll(m, 4)).map((b) => decode(b)).flatMap((m) => (m.type === 'multipart_reply' && m.body.stat === 'table_features' ? m.body.entries : []));
  t.deepEqual(entries.map((e) => e.tableId), Array.from({ length: 254 }, (_, i) => i));
  // OpenFlow 1.5 has no meter instruction.
  t.regex((await featuresPrinted(t, rig, 6))[0]!, /table 0: .* instructions: apply_actions clear_actions write_actions write_metadata goto_table /);
});

withOvs('TABLE_FEATURES and OF1.0 TABLE statistics carry the names the switch was given', async (t) => {
  const rig = new Rig({ nTables: 4, tableNames: { 0: 'classifier', 2: 'egress' } });
  const [p] = await featuresPrinted(t, rig, 5);
  t.regex(p!, /table 0 \("classifier"\): metadata: .* table 1: ditto table 2 \("egress"\): ditto table 3: metadata:/);
  t.regex(await printed(t, rig, { stat: 'table' }, 1), /table 0 \("classifier"\): active=0, .* table 1: ditto table 2 \("egress"\): ditto table 3: ditto/);
  t.throws(() => new Rig({ nTables: 4, tableNames: { 4: 'x' } }), { instanceOf: RangeError });
  t.throws(() => new Rig({ tableNames: { 0: 'n'.repeat(32) } }), { instanceOf: RangeError });
});

test('requests the switch does not serve get the OpenFlow error', async (t) => {
  const rig = await busyRig(t);
  const tableDesc: OfpMessage = { type: 'unmodelled', version: 5, xid: 1, rawName: 'OFPMP_TABLE_DESC_REQUEST', ofpType: 18, stat: 14, statsFlags: 0, body: new Uint8Array(0) };
  t.is(await rig.error(tableDesc), 'OFPBRC_BAD_STAT');
  // A change of table features: refused as Open vSwitch refuses a change it cannot make.
  const [reply] = await rig.ok(t, { type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'table_features', entries: [] } });
  const current = reply!.type === 'multipart_reply' && reply!.body.stat === 'table_features' ? reply!.body.entries : [];
  t.is(await rig.error({ type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'table_features', entries: current.slice(0, 1) } }), 'OFPTFFC_EPERM');
  t.is(await rig.error({ type: 'unmodelled', version: 4, xid: 1, rawName: 'OFPT_QUEUE_GET_CONFIG_REQUEST', ofpType: 22, body: new Uint8Array(8) }), 'OFPBRC_BAD_TYPE');
  t.is(await rig.error({ type: 'echo_request', version: 4, xid: 1, data: new Uint8Array(0) }), 'OFPBRC_BAD_TYPE');
  t.is(await rig.error({ type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { ...FLOWS, tableId: 254 } }), 'OFPBRC_BAD_TABLE_ID');
  t.is(await rig.error({ type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'queue', portNo: 9, queueId: 0xffffffff } }), 'OFPQOFC_BAD_PORT');
  t.is(await rig.error({ type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'queue', portNo: 1, queueId: 1 } }), 'OFPQOFC_BAD_QUEUE');
  t.deepEqual(await rig.send({ type: 'barrier_request', version: 4, xid: 77 }), { ok: true, replies: [{ type: 'barrier_reply', version: 4, xid: 77 }] });
});
