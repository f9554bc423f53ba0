/**
 * Rate limiting for connmgr's chattier events, as Open vSwitch rate-limits
 * the matching log lines (VLOG_RATE_LIMIT_INIT(rate, burst): a token bucket
 * of 'burst' messages refilled at 'rate' messages per minute).  connmgr
 * emits an event only when its limiter allows it and tells the next one
 * how many were suppressed meanwhile, so a telemetry sink can log them as
 * OVS does ("Dropped N log messages in last S seconds").  Time is passed
 * in; nothing here reads a clock.
 */

/** A token bucket for one kind of event. */
export class EventRateLimit {
  private tokens: number;
  private last: number | null = null;
  private dropped = 0;

  /**
   * Allows 'burst' events at once and then 'perMinute' per minute
   * (§9.3: error replies 10 per minute, burst 10; §4.5.2: packet-in
   * overflow 5 per minute).
   */
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /**
   * Returns the number of events suppressed since the last allowed one
   * (0 or more) if an event may be emitted at 'now' (ms), consuming a
   * token; returns null, counting the event as suppressed, if not.
   */
  admit(now: number): number | null {
    if (this.last !== null && now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    }
    if (this.last === null || now > this.last) this.last = now;
    if (this.tokens < 1) {
      this.dropped++;
      return null;
    }
    this.tokens -= 1;
    const suppressed = this.dropped;
    this.dropped = 0;
    return suppressed;
  }
}
