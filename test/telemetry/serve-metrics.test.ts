/**
 * `ofconnmgr serve --metrics-listen`: the real Prometheus endpoint of the
 * service, scraped over HTTP after a scripted session (a bridge and a
 * listener configured through the gRPC API, an OpenFlow client sending flow
 * mods to the in-process reference switch), shows the counters with the
 * right values; the same session is in the JSON log.  After an agent
 * session (flow mods with no agent, with a scripted agent that holds one
 * and goes, and with the reference agent over a real Attach stream) the
 * agent request counters show each request ended, by outcome, and none
 * left in flight; the agents' attaching is in the log.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as grpc from '@grpc/grpc-js';
import { loadApi } from '../../src/api/index.js';
import { serve } from '../../src/cli/serve.js';
import { encode, type FlowModMsg } from '../../src/openflow/index.js';
import { LogCapture } from '../support/log-capture.js';
import { freeLoopbackPort, until } from '../support/loopback.js';
import { OfClient } from '../support/of-client.js';
import { TestAgent } from '../support/test-agent.js';
import { ReferenceSwitch } from '../../src/agent/index.js';
import { AgentClient } from '../../src/agentclient/index.js';

function flowMod(xid: number, priority: number): FlowModMsg {
  return {
    type: 'flow_mod', version: 4, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [{ field: 'in_port', value: priority }], instructions: [],
  };
}

/** The value of the sample named 'name' whose labels include 'labels', from Prometheus text 'text'. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(port: number, path = '/metrics'): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

/**
 * `serve` in this process on a free API port with its state in a fresh
 * directory and metrics on a free loopback port, plus 'extra' arguments;
 * resolves once it printed its first lines, with a client calling the
 * API by method name, the log capture, and how to stop it.
 */
async function startServe(t: ExecutionContext, extra: string[] = []): Promise<{
  out: string[]; logs: LogCapture; address: string; metricsPort: number; ofPort: number;
  call(method: string, req: object): Promise<unknown>; stop(): void; done: Promise<number>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-metrics-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const metricsPort = await freeLoopbackPort();
  const ofPort = await freeLoopbackPort();
  const out: string[] = [];
  const err: string[] = [];
  const logs = new LogCapture();
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const done = serve(['--listen', '127.0.0.1:0', '--state-dir', dir, ...extra, '--metrics-listen', `127.0.0.1:${metricsPort}`], {
    out: (l) => out.push(l), err: (l) => err.push(l), stopped, logDestination: logs,
  });
  await until(() => out.length >= 2 || err.length > 0, 'serve to start', 10_000);
  t.deepEqual(err, []);
  const address = /on (127\.0\.0\.1:\d+) /.exec(out[0]!)![1]!;
  const api = loadApi();
  const client = new api.ofconnmgr.v1.ConnectionManager(address, grpc.credentials.createInsecure());
  t.teardown(() => client.close());
  const call = (method: string, req: object): Promise<unknown> =>
    new Promise((resolve, reject) => {
      (client as unknown as Record<string, (r: object, cb: (e: Error | null, v?: unknown) => void) => void>)[method]!.call(client, req, (e, v) => (e ? reject(e) : resolve(v)));
    });
  return { out, logs, address, metricsPort, ofPort, call, stop, done };
}

