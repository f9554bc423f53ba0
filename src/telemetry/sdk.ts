/**
 * The OpenTelemetry SDK, set up at the entry point only (library code
 * uses @opentelemetry/api and never imports this file):
 *   - startTracing(): the NodeTracerProvider with gRPC instrumentation,
 *     registered as the global provider (W3C trace context propagation,
 *     AsyncLocalStorage context), exporting over OTLP/gRPC only when
 *     OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 *     is set.  register.ts calls it before the application loads, which
 *     gRPC instrumentation needs under ESM.
 *   - startMetricsEndpoint(): a MeterProvider whose reader is the
 *     Prometheus exporter, served over HTTP at /metrics on an address of
 *     our choosing; `ofconnmgr serve --metrics-listen` starts it.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { METER_NAME } from './metrics.js';

/** The service.name of `ofconnmgr serve` (and of any command but `agent`). */
export const SERVICE_NAME = 'ofconnmgr';
/** The service.name of `ofconnmgr agent`: its spans continue the service's traces as another service. */
export const AGENT_SERVICE_NAME = 'ofconnmgr-agent';

/** The resource: service.name 'name', unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise (they win). */
function serviceResource(name: string): Resource {
  return resourceFromAttributes({ 'service.name': name }).merge(detectResources({ detectors: [envDetector] }));
}

/** What startTracing() set up. */
export interface TracingSetup {
  readonly provider: NodeTracerProvider;
  /** True when spans are exported over OTLP/gRPC. */
  readonly exporting: boolean;
  /** Flushes and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Registers gRPC instrumentation and a global NodeTracerProvider for
 * service.name 'serviceName' (default SERVICE_NAME; OTEL_SERVICE_NAME
 * wins); with
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT set in
 * 'env', spans go in batches to that OTLP/gRPC collector (the exporter reads
 * its settings from the environment).  With OTEL_SDK_DISABLED=true nothing
 * is set up and null is returned.  Without an endpoint spans are still made
 * (their context still travels to agents and gRPC peers) but not exported.
 */
export async function startTracing(env: NodeJS.ProcessEnv = process.env, serviceName: string = SERVICE_NAME): Promise<TracingSetup | null> {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return null;
  // Instrumentation first: the OTLP exporter itself loads @grpc/grpc-js.
  registerInstrumentations({ instrumentations: [new GrpcInstrumentation()] });
  const processors: SpanProcessor[] = [];
  const exporting = Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  if (exporting) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-grpc');
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  const provider = new NodeTracerProvider({ resource: serviceResource(serviceName), spanProcessors: processors });
  provider.register();
  return { provider, exporting, shutdown: () => provider.shutdown() };
}

/** A running /metrics endpoint. */
export interface MetricsEndpoint {
  /** The meter of the service's instruments (METER_NAME) on the endpoint's provider. */
  readonly meter: Meter;
  /** The address bound, "HOST:PORT" (the real port when 0 was asked for). */
  readonly address: string;
  readonly port: number;
  /** Stops serving and shuts the provider down. */
  close(): Promise<void>;
}

/**
 * Serves the Prometheus text format of a new MeterProvider at
 * http://'host':'port'/metrics (port 0: any free one) and makes that
 * provider the global one, so that meters taken from the API afterwards
 * report there (unless another provider was set already; closing
 * unsets it again).  Other paths answer 404.  Resolves once listening; rejects
 * with the listen error (EADDRINUSE, EADDRNOTAVAIL, ...), leaving nothing
 * running.
 */
export async function startMetricsEndpoint(host: string, port: number): Promise<MetricsEndpoint> {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ resource: serviceResource(SERVICE_NAME), readers: [exporter] });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      exporter.getMetricsRequestHandler(req, res);
      return;
    }
    res.statusCode = 404;
    res.end('not found: metrics are at /metrics\n');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host.replace(/^\[(.*)\]$/, '$1'), () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await provider.shutdown();
    throw e;
  }
  const bound = (server.address() as AddressInfo).port;
  const global = metrics.setGlobalMeterProvider(provider);
  return {
    meter: provider.getMeter(METER_NAME),
    address: `${host}:${bound}`,
    port: bound,
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (global) metrics.disable();
      await provider.shutdown();
    },
  };
}
