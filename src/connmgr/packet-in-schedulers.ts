/**
 * A session's pair of packet-in schedulers (reference §5.1, §4.5.2): the
 * "miss" and "action" Pinsched (src/pinsched) that exist while the
 * session's rate_limit is positive, the choice between them by the
 * packet-in's internal reason (§4.7.1), and the timer on the injected clock
 * that drains them (at most 50 packets each per run, §5.4) when the next
 * token is due.  ofconn.ts owns one per session and gives it the encoded
 * packet-ins; what the schedulers release goes to the 'deliver' callback
 * (the rconn's packet-in queue with its limit, §5.7).
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import { mathRandomRange, Pinsched, type PinschedStats, type RandomRange } from '../pinsched/index.js';
import type { PacketInReason } from './datapath-port.js';

/** §4.12.1: the statistics of both schedulers, as the controller status reports them. */
export interface PacketInSchedulerStats {
  readonly miss: PinschedStats;
  readonly action: PinschedStats;
}

/** §4.7.1: the reasons that use the miss scheduler; every other reason uses the action scheduler. */
export function isMissReason(reason: PacketInReason): boolean {
  return reason === 'no_match' || reason === 'explicit_miss' || reason === 'implicit_miss';
}

/** The packet-in schedulers of one session. */
export class PacketInSchedulers {
  private miss: Pinsched<Uint8Array> | null = null;
  private action: Pinsched<Uint8Array> | null = null;
  private timer: TimerHandle | null = null;
  private timerDue = Infinity;

  /**
   * No schedulers until setLimits() gives a positive rate.  'deliver'
   * receives each packet-in frame that may go out now; 'random' chooses
   * among equally long queues when one must drop (§5.3); 'dropped' hears
   * how many queued packet-ins a scheduler dropped to make room (§5.3,
   * §5.5), for the bridge's counters.
   */
  constructor(
    private readonly clock: Clock,
    private readonly deliver: (frame: Uint8Array) => void,
    private readonly random: RandomRange = mathRandomRange,
    private readonly dropped: (n: number) => void = () => undefined,
  ) {}

  /** True while rate limiting is on (the schedulers exist). */
  get enabled(): boolean {
    return this.miss !== null;
  }

  /** The statistics of both schedulers, or null while rate limiting is off. */
  get stats(): PacketInSchedulerStats | null {
    if (!this.miss || !this.action) return null;
    return { miss: this.miss.stats, action: this.action.stats };
  }

  /** Packets held in both schedulers (§4.12.3). */
  get backlog(): number {
    return (this.miss?.backlog ?? 0) + (this.action?.backlog ?? 0);
  }

  /**
   * §5.1, §5.5: with 'rateLimit' > 0, creates the schedulers (fresh
   * statistics) or changes their limits (dropping what no longer fits);
   * with 0 or less, destroys them with their queued packets and
   * statistics.
   */
  setLimits(rateLimit: number, burstLimit: number): void {
    if (rateLimit <= 0) {
      this.destroy();
      return;
    }
    if (this.miss && this.action) {
      const before = this.backlog;
      this.miss.setLimits(rateLimit, burstLimit);
      this.action.setLimits(rateLimit, burstLimit);
      if (this.backlog < before) this.dropped(before - this.backlog);
    } else {
      this.miss = new Pinsched(rateLimit, burstLimit, this.random);
      this.action = new Pinsched(rateLimit, burstLimit, this.random);
    }
    this.arm();
  }

  /**
   * §5.3: offers packet-in 'frame' for input port 'inPort' with internal
   * reason 'reason'.  Without schedulers it is delivered at once; else the
   * reason's scheduler delivers it now or queues it (perhaps dropping an
   * older one) for the timer to drain.
   */
  send(reason: PacketInReason, inPort: number, frame: Uint8Array): void {
    const ps = isMissReason(reason) ? this.miss : this.action;
    if (!ps) {
      this.deliver(frame);
      return;
    }
    const before = ps.backlog;
    const released = ps.send(inPort, frame, this.clock.now());
    // Queued without growing the queue: an older packet-in made room (§5.3).
    if (released.length === 0 && ps.backlog === before) this.dropped(1);
    for (const f of released) this.deliver(f);
    this.arm();
  }

  /** Cancels the timer and drops the schedulers with everything queued.  Idempotent. */
  destroy(): void {
    this.timer?.cancel();
    this.timer = null;
    this.timerDue = Infinity;
    this.miss = null;
    this.action = null;
  }

  /** §5.4: one run: each scheduler, miss first, releases up to 50 packets. */
  private run(): void {
    const now = this.clock.now();
    for (const ps of [this.miss, this.action]) {
      if (!ps) continue;
      for (const f of ps.run(now)) this.deliver(f);
    }
    this.arm();
  }

  /** Sets the timer for the earlier of the two schedulers' next deadlines (none if nothing is queued). */
  private arm(): void {
    const now = this.clock.now();
    let due = Infinity;
    for (const ps of [this.miss, this.action]) {
      const d = ps?.nextDeadline(now);
      if (d !== undefined && d !== null && d < due) due = d;
    }
    if (due === this.timerDue && this.timer) return;
    this.timer?.cancel();
    this.timer = null;
    this.timerDue = due;
    if (due === Infinity) return;
    this.timer = this.clock.setTimer(due - now, () => {
      this.timer = null;
      this.timerDue = Infinity;
      this.run();
    });
  }
}
