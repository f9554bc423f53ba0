/**
 * setControllers reconciliation (§4.2), services and session lifecycle
 * (§4.1), flushing on has_controllers transitions and the fail mode
 * (§4.11), reconnect-all (§4.2.6) and controller status (§4.12), over real
 * loopback sockets with time from a FakeClock.
 */

import test from 'ava';
import { createServer } from 'node:net';
import { ConnMgr, roleColumn, statusPairs, type ConnMgrEvent } from '../../src/connmgr/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { until } from '../support/connmgr-fixture.js';
import { freeLoopbackPort } from '../support/loopback.js';
import { ControllerServer, OfClient, msgOf, typesOf } from '../support/of-client.js';
import { ScriptedDatapath } from '../support/scripted-datapath.js';

function bridge(): { mgr: ConnMgr; dp: ScriptedDatapath; clock: FakeClock; events: ConnMgrEvent[] } {
  const dp = new ScriptedDatapath();
  const clock = new FakeClock(1_000_000);
  const events: ConnMgrEvent[] = [];
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: dp, listener: (e) => events.push(e) });
  return { mgr, dp, clock, events };
}

function ofType<T extends ConnMgrEvent['type']>(events: ConnMgrEvent[], type: T): Extract<ConnMgrEvent, { type: T }>[] {
  return events.filter((e): e is Extract<ConnMgrEvent, { type: T }> => e.type === type);
}

test('§4.2.2 §4.1.6 an active target dials at once; its session is named <bridge><-><target> and created once connected', async (t) => {
  const ctl = await ControllerServer.start(4);
  const { mgr, events } = bridge();
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: {} });
  t.deepEqual(ofType(events, 'connmgr.controller-added').map((e) => [e.target, e.connectionType]), [[ctl.target, 'primary']]);
  const c = await ctl.next();
  await until(() => mgr.sessions.length === 1, 'the session');
  t.is(mgr.sessions[0]!.name, `br0<->${ctl.target}`);
  t.is(mgr.sessions[0]!.connectionType, 'primary');
  // §4.3.1: a primary session starts with miss_send_len 128.
  c.sendHex('0407000800000001');
  const [reply] = await c.barrier();
  t.like(msgOf(reply!), { type: 'get_config_reply', missSendLen: 128 });
});

test('§4.2.2 §4.1.3 a passive target listens and defaults to the service type; an unsupported target is reported and skipped', async (t) => {
  const { mgr, events } = bridge();
  t.teardown(() => mgr.destroy());
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {}, 'bogus:1.2.3.4': {} });
  t.deepEqual(mgr.controllerTargets, ['ptcp:0:127.0.0.1']);
  t.deepEqual(ofType(events, 'connmgr.controller-unsupported').map((e) => e.target), ['bogus:1.2.3.4']);
  const port = mgr.service('ptcp:0:127.0.0.1')!.port!;
  const c = await OfClient.connect(port, 1);
  t.teardown(() => c.close());
  await until(() => mgr.sessions.length === 1, 'the session');
  t.is(mgr.sessions[0]!.connectionType, 'service');
  t.regex(mgr.sessions[0]!.name, /^br0<->tcp:127\.0\.0\.1:\d+$/);
  c.sendHex('0107000800000001');
  const [reply] = await c.barrier();
  t.like(msgOf(reply!), { type: 'get_config_reply', missSendLen: 0 });
});

test('§4.2.2 a passive target that cannot listen is reported and tried again at the next call', async (t) => {
  const port = await freeLoopbackPort();
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  const { mgr, events } = bridge();
  t.teardown(() => mgr.destroy());
  const target = `ptcp:${port}:127.0.0.1`;
  await mgr.setControllers({ [target]: {} });
  t.deepEqual(mgr.controllerTargets, []);
  t.like(ofType(events, 'connmgr.listen-failed')[0], { target, error: 'EADDRINUSE' });
  await new Promise<void>((r) => blocker.close(() => r()));
  await mgr.setControllers({ [target]: {} });
  t.deepEqual(mgr.controllerTargets, [target]);
});

