/**
 * Fail-open through connmgr and the reference switch (reference §7,
 * §4.11): a raw OpenFlow 1.3 controller on loopback admits the switch,
 * goes away, and comes back, while the test drives the fake clock; the
 * hidden NORMAL rule, the bogus packet-ins and the log events are observed
 * where a user would see them (the switch's full flow dump, the
 * controller's socket, the event listener).  The controllers are
 * out-of-band so that the flow dumps hold fail-open's rule alone; the
 * interplay with in-band rules (§7.7) is in test/inband.
 */

import test from 'ava';
import { NULL_BUFFER_ID } from '../../src/pktbuf/index.js';
import { ConnMgr, describeConnMgrEvent, type ConnMgrEvent } from '../../src/connmgr/index.js';
import { ReferenceSwitch } from '../../src/agent/index.js';
import type { FlowModMsg, PacketInMsg } from '../../src/openflow/index.js';
import { NO_BUFFER, OFPP_ANY, OFPP_LOCAL, OFPP_NORMAL } from '../../src/openflow/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { until } from '../support/connmgr-fixture.js';
import { ControllerServer, msgOf } from '../support/of-client.js';

const DPID = 0x0000_0000_0000_00f0n;

/** Lets real socket I/O (connects, refusals, writes) happen while the fake clock stands still. */
const io = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

function visibleFlow(priority: number): FlowModMsg {
  return {
    type: 'flow_mod', version: 4, xid: 0, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority, bufferId: NO_BUFFER, outPort: OFPP_ANY, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [{ field: 'in_port', value: 1 }],
    instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] }],
  };
}

test('§7.2 §7.3 §7.4 §7.5 §4.11.3 standalone: the controller goes away, the hidden NORMAL rule appears after 3 probe intervals; back and admitted, only that rule goes', async (t) => {
  const clock = new FakeClock(1_000_000);
  const sw = new ReferenceSwitch({ datapathId: DPID, clock, ports: [{ portNo: 1 }, { portNo: 2 }] });
  const events: ConnMgrEvent[] = [];
  let random = 0;
  const mgr = new ConnMgr({
    bridge: 'br0', clock, datapath: sw, listener: (e) => events.push(e),
    failOpen: { randomBytes: (b) => b.fill(++random) },
  });
  let ctl = await ControllerServer.start(4);
  const port = ctl.port;
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setFailMode('standalone');
  t.deepEqual(sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[0, false]], '§4.11.4 no controllers: the visible NORMAL flow');
  await mgr.setControllers({ [ctl.target]: { band: 'out-of-band' } });
  t.deepEqual(sw.dumpFlows(), [], '§4.11.4 the first controller flushes');

  const c1 = await ctl.next();
  await c1.barrier(); // an admission message (§1.4.2): admitted at 1 000 000 ms
  t.true(mgr.sessions[0]!.rconn.core.isAdmitted);
  clock.advance(3_000);
  await ctl.close(); // the controller goes away for good (connections refused)
  await until(() => mgr.sessions.length === 0, 'the session to end');

  // Failure counts from the last admission (the barrier at 1 000 000 ms).
  clock.advance(11_999);
  await io();
  await mgr.failOpenSettled();
  t.false(mgr.isFailingOpen, '14.999 s: not yet');
  t.deepEqual(sw.dumpFlows(), []);
  clock.advance(1);
  await io();
  await mgr.failOpenSettled();
  t.true(mgr.isFailingOpen, '15 s = 3 x 5 s: failing open');
  const flows = sw.dumpFlows();
  t.is(flows.length, 1);
  t.like(flows[0], { tableId: 0, priority: 0xf0f0f0, hidden: true, match: [] });
  t.deepEqual(flows[0]!.instructions, [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }]);
  const opened = events.filter((e) => e.type === 'connmgr.fail-open').map(describeConnMgrEvent);
  t.deepEqual(opened, [
    "Could not connect to controller (or switch failed controller's post-connection admission control policy) for 15 seconds, failing open",
  ]);
  t.true(events.some((e) => e.type === 'connmgr.flushed' && e.cause === 'fail-open'));

  // A flow the datapath holds while failing open (it must survive recovery).
  await sw.request({ origin: { sessionId: 0, sessionName: 'test', version: 4, role: 'primary', xid: 0 }, msg: visibleFlow(100) });

  // The controller comes back at the same target; the rconn redials within its backoff (at most 8 s).
  ctl = await ControllerServer.start(4, port);
  let c2 = null;
  for (let i = 0; i < 10 && !c2; i++) {
    clock.advance(1_000);
    await io();
    if (ctl.clients.length > 0) c2 = await ctl.next();
  }
  if (!c2) return t.fail('the switch did not reconnect');
  await until(() => mgr.sessions.length === 1, 'the new session');
  await io();
  t.true(mgr.isFailingOpen, 'connected but not admitted: still failing open');

  // §7.5: a bogus packet-in every 2 s while connected.  The bridge buffers packets (the default
  // packet_buffers 256), so a miss while failing open carries the null buffer id (§6.2.5).
  clock.advance(2_000);
  const p1 = msgOf(await c2.next()) as PacketInMsg;
  t.like(p1, { type: 'packet_in', reason: 0, tableId: 0, cookie: 0xffffffffffffffffn, bufferId: NULL_BUFFER_ID, totalLen: 42 });
  t.deepEqual(p1.match, [{ field: 'in_port', value: OFPP_LOCAL }]);
  t.is(Buffer.from(p1.data.subarray(0, 14)).toString('hex'), 'ffffffffffff' + '002320' + Buffer.from(p1.data.subarray(9, 12)).toString('hex') + '8035');
  clock.advance(1_999);
  await io();
  t.is(c2.pending, 0, 'not before 2 s');
  clock.advance(1);
  const p2 = msgOf(await c2.next()) as PacketInMsg;
  t.is(p2.type, 'packet_in');
  t.notDeepEqual(p2.data.subarray(6, 12), p1.data.subarray(6, 12), 'a fresh random source address');

  // §7.4: the controller admits the switch: before its message is handled, fail-open recovers.
  await c2.barrier();
  await mgr.failOpenSettled();
  t.false(mgr.isFailingOpen);
  t.deepEqual(sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[100, false]], 'only the fail-open rule was deleted, no flush');
  t.is(describeConnMgrEvent(events.filter((e) => e.type === 'connmgr.fail-open').at(-1)!), 'No longer in fail-open mode');
  clock.advance(4_000);
  await io();
  t.is(c2.pending, 0, 'no bogus packet-ins after recovery');
});

