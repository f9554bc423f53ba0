/**
 * The entry point's SDK setup (src/telemetry/register.ts, loaded with
 * `node --import`): with OTEL_EXPORTER_OTLP_ENDPOINT set, the service
 * exports its spans over OTLP/gRPC, the gRPC server spans of gRPC
 * instrumentation (which needs the ESM hook) among them.  The collector
 * here is a bare grpc-js server that takes the Export call's bytes as they
 * are; span names are plain strings in the protobuf, and
 * test/support/otlp-spans.ts reads ids and service names.  Loaded the same
 * way, `ofconnmgr agent` exports as "ofconnmgr-agent", and one trace runs
 * across both processes: a flow_mod from ovs-ofctl is the service's relay
 * span and, in the agent, its child.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { loadApi } from '../../src/api/index.js';
import { freeLoopbackPort, until } from '../support/loopback.js';
import { hasOvsTools, ofctl } from '../support/ofctl-monitor.js';
import { exportedSpans } from '../support/otlp-spans.js';
import { runCli } from '../support/cli-process.js';

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

/** `ofconnmgr ARGS` under `--import register.ts`, exporting to 'collectorPort'; its output collected. */
function traced(args: readonly string[], collectorPort: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './src/telemetry/register.ts', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`, OTEL_BSP_SCHEDULE_DELAY: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = { child, output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (d: Buffer) => (p.output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (p.output += d.toString()));
  return p;
}

(hasOvsTools ? test : test.skip)('serve and agent both loaded with register: a flow_mod from ovs-ofctl is one trace across the two processes, the agent\'s span the child of the relay span', async (t) => {
  const collector = await rawCollector();
  t.teardown(() => collector.close());
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-otlp-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = `127.0.0.1:${await freeLoopbackPort()}`;
  const ofPort = await freeLoopbackPort();
  const serve = traced(['serve', '--listen', server, '--state-dir', join(dir, 'state'), '--metrics-listen', 'off'], collector.port);
  t.teardown(() => void serve.child.kill('SIGKILL'));
  await until(() => /serving ofconnmgr\.v1\.ConnectionManager/.test(serve.output) || serve.child.exitCode !== null, () => `serve to start: ${serve.output}`, 20_000);
  // Secure: no NORMAL flow of connmgr's own, so the controller's flow_mod is the only one the agent carries out.
  for (const args of [['add-br', 'br0'], ['set-fail-mode', 'br0', 'secure'], ['set-controller', 'br0', `ptcp:${ofPort}:127.0.0.1`]]) {
    const r = await runCli(['ctl', '--server', server, ...args]);
    t.is(r.status, 0, r.stderr);
  }
  const agent = traced(['agent', '--server', server, '--bridge', 'br0', '--ports', '2'], collector.port);
  t.teardown(() => void agent.child.kill('SIGKILL'));
  await until(() => /br0: attached to \S+ as primary/.test(agent.output) || agent.child.exitCode !== null, () => `the agent to attach: ${agent.output}`, 20_000);

  await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', `tcp:127.0.0.1:${ofPort}`, 'priority=100,in_port=1,actions=output:2');
  const spans = () => collector.bodies.flatMap((b) => exportedSpans(b));
  const find = (name: string) => spans().find((s) => s.name === name);
  await until(() => find('ofconnmgr.datapath OFPT_FLOW_MOD') !== undefined && find('ofconnmgr.agent.request OFPT_FLOW_MOD') !== undefined,
    () => `both spans at the collector; it has: ${[...new Set(spans().map((s) => `${s.service}/${s.name}`))].join(', ')}`, 10_000);
  const relay = find('ofconnmgr.datapath OFPT_FLOW_MOD')!;
  const carried = find('ofconnmgr.agent.request OFPT_FLOW_MOD')!;
  t.is(relay.service, 'ofconnmgr');
  t.is(carried.service, 'ofconnmgr-agent');
  t.is(relay.parentSpanId, '', 'the relay span is a root: ovs-ofctl sends no context');
  t.is(carried.traceId, relay.traceId, 'one trace');
  t.is(carried.parentSpanId, relay.spanId, 'the agent\'s span is the relay span\'s child');
  t.is(spans().filter((s) => s.name === 'ofconnmgr.agent.request OFPT_FLOW_MOD').length, 1);

  agent.child.kill('SIGTERM');
  t.is(await agent.exited, 0, agent.output);
  serve.child.kill('SIGTERM');
  t.is(await serve.exited, 0, serve.output);
});
