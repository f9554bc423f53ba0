/**
 * One flow_mod from a real `ovs-ofctl add-flow`, relayed by the service
 * to the reference agent and back, seen by an in-memory span exporter
 * (issue 7, "Proven by tests"): the service's relay span
 * ("ofconnmgr.datapath OFPT_FLOW_MOD": OpenFlow type, xid, version, role,
 * session, outcome, replies) and the agent's span of carrying the request
 * out on its switch ("ofconnmgr.agent.request OFPT_FLOW_MOD"), which is
 * the relay span's child in the same trace, its context having crossed
 * the Attach stream in the DatapathRequest's traceparent.  Everything
 * runs in this process: an ApiServer with the service's telemetry
 * (ServiceTelemetry, as `serve` wires it), a ptcp: service listener for
 * ovs-ofctl, and an AgentClient with a ReferenceSwitch attached over a
 * real gRPC Attach stream.  gRPC instrumentation is on, as register.ts
 * sets it up (so grpc-js and whatever imports it load only after it):
 * the agent's span must not become a child of the Attach call's span.
 *
 * This file registers a global tracer provider: it stays in a file of
 * its own (ava runs each file in its own process).
 */

import { register } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { hasOvsTools, ofctl } from '../support/ofctl-monitor.js';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
registerInstrumentations({ instrumentations: [new GrpcInstrumentation()] });
const exporter = new InMemorySpanExporter();
// register(): the global provider, W3C propagation and the AsyncLocalStorage context manager.
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

const peerTest = hasOvsTools ? test : test.skip;

