/**
 * A Clock for tests: time stands still until the test moves it with
 * advance(ms), which fires every timer that falls due on the way, in order
 * of due time (ties in the order they were set), with now() reading each
 * timer's due time while it runs.  The test-side twin of src/clock/clock.ts,
 * playing the part of OVS's `ovs-appctl time/warp`.
 */

import type { Clock, TimerHandle } from '../../src/clock/clock.js';

interface PendingTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  /** Starts the clock at 'start' milliseconds. */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer: PendingTimer = { due: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Number of timers set and neither fired nor cancelled. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Due time of the earliest pending timer, or Infinity if none. */
  nextDue(): number {
    return this.earliest()?.due ?? Infinity;
  }

  /**
   * Moves time forward by 'ms' (>= 0), firing each timer due by then in
   * order; timers that fired callbacks set within the window also fire.
   * Throws RangeError for a negative or non-finite step, and Error if more
   * than 'maxFirings' timers fire (a runaway re-arming loop).
   */
  advance(ms: number, maxFirings = 100_000): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance by ${ms} ms`);
    const end = this.current + ms;
    for (let fired = 0; ; fired++) {
      const next = this.earliest();
      if (!next || next.due > end) break;
      if (fired >= maxFirings) throw new Error(`more than ${maxFirings} timers fired in ${ms} ms`);
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = next.due;
      next.fn();
    }
    this.current = end;
  }

  private earliest(): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
