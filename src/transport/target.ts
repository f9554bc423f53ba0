/**
 * Target syntax: the text a user writes to name a connection ("tcp:10.0.0.1",
 * "pssl:6653:[::1]", "punix:/run/ofconnmgr/br0.mgmt") turned into a typed
 * value, or a TargetError saying what is wrong with it (reference §3.1-§3.5).
 *
 * This file only parses and formats; it does no I/O.  Host names are kept
 * as text here and resolved asynchronously by the TCP/TLS providers when a
 * connection is opened.  registry.ts picks the provider by the prefix found
 * here.
 *
 * Passive targets keep Open vSwitch's meaning: no host means every IPv4
 * address (0.0.0.0, §3.3).  The service's own defaults bind to 127.0.0.1
 * (DESIGN.md) by writing that host out explicitly, never by changing how a
 * target the user typed is read.
 */

import { isIP } from 'node:net';

/** OpenFlow's IANA port, the default for tcp:, ssl:, ptcp: and pssl: (§3.2). */
export const OFP_PORT = 6653;
/** The port used before Open vSwitch 2.4; informational only (§3.2). */
export const OFP_OLD_PORT = 6633;
/** Host a passive inet target without a host listens on (§3.3). */
export const PASSIVE_DEFAULT_HOST = '0.0.0.0';
/** Longest target text accepted; anything longer is refused unread. */
export const TARGET_MAX_LENGTH = 4096;

export const ACTIVE_PREFIXES = ['tcp', 'ssl', 'unix'] as const;
export const PASSIVE_PREFIXES = ['ptcp', 'pssl', 'punix'] as const;
export type ActivePrefix = (typeof ACTIVE_PREFIXES)[number];
export type PassivePrefix = (typeof PASSIVE_PREFIXES)[number];
export type TargetPrefix = ActivePrefix | PassivePrefix;

/** How the host of an inet target is written. */
export type HostKind = 'ipv4' | 'ipv6' | 'name';

/** Host and port of a tcp:, ssl:, ptcp: or pssl: target. */
export interface InetTarget<P extends 'tcp' | 'ssl' | 'ptcp' | 'pssl'> {
  readonly prefix: P;
  /** The text as the user gave it. */
  readonly text: string;
  /** IPv4 or IPv6 literal (without brackets, maybe with a %scope) or a DNS name. */
  readonly host: string;
  readonly hostKind: HostKind;
  /** 1-65535 for active targets; 0-65535 for passive ones (0 = kernel's choice). */
  readonly port: number;
  /**
   * True when the text named no port and `port` is the default (Open
   * vSwitch logs once, for active targets, that the default changed from
   * 6633 to 6653, §3.2; the layer that logs can use this).
   */
  readonly defaultPort: boolean;
}

/** A unix: or punix: target. */
export interface UnixTarget<P extends 'unix' | 'punix'> {
  readonly prefix: P;
  readonly text: string;
  /** The socket path as written; relative paths are resolved by the provider. */
  readonly path: string;
}

export type TcpTarget = InetTarget<'tcp'>;
export type SslTarget = InetTarget<'ssl'>;
export type PtcpTarget = InetTarget<'ptcp'>;
export type PsslTarget = InetTarget<'pssl'>;
export type UnixActiveTarget = UnixTarget<'unix'>;
export type PunixTarget = UnixTarget<'punix'>;

export type ActiveTarget = TcpTarget | SslTarget | UnixActiveTarget;
export type PassiveTarget = PtcpTarget | PsslTarget | PunixTarget;
export type Target = ActiveTarget | PassiveTarget;

/** The target of a given prefix. */
export type TargetOf<P extends TargetPrefix> = Extract<Target, { prefix: P }>;

