/**
 * Metrics (src/telemetry/metrics.ts) after scripted sessions between a
 * bridge on a fake clock and real loopback clients, read through a
 * MetricReader: messages in and out by type, connection attempts and
 * disconnections, sessions by state and role, packet-ins sent and dropped
 * by cause (§4.5.2, §5.3), the scheduler backlog and queues, probe round
 * trips, datapath timeouts, fail-open, and the agent channel's recorder.
 */

import test from 'ava';
import type { DatapathPacketIn } from '../../src/connmgr/index.js';
import { encode, NO_COOKIE, type FlowModMsg } from '../../src/openflow/index.js';
import { AgentRequestMetrics, ConnMgrMetrics } from '../../src/telemetry/index.js';
import { serviceBridge, until } from '../support/connmgr-fixture.js';
import { testMeter } from '../support/metric-reading.js';

function packetIn(extra: Partial<DatapathPacketIn> = {}): DatapathPacketIn {
  return {
    type: 'packet_in', reason: 'action', tableId: 0, cookie: NO_COOKIE, metadata: [{ field: 'in_port', value: 1 }],
    frame: Buffer.from('0001020304050010203040501234', 'hex'), controllerId: 0, maxLen: 0xffff, ...extra,
  };
}

function flowMod(xid: number): FlowModMsg {
  return {
    type: 'flow_mod', version: 4, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [], instructions: [],
  };
}

test('a scripted session: messages by type, connect, sessions by state and role, packet-ins sent and dropped, probe round trip, timeout, disconnect', async (t) => {
  const { meter, read, shutdown } = testMeter();
  const m = new ConnMgrMetrics({ meter });
  const b = await serviceBridge({ settings: { type: 'primary', packetInQueueSize: 2 }, listener: m.listener, datapathTimeoutMs: 2_000 });
  m.observeBridges(() => [b.mgr]);
  t.teardown(async () => {
    m.close();
    await b.close();
    await shutdown();
  });
  const bridge = 'br0';
  const c = await b.connect(4); // HELLO, then a barrier
  c.send(encode(flowMod(1)));
  c.send(encode(flowMod(2)));
  c.sendHex('0402000c00000003 01020304'); // ECHO_REQUEST
  await c.barrier();

  let r = await read();
  t.is(r.value('ofconnmgr.connect.attempts', { bridge, result: 'success' }), 1);
  t.is(r.value('ofconnmgr.sessions', { bridge, state: 'ACTIVE', role: 'equal', type: 'primary' }), 1);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'in', type: 'OFPT_FLOW_MOD' }), 2);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'in', type: 'OFPT_ECHO_REQUEST' }), 1);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'in', type: 'OFPT_BARRIER_REQUEST' }), 2);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'out', type: 'OFPT_ECHO_REPLY' }), 1);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'out', type: 'OFPT_BARRIER_REPLY' }), 2);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'out', type: 'OFPT_FLOW_MOD' }), undefined);
  t.is(r.value('ofconnmgr.fail_open.active', { bridge }), 0);
  t.is(r.value('ofconnmgr.packet_ins.sent', { bridge }), 0);

  // Packet-ins: three go out; one no session wants (controller id 99) is unsent (§4.5.2).
  for (let i = 0; i < 3; i++) b.dp.emit(packetIn());
  b.dp.emit(packetIn({ controllerId: 99 }));
  t.is((await c.barrier()).length, 3);
  // The client stops reading: once the socket buffers are full, the packet-in queue (limit 2) overflows.
  c.pause();
  const big = Buffer.alloc(60_000, 1);
  const s = b.mgr.sessions[0]!;
  let emitted = 0;
  while (s.stats.packetInsDropped < 3 && emitted < 2000) {
    b.dp.emit(packetIn({ frame: big }));
    emitted++;
    if (emitted % 50 === 0) await new Promise((res) => setTimeout(res, 1));
  }
  r = await read();
  t.is(r.value('ofconnmgr.packet_ins.dropped', { bridge, cause: 'queue_overflow' }), 3);
  t.is(r.value('ofconnmgr.packet_ins.sent', { bridge }), 3 + emitted - 3);
  t.is(r.value('ofconnmgr.packet_ins.dropped', { bridge, cause: 'unsent' }), 1);
  t.is(r.value('ofconnmgr.packet_ins.dropped', { bridge, cause: 'rate_limit' }), 0);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'out', type: 'OFPT_PACKET_IN' }), 3 + emitted - 3);
  t.true(r.value('ofconnmgr.queue.depth', { bridge, queue: 'send' })! >= 2, 'the packet-ins held in the send queue');
  c.resume();
  await c.barrier(10_000);
  r = await read();
  t.is(r.value('ofconnmgr.queue.depth', { bridge, queue: 'send' }), 0);

  // A datapath request that is never answered: one reply owed, then the timeout.
  b.dp.answerer = () => 'hold';
  c.send(encode(flowMod(9)));
  await until(() => b.dp.held.length === 1, 'the held request');
  r = await read();
  t.is(r.value('ofconnmgr.queue.depth', { bridge, queue: 'replies' }), 1);
  b.clock.advance(2_000);
  await c.barrier();
  r = await read();
  t.is(r.value('ofconnmgr.agent.requests.timed_out', { bridge }), 1);
  t.is(r.value('ofconnmgr.queue.depth', { bridge, queue: 'replies' }), 0);

  // §1.3.2: 5 s idle (fake time): a probe, answered at once (0 ms of fake time).
  b.clock.advance(5_000);
  await until(() => b.events.some((e) => e.type === 'connmgr.rconn' && e.event.type === 'rconn.probe-reply'), 'the probe reply');
  r = await read();
  t.like(r.histogram('ofconnmgr.echo.rtt', { bridge }), { count: 1, sum: 0 });
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'out', type: 'OFPT_ECHO_REQUEST' }), 1);
  t.is(r.value('ofconnmgr.messages', { bridge, direction: 'in', type: 'OFPT_ECHO_REPLY' }), 1);

  // The client leaves: one disconnection, closed by the peer; no session left.
  c.close();
  await until(() => b.mgr.sessions.length === 0, 'the session to end');
  r = await read();
  t.is(r.value('ofconnmgr.disconnects', { bridge, reason: 'EOF' }), 1);
  t.is(r.value('ofconnmgr.sessions', { bridge, state: 'ACTIVE', role: 'equal', type: 'primary' }), 0, 'a gauge that falls to 0');
  t.is(r.value('ofconnmgr.packet_ins.sent', { bridge }), 3 + emitted - 3, 'totals outlive the session');
});

