/**
 * The TABLE_FEATURES kind (OFPMP_TABLE_FEATURES, OpenFlow 1.3-1.5): what
 * each flow table can match, which instructions and actions its flows may
 * use, which tables a goto_table may reach, and the table's name, metadata
 * bits and size.  A request with an empty body asks for every table's
 * features; a request with entries asks the switch to change them (the
 * same ofp_table_features layout in both directions, and in replies).
 * One of the kinds multipart.ts dispatches to.
 *
 * Each entry is a 64-byte ofp_table_features followed by properties, each
 * a TLV of type, length and payload padded to 8 bytes.  The properties
 * Open vSwitch sends are modelled structurally: lists of instruction type
 * numbers (OFPIT_*), of table ids, of action type numbers (OFPAT_*), and
 * of OXM field ids (a 32-bit OXM header, with the experimenter id after it
 * for the experimenter class 0xffff).  A property of another type
 * (experimenter properties, types OpenFlow does not define) or whose
 * payload does not have the simple form (an instruction or action id
 * longer than 4 bytes, an OXM id cut short) is kept raw and written back
 * unchanged, so decoding and encoding lose nothing but padding, which is
 * written back as zeros.
 *
 * What the codec does not judge: whether properties repeat or the ones
 * OpenFlow calls required are present (a switch's semantics, see
 * src/agent/multipart-replies.ts), nor what the ids mean.
 */

import { OfpCodecError } from './codec-error.js';
import {
  entryReader,
  listReply,
  type ListReply,
  type MultipartKind,
  ofVersion,
  patchLength,
  readFixedString,
  supportRange,
  writeFixedString,
} from './multipart-kind.js';
import { OFPXMC_EXPERIMENTER } from './oxm.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

const OFP_MAX_TABLE_NAME_LEN = 32;
/** Size of struct ofp13_table_features, before its properties. */
export const TABLE_FEATURES_LEN = 64;
/** Size of a property header (type, length). */
const PROP_HEADER_LEN = 4;

/** OFPTT_ALL: not a table a features entry may describe. */
const OFPTT_ALL = 0xff;
/** OFPTFC15_DISABLE, the highest OpenFlow 1.5 table features command. */
const OFPTFC15_MAX = 3;

/** Property types with a list of instruction type numbers. */
export type InstructionsPropType = 'instructions' | 'instructions_miss';
/** Property types with a list of table ids. */
export type NextTablesPropType = 'next_tables' | 'next_tables_miss';
/** Property types with a list of action type numbers. */
export type ActionsPropType = 'write_actions' | 'write_actions_miss' | 'apply_actions' | 'apply_actions_miss';
/** Property types with a list of OXM field ids. */
export type FieldsPropType =
  | 'match' | 'wildcards' | 'write_setfield' | 'write_setfield_miss' | 'apply_setfield' | 'apply_setfield_miss';
export type StructuredPropType = InstructionsPropType | NextTablesPropType | ActionsPropType | FieldsPropType;

/**
 * One OXM field id: its 32-bit OXM header (class, field, hasmask, length)
 * and, for the experimenter class 0xffff only, the experimenter id that
 * follows it on the wire.  In a 'match' property hasmask says the field
 * may be matched under an arbitrary mask.
 */
export interface OxmId {
  readonly header: number;
  readonly experimenter?: number;
}

/** One table feature property. */
export type TableFeatureProp =
  | { readonly type: InstructionsPropType; readonly instructionTypes: readonly number[] }
  | { readonly type: NextTablesPropType; readonly tableIds: readonly number[] }
  | { readonly type: ActionsPropType; readonly actionTypes: readonly number[] }
  | { readonly type: FieldsPropType; readonly fields: readonly OxmId[] }
  /**
   * A property kept as received: its 16-bit type and its payload (what
   * follows the 4-byte header, padding excluded).  For the experimenter
   * types 0xfffe and 0xffff the payload begins with the experimenter id
   * and experimenter type.
   */
  | { readonly type: 'raw'; readonly propType: number; readonly payload: Uint8Array };

