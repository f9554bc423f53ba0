/**
 * With gRPC instrumentation on (as src/telemetry/register.ts sets it up:
 * the ESM loader hook, then GrpcInstrumentation, before @grpc/grpc-js
 * loads), a configuration call's span is the child of the gRPC server
 * span, which continues the client's trace.  grpc-js and everything that
 * imports it are loaded only after the instrumentation is registered.
 */

import { register } from 'node:module';
import test from 'ava';
import { SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
registerInstrumentations({ instrumentations: [new GrpcInstrumentation()] });
const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();

test('SetControllers: client span -> gRPC server span -> configuration call span, one trace', async (t) => {
  const { startApi } = await import('../support/api-client.js');
  const { until } = await import('../support/loopback.js');
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('CreateBridge', { bridge: { name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  await api.call('SetControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
  const path = 'ofconnmgr.v1.ConnectionManager/SetControllers';
  const find = (kind: SpanKind, name: string) => exporter.getFinishedSpans().find((s) => s.kind === kind && s.name === name);
  await until(() => find(SpanKind.CLIENT, `grpc.${path}`) !== undefined, 'the client span');
  const client = find(SpanKind.CLIENT, `grpc.${path}`)!;
  const server = find(SpanKind.SERVER, `grpc.${path}`)!;
  const call = find(SpanKind.INTERNAL, path)!;
  t.truthy(server, 'a server span from gRPC instrumentation');
  t.truthy(call, 'our configuration call span');
  t.is(server.spanContext().traceId, client.spanContext().traceId);
  t.is(server.parentSpanContext?.spanId, client.spanContext().spanId);
  t.is(call.spanContext().traceId, client.spanContext().traceId);
  t.is(call.parentSpanContext?.spanId, server.spanContext().spanId);
  t.is(call.attributes['ofconnmgr.bridge'], 'br0');
});
