/**
 * A token bucket on caller-supplied time (Open vSwitch's lib/token-bucket.c,
 * reference §5.2): 'rate' tokens accumulate per millisecond up to 'burst'
 * tokens.  The bucket starts effectively full: it begins empty with a last
 * fill time of minus infinity, so the first withdrawal that finds too few
 * tokens fills it to capacity.  pinsched.ts spends 1000 tokens per packet.
 * Nothing here reads a clock: every call takes 'now' in milliseconds.
 */

/** A token bucket: 'rate' tokens per ms, at most 'burst' tokens. */
export class TokenBucket {
  private tokens = 0;
  private lastFill = -Infinity;

  /** A bucket gaining 'rate' (> 0) tokens per ms, holding at most 'burst'. */
  constructor(
    private rate: number,
    private burst: number,
  ) {}

  /** Tokens per ms. */
  get ratePerMs(): number {
    return this.rate;
  }

  /** Capacity in tokens. */
  get capacity(): number {
    return this.burst;
  }

  /**
   * Changes the rate and capacity; tokens above the new capacity are
   * discarded (OVS's token_bucket_set).
   */
  set(rate: number, burst: number): void {
    this.rate = rate;
    this.burst = burst;
    if (this.tokens > burst) this.tokens = burst;
  }

  /**
   * Removes 'n' tokens at time 'now' if the bucket holds them after
   * refilling for the time since the last refill (refills happen only
   * when the tokens on hand do not suffice, as in OVS); returns true if
   * it did, false (removing nothing) if not.
   */
  withdraw(n: number, now: number): boolean {
    if (this.tokens < n) {
      if (now > this.lastFill) {
        const elapsed = now - this.lastFill;
        this.tokens = Math.min(this.burst, this.tokens + this.rate * elapsed);
        this.lastFill = now;
      }
      if (this.tokens < n) return false;
    }
    this.tokens -= n;
    return true;
  }

  /**
   * The time at which 'n' tokens can be withdrawn: 'now' if they are
   * there already, else the last refill time plus the whole milliseconds
   * still needed, plus one (OVS's token_bucket_wait).
   */
  readyAt(n: number, now: number): number {
    if (this.tokens >= n) return now;
    if (this.lastFill === -Infinity) return now;
    const need = n - this.tokens;
    return this.lastFill + Math.floor(need / this.rate) + 1;
  }
}
