/**
 * Traces (src/telemetry/tracing.ts) seen by an in-memory exporter: the
 * connect span of a dialled session (target, connection type, negotiated
 * version, outcome), of a refused one and of an accepted one, the role
 * change span, the span of each configuration call of the gRPC API, and
 * the datapath request span with the W3C trace context that carries it to
 * an agent.
 */

import { createServer, type Socket } from 'node:net';
import test from 'ava';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import {
  endDatapathRequestSpan,
  extractTraceContext,
  injectTraceContext,
  SessionTracing,
  SPAN_ROLE_CHANGE,
  SPAN_SESSION_CONNECT,
  startDatapathRequestSpan,
  TRACER_NAME,
} from '../../src/telemetry/index.js';
import { startApi } from '../support/api-client.js';
import { serviceBridge, until } from '../support/connmgr-fixture.js';
import { ControllerServer } from '../support/of-client.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

function spans(name: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((s) => s.name === name);
}

test.afterEach(() => exporter.reset());

test.serial('a dialled session: one connect span with target, type, kind, negotiated version and outcome; the role change is a span too', async (t) => {
  const tracing = new SessionTracing();
  const ctl = await ControllerServer.start(4);
  const b = await serviceBridge({ listener: tracing.listener, more: { [ctl.target]: { type: 'primary' } } });
  t.teardown(async () => {
    await b.close();
    await ctl.close();
  });
  const c = await ctl.next();
  await c.barrier();
  const [connect, ...more] = spans(SPAN_SESSION_CONNECT).filter((s) => s.attributes['ofconnmgr.target'] === ctl.target);
  t.is(more.length, 0);
  t.deepEqual(connect!.attributes, {
    'ofconnmgr.bridge': 'br0',
    'ofconnmgr.session': `br0<->${ctl.target}`,
    'ofconnmgr.target': ctl.target,
    'ofconnmgr.connection.kind': 'active',
    'ofconnmgr.connection.type': 'primary',
    'openflow.version': 4,
    'openflow.version.name': '1.3',
    'ofconnmgr.outcome': 'connected',
  });
  t.is(connect!.kind, SpanKind.CLIENT);
  t.is(connect!.status.code, SpanStatusCode.OK);
  t.is(connect!.parentSpanContext, undefined, 'a root span');
  t.is(connect!.instrumentationScope.name, TRACER_NAME);

  c.sendHex('041800180000000100000002000000000000000000000001'); // ROLE_REQUEST primary
  await c.barrier();
  const [role] = spans(SPAN_ROLE_CHANGE);
  t.like(role!.attributes, { 'ofconnmgr.bridge': 'br0', 'ofconnmgr.session': `br0<->${ctl.target}`, 'ofconnmgr.role.from': 'equal', 'ofconnmgr.role.to': 'primary' });
});

test.serial('a refused connection ends its span with outcome failed and the error; an accepted one is a SERVER span of kind accepted', async (t) => {
  const tracing = new SessionTracing();
  const b = await serviceBridge({ listener: tracing.listener, more: { 'tcp:127.0.0.1:1': {} } });
  t.teardown(() => b.close());
  const refusedSpans = (): ReadableSpan[] => spans(SPAN_SESSION_CONNECT).filter((s) => s.attributes['ofconnmgr.target'] === 'tcp:127.0.0.1:1');
  await until(() => refusedSpans().length > 0, 'the refused attempt');
  const [refused] = refusedSpans();
  t.like(refused!.attributes, { 'ofconnmgr.target': 'tcp:127.0.0.1:1', 'ofconnmgr.outcome': 'failed', 'error.type': 'ECONNREFUSED', 'ofconnmgr.connection.type': 'primary' });
  t.is(refused!.status.code, SpanStatusCode.ERROR);
  t.false('openflow.version' in refused!.attributes);

  const c = await b.connect(1);
  const name = b.mgr.sessions.find((s) => s.connectionType === 'service')!.name;
  const accepted = spans(SPAN_SESSION_CONNECT).find((s) => s.attributes['ofconnmgr.session'] === name);
  t.like(accepted?.attributes, {
    'ofconnmgr.connection.kind': 'accepted', 'ofconnmgr.connection.type': 'service', 'openflow.version': 1, 'ofconnmgr.outcome': 'connected',
    'ofconnmgr.target': name.slice('br0<->'.length),
  });
  t.is(accepted!.kind, SpanKind.SERVER);
  c.close();
});

test.serial('a connection attempt cut short (the controller is removed before its HELLO comes) ends as cancelled', async (t) => {
  // A peer that accepts the TCP connection and never says HELLO: the attempt stays CONNECTING.
  const socks: Socket[] = [];
  const mute = createServer((sock) => socks.push(sock));
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
  const target = `tcp:127.0.0.1:${(mute.address() as { port: number }).port}`;
  const tracing = new SessionTracing();
  const b = await serviceBridge({ listener: tracing.listener, more: { [target]: {} } });
  t.teardown(async () => {
    await b.close();
    for (const sock of socks) sock.destroy();
    await new Promise<void>((r) => mute.close(() => r()));
  });
  await until(() => socks.length === 1, 'the connection');
  t.deepEqual(spans(SPAN_SESSION_CONNECT).filter((s) => s.attributes['ofconnmgr.target'] === target), [], 'still connecting');
  await b.mgr.setControllers({ 'ptcp:0:127.0.0.1': {} });
  const [cut] = spans(SPAN_SESSION_CONNECT).filter((s) => s.attributes['ofconnmgr.target'] === target);
  t.like(cut?.attributes, { 'ofconnmgr.outcome': 'cancelled', 'ofconnmgr.connection.type': 'primary' });
});

