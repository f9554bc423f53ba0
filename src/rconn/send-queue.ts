/**
 * An rconn's send queue (reference §1.5): the messages accepted for sending
 * but not yet taken by the connection, the packet counters that let callers
 * see how much of their traffic is still queued, and the coverage counts
 * OVS keeps (queued, sent, discarded, overflow).  No I/O: frames leave
 * through a FrameSink that the session's channel implements.  core.ts
 * decides when to queue, write and flush; this file only keeps the books.
 */

import type { ConnectionError } from './errors.js';

/** What a sink says about one frame offered to it. */
export type SendResult = 'sent' | 'again' | ConnectionError;

/** The channel queued frames go to. */
export interface FrameSink {
  /**
   * Offers 'frame', one whole OpenFlow message.  Returns:
   *  - 'sent': taken; the sink writes it from now on (nobody modifies it);
   *  - 'again': the channel is backlogged; the frame was not taken and is
   *    offered again later (the owner calls run() when the channel drains);
   *  - a ConnectionError: the channel has failed; the frame was not taken.
   * Must not block, throw, or call back into the rconn.
   */
  trySend(frame: Uint8Array): SendResult;
}

/**
 * Packets and bytes one source (replies, packet-ins, ...) has queued and
 * not yet seen sent or discarded (§1.5.1, §1.5.2).  One counter may serve
 * several rconns; each queued frame keeps its counter alive, so a counter
 * whose owner is gone still drains correctly (§1.5.4).
 */
export class PacketCounter {
  private nPackets = 0;
  private nBytes = 0;

  /** Messages queued and not yet sent or discarded. */
  get packets(): number {
    return this.nPackets;
  }
  /** Their total size in bytes. */
  get bytes(): number {
    return this.nBytes;
  }

  /** Counts one more queued message of 'bytes' bytes. */
  increment(bytes: number): void {
    this.nPackets++;
    this.nBytes += bytes;
  }

  /**
   * Counts one queued message of 'bytes' bytes as gone.  Throws Error if
   * that would make either count negative (a bookkeeping bug).
   */
  decrement(bytes: number): void {
    if (this.nPackets === 0 || this.nBytes < bytes) {
      throw new Error(`packet counter underflow: ${this.nPackets} packets, ${this.nBytes} bytes, minus ${bytes}`);
    }
    this.nPackets--;
    this.nBytes -= bytes;
  }
}

/** OVS's coverage counters for a queue, totals since creation. */
export interface SendQueueStats {
  /** Messages accepted into the queue (rconn_queued). */
  queued: number;
  /** Messages the channel took (rconn_sent). */
  sent: number;
  /** Messages dropped by a flush (rconn_discarded). */
  discarded: number;
  /** Messages refused by sendWithLimit (rconn_overflow). */
  overflow: number;
}

interface QueuedFrame {
  readonly frame: Uint8Array;
  readonly counter: PacketCounter | null;
}

/** A FIFO of frames waiting for the channel. */
export class SendQueue {
  /** Frames in order; those before 'head' are gone. */
  private frames: QueuedFrame[] = [];
  private head = 0;
  readonly stats: SendQueueStats = { queued: 0, sent: 0, discarded: 0, overflow: 0 };

  /** Number of frames waiting (txqlen). */
  get length(): number {
    return this.frames.length - this.head;
  }

  /** Appends 'frame', counting it in 'counter' (if any) until it leaves. */
  enqueue(frame: Uint8Array, counter: PacketCounter | null): void {
    counter?.increment(frame.length);
    this.frames.push({ frame, counter });
    this.stats.queued++;
  }

  /**
   * Offers the oldest frame to 'sink'.  If the sink takes it, the frame
   * leaves the queue and its counter is decremented.  Returns the sink's
   * answer, or 'empty' if nothing is queued.
   */
  offerHead(sink: FrameSink): SendResult | 'empty' {
    if (this.head === this.frames.length) return 'empty';
    const q = this.frames[this.head]!;
    const result = sink.trySend(q.frame);
    if (result === 'sent') {
      this.removeHead();
      q.counter?.decrement(q.frame.length);
      this.stats.sent++;
    }
    return result;
  }

  /** Counts a message refused for being over its limit (§1.5.3). */
  countOverflow(): void {
    this.stats.overflow++;
  }

  /** Drops every frame, decrementing their counters (§1.5.2).  Returns how many. */
  flush(): number {
    const n = this.length;
    for (let i = this.head; i < this.frames.length; i++) {
      const q = this.frames[i]!;
      q.counter?.decrement(q.frame.length);
    }
    this.frames = [];
    this.head = 0;
    this.stats.discarded += n;
    return n;
  }

  private removeHead(): void {
    this.head++;
    if (this.head === this.frames.length) {
      this.frames.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }
}
