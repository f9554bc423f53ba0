/**
 * How long the agent waits before it opens the Attach stream again: 1 s
 * after the first failure, doubling up to 8 s while attempts keep failing,
 * and back to 1 s once an attempt got as far as an arbitration (the
 * service answered our hello).  No jitter: one agent per bridge, and the
 * waits are what the agent prints ("retrying in N s").  A pure counter;
 * agent-client.ts arms the timer on its clock.
 */

/** The first and smallest wait, in ms. */
export const FIRST_RETRY_MS = 1000;
/** The largest wait, in ms. */
export const MAX_RETRY_MS = 8000;

export class ReconnectBackoff {
  private nextMs: number;

  constructor(
    private readonly firstMs = FIRST_RETRY_MS,
    private readonly maxMs = MAX_RETRY_MS,
  ) {
    this.nextMs = firstMs;
  }

  /** The wait before the next attempt, in ms; each call doubles the one after (up to the maximum). */
  next(): number {
    const wait = this.nextMs;
    this.nextMs = Math.min(this.maxMs, wait * 2);
    return wait;
  }

  /** After a successful attach: the next wait is the first one again. */
  reset(): void {
    this.nextMs = this.firstMs;
  }
}
