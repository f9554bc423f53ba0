/**
 * The provider interface of the transport layer (Open vSwitch's
 * lib/stream-provider.h): an active Stream is a connected duplex of bytes,
 * a Listener produces Streams from a passive target, and a provider opens
 * one or the other for one target prefix.  registry.ts keeps the table of
 * providers; tcp.ts, tls.ts and unix.ts implement them; vconn works on any
 * Stream and knows nothing of sockets.  Nothing here knows OpenFlow.
 *
 * The contracts are written on these interfaces; implementations follow
 * them and say only what they add.
 */

import type { ConnectError, StreamError } from './stream-error.js';
import type { TlsCredentials } from './tls-credentials.js';
import type { ActivePrefix, PassivePrefix, TargetOf } from './target.js';

/** Default DSCP of a connection: IPTOS_PREC_INTERNETCONTROL >> 2 (§3.7). */
export const DEFAULT_DSCP = 48;

/** What a stream reports about itself for status pages and tests. */
export interface StreamStatus {
  /** Local endpoint: `IP:PORT` (IPv6 in brackets), or the socket path / '' for unix. */
  readonly localName: string;
  /**
   * The DSCP value asked for this connection (0-63, §3.7), or null for
   * unix sockets, which have no IP header.
   */
  readonly dscp: number | null;
  /**
   * True if the DSCP value was set on the socket.  Node before
   * socket.setTypeOfService() cannot set IP_TOS without a native addon, so
   * there it is false and the value is only reported (see README).
   */
  readonly dscpApplied: boolean;
  /** TLS details, for ssl: streams and streams accepted by pssl:. */
  readonly tls?: {
    /** Negotiated protocol, e.g. 'TLSv1.3'. */
    readonly protocol: string;
    readonly cipher: string;
    /** Subject of the peer's certificate, e.g. 'CN=controller'; '' if none. */
    readonly peerSubject: string;
    /** SHA-256 fingerprint of the peer's certificate; '' if none. */
    readonly peerFingerprint256: string;
  };
}

/** The events of a Stream and their listeners. */
export interface StreamEventMap {
  /** Bytes received, in order, in chunks of any size. */
  data: (chunk: Buffer) => void;
  /** The peer closed the connection cleanly (Open vSwitch's EOF).  Terminal. */
  end: () => void;
  /** The connection failed; 'error.code' says why (ECONNRESET, EPROTO, ...).  Terminal. */
  error: (error: StreamError) => void;
  /** The send buffer fell below its high-water mark after write() returned false. */
  drain: () => void;
}

export type StreamEvent = keyof StreamEventMap;

/**
 * An established, bidirectional byte stream: a TCP connection, a TLS
 * session whose handshake is complete, or a unix-domain socket connection.
 *
 * Delivery: received bytes are held until the first 'data' listener is
 * attached, then flow until pause() (and again after resume()), so nothing
 * is lost between opening a stream and attaching to it.  Exactly one of the
 * terminal events, 'end' or 'error', is delivered at most once; a terminal
 * event that happens while no listener for it is attached is delivered as
 * soon as one is.  After a terminal event the stream is closed.  After the
 * owner calls close(), no event at all is delivered.  Listeners are called
 * from the event loop, never from inside write() or close().
 */
export interface Stream {
  /**
   * The name of the connection: for one this side opened, the target text
   * as given (e.g. `tcp:127.0.0.1:6653`); for an accepted one, built from
   * the peer's address: `tcp:IP:PORT`, `ssl:IP:PORT` (IPv6 in brackets)
   * or `unix#N` (§3.3, §3.4).
   */
  readonly name: string;
  /**
   * The remote endpoint: `IP:PORT` (IPv6 in brackets) for TCP and TLS;
   * the socket path for a unix: stream; `unix#N` for an accepted unix peer
   * (Node does not report a unix peer's bound name).
   */
  readonly peerName: string;
  /**
   * Whether the layers above should send inactivity probes on this stream:
   * true for TCP and TLS, false for unix sockets (§1.1.3, §1.3.6).
   */
  readonly needsProbes: boolean;
  /** Local address, DSCP and TLS details. */
  readonly status: StreamStatus;
  /** Bytes handed to write() and not yet given to the kernel. */
  readonly bufferedBytes: number;
  /** True once the stream is closed, by close() or by a terminal event. */
  readonly closed: boolean;

  /**
   * Queues all of 'data' for sending; the stream takes the whole buffer (no
   * partial writes) and keeps a reference to it until it is written, so the
   * caller must not modify it afterwards (no copy is made).  Returns true if
   * the caller may keep writing, false if the send buffer is above its
   * high-water mark: the caller should then wait for 'drain' (writing
   * anyway still queues, without bound).  Never throws and never blocks.
   * On a closed stream the data is dropped and false is returned; the
   * terminal event, if any, tells why.
   */
  write(data: Uint8Array): boolean;

  /** Stops delivering 'data' (and so reading from the peer) until resume(). */
  pause(): void;
  /** Resumes delivering 'data' after pause(). */
  resume(): void;

