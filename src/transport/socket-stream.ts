/**
 * SocketStream: the one Stream implementation, over a connected Node socket
 * (net.Socket for TCP and unix, tls.TLSSocket for TLS), in the way Open
 * vSwitch's lib/stream-fd.c serves its tcp and unix classes.  The providers
 * (tcp.ts, tls.ts, unix.ts) connect or accept the socket, choose the names,
 * and wrap it here; this file turns Node's stream events into the delivery
 * rules written on the Stream interface in stream.ts.
 */

import type { Socket } from 'node:net';
import { StreamError, errnoOf } from './stream-error.js';
import type { Stream, StreamEvent, StreamEventMap, StreamStatus } from './stream.js';

/** Longest time close() waits for queued bytes to leave before dropping them. */
export const CLOSE_LINGER_MS = 5000;

/** What a provider knows about a socket it hands over. */
export interface SocketStreamInit {
  readonly name: string;
  readonly peerName: string;
  readonly needsProbes: boolean;
  readonly status: StreamStatus;
}

type ListenerSets = { [E in StreamEvent]: Set<StreamEventMap[E]> };

/** The reason a stream ended, kept until it is delivered. */
type Terminal = { readonly kind: 'end' } | { readonly kind: 'error'; readonly error: StreamError };

export class SocketStream implements Stream {
  readonly name: string;
  readonly peerName: string;
  readonly needsProbes: boolean;
  readonly status: StreamStatus;

  private readonly socket: Socket;
  private readonly listeners: ListenerSets = { data: new Set(), end: new Set(), error: new Set(), drain: new Set() };
  /** Set once the connection ended by itself; null while it is up. */
  private terminal: Terminal | null = null;
  private terminalDelivered = false;
  /** Set by close(); from then on nothing is delivered. */
  private ownerClosed = false;
  /** Set by pause(), cleared by resume(). */
  private paused = false;

  /**
   * Takes ownership of 'socket', which must be connected (for TLS: with
   * its handshake done).  Reading stays paused until a 'data' listener is
   * attached.  Never throws.
   */
  constructor(socket: Socket, init: SocketStreamInit) {
    this.socket = socket;
    this.name = init.name;
    this.peerName = init.peerName;
    this.needsProbes = init.needsProbes;
    this.status = init.status;

    socket.on('data', (chunk: Buffer) => {
      if (this.ownerClosed) return;
      for (const l of this.listeners.data) l(chunk);
    });
    socket.pause();
    socket.on('drain', () => {
      if (this.ownerClosed || this.terminal) return;
      for (const l of this.listeners.drain) l();
    });
    socket.on('end', () => this.finish({ kind: 'end' }));
    socket.on('error', (e: unknown) => {
      const { code, detail } = errnoOf(e);
      this.finish({ kind: 'error', error: new StreamError(code, this.name, detail, { cause: e }) });
    });
    socket.on('close', () => {
      // A close with neither 'end' nor 'error' before it: the connection was
      // torn down under us (e.g. by the TLS layer).
      this.finish({ kind: 'error', error: new StreamError('ECONNRESET', this.name, 'connection closed') });
    });
  }

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  get closed(): boolean {
    return this.ownerClosed || this.terminal !== null;
  }

  /** See Stream.write(). */
  write(data: Uint8Array): boolean {
    if (this.closed || this.socket.destroyed || !this.socket.writable) return false;
    return this.socket.write(data);
  }

  /** See Stream.pause(). */
  pause(): void {
    this.paused = true;
    this.updateFlow();
  }

  /** See Stream.resume(). */
  resume(): void {
    this.paused = false;
    this.updateFlow();
  }

  /** See Stream.close(). */
  close(): void {
    if (this.ownerClosed) return;
    this.ownerClosed = true;
    const socket = this.socket;
    if (socket.destroyed) return;
    if (this.terminal) {
      socket.destroy();
      return;
    }
    socket.once('finish', () => socket.destroy());
    socket.setTimeout(CLOSE_LINGER_MS, () => socket.destroy());
    socket.end();
  }

  on<E extends StreamEvent>(event: E, listener: StreamEventMap[E]): this {
    (this.listeners[event] as Set<StreamEventMap[E]>).add(listener);
    if (event === 'data') this.updateFlow();
    if (this.terminal && !this.terminalDelivered && this.terminal.kind === event) {
      queueMicrotask(() => this.deliverTerminal());
    }
    return this;
  }

  off<E extends StreamEvent>(event: E, listener: StreamEventMap[E]): this {
    (this.listeners[event] as Set<StreamEventMap[E]>).delete(listener);
    if (event === 'data') this.updateFlow();
    return this;
  }

  /** Reads from the socket exactly while someone listens for data and pause() is not in effect. */
  private updateFlow(): void {
    if (this.closed) return;
    if (this.listeners.data.size > 0 && !this.paused) this.socket.resume();
    else this.socket.pause();
  }

  /** Records the first terminal event and delivers it if a listener is there. */
  private finish(terminal: Terminal): void {
    if (this.terminal || this.ownerClosed) {
      if (!this.socket.destroyed && this.ownerClosed && terminal.kind === 'error') this.socket.destroy();
      return;
    }
    this.terminal = terminal;
    // No half-open connections: once the peer is gone, so is the socket.
    if (!this.socket.destroyed) this.socket.destroy();
    this.deliverTerminal();
  }

  private deliverTerminal(): void {
    const terminal = this.terminal;
    if (!terminal || this.terminalDelivered || this.ownerClosed) return;
    if (terminal.kind === 'end') {
      if (this.listeners.end.size === 0) return;
      this.terminalDelivered = true;
      for (const l of this.listeners.end) l();
    } else {
      if (this.listeners.error.size === 0) return;
      this.terminalDelivered = true;
      for (const l of this.listeners.error) l(terminal.error);
    }
  }
}
