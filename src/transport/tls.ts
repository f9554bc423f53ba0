/**
 * The ssl: and pssl: providers (Open vSwitch's lib/stream-ssl.c): TLS 1.2
 * or newer over TCP, peers verified in both directions against the CA
 * certificate of a TlsCredentials (tls-credentials.ts), which also
 * re-reads rotated files and does the client-side CA bootstrap (§3.6).
 *
 * As in Open vSwitch, a peer's certificate is checked against the CA (the
 * chain and its dates), not against the host name in the target; the
 * client sends the target's host name as SNI unless it is an IP address.
 * Any handshake failure is EPROTO (ETIMEDOUT for a handshake that does not
 * finish in time).  A dialled stream is ready once the handshake is done;
 * an accepted one is handed over only after its handshake succeeded and
 * its client certificate was verified.
 */

import type { Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { DEFAULT_BACKLOG, abortError, connectInet, listenInet, prepareAccepted } from './inet-socket.js';
import { ServerListener } from './socket-listener.js';
import { SocketStream } from './socket-stream.js';
import { ConnectError, errnoOf } from './stream-error.js';
import { effectiveDscp, type ActiveProvider, type PassiveProvider, type StreamStatus } from './stream.js';
import { formatHost, type SslTarget } from './target.js';
import { TLS_MIN_VERSION, type TlsMaterial } from './tls-credentials.js';

/** Time an accepted client gets to finish its handshake when ListenOptions says nothing. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** The TLS part of a stream's status, read once the handshake is done. */
function tlsStatus(socket: TLSSocket): NonNullable<StreamStatus['tls']> {
  const peer = socket.getPeerX509Certificate();
  return {
    protocol: socket.getProtocol() ?? '',
    cipher: socket.getCipher()?.name ?? '',
    peerSubject: peer ? peer.subject.split('\n').join(', ') : '',
    peerFingerprint256: peer ? peer.fingerprint256 : '',
  };
}

/** A TLS failure during a handshake, named after 'name': EPROTO unless it is a timeout. */
function handshakeError(name: string, e: unknown): ConnectError {
  const { code, detail } = errnoOf(e);
  return new ConnectError(code === 'ETIMEDOUT' ? 'ETIMEDOUT' : 'EPROTO', name, `TLS handshake failed: ${detail}`, { cause: e });
}

/**
 * Runs the client side of the handshake over the connected 'socket'.
 * Resolves with the TLS socket once the server is verified (or, while
 * bootstrapping, merely once the handshake is done); rejects with
 * ConnectError.  Destroys the socket on failure.
 */
function clientHandshake(target: SslTarget, socket: Socket, material: TlsMaterial, serverName: string | undefined, signal: AbortSignal | undefined): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tlsConnect({
      socket,
      secureContext: material.clientContext,
      minVersion: TLS_MIN_VERSION,
      rejectUnauthorized: !material.bootstrap,
      // The chain is verified against the CA; like Open vSwitch, no host name check.
      checkServerIdentity: () => undefined,
      ...(serverName ? { servername: serverName } : {}),
    });
    const cleanup = (): void => {
      tlsSocket.off('secureConnect', onSecure);
      tlsSocket.off('error', onError);
      tlsSocket.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: ConnectError): void => {
      cleanup();
      // Keep a listener so that a late error of the dead socket cannot crash the process.
      tlsSocket.on('error', () => undefined);
      tlsSocket.destroy();
      socket.destroy();
      reject(error);
    };
    const onSecure = (): void => {
      cleanup();
      resolve(tlsSocket);
    };
    const onError = (e: unknown): void => fail(handshakeError(target.text, e));
    const onClose = (): void => fail(new ConnectError('EPROTO', target.text, 'TLS handshake failed: connection closed by peer'));
    const onAbort = (): void => fail(abortError(target.text, signal!));
    tlsSocket.once('secureConnect', onSecure);
    tlsSocket.once('error', onError);
    tlsSocket.once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const sslProvider: ActiveProvider<'ssl'> = {
  kind: 'active',
  prefix: 'ssl',
  needsProbes: true,
  async open(target, options) {
    const credentials = options.tls;
    if (!credentials) {
      throw new ConnectError('ENOPROTOOPT', target.text, 'no TLS configuration: ssl: needs a private key, a certificate and a CA certificate');
    }
    const material = await credentials.material(target.text);
    const c = await connectInet(target, options);
    const serverName = credentials.files.serverName ?? (target.hostKind === 'name' ? target.host.replace(/\.$/, '') : undefined);
    const tlsSocket = await clientHandshake(target, c.socket, material, serverName, options.signal);
    if (material.bootstrap) {
      const error = await credentials.bootstrapFrom(target.text, tlsSocket.getPeerCertificate(true));
      tlsSocket.on('error', () => undefined);
      tlsSocket.destroy();
      throw error;
    }
    return new SocketStream(tlsSocket, {
      name: target.text,
      peerName: c.peerName,
      needsProbes: true,
      status: { localName: c.localName, dscp: c.dscp, dscpApplied: c.dscpApplied, tls: tlsStatus(tlsSocket) },
    });
  },
};

/** An accepted connection whose handshake has not finished. */
interface PendingHandshake {
  readonly raw: Socket;
  readonly name: string;
  readonly key: string;
  readonly peerName: string;
  readonly localName: string;
  readonly dscpApplied: boolean;
  done: boolean;
}

function peerKey(address: string | undefined, port: number | undefined): string | null {
  return address === undefined || port === undefined ? null : `${address}|${port}`;
}

export const psslProvider: PassiveProvider<'pssl'> = {
  kind: 'passive',
  prefix: 'pssl',
  needsProbes: true,
  async listen(target, options) {
    const credentials = options.tls;
    if (!credentials) {
      throw new ConnectError('ENOPROTOOPT', target.text, 'no TLS configuration: pssl: needs a private key, a certificate and a CA certificate');
    }
    const dscp = effectiveDscp(options.dscp);
    const handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    let listener: ServerListener | null = null;
    const report = (error: ConnectError): void => {
      if (!listener?.closed) options.onAcceptError?.(error);
    };

    // The TLS server never listens: accepted TCP sockets are handed to it
    // once the credentials are fresh.  It verifies client certificates
    // itself (rejectUnauthorized: false) so that the reason can be reported.
    const tlsServer = createTlsServer({
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: TLS_MIN_VERSION,
      handshakeTimeout: handshakeTimeoutMs * 2,
    });
    let generation = 0;
    // Handshakes in progress by peer address; an accepted socket is found
    // again from the TLS socket through its peer's address and port.
    const pending = new Map<string, PendingHandshake>();
    const settle = (p: PendingHandshake): boolean => {
      if (p.done) return false;
      p.done = true;
      pending.delete(p.key);
      p.raw.setTimeout(0);
      return true;
    };
    const fail = (p: PendingHandshake, error: ConnectError): void => {
      if (settle(p)) report(error);
    };

    tlsServer.on('secureConnection', (tlsSocket: TLSSocket) => {
      tlsSocket.on('error', () => undefined);
      const key = peerKey(tlsSocket.remoteAddress, tlsSocket.remotePort);
      const p = key === null ? undefined : pending.get(key);
      if (!p || !settle(p) || listener?.closed) {
        tlsSocket.destroy();
        return;
      }
      if (!tlsSocket.authorized) {
        const why = tlsSocket.getPeerX509Certificate()
          ? `client certificate rejected: ${String(tlsSocket.authorizationError)}`
          : 'client presented no certificate';
        tlsSocket.destroy();
        report(new ConnectError('EPROTO', p.name, why));
        return;
      }
      options.onAccept(
        new SocketStream(tlsSocket, {
          name: p.name,
          peerName: p.peerName,
          needsProbes: true,
          status: { localName: p.localName, dscp, dscpApplied: p.dscpApplied, tls: tlsStatus(tlsSocket) },
        }),
      );
    });
    tlsServer.on('tlsClientError', (e: unknown, tlsSocket: TLSSocket) => {
      const key = peerKey(tlsSocket.remoteAddress, tlsSocket.remotePort);
      const p = key === null ? undefined : pending.get(key);
      // Without the peer's address the raw socket's close reports it.
      if (p) fail(p, handshakeError(p.name, e));
    });

    const onConnection = (raw: Socket): void => {
      if (listener?.closed) {
        raw.destroy();
        return;
      }
      const key = peerKey(raw.remoteAddress, raw.remotePort);
      const accepted = prepareAccepted(raw, 'ssl', dscp);
      if (!accepted || key === null) return;
      const p: PendingHandshake = { raw, key, ...accepted, done: false };
      pending.set(key, p);
      raw.on('error', () => undefined);
      raw.setTimeout(handshakeTimeoutMs, () => {
        fail(p, new ConnectError('ETIMEDOUT', p.name, `TLS handshake not finished within ${handshakeTimeoutMs} ms`));
        raw.destroy();
      });
      raw.once('close', () => {
        // Let a pending 'tlsClientError' with the precise reason come first.
        setImmediate(() => fail(p, new ConnectError('EPROTO', p.name, 'TLS handshake failed: connection closed')));
      });
      credentials.material(p.name).then(
        (m) => {
          if (p.done || raw.destroyed) return;
          if (!m.serverOptions) {
            fail(p, new ConnectError('ENOPROTOOPT', p.name, m.serverProblem ?? 'no CA certificate'));
            raw.destroy();
            return;
          }
          if (m.generation !== generation) {
            tlsServer.setSecureContext(m.serverOptions);
            generation = m.generation;
          }
          tlsServer.emit('connection', raw);
        },
        (e: unknown) => {
          fail(p, ConnectError.is(e) ? e : new ConnectError('ENOPROTOOPT', p.name, String(e)));
          raw.destroy();
        },
      );
    };

    const { server, address, port } = await listenInet(target, options.backlog ?? DEFAULT_BACKLOG, onConnection, report);
    listener = new ServerListener(server, {
      name: `pssl:${port}:${formatHost(address)}`,
      port,
      needsProbes: true,
      afterClose: async () => {
        for (const p of pending.values()) {
          settle(p);
          p.raw.destroy();
        }
      },
    });
    return listener;
  },
};
