/**
 * `ofconnmgr serve`: runs the gRPC service (src/api) until SIGINT or
 * SIGTERM.  With --demo it starts with a bridge br0 that has a service
 * listener on ptcp:6634:127.0.0.1 (saved to the state file at once, as
 * any bridge made through the API), and prints what to try; that is what
 * `make run` starts.  Each bridge's datapath is its agent channel, served
 * by switch agents over Attach (`ofconnmgr agent`); with
 * --in-process-datapath it is an in-process reference software switch
 * instead, and Attach is refused.
 *
 * The API is plaintext on 127.0.0.1 unless configured otherwise; with
 * --tls-cert/--tls-key it is TLS, and with --tls-client-ca mutual TLS
 * (server-tls.ts).  --health-listen adds a plaintext listener that serves
 * only grpc.health.v1, for Kubernetes' gRPC probes.  Options come from
 * flags or OFCONNMGR_* variables (serve-options.ts).
 *
 * Telemetry (src/telemetry): connmgr's and the agent channels' events
 * become JSON log lines on standard output (--log-level, default info),
 * metrics are served for Prometheus at http://--metrics-listen/metrics
 * (default 127.0.0.1:9464; "off" disables), and traces (a span per
 * request relayed to an agent among them, its context sent along) go
 * wherever the SDK that telemetry/register.js set up sends them.
 */

import { createNoopMeter } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import { ApiServer, apiServerCredentials, ApiTlsError, bridgeFromProto, controllersFromProto, StateFileError } from '../api/index.js';
import type * as grpc from '@grpc/grpc-js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import { systemClock } from '../clock/clock.js';
import { createLogger, ServiceTelemetry } from '../telemetry/index.js';
import { startMetricsEndpoint, type MetricsEndpoint } from '../telemetry/sdk.js';
import { DEFAULT_LISTEN, DEFAULT_METRICS_LISTEN, parseServeOptions, SERVE_USAGE, type ServeOptions } from './serve-options.js';
import { DemoAgent } from './demo-agent.js';
import { join } from 'node:path';
import { stopSignal } from './stop-signal.js';

export { DEFAULT_LISTEN };
/** The demo bridge's service listener (--demo). */
export const DEMO_SERVICE_TARGET = 'ptcp:6634:127.0.0.1';

/** Output channels of the command, so tests can capture them. */
export interface ServeIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the service should stop (default: SIGINT or SIGTERM). */
  stopped?: Promise<void>;
  /** The environment the OFCONNMGR_* options are read from (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the JSON log lines go (default standard output). */
  logDestination?: DestinationStream;
}

