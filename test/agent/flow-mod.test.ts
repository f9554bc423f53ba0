// FLOW_MOD semantics of the reference switch, observed as a controller
// would: through the flows a FLOW statistics request returns, the errors
// returned, and where injected frames go.

import test from 'ava';
import {
  FLOW_MOD_EMERG, OFPFF12_RESET_COUNTS, OFPFF_CHECK_OVERLAP, OFPFF_SEND_FLOW_REM,
} from '../../src/openflow/flow-mod.js';
import type { FlowStats } from '../../src/openflow/flow-stats.js';
import { OFPP_ANY, OFPP_CONTROLLER } from '../../src/openflow/port-number.js';
import { tcpFrame, udpFrame } from '../support/frames.js';
import { apply, exact, flowMod, output, Rig } from '../support/switch-harness.js';

const ALL_FLOWS = { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] } as const;
const IP = exact({ eth_type: 0x0800 });
const TCP = exact({ eth_type: 0x0800, ip_proto: 6 });

/** The port of the first action of a flow's first instruction. */
function firstPort(f: FlowStats): number {
  const i = f.instructions[0];
  const a = i && 'actions' in i ? i.actions[0] : undefined;
  return a && 'port' in a ? a.port : -1;
}

async function flows(t: Parameters<Rig['stats']>[0], rig: Rig) {
  return (await rig.stats(t, ALL_FLOWS)).entries;
}

test('a packet takes the highest-priority flow that matches it', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: IP, instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 20, match: [...TCP, { field: 'tcp_dst', value: 80 }], instructions: apply(output(3)) });
  await rig.addFlow(t, { priority: 5, match: [], instructions: apply(output(4)) });
  t.deepEqual(rig.inject(1, tcpFrame({ dport: 80 })), [3]);
  t.deepEqual(rig.inject(1, tcpFrame({ dport: 22 })), [2]);
  t.deepEqual(rig.inject(1, udpFrame({ ipSrc: '2001:db8::1', ipDst: '2001:db8::2' })), [4]);
  const f = await flows(t, rig);
  t.deepEqual(f.map((x) => [x.priority, Number(x.packetCount)]), [[20, 1], [10, 1], [5, 1]]);
  t.is(f[0]!.byteCount, BigInt(tcpFrame({ dport: 80 }).length));
});

test('ADD of an identical flow (priority and match) replaces it and keeps its counters, unless RESET_COUNTS', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: IP, cookie: 1n, instructions: apply(output(2)) });
  rig.inject(1, tcpFrame());
  await rig.addFlow(t, { priority: 10, match: IP, cookie: 2n, instructions: apply(output(3)) });
  let f = await flows(t, rig);
  t.is(f.length, 1);
  t.like(f[0], { cookie: 2n, packetCount: 1n });
  t.deepEqual(rig.inject(1, tcpFrame()), [3]);
  await rig.addFlow(t, { priority: 10, match: IP, cookie: 3n, flags: OFPFF12_RESET_COUNTS, instructions: apply(output(3)) });
  f = await flows(t, rig);
  t.like(f[0], { cookie: 3n, packetCount: 0n });
  // The same match at another priority is another flow.
  await rig.addFlow(t, { priority: 11, match: IP });
  t.is((await flows(t, rig)).length, 2);
});

test('CHECK_OVERLAP: OFPFMFC_OVERLAP for an overlapping flow of the same priority only', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: exact({ in_port: 1 }) });
  t.is(await rig.error(flowMod({ priority: 10, match: IP, flags: OFPFF_CHECK_OVERLAP })), 'OFPFMFC_OVERLAP');
  t.is(await rig.error(flowMod({ priority: 11, match: IP, flags: OFPFF_CHECK_OVERLAP })), 'ok');
  t.is(await rig.error(flowMod({ priority: 10, match: exact({ in_port: 2 }), flags: OFPFF_CHECK_OVERLAP })), 'ok');
  // An identical flow is replaced, not an overlap.
  t.is(await rig.error(flowMod({ priority: 10, match: exact({ in_port: 1 }), flags: OFPFF_CHECK_OVERLAP })), 'ok');
  t.is((await flows(t, rig)).length, 3);
});

