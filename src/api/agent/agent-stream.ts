/**
 * One agent's Attach stream as the service sees it: a thin layer over
 * grpc-js's server duplex call that the agent channel (agent-channel.ts)
 * and the Attach handler (attach-handler.ts) drive.  It owns the call's
 * event wiring and says, in terms the channel needs, what grpc-js says:
 * the agent's messages, its going away (half-close, cancel or error, once),
 * the write side's backpressure (write() false after 16 queued messages
 * until 'drain'), and reading paused or resumed (call.pause()/resume(),
 * which lets HTTP/2 flow control push back on the agent).  Ending the
 * stream with a status is idempotent; after it, writes are dropped.
 */

import * as grpc from '@grpc/grpc-js';
import type { AgentMessage__Output } from '../../generated/ofconnmgr/v1/AgentMessage.js';
import type { ServerMessage } from '../../generated/ofconnmgr/v1/ServerMessage.js';

/** The grpc-js call of one Attach. */
export type AttachCall = grpc.ServerDuplexStream<AgentMessage__Output, ServerMessage>;

/** What the owner of a stream hears from it. */
export interface AgentStreamHandlers {
  /** One message of the agent, in order. */
  message(msg: AgentMessage__Output): void;
  /** The agent went away (half-closed, cancelled, or the call failed); called once, never after end(). */
  gone(why: string): void;
  /** The write side drained after write() had returned false. */
  drained(): void;
}

/** An Attach stream. */
export class AgentStream {
  private handlers: AgentStreamHandlers | null = null;
  private congested = false;
  private ended = false;
  private readingPaused = false;
  private readonly endedCallbacks: Array<() => void> = [];
  /** A description of the peer, for messages: its address. */
  readonly peer: string;

  constructor(private readonly call: AttachCall) {
    this.peer = call.getPeer();
    call.on('data', (msg: AgentMessage__Output) => {
      if (!this.ended) this.handlers?.message(msg);
    });
    call.on('end', () => this.goneOnce('the agent closed the stream'));
    call.on('cancelled', () => this.goneOnce('the agent cancelled the stream'));
    call.on('error', (e: Error) => this.goneOnce(`the stream failed: ${e.message}`));
    call.on('close', () => this.goneOnce('the stream closed'));
    call.on('drain', () => {
      if (!this.congested) return;
      this.congested = false;
      if (!this.ended) this.handlers?.drained();
    });
  }

  /** Sets who hears the stream's messages and events (replacing any earlier handlers). */
  setHandlers(handlers: AgentStreamHandlers): void {
    this.handlers = handlers;
  }

  /** True between a write() that returned false and the 'drain' that follows. */
  get isCongested(): boolean {
    return this.congested;
  }

  /** True once end() was called or the agent went away. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Calls 'fn' once the stream has ended, by end() or by the agent going (at once if it has). */
  whenEnded(fn: () => void): void {
    if (this.ended) fn();
    else this.endedCallbacks.push(fn);
  }

  /** True while the agent's messages are not read (pauseReading(true)). */
  get isReadingPaused(): boolean {
    return this.readingPaused;
  }

  /**
   * Writes 'msg' (grpc-js queues it whatever the answer).  Returns false
   * if the stream is congested from now on, until handlers.drained().
   * Nothing is written after the stream ended.
   */
  write(msg: ServerMessage): boolean {
    if (this.ended) return false;
    if (!this.call.write(msg)) this.congested = true;
    return !this.congested;
  }

  /** Stops (true) or resumes reading the agent's messages; HTTP/2 flow control then pushes back on the agent. */
  pauseReading(paused: boolean): void {
    if (paused === this.readingPaused || this.ended) return;
    this.readingPaused = paused;
    if (paused) this.call.pause();
    else this.call.resume();
  }

  /**
   * Ends the stream with status 'code' (OK: a normal end) and 'details',
   * after what was written before.  Idempotent; the handlers hear nothing
   * more.
   */
  end(code: grpc.status, details: string): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers = null;
    if (this.readingPaused) this.call.resume();
    if (code === grpc.status.OK) this.call.end();
    else this.call.emit('error', { code, details });
    this.runEnded();
  }

  private goneOnce(why: string): void {
    if (this.ended) return;
    this.ended = true;
    const h = this.handlers;
    this.handlers = null;
    h?.gone(why);
    // A half-closed stream is finished from our side too.
    this.call.end();
    this.runEnded();
  }

  private runEnded(): void {
    for (const fn of this.endedCallbacks.splice(0)) fn();
  }
}
