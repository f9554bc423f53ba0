/**
 * WatchControllerInfo: GetControllerInfo's answer at once, then again
 * after each change of the bridge (a session made or ended, a controller
 * added or removed), coalesced, never the same snapshot twice in a row;
 * NOT_FOUND for an unknown bridge; the stream ends with NOT_FOUND when the
 * bridge is deleted.  A real grpc-js client on a loopback port.
 */

import { EventEmitter } from 'node:events';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { BridgeRegistry, bridgeFromProto } from '../../src/api/index.js';
import { watchControllerInfoHandler } from '../../src/api/controller-info-watch.js';
import { LiveStreams } from '../../src/api/live-streams.js';
import type { GetControllerInfoResponse, GetControllerInfoResponse__Output } from '../../src/generated/ofconnmgr/v1/GetControllerInfoResponse.js';
import { startApi, type ApiHarness } from '../support/api-client.js';
import { OfClient } from '../support/of-client.js';
import { until } from '../support/loopback.js';

interface Watch {
  readonly snapshots: GetControllerInfoResponse__Output[];
  status: grpc.StatusObject | null;
  cancel(): void;
}

function watch(api: ApiHarness, bridge: string): Watch {
  const call = api.client.WatchControllerInfo({ bridge });
  const w: Watch = { snapshots: [], status: null, cancel: () => call.cancel() };
  call.on('data', (r: GetControllerInfoResponse__Output) => w.snapshots.push(r));
  call.on('status', (s: grpc.StatusObject) => {
    w.status = s;
  });
  call.on('error', () => undefined);
  return w;
}

test('the first snapshot comes at once; a controller added and a session opened each bring a new one', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0' } });
  const w = watch(api, 'br0');
  t.teardown(() => w.cancel());
  await until(() => w.snapshots.length === 1, 'the first snapshot');
  t.deepEqual(w.snapshots[0], { controllers: [], packet_ins_unsent: '0' });
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
  await until(() => w.snapshots.length === 2, 'a snapshot with the controller');
  t.deepEqual(w.snapshots[1]!.controllers.map((c) => [c.target, c.sessions]), [['ptcp:0:127.0.0.1', 0]]);
  const port = api.server.bridges.get('br0').mgr.service('ptcp:0:127.0.0.1')!.port!;
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  await until(() => w.snapshots.at(-1)!.controllers[0]!.sessions === 1, 'a snapshot with the session');
  const before = w.snapshots.length;
  c.close();
  await until(() => w.snapshots.at(-1)!.controllers[0]!.sessions === 0, 'a snapshot without it');
  t.true(w.snapshots.length - before <= 2, 'one change, one or two snapshots (coalesced)');
  for (let i = 1; i < w.snapshots.length; i++) {
    t.notDeepEqual(w.snapshots[i], w.snapshots[i - 1], 'never the same snapshot twice in a row');
  }
  t.deepEqual(await api.call('getControllerInfo', { bridge: 'br0' }), w.snapshots.at(-1));
});

test('a burst of changes in one turn gives one snapshot; an event that changes nothing gives none', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0' } });
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
  const mgr = api.server.bridges.get('br0').mgr;
  const service = mgr.service('ptcp:0:127.0.0.1')!;
  const clients = await Promise.all(Array.from({ length: 5 }, () => OfClient.connect(service.port!, 4)));
  t.teardown(() => clients.forEach((c) => c.close()));
  await until(() => service.sessions.length === 5, 'five sessions');
  const w = watch(api, 'br0');
  t.teardown(() => w.cancel());
  await until(() => w.snapshots.length === 1, 'the first snapshot');
  t.is(w.snapshots[0]!.controllers[0]!.sessions, 5);
  // Five connections dropped at once: ten and more events in one turn.
  service.reconnect();
  await until(() => w.snapshots.length >= 2, 'a snapshot');
  await new Promise((r) => setTimeout(r, 100));
  t.is(w.snapshots.length, 2, 'one snapshot for the burst');
  t.is(w.snapshots[1]!.controllers[0]!.sessions, 0);
  await mgr.setFailMode('secure');
  await new Promise((r) => setTimeout(r, 100));
  t.is(w.snapshots.length, 2, 'a fail mode change is an event but no change of controller info');
});

test('an unknown bridge is NOT_FOUND; deleting the bridge ends the stream with NOT_FOUND', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const unknown = watch(api, 'nope');
  await until(() => unknown.status !== null, 'the status');
  t.is(unknown.status!.code, grpc.status.NOT_FOUND);
  t.is(unknown.status!.details, 'bridge: no bridge named "nope"');
  await api.call('createBridge', { bridge: { name: 'br0' } });
  const w = watch(api, 'br0');
  await until(() => w.snapshots.length === 1, 'the first snapshot');
  await api.call('deleteBridge', { bridge: 'br0' });
  await until(() => w.status !== null, 'the end of the stream');
  t.is(w.status!.code, grpc.status.NOT_FOUND);
  t.is(w.status!.details, 'bridge: bridge "br0" was deleted');
  t.is(api.server.bridges.list().length, 0);
});

test('backpressure: while the stream does not take more, nothing is written; after drain only the latest snapshot', async (t) => {
  const bridges = new BridgeRegistry({ inProcessDatapath: true });
  t.teardown(() => bridges.close());
  await bridges.create(bridgeFromProto({ name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' }));
  const written: GetControllerInfoResponse[] = [];
  let writable = true;
  const call = Object.assign(new EventEmitter(), {
    request: { bridge: 'br0' },
    write(r: GetControllerInfoResponse): boolean {
      written.push(r);
      return writable;
    },
    end(): void {},
  });
  watchControllerInfoHandler(bridges, new LiveStreams())(call as unknown as Parameters<ReturnType<typeof watchControllerInfoHandler>>[0]);
  t.is(written.length, 1);
  writable = false;
  const targets = ['ptcp:0:127.0.0.1', 'ptcp:0:127.0.0.2', 'ptcp:0:127.0.0.3'];
  await bridges.setControllers('br0', new Map([[targets[0]!, {}]]));
  await new Promise((r) => setImmediate(r));
  t.is(written.length, 2, 'one more, which the stream refuses to take further');
  await bridges.setControllers('br0', new Map(targets.slice(0, 2).map((x) => [x, {}])));
  await bridges.setControllers('br0', new Map(targets.map((x) => [x, {}])));
  await new Promise((r) => setImmediate(r));
  t.is(written.length, 2, 'nothing while blocked');
  writable = true;
  call.emit('drain');
  t.is(written.length, 3);
  t.deepEqual(written[2]!.controllers!.map((c) => c.target), targets, 'only the latest snapshot');
  call.emit('cancelled');
});
