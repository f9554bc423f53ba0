/**
 * IPv4/IPv6 sockets for the tcp:/ssl: and ptcp:/pssl: providers (the part
 * of Open vSwitch's lib/socket-util.c they share): resolve a target's host,
 * connect with TCP_NODELAY and the connection's DSCP, listen, and write
 * addresses the way stream names show them (`IP:PORT`, IPv6 in brackets).
 * tcp.ts and tls.ts build on this; it knows nothing of TLS.
 */

import { lookup } from 'node:dns/promises';
import { Server, Socket } from 'node:net';
import { ConnectError, errnoOf } from './stream-error.js';
import { effectiveDscp, type OpenOptions } from './stream.js';
import { formatHost, type InetTarget } from './target.js';

/** Listen backlog when none is given (Open vSwitch's punix value, used for every listener here). */
export const DEFAULT_BACKLOG = 64;

/** One address a host name resolved to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** A connected TCP socket and what was done to it. */
export interface ConnectedSocket {
  readonly socket: Socket;
  /** Peer as `IP:PORT`. */
  readonly peerName: string;
  /** Local end as `IP:PORT`. */
  readonly localName: string;
  readonly dscp: number;
  readonly dscpApplied: boolean;
}

/** `IP:PORT` with IPv6 addresses in brackets, as Open vSwitch names endpoints. */
export function formatAddress(address: string, port: number): string {
  return `${formatHost(address)}:${port}`;
}

/** A socket whose Node version can set the IP TOS byte (socket.setTypeOfService, newer than Node 20). */
interface SocketWithTos {
  setTypeOfService(tos: number): unknown;
}

function hasTypeOfService(socket: Socket): socket is Socket & SocketWithTos {
  return typeof (socket as Partial<SocketWithTos>).setTypeOfService === 'function';
}

/**
 * Puts 'dscp' (0-63) in the DSCP bits of the socket's IP TOS byte, if this
 * Node can (socket.setTypeOfService).  Returns whether it did; never
 * throws.  Node 20 has no way to set IP_TOS without a native addon, so
 * there the value is only reported in the stream's status.
 */
export function applyDscp(socket: Socket, dscp: number): boolean {
  if (!hasTypeOfService(socket)) return false;
  try {
    socket.setTypeOfService(dscp << 2);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves the host of 'target' into the addresses to try, in the order
 * the resolver gives them.  Literals come back at once; names go through
 * the system resolver (getaddrinfo via node:dns promises, so /etc/hosts
 * counts) asynchronously.  Rejects with ConnectError (ENOTFOUND,
 * EAI_AGAIN, ...).
 */
export async function resolveHost(target: InetTarget<'tcp' | 'ssl' | 'ptcp' | 'pssl'>): Promise<ResolvedAddress[]> {
  if (target.hostKind !== 'name') return [{ address: target.host, family: target.hostKind === 'ipv6' ? 6 : 4 }];
  try {
    const found = await lookup(target.host, { all: true, verbatim: true });
    const addresses = found.filter((a): a is ResolvedAddress => a.family === 4 || a.family === 6);
    if (addresses.length === 0) throw new ConnectError('ENOTFOUND', target.text, `"${target.host}" has no IP address`);
    return addresses;
  } catch (e) {
    if (ConnectError.is(e)) throw e;
    const { code } = errnoOf(e);
    throw new ConnectError(code, target.text, `resolving "${target.host}" failed`, { cause: e });
  }
}

/** The error an aborted attempt rejects with (see OpenOptions.signal). */
export function abortError(targetText: string, signal: AbortSignal): ConnectError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return timedOut
    ? new ConnectError('ETIMEDOUT', targetText, 'connection attempt timed out')
    : new ConnectError('ECANCELED', targetText, 'connection attempt abandoned');
}

/**
 * Connects a TCP socket to 'target': resolves its host, then tries each
 * address in turn until one accepts.  The socket gets TCP_NODELAY, keepalive
 * only if options.keepAlive, and the DSCP value before connect() so that
 * the SYN already carries it (when Node can set it).  Resolves with the
 * connected socket; rejects with ConnectError carrying the last address's
 * errno (ECONNREFUSED, EHOSTUNREACH, ...) or ETIMEDOUT/ECANCELED when
 * options.signal aborts.  Leaves no socket behind on failure.
 */
export async function connectInet(target: InetTarget<'tcp' | 'ssl'>, options: OpenOptions): Promise<ConnectedSocket> {
  const signal = options.signal;
  if (signal?.aborted) throw abortError(target.text, signal);
  const addresses = await resolveHost(target);
  if (signal?.aborted) throw abortError(target.text, signal);
  const dscp = effectiveDscp(options.dscp);
  let last: ConnectError | undefined;
  for (const a of addresses) {
    try {
      return await connectOne(target, a, dscp, options);
    } catch (e) {
      last = e as ConnectError;
      if (last.code === 'ETIMEDOUT' || last.code === 'ECANCELED') break;
    }
  }
  throw last ?? new ConnectError('ENOTFOUND', target.text, 'no address to connect to');
}

function connectOne(
  target: InetTarget<'tcp' | 'ssl'>,
  a: ResolvedAddress,
  dscp: number,
  options: OpenOptions,
): Promise<ConnectedSocket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const dscpApplied = applyDscp(socket, dscp);
    const signal = options.signal;
    const cleanup = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onConnect = (): void => {
      cleanup();
      socket.setNoDelay(true);
      socket.setKeepAlive(options.keepAlive ?? false);
      resolve({
        socket,
        peerName: formatAddress(socket.remoteAddress ?? a.address, socket.remotePort ?? target.port),
        localName: formatAddress(socket.localAddress ?? '', socket.localPort ?? 0),
        dscp,
        dscpApplied,
      });
    };
    const onError = (e: unknown): void => {
      cleanup();
      socket.destroy();
      const { code, detail } = errnoOf(e);
      reject(new ConnectError(code, target.text, `connecting to ${formatAddress(a.address, target.port)}: ${detail}`, { cause: e }));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(abortError(target.text, signal!));
    };
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      socket.connect({ host: a.address, port: target.port, family: a.family });
    } catch (e) {
      onError(e);
    }
  });
}

