/**
 * The backoff rule of a reliable rconn (reference §1.2.3, §1.2.4): how long
 * to wait before the next connection attempt after a disconnection.  A pure
 * function of the current backoff, its maximum and the deadline set when the
 * failed attempt began; fsm.ts calls it and reports what it decided.
 * No jitter: Open vSwitch has none, and the waits are part of the contract.
 */

/** What nextBackoff() decided. */
export interface BackoffStep {
  /** The new backoff, in ms. */
  readonly backoff: number;
  /**
   * 'reset': the session outlived its backoff, start again at 1 s;
   * 'doubled': still climbing (OVS logs "waiting N seconds");
   * 'capped': at the maximum.
   */
  readonly kind: 'reset' | 'doubled' | 'capped';
}

/** The first and smallest wait, in ms. */
export const MIN_BACKOFF_MS = 1000;

/**
 * The backoff after a disconnection at 'now' (ms) given the current
 * 'backoff' and 'maxBackoff' (ms) and 'deadline', the time until which the
 * attempt or session had to survive to earn a reset (attempt start +
 * backoff; +Infinity after a timeout or an open failure, which never reset).
 * At or past the deadline the wait resets to 1 s; below half the maximum it
 * doubles (at least 1 s); otherwise it is the maximum.
 */
export function nextBackoff(now: number, backoff: number, maxBackoff: number, deadline: number): BackoffStep {
  if (now >= deadline) return { backoff: MIN_BACKOFF_MS, kind: 'reset' };
  if (backoff < maxBackoff / 2) return { backoff: Math.max(MIN_BACKOFF_MS, 2 * backoff), kind: 'doubled' };
  return { backoff: maxBackoff, kind: 'capped' };
}
