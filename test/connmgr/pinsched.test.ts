/**
 * Packet-in rate limiting through connmgr (reference §5, §4.5.2, §4.12.1):
 * per-session miss and action schedulers made from the controller's
 * rate_limit and burst_limit, drained by a timer on the fake clock into
 * the session's packet-in queue, re-made or destroyed by reconfiguration,
 * and reported in the controller status.  The scripted datapath raises the
 * packet-ins; raw OpenFlow clients receive them over loopback TCP.
 */

import test from 'ava';
import { ConnMgr, statusPairs, type DatapathPacketIn } from '../../src/connmgr/index.js';
import { NO_COOKIE } from '../../src/openflow/index.js';
import { serviceBridge, SERVICE_TARGET, until } from '../support/connmgr-fixture.js';
import { FakeClock } from '../support/fake-clock.js';
import { ControllerServer, msgOf } from '../support/of-client.js';
import { ScriptedDatapath } from '../support/scripted-datapath.js';

/** A 64-byte frame numbered 'n' (bytes 14-15), as the test tells packet-ins apart. */
function frame(n: number): Buffer {
  const f = Buffer.alloc(64);
  Buffer.from('0001020304050010203040500800', 'hex').copy(f);
  f.writeUInt16BE(n, 14);
  return f;
}

function packetIn(n: number, inPort: number, reason: DatapathPacketIn['reason'] = 'no_match'): DatapathPacketIn {
  return {
    type: 'packet_in', reason, tableId: 0, cookie: NO_COOKIE, metadata: [{ field: 'in_port', value: inPort }], frame: frame(n),
    controllerId: 0, maxLen: 0xffff,
  };
}

/** The frame numbers of the packet-ins among 'rs'. */
function numbers(rs: readonly { frame: Buffer }[]): number[] {
  return rs.map((r) => msgOf(r as never)).filter((m) => m.type === 'packet_in').map((m) => Buffer.from((m as { data: Uint8Array }).data).readUInt16BE(14));
}

test('§5.3 §5.4 §4.5.2 1,000 packet-ins on 3 ports at rate 100, burst 25: 25 reach the controller at once, the newest 25 follow round robin, one per 10 ms on the clock', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary', rateLimit: 100, burstLimit: 25 } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const s = b.mgr.sessions[0]!;
  for (let i = 0; i < 1000; i++) b.dp.emit(packetIn(i, (i % 3) + 1));
  t.deepEqual(numbers(await c.barrier()), [...Array(25).keys()]);
  t.deepEqual(s.packetInSchedulers.stats!.miss, { backlog: 25, bypassed: 25, queued: 975, dropped: 950 });
  t.deepEqual(s.packetInSchedulers.stats!.action, { backlog: 0, bypassed: 0, queued: 0, dropped: 0 });
  // An action packet-in has its own scheduler and bucket: it passes.
  b.dp.emit(packetIn(5000, 1, 'action'));
  t.deepEqual(numbers(await c.barrier()), [5000]);
  // 105 ms: tokens for the first 10 queued packets (due at 11, 21, ..., 101 ms).
  b.clock.advance(105);
  t.deepEqual(numbers(await c.barrier()), [976, 977, 975, 979, 980, 978, 982, 983, 981, 985]);
  b.clock.advance(1000);
  t.deepEqual(numbers(await c.barrier()), [986, 984, 988, 989, 987, 991, 992, 990, 994, 995, 993, 997, 998, 996, 999]);
  t.deepEqual(s.packetInSchedulers.stats!.miss, { backlog: 0, bypassed: 25, queued: 975, dropped: 950 });
  t.is(s.stats.packetInsSent, 51);
});