/**
 * Binds and listens on 'target''s host and port (port 0: the kernel picks
 * one).  A host name is resolved first and its first address used.
 * Resolves with the listening server and its bound address and port;
 * rejects with ConnectError (EADDRINUSE, EACCES, EADDRNOTAVAIL, ...).
 * 'onConnection' receives every accepted socket; 'onServerError' every
 * later error of the server (e.g. EMFILE on accept).
 */
export async function listenInet(
  target: InetTarget<'ptcp' | 'pssl'>,
  backlog: number,
  onConnection: (socket: Socket) => void,
  onServerError: (error: ConnectError) => void,
): Promise<{ server: Server; address: string; port: number }> {
  const [first] = await resolveHost(target);
  const host = first!.address;
  const server = new Server({ noDelay: true, keepAlive: false });
  let listening = false;
  server.on('connection', onConnection);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown): void => {
      const { code, detail } = errnoOf(e);
      reject(new ConnectError(code, target.text, `listening on ${formatAddress(host, target.port)}: ${detail}`, { cause: e }));
    };
    server.on('error', (e: unknown) => {
      if (!listening) return fail(e);
      const { code, detail } = errnoOf(e);
      onServerError(new ConnectError(code, target.text, `accept: ${detail}`, { cause: e }));
    });
    try {
      server.listen({ host, port: target.port, backlog }, () => {
        listening = true;
        resolve();
      });
    } catch (e) {
      fail(e);
    }
  });
  const bound = server.address();
  const address = typeof bound === 'object' && bound ? bound.address : host;
  const port = typeof bound === 'object' && bound ? bound.port : target.port;
  return { server, address, port };
}

/** Names and DSCP of an accepted inet socket. */
export interface AcceptedSocket {
  /** `<prefix>:IP:PORT` after the peer (§3.3). */
  readonly name: string;
  readonly peerName: string;
  readonly localName: string;
  readonly dscpApplied: boolean;
}

/**
 * Prepares a socket accepted by a ptcp:/pssl: listener: TCP_NODELAY,
 * keepalive off, the listener's DSCP, and the names of the stream it will
 * become (`tcp:IP:PORT` or `ssl:IP:PORT`).  Returns null, destroying the
 * socket, if the peer is already gone and has no address.  Never throws.
 */
export function prepareAccepted(socket: Socket, prefix: 'tcp' | 'ssl', dscp: number): AcceptedSocket | null {
  const address = socket.remoteAddress;
  const port = socket.remotePort;
  if (address === undefined || port === undefined) {
    socket.destroy();
    return null;
  }
  socket.setNoDelay(true);
  socket.setKeepAlive(false);
  const dscpApplied = applyDscp(socket, dscp);
  const peerName = formatAddress(address, port);
  return {
    name: `${prefix}:${peerName}`,
    peerName,
    localName: formatAddress(socket.localAddress ?? '', socket.localPort ?? 0),
    dscpApplied,
  };
}