peerTest('a flow_mod from ovs-ofctl: the relay span (type, xid, role, session, outcome) and the agent\'s span, its child across the Attach stream, both ended', async (t) => {
  const { ReferenceSwitch } = await import('../../src/agent/index.js');
  const { AgentClient } = await import('../../src/agentclient/index.js');
  const { startApi } = await import('../support/api-client.js');
  const { freeLoopbackPort, until } = await import('../support/loopback.js');
  const { LogCapture } = await import('../support/log-capture.js');
  const { testMeter } = await import('../support/metric-reading.js');
  const { createLogger, ServiceTelemetry, SPAN_AGENT_REQUEST, SPAN_DATAPATH_REQUEST } = await import('../../src/telemetry/index.js');
  const { systemClock } = await import('../../src/clock/clock.js');

  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-relay-trace-'));
  const logs = new LogCapture();
  const { meter, read, shutdown } = testMeter();
  const telemetry = new ServiceTelemetry({ logger: createLogger({ destination: logs, level: 'debug' }), clock: systemClock, meter });
  const api = await startApi({ listener: telemetry.listener, agentListener: telemetry.agentListener, watchAgentRequest: telemetry.watchAgentRequest });
  const sw = new ReferenceSwitch({ datapathId: 0xabcn, bridgeName: 'br0', ports: [1, 2].map((portNo) => ({ portNo })) });
  let primary = false;
  const agent = new AgentClient({
    server: api.address, bridge: 'br0', electionId: 7n, datapath: sw,
    onEvent: (e) => {
      if (e.type === 'attached') primary = e.role === 'primary';
    },
  });
  t.teardown(async () => {
    await agent.stop();
    sw.close();
    await api.close();
    telemetry.close();
    await shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const ofPort = await freeLoopbackPort();
  await api.call('CreateBridge', { bridge: { name: 'br0', datapath_id: '0000000000000abc', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  await api.call('SetControllers', { bridge: 'br0', controllers: [{ target: `ptcp:${ofPort}:127.0.0.1` }] });
  agent.start();
  await until(() => primary, 'the agent to be primary', 10_000);
  // The replay of connmgr's state (connmgr's own operations) is answered before a controller's request.
  await until(() => api.server.bridges.get('br0').agent!.unansweredRequests === 0, 'the replay to be answered', 5000);
  t.true(exporter.getFinishedSpans().some((s) => s.kind === SpanKind.SERVER && s.name === 'grpc.ofconnmgr.v1.ConnectionManager/SetControllers'),
    'gRPC instrumentation is on');
  exporter.reset();

  await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', `tcp:127.0.0.1:${ofPort}`, 'priority=100,in_port=1,actions=output:2');
  t.deepEqual(sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[100, false]], 'the flow is in the agent\'s switch');

  const finished = (): ReadableSpan[] => exporter.getFinishedSpans();
  const named = (name: string): ReadableSpan[] => finished().filter((s) => s.name === name);
  await until(() => named(`${SPAN_AGENT_REQUEST} OFPT_FLOW_MOD`).length === 1 && named(`${SPAN_DATAPATH_REQUEST} OFPT_FLOW_MOD`).length === 1,
    () => `both spans to end; ended: ${finished().map((s) => s.name).join(', ')}`, 5000);
  const [relay] = named(`${SPAN_DATAPATH_REQUEST} OFPT_FLOW_MOD`);
  const [agentSpan] = named(`${SPAN_AGENT_REQUEST} OFPT_FLOW_MOD`);

  // The relay span: what the controller asked, from which session, and how it ended.
  const session = relay!.attributes['ofconnmgr.session'];
  t.regex(String(session), /^br0<->tcp:127\.0\.0\.1:\d+$/);
  const xid = relay!.attributes['openflow.xid'];
  t.is(typeof xid, 'number');
  t.deepEqual(relay!.attributes, {
    'ofconnmgr.bridge': 'br0', 'ofconnmgr.session': session, 'ofconnmgr.role': 'equal',
    'openflow.type': 'OFPT_FLOW_MOD', 'openflow.xid': xid, 'openflow.version': 4,
    'ofconnmgr.outcome': 'answered', 'openflow.replies': 0,
  });
  t.is(relay!.kind, SpanKind.CLIENT);
  t.is(relay!.parentSpanContext, undefined, 'ovs-ofctl sends no trace context: a root span');
  t.not(relay!.status.code, SpanStatusCode.ERROR);

  // The agent's span: the relay span's child, in its trace, the parent remote (it crossed the stream).
  t.is(agentSpan!.spanContext().traceId, relay!.spanContext().traceId);
  t.is(agentSpan!.parentSpanContext?.spanId, relay!.spanContext().spanId);
  t.true(agentSpan!.parentSpanContext?.isRemote);
  t.is(agentSpan!.kind, SpanKind.SERVER);
  t.like(agentSpan!.attributes, {
    'ofconnmgr.bridge': 'br0', 'ofconnmgr.session': session, 'ofconnmgr.role': 'equal',
    'openflow.type': 'OFPT_FLOW_MOD', 'openflow.xid': xid, 'openflow.version': 4, 'openflow.replies': 0, 'ofconnmgr.agent.reply_sent': true,
  });
  t.is(typeof agentSpan!.attributes['ofconnmgr.agent.request_id'], 'number');
  // Both ended, the child within its parent.
  t.true(relay!.ended && agentSpan!.ended);
  const ns = (hr: readonly [number, number]): bigint => BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
  t.true(ns(agentSpan!.startTime) >= ns(relay!.startTime) && ns(agentSpan!.endTime) <= ns(relay!.endTime), 'the agent\'s work lies within the relay');

  // The same request in the metrics and the agent's attach in the log.
  const r = await read();
  t.is(r.value('ofconnmgr.agent.requests.in_flight', { bridge: 'br0' }), 0);
  t.is(r.value('ofconnmgr.agent.requests', { bridge: 'br0', outcome: 'answered' }), 1);
  t.like(logs.find(/^br0: agent .* attached with election id 7 as primary$/), { level: 'info', bridge: 'br0', module: 'agent', event: 'agent.attached' });

  // gRPC instrumentation's spans of the Attach call (ended with the stream) are a trace of their own: the requests are not in it.
  await agent.stop();
  await until(() => finished().some((s) => s.name === 'grpc.ofconnmgr.v1.ConnectionManager/Attach'), 'the Attach call\'s spans', 5000);
  for (const s of finished().filter((s) => s.name === 'grpc.ofconnmgr.v1.ConnectionManager/Attach')) {
    t.not(s.spanContext().traceId, relay!.spanContext().traceId);
  }
});
