// Flow expiry and flow-removed events on a fake clock.

import test from 'ava';
import { OFPFF_SEND_FLOW_REM } from '../../src/openflow/flow-mod.js';
import { OFPP_ANY } from '../../src/openflow/port-number.js';
import { tcpFrame } from '../support/frames.js';
import { apply, exact, flowMod, output, Rig } from '../support/switch-harness.js';

const ALL_FLOWS = { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] } as const;
const REM = OFPFF_SEND_FLOW_REM;

test('idle timeout: the flow goes after idle_timeout seconds without traffic, with flow_removed IDLE', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { idleTimeout: 10, flags: REM, cookie: 0xabn, priority: 9, match: exact({ in_port: 1 }), instructions: apply(output(2)) });
  rig.clock.advance(6_000);
  t.deepEqual(rig.inject(1, tcpFrame()), [2]);
  rig.clock.advance(9_999);
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 1, 'traffic at 6 s moved the deadline to 16 s');
  t.deepEqual(await rig.flowRemoveds(), []);
  rig.clock.advance(1);
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 0);
  const [r, ...more] = await rig.flowRemoveds();
  t.deepEqual(more, []);
  t.like(r, {
    reason: 0, tableId: 0, priority: 9, cookie: 0xabn, idleTimeout: 10, hardTimeout: 0, packetCount: 1n,
    byteCount: BigInt(tcpFrame().length), durationSec: 16, durationNsec: 0,
  });
  t.deepEqual(r!.match, exact({ in_port: 1 }));
  t.deepEqual(rig.inject(1, tcpFrame()), []);
});

test('hard timeout: the flow goes after hard_timeout seconds whatever the traffic, with flow_removed HARD', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { hardTimeout: 5, idleTimeout: 3, flags: REM, match: [], instructions: apply(output(2)) });
  for (let i = 0; i < 4; i++) {
    rig.clock.advance(1_200);
    rig.inject(1, tcpFrame());
  }
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 1);
  rig.clock.advance(200);
  const removed = await rig.flowRemoveds();
  t.is(removed.length, 1);
  t.like(removed[0], { reason: 1, durationSec: 5, packetCount: 4n });
});

test('no flow_removed for flows without send_flow_rem; several expiries in order of deadline', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { hardTimeout: 3, priority: 1, match: [] });
  await rig.addFlow(t, { hardTimeout: 2, priority: 2, match: [], flags: REM });
  await rig.addFlow(t, { idleTimeout: 1, priority: 3, match: [], flags: REM });
  rig.clock.advance(10_000);
  t.deepEqual((await rig.flowRemoveds()).map((r) => [r.priority, r.reason]), [[3, 0], [2, 1]]);
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 0);
  t.is(rig.clock.pending, 0, 'no timer left once no flow has a timeout');
});

test('MODIFY restarts the hard timeout (as OVS counts it from the last modification)', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { hardTimeout: 10, match: [], flags: REM });
  rig.clock.advance(8_000);
  await rig.ok(t, flowMod({ command: 'modify', instructions: apply(output(3)) }));
  rig.clock.advance(8_000);
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 1);
  rig.clock.advance(2_000);
  const [r] = await rig.flowRemoveds();
  t.like(r, { reason: 1, durationSec: 18 });
});

test('MODIFY does not restart the idle timeout, nor the idle age; it restarts the hard age (as OVS forwards a modified rule\'s last use)', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { idleTimeout: 10, match: [], flags: REM });
  rig.clock.advance(8_000);
  await rig.ok(t, flowMod({ command: 'modify', instructions: apply(output(3)) }));
  rig.clock.advance(1_000);
  t.like((await rig.stats(t, ALL_FLOWS)).entries[0], { durationSec: 9, idleAge: 9, hardAge: 1 });
  rig.clock.advance(1_000);
  const [r] = await rig.flowRemoveds();
  t.like(r, { reason: 0, durationSec: 10 });
});

test('flow_removed DELETE, GROUP_DELETE and METER_DELETE reasons', async (t) => {
  const rig = new Rig();
  await rig.ok(t, { type: 'group_mod', version: 4, xid: 1, command: 'add', groupType: 'all', groupId: 5, buckets: [] });
  await rig.ok(t, { type: 'meter_mod', version: 4, xid: 2, command: 'add', flags: 2, meterId: 6, bands: [] });
  await rig.addFlow(t, { priority: 1, match: exact({ in_port: 1 }), flags: REM, instructions: apply({ type: 'group', groupId: 5 }) });
  await rig.addFlow(t, { priority: 2, match: exact({ in_port: 2 }), flags: REM, instructions: [{ type: 'meter', meterId: 6 }] });
  await rig.addFlow(t, { priority: 3, match: exact({ in_port: 3 }), flags: REM });
  await rig.addFlow(t, { priority: 4, match: exact({ in_port: 4 }), instructions: apply({ type: 'group', groupId: 5 }) });
  await rig.ok(t, { type: 'group_mod', version: 4, xid: 3, command: 'delete', groupType: 'all', groupId: 5, buckets: [] });
  await rig.ok(t, { type: 'meter_mod', version: 4, xid: 4, command: 'delete', flags: 0, meterId: 6, bands: [] });
  await rig.ok(t, flowMod({ command: 'delete_strict', priority: 3, match: exact({ in_port: 3 }) }));
  t.deepEqual((await rig.flowRemoveds()).map((r) => [r.priority, r.reason]), [[1, 3], [2, 4], [3, 2]]);
  t.is((await rig.stats(t, ALL_FLOWS)).entries.length, 0, 'the flow without send_flow_rem went with its group too');
});

test('events reach the listener asynchronously, in the order raised; none without a listener', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { priority: 1, match: [], flags: REM, cookie: 1n });
  await rig.addFlow(t, { priority: 2, match: exact({ in_port: 1 }), flags: REM, cookie: 2n, instructions: apply(output(0xfffffffd)) });
  rig.sw.inject(1, tcpFrame());
  const reply = rig.send(flowMod({ command: 'delete' }));
  t.is(rig.events.length, 0, 'nothing delivered from inside the calls that raised them');
  t.like(await reply, { ok: true });
  const events = await rig.takeEvents();
  t.deepEqual(events.map((e) => e.type), ['packet_in', 'flow_removed', 'flow_removed']);
  rig.sw.setEventListener(null);
  rig.sw.addPort({ portNo: 9 });
  await rig.takeEvents();
  t.deepEqual(rig.events, []);
});
