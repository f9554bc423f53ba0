/**
 * The datapath's asynchronous events on the agent channel: the neutral
 * DatapathEvent of src/connmgr/datapath-port.ts (packet-in, flow removed,
 * port status) as the body of an AgentMessage, and back.  The agent
 * writes them; the service reads them, checks them strictly (an event is
 * encoded for every session that receives it, so a bad one must stop
 * here) and hands them to connmgr.
 */

import type { DatapathEvent, PacketInReason } from '../connmgr/datapath-port.js';
import type { AgentMessage as PbAgentMessage, AgentMessage__Output as PbAgentMessageOut } from '../generated/ofconnmgr/v1/AgentMessage.js';
import type { FlowRemoved__Output as PbFlowRemovedOut } from '../generated/ofconnmgr/v1/FlowRemoved.js';
import type { PacketIn__Output as PbPacketInOut } from '../generated/ofconnmgr/v1/PacketIn.js';
import type { PacketInReason as PbPacketInReason } from '../generated/ofconnmgr/v1/PacketInReason.js';
import type { PortStatus__Output as PbPortStatusOut } from '../generated/ofconnmgr/v1/PortStatus.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { matchFromProto, matchToProto } from './match-field.js';
import { portFromProto, portToProto } from './ports.js';
import { bytesFrom, describe, intInRange, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';

/** Neutral packet-in reasons and the proto enum's names for them. */
const REASONS: Record<PacketInReason, PbPacketInReason> = {
  no_match: 'PACKET_IN_NO_MATCH',
  action: 'PACKET_IN_ACTION',
  invalid_ttl: 'PACKET_IN_INVALID_TTL',
  action_set: 'PACKET_IN_ACTION_SET',
  group: 'PACKET_IN_GROUP',
  packet_out: 'PACKET_IN_PACKET_OUT',
  explicit_miss: 'PACKET_IN_EXPLICIT_MISS',
  implicit_miss: 'PACKET_IN_IMPLICIT_MISS',
};
const REASON_BY_NAME = new Map<unknown, PacketInReason>(
  Object.entries(REASONS).map(([k, v]) => [v, k as PacketInReason]),
);
/** The proto enum's numbers, for a value that arrives as a number. */
const REASON_BY_NUMBER: readonly (PacketInReason | undefined)[] = [undefined, ...Object.keys(REASONS) as PacketInReason[]];

/** The highest OFPPR_* port-status reason (modify). */
const MAX_PORT_REASON = 2;
/** The highest OFPRR_* flow-removed reason (eviction). */
const MAX_FLOW_REMOVED_REASON = 5;

/** Neutral event 'ev' as an AgentMessage (body packet_in, flow_removed or port_status). */
export function eventToProto(ev: DatapathEvent): PbAgentMessage {
  switch (ev.type) {
    case 'packet_in':
      return {
        packet_in: {
          reason: REASONS[ev.reason], table_id: ev.tableId, cookie: uint64ToProto(ev.cookie), metadata: matchToProto(ev.metadata),
          frame: ev.frame, controller_id: ev.controllerId, max_len: ev.maxLen,
        },
      };
    case 'flow_removed':
      return {
        flow_removed: {
          reason: ev.reason, table_id: ev.tableId, priority: ev.priority, cookie: uint64ToProto(ev.cookie), match: matchToProto(ev.match),
          duration_sec: ev.durationSec, duration_nsec: ev.durationNsec, idle_timeout: ev.idleTimeout, hard_timeout: ev.hardTimeout,
          packet_count: uint64ToProto(ev.packetCount), byte_count: uint64ToProto(ev.byteCount),
        },
      };
    case 'port_status':
      return {
        port_status: ev.causedBy === undefined
          ? { reason: ev.reason, port: portToProto(ev.port) }
          : { reason: ev.reason, port: portToProto(ev.port), caused_by_session: ev.causedBy },
      };
  }
}

function reasonFrom(v: unknown, path: string): PacketInReason {
  const r = typeof v === 'number' ? REASON_BY_NUMBER[v] : REASON_BY_NAME.get(v);
  if (r === undefined) {
    throw new AgentWireError(path, v === 'PACKET_IN_REASON_UNSPECIFIED' || v === 0
      ? 'a packet-in needs a reason'
      : `unknown packet-in reason ${describe(v)}`);
  }
  return r;
}

function packetInFrom(p: PbPacketInOut, path: string): DatapathEvent {
  const at = (k: string): string => fieldPath(path, k);
  return {
    type: 'packet_in', reason: reasonFrom(p.reason, at('reason')), tableId: uintFrom(p.table_id, 8, at('table_id')),
    cookie: uint64From(p.cookie, at('cookie')), metadata: matchFromProto(p.metadata, at('metadata')), frame: bytesFrom(p.frame),
    controllerId: uintFrom(p.controller_id, 16, at('controller_id')), maxLen: uintFrom(p.max_len, 16, at('max_len')),
  };
}

function flowRemovedFrom(p: PbFlowRemovedOut, path: string): DatapathEvent {
  const at = (k: string): string => fieldPath(path, k);
  return {
    type: 'flow_removed', reason: intInRange(p.reason, 0, MAX_FLOW_REMOVED_REASON, at('reason'), 'flow-removed reason'),
    tableId: uintFrom(p.table_id, 8, at('table_id')), priority: uintFrom(p.priority, 16, at('priority')),
    cookie: uint64From(p.cookie, at('cookie')), match: matchFromProto(p.match, at('match')),
    durationSec: uintFrom(p.duration_sec, 32, at('duration_sec')), durationNsec: uintFrom(p.duration_nsec, 32, at('duration_nsec')),
    idleTimeout: uintFrom(p.idle_timeout, 16, at('idle_timeout')), hardTimeout: uintFrom(p.hard_timeout, 16, at('hard_timeout')),
    packetCount: uint64From(p.packet_count, at('packet_count')), byteCount: uint64From(p.byte_count, at('byte_count')),
  };
}

function portStatusFrom(p: PbPortStatusOut, path: string): DatapathEvent {
  const at = (k: string): string => fieldPath(path, k);
  const reason = intInRange(p.reason, 0, MAX_PORT_REASON, at('reason'), 'port-status reason (0 add, 1 delete, 2 modify)');
  const port = portFromProto(required(p.port, at('port'), 'the port'), at('port'));
  if (p.caused_by_session === undefined || p.caused_by_session === null) return { type: 'port_status', reason, port };
  return { type: 'port_status', reason, port, causedBy: uintFrom(p.caused_by_session, 32, at('caused_by_session')) };
}

/**
 * The neutral event of AgentMessage 'm'.  Throws AgentWireError (paths
 * from the AgentMessage: "packet_in.metadata[2].field") for a message
 * that is not an event, or an event whose fields do not hold: an unknown
 * reason, a table id, priority, timeout, controller id or max_len beyond
 * its width, a match or port the readers refuse, a port status without
 * its port.
 */
export function eventFromProto(m: PbAgentMessageOut): DatapathEvent {
  switch (m.body) {
    case 'packet_in': return packetInFrom(required(m.packet_in, 'packet_in', 'the packet-in'), 'packet_in');
    case 'flow_removed': return flowRemovedFrom(required(m.flow_removed, 'flow_removed', 'the flow-removed event'), 'flow_removed');
    case 'port_status': return portStatusFrom(required(m.port_status, 'port_status', 'the port status'), 'port_status');
    case undefined: throw new AgentWireError('', 'the message has no body');
    default: throw new AgentWireError(String(m.body), `a ${String(m.body)} message is not an event (packet_in, flow_removed or port_status)`);
  }
}
