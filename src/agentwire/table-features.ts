/**
 * Table features on the agent channel: the entries of src/openflow's
 * TABLE_FEATURES request and reply (table-features.ts there) as the
 * proto's TableFeaturesList, and back.  multipart-request.ts and
 * multipart-reply.ts use it for the two directions of the same kind.
 *
 * Reading checks what the codec needs to write each entry in any version:
 * a table id below 255, a command OpenFlow 1.5 defines, a name that fits
 * 32 bytes, ids that fit their fields (16-bit instruction and action
 * types, 8-bit table ids), the body case each structured property type
 * needs, the experimenter id an OXM id of the experimenter class must
 * have (and no other may), and an entry small enough for one message.
 */

import { OFP_MAX_MSG_LEN } from '../openflow/framing.js';
import {
  isExperimenterOxm,
  type OxmId,
  TABLE_FEATURES_LEN,
  type TableFeatureProp,
  tableFeaturePropNumber,
  tableFeaturePropType,
  type TableFeatures,
} from '../openflow/table-features.js';
import type { OxmId__Output as PbOxmIdOut } from '../generated/ofconnmgr/v1/OxmId.js';
import type { TableFeatureProperty as PbProp, TableFeatureProperty__Output as PbPropOut } from '../generated/ofconnmgr/v1/TableFeatureProperty.js';
import type { TableFeatures as PbTableFeatures, TableFeatures__Output as PbTableFeaturesOut } from '../generated/ofconnmgr/v1/TableFeatures.js';
import type { TableFeaturesList as PbList, TableFeaturesList__Output as PbListOut } from '../generated/ofconnmgr/v1/TableFeaturesList.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { bytesCopy, describe, fixedTextFrom, listFrom, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';

const TABLE_NAME_LEN = 32;
/** OFPTT_ALL, which no entry may describe. */
const OFPTT_ALL = 255;
/** OFPTFC15_DISABLE, the highest command. */
const MAX_COMMAND = 3;
/** The most one entry may take on the wire: a message less its header and multipart prefix. */
const MAX_ENTRY_LEN = OFP_MAX_MSG_LEN - 16;

/* ---------------------------------------------------------------------- */
/* To the proto.                                                           */

function propToProto(p: TableFeatureProp): PbProp {
  const type = tableFeaturePropNumber(p);
  switch (p.type) {
    case 'instructions':
    case 'instructions_miss':
      return { type, instruction_types: { ids: [...p.instructionTypes] } };
    case 'next_tables':
    case 'next_tables_miss':
      return { type, table_ids: { ids: [...p.tableIds] } };
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      return { type, action_types: { ids: [...p.actionTypes] } };
    case 'raw':
      return { type, raw: p.payload };
    default:
      return { type, fields: { ids: p.fields.map((f) => (f.experimenter === undefined ? { header: f.header } : { header: f.header, experimenter: f.experimenter })) } };
  }
}

function entryToProto(e: TableFeatures): PbTableFeatures {
  return {
    table_id: e.tableId, command: e.command, name: e.name, metadata_match: uint64ToProto(e.metadataMatch),
    metadata_write: uint64ToProto(e.metadataWrite), capabilities: e.capabilities, max_entries: e.maxEntries,
    properties: e.properties.map(propToProto),
  };
}

/** Neutral table features entries as the proto's list. */
export function tableFeaturesToProto(entries: readonly TableFeatures[]): PbList {
  return { entries: entries.map(entryToProto) };
}

/* ---------------------------------------------------------------------- */
/* From the proto.                                                         */

function idsFrom(list: { ids: number[] } | null | undefined, bits: number, path: string, what: string): number[] {
  const l = required(list, path, what);
  return listFrom(l.ids).map((v, i) => uintFrom(v, bits, `${fieldPath(path, 'ids')}[${i}]`));
}

function oxmIdFrom(p: PbOxmIdOut, path: string): OxmId {
  const header = uintFrom(p.header, 32, fieldPath(path, 'header'));
  const has = p.experimenter !== undefined && p.experimenter !== null;
  if (isExperimenterOxm(header) !== has) {
    throw new AgentWireError(fieldPath(path, 'experimenter'), has
      ? `OXM header 0x${header.toString(16)} is not of the experimenter class (0xffff): it has no experimenter id`
      : `OXM header 0x${header.toString(16)} is of the experimenter class (0xffff): it needs its experimenter id`);
  }
  return has ? { header, experimenter: uintFrom(p.experimenter, 32, fieldPath(path, 'experimenter')) } : { header };
}