/** What is wrong with a target, for callers that branch on it. */
export type TargetProblem =
  /** Not a string, empty, too long, or with control characters. */
  | 'bad-text'
  /** No "prefix:" at the start. */
  | 'no-prefix'
  /** A prefix this service does not implement (§3.5: unsupported). */
  | 'unsupported'
  /** Active where passive is needed, or the reverse. */
  | 'wrong-kind'
  /** Missing host of an active target, or a host that is not an address or a name. */
  | 'bad-host'
  /** Unbalanced or misplaced brackets, or a bracketed text that is not an address. */
  | 'bad-ipv6-bracket'
  /** A port that is not a decimal number in range. */
  | 'bad-port'
  /** unix:/punix: without a path. */
  | 'empty-path';

/**
 * The error every parsing function of this file throws: 'target' is the
 * text (or a printable rendering of the value) that was refused, 'problem'
 * classifies it, 'detail' says it in words.  The message reads
 * `"<target>": <detail>`.
 */
export class TargetError extends Error {
  readonly target: string;
  readonly problem: TargetProblem;
  readonly detail: string;

  constructor(target: string, problem: TargetProblem, detail: string) {
    super(`"${target}": ${detail}`);
    this.name = 'TargetError';
    this.target = target;
    this.problem = problem;
    this.detail = detail;
  }

  /** Recognises target errors without relying on instanceof across realms. */
  static is(e: unknown): e is TargetError {
    return e instanceof Error && e.name === 'TargetError' && typeof (e as TargetError).problem === 'string';
  }
}

/** True if 'prefix' names an active stream class. */
export function isActivePrefix(prefix: string): prefix is ActivePrefix {
  return (ACTIVE_PREFIXES as readonly string[]).includes(prefix);
}

/** True if 'prefix' names a passive stream class. */
export function isPassivePrefix(prefix: string): prefix is PassivePrefix {
  return (PASSIVE_PREFIXES as readonly string[]).includes(prefix);
}

/** True if 'target' is a valid active target (§3.5); never throws. */
export function isActiveTarget(target: unknown): boolean {
  try {
    parseActiveTarget(target);
    return true;
  } catch {
    return false;
  }
}

