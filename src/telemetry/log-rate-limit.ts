/**
 * Rate limiting of log lines on hot paths, in the manner of Open vSwitch's
 * vlog (VLOG_RATE_LIMIT_INIT(rate, burst) and vlog_should_drop()): each
 * kind of line has a token bucket of 'burst' lines refilled at 'perMinute'
 * lines a minute.  A line that finds the bucket empty is dropped and
 * counted; the next line let through is preceded by one line saying how
 * many were suppressed, over how long, and how recently.  Time comes from
 * the injected Clock (src/clock), so tests drive it with a fake clock.
 *
 * connmgr rate-limits two kinds of event itself (error replies, §9.3, and
 * packet-in overflow, §4.5.2, with its EventRateLimit) and reports their
 * suppressed count in the event; event-log.ts words those with
 * suppressedLine() too.
 */

import type { Clock } from '../clock/clock.js';

/** What admit() says about a line that may be logged. */
export interface Admitted {
  /** Lines dropped since the last one let through (0: none). */
  readonly suppressed: number;
  /** Whole seconds from the first and the last dropped line to now (0 when none were dropped). */
  readonly firstSecondsAgo: number;
  readonly lastSecondsAgo: number;
}

/** Tokens one line costs (vlog's VLOG_MSG_TOKENS): a minute in ms, so that 'perMinute' tokens a ms refill exactly, in integers. */
const TOKENS_PER_LINE = 60_000;

/** One token bucket for one kind of log line. */
export class LogRateLimit {
  private tokens: number;
  private readonly capacity: number;
  private last: number | null = null;
  private dropped = 0;
  private firstDropped = 0;
  private lastDropped = 0;

  /**
   * Lets 'burst' lines through at once and then 'perMinute' a minute, on
   * 'clock'.  Throws RangeError unless both are positive.
   */
  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    burst: number,
  ) {
    if (!(perMinute > 0) || !(burst > 0)) throw new RangeError(`rate limit needs positive rate and burst, not ${perMinute}/${burst}`);
    this.capacity = burst * TOKENS_PER_LINE;
    this.tokens = this.capacity;
  }

  /**
   * Asks to log one line now.  Returns null if it must be dropped (it is
   * counted); otherwise takes a token and returns how many were dropped
   * since the last line let through, and when.
   */
  admit(): Admitted | null {
    const now = this.clock.now();
    if (this.last !== null && now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMinute);
    }
    if (this.last === null || now > this.last) this.last = now;
    if (this.tokens < TOKENS_PER_LINE) {
      if (this.dropped === 0) this.firstDropped = now;
      this.lastDropped = now;
      this.dropped++;
      return null;
    }
    this.tokens -= TOKENS_PER_LINE;
    if (this.dropped === 0) return { suppressed: 0, firstSecondsAgo: 0, lastSecondsAgo: 0 };
    const admitted = {
      suppressed: this.dropped,
      firstSecondsAgo: Math.trunc((now - this.firstDropped) / 1000),
      lastSecondsAgo: Math.trunc((now - this.lastDropped) / 1000),
    };
    this.dropped = 0;
    return admitted;
  }
}

/**
 * The line that precedes a line let through after others were dropped:
 * "N messages suppressed in last S seconds (most recently, T seconds ago)
 * due to excessive rate", after vlog's "Dropped N log messages ..."; with
 * only a count (connmgr's own limits), "N messages suppressed due to
 * excessive rate".
 */
export function suppressedLine(admitted: Admitted | number): string {
  if (typeof admitted === 'number') return `${admitted} messages suppressed due to excessive rate`;
  return (
    `${admitted.suppressed} messages suppressed in last ${admitted.firstSecondsAgo} seconds ` +
    `(most recently, ${admitted.lastSecondsAgo} seconds ago) due to excessive rate`
  );
}