/** The body case a structured property type number needs, or undefined for one that only travels raw. */
function caseFor(type: number): PbPropOut['body'] {
  const kind = tableFeaturePropType(type);
  if (kind === undefined) return undefined;
  if (kind.startsWith('instructions')) return 'instruction_types';
  if (kind.startsWith('next_tables')) return 'table_ids';
  if (kind.endsWith('actions') || kind.endsWith('actions_miss')) return 'action_types';
  return 'fields';
}

function propFrom(p: PbPropOut, path: string): TableFeatureProp {
  const type = uintFrom(p.type, 16, fieldPath(path, 'type'));
  const body = p.body;
  const at = fieldPath(path, body ?? '');
  if (body === 'raw') return { type: 'raw', propType: type, payload: bytesCopy(p.raw) };
  const want = caseFor(type);
  if (body === undefined) throw new AgentWireError(path, 'no property body given (none of the TableFeatureProperty cases is set)');
  if (want === undefined) throw new AgentWireError(fieldPath(path, 'type'), `property type ${type} has no structured form: give it as raw`);
  if (body !== want) throw new AgentWireError(at, `property type ${type} (${tableFeaturePropType(type)}) takes ${want}, not ${describe(body)}`);
  const kind = tableFeaturePropType(type)!;
  switch (kind) {
    case 'instructions':
    case 'instructions_miss':
      return { type: kind, instructionTypes: idsFrom(p.instruction_types, 16, at, 'the instruction type list') };
    case 'next_tables':
    case 'next_tables_miss':
      return { type: kind, tableIds: idsFrom(p.table_ids, 8, at, 'the table id list') };
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      return { type: kind, actionTypes: idsFrom(p.action_types, 16, at, 'the action type list') };
    default: {
      const list = required(p.fields, at, 'the OXM id list');
      return { type: kind, fields: listFrom(list.ids).map((f, i) => oxmIdFrom(f, `${fieldPath(at, 'ids')}[${i}]`)) };
    }
  }
}

/** Bytes 'p' takes on the wire: header, payload, padding to 8. */
function propWireLen(p: TableFeatureProp): number {
  let payload: number;
  switch (p.type) {
    case 'instructions':
    case 'instructions_miss':
      payload = 4 * p.instructionTypes.length;
      break;
    case 'next_tables':
    case 'next_tables_miss':
      payload = p.tableIds.length;
      break;
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      payload = 4 * p.actionTypes.length;
      break;
    case 'raw':
      payload = p.payload.length;
      break;
    default:
      payload = p.fields.reduce((n, f) => n + (f.experimenter === undefined ? 4 : 8), 0);
  }
  return (4 + payload + 7) & ~7;
}

function entryFrom(p: PbTableFeaturesOut, path: string): TableFeatures {
  const at = (k: string): string => fieldPath(path, k);
  const tableId = uintFrom(p.table_id, 8, at('table_id'));
  if (tableId === OFPTT_ALL) throw new AgentWireError(at('table_id'), '255 (OFPTT_ALL) is not a table an entry may describe');
  const command = uintFrom(p.command, 32, at('command'));
  if (command > MAX_COMMAND) throw new AgentWireError(at('command'), `${command} is not a table features command (0 replace, 1 modify, 2 enable, 3 disable)`);
  const properties = listFrom(p.properties).map((q, i) => propFrom(q, `${at('properties')}[${i}]`));
  const len = properties.reduce((n, q) => n + propWireLen(q), TABLE_FEATURES_LEN);
  if (len > MAX_ENTRY_LEN) throw new AgentWireError(at('properties'), `the entry would take ${len} bytes, more than the ${MAX_ENTRY_LEN} one OpenFlow message holds`);
  return {
    tableId, command, name: fixedTextFrom(p.name, TABLE_NAME_LEN, at('name')),
    metadataMatch: uint64From(p.metadata_match, at('metadata_match')), metadataWrite: uint64From(p.metadata_write, at('metadata_write')),
    capabilities: uintFrom(p.capabilities, 32, at('capabilities')), maxEntries: uintFrom(p.max_entries, 32, at('max_entries')), properties,
  };
}

/**
 * The neutral entries of proto list 'list' at 'path' (entries at
 * "path.entries[i]").  Throws AgentWireError for a missing list or an
 * entry the checks of the file comment refuse.
 */
export function tableFeaturesFromProto(list: PbListOut | null | undefined, path: string): TableFeatures[] {
  const l = required(list, path, 'the table features list');
  return listFrom(l.entries).map((e, i) => entryFrom(e, `${fieldPath(path, 'entries')}[${i}]`));
}