test('MODIFY changes every flow at least as specific as its match; MODIFY_STRICT only the one of that priority and match', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: TCP, idleTimeout: 60, instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 20, match: [...TCP, { field: 'tcp_dst', value: 80 }], instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 30, match: exact({ eth_type: 0x86dd }), instructions: apply(output(2)) });
  await rig.ok(t, flowMod({ command: 'modify', match: TCP, idleTimeout: 5, instructions: apply(output(3)) }));
  let f = await flows(t, rig);
  t.deepEqual(f.map((x) => [x.priority, firstPort(x)]), [[30, 2], [20, 3], [10, 3]]);
  t.is(f.find((x) => x.priority === 10)!.idleTimeout, 60, 'MODIFY keeps timeouts');
  await rig.ok(t, flowMod({ command: 'modify_strict', priority: 10, match: TCP, instructions: apply(output(4)) }));
  f = await flows(t, rig);
  t.deepEqual(f.map((x) => firstPort(x)), [2, 3, 4]);
  // Strict needs the priority too.
  await rig.ok(t, flowMod({ command: 'modify_strict', priority: 11, match: TCP, instructions: apply(output(1)) }));
  t.deepEqual((await flows(t, rig)).map((x) => firstPort(x)), [2, 3, 4]);
  t.deepEqual(rig.inject(1, tcpFrame({ dport: 443 })), [4]);
});

test('OF1.3 MODIFY selects by cookie under the mask and never adds; DELETE likewise', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 1, cookie: 0x1100n, match: exact({ in_port: 1 }), instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 2, cookie: 0x1200n, match: exact({ in_port: 2 }), instructions: apply(output(1)) });
  await rig.addFlow(t, { priority: 3, cookie: 0x2100n, match: exact({ in_port: 3 }), instructions: apply(output(1)) });
  await rig.ok(t, flowMod({ command: 'modify', cookie: 0x1000n, cookieMask: 0xf000n, instructions: apply(output(4)) }));
  const ports = async (): Promise<number[]> =>
    (await flows(t, rig)).map((x) => firstPort(x));
  t.deepEqual(await ports(), [1, 4, 4]);
  t.deepEqual((await flows(t, rig)).map((x) => x.cookie), [0x2100n, 0x1200n, 0x1100n], 'cookies unchanged');
  await rig.ok(t, flowMod({ command: 'modify', cookie: 0x9000n, cookieMask: 0xf000n, match: exact({ in_port: 4 }), instructions: apply(output(1)) }));
  t.is((await flows(t, rig)).length, 3, 'a MODIFY selecting nothing adds nothing in OF1.3');
  await rig.ok(t, flowMod({ command: 'delete', tableId: 0xff, cookie: 0x0100n, cookieMask: 0x0f00n }));
  t.deepEqual((await flows(t, rig)).map((x) => x.cookie), [0x1200n]);
  // Statistics filter by cookie too.
  t.is((await rig.stats(t, { ...ALL_FLOWS, cookie: 0x1200n, cookieMask: 0xffffn })).entries.length, 1);
  t.is((await rig.stats(t, { ...ALL_FLOWS, cookie: 0x1300n, cookieMask: 0xffffn })).entries.length, 0);
});

test('OF1.0 MODIFY sets the cookie of the flows it changes, and adds the flow when none matches', async (t) => {
  const rig = new Rig();
  const v10 = { version: 1, tableId: 0xff } as const;
  await rig.ok(t, flowMod({ ...v10, command: 'modify', cookie: 5n, priority: 7, match: exact({ in_port: 1 }), instructions: apply(output(2)) }));
  let f = await flows(t, rig);
  t.is(f.length, 1);
  t.like(f[0], { tableId: 0, priority: 7, cookie: 5n });
  await rig.ok(t, flowMod({ ...v10, command: 'modify', cookie: 6n, match: [], instructions: apply(output(3)) }));
  f = await flows(t, rig);
  t.is(f.length, 1);
  t.like(f[0], { cookie: 6n, priority: 7 });
  t.deepEqual(rig.inject(1, tcpFrame()), [3]);
});