test('a scrape of /metrics after a scripted session shows messages by type, connections, sessions and disconnections with their values', async (t) => {
  const { out, logs, metricsPort, ofPort, call, stop, done } = await startServe(t, ['--in-process-datapath']);
  t.is(out[1], `ofconnmgr: metrics on http://127.0.0.1:${metricsPort}/metrics`);
  await call('CreateBridge', { bridge: { name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  await call('SetControllers', { bridge: 'br0', controllers: [{ target: `ptcp:${ofPort}:127.0.0.1`, type: 'PRIMARY' }] });

  const c = await OfClient.connect(ofPort, 4);
  c.send(encode(flowMod(1, 10)));
  c.send(encode(flowMod(2, 20)));
  c.sendHex('0402000800000003'); // ECHO_REQUEST
  await c.barrier();

  let m = await scrape(metricsPort);
  t.is(m.status, 200);
  const br0 = { bridge: 'br0' };
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'in', type: 'OFPT_FLOW_MOD' }), 2, m.text);
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'in', type: 'OFPT_ECHO_REQUEST' }), 1);
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'in', type: 'OFPT_BARRIER_REQUEST' }), 1);
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'out', type: 'OFPT_ECHO_REPLY' }), 1);
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'out', type: 'OFPT_BARRIER_REPLY' }), 1);
  t.is(sample(m.text, 'ofconnmgr_connect_attempts_total', { ...br0, result: 'success' }), 1);
  t.is(sample(m.text, 'ofconnmgr_sessions', { ...br0, state: 'ACTIVE', role: 'equal', type: 'primary' }), 1);
  t.is(sample(m.text, 'ofconnmgr_fail_open_active', br0), 0);
  t.is(sample(m.text, 'ofconnmgr_packet_ins_dropped_total', { ...br0, cause: 'queue_overflow' }), 0);
  t.is(sample(m.text, 'ofconnmgr_disconnects_total', br0), undefined);

  c.close();
  await until(() => logs.find(/: 2 flow_mods /) !== undefined, 'the flow_mod summary at session end');
  m = await scrape(metricsPort);
  t.is(sample(m.text, 'ofconnmgr_disconnects_total', { ...br0, reason: 'EOF' }), 1);
  t.is(sample(m.text, 'ofconnmgr_sessions', { ...br0, state: 'ACTIVE', role: 'equal', type: 'primary' }), 0);
  t.is(sample(m.text, 'ofconnmgr_messages_total', { ...br0, direction: 'in', type: 'OFPT_FLOW_MOD' }), 2, 'counters outlive the session');
  t.is((await scrape(metricsPort, '/')).status, 404);

  // The log has the same session, as JSON lines.
  t.like(logs.find(`br0: added primary controller "ptcp:${ofPort}:127.0.0.1"`), { level: 'info', bridge: 'br0' });
  t.regex(logs.find(/: 2 flow_mods /)!.msg, /^br0<->tcp:127\.0\.0\.1:\d+: 2 flow_mods (\d+ s ago|in the last \d+ s) \(2 adds\)$/);

  stop();
  t.is(await done, 0);
  await t.throwsAsync(scrape(metricsPort), undefined, 'the endpoint is closed');
});

