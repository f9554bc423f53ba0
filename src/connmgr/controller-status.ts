/**
 * Controller status (reference §4.12): what ovs-vswitchd writes to each
 * Controller row and `ovs-vsctl list controller` shows: is_connected, the
 * role of the current session, and the status pairs state, last_error,
 * sec_since_connect and sec_since_disconnect.  Built from an ofservice's
 * rconn snapshot (rconn/status.ts); only active services have them, and a
 * passive target is reported disconnected with role and status cleared
 * (§4.12.2).  The packet-in rate-limit keys join when rate limiting exists.
 */

import { roleDatabaseName } from '../openflow/index.js';
import type { RconnStatus } from '../rconn/index.js';
import type { SessionRole } from './roles.js';
import type { ConnectionType } from './settings.js';

/** The status of one configured controller target. */
export interface ControllerStatus {
  readonly target: string;
  readonly kind: 'active' | 'passive';
  readonly connectionType: ConnectionType;
  /** §4.12.1: the rconn is connected (always false for a passive target). */
  readonly isConnected: boolean;
  /** The current session's role; null if not connected or passive. */
  readonly role: SessionRole | null;
  /** §1.1.1 state name; null for a passive target. */
  readonly state: RconnStatus['state'] | null;
  /** Why it last disconnected, in OVS's words ("Connection refused", "End of file"); null if never. */
  readonly lastError: string | null;
  /** Whole seconds since the connection was made / ended; null if never. */
  readonly secSinceConnect: number | null;
  readonly secSinceDisconnect: number | null;
  /** Passive targets: sessions currently accepted; active: 1 while connected, else 0. */
  readonly sessions: number;
}

/** §4.12.1: the status of an active target from its rconn snapshot and current role. */
export function activeControllerStatus(
  target: string,
  connectionType: ConnectionType,
  rconn: RconnStatus,
  role: SessionRole | null,
): ControllerStatus {
  return {
    target,
    kind: 'active',
    connectionType,
    isConnected: rconn.isConnected,
    role: rconn.isConnected ? role : null,
    state: rconn.state,
    lastError: rconn.lastError !== null ? rconn.lastErrorText : null,
    secSinceConnect: rconn.secSinceConnect,
    secSinceDisconnect: rconn.secSinceDisconnect,
    sessions: rconn.isConnected && role !== null ? 1 : 0,
  };
}

/** §4.12.2: a passive target: not connected, no role, no status. */
export function passiveControllerStatus(target: string, connectionType: ConnectionType, sessions: number): ControllerStatus {
  return {
    target,
    kind: 'passive',
    connectionType,
    isConnected: false,
    role: null,
    state: null,
    lastError: null,
    secSinceConnect: null,
    secSinceDisconnect: null,
    sessions,
  };
}

/**
 * The Controller row's 'status' column as ovs-vswitchd writes it: string
 * pairs, each present only when it has a value (§4.12.1).
 */
export function statusPairs(s: ControllerStatus): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.lastError !== null) out['last_error'] = s.lastError;
  if (s.state !== null) out['state'] = s.state;
  if (s.secSinceConnect !== null) out['sec_since_connect'] = String(s.secSinceConnect);
  if (s.secSinceDisconnect !== null) out['sec_since_disconnect'] = String(s.secSinceDisconnect);
  return out;
}

/** The Controller row's 'role' column: other, master or slave (old names, §4.12.2); null when unset. */
export function roleColumn(s: ControllerStatus): 'other' | 'master' | 'slave' | null {
  if (s.role === null) return null;
  const name = roleDatabaseName(s.role);
  return name === 'nochange' ? null : name;
}