test('§5.3 §5.6 a rate-limited session: the scheduler backlog, packet-ins it drops, and those it releases later', async (t) => {
  const { meter, read, shutdown } = testMeter();
  const m = new ConnMgrMetrics({ meter });
  const b = await serviceBridge({ settings: { type: 'primary', rateLimit: 100, burstLimit: 25 }, listener: m.listener });
  m.observeBridges(() => [b.mgr]);
  t.teardown(async () => {
    m.close();
    await b.close();
    await shutdown();
  });
  const bridge = 'br0';
  const c = await b.connect(4);
  // The bucket holds 25 packets: 25 go at once, 25 wait, and each further one pushes out the oldest waiting.
  for (let i = 0; i < 60; i++) b.dp.emit(packetIn({ reason: 'no_match' }));
  let r = await read();
  t.is(r.value('ofconnmgr.packet_ins.sent', { bridge }), 25);
  t.is(r.value('ofconnmgr.packet_in.backlog', { bridge, scheduler: 'miss' }), 25);
  t.is(r.value('ofconnmgr.packet_in.backlog', { bridge, scheduler: 'action' }), 0);
  t.is(r.value('ofconnmgr.packet_ins.dropped', { bridge, cause: 'rate_limit' }), 10);
  // A second later (100 a second) the backlog is released.
  b.clock.advance(1_000);
  r = await read();
  t.is(r.value('ofconnmgr.packet_ins.sent', { bridge }), 50);
  t.is(r.value('ofconnmgr.packet_in.backlog', { bridge, scheduler: 'miss' }), 0);
  t.is((await c.barrier()).length, 50);
  // §5.5: lowering the burst limit with packets queued drops those that no longer fit.
  for (let i = 0; i < 40; i++) b.dp.emit(packetIn({ reason: 'no_match' }));
  r = await read();
  t.is(r.value('ofconnmgr.packet_in.backlog', { bridge, scheduler: 'miss' }), 15);
  await b.mgr.setControllers({ 'ptcp:0:127.0.0.1': { type: 'primary', rateLimit: 100, burstLimit: 5 } });
  r = await read();
  t.is(r.value('ofconnmgr.packet_in.backlog', { bridge, scheduler: 'miss' }), 5);
  t.is(r.value('ofconnmgr.packet_ins.dropped', { bridge, cause: 'rate_limit' }), 20);
});

test('an active target that cannot connect: attempts by error, the sessions gauge shows it backing off with no role', async (t) => {
  const { meter, read, shutdown } = testMeter();
  const m = new ConnMgrMetrics({ meter });
  const b = await serviceBridge({ listener: m.listener, more: { 'tcp:127.0.0.1:1': { type: 'primary' } } });
  m.observeBridges(() => [b.mgr]);
  t.teardown(async () => {
    m.close();
    await b.close();
    await shutdown();
  });
  await until(() => b.mgr.controllerStatus().some((s) => s.state === 'BACKOFF'), 'the first failure');
  const r = await read();
  t.is(r.value('ofconnmgr.connect.attempts', { bridge: 'br0', result: 'ECONNREFUSED' }), 1);
  t.is(r.value('ofconnmgr.sessions', { bridge: 'br0', state: 'BACKOFF', role: 'none', type: 'primary' }), 1);
  t.is(r.value('ofconnmgr.disconnects', { bridge: 'br0' }), undefined, 'never connected: no disconnection');
});

test('the agent channel recorder: requests in flight and how they ended', async (t) => {
  const { meter, read, shutdown } = testMeter();
  t.teardown(shutdown);
  const agent = new AgentRequestMetrics(meter);
  agent.started('br0');
  agent.started('br0');
  agent.started('br1');
  agent.finished('br0', 'answered');
  agent.finished('br1', 'failed');
  const r = await read();
  t.is(r.value('ofconnmgr.agent.requests.in_flight', { bridge: 'br0' }), 1);
  t.is(r.value('ofconnmgr.agent.requests.in_flight', { bridge: 'br1' }), 0);
  t.is(r.value('ofconnmgr.agent.requests', { bridge: 'br0', outcome: 'answered' }), 1);
  t.is(r.value('ofconnmgr.agent.requests', { bridge: 'br1', outcome: 'failed' }), 1);
});
