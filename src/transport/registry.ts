/**
 * The table of stream providers keyed by target prefix (Open vSwitch's
 * stream_classes[] and pstream_classes[] in lib/stream.c), and the two
 * entry points the layers above use: openActive() for tcp:/ssl:/unix: and
 * listen() for ptcp:/pssl:/punix:.  Both parse the target (target.ts),
 * pick the provider from the table and turn every failure into a
 * ConnectError, so that nothing about a target can throw anything else.
 */

import { ConnectError, errnoOf } from './stream-error.js';
import type { ActiveProvider, ListenOptions, Listener, OpenOptions, PassiveProvider, ProviderTable, Stream } from './stream.js';
import { parseActiveTarget, parsePassiveTarget, TargetError, type ActiveTarget, type PassiveTarget, type TargetPrefix } from './target.js';
import { ptcpProvider, tcpProvider } from './tcp.js';
import { psslProvider, sslProvider } from './tls.js';
import { punixProvider, unixProvider } from './unix.js';

/** Every provider, one per prefix. */
export const PROVIDERS: ProviderTable = {
  tcp: tcpProvider,
  ssl: sslProvider,
  unix: unixProvider,
  ptcp: ptcpProvider,
  pssl: psslProvider,
  punix: punixProvider,
};

/**
 * Whether streams of 'prefix' need inactivity probes (§1.1.3, §1.3.6):
 * false for unix: and punix:, true for the others.
 */
export function needsProbes(prefix: TargetPrefix): boolean {
  return PROVIDERS[prefix].needsProbes;
}

/**
 * The text of a target given as text or as a parsed target.  A parsed
 * target is parsed again from its text, so that a hand-made or mistyped
 * object cannot reach a provider.
 */
function textOf(target: unknown): unknown {
  if (typeof target === 'object' && target !== null && typeof (target as { text?: unknown }).text === 'string') {
    return (target as { text: string }).text;
  }
  return target;
}

/**
 * A bad target as a ConnectError: EAFNOSUPPORT, as Open vSwitch's
 * vconn_open() answers an unknown class or an unparsable address, with
 * the parser's explanation and the TargetError as cause.
 */
function targetFailure(text: unknown, e: unknown): ConnectError {
  if (TargetError.is(e)) return new ConnectError('EAFNOSUPPORT', e.target, e.detail, { cause: e });
  return new ConnectError('EAFNOSUPPORT', String(text), String(e), { cause: e });
}

/** Wraps anything unexpected a provider threw, so callers only ever see ConnectError. */
function providerFailure(text: string, e: unknown): ConnectError {
  if (ConnectError.is(e)) return e;
  const { code, detail } = errnoOf(e);
  return new ConnectError(code, text, detail, { cause: e });
}

/**
 * Opens an active stream to 'target' (text or an already parsed target):
 * resolves with a connected Stream (for ssl:, handshake done and server
 * verified).  Rejects only with ConnectError: EAFNOSUPPORT for a target
 * that is not a valid active target, ECONNREFUSED, EHOSTUNREACH,
 * ENETUNREACH, ENOENT (unix socket missing), ENOTFOUND/EAI_AGAIN (name
 * resolution), ENOPROTOOPT (TLS keys missing or unusable), EPROTO (TLS
 * handshake failed, or CA bootstrapped), ETIMEDOUT/ECANCELED (options.signal).
 */
export async function openActive(target: string | ActiveTarget, options: OpenOptions = {}): Promise<Stream> {
  let parsed: ActiveTarget;
  try {
    parsed = parseActiveTarget(textOf(target));
  } catch (e) {
    throw targetFailure(target, e);
  }
  try {
    // The table maps each prefix to the provider of that prefix's targets.
    return await (PROVIDERS[parsed.prefix] as ActiveProvider).open(parsed, options);
  } catch (e) {
    throw providerFailure(parsed.text, e);
  }
}

/**
 * Opens a listener on the passive 'target' (text or an already parsed
 * target) and hands each accepted stream to options.onAccept.  Resolves
 * once listening, with the Listener whose name carries the bound port
 * (§3.3).  Rejects only with ConnectError: EAFNOSUPPORT for a target that
 * is not a valid passive target, EADDRINUSE, EACCES, EADDRNOTAVAIL,
 * ENAMETOOLONG (punix: path), EEXIST (punix: path is not a socket),
 * ENOPROTOOPT (pssl: without TLS configuration).
 */
export async function listen(target: string | PassiveTarget, options: ListenOptions): Promise<Listener> {
  let parsed: PassiveTarget;
  try {
    parsed = parsePassiveTarget(textOf(target));
  } catch (e) {
    throw targetFailure(target, e);
  }
  try {
    return await (PROVIDERS[parsed.prefix] as PassiveProvider).listen(parsed, options);
  } catch (e) {
    throw providerFailure(parsed.text, e);
  }
}