test('§4.3.4 OF1.0 NXT_FLOW_MOD with a cookie filter: MODIFY selects by cookie, keeps cookies and never adds; DELETE likewise; ADD may not filter', async (t) => {
  const rig = new Rig();
  const nx = { version: 1, tableId: 0xff, format: 'nxm' } as const;
  await rig.addFlow(t, { priority: 1, cookie: 0x5n, match: exact({ in_port: 1 }), instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 2, cookie: 0x6n, match: exact({ in_port: 2 }), instructions: apply(output(1)) });
  await rig.ok(t, flowMod({ ...nx, command: 'modify', cookie: 0x6n, cookieMask: 0xffffffffffffffffn, instructions: apply(output(3)) }));
  t.deepEqual((await flows(t, rig)).map((x) => [x.cookie, firstPort(x)]), [[0x6n, 3], [0x5n, 2]]);
  await rig.ok(t, flowMod({ ...nx, command: 'modify', cookie: 0x7n, cookieMask: 0xffffffffffffffffn, match: exact({ in_port: 7 }), instructions: apply(output(3)) }));
  t.is((await flows(t, rig)).length, 2, 'a MODIFY selecting nothing by cookie adds nothing');
  await rig.ok(t, flowMod({ ...nx, command: 'delete', cookie: 0x4n, cookieMask: 0xfen }));
  t.deepEqual((await flows(t, rig)).map((x) => x.cookie), [0x6n]);
  t.is(await rig.error(flowMod({ ...nx, command: 'add', cookie: 0x6n, cookieMask: 0xffn })), 'NXBRC_NXM_INVALID');
});

test('DELETE is loose, DELETE_STRICT needs priority and match; out_port and out_group filter deletes', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: TCP, instructions: apply(output(2)) });
  await rig.addFlow(t, { priority: 20, match: [...TCP, { field: 'tcp_dst', value: 80 }], instructions: apply(output(3)) });
  await rig.addFlow(t, { priority: 30, match: IP, instructions: apply(output(OFPP_CONTROLLER, 128)) });
  await rig.addFlow(t, { priority: 40, match: [], instructions: [{ type: 'write_actions', actions: [output(3)] }] });
  await rig.ok(t, flowMod({ command: 'delete', match: [], outPort: 3 }));
  t.deepEqual((await flows(t, rig)).map((x) => x.priority), [30, 10], 'out_port sees apply and write actions');
  await rig.ok(t, flowMod({ command: 'delete', match: [], outPort: OFPP_CONTROLLER }));
  t.deepEqual((await flows(t, rig)).map((x) => x.priority), [10]);
  await rig.ok(t, flowMod({ command: 'delete_strict', priority: 11, match: TCP }));
  t.is((await flows(t, rig)).length, 1);
  await rig.ok(t, flowMod({ command: 'delete_strict', priority: 10, match: TCP }));
  t.is((await flows(t, rig)).length, 0);
  // out_group.
  await rig.ok(t, { type: 'group_mod', version: 4, xid: 9, command: 'add', groupType: 'all', groupId: 7, buckets: [{ weight: 0, watchPort: OFPP_ANY, watchGroup: 0xffffffff, actions: [output(1)] }] });
  await rig.addFlow(t, { priority: 1, match: exact({ in_port: 1 }), instructions: apply({ type: 'group', groupId: 7 }) });
  await rig.addFlow(t, { priority: 2, match: exact({ in_port: 2 }), instructions: apply(output(1)) });
  await rig.ok(t, flowMod({ command: 'delete', outGroup: 7 }));
  t.deepEqual((await flows(t, rig)).map((x) => x.priority), [2]);
});

test('tables: deletes with table 0xff reach every table; a missing table is OFPBRC_BAD_TABLE_ID; ADD to 0xff is refused in OF1.3', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { tableId: 0, match: [] });
  await rig.addFlow(t, { tableId: 5, match: [] });
  await rig.addFlow(t, { tableId: 253, match: [] });
  t.deepEqual((await flows(t, rig)).map((x) => x.tableId), [0, 5, 253]);
  t.is((await rig.stats(t, { ...ALL_FLOWS, tableId: 5 })).entries.length, 1);
  t.is(await rig.error(flowMod({ tableId: 254 })), 'OFPBRC_BAD_TABLE_ID');
  t.is(await rig.error(flowMod({ tableId: 0xff })), 'OFPFMFC_BAD_TABLE_ID');
  t.is(await rig.error(flowMod({ command: 'modify', tableId: 0xff })), 'OFPFMFC_BAD_TABLE_ID');
  await rig.ok(t, flowMod({ command: 'delete', tableId: 5 }));
  t.deepEqual((await flows(t, rig)).map((x) => x.tableId), [0, 253]);
  await rig.ok(t, flowMod({ command: 'delete', tableId: 0xff }));
  t.is((await flows(t, rig)).length, 0);
  // OF1.0 (no table id given): ADD goes to table 0.
  await rig.ok(t, flowMod({ version: 1, tableId: 0xff }));
  t.deepEqual((await flows(t, rig)).map((x) => x.tableId), [0]);
});

