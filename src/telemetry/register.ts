/**
 * The `--import` file of the service: `node --import
 * ./dist/telemetry/register.js dist/cli/main.js serve` (what `make run`
 * does).  It registers the ESM loader hook of OpenTelemetry's
 * instrumentation (import-in-the-middle), which gRPC instrumentation needs
 * under ESM, and then starts tracing (sdk.ts: a global NodeTracerProvider,
 * exporting over OTLP/gRPC only when OTEL_EXPORTER_OTLP_ENDPOINT is set),
 * all before the application's modules load.  `ofconnmgr agent` loaded
 * the same way (`node --import .../register.js .../main.js agent ...`)
 * traces as service.name "ofconnmgr-agent"; OTEL_SERVICE_NAME overrides
 * either.  Spans still buffered are flushed when the process is about to
 * exit.
 */

import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const { AGENT_SERVICE_NAME, SERVICE_NAME, startTracing } = await import('./sdk.js');
// The command is the first argument after the script (main.js); `agent` traces as a service of its own.
const tracing = await startTracing(process.env, process.argv[2] === 'agent' ? AGENT_SERVICE_NAME : SERVICE_NAME);
if (tracing?.exporting) {
  let flushed = false;
  process.on('beforeExit', () => {
    if (flushed) return;
    flushed = true;
    void tracing.shutdown();
  });
}
