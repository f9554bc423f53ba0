/**
 * A snapshot of one rconn for monitoring (reference §1.5.5, §1.4.3): the
 * values connmgr turns into a controller's status (state, last_error,
 * sec_since_connect, sec_since_disconnect, §4.12) and the API reports.
 * Built from the state machine (fsm.ts) plus the send queue and monitor
 * counts that core.ts owns.
 */

import type { ConnectionError } from './errors.js';
import type { RconnStateName } from './events.js';
import type { RconnFsm } from './fsm.js';

export interface RconnStatus {
  /** Name used in events, and what connect() dials ("void" if nothing). */
  readonly name: string;
  readonly target: string;
  /** §1.1.1, verbatim: VOID, BACKOFF, CONNECTING, ACTIVE, IDLE, DISCONNECTED. */
  readonly state: RconnStateName;
  /** ACTIVE or IDLE. */
  readonly isConnected: boolean;
  /** Neither VOID nor DISCONNECTED. */
  readonly isAlive: boolean;
  /** Redials after failures (connect() rather than an accepted connection). */
  readonly isReliable: boolean;
  /** §1.4.3: connected and probably admitted by the peer. */
  readonly isAdmitted: boolean;
  /** Why it last disconnected; null if it never failed or we asked. */
  readonly lastError: ConnectionError | null;
  /** The same in OVS's words ("Connection refused", "End of file"); '' for null. */
  readonly lastErrorText: string;
  /** Whole seconds since the last connection was made / ended; null: never. */
  readonly secSinceConnect: number | null;
  readonly secSinceDisconnect: number | null;
  /** Messages in the send queue. */
  readonly txqlen: number;
  /** Version of the current or last connection; -1 if never connected. */
  readonly version: number;
  /** Current backoff, ms (0 before the first failure). */
  readonly backoffMs: number;
  /** Maximum backoff, seconds. */
  readonly maxBackoff: number;
  /** Inactivity probe interval, seconds (0: off). */
  readonly probeInterval: number;
  /** §1.4.3: 0 if admitted, else whole seconds since last admitted (or since creation). */
  readonly failureDuration: number;
  /** Changes each time the rconn connects or disconnects. */
  readonly seqno: number;
  /** Number of monitors (snoops) attached. */
  readonly monitors: number;
}

function secondsSince(now: number, then: number | null): number | null {
  return then === null ? null : Math.trunc((now - then) / 1000);
}

/** The snapshot of 'fsm' at 'now', with the queue length and monitor count given. */
export function rconnStatus(fsm: RconnFsm, now: number, txqlen: number, monitors: number): RconnStatus {
  return {
    name: fsm.displayName,
    target: fsm.targetName,
    state: fsm.stateName,
    isConnected: fsm.isConnected,
    isAlive: fsm.isAlive,
    isReliable: fsm.isReliable,
    isAdmitted: fsm.isAdmitted,
    lastError: fsm.lastErrorCode,
    lastErrorText: fsm.lastErrorText(),
    secSinceConnect: secondsSince(now, fsm.lastConnectedAt),
    secSinceDisconnect: secondsSince(now, fsm.lastDisconnectedAt),
    txqlen,
    version: fsm.negotiatedVersion,
    backoffMs: fsm.backoffMs,
    maxBackoff: fsm.maxBackoffSeconds,
    probeInterval: fsm.probeIntervalSeconds,
    failureDuration: fsm.failureDuration(now),
    seqno: fsm.connectionSeqno,
    monitors,
  };
}
