/**
 * Log lines from connmgr's events (src/telemetry/event-log.ts): scripted
 * sessions between a bridge on a fake clock and real loopback peers (a
 * controller it dials, a service client that dials it), logged as JSON
 * through pino into a captured destination, with the words and levels of
 * Open vSwitch's rconn, connmgr and fail-open, the per-bridge and
 * per-session child loggers, the rate limits and the flow_mod summary
 * (§4.8.5).
 */

import test from 'ava';
import { encode, type FlowModMsg } from '../../src/openflow/index.js';
import { createLogger, EventLog } from '../../src/telemetry/index.js';
import { serviceBridge, until } from '../support/connmgr-fixture.js';
import { FakeClock } from '../support/fake-clock.js';
import { LogCapture, type LogLine } from '../support/log-capture.js';
import { freeLoopbackPort } from '../support/loopback.js';
import { ControllerServer } from '../support/of-client.js';

function flowMod(xid: number, command: FlowModMsg['command'], priority: number): FlowModMsg {
  return {
    type: 'flow_mod', version: 4, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command,
    idleTimeout: 0, hardTimeout: 0, priority, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [{ field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x0800 }],
    instructions: [],
  };
}

/** Lets socket I/O and connmgr's turns run. */
function io(): Promise<void> {
  return new Promise((r) => setTimeout(r, 20));
}

/** The [level, message] pairs of 'lines' whose message starts with 'prefix'. */
function linesOf(lines: readonly LogLine[], prefix: string): Array<[string, string]> {
  return lines.filter((l) => l.msg.startsWith(prefix)).map((l) => [l.level, l.msg]);
}

test('§1.1 §1.3 §4.4 §4.8.5 §9.3 a dialled session logs as OVS does: connecting, connected, role change, flow_mods and their summary, error reply, probe, probe timeout, backoff', async (t) => {
  const capture = new LogCapture();
  const clock = new FakeClock(1_000_000);
  const log = new EventLog({ logger: createLogger({ destination: capture, level: 'debug' }), clock });
  let ctl = await ControllerServer.start(4);
  const b = await serviceBridge({ clock, listener: log.listener, more: { [ctl.target]: { type: 'primary' } } });
  t.teardown(async () => {
    log.close();
    await b.close();
    await ctl.close();
  });
  const c = await ctl.next();
  const s = `br0<->${ctl.target}`;
  await until(() => capture.find(`${s}: connected`) !== undefined, 'connected');
  c.sendHex('041800180000000100000002000000000000000000000001'); // ROLE_REQUEST primary, generation 1
  c.send(encode(flowMod(2, 'add', 100)));
  c.send(encode(flowMod(3, 'add', 200)));
  c.send(encode(flowMod(4, 'delete', 100)));
  c.sendHex('0406000800000009'); // a FEATURES_REPLY too short to decode: an error reply (§9.4)
  await c.barrier();

  // §1.3.2: 5 s without traffic: a probe (DEBUG), answered by the controller.
  clock.advance(5_000);
  await until(() => capture.find(/inactivity probe answered/) !== undefined, 'the probe reply');
  // §4.8.5: 10 s after the first flow mod, the summary.
  clock.advance(5_000);
  t.deepEqual(linesOf(capture.lines, `${s}: 3 flow_mods`), [['info', `${s}: 3 flow_mods 10 s ago (2 adds, 1 deletes)`]]);

  // §1.3.3: the probe sent at 10 s (during the last advance) is left
  // unanswered: 5 s later the connection is dropped (ERROR).  The
  // controller is gone, so the redial is refused.
  c.answerEcho = false;
  clock.advance(5_000);
  await ctl.close();
  await until(() => b.mgr.sessions.length === 0, 'the session to end');
  clock.advance(1_000);
  await until(() => capture.find(/waiting 2 seconds/) !== undefined, 'the second backoff');

  const session = capture.lines.filter((l) => l.session === s);
  t.deepEqual(
    session.filter((l) => l.level !== 'debug').map((l) => [l.level, l.module, l.msg]),
    [
      ['info', 'rconn', `${s}: connecting...`],
      ['info', 'rconn', `${s}: connected`],
      ['info', 'connmgr', `${s}: role changed from equal to primary`],
      ['info', 'connmgr', `${s}: sending OFPBRC_BAD_LEN error reply to invalid message`],
      ['info', 'connmgr', `${s}: 3 flow_mods 10 s ago (2 adds, 1 deletes)`],
      ['error', 'rconn', `${s}: no response to inactivity probe after 5 seconds, disconnecting`],
      ['info', 'rconn', `${s}: connecting...`],
      ['info', 'rconn', `${s}: connection failed (Connection refused)`],
      ['info', 'rconn', `${s}: waiting 2 seconds before reconnect`],
    ],
  );
  const debug = session.filter((l) => l.level === 'debug').map((l) => l.msg);
  t.true(debug.includes(`${s}: flow_mod ADD table:0 priority=100,in_port=1,dl_type=0x0800`));
  t.true(debug.includes(`${s}: flow_mod DEL table:0 priority=100,in_port=1,dl_type=0x0800`));
  t.true(debug.includes(`${s}: idle 5 seconds, sending inactivity probe`));
  t.true(debug.some((m) => /^br0<->tcp:127\.0\.0\.1:\d+: inactivity probe answered after 0 ms$/.test(m)));
  // The session child logger binds both names; structured fields come along.
  t.like(capture.find(`${s}: connected`), { name: 'ofconnmgr', bridge: 'br0', session: s, event: 'rconn.connected', version: 4, reliable: true });
  t.like(capture.find(`${s}: sending OFPBRC_BAD_LEN error reply to invalid message`), { error: 'OFPBRC_BAD_LEN', request: 'invalid' });
  // Bridge-wide lines have the bridge and no session.
  const added = capture.find(`br0: added primary controller "${ctl.target}"`);
  t.like(added, { level: 'info', bridge: 'br0', module: 'connmgr' });
  t.false('session' in added!);
  ctl = await ControllerServer.start(4); // for teardown
});

