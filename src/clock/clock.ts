/**
 * Time for the whole service: one small Clock interface (a monotonic
 * millisecond reading and one-shot timers) and systemClock, its real
 * implementation.  This file is the only place that touches the process
 * clock and setTimeout; every state machine above it (rconn, pinsched,
 * fail-open, ...) takes 'now' as an argument or a Clock as a collaborator,
 * so tests drive them with test/support/fake-clock.ts instead of sleeping.
 */

/** A pending timer; cancel() is idempotent and harmless after it fired. */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /**
   * Milliseconds on a monotonic clock: never goes backwards, unaffected by
   * wall-clock changes.  Only differences between readings mean anything
   * (OVS's time_msec()).
   */
  now(): number;
  /**
   * Calls 'fn' once, no earlier than 'ms' milliseconds from now (negative
   * values count as 0).  Timers due at the same time fire in the order they
   * were set.  'fn' runs from the event loop, never from inside setTimer().
   */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

/** The longest delay Node's setTimeout honours (about 24.8 days). */
const MAX_TIMER_MS = 0x7fffffff;

/**
 * The process clock: whole milliseconds of performance.now() (monotonic,
 * since process start) and setTimeout.  A timer may fire a fraction of a
 * millisecond before now() shows its due time; a driver that finds nothing
 * due simply re-arms.  A delay beyond setTimeout's limit is re-armed in steps, so a
 * timer far in the future still fires at its time rather than at once.
 */
export const systemClock: Clock = {
  now: () => Math.floor(performance.now()),
  setTimer(ms: number, fn: () => void): TimerHandle {
    const due = performance.now() + Math.max(0, ms);
    let handle: NodeJS.Timeout;
    const arm = (): void => {
      const left = due - performance.now();
      if (left > MAX_TIMER_MS) {
        handle = setTimeout(arm, MAX_TIMER_MS);
      } else {
        handle = setTimeout(fn, Math.max(0, left));
      }
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};