test.serial('each configuration call of the gRPC API is a span named after its method, with the bridge and the gRPC status', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('CreateBridge', { bridge: { name: 'br7', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  await api.call('SetControllers', { bridge: 'br7', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
  await t.throwsAsync(api.call('SetFailMode', { bridge: 'nope', fail_mode: 'STANDALONE' }), { message: /NOT_FOUND|nope/ });
  await until(() => exporter.getFinishedSpans().length >= 3, 'the spans');
  const calls = exporter.getFinishedSpans().filter((s) => s.name.startsWith('ofconnmgr.v1.ConnectionManager/'));
  t.deepEqual(calls.map((s) => [s.name, s.attributes['ofconnmgr.bridge'], s.attributes['rpc.grpc.status_code'], s.status.code]), [
    ['ofconnmgr.v1.ConnectionManager/CreateBridge', 'br7', 0, SpanStatusCode.UNSET],
    ['ofconnmgr.v1.ConnectionManager/SetControllers', 'br7', 0, SpanStatusCode.UNSET],
    ['ofconnmgr.v1.ConnectionManager/SetFailMode', 'nope', 5, SpanStatusCode.ERROR],
  ]);
  t.like(calls[1]!.attributes, { 'rpc.system': 'grpc', 'rpc.service': 'ofconnmgr.v1.ConnectionManager', 'rpc.method': 'SetControllers' });
});

test.serial('a relayed datapath request: its span carries the OpenFlow type, xid, version and role, and its W3C context lets the agent continue the trace', (t) => {
  const origin = { sessionId: 3, sessionName: 'br0<->tcp:127.0.0.1:6653', version: 4, role: 'primary' as const, xid: 0x1234 };
  const span = startDatapathRequestSpan(origin, 'OFPT_FLOW_MOD');
  const carried = injectTraceContext(span);
  const sc = span.spanContext();
  t.is(carried.traceparent, `00-${sc.traceId}-${sc.spanId}-01`);
  t.is(carried.tracestate, '');
  // The agent's side: a span in the extracted context is a child of the relay span.
  const agentCtx = extractTraceContext(carried);
  const agentSpan = trace.getTracer('agent').startSpan('agent flow_mod', {}, agentCtx);
  agentSpan.end();
  endDatapathRequestSpan(span, { replies: 0 });
  const relay = spans('ofconnmgr.datapath OFPT_FLOW_MOD')[0]!;
  t.deepEqual(relay.attributes, {
    'ofconnmgr.bridge': 'br0', 'ofconnmgr.session': origin.sessionName, 'ofconnmgr.role': 'primary',
    'openflow.type': 'OFPT_FLOW_MOD', 'openflow.xid': 0x1234, 'openflow.version': 4, 'openflow.replies': 0,
  });
  t.is(relay.kind, SpanKind.CLIENT);
  t.is(relay.parentSpanContext, undefined, 'the controller sent no context: a root span');
  const child = spans('agent flow_mod')[0]!;
  t.is(child.spanContext().traceId, sc.traceId);
  t.is(child.parentSpanContext?.spanId, sc.spanId);
  t.true(child.parentSpanContext?.isRemote);

  // An error answer marks the span; a parent can be given.
  const parent = trace.getTracer('t').startSpan('controller request');
  const failed = startDatapathRequestSpan(origin, 'OFPT_GROUP_MOD', { parent: trace.setSpan(context.active(), parent) });
  endDatapathRequestSpan(failed, { error: 'OFPGMFC_GROUP_EXISTS' });
  parent.end();
  const g = spans('ofconnmgr.datapath OFPT_GROUP_MOD')[0]!;
  t.is(g.status.code, SpanStatusCode.ERROR);
  t.is(g.attributes['openflow.error'], 'OFPGMFC_GROUP_EXISTS');
  t.is(g.parentSpanContext?.spanId, parent.spanContext().spanId);
});

test.serial('trace context text: tracestate travels; malformed, invalid or absent traceparents give no parent; no SDK span gives empty strings', (t) => {
  const withState = extractTraceContext({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' });
  const sc = trace.getSpanContext(withState)!;
  t.like(sc, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1, isRemote: true });
  t.is(sc.traceState?.get('rojo'), '00f067aa0ba902b7');
  const span = trace.getTracer('t').startSpan('child', {}, withState);
  t.is(injectTraceContext(span).tracestate, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  span.end();
  for (const traceparent of [
    '', 'garbage', '00-00000000000000000000000000000000-b7ad6b7169203331-01', '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
    'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
    '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01',
  ]) {
    t.is(trace.getSpanContext(extractTraceContext({ traceparent })), undefined, traceparent);
  }
  // A future version may append fields.
  t.truthy(trace.getSpanContext(extractTraceContext({ traceparent: '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-future' })));
  t.deepEqual(injectTraceContext(trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 })), { traceparent: '', tracestate: '' });
});