test('§4.2.3 an unchanged target keeps its sessions; changed settings are applied in place', async (t) => {
  const ctl = await ControllerServer.start(4);
  const { mgr, events } = bridge();
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: {}, 'ptcp:0:127.0.0.1': {} });
  const c1 = await ctl.next();
  const c2 = await OfClient.connect(mgr.service('ptcp:0:127.0.0.1')!.port!, 4);
  t.teardown(() => c2.close());
  await until(() => mgr.sessions.length === 2, 'two sessions');
  const before = [...mgr.sessions];
  await mgr.setControllers({ [ctl.target]: { probeInterval: 20, maxBackoff: 30, packetInQueueSize: 7 }, 'ptcp:0:127.0.0.1': { probeInterval: 0 } });
  t.deepEqual([...mgr.sessions], before);
  t.is(ofType(events, 'connmgr.controller-added').length, 2);
  t.is(ofType(events, 'connmgr.controller-reinitialized').length, 0);
  const active = mgr.service(ctl.target)!;
  t.is(active.rconn!.status().probeInterval, 20);
  t.is(active.rconn!.status().maxBackoff, 30);
  t.is(before.find((s) => s.service === active)!.packetInQueueLimit, 7);
  t.is(before.find((s) => s.service !== active)!.rconn.status().probeInterval, 0);
  // Both sessions still answer.
  c1.sendHex('0402000800000005');
  t.deepEqual(typesOf(await c1.barrier()), ['echo_reply']);
  c2.sendHex('0402000800000005');
  t.deepEqual(typesOf(await c2.barrier()), ['echo_reply']);
});

test('§4.2.3 changed allowed versions re-create the service: its sessions end and it is logged as re-initialised', async (t) => {
  const { mgr, events } = bridge();
  t.teardown(() => mgr.destroy());
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {} });
  const port = mgr.service('ptcp:0:127.0.0.1')!.port!;
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  await until(() => mgr.sessions.length === 1, 'the session');
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': { allowedVersions: 1 << 4 } });
  await c.waitClosed();
  t.deepEqual(ofType(events, 'connmgr.controller-reinitialized').map((e) => e.setting), ['allowedVersions']);
  t.is(mgr.sessions.length, 0);
  t.is(ofType(events, 'connmgr.controller-added').length, 1, 'a re-created service is not announced as added');
});

test('§4.2.5 a changed connection type re-creates the service, so new sessions get the new type', async (t) => {
  const { mgr, events } = bridge();
  t.teardown(() => mgr.destroy());
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {} });
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': { type: 'primary' } });
  t.deepEqual(ofType(events, 'connmgr.controller-reinitialized').map((e) => e.setting), ['type']);
  const c = await OfClient.connect(mgr.service('ptcp:0:127.0.0.1')!.port!, 4);
  t.teardown(() => c.close());
  await until(() => mgr.sessions.length === 1, 'the session');
  t.is(mgr.sessions[0]!.connectionType, 'primary');
  c.sendHex('0407000800000001');
  t.like(msgOf((await c.barrier())[0]!), { missSendLen: 128 });
});

test('§4.2.3 a removed target loses its service and sessions', async (t) => {
  const ctl = await ControllerServer.start(1);
  const { mgr, events } = bridge();
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: {} });
  const c = await ctl.next();
  await mgr.setControllers({});
  await c.waitClosed();
  t.deepEqual(ofType(events, 'connmgr.controller-removed').map((e) => [e.target, e.connectionType]), [[ctl.target, 'primary']]);
  t.deepEqual(mgr.controllerTargets, []);
  t.is(mgr.sessions.length, 0);
});

test('§4.2.4 §4.11.3 §4.11.4 flows are flushed when the first primary controller comes and when the last goes, not in between', async (t) => {
  const { mgr, dp } = bridge();
  t.teardown(() => mgr.destroy());
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {} });
  t.is(dp.flushes, 0, 'a service listener is not a controller (§4.1.4)');
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {}, 'tcp:127.0.0.1:1': {} });
  t.true(mgr.hasControllers);
  t.is(dp.flushes, 1);
  await mgr.setControllers({ 'tcp:127.0.0.1:2': {} });
  t.is(dp.flushes, 1, 'changing targets keeps the flows');
  await mgr.setControllers({});
  t.false(mgr.hasControllers);
  t.is(dp.flushes, 2);
  t.is(dp.requests.length, 0, 'secure mode: no NORMAL flow');
});