test('§1.1.4 §4.1.6 an accepted session is named br0<->tcp:127.0.0.1:PORT and its connect and close are DEBUG (unreliable)', async (t) => {
  const capture = new LogCapture();
  const clock = new FakeClock(1_000_000);
  const log = new EventLog({ logger: createLogger({ destination: capture, level: 'debug' }), clock });
  const b = await serviceBridge({ clock, listener: log.listener });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const name = b.mgr.sessions[0]!.name;
  t.regex(name, /^br0<->tcp:127\.0\.0\.1:\d+$/);
  c.close();
  await until(() => b.mgr.sessions.length === 0, 'the session to end');
  const mine = capture.lines.filter((l) => l.session === name);
  t.deepEqual(linesOf(mine, `${name}: connected`), [['debug', `${name}: connected`]]);
  t.deepEqual(linesOf(mine, `${name}: connection closed by peer`), [['debug', `${name}: connection closed by peer`]]);
  t.true(mine.every((l) => l.bridge === 'br0'));
  // At the default level (info) an accepted session leaves no line at all.
  const quiet = new LogCapture();
  const infoLog = new EventLog({ logger: createLogger({ destination: quiet }), clock });
  for (const e of b.events) infoLog.log(e);
  t.deepEqual(quiet.lines.filter((l) => l.session === name), []);
});

test('§7.3 §7.4 fail-open: WARN when failing open, INFO while it lasts, from the fail_open module', async (t) => {
  const capture = new LogCapture();
  const clock = new FakeClock(1_000_000);
  const log = new EventLog({ logger: createLogger({ destination: capture }), clock });
  const closed = `tcp:127.0.0.1:${await freeLoopbackPort()}`;
  const b = await serviceBridge({ clock, listener: log.listener, more: { [closed]: { type: 'primary' } } });
  t.teardown(() => b.close());
  await b.mgr.setFailMode('standalone');
  for (let i = 0; i < 16; i++) {
    clock.advance(1_000);
    await io();
  }
  await b.mgr.failOpenSettled();
  t.true(b.mgr.isFailingOpen);
  const failOpen = capture.lines.filter((l) => l.module === 'fail_open').map((l) => [l.level, l.msg, l.bridge]);
  t.deepEqual(failOpen, [
    ['warn', "Could not connect to controller (or switch failed controller's post-connection admission control policy) for 15 seconds, failing open", 'br0'],
  ]);
  for (let i = 0; i < 70; i++) {
    clock.advance(1_000);
    await b.mgr.failOpenSettled();
  }
  const still = capture.lines.filter((l) => l.module === 'fail_open' && l.level === 'info').map((l) => l.msg);
  t.deepEqual(still, ['Still in fail-open mode after 76 seconds disconnected from controller']);
  // §1.2.5: once the backoff is at its maximum, attempts are no longer logged at INFO.
  const attempts = linesOf(capture.lines, `br0<->${closed}: connecting...`);
  t.true(attempts.length >= 3 && attempts.length <= 5, `${attempts.length} logged attempts`);
  t.truthy(capture.find(`br0<->${closed}: continuing to retry connections in the background but suppressing further logging`));
});

test('§9.3 hot paths: rate-limited lines are dropped and counted, then one "N messages suppressed" line precedes the next one let through', (t) => {
  const capture = new LogCapture();
  const clock = new FakeClock(0);
  const log = new EventLog({ logger: createLogger({ destination: capture }), clock });
  const s = 'br0<->tcp:127.0.0.1:6653';
  const timeout = (xid: number) => ({ type: 'connmgr.datapath-timeout', session: s, request: 'OFPT_FLOW_MOD', xid, error: 'OFPBRC_EPERM' }) as const;
  // Burst 10, 10 a minute: 10 lines, then nothing.
  for (let xid = 1; xid <= 25; xid++) log.log(timeout(xid));
  t.is(capture.lines.length, 10);
  t.true(capture.lines.every((l) => l.level === 'warn' && l.session === s));
  // 6 s later one token is back: the 15 dropped are reported first, then the line.
  clock.advance(3_000);
  log.log(timeout(26));
  clock.advance(3_000);
  log.log(timeout(27));
  t.deepEqual(capture.messages().slice(10), [
    '16 messages suppressed in last 6 seconds (most recently, 3 seconds ago) due to excessive rate',
    `${s}: datapath did not answer OFPT_FLOW_MOD (xid=0x1b) in time, sending OFPBRC_EPERM`,
  ]);
  t.like(capture.lines[10], { level: 'warn', event: 'suppressed', suppressed: 16, bridge: 'br0', session: s });
  // connmgr limits error replies itself (§9.3) and says how many it held back.
  log.log({ type: 'connmgr.error-reply', session: s, error: 'OFPBRC_BAD_TYPE', request: 'OFPT_HELLO', suppressed: 4 });
  t.deepEqual(capture.messages().slice(12), [
    '4 messages suppressed due to excessive rate',
    `${s}: sending OFPBRC_BAD_TYPE error reply to OFPT_HELLO message`,
  ]);
  // A level that is off costs no token: debug lines at level info leave the flow_mod bucket full.
  for (let i = 0; i < 100; i++) log.log({ type: 'connmgr.flow-mod', session: s, command: 'add', tableId: 0, priority: i, version: 4, match: [] });
  t.is(capture.lines.length, 14);
  log.close();
  t.deepEqual(capture.messages().slice(14), [`${s}: 100 flow_mods in the last 0 s (100 adds)`]);
});
