/**
 * Datapath messages on the agent channel: the neutral messages the proto's
 * DatapathMessage models (FLOW_MOD, PACKET_OUT, PORT_MOD, TABLE_MOD,
 * GROUP_MOD, METER_MOD, BARRIER and statistics requests of the modelled
 * kinds; BARRIER and statistics replies) and the choice, per direction, of
 * what travels in that structured form (multipart-request.ts and
 * multipart-reply.ts hold the statistics).
 * requests.ts and replies.ts send everything else raw (raw-openflow.ts).
 *
 * DatapathMessage has no version or transaction id: a request takes both
 * from its RequestOrigin, a reply from the request it answers (the service
 * re-stamps replies anyway), so the readers here are given them.
 *
 * FlowMod flags: the proto gives OpenFlow 1.0's EMERG as 0x8000 where the
 * neutral flow mod has FLOW_MOD_EMERG (0x10000); the two bits trade
 * places, so that the OpenFlow 1.1+ wire bit 0x8000, which no version
 * defines but a controller may still send, travels as 0x10000 and reaches
 * the datapath as the unknown flag it is.
 */

import { FLOW_MOD_EMERG, type FlowModCommand, type FlowModMsg } from '../openflow/flow-mod.js';
import type { OfpMessage } from '../openflow/ofp-message.js';
import type { PacketOutMsg } from '../openflow/packet-out.js';
import type { PortModMsg } from '../openflow/port.js';
import type { TableModMsg } from '../openflow/table-mod.js';
import type {
  DatapathMessage as PbDatapathMessage, DatapathMessage__Output as PbDatapathMessageOut,
} from '../generated/ofconnmgr/v1/DatapathMessage.js';
import type { FlowMod as PbFlowMod, FlowMod__Output as PbFlowModOut } from '../generated/ofconnmgr/v1/FlowMod.js';
import type { FlowModCommand as PbFlowModCommand } from '../generated/ofconnmgr/v1/FlowModCommand.js';
import type { PacketOut as PbPacketOut, PacketOut__Output as PbPacketOutOut } from '../generated/ofconnmgr/v1/PacketOut.js';
import type { PortMod as PbPortMod, PortMod__Output as PbPortModOut } from '../generated/ofconnmgr/v1/PortMod.js';
import type { TableMod as PbTableMod, TableMod__Output as PbTableModOut } from '../generated/ofconnmgr/v1/TableMod.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { actionsFromProto, actionsToProto } from './actions.js';
import { groupModFromProto, groupModToProto } from './group-mod.js';
import { instructionsFromProto, instructionsToProto } from './instructions.js';
import { matchFromProto, matchToProto } from './match-field.js';
import { meterModFromProto, meterModToProto } from './meter-mod.js';
import { multipartReplyFromProto, multipartReplyToProto } from './multipart-reply.js';
import { multipartRequestFromProto, multipartRequestToProto } from './multipart-request.js';
import { bytesCopy, bytesFrom, checkProperties, describe, macFrom, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';

/** Which way a message travels: a controller's request to the agent, or the agent's reply. */
export type Direction = 'request' | 'reply';

/** The version and transaction id a structured message is given on reading. */
export interface MessageStamp {
  readonly version: number;
  readonly xid: number;
}

/* ---------------------------------------------------------------------- */
/* FLOW_MOD.                                                               */

const COMMAND_NAMES = ['add', 'modify', 'modify_strict', 'delete', 'delete_strict'] as const;
const PB_COMMANDS: readonly string[] = ['FLOW_MOD_ADD', 'FLOW_MOD_MODIFY', 'FLOW_MOD_MODIFY_STRICT', 'FLOW_MOD_DELETE', 'FLOW_MOD_DELETE_STRICT'];

/** The proto's EMERG bit and where the neutral wire bit 15 goes instead. */
const PB_EMERG = 0x8000;
const PB_WIRE_BIT15 = 0x10000;
const WIRE_BIT15 = 0x8000;
/** Every flag bit either side can hold. */
const ALL_FLAGS = 0x1ffff;

/** Neutral flow mod flags as the proto's (EMERG and wire bit 15 trade places). */
function flagsToProto(f: number): number {
  return (f & ~(FLOW_MOD_EMERG | WIRE_BIT15)) | (f & FLOW_MOD_EMERG ? PB_EMERG : 0) | (f & WIRE_BIT15 ? PB_WIRE_BIT15 : 0);
}

/** Proto flow mod flags at 'path' as the neutral ones. */
function flagsFromProto(v: unknown, path: string): number {
  const f = uintFrom(v, 32, path);
  if (f & ~ALL_FLAGS) {
    throw new AgentWireError(path, `0x${f.toString(16)} has bits no flow mod flag uses (OFPFF_* bits up to 0xffff, 0x8000 for OpenFlow 1.0's EMERG)`);
  }
  return (f & ~(PB_EMERG | PB_WIRE_BIT15)) | (f & PB_EMERG ? FLOW_MOD_EMERG : 0) | (f & PB_WIRE_BIT15 ? WIRE_BIT15 : 0);
}

/** A neutral flow mod command as the proto enum (a wire number OpenFlow does not name stays a number). */
function commandToProto(c: FlowModCommand): PbFlowModCommand {
  return (typeof c === 'number' ? c : PB_COMMANDS[COMMAND_NAMES.indexOf(c)]) as PbFlowModCommand;
}

/** The neutral command of proto enum value 'v' (its name, or an unnamed number of 8 bits). */
function commandFromProto(v: unknown, path: string): FlowModCommand {
  const n = typeof v === 'string' ? PB_COMMANDS.indexOf(v) : uintFrom(v, 8, path);
  if (n < 0) throw new AgentWireError(path, `unknown flow mod command ${describe(v)}`);
  return COMMAND_NAMES[n] ?? n;
}

/** A neutral FLOW_MOD as a proto FlowMod. */
export function flowModToProto(m: FlowModMsg): PbFlowMod {
  return {
    command: commandToProto(m.command), cookie: uint64ToProto(m.cookie), cookie_mask: uint64ToProto(m.cookieMask), table_id: m.tableId,
    idle_timeout: m.idleTimeout, hard_timeout: m.hardTimeout, priority: m.priority, buffer_id: m.bufferId, out_port: m.outPort,
    out_group: m.outGroup, flags: flagsToProto(m.flags), importance: m.importance, match: matchToProto(m.match),
    instructions: instructionsToProto(m.instructions), nxm: m.format === 'nxm',
  };
}

/**
 * The neutral FLOW_MOD of proto 'p' at 'path', stamped with 's'.  Throws
 * AgentWireError for an unknown command, a table id, timeout, priority or
 * importance beyond its width, flags no flow mod has, or a match or
 * instruction match-field.ts or instructions.ts refuses.
 */
export function flowModFromProto(p: PbFlowModOut, path: string, s: MessageStamp): FlowModMsg {
  const at = (k: string): string => fieldPath(path, k);
  return {
    type: 'flow_mod', version: s.version, xid: s.xid, format: p.nxm ? 'nxm' : 'standard',
    cookie: uint64From(p.cookie, at('cookie')), cookieMask: uint64From(p.cookie_mask, at('cookie_mask')),
    tableId: uintFrom(p.table_id, 8, at('table_id')), command: commandFromProto(p.command, at('command')),
    idleTimeout: uintFrom(p.idle_timeout, 16, at('idle_timeout')), hardTimeout: uintFrom(p.hard_timeout, 16, at('hard_timeout')),
    priority: uintFrom(p.priority, 16, at('priority')), bufferId: uintFrom(p.buffer_id, 32, at('buffer_id')),
    outPort: uintFrom(p.out_port, 32, at('out_port')), outGroup: uintFrom(p.out_group, 32, at('out_group')),
    flags: flagsFromProto(p.flags, at('flags')), importance: uintFrom(p.importance, 16, at('importance')),
    match: matchFromProto(p.match, at('match')), instructions: instructionsFromProto(p.instructions, at('instructions')),
  };
}

/* ---------------------------------------------------------------------- */
/* PACKET_OUT, PORT_MOD, TABLE_MOD.                                        */

/** A neutral PACKET_OUT as a proto PacketOut. */
export function packetOutToProto(m: PacketOutMsg): PbPacketOut {
  return { buffer_id: m.bufferId, in_port: m.inPort, metadata: matchToProto(m.metadata), actions: actionsToProto(m.actions), data: m.data };
}

/**
 * The neutral PACKET_OUT of proto 'p' at 'path', stamped with 's'.  Throws
 * AgentWireError for metadata match-field.ts refuses or that names in_port
 * (which has a field of its own), or an action actions.ts refuses.
 */
export function packetOutFromProto(p: PbPacketOutOut, path: string, s: MessageStamp): PacketOutMsg {
  const metadata = matchFromProto(p.metadata, fieldPath(path, 'metadata'));
  const inPortAt = metadata.findIndex((f) => f.field === 'in_port');
  if (inPortAt >= 0) throw new AgentWireError(`${fieldPath(path, 'metadata')}[${inPortAt}].field`, 'in_port goes in the in_port field, not in metadata');
  return {
    type: 'packet_out', version: s.version, xid: s.xid, bufferId: uintFrom(p.buffer_id, 32, fieldPath(path, 'buffer_id')),
    inPort: uintFrom(p.in_port, 32, fieldPath(path, 'in_port')), metadata, actions: actionsFromProto(p.actions, fieldPath(path, 'actions')),
    data: bytesFrom(p.data),
  };
}

/** A neutral PORT_MOD as a proto PortMod. */
export function portModToProto(m: PortModMsg): PbPortMod {
  return {
    port_no: m.portNo, hw_addr: m.hwAddr, config: m.config, mask: m.mask, advertise: m.advertise,
    extra_properties: m.extraProperties ?? new Uint8Array(0),
  };
}

/**
 * The neutral PORT_MOD of proto 'p' at 'path', stamped with 's'.  Throws
 * AgentWireError for a hardware address that is not an Ethernet address or
 * extra properties that are not a property list (empty ones are left out).
 */
export function portModFromProto(p: PbPortModOut, path: string, s: MessageStamp): PortModMsg {
  const at = (k: string): string => fieldPath(path, k);
  const m: PortModMsg = {
    type: 'port_mod', version: s.version, xid: s.xid, portNo: uintFrom(p.port_no, 32, at('port_no')), hwAddr: macFrom(p.hw_addr, at('hw_addr')),
    config: uintFrom(p.config, 32, at('config')), mask: uintFrom(p.mask, 32, at('mask')), advertise: uintFrom(p.advertise, 32, at('advertise')),
  };
  const extra = bytesCopy(p.extra_properties);
  if (extra.length === 0) return m;
  checkProperties(extra, at('extra_properties'));
  return { ...m, extraProperties: extra };
}

/** A neutral TABLE_MOD as a proto TableMod. */
export function tableModToProto(m: TableModMsg): PbTableMod {
  return { table_id: m.tableId, config: m.config, properties: m.properties };
}

/** The neutral TABLE_MOD of proto 'p' at 'path', stamped with 's'; AgentWireError for a table id beyond 8 bits or a bad property list. */
export function tableModFromProto(p: PbTableModOut, path: string, s: MessageStamp): TableModMsg {
  const properties = bytesCopy(p.properties);
  checkProperties(properties, fieldPath(path, 'properties'));
  return {
    type: 'table_mod', version: s.version, xid: s.xid, tableId: uintFrom(p.table_id, 8, fieldPath(path, 'table_id')),
    config: uintFrom(p.config, 32, fieldPath(path, 'config')), properties,
  };
}

/* ---------------------------------------------------------------------- */
/* DatapathMessage.                                                        */

/**
 * 'm' as a proto DatapathMessage if the proto models it in 'direction',
 * else undefined: it then travels raw.  Requests: FLOW_MOD, PACKET_OUT,
 * PORT_MOD, TABLE_MOD, GROUP_MOD, METER_MOD, BARRIER_REQUEST and
 * MULTIPART_REQUEST.  Replies: BARRIER_REPLY and MULTIPART_REPLY.  (A
 * statistics kind the codec does not model is an 'unmodelled' message,
 * which travels raw.)
 */
export function datapathMessageToProto(m: OfpMessage, direction: Direction): PbDatapathMessage | undefined {
  if (direction === 'reply') {
    if (m.type === 'barrier_reply') return { barrier: {} };
    return m.type === 'multipart_reply' ? { multipart_reply: multipartReplyToProto(m) } : undefined;
  }
  switch (m.type) {
    case 'flow_mod': return { flow_mod: flowModToProto(m) };
    case 'packet_out': return { packet_out: packetOutToProto(m) };
    case 'port_mod': return { port_mod: portModToProto(m) };
    case 'table_mod': return { table_mod: tableModToProto(m) };
    case 'group_mod': return { group_mod: groupModToProto(m) };
    case 'meter_mod': return { meter_mod: meterModToProto(m) };
    case 'barrier_request': return { barrier: {} };
    case 'multipart_request': return { multipart_request: multipartRequestToProto(m) };
    default: return undefined;
  }
}

/** The cases of DatapathMessage that a 'direction' message may take. */
const CASES: Record<Direction, readonly string[]> = {
  request: ['flow_mod', 'packet_out', 'port_mod', 'table_mod', 'group_mod', 'meter_mod', 'barrier', 'multipart_request'],
  reply: ['barrier', 'multipart_reply'],
};

/**
 * The neutral message of proto 'p' at 'path', travelling in 'direction',
 * stamped with 's'.  Throws AgentWireError for a message with no case set,
 * a case that does not travel in 'direction' (a flow mod in a reply), or
 * a body the case's reader refuses.
 */
export function datapathMessageFromProto(p: PbDatapathMessageOut, path: string, direction: Direction, s: MessageStamp): OfpMessage {
  const body = p.body;
  if (body === undefined) throw new AgentWireError(path, 'no datapath message given (none of the DatapathMessage cases is set)');
  if (!CASES[direction].includes(body)) {
    throw new AgentWireError(fieldPath(path, body), `a ${body} message cannot be ${direction === 'reply' ? 'a reply' : 'a request'}`);
  }
  const at = fieldPath(path, body);
  switch (body) {
    case 'flow_mod': return flowModFromProto(required(p.flow_mod, at, 'the flow mod'), at, s);
    case 'packet_out': return packetOutFromProto(required(p.packet_out, at, 'the packet out'), at, s);
    case 'port_mod': return portModFromProto(required(p.port_mod, at, 'the port mod'), at, s);
    case 'table_mod': return tableModFromProto(required(p.table_mod, at, 'the table mod'), at, s);
    case 'group_mod': return groupModFromProto(required(p.group_mod, at, 'the group mod'), at, s.version, s.xid);
    case 'meter_mod': return meterModFromProto(required(p.meter_mod, at, 'the meter mod'), at, s.version, s.xid);
    case 'multipart_request': return multipartRequestFromProto(required(p.multipart_request, at, 'the statistics request'), at, s);
    case 'multipart_reply': return multipartReplyFromProto(required(p.multipart_reply, at, 'the statistics reply'), at, s);
    case 'barrier':
      return direction === 'request'
        ? { type: 'barrier_request', version: s.version, xid: s.xid }
        : { type: 'barrier_reply', version: s.version, xid: s.xid };
    default:
      throw new AgentWireError(path, `unknown datapath message ${describe(body)}`);
  }
}
