/**
 * The packet-in scheduler (Open vSwitch's ofproto/pinsched.c, reference
 * §5): rate limiting of one kind of packet-in (miss or action, §4.7.1) for
 * one session.  A token bucket (token-bucket.ts; 1000 tokens a packet,
 * refilled at 'rate' tokens per ms, capacity burst*1000) lets packets
 * through at once while it has tokens and nothing is queued; otherwise
 * packets wait in per-input-port queues, at most 'burst' in all, and run()
 * sends them in round-robin order across ports as tokens come in, at most
 * 50 per run.
 *
 * A pure decider: nothing here reads a clock, sets a timer or does I/O.
 * Every call takes 'now' (ms) and returns the packets to send now;
 * nextDeadline() says when run() should be called next.  ofconn.ts owns
 * one scheduler per kind while the session's rate_limit is positive and
 * hands what they release to the rconn's packet-in queue.
 */

import { TokenBucket } from './token-bucket.js';

/** §5.2: tokens one packet costs. */
export const TOKENS_PER_PACKET = 1000;
/** §5.4: the most packets one run() releases. */
export const MAX_PACKETS_PER_RUN = 50;
/** §5.2: the rate pinsched assumes for a rate <= 0 (never reached through connmgr). */
export const DEFAULT_RATE_LIMIT = 1000;

/** §5.6: a scheduler's statistics, named as in the controller status. */
export interface PinschedStats {
  /** Packets queued now (n_queued). */
  readonly backlog: number;
  /** Packets sent at once, never queued (n_normal). */
  readonly bypassed: number;
  /** Packets ever queued (n_limited). */
  readonly queued: number;
  /** Queued packets dropped because the queue was full (n_queue_dropped, <= queued). */
  readonly dropped: number;
}

/** Rate and burst after §5.2's adjustments. */
export interface PinschedLimits {
  /** Packets per second. */
  readonly rateLimit: number;
  /** Packets that may pass at once, and the most that are queued. */
  readonly burstLimit: number;
}

/**
 * Picks an integer uniformly in [0, n) (n >= 1); the scheduler uses it to
 * choose among equally long queues when it must drop (§5.3).
 */
export type RandomRange = (n: number) => number;

/** The default RandomRange, from Math.random. */
export const mathRandomRange: RandomRange = (n) => Math.floor(Math.random() * n);

/**
 * §5.2: 'rateLimit' and 'burstLimit' as the scheduler uses them: a rate
 * <= 0 means 1000; a burst <= 0 means rate / 4 (integer division), and
 * the burst is at least 1.
 */
export function adjustLimits(rateLimit: number, burstLimit: number): PinschedLimits {
  const rate = rateLimit > 0 ? Math.floor(rateLimit) : DEFAULT_RATE_LIMIT;
  let burst = burstLimit > 0 ? Math.floor(burstLimit) : Math.floor(rate / 4);
  if (burst < 1) burst = 1;
  return { rateLimit: rate, burstLimit: burst };
}

/** The packets waiting from one input port, oldest first. */
interface PortQueue<T> {
  readonly port: number;
  readonly packets: T[];
}

/** One packet-in scheduler holding packets of type T. */
export class Pinsched<T> {
  private readonly bucket: TokenBucket;
  private limits: PinschedLimits;
  /** Per-port queues in creation order (the round-robin order); empty queues are removed. */
  private readonly queues: PortQueue<T>[] = [];
  /** The queue to serve next; null: start again from the first. */
  private nextTxq: PortQueue<T> | null = null;
  private nQueued = 0;
  private nNormal = 0;
  private nLimited = 0;
  private nQueueDropped = 0;

  /**
   * A scheduler for 'rateLimit' packets per second with bursts of
   * 'burstLimit' (adjusted as §5.2 says), its bucket full.  'random'
   * chooses among equally long queues when one must lose a packet.
   */
  constructor(rateLimit: number, burstLimit: number, private readonly random: RandomRange = mathRandomRange) {
    this.limits = adjustLimits(rateLimit, burstLimit);
    this.bucket = new TokenBucket(this.limits.rateLimit, this.limits.burstLimit * TOKENS_PER_PACKET);
  }

  /** The limits in force, after adjustment. */
  get currentLimits(): PinschedLimits {
    return this.limits;
  }

