/**
 * Who receives which asynchronous message (reference §4.5): the common
 * gate of §4.5.1 and the extra rules of packet-ins (controller id,
 * §4.5.2), port status (the session that caused it, identical encodings,
 * §4.5.3) and flow-removed (§4.5.4).  Pure predicates over a read-only
 * view of a session; connmgr.ts asks them for every session, and ofconn.ts
 * encodes (async-encoding.ts) and sends to those that say yes.  Role
 * status (§4.4.5) is not gated and is not here.
 */

import { asyncWants, type AsyncConfig, type Port } from '../openflow/index.js';
import { packetInReasonBit, portsLookAlike } from './async-encoding.js';
import type { DatapathFlowRemoved, DatapathPacketIn, DatapathPortStatus } from './datapath-port.js';
import type { SessionRole } from './roles.js';
import type { ConnectionType } from './settings.js';

/** What the gate needs to know about one session. */
export interface AsyncRecipient {
  /** connmgr's number for the session (DatapathPortStatus.causedBy names it). */
  readonly id: number;
  /** The rconn is connected (ACTIVE or IDLE). */
  readonly isConnected: boolean;
  /** The negotiated version; undefined while the HELLO exchange is not done (protocol unknown). */
  readonly version: number | undefined;
  readonly connectionType: ConnectionType;
  readonly missSendLen: number;
  readonly role: SessionRole;
  /** The effective configuration (effectiveAsyncConfig: explicit, default or all-zero). */
  readonly asyncConfig: AsyncConfig;
  readonly controllerId: number;
}

/**
 * §4.5.1, first half: 's' may receive asynchronous messages at all: it is
 * connected, its protocol is known, and it is not a service session with
 * miss_send_len 0.
 */
export function asyncGateOpen(s: AsyncRecipient): boolean {
  if (!s.isConnected || s.version === undefined) return false;
  return !(s.connectionType === 'service' && s.missSendLen === 0);
}

/**
 * §4.5.1-4.5.2: 's' receives packet-in 'ev': the gate is open, the mask of
 * its role has the (internal) reason's bit, and its controller id is the
 * packet-in's.
 */
export function wantsPacketIn(s: AsyncRecipient, ev: DatapathPacketIn): boolean {
  return asyncGateOpen(s) && s.controllerId === ev.controllerId &&
    asyncWants(s.asyncConfig, s.role, 'packet_in', packetInReasonBit(ev.reason));
}

/**
 * §4.5.1, §4.5.3: 's' receives port status 'ev': the gate and mask allow
 * it; it did not cause the change with a PORT_MOD, unless it speaks
 * OF1.5+; and, for MODIFY, the port as 's' would see it actually changed
 * ('before' is the port as last reported, if known).
 */
export function wantsPortStatus(s: AsyncRecipient, ev: DatapathPortStatus, before: Port | undefined): boolean {
  if (!asyncGateOpen(s) || !asyncWants(s.asyncConfig, s.role, 'port_status', ev.reason)) return false;
  if (ev.causedBy === s.id && s.version! < 6) return false;
  if (ev.reason === 2 && before !== undefined && portsLookAlike(before, ev.port, s.version!)) return false;
  return true;
}

/** §4.5.1, §4.5.4: 's' receives flow-removed 'ev': the gate and the mask of its role allow it. */
export function wantsFlowRemoved(s: AsyncRecipient, ev: DatapathFlowRemoved): boolean {
  return asyncGateOpen(s) && asyncWants(s.asyncConfig, s.role, 'flow_removed', ev.reason);
}
