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
 */

import { ApiServer, apiServerCredentials, ApiTlsError, bridgeFromProto, controllersFromProto, StateFileError } from '../api/index.js';
import type * as grpc from '@grpc/grpc-js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import { DEFAULT_LISTEN, parseServeOptions, SERVE_USAGE } from './serve-options.js';

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
}

/** True for a HOST:PORT whose host is a loopback address or name. */
function isLoopback(hostPort: string): boolean {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Runs `serve` with 'args' (serve-options.ts: --listen, --state-dir,
 * --demo, --in-process-datapath, --tls-cert, --tls-key, --tls-client-ca, --health-listen, or
 * their OFCONNMGR_* variables in 'io.env'); resolves to the exit status
 * once stopped: 0, or 1 for bad arguments, TLS files that cannot be used,
 * a state file that cannot be used or an address that cannot be bound
 * (each reported as one line on 'err').
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
  let server: ApiServer;
  try {
    server = await ApiServer.start(parsed.listen, {
      stateDir: parsed.stateDir,
      credentials,
      healthAddress: parsed.healthListen,
      inProcessDatapath: parsed.inProcessDatapath,
    });
  } catch (e) {
    if (e instanceof StateFileError) {
      io.err(`ofconnmgr serve: ${e.message}; not starting (fix or move the file)`);
      return 1;
    }
    const where = parsed.healthListen === undefined ? parsed.listen : `${parsed.listen} and ${parsed.healthListen}`;
    io.err(`ofconnmgr serve: cannot listen on ${where}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const address = parsed.listen.replace(/:\d+$/, `:${server.port}`);
  const security = parsed.tlsClientCa !== undefined ? 'mutual TLS' : credentials ? 'TLS' : 'plaintext';
  io.out(`ofconnmgr: serving ofconnmgr.v1.ConnectionManager on ${address} (${security}; health and reflection on)`);
  if (!credentials && !isLoopback(parsed.listen)) {
    io.err(`ofconnmgr serve: warning: the API on ${address} is reachable beyond loopback without TLS (--tls-cert, --tls-key)`);
  }
  if (parsed.healthListen !== undefined) {
    io.out(`ofconnmgr: health (grpc.health.v1 only, plaintext) on ${parsed.healthListen.replace(/:\d+$/, `:${server.healthPort}`)}`);
  }
  io.out(`ofconnmgr: state file ${parsed.stateDir}/state.json (${server.bridges.list().length} bridge(s) restored)`);
  if (parsed.demo && server.bridges.list().some((b) => b.config.name === 'br0')) {
    io.out('ofconnmgr: --demo: bridge br0 already restored from the state file');
  } else if (parsed.demo) {
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
    const listening = entry.mgr.service(DEMO_SERVICE_TARGET)?.port !== undefined;
    const datapath = parsed.inProcessDatapath
      ? 'in-process reference switch'
      : `waiting for an agent: ofconnmgr agent --server ${address} --bridge br0`;
    io.out(`ofconnmgr: bridge br0 (${datapath}), service listener ${DEMO_SERVICE_TARGET}${listening ? '' : ' (NOT listening: port busy?)'}`);
    io.out('try:');
    io.out('  ovs-ofctl -O OpenFlow13 show tcp:127.0.0.1:6634');
    if (credentials) io.out(`  npx buf curl --protocol grpc --cacert CA.pem [--cert CERT --key KEY] --list-services https://${address}`);
    else io.out(`  npx buf curl --protocol grpc --http2-prior-knowledge --list-services http://${address}`);
    if (!credentials) {
      io.out(
        `  npx buf curl --protocol grpc --http2-prior-knowledge -d '{"bridge":"br0"}' http://${address}/ofconnmgr.v1.ConnectionManager/GetControllerInfo`,
      );
    }
  }
  await (io.stopped ?? signalled());
  io.out('ofconnmgr: stopping');
  await server.close();
  return 0;
}