/** True for a HOST:PORT whose host is a loopback address or name. */
function isLoopback(hostPort: string): boolean {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Runs `serve` with 'args' (serve-options.ts: --listen, --state-dir,
 * --demo, --in-process-datapath, --tls-cert, --tls-key, --tls-client-ca,
 * --health-listen, --metrics-listen, --log-level, or
 * their OFCONNMGR_* variables in 'io.env'); resolves to the exit status
 * once stopped: 0, or 1 for bad arguments, TLS files that cannot be used,
 * a state file that cannot be used or an address (API, health, metrics)
 * that cannot be bound (each reported as one line on 'err').
 */
export async function serve(args: readonly string[], io: ServeIo): Promise<number> {
  const parsed = parseServeOptions(args, io.env ?? process.env);
  if (typeof parsed === 'string') {
    io.err(`ofconnmgr serve: ${parsed} (usage: ${SERVE_USAGE})`);
    return 1;
  }
  let credentials: grpc.ServerCredentials | undefined;
  if (parsed.tlsCert !== undefined && parsed.tlsKey !== undefined) {
    try {
      credentials = apiServerCredentials({ certFile: parsed.tlsCert, keyFile: parsed.tlsKey, clientCaFile: parsed.tlsClientCa });
    } catch (e) {
      if (!(e instanceof ApiTlsError)) throw e;
      io.err(`ofconnmgr serve: ${e.message}; not starting`);
      return 1;
    }
  }
  const logger = createLogger({ level: parsed.logLevel ?? 'info', ...(io.logDestination ? { destination: io.logDestination } : {}) });
  // Metrics: an address asked for must be served; the default is served if it is free.
  let metrics: MetricsEndpoint | null = null;
  let metricsProblem: string | null = null;
  const metricsListen = parsed.metricsListen === undefined ? DEFAULT_METRICS_LISTEN : parsed.metricsListen;
  if (metricsListen !== null) {
    const at = metricsListen.lastIndexOf(':');
    try {
      metrics = await startMetricsEndpoint(metricsListen.slice(0, at), Number(metricsListen.slice(at + 1)));
    } catch (e) {
      metricsProblem = `cannot serve metrics on ${metricsListen}: ${e instanceof Error ? e.message : String(e)}`;
      if (parsed.metricsListen !== undefined) {
        io.err(`ofconnmgr serve: ${metricsProblem}`);
        return 1;
      }
    }
  }
  const telemetry = new ServiceTelemetry({ logger, clock: systemClock, meter: metrics?.meter ?? createNoopMeter() });
  let server: ApiServer;
  try {
    server = await ApiServer.start(parsed.listen, {
      stateDir: parsed.stateDir,
      credentials,
      healthAddress: parsed.healthListen,
      inProcessDatapath: parsed.inProcessDatapath,
      listener: telemetry.listener,
      agentListener: telemetry.agentListener,
      watchAgentRequest: telemetry.watchAgentRequest,
    });
  } catch (e) {
    telemetry.close();
    await metrics?.close();
    if (e instanceof StateFileError) {
      io.err(`ofconnmgr serve: ${e.message}; not starting (fix or move the file)`);
      return 1;
    }
    const where = parsed.healthListen === undefined ? parsed.listen : `${parsed.listen} and ${parsed.healthListen}`;
    io.err(`ofconnmgr serve: cannot listen on ${where}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  telemetry.observeBridges(() => server.bridges.list().map((b) => b.mgr));
  const address = parsed.listen.replace(/:\d+$/, `:${server.port}`);
  const security = parsed.tlsClientCa !== undefined ? 'mutual TLS' : credentials ? 'TLS' : 'plaintext';
  io.out(`ofconnmgr: serving ofconnmgr.v1.ConnectionManager on ${address} (${security}; health and reflection on)`);
  if (!credentials && !isLoopback(parsed.listen)) {
    io.err(`ofconnmgr serve: warning: the API on ${address} is reachable beyond loopback without TLS (--tls-cert, --tls-key)`);
  }
  if (parsed.healthListen !== undefined) {
    io.out(`ofconnmgr: health (grpc.health.v1 only, plaintext) on ${parsed.healthListen.replace(/:\d+$/, `:${server.healthPort}`)}`);
  }
  if (metrics) io.out(`ofconnmgr: metrics on http://${metrics.address}/metrics`);
  else if (metricsProblem) io.err(`ofconnmgr serve: warning: ${metricsProblem}; metrics off (--metrics-listen to choose another address)`);
  else io.out('ofconnmgr: metrics off');
  logger.info({ event: 'serve.start', listen: address, security, metrics: metrics?.address ?? 'off', stateDir: parsed.stateDir }, `serving on ${address}`);
  io.out(`ofconnmgr: state file ${parsed.stateDir}/state.json (${server.bridges.list().length} bridge(s) restored)`);
  let demoAgent: DemoAgent | null = null;
  if (parsed.demo) demoAgent = await startDemo(server, parsed, address, credentials !== undefined, io);
  await (io.stopped ?? stopSignal());
  io.out('ofconnmgr: stopping');
  await demoAgent?.stop();
  await server.close();
  telemetry.close();
  await metrics?.close();
  logger.info({ event: 'serve.stop' }, 'stopped');
  return 0;
}

/**
 * --demo: makes the bridge br0 with the service listener
 * DEMO_SERVICE_TARGET (unless the state file already had br0), saves it,
 * and, unless its datapath is in process or the API needs TLS (which the
 * demo does not configure for an agent), starts the reference agent for
 * it as a child process with its control socket beside the state file.
 * Prints what to try.  Returns the agent, or null if none was started.
 */
async function startDemo(server: ApiServer, parsed: ServeOptions, address: string, tls: boolean, io: ServeIo): Promise<DemoAgent | null> {
  const restored = server.bridges.list().some((b) => b.config.name === 'br0');
  if (restored) {
    io.out('ofconnmgr: --demo: bridge br0 already restored from the state file');
  } else {
    const entry = await server.bridges.create(bridgeFromProto({ name: 'br0', datapath_id: '', packet_buffers: 256, protocols: [], fail_mode: 'STANDALONE' }));
    const demoController: Controller__Output = {
      target: DEMO_SERVICE_TARGET, type: 'CONNECTION_TYPE_UNSPECIFIED', max_backoff_ms: 0, rate_limit: 0, burst_limit: 0,
      controller_queue_size: 0, connection_mode: 'CONNECTION_MODE_UNSPECIFIED', allowed_versions: [],
    };
    await entry.mgr.setControllers(controllersFromProto([demoController], entry.config.protocols));
    entry.controllers = [demoController];
    try {
      await server.saveState();
    } catch (e) {
      io.err(`ofconnmgr serve: --demo: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const mgr = server.bridges.get('br0').mgr;
  const listening = mgr.service(DEMO_SERVICE_TARGET)?.port !== undefined;
  const control = join(parsed.stateDir, 'br0.ctl');
  let agent: DemoAgent | null = null;
  let datapath: string;
  if (parsed.inProcessDatapath) datapath = 'in-process reference switch';
  else if (tls) datapath = `waiting for an agent: ofconnmgr agent --server ${address} --bridge br0 --tls-ca ...`;
  else {
    agent = DemoAgent.start(address, 'br0', control, io.out);
    datapath = `served by the reference agent, pid ${agent.pid}: ofconnmgr agent --server ${address} --bridge br0 --control ${control}`;
  }
  io.out(`ofconnmgr: bridge br0 (${datapath}), service listener ${DEMO_SERVICE_TARGET}${listening ? '' : ' (NOT listening: port busy?)'}`);
  io.out('try:');
  io.out('  ovs-ofctl -O OpenFlow13 show tcp:127.0.0.1:6634');
  io.out('  ovs-ofctl -O OpenFlow13 add-flow tcp:127.0.0.1:6634 in_port=1,actions=output:2');
  io.out(`  ofconnmgr ctl --server ${address} set-controller br0 tcp:127.0.0.1:6653 ${DEMO_SERVICE_TARGET}`);
  io.out(`  ofconnmgr ctl --server ${address} list-controllers br0`);
  if (agent) {
    io.out(`  ofconnmgr agent-ctl --control ${control} inject 1 ffffffffffff0000000000010806...   # a frame arrives on port 1`);
    io.out(`  ofconnmgr agent-ctl --control ${control} dump-flows`);
  }
  if (tls) io.out(`  npx buf curl --protocol grpc --cacert CA.pem [--cert CERT --key KEY] --list-services https://${address}`);
  else {
    io.out(`  npx buf curl --protocol grpc --http2-prior-knowledge --list-services http://${address}`);
    io.out(
      `  npx buf curl --protocol grpc --http2-prior-knowledge -d '{"bridge":"br0"}' http://${address}/ofconnmgr.v1.ConnectionManager/GetControllerInfo`,
    );
  }
  return agent;
}
