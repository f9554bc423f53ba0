/**
 * The ConnectionManager gRPC service, through a real grpc-js client on a
 * loopback port: bridges, SetControllers with validation of the whole
 * request (nothing half applied), controller status as `ovs-vsctl list
 * controller` shows it (§4.12), NOT_FOUND for an unknown bridge, health
 * and server reflection (buf curl).
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceSwitch } from '../../src/agent/reference-switch.js';
import { matchToString } from '../../src/openflow/index.js';
import { until } from '../support/loopback.js';
import test from 'ava';
import { createServer } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { OfClient } from '../support/of-client.js';
import { startApi } from '../support/api-client.js';

const run = promisify(execFile);

function grpcError(e: unknown): grpc.ServiceError {
  if (e instanceof Error && typeof (e as grpc.ServiceError).code === 'number') return e as grpc.ServiceError;
  throw new Error(`not a gRPC error: ${String(e)}`);
}

test('CreateBridge and ListBridges: a bridge with its datapath id, buffers and protocols', async (t) => {
  const api = await startApi();
  try {
    const made = await api.call('createBridge', {
      bridge: { name: 'br0', datapath_id: '00000000000000ab', packet_buffers: 16, protocols: ['OPENFLOW13', 'OPENFLOW10'] },
    });
    t.deepEqual(made, { name: 'br0', datapath_id: '00000000000000ab', packet_buffers: 16, protocols: ['OPENFLOW10', 'OPENFLOW13'], fail_mode: 'STANDALONE' });
    await api.call('createBridge', { bridge: { name: 'br1' } });
    const list = await api.call('listBridges', {});
    t.deepEqual(list.bridges.map((b) => b.name), ['br0', 'br1']);
    t.regex(list.bridges[1]!.datapath_id, /^[0-9a-f]{16}$/);
    t.is(list.bridges[1]!.protocols.length, 6);
    const again = grpcError(await api.call('createBridge', { bridge: { name: 'br0' } }).catch((e: unknown) => e));
    t.is(again.code, grpc.status.ALREADY_EXISTS);
    await api.call('deleteBridge', { bridge: 'br1' });
    t.deepEqual((await api.call('listBridges', {})).bridges.map((b) => b.name), ['br0']);
  } finally {
    await api.close();
  }
});

test('SetControllers with a ptcp: service target: GetControllerInfo shows it, and the session a controller opens (§4.12.2)', async (t) => {
  const api = await startApi();
  let of: OfClient | undefined;
  try {
    await api.call('createBridge', { bridge: { name: 'br0', datapath_id: '0000000000000001' } });
    await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
    const before = await api.call('getControllerInfo', { bridge: 'br0' });
    t.deepEqual(before.controllers, [
      { target: 'ptcp:0:127.0.0.1', type: 'SERVICE', is_connected: false, role: 'CONTROLLER_ROLE_UNSPECIFIED', status: [], sessions: 0 },
    ]);
    t.is(before.packet_ins_unsent, '0');
    const port = api.server.bridges.get('br0').mgr.service('ptcp:0:127.0.0.1')?.port;
    if (!port) throw new Error('the listener did not open');
    of = await OfClient.connect(port, 4);
    await of.barrier();
    const after = await api.call('getControllerInfo', { bridge: 'br0' });
    t.is(after.controllers[0]!.sessions, 1);
    t.false(after.controllers[0]!.is_connected, 'a passive target is never reported connected (§4.12.2)');
  } finally {
    of?.close();
    await api.close();
  }
});

test('SetControllers with an active target: state and last_error pairs as ovs-vsctl shows them (§4.12.1)', async (t) => {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    // Port 1 on loopback: nothing listens, the connection is refused.
    await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'tcp:127.0.0.1:1', max_backoff_ms: 1000 }] });
    let info = await api.call('getControllerInfo', { bridge: 'br0' });
    const deadline = Date.now() + 3000;
    while (!info.controllers[0]!.status.some((p) => p.key === 'last_error') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      info = await api.call('getControllerInfo', { bridge: 'br0' });
    }
    const c = info.controllers[0]!;
    t.is(c.type, 'PRIMARY');
    t.false(c.is_connected);
    const pairs = Object.fromEntries(c.status.map((p) => [p.key, p.value]));
    t.is(pairs['last_error'], 'Connection refused');
    t.true(['BACKOFF', 'CONNECTING'].includes(pairs['state'] ?? ''), `state ${pairs['state']}`);
  } finally {
    await api.close();
  }
});

test('SetControllers with a malformed target: INVALID_ARGUMENT naming the entry, nothing applied', async (t) => {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
    const e = grpcError(
      await api
        .call('setControllers', {
          bridge: 'br0',
          controllers: [{ target: 'ptcp:0:127.0.0.2' }, { target: 'tcp:127.0.0.1:6653' }, { target: 'tcp:127.0.0.1:99999' }],
        })
        .catch((err: unknown) => err),
    );
    t.is(e.code, grpc.status.INVALID_ARGUMENT);
    t.regex(e.details, /^controllers\[2\]\.target: "tcp:127\.0\.0\.1:99999": /);
    const info = await api.call('getControllerInfo', { bridge: 'br0' });
    t.deepEqual(info.controllers.map((c) => c.target), ['ptcp:0:127.0.0.1'], 'the earlier list stands');
    t.deepEqual(api.server.bridges.get('br0').mgr.controllerTargets, ['ptcp:0:127.0.0.1']);
  } finally {
    await api.close();
  }
});

test('SetControllers: settings out of range and duplicate targets are refused with their field', async (t) => {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0', protocols: ['OPENFLOW13'] } });
    const cases: Array<[object, RegExp]> = [
      [{ target: 'tcp:127.0.0.1', dscp: 64 }, /^controllers\[0\]\.dscp: /],
      [{ target: 'tcp:127.0.0.1', rate_limit: 50 }, /^controllers\[0\]\.rate_limit: /],
      [{ target: 'tcp:127.0.0.1', controller_queue_size: 513 }, /^controllers\[0\]\.controller_queue_size: /],
      [{ target: 'tcp:127.0.0.1', allowed_versions: ['OPENFLOW10'] }, /^controllers\[0\]\.allowed_versions: none of them/],
      [{ target: 'bogus:1' }, /^controllers\[0\]\.target: .*unsupported prefix/],
    ];
    for (const [entry, expected] of cases) {
      const e = grpcError(await api.call('setControllers', { bridge: 'br0', controllers: [entry] }).catch((err: unknown) => err));
      t.is(e.code, grpc.status.INVALID_ARGUMENT);
      t.regex(e.details, expected);
    }
    const dup = grpcError(
      await api
        .call('setControllers', { bridge: 'br0', controllers: [{ target: 'tcp:127.0.0.1' }, { target: 'tcp:127.0.0.1' }] })
        .catch((err: unknown) => err),
    );
    t.regex(dup.details, /^controllers\[1\]\.target: "tcp:127\.0\.0\.1" is already controllers\[0\]/);
    t.deepEqual((await api.call('getControllerInfo', { bridge: 'br0' })).controllers, []);
    const snoop = grpcError(await api.call('setSnoops', { bridge: 'br0', targets: ['tcp:127.0.0.1:1'] }).catch((err: unknown) => err));
    t.is(snoop.code, grpc.status.INVALID_ARGUMENT);
    t.regex(snoop.details, /^targets\[0\]: .*passive/);
  } finally {
    await api.close();
  }
});

test('an unknown bridge is NOT_FOUND for every per-bridge call', async (t) => {
  const api = await startApi();
  try {
    const calls = [
      api.call('setControllers', { bridge: 'nope', controllers: [{ target: 'tcp:127.0.0.1' }] }),
      api.call('setFailMode', { bridge: 'nope', fail_mode: 'SECURE' }),
      api.call('setSnoops', { bridge: 'nope', targets: [] }),
      api.call('getControllerInfo', { bridge: 'nope' }),
      api.call('deleteBridge', { bridge: 'nope' }),
    ];
    for (const c of calls) {
      const e = grpcError(await (c as Promise<unknown>).catch((err: unknown) => err));
      t.is(e.code, grpc.status.NOT_FOUND);
      t.is(e.details, 'bridge: no bridge named "nope"');
    }
  } finally {
    await api.close();
  }
});

test('SetControllers with a passive target whose port is busy: applied, with listen_error; GetControllerInfo shows why; the next call retries (§4.2.2)', async (t) => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as { port: number }).port;
  const target = `ptcp:${port}:127.0.0.1`;
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    const res = await api.call('setControllers', { bridge: 'br0', controllers: [{ target }, { target: 'tcp:127.0.0.1:1' }] });
    t.regex(res.listen_error, new RegExp(`^${target}: .*Address already in use`));
    const info = await api.call('getControllerInfo', { bridge: 'br0' });
    const failed = info.controllers.find((c) => c.target === target);
    t.truthy(failed, 'the target that could not listen is listed');
    t.false(failed!.is_connected);
    t.regex(failed!.status.find((p) => p.key === 'last_error')?.value ?? '', /Address already in use/);
    t.truthy(info.controllers.find((c) => c.target === 'tcp:127.0.0.1:1'), 'the rest of the list was applied');
    await new Promise<void>((r) => busy.close(() => r()));
    const again = await api.call('setControllers', { bridge: 'br0', controllers: [{ target }, { target: 'tcp:127.0.0.1:1' }] });
    t.is(again.listen_error, '');
    t.is(api.server.bridges.get('br0').mgr.service(target)?.port, port, 'listening once the port is free');
    const after = (await api.call('getControllerInfo', { bridge: 'br0' })).controllers.find((c) => c.target === target);
    t.is(after?.status.find((p) => p.key === 'last_error'), undefined);
  } finally {
    busy.close();
    await api.close();
  }
});

test('SetInBand: the extra remotes and the queue reach the in-band rules (§8.2, §8.4), disable_in_band removes them (§8.1); bad input is INVALID_ARGUMENT naming the entry; the state file keeps them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-inband-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const api = await startApi({ inProcessDatapath: true, stateDir: dir });
  const sw = (): ReferenceSwitch => api.server.bridges.get('br0').referenceSwitch!;
  const hidden = (): string[] => sw().dumpFlows().filter((f) => f.hidden).map((f) => `${matchToString(f.match, 4)} ${JSON.stringify(f.instructions, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'tcp:192.0.2.1:6653' }] });
    await api.call('setInBand', { bridge: 'br0', disable_in_band: false, queue_id: 7, remotes: ['192.0.2.10:6640'] });
    await until(() => hidden().some((f) => f.includes('192.0.2.10') && f.includes('6640')), () => `an in-band rule for the extra remote:\n${hidden().join('\n')}`);
    t.true(hidden().filter((f) => f.includes('192.0.2.10')).every((f) => f.includes('"set_queue"') && f.includes('"queueId":7')), hidden().join('\n'));
    const refusals: [{ queue_id?: number; remotes: string[] }, string][] = [
      [{ remotes: ['192.0.2.10:6640', 'nowhere'] }, 'remotes[1]'],
      [{ remotes: ['192.0.2.10:0'] }, 'remotes[0]'],
      [{ remotes: ['192.0.2.10:6640', '192.0.2.10:6640'] }, 'remotes[1]'],
      [{ queue_id: 0xffffffff, remotes: [] }, 'queue_id'],
    ];
    for (const [req, field] of refusals) {
      const e = await t.throwsAsync(api.call('setInBand', { bridge: 'br0', disable_in_band: false, ...req }));
      t.is((e as unknown as grpc.ServiceError).code, grpc.status.INVALID_ARGUMENT);
      t.true((e as unknown as grpc.ServiceError).details.startsWith(`${field}: `), (e as unknown as grpc.ServiceError).details);
    }
    t.true(hidden().some((f) => f.includes('192.0.2.10')), 'a refused request changed nothing');
    const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { bridges: { in_band: unknown }[] };
    t.deepEqual(saved.bridges[0]!.in_band, { disable_in_band: false, queue_id: 7, remotes: ['192.0.2.10:6640'] });
    await api.call('setInBand', { bridge: 'br0', disable_in_band: true, remotes: [] });
    await until(() => hidden().length === 0, () => `no in-band rule once disabled:\n${hidden().join('\n')}`);
    const unknown = await t.throwsAsync(api.call('setInBand', { bridge: 'nope', disable_in_band: false, remotes: [] }));
    t.is((unknown as unknown as grpc.ServiceError).code, grpc.status.NOT_FOUND);
  } finally {
    await api.close();
  }
});

test('SetFailMode is kept in the bridge, and SetSnoops opens its listeners (§4.10.1, §4.11)', async (t) => {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    await api.call('setFailMode', { bridge: 'br0', fail_mode: 'SECURE' });
    t.is((await api.call('listBridges', {})).bridges[0]!.fail_mode, 'SECURE');
    t.is(api.server.bridges.get('br0').mgr.failMode, 'secure');
    const res = await api.call('setSnoops', { bridge: 'br0', targets: ['ptcp:0:127.0.0.1'] });
    t.is(res.listen_error, '');
    t.is(api.server.bridges.get('br0').mgr.snoopNames.length, 1);
  } finally {
    await api.close();
  }
});

test('health (grpc.health.v1): SERVING for the server and the service', async (t) => {
  const api = await startApi();
  try {
    t.is(await api.health(''), 'SERVING');
    t.is(await api.health('ofconnmgr.v1.ConnectionManager'), 'SERVING');
  } finally {
    await api.close();
  }
});

test('server reflection: buf curl lists the ConnectionManager, health and reflection services and calls ConnectionManager and health without the proto', async (t) => {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    const url = `http://${api.address}`;
    const buf = 'node_modules/.bin/buf';
    const list = await run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '--list-services', url], { timeout: 30_000 });
    t.deepEqual(list.stdout.split('\n').filter((l) => l !== '').sort(), [
      'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection', 'ofconnmgr.v1.ConnectionManager',
    ], 'every service the port answers, as other gRPC servers list them');
    // Health is described through reflection (Check and Watch): no schema needed.
    const health = await run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '-d', '{"service":"ofconnmgr.v1.ConnectionManager"}',
      `${url}/grpc.health.v1.Health/Check`], { timeout: 30_000 });
    t.deepEqual(JSON.parse(health.stdout), { status: 'SERVING' });
    // List, whose reply holds a map, still answers given the full schema.
    const all = await run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '--schema', 'node_modules/grpc-health-check/proto/health/v1/health.proto',
      '-d', '{}', `${url}/grpc.health.v1.Health/List`], { timeout: 30_000 });
    t.like(JSON.parse(all.stdout), { statuses: { 'ofconnmgr.v1.ConnectionManager': { status: 'SERVING' } } });
    const listed = await run(
      buf,
      ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '-d', '{}', `${url}/ofconnmgr.v1.ConnectionManager/ListBridges`],
      { timeout: 30_000 },
    );
    t.is((JSON.parse(listed.stdout) as { bridges: Array<{ name: string }> }).bridges[0]!.name, 'br0');
    // The reflected descriptors carry the proto's own field names (keepCase),
    // so JSON in snake_case is understood, optional fields included.
    const body = { bridge: 'br0', controllers: [{ target: 'tcp:127.0.0.1:1', max_backoff_ms: 2000, inactivity_probe_ms: 0, dscp: 10 }] };
    await run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '-d', JSON.stringify(body), `${url}/ofconnmgr.v1.ConnectionManager/SetControllers`], {
      timeout: 30_000,
    });
    t.deepEqual(api.server.bridges.get('br0').mgr.controllerTargets, ['tcp:127.0.0.1:1']);
    t.like(api.server.bridges.get('br0').mgr.service('tcp:127.0.0.1:1')?.settings, { maxBackoff: 2, probeInterval: 0, dscp: 10 });
  } finally {
    await api.close();
  }
});