test('§4.11.1 §4.11.3 standalone with no controllers: setting the mode flushes and adds the visible NORMAL flow; with controllers it does not flush', async (t) => {
  const { mgr, dp, events } = bridge();
  t.teardown(() => mgr.destroy());
  await mgr.setFailMode('standalone');
  t.is(dp.flushes, 1, 'connmgr starts secure, so standalone is a change');
  t.is(dp.requests.length, 1);
  t.like(dp.requests[0]!.msg, { type: 'flow_mod', command: 'add', tableId: 0, priority: 0, match: [] });
  t.deepEqual((dp.requests[0]!.msg as { instructions: unknown }).instructions, [
    { type: 'apply_actions', actions: [{ type: 'output', port: 0xfffffffa, maxLen: 0 }] },
  ]);
  await mgr.setFailMode('standalone');
  t.is(dp.flushes, 1, 'no change, no flush');
  await mgr.setControllers({ 'tcp:127.0.0.1:1': {} });
  t.is(dp.flushes, 2);
  t.is(dp.requests.length, 1, 'a primary controller exists: no NORMAL flow after the flush');
  await mgr.setFailMode('secure');
  t.is(dp.flushes, 2, 'with controllers a mode change does not flush');
  await mgr.setFailMode('standalone');
  await mgr.setControllers({});
  t.is(dp.flushes, 3);
  t.is(dp.requests.length, 2, 'the last controller went: NORMAL again');
  t.deepEqual(ofType(events, 'connmgr.fail-mode').map((e) => e.mode), ['standalone', 'secure', 'standalone']);
});

test('§4.1.5 an active session ends with its connection and a fresh one (fresh state) comes with the reconnection; §4.2.6 reconnect-all', async (t) => {
  const ctl = await ControllerServer.start(4);
  const { mgr, clock, events } = bridge();
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: {}, 'ptcp:0:127.0.0.1': {} });
  const c1 = await ctl.next();
  const svc = await OfClient.connect(mgr.service('ptcp:0:127.0.0.1')!.port!, 4);
  t.teardown(() => svc.close());
  await until(() => mgr.sessions.length === 2, 'two sessions');
  // Make the controller primary: state that must not survive the session.
  c1.sendHex('041800180000000200000002000000000000000000000001');
  t.like(msgOf((await c1.barrier())[0]!), { type: 'role_reply', role: 'primary' });
  const first = mgr.service(ctl.target)!.currentSession!;
  mgr.reconnectAll();
  await c1.waitClosed();
  await svc.waitClosed();
  t.true(first.isDestroyed);
  // §1.2.3: the reliable rconn waits 1 s before redialling.
  clock.advance(1000);
  const c2 = await ctl.next();
  await until(() => mgr.service(ctl.target)!.currentSession !== null, 'the new session');
  const second = mgr.service(ctl.target)!.currentSession!;
  t.not(second, first);
  t.is(second.role, 'equal');
  c2.sendHex('041800180000000300000000000000000000000000000000');
  t.like(msgOf((await c2.barrier())[0]!), { type: 'role_reply', role: 'equal' });
  t.true(ofType(events, 'connmgr.session-destroyed').length >= 2);
});

test('§4.12.1 §4.12.2 controller status: connected with role and times, refused with last_error, passive cleared', async (t) => {
  const ctl = await ControllerServer.start(4);
  const refused = await freeLoopbackPort();
  const { mgr, clock } = bridge();
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  const dead = `tcp:127.0.0.1:${refused}`;
  await mgr.setControllers({ [ctl.target]: {}, [dead]: {}, 'ptcp:0:127.0.0.1': {} });
  const c = await ctl.next();
  await until(() => mgr.service(dead)!.rconn!.status().state === 'BACKOFF', 'the refusal');
  // Read the refused target before time moves: a redial is due after 1 s.
  const down = mgr.controllerStatus().find((s) => s.target === dead)!;
  t.like(down, { isConnected: false, role: null, lastError: 'Connection refused', state: 'BACKOFF' });
  t.is(statusPairs(down)['last_error'], 'Connection refused');
  t.is(roleColumn(down), null);
  c.sendHex('0404001400000002000023200000000a00000001');
  await c.barrier();
  clock.advance(3000);
  const byTarget = new Map(mgr.controllerStatus().map((s) => [s.target, s]));
  const up = byTarget.get(ctl.target)!;
  t.like(up, { kind: 'active', isConnected: true, role: 'primary', state: 'ACTIVE', lastError: null, secSinceConnect: 3, secSinceDisconnect: null });
  t.deepEqual(statusPairs(up), { state: 'ACTIVE', sec_since_connect: '3' });
  t.is(roleColumn(up), 'master');
  const passive = byTarget.get('ptcp:0:127.0.0.1')!;
  t.like(passive, { kind: 'passive', isConnected: false, role: null, state: null });
  t.deepEqual(statusPairs(passive), {});
  // After the controller goes away: sec_since_disconnect appears, role clears.
  c.close();
  await until(() => !mgr.service(ctl.target)!.rconn!.isConnected, 'the disconnection');
  const gone = mgr.controllerStatus().find((s) => s.target === ctl.target)!;
  t.like(gone, { isConnected: false, role: null, lastError: 'End of file', state: 'BACKOFF', secSinceDisconnect: 0, secSinceConnect: 3 });
});
