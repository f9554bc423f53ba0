/**
 * The options of `ofconnmgr serve` (serve.ts), from its command line and
 * from the environment.  Every option has a flag and an environment
 * variable named after it: OFCONNMGR_ and the flag in upper case with '-'
 * as '_' (--tls-client-ca is OFCONNMGR_TLS_CLIENT_CA), so that a
 * Kubernetes ConfigMap can configure the container without touching its
 * command.  A flag wins over its variable; a variable set to the empty
 * string counts as unset.
 */

import { DEFAULT_STATE_DIR } from '../api/index.js';

/** Where `serve` listens without --listen. */
export const DEFAULT_LISTEN = '127.0.0.1:50051';
/** Prefix of the environment variables that stand for the flags. */
export const ENV_PREFIX = 'OFCONNMGR_';

/** What `serve` was asked to do. */
export interface ServeOptions {
  /** HOST:PORT of the gRPC API. */
  listen: string;
  /** Directory of the state file. */
  stateDir: string;
  /** Start with the demo bridge br0. */
  demo: boolean;
  /** Serve each bridge with a built-in reference switch instead of waiting for an agent (Attach refused). */
  inProcessDatapath: boolean;
  /** PEM certificate and key of the API's TLS (both or neither). */
  tlsCert?: string;
  tlsKey?: string;
  /** PEM CA certificate that clients' certificates must chain to (mutual TLS). */
  tlsClientCa?: string;
  /** HOST:PORT of a plaintext listener serving only grpc.health.v1. */
  healthListen?: string;
}

type ValueKind = 'HOST:PORT' | 'FILE' | 'DIR';

interface OptionSpec {
  readonly flag: string;
  /** What the option takes; absent for a switch (no value). */
  readonly takes?: ValueKind;
  apply(o: ServeOptions, value: string): void;
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):\d{1,5}$/;

const OPTIONS: readonly OptionSpec[] = [
  { flag: '--listen', takes: 'HOST:PORT', apply: (o, v) => (o.listen = v) },
  { flag: '--state-dir', takes: 'DIR', apply: (o, v) => (o.stateDir = v) },
  { flag: '--demo', apply: (o) => (o.demo = true) },
  { flag: '--in-process-datapath', apply: (o) => (o.inProcessDatapath = true) },
  { flag: '--tls-cert', takes: 'FILE', apply: (o, v) => (o.tlsCert = v) },
  { flag: '--tls-key', takes: 'FILE', apply: (o, v) => (o.tlsKey = v) },
  { flag: '--tls-client-ca', takes: 'FILE', apply: (o, v) => (o.tlsClientCa = v) },
  { flag: '--health-listen', takes: 'HOST:PORT', apply: (o, v) => (o.healthListen = v) },
];

/** The environment variable that stands for 'flag' (--state-dir: OFCONNMGR_STATE_DIR). */
export function envNameOf(flag: string): string {
  return ENV_PREFIX + flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase();
}

/** The usage line of `serve`, listing every flag. */
export const SERVE_USAGE = `ofconnmgr serve ${OPTIONS.map((s) => `[${s.flag}${s.takes ? ` ${s.takes}` : ''}]`).join(' ')}`;

function valueProblem(spec: OptionSpec, v: string, source: string): string | null {
  if (spec.takes === 'HOST:PORT' && !HOST_PORT.test(v)) return `${source} needs HOST:PORT, not "${v}"`;
  if (spec.takes === 'HOST:PORT' && Number(/(\d+)$/.exec(v)![1]) > 65535) return `${source}: port out of range in "${v}"`;
  return null;
}

function switchValue(v: string): boolean | null {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  return null;
}

/**
 * Parses `serve`'s 'args' over the variables of 'env' (flags win) into
 * ServeOptions; returns a one-line problem instead when an argument is
 * unknown, a value is missing or malformed (naming the flag or the
 * variable), or the TLS options do not go together (--tls-cert and
 * --tls-key need each other; --tls-client-ca needs both).  Pure.
 */
export function parseServeOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): ServeOptions | string {
  const o: ServeOptions = { listen: DEFAULT_LISTEN, stateDir: DEFAULT_STATE_DIR, demo: false, inProcessDatapath: false };
  for (const spec of OPTIONS) {
    const name = envNameOf(spec.flag);
    const v = env[name];
    if (v === undefined || v === '') continue;
    if (!spec.takes) {
      const on = switchValue(v);
      if (on === null) return `${name} must be true or false, not "${v}"`;
      if (on) spec.apply(o, '');
      continue;
    }
    const problem = valueProblem(spec, v, name);
    if (problem) return problem;
    spec.apply(o, v);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const spec = OPTIONS.find((s) => s.flag === flag);
    if (!spec) return `unknown argument "${a}"`;
    if (!spec.takes) {
      if (flag !== a) return `${flag} takes no value`;
      spec.apply(o, '');
      continue;
    }
    const v = flag !== a ? a.slice(eq + 1) : args[++i];
    if (v === undefined || v === '') return `${flag} needs a ${spec.takes === 'DIR' ? 'directory' : spec.takes === 'FILE' ? 'file' : 'HOST:PORT'}`;
    const problem = valueProblem(spec, v, flag);
    if (problem) return problem;
    spec.apply(o, v);
  }
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) return '--tls-cert and --tls-key go together: give both or neither';
  if (o.tlsClientCa !== undefined && o.tlsCert === undefined) return '--tls-client-ca (mutual TLS) needs --tls-cert and --tls-key';
  return o;
}