/** True if 'target' is a valid passive target (§3.5); never throws. */
export function isPassiveTarget(target: unknown): boolean {
  try {
    parsePassiveTarget(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses any target.  Takes 'unknown' so that values straight from JSON or
 * gRPC can be passed; throws TargetError (and nothing else) for anything
 * that is not a valid target of one of the six prefixes.
 */
export function parseTarget(target: unknown): Target {
  const text = checkText(target);
  const colon = text.indexOf(':');
  if (colon <= 0) {
    throw new TargetError(text, 'no-prefix', 'missing prefix: expected tcp:, ssl:, unix:, ptcp:, pssl: or punix:');
  }
  const prefix = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  switch (prefix) {
    case 'tcp':
    case 'ssl':
      return parseActiveInet(prefix, text, rest);
    case 'ptcp':
    case 'pssl':
      return parsePassiveInet(prefix, text, rest);
    case 'unix':
    case 'punix':
      return parseUnix(prefix, text, rest);
    default:
      throw new TargetError(
        text,
        'unsupported',
        `unsupported prefix "${prefix}:" (supported: ${[...ACTIVE_PREFIXES, ...PASSIVE_PREFIXES].map((p) => p + ':').join(' ')})`,
      );
  }
}

/** Parses a target that must be active (tcp:, ssl:, unix:); throws TargetError. */
export function parseActiveTarget(target: unknown): ActiveTarget {
  const t = parseTarget(target);
  if (!isActivePrefix(t.prefix)) {
    throw new TargetError(t.text, 'wrong-kind', `"${t.prefix}:" is a passive target; an active one (tcp:, ssl:, unix:) is needed here`);
  }
  return t as ActiveTarget;
}

/** Parses a target that must be passive (ptcp:, pssl:, punix:); throws TargetError. */
export function parsePassiveTarget(target: unknown): PassiveTarget {
  const t = parseTarget(target);
  if (!isPassivePrefix(t.prefix)) {
    throw new TargetError(t.text, 'wrong-kind', `"${t.prefix}:" is an active target; a passive one (ptcp:, pssl:, punix:) is needed here`);
  }
  return t as PassiveTarget;
}

/**
 * Writes 'host' as it appears inside a target or a stream name: IPv6
 * literals in brackets, everything else as is.
 */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The canonical text of a target, with defaults written out:
 * `tcp:HOST:PORT`, `ptcp:PORT:HOST`, `unix:PATH`.  Parsing the result gives
 * back the same target (apart from 'text' and 'defaultPort').
 */
export function formatTarget(target: Target): string {
  switch (target.prefix) {
    case 'tcp':
    case 'ssl':
      return `${target.prefix}:${formatHost(target.host)}:${target.port}`;
    case 'ptcp':
    case 'pssl':
      return `${target.prefix}:${target.port}:${formatHost(target.host)}`;
    case 'unix':
    case 'punix':
      return `${target.prefix}:${target.path}`;
  }
}

function checkText(target: unknown): string {
  if (typeof target !== 'string') {
    throw new TargetError(printable(target), 'bad-text', `a target must be a string, not ${target === null ? 'null' : typeof target}`);
  }
  if (target.length === 0) throw new TargetError(target, 'bad-text', 'empty target');
  if (target.length > TARGET_MAX_LENGTH) {
    throw new TargetError(`${target.slice(0, 40)}...`, 'bad-text', `target longer than ${TARGET_MAX_LENGTH} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(target)) {
    throw new TargetError(JSON.stringify(target).slice(1, -1), 'bad-text', 'a target may not contain control characters');
  }
  return target;
}

function printable(value: unknown): string {
  try {
    const s = typeof value === 'symbol' || typeof value === 'function' ? String(value) : JSON.stringify(value) ?? String(value);
    return s.length > 40 ? `${s.slice(0, 40)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Splits "A:B" the way Open vSwitch does (lib/socket-util.c): colons inside
 * brackets do not count; more than one colon outside brackets means the
 * whole text is one (unbracketed IPv6) host, so "::1" is a host and
 * "[::1]:80" a host and a port.  Returns the part before and after the
 * colon (null when there is no colon).
 */
function splitOnce(text: string, rest: string): { first: string; second: string | null; wholeIsHost: boolean } {
  let depth = 0;
  let colons = 0;
  let colonAt = -1;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '[') {
      if (depth > 0) throw new TargetError(text, 'bad-ipv6-bracket', 'nested "[" in address');
      depth = 1;
    } else if (c === ']') {
      if (depth === 0) throw new TargetError(text, 'bad-ipv6-bracket', '"]" without a matching "["');
      depth = 0;
    } else if (c === ':' && depth === 0) {
      colons++;
      colonAt = i;
    }
  }
  if (depth > 0) throw new TargetError(text, 'bad-ipv6-bracket', '"[" without a matching "]"');
  if (colons > 1) return { first: rest, second: null, wholeIsHost: true };
  if (colons === 0) return { first: rest, second: null, wholeIsHost: false };
  return { first: rest.slice(0, colonAt), second: rest.slice(colonAt + 1), wholeIsHost: false };
}

/** Parses a port text; 'allowZero' for passive targets. */
function parsePort(text: string, portText: string, allowZero: boolean): number {
  if (!/^[0-9]{1,5}$/.test(portText)) {
    throw new TargetError(text, 'bad-port', `bad port number "${portText}" (expected a decimal number 0-65535)`);
  }
  const port = Number(portText);
  if (port > 65535) throw new TargetError(text, 'bad-port', `bad port number "${portText}" (greater than 65535)`);
  if (port === 0 && !allowZero) {
    throw new TargetError(text, 'bad-port', 'port 0 cannot be dialled (it only means "any port" for passive targets)');
  }
  return port;
}

const HOST_LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/** Validates a host text: bracketed address, IPv4/IPv6 literal or DNS name. */
function parseHost(text: string, hostText: string, wholeIsHost: boolean): { host: string; hostKind: HostKind } {
  if (hostText.startsWith('[') || hostText.endsWith(']') || hostText.includes('[') || hostText.includes(']')) {
    if (!hostText.startsWith('[') || !hostText.endsWith(']')) {
      throw new TargetError(text, 'bad-ipv6-bracket', `misplaced brackets in "${hostText}" (write [IPV6]:PORT or PORT:[IPV6])`);
    }
    const inner = hostText.slice(1, -1);
    // Open vSwitch strips brackets from any host; an IPv4 literal inside them works there too.
    const family = isIP(inner);
    if (family === 6) return { host: inner, hostKind: 'ipv6' };
    if (family === 4) return { host: inner, hostKind: 'ipv4' };
    throw new TargetError(text, 'bad-ipv6-bracket', `"${inner}" inside brackets is not an IPv6 address`);
  }
  if (hostText.length === 0) throw new TargetError(text, 'bad-host', 'host must be specified');
  if (wholeIsHost || hostText.includes(':')) {
    if (isIP(hostText) === 6) return { host: hostText, hostKind: 'ipv6' };
    throw new TargetError(text, 'bad-host', `bad IPv6 address "${hostText}" (IPv6 addresses with a port go in brackets: [ADDR]:PORT)`);
  }
  if (/^[0-9.]+$/.test(hostText)) {
    if (isIP(hostText) === 4) return { host: hostText, hostKind: 'ipv4' };
    throw new TargetError(text, 'bad-host', `bad IPv4 address "${hostText}"`);
  }
  const name = hostText.endsWith('.') ? hostText.slice(0, -1) : hostText;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => HOST_LABEL.test(label))) {
    throw new TargetError(text, 'bad-host', `"${hostText}" is neither an IP address nor a valid host name`);
  }
  return { host: hostText, hostKind: 'name' };
}

/** tcp:HOST[:PORT] and ssl:HOST[:PORT] (§3.1). */
function parseActiveInet(prefix: 'tcp' | 'ssl', text: string, rest: string): TcpTarget | SslTarget {
  const { first, second, wholeIsHost } = splitOnce(text, rest);
  const { host, hostKind } = parseHost(text, first, wholeIsHost);
  if (second === null || second === '') {
    return { prefix, text, host, hostKind, port: OFP_PORT, defaultPort: true };
  }
  return { prefix, text, host, hostKind, port: parsePort(text, second, false), defaultPort: false };
}

/** ptcp:[PORT][:HOST] and pssl:[PORT][:HOST] (§3.1, §3.3). */
function parsePassiveInet(prefix: 'ptcp' | 'pssl', text: string, rest: string): PtcpTarget | PsslTarget {
  const { first, second, wholeIsHost } = splitOnce(text, rest);
  if (wholeIsHost) {
    // "ptcp:::1" is Open vSwitch's unbracketed IPv6 host with the default port.
    const { host, hostKind } = parseHost(text, first, true);
    return { prefix, text, host, hostKind, port: OFP_PORT, defaultPort: true };
  }
  const portText = first;
  const defaultPort = portText === '';
  const port = defaultPort ? OFP_PORT : parsePort(text, portText, true);
  if (second === null) {
    return { prefix, text, host: PASSIVE_DEFAULT_HOST, hostKind: 'ipv4', port, defaultPort };
  }
  if (second === '') throw new TargetError(text, 'bad-host', 'empty host after ":" (omit ":HOST" to listen on 0.0.0.0)');
  const { host, hostKind } = parseHost(text, second, false);
  return { prefix, text, host, hostKind, port, defaultPort };
}

/** unix:PATH and punix:PATH (§3.1, §3.4). */
function parseUnix(prefix: 'unix' | 'punix', text: string, rest: string): UnixActiveTarget | PunixTarget {
  if (rest.length === 0) throw new TargetError(text, 'empty-path', `"${prefix}:" needs a socket path`);
  return { prefix, text, path: rest };
}