/** One table's features. */
export interface TableFeatures {
  readonly tableId: number;
  /**
   * OpenFlow 1.5's OFPTFC15_* command (0 replace, 1 modify, 2 enable,
   * 3 disable); always 0 in OpenFlow 1.3 and 1.4, which have no such field.
   */
  readonly command: number;
  /** At most 31 Latin-1 characters. */
  readonly name: string;
  /** Bits of the metadata the table can match, and write. */
  readonly metadataMatch: bigint;
  readonly metadataWrite: bigint;
  /** OFPTC_* bits ('config' in OpenFlow 1.3, which defines none; table-mod.ts has 1.4's). */
  readonly capabilities: number;
  readonly maxEntries: number;
  readonly properties: readonly TableFeatureProp[];
}

/** The request: no entries to ask for every table's features; entries to change them. */
export type TableFeaturesRequest = ListReply<'table_features', TableFeatures>;
export type TableFeaturesReply = ListReply<'table_features', TableFeatures>;

/** The wire number of each structured property type (OFPTFPT13_*). */
export const TABLE_FEATURE_PROP_NUMBERS: Readonly<Record<StructuredPropType, number>> = {
  instructions: 0,
  instructions_miss: 1,
  next_tables: 2,
  next_tables_miss: 3,
  write_actions: 4,
  write_actions_miss: 5,
  apply_actions: 6,
  apply_actions_miss: 7,
  match: 8,
  wildcards: 10,
  write_setfield: 12,
  write_setfield_miss: 13,
  apply_setfield: 14,
  apply_setfield_miss: 15,
};

const PROP_BY_NUMBER = new Map<number, StructuredPropType>(
  Object.entries(TABLE_FEATURE_PROP_NUMBERS).map(([name, n]) => [n, name as StructuredPropType]),
);

/** The structured property type of wire number 'n', or undefined for one kept raw. */
export function tableFeaturePropType(n: number): StructuredPropType | undefined {
  return PROP_BY_NUMBER.get(n);
}

/** The 16-bit wire type of property 'p'. */
export function tableFeaturePropNumber(p: TableFeatureProp): number {
  return p.type === 'raw' ? p.propType : TABLE_FEATURE_PROP_NUMBERS[p.type];
}

/** True if 'header' is of the OXM experimenter class (an 8-byte id). */
export function isExperimenterOxm(header: number): boolean {
  return header >>> 16 === OFPXMC_EXPERIMENTER;
}

/* ---------------------------------------------------------------------- */
/* Property payloads.                                                      */

/**
 * Instruction or action ids: 4-byte (type, length = 4) headers one after
 * another.  Returns undefined if any id has another length (an
 * experimenter id with data, or padding some switches add).
 */
function readTypeIds(p: Uint8Array): number[] | undefined {
  if (p.length % 4 !== 0) return undefined;
  const out: number[] = [];
  for (let at = 0; at < p.length; at += 4) {
    if (((p[at + 2]! << 8) | p[at + 3]!) !== 4) return undefined;
    out.push((p[at]! << 8) | p[at + 1]!);
  }
  return out;
}

/** OXM ids one after another; undefined if the last is cut short. */
function readOxmIds(p: Uint8Array): OxmId[] | undefined {
  const out: OxmId[] = [];
  const view = new DataView(p.buffer, p.byteOffset, p.length);
  let at = 0;
  while (at < p.length) {
    if (p.length - at < 4) return undefined;
    const header = view.getUint32(at);
    if (isExperimenterOxm(header)) {
      if (p.length - at < 8) return undefined;
      out.push({ header, experimenter: view.getUint32(at + 4) });
      at += 8;
    } else {
      out.push({ header });
      at += 4;
    }
  }
  return out;
}

