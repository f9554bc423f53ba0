/**
 * The entry point's SDK setup (src/telemetry/register.ts, loaded with
 * `node --import`): with OTEL_EXPORTER_OTLP_ENDPOINT set, the service
 * exports its spans over OTLP/gRPC, the gRPC server spans of gRPC
 * instrumentation (which needs the ESM hook) among them.  The collector
 * here is a bare grpc-js server that takes the Export call's bytes as they
 * are; span names are plain strings in the protobuf.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { loadApi } from '../../src/api/index.js';
import { until } from '../support/loopback.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** A collector that records the raw ExportTraceServiceRequest bodies. */
async function rawCollector(): Promise<{ port: number; bodies: Buffer[]; close: () => void }> {
  const bodies: Buffer[] = [];
  const server = new grpc.Server();
  const identity = (b: Buffer): Buffer => b;
  server.register(EXPORT, (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
    bodies.push(call.request);
    cb(null, Buffer.alloc(0));
  }, identity, identity, 'unary');
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { port, bodies, close: () => server.forceShutdown() };
}

test('node --import register: spans of the gRPC server and of the configuration call reach the OTLP/gRPC collector; SIGTERM still ends the service cleanly', async (t) => {
  const collector = await rawCollector();
  t.teardown(() => collector.close());
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-otlp-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [
    '--import', 'tsx', '--import', './src/telemetry/register.ts', 'src/cli/main.ts',
    'serve', '--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', 'off',
  ], {
    cwd: root,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`, OTEL_BSP_SCHEDULE_DELAY: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => void child.kill('SIGKILL'));
  await until(() => /serving ofconnmgr\.v1\.ConnectionManager on 127\.0\.0\.1:\d+/.test(stdout) || child.exitCode !== null, () => `serve to start: ${stdout} ${stderr}`, 20_000);
  const address = /on (127\.0\.0\.1:\d+) /.exec(stdout)![1]!;

  const api = loadApi();
  const client = new api.ofconnmgr.v1.ConnectionManager(address, grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  await new Promise<void>((resolve, reject) =>
    client.CreateBridge({ bridge: { name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } }, (e) => (e ? reject(e) : resolve())));

  const exported = (): string => Buffer.concat(collector.bodies).toString('latin1');
  // Span.name is field 5 (tag 0x2a), a length-prefixed string: the exact name, not a substring of another.
  const spanName = (name: string): string => `\x2a${String.fromCharCode(name.length)}${name}`;
  await until(() => exported().includes(spanName('ofconnmgr.v1.ConnectionManager/CreateBridge')), 'the configuration call span', 10_000);
  await until(() => exported().includes(spanName('grpc.ofconnmgr.v1.ConnectionManager/CreateBridge')), 'the gRPC server span', 10_000);
  t.true(exported().includes('ofconnmgr'), 'service.name');
  t.true(exported().includes('ofconnmgr.bridge'));

  child.kill('SIGTERM');
  t.is(await exited, 0, stderr);
  t.regex(stdout, /ofconnmgr: stopping/);
});
