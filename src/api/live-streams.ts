/**
 * The long-lived calls a server holds open (Attach and
 * WatchControllerInfo streams), so that a graceful shutdown can end each
 * with a status before it asks grpc-js to stop: grpc-js's tryShutdown()
 * waits for every open call and never completes while a bidirectional
 * stream stays open.  server.ts owns one; the stream handlers register
 * every call they keep.
 */

import type * as grpc from '@grpc/grpc-js';

/** Ends one registered call with a status. */
export type StreamEnder = (code: grpc.status, details: string) => void;

/** The open streams of one server. */
export class LiveStreams {
  private readonly enders = new Set<StreamEnder>();
  private closed: { readonly code: grpc.status; readonly details: string } | null = null;

  /** True once endAll() was called: new streams are refused. */
  get closing(): boolean {
    return this.closed !== null;
  }

  /** Streams registered and not yet removed. */
  get size(): number {
    return this.enders.size;
  }

  /**
   * Registers a stream by its ender; returns the function that removes it
   * (call it when the stream ends on its own).  After endAll(), the ender
   * is called at once with endAll()'s status instead.
   */
  add(end: StreamEnder): () => void {
    if (this.closed !== null) {
      end(this.closed.code, this.closed.details);
      return () => undefined;
    }
    this.enders.add(end);
    return () => void this.enders.delete(end);
  }

  /** Ends every registered stream with 'code' and 'details', and every later one the same way. */
  endAll(code: grpc.status, details: string): void {
    this.closed = { code, details };
    const all = [...this.enders];
    this.enders.clear();
    for (const end of all) end(code, details);
  }
}