  /**
   * Closes the stream: bytes already accepted by write() are flushed to the
   * peer (a TLS stream also sends its close_notify) within a bounded linger
   * time, then the connection is released.  No event is delivered after
   * close().  Idempotent; never throws.
   */
  close(): void;

  /** Adds 'listener' for 'event' (see the delivery rules above). */
  on<E extends StreamEvent>(event: E, listener: StreamEventMap[E]): this;
  /** Removes a listener added with on(). */
  off<E extends StreamEvent>(event: E, listener: StreamEventMap[E]): this;
}

/** Options of openActive() and of the active providers. */
export interface OpenOptions {
  /** DSCP for the connection, 0-63; anything else means the default 48 (§3.7). */
  readonly dscp?: number;
  /** TLS keys and certificates; required by ssl:, ignored by the others. */
  readonly tls?: TlsCredentials;
  /** Directory relative unix: paths are resolved against (default: the current directory). */
  readonly runDir?: string;
  /** TCP keepalive; off by default as in Open vSwitch. */
  readonly keepAlive?: boolean;
  /**
   * Abandons the attempt when aborted: the socket is destroyed and the
   * open rejects with ETIMEDOUT if the abort reason is a TimeoutError
   * (AbortSignal.timeout), ECANCELED otherwise.
   */
  readonly signal?: AbortSignal;
}

/** Options of listen() and of the passive providers. */
export interface ListenOptions {
  /**
   * Called with each accepted stream (for pssl:, once its handshake has
   * succeeded).  The listener keeps no reference to it afterwards; the
   * callee owns it and must close it.
   */
  readonly onAccept: (stream: Stream) => void;
  /**
   * Called when an incoming connection is refused before it becomes a
   * stream (a TLS handshake that failed or timed out, missing TLS keys:
   * ENOPROTOOPT) or when accepting fails (EMFILE, ...).  The listener keeps
   * listening.  Without it such failures are dropped silently.
   */
  readonly onAcceptError?: (error: ConnectError) => void;
  /** DSCP for accepted connections, 0-63; anything else means 48 (§3.7). */
  readonly dscp?: number;
  /** TLS keys and certificates; required by pssl:, ignored by the others. */
  readonly tls?: TlsCredentials;
  /** Directory relative punix: paths are resolved against (default: the current directory). */
  readonly runDir?: string;
  /** Listen backlog; default 64 as Open vSwitch's punix. */
  readonly backlog?: number;
  /** Time a pssl: client gets to finish its TLS handshake; default 10 s. */
  readonly handshakeTimeoutMs?: number;
}

/**
 * A passive stream (Open vSwitch's pstream): listening on one address and
 * handing each incoming connection to ListenOptions.onAccept.
 */
export interface Listener {
  /**
   * The name of the listener with what the kernel chose filled in:
   * `ptcp:PORT:IP` / `pssl:PORT:IP` (IPv6 in brackets) with the real port
   * when port 0 was asked (§3.3); `punix:PATH` for unix sockets.
   */
  readonly name: string;
  /** The bound port for ptcp:/pssl:, null for punix:. */
  readonly port: number | null;
  /** Whether accepted streams need inactivity probes (false for punix:). */
  readonly needsProbes: boolean;
  /** True once close() was called. */
  readonly closed: boolean;
  /**
   * Stops listening and releases the address (punix: also removes its
   * socket file).  Streams already accepted are not affected; no callback
   * runs after close() is called.  Resolves when the address is released;
   * idempotent; never rejects.
   */
  close(): Promise<void>;
}

/**
 * The provider of one active prefix (Open vSwitch's stream_class).
 * open() resolves with an established stream (TCP connected; for TLS, the
 * handshake done and the peer verified) or rejects with a ConnectError,
 * never anything else.
 */
export interface ActiveProvider<P extends ActivePrefix = ActivePrefix> {
  readonly kind: 'active';
  readonly prefix: P;
  readonly needsProbes: boolean;
  open(target: TargetOf<P>, options: OpenOptions): Promise<Stream>;
}

/**
 * The provider of one passive prefix (Open vSwitch's pstream_class).
 * listen() resolves once the address is bound and listening, or rejects
 * with a ConnectError (EADDRINUSE, EACCES, ...), never anything else.
 */
export interface PassiveProvider<P extends PassivePrefix = PassivePrefix> {
  readonly kind: 'passive';
  readonly prefix: P;
  readonly needsProbes: boolean;
  listen(target: TargetOf<P>, options: ListenOptions): Promise<Listener>;
}

/** The table of providers: every prefix maps to the provider of its kind. */
export type ProviderTable = { readonly [P in ActivePrefix]: ActiveProvider<P> } & {
  readonly [P in PassivePrefix]: PassiveProvider<P>;
};

/**
 * The DSCP value a connection uses: 'dscp' if it is an integer 0-63, the
 * default 48 otherwise (§3.7: out of range means the default).
 */
export function effectiveDscp(dscp: number | undefined): number {
  return dscp !== undefined && Number.isInteger(dscp) && dscp >= 0 && dscp <= 63 ? dscp : DEFAULT_DSCP;
}
