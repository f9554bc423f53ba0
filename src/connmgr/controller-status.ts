/**
 * Controller status (reference §4.12): what ovs-vswitchd writes to each
 * Controller row and `ovs-vsctl list controller` shows: is_connected, the
 * role of the current session, and the status pairs state, last_error,
 * sec_since_connect and sec_since_disconnect.  Built from an ofservice's
 * rconn snapshot (rconn/status.ts); only active services have them, and a
 * passive target is reported disconnected with role and status cleared
 * (§4.12.2).  While rate limiting is on and the target is connected, the
 * packet-in scheduler statistics (packet-in-schedulers.ts, §5.6) join as the
 * packet-in-{miss,action}-{backlog,bypassed,queued,dropped} pairs.
 */

import { roleDatabaseName } from '../openflow/index.js';
import type { RconnStatus } from '../rconn/index.js';
import type { PacketInSchedulerStats } from './packet-in-schedulers.js';
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
  /** §4.12.1: the packet-in schedulers' statistics; null unless rate limiting is on and connected. */
  readonly packetIn: PacketInSchedulerStats | null;
}

/**
 * §4.12.1: the status of an active target from its rconn snapshot, current
 * role and, while rate limiting is on, its session's scheduler statistics
 * (dropped unless connected).
 */
export function activeControllerStatus(
  target: string,
  connectionType: ConnectionType,
  rconn: RconnStatus,
  role: SessionRole | null,
  packetIn: PacketInSchedulerStats | null = null,
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
    packetIn: rconn.isConnected ? packetIn : null,
  };
}

/**
 * §4.12.2: a passive target: not connected, no role, no status, except,
 * beyond Open vSwitch, 'listenError' as last_error when it could not
 * listen.
 */
export function passiveControllerStatus(target: string, connectionType: ConnectionType, sessions: number, listenError: string | null = null): ControllerStatus {
  return {
    target,
    kind: 'passive',
    connectionType,
    isConnected: false,
    role: null,
    state: null,
    lastError: listenError,
    secSinceConnect: null,
    secSinceDisconnect: null,
    sessions,
    packetIn: null,
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
  if (s.packetIn) {
    for (const kind of ['action', 'miss'] as const) {
      const st = s.packetIn[kind];
      out[`packet-in-${kind}-backlog`] = String(st.backlog);
      out[`packet-in-${kind}-bypassed`] = String(st.bypassed);
      out[`packet-in-${kind}-queued`] = String(st.queued);
      out[`packet-in-${kind}-dropped`] = String(st.dropped);
    }
  }
  return out;
}

/** The Controller row's 'role' column: other, master or slave (old names, §4.12.2); null when unset. */
export function roleColumn(s: ControllerStatus): 'other' | 'master' | 'slave' | null {
  if (s.role === null) return null;
  const name = roleDatabaseName(s.role);
  return name === 'nochange' ? null : name;
}