test('§5.1 §5.5 reconfiguration: rate 0 destroys the schedulers with their queue, a new rate re-makes them, a smaller burst drops the excess', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary', rateLimit: 100, burstLimit: 10 } });
  t.teardown(() => b.close());
  const c = await b.connect(1);
  const s = b.mgr.sessions[0]!;
  for (let i = 0; i < 20; i++) b.dp.emit(packetIn(i, 1));
  t.is(numbers(await c.barrier()).length, 10);
  t.is(s.packetInSchedulers.stats!.miss.backlog, 10);
  // §5.5: burst 4 keeps the newest 4.
  await b.mgr.setControllers({ [SERVICE_TARGET]: { type: 'primary', rateLimit: 100, burstLimit: 4 } });
  t.deepEqual(s.packetInSchedulers.stats!.miss, { backlog: 4, bypassed: 10, queued: 10, dropped: 6 });
  b.clock.advance(100);
  t.deepEqual(numbers(await c.barrier()), [16, 17, 18, 19]);
  for (let i = 20; i < 30; i++) b.dp.emit(packetIn(i, 2));
  await c.barrier();
  t.true(s.packetInSchedulers.backlog > 0);
  // §5.1: rate 0: queued packet-ins are lost, packet-ins pass unlimited.
  await b.mgr.setControllers({ [SERVICE_TARGET]: { type: 'primary' } });
  t.is(s.packetInSchedulers.stats, null);
  b.clock.advance(1000);
  t.deepEqual(numbers(await c.barrier()), []);
  for (let i = 100; i < 150; i++) b.dp.emit(packetIn(i, 2));
  t.is(numbers(await c.barrier()).length, 50);
  // Re-enabled: fresh statistics.
  await b.mgr.setControllers({ [SERVICE_TARGET]: { type: 'primary', rateLimit: 1000 } });
  t.deepEqual(s.packetInSchedulers.stats!.miss, { backlog: 0, bypassed: 0, queued: 0, dropped: 0 });
});

test('§5.7 §4.5.2 what the scheduler releases still goes through the packet-in queue limit, drops counted', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary', rateLimit: 1000, burstLimit: 400, packetInQueueSize: 2 } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.pause();
  const s = b.mgr.sessions[0]!;
  const big = (n: number): DatapathPacketIn => ({ ...packetIn(n, 1), frame: Buffer.concat([frame(n), Buffer.alloc(60_000, 1)]) });
  let emitted = 0;
  while (s.stats.packetInsDropped < 5 && emitted < 400) b.dp.emit(big(emitted++));
  t.is(s.stats.packetInsDropped, 5);
  t.is(s.packetInCounter.packets, 2);
  t.is(s.packetInSchedulers.stats!.miss.bypassed, emitted);
  c.resume();
  t.is(numbers(await c.barrier(10_000)).length, s.stats.packetInsSent);
});

test('§4.12.1 controller status has packet-in-{action,miss}-* only while rate limiting is on and connected', async (t) => {
  const ctl = await ControllerServer.start(4);
  const dp = new ScriptedDatapath();
  const clock = new FakeClock(1_000_000);
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: dp });
  t.teardown(async () => {
    await mgr.destroy();
    await ctl.close();
  });
  await mgr.setControllers({ [ctl.target]: { rateLimit: 100 } });
  const c = await ctl.next();
  await c.barrier();
  for (let i = 0; i < 30; i++) dp.emit(packetIn(i, 1));
  dp.emit(packetIn(99, 1, 'action'));
  t.is(numbers(await c.barrier()).length, 26);
  const pairs = statusPairs(mgr.controllerStatus()[0]!);
  t.like(pairs, {
    state: 'ACTIVE',
    'packet-in-miss-backlog': '5', 'packet-in-miss-bypassed': '25', 'packet-in-miss-queued': '5', 'packet-in-miss-dropped': '0',
    'packet-in-action-backlog': '0', 'packet-in-action-bypassed': '1', 'packet-in-action-queued': '0', 'packet-in-action-dropped': '0',
  });
  await mgr.setControllers({ [ctl.target]: {} });
  t.false(Object.keys(statusPairs(mgr.controllerStatus()[0]!)).some((k) => k.startsWith('packet-in-')));
  await mgr.setControllers({ [ctl.target]: { rateLimit: 100 } });
  c.close();
  await until(() => !mgr.service(ctl.target)!.rconn!.isConnected, 'the disconnection');
  t.false(Object.keys(statusPairs(mgr.controllerStatus()[0]!)).some((k) => k.startsWith('packet-in-')));
});
