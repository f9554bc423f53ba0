/**
 * `ofconnmgr ctl`: configures and inspects a running service (src/api)
 * as a real gRPC client of it, in the manner of ovs-vsctl: one command
 * per run, each naming its bridge.  The service owns validation; a
 * failed call (INVALID_ARGUMENT, NOT_FOUND, an unreachable server) is
 * printed as one line on standard error with exit status 1.  main.ts
 * dispatches here; serve.ts is the other end of the wire.
 */

import * as grpc from '@grpc/grpc-js';
import { loadApi } from '../api/proto-package.js';
import type { ConnectionManagerClient } from '../generated/ofconnmgr/v1/ConnectionManager.js';
import type { ControllerInfo__Output } from '../generated/ofconnmgr/v1/ControllerInfo.js';
import { DEFAULT_LISTEN } from './serve.js';

/** Output channels of the command, so tests can capture them. */
export interface CtlIo {
  out(line: string): void;
  err(line: string): void;
}

/** How long one call may take before it fails with DEADLINE_EXCEEDED. */
const CALL_DEADLINE_MS = 10_000;

const USAGE = 'usage: ofconnmgr ctl [--server HOST:PORT] [--json] COMMAND ARGS... (try "ofconnmgr help")';

/** A command's arguments were wrong: reported with USAGE, exit status 1. */
class UsageError extends Error {}

interface CtlArgs {
  server: string;
  json: boolean;
  words: string[];
}

