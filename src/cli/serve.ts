/**
 * `ofconnmgr serve`: runs the gRPC service (src/api) until SIGINT or
 * SIGTERM.  With --demo it starts with a bridge br0 that has a service
 * listener on ptcp:6634:127.0.0.1 (saved to the state file at once, as
 * any bridge made through the API), and prints what to try; that is what
 * `make run` starts.  Each bridge's datapath is its agent channel, served
 * by switch agents over Attach (`ofconnmgr agent`); with
 * --in-process-datapath it is an in-process reference software switch
 * instead, and Attach is refused.
 */

import { ApiServer, bridgeFromProto, controllersFromProto, DEFAULT_STATE_DIR, StateFileError } from '../api/index.js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';

/** Where `serve` listens without --listen. */
export const DEFAULT_LISTEN = '127.0.0.1:50051';
/** The demo bridge's service listener (--demo). */
export const DEMO_SERVICE_TARGET = 'ptcp:6634:127.0.0.1';

/** Output channels of the command, so tests can capture them. */
export interface ServeIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the service should stop (default: SIGINT or SIGTERM). */
  stopped?: Promise<void>;
}

interface ServeArgs {
  listen: string;
  stateDir: string;
  demo: boolean;
  inProcessDatapath: boolean;
}

function parseArgs(args: readonly string[]): ServeArgs | string {
  const parsed: ServeArgs = { listen: DEFAULT_LISTEN, stateDir: DEFAULT_STATE_DIR, demo: false, inProcessDatapath: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--demo') parsed.demo = true;
    else if (a === '--in-process-datapath') parsed.inProcessDatapath = true;
    else if (a === '--listen' || a.startsWith('--listen=')) {
      const v = a === '--listen' ? args[++i] : a.slice('--listen='.length);
      if (!v || !/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(v)) return `--listen needs HOST:PORT, not "${v ?? ''}"`;
      parsed.listen = v;
    } else if (a === '--state-dir' || a.startsWith('--state-dir=')) {
      const v = a === '--state-dir' ? args[++i] : a.slice('--state-dir='.length);
      if (!v) return '--state-dir needs a directory';
      parsed.stateDir = v;
    } else return `unknown argument "${a}"`;
  }
  return parsed;
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

/** The usage line of `serve`. */
export const SERVE_USAGE = 'ofconnmgr serve [--listen HOST:PORT] [--state-dir DIR] [--demo] [--in-process-datapath]';

/**
 * Runs `serve` with 'args' ([--listen HOST:PORT] [--state-dir DIR] [--demo]
 * [--in-process-datapath]); resolves to the exit status once stopped: 0,
 * or 1 for bad arguments, a state file that cannot be used or an address
 * that cannot be bound (reported on 'err').
 */
export async function serve(args: readonly string[], io: ServeIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`ofconnmgr serve: ${parsed} (usage: ${SERVE_USAGE})`);
    return 1;
  }
  let server: ApiServer;
  try {
    server = await ApiServer.start(parsed.listen, { stateDir: parsed.stateDir, inProcessDatapath: parsed.inProcessDatapath });
  } catch (e) {
    if (e instanceof StateFileError) {
      io.err(`ofconnmgr serve: ${e.message}; not starting (fix or move the file)`);
      return 1;
    }
    io.err(`ofconnmgr serve: cannot listen on ${parsed.listen}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const address = parsed.listen.replace(/:\d+$/, `:${server.port}`);
  io.out(`ofconnmgr: serving ofconnmgr.v1.ConnectionManager on ${address} (health and reflection on)`);
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
    io.out(`  npx buf curl --protocol grpc --http2-prior-knowledge --list-services http://${address}`);
    io.out(
      `  npx buf curl --protocol grpc --http2-prior-knowledge -d '{"bridge":"br0"}' http://${address}/ofconnmgr.v1.ConnectionManager/GetControllerInfo`,
    );
  }
  await (io.stopped ?? signalled());
  io.out('ofconnmgr: stopping');
  await server.close();
  return 0;
}
