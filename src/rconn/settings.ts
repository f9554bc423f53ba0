/**
 * The two timing settings of an rconn, their defaults and how configured
 * values map onto them: the inactivity probe interval (reference §1.3.1,
 * §1.3.7) and the maximum backoff (§1.2.6).  The state machine (fsm.ts)
 * applies the normalisations; connmgr and the API use the config mappings
 * to turn the Controller settings (milliseconds) into rconn seconds.
 */

/** Seconds of backoff used when none is configured (§1.2.6). */
export const DEFAULT_MAX_BACKOFF_S = 8;
/** Seconds of inactivity before a probe when none is configured (§1.3.7). */
export const DEFAULT_PROBE_INTERVAL_S = 5;
/** The smallest nonzero probe interval, in seconds (§1.3.1). */
export const MIN_PROBE_INTERVAL_S = 5;

/** §1.3.1: 0 stays 0 (probing off); any other value is raised to at least 5 seconds. */
export function normalizeProbeInterval(seconds: number): number {
  return seconds === 0 ? 0 : Math.max(MIN_PROBE_INTERVAL_S, seconds);
}

/** §1.2.6: the maximum backoff an rconn is created with, in ms; 0 means the default 8 s. */
export function initialMaxBackoffMs(seconds: number): number {
  return seconds === 0 ? DEFAULT_MAX_BACKOFF_S * 1000 : seconds * 1000;
}

/** §1.2.6: the maximum backoff a later change sets, in ms: at least 1 s. */
export function changedMaxBackoffMs(seconds: number): number {
  return Math.max(1, seconds) * 1000;
}

/**
 * §1.3.7: the probe interval, in seconds, for a Controller's
 * inactivity_probe setting in ms: unset 5 s, 0 off, 1..999 ms 1 s (which
 * the rconn raises to 5), otherwise whole seconds (ms / 1000, truncated).
 */
export function probeIntervalFromConfigMs(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_PROBE_INTERVAL_S;
  if (ms === 0) return 0;
  if (ms < 1000) return 1;
  return Math.trunc(ms / 1000);
}

/**
 * §1.2.6: the maximum backoff, in seconds, for a Controller's max_backoff
 * setting in ms: unset 8 s, otherwise whole seconds (ms / 1000, truncated).
 * The setting's minimum of 1000 ms is for the API to enforce; a smaller
 * value gives 0 here, which changedMaxBackoffMs() raises to 1 s.
 */
export function maxBackoffFromConfigMs(ms: number | undefined): number {
  return ms === undefined ? DEFAULT_MAX_BACKOFF_S : Math.trunc(ms / 1000);
}