  /** §5.6: the statistics since the scheduler was created. */
  get stats(): PinschedStats {
    return { backlog: this.nQueued, bypassed: this.nNormal, queued: this.nLimited, dropped: this.nQueueDropped };
  }

  /** Packets queued now. */
  get backlog(): number {
    return this.nQueued;
  }

  /**
   * §5.3: offers 'packet', received on input port 'port', at time 'now'.
   * Returns [packet] if it may be sent at once (nothing queued and a token
   * available: counted as bypassed); otherwise queues it behind the
   * earlier packets of its port (counted as queued), first dropping the
   * oldest packet of the longest queue if 'burstLimit' packets are
   * queued, and returns [].
   */
  send(port: number, packet: T, now: number): T[] {
    if (this.nQueued === 0 && this.bucket.withdraw(TOKENS_PER_PACKET, now)) {
      this.nNormal++;
      return [packet];
    }
    if (this.nQueued >= this.limits.burstLimit) this.dropPacket();
    let q = this.queues.find((x) => x.port === port);
    if (!q) {
      q = { port, packets: [] };
      this.queues.push(q);
    }
    q.packets.push(packet);
    this.nQueued++;
    this.nLimited++;
    return [];
  }

  /**
   * §5.4: at time 'now', releases queued packets while tokens last, at
   * most MAX_PACKETS_PER_RUN, taking one from each port's queue in turn.
   * Returns them in sending order.
   */
  run(now: number): T[] {
    const out: T[] = [];
    while (this.nQueued > 0 && out.length < MAX_PACKETS_PER_RUN && this.bucket.withdraw(TOKENS_PER_PACKET, now)) {
      out.push(this.txPacket());
    }
    return out;
  }

  /**
   * §5.4: when run() should next be called: null if nothing is queued,
   * 'now' if a token is available already, else the time the next token
   * is due (OVS's pinsched_wait).
   */
  nextDeadline(now: number): number | null {
    if (this.nQueued === 0) return null;
    return this.bucket.readyAt(TOKENS_PER_PACKET, now);
  }

  /**
   * §5.5: changes the limits (adjusted as §5.2), clamps the bucket's
   * tokens to the new capacity, and drops queued packets (as send() does)
   * until at most the new burst limit remain.
   */
  setLimits(rateLimit: number, burstLimit: number): void {
    this.limits = adjustLimits(rateLimit, burstLimit);
    this.bucket.set(this.limits.rateLimit, this.limits.burstLimit * TOKENS_PER_PACKET);
    while (this.nQueued > this.limits.burstLimit) this.dropPacket();
  }

  /** Empties the queues (the packets are discarded); statistics stay. */
  clear(): void {
    this.queues.length = 0;
    this.nextTxq = null;
    this.nQueued = 0;
  }

  /**
   * §5.3: drops the oldest packet of the longest queue, choosing
   * uniformly among equally long ones (reservoir sampling over the
   * queues in order, as OVS does), and removes the queue if it empties.
   */
  private dropPacket(): void {
    this.nQueueDropped++;
    let longest: PortQueue<T> | null = null;
    let nLongest = 0;
    for (const q of this.queues) {
      if (!longest || longest.packets.length < q.packets.length) {
        longest = q;
        nLongest = 1;
      } else if (longest.packets.length === q.packets.length) {
        nLongest++;
        if (this.random(nLongest) === 0) longest = q;
      }
    }
    if (!longest) return;
    longest.packets.shift();
    this.nQueued--;
    if (longest.packets.length === 0) this.destroyQueue(longest);
  }

  /** The next packet in round-robin order; only called while packets are queued. */
  private txPacket(): T {
    if (!this.nextTxq) this.advance();
    const q = this.nextTxq!;
    const packet = q.packets.shift()!;
    this.nQueued--;
    this.advance();
    if (q.packets.length === 0) this.destroyQueue(q);
    return packet;
  }

  /** Moves the round-robin cursor to the queue after the current one (null past the last). */
  private advance(): void {
    if (!this.nextTxq) {
      this.nextTxq = this.queues[0] ?? null;
      return;
    }
    const i = this.queues.indexOf(this.nextTxq);
    this.nextTxq = this.queues[i + 1] ?? null;
  }

  private destroyQueue(q: PortQueue<T>): void {
    if (this.nextTxq === q) {
      this.advance();
      if (this.nextTxq === q) this.nextTxq = null;
    }
    this.queues.splice(this.queues.indexOf(q), 1);
  }
}