test('refused FLOW_MODs change nothing: bad command, flags, emergency, match, actions, instructions', async (t) => {
  const rig = new Rig();
  t.is(await rig.error(flowMod({ command: 9 })), 'OFPFMFC_BAD_COMMAND');
  t.is(await rig.error(flowMod({ flags: 0x400 })), 'OFPFMFC_BAD_FLAGS');
  t.is(await rig.error(flowMod({ version: 1, flags: FLOW_MOD_EMERG })), 'OFPFMFC_TABLE_FULL');
  t.is(await rig.error(flowMod({ version: 1, flags: FLOW_MOD_EMERG, idleTimeout: 5 })), 'OFPFMFC_BAD_EMERG_TIMEOUT');
  t.is(await rig.error(flowMod({ match: exact({ tcp_dst: 80 }) })), 'OFPBMC_BAD_PREREQ');
  t.is(await rig.error(flowMod({ instructions: apply(output(0xffffff00)) })), 'OFPBAC_BAD_OUT_PORT');
  t.is(await rig.error(flowMod({ instructions: apply(output(OFPP_ANY)) })), 'OFPBAC_BAD_OUT_PORT');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'group', groupId: 1 }) })), 'OFPBAC_BAD_OUT_GROUP');
  t.is(await rig.error(flowMod({ instructions: [{ type: 'meter', meterId: 1 }] })), 'OFPMMFC_INVALID_METER');
  t.is(await rig.error(flowMod({ tableId: 3, instructions: [{ type: 'goto_table', tableId: 3 }] })), 'OFPBIC_BAD_TABLE_ID');
  t.is(await rig.error(flowMod({ instructions: [{ type: 'goto_table', tableId: 254 }] })), 'OFPBIC_BAD_TABLE_ID');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'push_pbb', ethertype: 0x88e7 }) })), 'OFPBAC_BAD_TYPE');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'opaque', bytes: Uint8Array.from([0xff, 0xff, 0, 16, 0, 0, 0x23, 0x20, 0, 1, 0, 0, 0, 0, 0, 0]) }) })), 'OFPBAC_BAD_VENDOR_TYPE');
  t.is(await rig.error(flowMod({ instructions: [{ type: 'opaque', bytes: new Uint8Array(8) }] })), 'OFPBIC_UNKNOWN_INST');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'set_field', field: { field: 'ip_proto', value: 6 } }) })), 'OFPBAC_BAD_SET_TYPE');
  // set_field of a header the match does not promise: inconsistent in OF1.3, allowed in OF1.0.
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'set_field', field: { field: 'ipv4_src', value: '1.2.3.4' } }) })), 'OFPBAC_MATCH_INCONSISTENT');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'set_field', field: { field: 'vlan_vid', value: 0x1005 } }) })), 'OFPBAC_MATCH_INCONSISTENT');
  t.is(await rig.error(flowMod({ instructions: apply({ type: 'push_vlan', ethertype: 0x8100 }, { type: 'set_field', field: { field: 'vlan_vid', value: 0x1005 } }) })), 'ok');
  t.is(await rig.error(flowMod({ match: IP, instructions: apply({ type: 'set_field', field: { field: 'ipv4_src', value: '1.2.3.4' } }) })), 'ok');
  t.is(await rig.error(flowMod({ version: 1, priority: 3, instructions: apply({ type: 'set_nw_src', ip: '1.2.3.4' }) })), 'ok');
  t.is((await flows(t, rig)).length, 3);
});

test('hidden flows (priority above 65535) win lookups but are invisible to OpenFlow (§4.8.6)', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 0xffff, match: [], instructions: apply(output(2)) });
  await rig.sw.addHiddenFlow({ priority: 180000, match: exact({ in_port: 1 }), instructions: apply(output(3)) });
  t.deepEqual(rig.inject(1, tcpFrame()), [3]);
  t.deepEqual(rig.inject(4, tcpFrame()), [2]);
  t.deepEqual((await flows(t, rig)).map((x) => x.priority), [0xffff]);
  const agg = await rig.stats(t, { ...ALL_FLOWS, stat: 'aggregate' });
  t.like(agg, { flowCount: 1, packetCount: 1n });
  const table0 = (await rig.stats(t, { stat: 'table' })).entries[0]!;
  t.is(table0.activeCount, 1);
  // OpenFlow deletes do not reach it; connmgr's own call does.
  await rig.ok(t, flowMod({ command: 'delete', tableId: 0xff }));
  t.deepEqual(rig.inject(1, tcpFrame()), [3]);
  t.deepEqual(rig.sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[180000, true]]);
  await rig.sw.deleteHiddenFlow(180000, exact({ in_port: 1 }));
  t.deepEqual(rig.inject(1, tcpFrame()), []);
  await t.throwsAsync(rig.sw.addHiddenFlow({ priority: 100, match: [], instructions: [] }), { instanceOf: RangeError });
});

