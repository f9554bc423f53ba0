/**
 * The asynchronous messages a session receives, built from the datapath's
 * neutral events in the session's version and formats (reference §4.7,
 * §4.5.3, §4.5.4, §4.4.5): the packet-in reason mapping of §4.7.1, the
 * standard and NXT packet-in layouts, flow-removed in OF1.0's two flow
 * formats, port status, role status.  Pure functions from events to
 * neutral messages; async-dispatch.ts decides who gets them and ofconn.ts
 * encodes and sends them.
 */

import {
  encode,
  NO_BUFFER,
  NO_COOKIE,
  OFPP_ANY,
  OFPR_ACTION,
  OFPR_NO_MATCH,
  PACKET_IN_FORMAT,
  PACKET_IN_REASON,
  TABLE_UNKNOWN,
  type FlowRemovedMsg,
  type Match,
  type PacketInMsg,
  type Port,
  type PortStatusMsg,
  type RoleStatusMsg,
} from '../openflow/index.js';
import type { DatapathFlowRemoved, DatapathPacketIn, DatapathPortStatus, PacketInReason } from './datapath-port.js';

/** OF1.0 flow format of a session (§4.3.4): OF1.0 matches or NXM. */
export type FlowFormat = 'openflow10' | 'nxm';

/**
 * The bit of 'reason' in a packet-in mask (§4.6: OFPR_* plus OVS's
 * internal EXPLICIT_MISS 6 and IMPLICIT_MISS 7).
 */
export function packetInReasonBit(reason: PacketInReason): number {
  return PACKET_IN_REASON[reason];
}

/**
 * §4.7.1: the wire reason of 'reason' in 'version': a table-miss flow
 * (explicit miss) is ACTION below OF1.3 and NO_MATCH from OF1.3; no match
 * at all (implicit miss) is NO_MATCH; ACTION_SET, GROUP and PACKET_OUT are
 * ACTION below OF1.4; the others are themselves.
 */
export function wirePacketInReason(reason: PacketInReason, version: number): number {
  switch (reason) {
    case 'explicit_miss':
      return version < 4 ? OFPR_ACTION : OFPR_NO_MATCH;
    case 'implicit_miss':
      return OFPR_NO_MATCH;
    case 'action_set':
    case 'group':
    case 'packet_out':
      return version < 5 ? OFPR_ACTION : PACKET_IN_REASON[reason];
    default:
      return PACKET_IN_REASON[reason];
  }
}

/** The in_port of a packet's metadata, or OFPP_ANY (OF1.0's NONE) if it has none. */
export function inPortOf(metadata: Match): number {
  for (const f of metadata) {
    if (f.field === 'in_port' && f.mask === undefined && typeof f.value === 'number') return f.value;
  }
  return OFPP_ANY;
}

/**
 * The packet-in for 'ev' as a session of 'version' with packet-in format
 * 'format' (NXPIF_*: 0 standard, 1 NXT_PACKET_IN) receives it (§4.7.2,
 * §4.7.3): the whole frame, buffer_id NO_BUFFER (§4.7.5), the reason
 * mapped for the version.  The standard form carries what its version
 * can: OF1.0 only in_port (no table, no cookie), OF1.2 no cookie, OF1.3+
 * everything; NXT_PACKET_IN carries everything in any version.
 */
export function packetInMessage(ev: DatapathPacketIn, version: number, format: number): PacketInMsg {
  // Object literals written out in full, one shape for all three forms: this runs for every
  // packet-in, and V8 builds a spread ({ ...base, ... }) far more slowly than a literal.
  const reason = wirePacketInReason(ev.reason, version);
  if (format === PACKET_IN_FORMAT.nxt_packet_in) {
    return {
      type: 'packet_in', version, xid: 0, format: 'nxt', bufferId: NO_BUFFER, totalLen: ev.frame.length, reason,
      tableId: ev.tableId, cookie: ev.cookie, match: ev.metadata, data: ev.frame,
    };
  }
  if (version === 1) {
    return {
      type: 'packet_in', version, xid: 0, format: 'standard', bufferId: NO_BUFFER, totalLen: ev.frame.length, reason,
      tableId: 0, cookie: NO_COOKIE, match: [{ field: 'in_port', value: inPortOf(ev.metadata) }], data: ev.frame,
    };
  }
  return {
    type: 'packet_in', version, xid: 0, format: 'standard', bufferId: NO_BUFFER, totalLen: ev.frame.length, reason,
    tableId: ev.tableId, cookie: version >= 4 ? ev.cookie : NO_COOKIE, match: ev.metadata, data: ev.frame,
  };
}

