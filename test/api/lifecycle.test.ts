/**
 * The service's life cycle around its streams: a graceful shutdown ends
 * every Attach, WatchControllerInfo and health Watch stream (UNAVAILABLE
 * "shutting down", a health watcher after hearing NOT_SERVING), so
 * close() does not wait for them, and cuts a stream whose
 * agent no longer reads after the grace period; changes of one bridge
 * run one after another, so two DeleteBridge calls, or a change racing a
 * deletion, get NOT_FOUND rather than a half-done bridge.
 */

import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { SERVICE_NAME, SHUTDOWN_GRACE_MS } from '../../src/api/index.js';
import { startApi } from '../support/api-client.js';
import { TestAgent, testSwitch } from '../support/test-agent.js';
import { freeLoopbackPort, until } from '../support/loopback.js';

function codeOf(p: Promise<unknown>): Promise<number> {
  return p.then(() => grpc.status.OK, (e: unknown) => (e as grpc.ServiceError).code);
}

test('close(): every Attach stream (primary, backup, one that has not said hello) and Watch stream ends with UNAVAILABLE, at once', async (t) => {
  const api = await startApi();
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: '00000000000000c1' } });
  const primary = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 2n, sw: testSwitch(0xc1n, 'br0') });
  const backup = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n });
  const silent = TestAgent.open(api.address, { bridge: 'br0', electionId: 3n, noHello: true });
  t.teardown(() => [primary, backup, silent].forEach((a) => a.close()));
  const watch = api.client.WatchControllerInfo({ bridge: 'br0' });
  let watchStatus: grpc.StatusObject | null = null;
  watch.on('status', (s: grpc.StatusObject) => (watchStatus = s));
  watch.on('error', () => undefined);
  watch.on('data', () => undefined);
  await until(() => api.server.openStreams === 4, 'the four streams at the server');
  const started = Date.now();
  await api.close();
  t.true(Date.now() - started < SHUTDOWN_GRACE_MS, `closed in ${Date.now() - started} ms: no stream held it up`);
  t.is(api.server.openStreams, 0);
  for (const a of [primary, backup, silent]) {
    const s = await a.ended();
    t.is(s.code, grpc.status.UNAVAILABLE);
    t.is(s.details, 'shutting down');
  }
  await until(() => watchStatus !== null, 'the watch to end');
  t.is(watchStatus!.code, grpc.status.UNAVAILABLE);
});

test('close(): health watchers, on the API and on the health-only listener, hear NOT_SERVING and their streams end; they hold nothing up', async (t) => {
  const healthPort = await freeLoopbackPort();
  const api = await startApi({ healthAddress: `127.0.0.1:${healthPort}` });
  const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
  type HealthClient = grpc.Client & { watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }> };
  const clients = [api.address, `127.0.0.1:${healthPort}`].map((a) => new Health(a, grpc.credentials.createInsecure()) as unknown as HealthClient);
  t.teardown(() => clients.forEach((c) => c.close()));
  const seen = clients.map((c) => {
    const w = { statuses: [] as string[], end: null as grpc.StatusObject | null };
    const call = c.watch({ service: SERVICE_NAME });
    call.on('data', (m: { status: string }) => w.statuses.push(m.status));
    call.on('status', (s: grpc.StatusObject) => (w.end = s));
    call.on('error', () => undefined);
    return w;
  });
  await until(() => seen.every((w) => w.statuses.length === 1), 'the watchers\' first status');
  t.is(api.server.openStreams, 2);
  const started = Date.now();
  await api.close();
  t.true(Date.now() - started < SHUTDOWN_GRACE_MS, `closed in ${Date.now() - started} ms: no watcher held it up`);
  await until(() => seen.every((w) => w.end !== null), 'the watches to end');
  for (const w of seen) {
    t.deepEqual(w.statuses, ['SERVING', 'NOT_SERVING']);
    t.like(w.end, { code: grpc.status.UNAVAILABLE, details: 'shutting down' });
  }
});

test('close(): an agent that stops reading cannot hold the shutdown beyond the grace period', async (t) => {
  const api = await startApi();
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: '00000000000000c1' } });
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'tcp:192.0.2.1:6653' }] });
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw: testSwitch(0xc1n, 'br0') });
  t.teardown(() => agent.close());
  agent.pause();
  const channel = api.server.bridges.get('br0').agent!;
  for (let i = 0; i < 400 && !channel.isRequestsPaused; i++) {
    channel.missSendsToController = i % 2 === 0;
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 10));
  }
  t.true(channel.isRequestsPaused, 'the agent\'s stream is full');
  const started = Date.now();
  await api.close();
  const took = Date.now() - started;
  t.true(took < SHUTDOWN_GRACE_MS + 1000, `closed in ${took} ms`);
});

test('two DeleteBridge calls at once: one succeeds, the other is NOT_FOUND; a change racing a deletion is OK or NOT_FOUND, never INTERNAL', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0' } });
  const codes = await Promise.all([codeOf(api.call('deleteBridge', { bridge: 'br0' })), codeOf(api.call('deleteBridge', { bridge: 'br0' }))]);
  t.deepEqual(codes.sort(), [grpc.status.OK, grpc.status.NOT_FOUND]);
  for (let i = 0; i < 5; i++) {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    const [set, del, again] = await Promise.all([
      codeOf(api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] })),
      codeOf(api.call('deleteBridge', { bridge: 'br0' })),
      codeOf(api.call('setFailMode', { bridge: 'br0', fail_mode: 'SECURE' })),
    ]);
    t.is(del, grpc.status.OK);
    t.true([grpc.status.OK, grpc.status.NOT_FOUND].includes(set), `SetControllers: ${set}`);
    t.true([grpc.status.OK, grpc.status.NOT_FOUND].includes(again), `SetFailMode: ${again}`);
  }
  t.deepEqual((await api.call('listBridges', {})).bridges, []);
  t.is(await codeOf(api.call('createBridge', { bridge: { name: 'br0' } })), grpc.status.OK, 'the name is free again');
});