function parseArgs(args: readonly string[]): CtlArgs {
  const parsed: CtlArgs = { server: DEFAULT_LISTEN, json: false, words: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') parsed.json = true;
    else if (a === '--server' || a.startsWith('--server=')) {
      const v = a === '--server' ? args[++i] : a.slice('--server='.length);
      if (!v || !/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(v)) throw new UsageError(`--server needs HOST:PORT, not "${v ?? ''}"`);
      parsed.server = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option "${a}"`);
    else parsed.words.push(a);
  }
  return parsed;
}

/** Calls the unary 'method' of 'client' with a deadline; rejects with the ServiceError. */
function call<Res>(client: ConnectionManagerClient, method: string, req: object): Promise<Res> {
  const m = (client as unknown as Record<string, (...a: unknown[]) => grpc.ClientUnaryCall>)[method]!;
  return new Promise((resolve, reject) => {
    m.call(client, req, { deadline: Date.now() + CALL_DEADLINE_MS }, (err: grpc.ServiceError | null, res?: Res) =>
      err ? reject(err) : resolve(res as Res),
    );
  });
}

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === 'number';
}

/** "MASTER" → "master"; unspecified (not connected, passive) → "". */
function roleName(role: unknown): string {
  const r = String(role);
  return r === 'CONTROLLER_ROLE_UNSPECIFIED' ? '' : r.toLowerCase();
}

function statusOf(c: ControllerInfo__Output): Record<string, string> {
  return Object.fromEntries(c.status.map((p) => [p.key, p.value]));
}

/** Columns of list-controllers, as the Controller table names them. */
const COLUMNS = ['target', 'is_connected', 'role', 'state', 'last_error', 'sec_since_connect', 'sec_since_disconnect'] as const;

/**
 * Lays out 'controllers' as a table with a header row, one row per
 * target, columns aligned; an absent value prints as "-".
 */
export function controllerTable(controllers: readonly ControllerInfo__Output[]): string[] {
  const rows = controllers.map((c) => {
    const s = statusOf(c);
    return [c.target, String(c.is_connected), roleName(c.role), s['state'], s['last_error'], s['sec_since_connect'], s['sec_since_disconnect']].map(
      (v) => (v === undefined || v === '' ? '-' : v),
    );
  });
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  '));
}

function need(words: readonly string[], min: number, max: number, shape: string): void {
  if (words.length - 1 < min || words.length - 1 > max) throw new UsageError(`${words[0]} needs ${shape}`);
}

async function run(client: ConnectionManagerClient, a: CtlArgs, io: CtlIo): Promise<void> {
  const [cmd, bridge, ...rest] = a.words;
  switch (cmd) {
    case 'add-br': {
      // ovs-vsctl add-br; the datapath id, if given, as other-config:datapath-id (16 hex digits).
      need(a.words, 1, 2, 'BRIDGE [DATAPATH_ID]');
      await call(client, 'createBridge', { bridge: { name: bridge, datapath_id: rest[0] ?? '' } });
      return;
    }
    case 'del-br':
      need(a.words, 1, 1, 'BRIDGE');
      await call(client, 'deleteBridge', { bridge });
      return;
    case 'list-br': {
      need(a.words, 0, 0, 'no arguments');
      const list = await call<{ bridges: { name: string }[] }>(client, 'listBridges', {});
      for (const b of list.bridges) io.out(b.name);
      return;
    }
    case 'set-controller': {
      need(a.words, 2, Infinity, 'BRIDGE TARGET...');
      const res = await call<{ listen_error: string }>(client, 'setControllers', { bridge, controllers: rest.map((target) => ({ target })) });
      if (res.listen_error) io.err(`ofconnmgr ctl: warning: ${res.listen_error}`);
      return;
    }
    case 'del-controller':
      need(a.words, 1, 1, 'BRIDGE');
      await call(client, 'setControllers', { bridge, controllers: [] });
      return;
    case 'get-controller': {
      need(a.words, 1, 1, 'BRIDGE');
      const info = await call<{ controllers: ControllerInfo__Output[] }>(client, 'getControllerInfo', { bridge });
      for (const c of info.controllers) io.out(c.target);
      return;
    }
    case 'set-fail-mode': {
      need(a.words, 2, 2, 'BRIDGE secure|standalone');
      const mode = rest[0]!;
      if (mode !== 'secure' && mode !== 'standalone') throw new UsageError(`fail mode must be "secure" or "standalone", not "${mode}"`);
      await call(client, 'setFailMode', { bridge, fail_mode: mode.toUpperCase() });
      return;
    }
    case 'get-fail-mode': {
      need(a.words, 1, 1, 'BRIDGE');
      const list = await call<{ bridges: { name: string; fail_mode: unknown }[] }>(client, 'listBridges', {});
      const br = list.bridges.find((b) => b.name === bridge);
      if (!br) throw new Error(`NOT_FOUND: no bridge named "${bridge}"`);
      const mode = String(br.fail_mode);
      io.out(mode === 'FAIL_MODE_UNSPECIFIED' ? 'standalone' : mode.toLowerCase());
      return;
    }
    case 'set-snoop': {
      need(a.words, 1, Infinity, 'BRIDGE [TARGET...]');
      const res = await call<{ listen_error: string }>(client, 'setSnoops', { bridge, targets: rest });
      if (res.listen_error) io.err(`ofconnmgr ctl: warning: ${res.listen_error}`);
      return;
    }
    case 'list-controllers': {
      need(a.words, 1, 1, 'BRIDGE');
      const info = await call<{ controllers: ControllerInfo__Output[]; packet_ins_unsent: string }>(client, 'getControllerInfo', { bridge });
      if (a.json) {
        const controllers = info.controllers.map((c) => ({
          target: c.target,
          type: String(c.type).toLowerCase(),
          is_connected: c.is_connected,
          role: roleName(c.role) || null,
          status: statusOf(c),
          sessions: c.sessions,
        }));
        io.out(JSON.stringify({ controllers, packet_ins_unsent: Number(info.packet_ins_unsent) }, null, 2));
      } else for (const l of controllerTable(info.controllers)) io.out(l);
      return;
    }
    case undefined:
      throw new UsageError('missing COMMAND');
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/**
 * Runs `ctl` with 'args' ([--server HOST:PORT] [--json] COMMAND ARGS...)
 * against the service at --server (default 127.0.0.1:50051); resolves to
 * the exit status: 0, or 1 with one line on 'err' for bad arguments, an
 * error status from the service, or a server that cannot be reached.
 */
export async function ctl(args: readonly string[], io: CtlIo): Promise<number> {
  let parsed: CtlArgs;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    io.err(`ofconnmgr ctl: ${(e as Error).message} (${USAGE})`);
    return 1;
  }
  const api = loadApi();
  const client = new api.ofconnmgr.v1.ConnectionManager(parsed.server, grpc.credentials.createInsecure());
  try {
    await run(client, parsed, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) io.err(`ofconnmgr ctl: ${e.message} (${USAGE})`);
    else if (isServiceError(e) && (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED))
      io.err(`ofconnmgr ctl: cannot reach the service at ${parsed.server}: ${e.details.replace(/\s*Resolution note:\s*$/, '')}`);
    else if (isServiceError(e)) io.err(`ofconnmgr ctl: ${parsed.words[0]}: ${grpc.status[e.code]}: ${e.details}`);
    else io.err(`ofconnmgr ctl: ${parsed.words[0]}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    client.close();
  }
}