/**
 * The flow-removed for 'ev' as a session of 'version' receives it
 * (§4.5.4): OF1.0 sessions get NXT_FLOW_REMOVED in the NXM flow format and
 * OFPT_FLOW_REMOVED (no table id, no hard timeout) otherwise; later
 * versions their own OFPT_FLOW_REMOVED.
 */
export function flowRemovedMessage(ev: DatapathFlowRemoved, version: number, flowFormat: FlowFormat): FlowRemovedMsg {
  const of10 = version === 1;
  const nxm = of10 && flowFormat === 'nxm';
  return {
    type: 'flow_removed',
    version,
    xid: 0,
    format: nxm ? 'nxm' : 'standard',
    cookie: ev.cookie,
    priority: ev.priority,
    reason: ev.reason,
    tableId: of10 && !nxm ? TABLE_UNKNOWN : ev.tableId,
    durationSec: ev.durationSec,
    durationNsec: ev.durationNsec,
    idleTimeout: ev.idleTimeout,
    hardTimeout: of10 ? 0 : ev.hardTimeout,
    packetCount: ev.packetCount,
    byteCount: ev.byteCount,
    match: ev.match,
  };
}

/** OFPPS10_ALL: the port state bits OF1.0 has (LINK_DOWN and the STP field). */
const OFPPS10_ALL = 0x301;
/** OFPPS11_ALL: the port state bits OF1.1+ has (LINK_DOWN, BLOCKED, LIVE). */
const OFPPS11_ALL = 0x7;

/**
 * 'port' as a session of 'version' sees it: the state keeps only the bits
 * the version defines, as Open vSwitch encodes it (OFPPS10_ALL,
 * OFPPS11_ALL), so that OF1.1's LIVE never reaches an OF1.0 peer.
 */
export function portForVersion(port: Port, version: number): Port {
  const state = (port.state & (version === 1 ? OFPPS10_ALL : OFPPS11_ALL)) >>> 0;
  return state === port.state ? port : { ...port, state };
}

/** The port status for 'ev' in 'version'. */
export function portStatusMessage(ev: DatapathPortStatus, version: number): PortStatusMsg {
  return { type: 'port_status', version, xid: 0, reason: ev.reason, port: portForVersion(ev.port, version) };
}

/**
 * §4.5.3 (v2.11): true if 'before' and 'after' encode to the same bytes
 * in 'version', so that a session of that version would see no change
 * (e.g. only the OF1.1+ LIVE bit changed and the session speaks OF1.0).
 * Ports that cannot be encoded in 'version' count as different.
 */
export function portsLookAlike(before: Port, after: Port, version: number): boolean {
  try {
    const a = encode({ type: 'port_status', version, xid: 0, reason: 2, port: portForVersion(before, version) });
    const b = encode({ type: 'port_status', version, xid: 0, reason: 2, port: portForVersion(after, version) });
    return a.equals(b);
  } catch {
    return false;
  }
}

/**
 * §4.4.5: the role status telling a session of 'version' that it was
 * demoted to secondary because another session became primary; null for
 * OF1.0-1.2, which have no such message.
 */
export function demotionStatus(version: number, generationId: bigint): RoleStatusMsg | null {
  if (version < 4) return null;
  return { type: 'role_status', version, xid: 0, role: 'secondary', reason: 0, generationId };
}