test('§7.1 §4.11.2 no fail-open in secure mode: the controller going away leaves the flow table alone', async (t) => {
  const clock = new FakeClock(0);
  const sw = new ReferenceSwitch({ datapathId: DPID, clock });
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: sw });
  const ctl = await ControllerServer.start(4);
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: { band: 'out-of-band' } });
  await (await ctl.next()).barrier();
  await ctl.close();
  await until(() => mgr.sessions.length === 0, 'the session to end');
  clock.advance(60_000);
  await io();
  await mgr.failOpenSettled();
  t.false(mgr.isFailingOpen);
  t.deepEqual(sw.dumpFlows(), []);
});

test('§7.1 switching an active fail-open bridge to secure recovers: the rule goes without a flush', async (t) => {
  const clock = new FakeClock(0);
  const sw = new ReferenceSwitch({ datapathId: DPID, clock });
  const events: ConnMgrEvent[] = [];
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: sw, listener: (e) => events.push(e) });
  t.teardown(() => mgr.destroy());
  await mgr.setFailMode('standalone');
  // A controller nobody listens on (port 1 on loopback refuses), probes of 6 s: 18 s.
  await mgr.setControllers({ 'tcp:127.0.0.1:1': { probeInterval: 6, band: 'out-of-band' } });
  clock.advance(17_999);
  await io();
  await mgr.failOpenSettled();
  t.false(mgr.isFailingOpen);
  clock.advance(1);
  await io();
  await mgr.failOpenSettled();
  t.true(mgr.isFailingOpen, '18 s = 3 x 6 s');
  t.deepEqual(sw.dumpFlows().map((f) => f.priority), [0xf0f0f0]);
  const flushes = events.filter((e) => e.type === 'connmgr.flushed').length;
  await mgr.setFailMode('secure');
  await mgr.failOpenSettled();
  t.false(mgr.isFailingOpen);
  t.deepEqual(sw.dumpFlows(), []);
  t.is(events.filter((e) => e.type === 'connmgr.flushed').length, flushes, 'no flush: controllers are configured');
});