/** The neutral property of wire type 'type' with payload 'p' (a copy is kept when raw). */
function propFrom(type: number, p: Uint8Array): TableFeatureProp {
  const kind = PROP_BY_NUMBER.get(type);
  switch (kind) {
    case 'instructions':
    case 'instructions_miss': {
      const ids = readTypeIds(p);
      if (ids) return { type: kind, instructionTypes: ids };
      break;
    }
    case 'next_tables':
    case 'next_tables_miss':
      return { type: kind, tableIds: Array.from(p) };
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss': {
      const ids = readTypeIds(p);
      if (ids) return { type: kind, actionTypes: ids };
      break;
    }
    case undefined:
      break;
    default: {
      const fields = readOxmIds(p);
      if (fields) return { type: kind, fields };
    }
  }
  return { type: 'raw', propType: type, payload: Uint8Array.from(p) };
}

function checkWidth(v: number, bits: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new OfpCodecError('OFPBPC_BAD_VALUE', `${what} ${v} does not fit in ${bits} bits`);
}

/** Writes the payload of property 'p'; throws OFPBPC_BAD_VALUE for an id that does not fit its field. */
function writePayload(w: WireWriter, p: TableFeatureProp): void {
  switch (p.type) {
    case 'instructions':
    case 'instructions_miss':
      for (const t of p.instructionTypes) {
        checkWidth(t, 16, 'instruction type');
        w.u16(t).u16(4);
      }
      return;
    case 'next_tables':
    case 'next_tables_miss':
      for (const id of p.tableIds) {
        checkWidth(id, 8, 'table id');
        w.u8(id);
      }
      return;
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      for (const t of p.actionTypes) {
        checkWidth(t, 16, 'action type');
        w.u16(t).u16(4);
      }
      return;
    case 'raw':
      checkWidth(p.propType, 16, 'property type');
      w.bytes(p.payload);
      return;
    default:
      for (const f of p.fields) {
        checkWidth(f.header, 32, 'OXM header');
        w.u32(f.header);
        if (isExperimenterOxm(f.header)) {
          if (f.experimenter === undefined) throw new OfpCodecError('OFPBPC_BAD_VALUE', `OXM header 0x${f.header.toString(16)} of the experimenter class needs its experimenter id`);
          checkWidth(f.experimenter, 32, 'experimenter id');
          w.u32(f.experimenter);
        } else if (f.experimenter !== undefined) {
          throw new OfpCodecError('OFPBPC_BAD_VALUE', `OXM header 0x${f.header.toString(16)} is not of the experimenter class but has an experimenter id`);
        }
      }
  }
}

/* ---------------------------------------------------------------------- */
/* Entries.                                                                */

/**
 * Reads one ofp_table_features entry of 'version'.  Throws OfpCodecError
 * OFPBPC_BAD_LEN for an entry or property whose length is too short, not
 * a multiple of 8 (entries), or runs past what holds it; OFPTFFC_BAD_TABLE
 * for table id OFPTT_ALL; OFPTFFC_BAD_COMMAND for an OpenFlow 1.5 command
 * that does not exist (the errors Open vSwitch's decoder gives).
 */