test('replaceHiddenFlows() makes a set the full hidden set, all or nothing, leaving OpenFlow flows alone (§4.11)', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: [], instructions: apply(output(2)) });
  await rig.sw.addHiddenFlow({ priority: 180000, match: exact({ in_port: 1 }), instructions: apply(output(3)) });
  await rig.sw.addHiddenFlow({ priority: 180001, match: exact({ in_port: 4 }), instructions: apply(output(3)) });
  await rig.sw.replaceHiddenFlows([
    { priority: 180000, match: exact({ in_port: 1 }), instructions: apply(output(4)) },
    { priority: 190000, match: exact({ in_port: 2 }), instructions: apply(output(1)) },
  ]);
  t.deepEqual(rig.sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[190000, true], [180000, true], [10, false]]);
  t.deepEqual(rig.inject(1, tcpFrame()), [4]);
  t.deepEqual(rig.inject(2, tcpFrame()), [1]);
  t.deepEqual(rig.inject(4, tcpFrame()), [2]);
  // A set with one bad flow changes nothing.
  await t.throwsAsync(rig.sw.replaceHiddenFlows([
    { priority: 200000, match: [], instructions: [] },
    { priority: 100, match: [], instructions: [] },
  ]), { instanceOf: RangeError });
  await t.throwsAsync(rig.sw.replaceHiddenFlows([
    { priority: 200000, match: exact({ in_port: 1 }), instructions: [] },
    { priority: 200000, match: exact({ in_port: 1 }), instructions: apply(output(2)) },
  ]), { message: /repeats/ });
  t.deepEqual(rig.sw.dumpFlows().map((f) => f.priority), [190000, 180000, 10]);
  await rig.sw.replaceHiddenFlows([]);
  t.deepEqual(rig.sw.dumpFlows().map((f) => f.priority), [10]);
});

test('portCounters() counts what each port received and sent', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 10, match: exact({ in_port: 1 }), instructions: apply(output(2)) });
  rig.inject(1, tcpFrame());
  rig.inject(1, tcpFrame());
  const byPort = new Map(rig.sw.portCounters().map((c) => [c.port.portNo, c.counters]));
  t.is(byPort.get(1)!.rxPackets, 2n);
  t.is(byPort.get(2)!.txPackets, 2n);
  t.is(byPort.get(3)!.txPackets, 0n);
  t.is(rig.sw.portCounters().at(-1)!.port.portNo, 0xfffffffe);
});

test('flush() removes every flow, hidden ones included, every group and meter, reporting flows that asked', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 1, match: [], flags: OFPFF_SEND_FLOW_REM, cookie: 9n });
  await rig.addFlow(t, { tableId: 7, priority: 2, match: [] });
  await rig.sw.addHiddenFlow({ priority: 0xf0f0f0, match: [], instructions: apply({ type: 'output', port: 0xfffffffa, maxLen: 0 }) });
  await rig.ok(t, { type: 'group_mod', version: 4, xid: 3, command: 'add', groupType: 'indirect', groupId: 1, buckets: [{ weight: 0, watchPort: OFPP_ANY, watchGroup: 0xffffffff, actions: [] }] });
  await rig.ok(t, { type: 'meter_mod', version: 4, xid: 4, command: 'add', flags: 1, meterId: 1, bands: [{ type: 'drop', rate: 1000, burstSize: 0 }] });
  await rig.sw.flush();
  t.is(rig.sw.dumpFlows().length, 0);
  t.is((await rig.stats(t, { stat: 'group_desc' })).entries.length, 0);
  t.is((await rig.stats(t, { stat: 'meter_config', meterId: 0xffffffff })).entries.length, 0);
  const removed = await rig.flowRemoveds();
  t.deepEqual(removed.map((r) => [r.reason, r.cookie]), [[2, 9n]]);
});