test('a scrape after an agent session: requests relayed to the agent by outcome (waiting for an agent, failed when it went, answered), none left in flight', async (t) => {
  const { logs, address, metricsPort, ofPort, call, stop, done } = await startServe(t);
  const sw = new ReferenceSwitch({ datapathId: 0xb0n, bridgeName: 'br0', ports: [1, 2].map((portNo) => ({ portNo })) });
  const agents: { scripted?: TestAgent; reference?: AgentClient } = {};
  t.teardown(async () => {
    agents.scripted?.close();
    await agents.reference?.stop();
    sw.close();
    stop();
    await done;
  });
  await call('CreateBridge', { bridge: { name: 'br0', datapath_id: '00000000000000b0', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  await call('SetControllers', { bridge: 'br0', controllers: [{ target: `ptcp:${ofPort}:127.0.0.1` }] });
  const br0 = { bridge: 'br0' };
  const errorsOf = (rs: Awaited<ReturnType<OfClient['barrier']>>): string[] => rs.map((r) => ('type' in r.msg && r.msg.type === 'error' ? `${r.msg.xid}` : '?'));

  // No agent yet: the request waits for one (agent-channel.ts), in flight.
  const c = await OfClient.connect(ofPort, 4);
  c.send(encode(flowMod(1, 10)));
  let m = await scrape(metricsPort);
  for (let tries = 0; sample(m.text, 'ofconnmgr_agent_requests_in_flight', br0) !== 1 && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 20));
    m = await scrape(metricsPort);
  }
  t.is(sample(m.text, 'ofconnmgr_agent_requests_in_flight', br0), 1, 'the waiting request is in flight');
  t.is(sample(m.text, 'ofconnmgr_agent_requests_total', { ...br0, outcome: 'failed' }), undefined);

  // A scripted agent attaches and is given the waiting request, holds it, and goes: the request fails.
  const scripted = await TestAgent.attach(address, { bridge: 'br0', electionId: 1n });
  agents.scripted = scripted;
  await scripted.waitFor(() => scripted.opsOf('request').length === 1, 'the waiting request at the agent');
  m = await scrape(metricsPort);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_in_flight', br0), 1);
  scripted.end();
  t.deepEqual(errorsOf(await c.barrier()), ['1']);
  m = await scrape(metricsPort);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_in_flight', br0), 0);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_total', { ...br0, outcome: 'failed' }), 1);

  // The reference agent carries out three flow mods.
  let primary = false;
  const agent = new AgentClient({ server: address, bridge: 'br0', electionId: 2n, datapath: sw, onEvent: (e) => (primary ||= e.type === 'attached' && e.role === 'primary') });
  agents.reference = agent;
  agent.start();
  await until(() => primary, 'the reference agent to be primary', 10_000);
  for (const xid of [3, 4, 5]) c.send(encode(flowMod(xid, xid * 10)));
  t.deepEqual(await c.barrier(), [], 'no errors');
  t.deepEqual(sw.dumpFlows().map((f) => f.priority).sort(), [30, 40, 50]);
  m = await scrape(metricsPort);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_total', { ...br0, outcome: 'answered' }), 3, m.text);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_total', { ...br0, outcome: 'failed' }), 1);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_total', { ...br0, outcome: 'abandoned' }), undefined);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_in_flight', br0), 0);
  t.is(sample(m.text, 'ofconnmgr_agent_requests_timed_out_total', br0), undefined);

  // The same agents in the log.
  t.like(logs.find(/^br0: agent \S+ attached with election id 1 as primary$/), { level: 'info', module: 'agent', bridge: 'br0' });
  t.like(logs.find('br0: agent with election id 1 detached (the agent closed the stream)'), { level: 'info' });
  // The scripted agent answered neither connmgr's replay nor the request.
  t.like(logs.find(/^br0: no agent serves the datapath \(4 unanswered requests failed\)$/), { level: 'warn' });
  t.like(logs.find(/^br0: agent \S+ attached with election id 2 as primary$/), { level: 'info' });

  c.close();
  await agent.stop();
  stop();
  t.is(await done, 0);
});

test('--metrics-listen: off serves nothing; a bad value or a busy port is one line on stderr and status 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-metrics-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = { write: (): void => undefined };
  for (const bad of ['nowhere', '127.0.0.1:99999', '']) {
    const err: string[] = [];
    t.is(await serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', bad], { out: () => undefined, err: (l) => err.push(l), stopped: Promise.resolve(), logDestination: quiet }), 1);
    t.is(err.length, 1);
    t.regex(err[0]!, /^ofconnmgr serve: --metrics-listen( needs (a )?HOST:PORT or off|: port out of range)/);
  }
  // A port taken by another metrics endpoint.
  const port = await freeLoopbackPort();
  let stop!: () => void;
  const out: string[] = [];
  const first = serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', `127.0.0.1:${port}`], {
    out: (l) => out.push(l), err: () => undefined, stopped: new Promise<void>((r) => (stop = r)), logDestination: quiet,
  });
  await until(() => out.length >= 2, 'the first service');
  const err: string[] = [];
  t.is(await serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', `127.0.0.1:${port}`], { out: () => undefined, err: (l) => err.push(l), stopped: Promise.resolve(), logDestination: quiet }), 1);
  t.deepEqual(err, [`ofconnmgr serve: cannot serve metrics on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`]);
  stop();
  t.is(await first, 0);
  // off: no endpoint, and the service says so.
  const offOut: string[] = [];
  let stopOff!: () => void;
  const off = serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', 'off'], {
    out: (l) => offOut.push(l), err: () => undefined, stopped: new Promise<void>((r) => (stopOff = r)), logDestination: quiet,
  });
  await until(() => offOut.length >= 2, 'the service');
  t.is(offOut[1], 'ofconnmgr: metrics off');
  stopOff();
  t.is(await off, 0);
});