export function decodeTableFeatures(outer: WireReader, version: number): TableFeatures {
  const r = entryReader(outer, 'table features entry', TABLE_FEATURES_LEN, 8, 0, 'OFPBPC_BAD_LEN');
  const at0 = r.pos;
  r.skip(2);
  const tableId = r.u8();
  const commandByte = r.u8();
  r.skip(4);
  if (tableId === OFPTT_ALL) throw new OfpCodecError('OFPTFFC_BAD_TABLE', 'table features of table 255 (OFPTT_ALL)', at0 + 2);
  const command = version >= 6 ? commandByte : 0;
  if (command > OFPTFC15_MAX) throw new OfpCodecError('OFPTFFC_BAD_COMMAND', `table features command ${command}`, at0 + 3);
  const name = readFixedString(r, OFP_MAX_TABLE_NAME_LEN, 'table name');
  const metadataMatch = r.u64();
  const metadataWrite = r.u64();
  const capabilities = r.u32();
  const maxEntries = r.u32();
  const properties: TableFeatureProp[] = [];
  while (r.remaining > 0) {
    if (r.remaining < PROP_HEADER_LEN) throw new OfpCodecError('OFPBPC_BAD_LEN', `${r.remaining} bytes left for a table feature property`, r.pos);
    const at = r.pos;
    const type = (r.buf[at]! << 8) | r.buf[at + 1]!;
    const len = (r.buf[at + 2]! << 8) | r.buf[at + 3]!;
    const padded = (len + 7) & ~7;
    if (len < PROP_HEADER_LEN || padded > r.remaining) {
      throw new OfpCodecError('OFPBPC_BAD_LEN', `table feature property ${type} of length ${len} with ${r.remaining} bytes left`, at);
    }
    r.skip(PROP_HEADER_LEN);
    properties.push(propFrom(type, r.bytes(len - PROP_HEADER_LEN, 'property payload')));
    r.skip(padded - len);
  }
  return { tableId, command, name, metadataMatch, metadataWrite, capabilities, maxEntries, properties };
}

/**
 * Writes one entry in 'version'.  Throws OfpCodecError OFPBRC_BAD_VERSION
 * for a command in OpenFlow 1.3 or 1.4 (which cannot carry one),
 * OFPTFFC_BAD_TABLE for table id 255 (or one beyond 8 bits), OFPBRC_BAD_LEN
 * for a name that does not fit or an entry beyond 65535 bytes, and
 * OFPBPC_BAD_VALUE for an id that does not fit its field.
 */
export function encodeTableFeatures(w: WireWriter, e: TableFeatures, version: number): void {
  if (!Number.isInteger(e.tableId) || e.tableId < 0 || e.tableId >= OFPTT_ALL) throw new OfpCodecError('OFPTFFC_BAD_TABLE', `table features of table ${e.tableId}`);
  if (e.command !== 0 && version < 6) throw new OfpCodecError('OFPBRC_BAD_VERSION', `${ofVersion(version)} table features have no command (${e.command})`);
  if (!Number.isInteger(e.command) || e.command < 0 || e.command > OFPTFC15_MAX) throw new OfpCodecError('OFPTFFC_BAD_COMMAND', `table features command ${e.command}`);
  const start = w.pos;
  w.u16(0).u8(e.tableId).u8(e.command).zeros(4);
  writeFixedString(w, e.name, OFP_MAX_TABLE_NAME_LEN, 'table name');
  w.u64(e.metadataMatch).u64(e.metadataWrite).u32(e.capabilities).u32(e.maxEntries);
  for (const p of e.properties) {
    const propStart = w.pos;
    w.u16(tableFeaturePropNumber(p)).u16(0);
    writePayload(w, p);
    patchLength(w, propStart + 2, propStart, 'table feature property');
    w.padTo(8, propStart);
  }
  patchLength(w, start, start, 'table features entry');
}

const list = listReply('table_features', decodeTableFeatures, encodeTableFeatures);
const noTableFeatures = (v: number): string => `${ofVersion(v)} has no table features`;

/** The TABLE_FEATURES kind: requests and replies in OpenFlow 1.3-1.5, the same list of entries in both. */
export const tableFeaturesKind: MultipartKind<TableFeaturesRequest, TableFeaturesReply> = {
  stat: 'table_features',
  number: 12,
  rawStem: 'TABLE_FEATURES',
  requestSupport: supportRange(4, 6, noTableFeatures),
  replySupport: supportRange(4, 6, noTableFeatures),
  decodeRequest: list.decodeReply,
  encodeRequest: list.encodeReply,
  decodeReply: list.decodeReply,
  encodeReply: list.encodeReply,
  encodeEntry: list.encodeEntry,
};
