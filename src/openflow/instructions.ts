/**
 * Instructions (OpenFlow 1.1+): one neutral union, Instruction, and its
 * wire form, ofp_instruction_* TLVs of type, length and body, the action
 * lists inside them read and written by actions.ts.  FLOW_MOD and flow
 * statistics (OF1.1+) carry them; OpenFlow 1.0 has none.  Decoding keeps
 * the order on the wire; an instruction the codec does not model (an
 * experimenter instruction, OF1.5's stat_trigger) is kept whole as 'opaque'
 * and written back unchanged.  Padding is written back as zeros.
 */

import { actionsToString, decodeActions, encodeActions, type Action } from './actions.js';
import { OfpCodecError } from './codec-error.js';
import type { OfpErrName } from './ofperr.js';
import { copyTlv } from './opaque-tlv.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** A neutral instruction. */
export type Instruction =
  | { readonly type: 'goto_table'; readonly tableId: number }
  | { readonly type: 'write_metadata'; readonly metadata: bigint; readonly mask: bigint }
  | { readonly type: 'write_actions'; readonly actions: readonly Action[] }
  | { readonly type: 'apply_actions'; readonly actions: readonly Action[] }
  | { readonly type: 'clear_actions' }
  /** OF1.3+. */
  | { readonly type: 'meter'; readonly meterId: number }
  /** An instruction the codec does not model, the whole TLV as received. */
  /** An instruction the codec does not model, kept whole; 'version' as for opaque actions (actions.ts). */
  | { readonly type: 'opaque'; readonly bytes: Uint8Array; readonly version?: number };

export type InstructionType = Instruction['type'];

const OFPIT_GOTO_TABLE = 1;
const OFPIT_WRITE_METADATA = 2;
const OFPIT_WRITE_ACTIONS = 3;
const OFPIT_APPLY_ACTIONS = 4;
const OFPIT_CLEAR_ACTIONS = 5;
const OFPIT13_METER = 6;
const OFPIT15_STAT_TRIGGER = 7;
const OFPIT_EXPERIMENTER = 0xffff;

function bad(err: OfpErrName, detail: string, offset?: number): never {
  throw new OfpCodecError(err, detail, offset);
}

function requireLen(len: number, want: number, what: string, at: number): void {
  if (len !== want) badLen(len, want, what, at); // the message is built out of line: this runs for every instruction
}

function badLen(len: number, want: number, what: string, at: number): never {
  bad('OFPBIC_BAD_LEN', `${what} has length ${len}, expected ${want}`, at);
}

/**
 * Reads 'len' bytes of instructions of wire version 'version' (2 = OF1.1
 * and later) at 'r'.  Throws OfpCodecError OFPBIC_BAD_LEN for an
 * instruction shorter than its type needs, not a multiple of 8, or
 * crossing 'len'; OFPBIC_UNKNOWN_INST for a type the version does not
 * define (every type in OF1.0, which has no instructions); OFPBIC_DUP_INST
 * for a type given twice; and the OFPBAC_* errors of decodeActions for the
 * actions inside.
 */
export function decodeInstructions(r: WireReader, len: number, version: number): Instruction[] {
  const start = r.pos;
  if (len < 0 || start + len > r.end) bad('OFPBIC_BAD_LEN', `instructions of ${len} bytes, ${r.end - start} left`, start);
  const end = start + len;
  const b = r.buf;
  const out: Instruction[] = [];
  let seen = 0;
  let at = start;
  while (at < end) {
    if (end - at < 4) bad('OFPBIC_BAD_LEN', `${end - at} bytes left for an instruction`, at);
    const type = (b[at]! << 8) | b[at + 1]!;
    const ilen = (b[at + 2]! << 8) | b[at + 3]!;
    if (ilen < 8 || ilen % 8 !== 0 || at + ilen > end) bad('OFPBIC_BAD_LEN', `instruction length ${ilen}`, at);
    if (version < 2) bad('OFPBIC_UNKNOWN_INST', 'OpenFlow 1.0 has no instructions', at);
    let ins: Instruction;
    switch (type) {
      case OFPIT_GOTO_TABLE:
        requireLen(ilen, 8, 'OFPIT_GOTO_TABLE', at);
        ins = { type: 'goto_table', tableId: b[at + 4]! };
        break;
      case OFPIT_WRITE_METADATA: {
        requireLen(ilen, 24, 'OFPIT_WRITE_METADATA', at);
        r.pos = at + 8;
        const metadata = r.u64();
        const mask = r.u64();
        ins = { type: 'write_metadata', metadata, mask };
        break;
      }
      case OFPIT_WRITE_ACTIONS:
      case OFPIT_APPLY_ACTIONS: {
        r.pos = at + 8;
        const actions = decodeActions(r, ilen - 8, version);
        ins = { type: type === OFPIT_WRITE_ACTIONS ? 'write_actions' : 'apply_actions', actions };
        break;
      }
      case OFPIT_CLEAR_ACTIONS:
        requireLen(ilen, 8, 'OFPIT_CLEAR_ACTIONS', at);
        ins = { type: 'clear_actions' };
        break;
      case OFPIT13_METER:
        // OF1.3 and 1.4 only: OF1.5 made metering an action (OVS refuses the instruction there).
        if (version < 4 || version >= 6) bad('OFPBIC_UNKNOWN_INST', `instruction type ${type} in wire version ${version}`, at);
        requireLen(ilen, 8, 'OFPIT_METER', at);
        r.pos = at + 4;
        ins = { type: 'meter', meterId: r.u32() };
        break;
      case OFPIT15_STAT_TRIGGER:
        if (version < 6) bad('OFPBIC_UNKNOWN_INST', `instruction type ${type} in wire version ${version}`, at);
        ins = { type: 'opaque', bytes: copyTlv(b, at, at + ilen), version };
        break;
      case OFPIT_EXPERIMENTER:
        ins = { type: 'opaque', bytes: copyTlv(b, at, at + ilen), version };
        break;
      default:
        bad('OFPBIC_UNKNOWN_INST', `instruction type ${type}`, at);
    }
    if (type !== OFPIT_EXPERIMENTER) {
      const bit = 1 << type;
      if (seen & bit) bad('OFPBIC_DUP_INST', `instruction type ${type} appears twice`, at);
      seen |= bit;
    }
    out.push(ins);
    at += ilen;
  }
  r.pos = end;
  return out;
}

/** The wire type of each modelled instruction. */
const INSTRUCTION_NUMBERS: Readonly<Record<Exclude<InstructionType, 'opaque'>, number>> = {
  goto_table: OFPIT_GOTO_TABLE,
  write_metadata: OFPIT_WRITE_METADATA,
  write_actions: OFPIT_WRITE_ACTIONS,
  apply_actions: OFPIT_APPLY_ACTIONS,
  clear_actions: OFPIT_CLEAR_ACTIONS,
  meter: OFPIT13_METER,
};

/**
 * Writes 'ins' in wire version 'version'.  Throws OfpCodecError
 * OFPBIC_UNSUP_INST for OF1.0 (no instructions) and for meter before
 * OF1.3, OFPBIC_BAD_TABLE_ID for a table id above 254, OFPBIC_BAD_LEN for
 * an opaque instruction of a bad length, OFPBIC_DUP_INST for a type given
 * twice, and the errors of encodeActions for the actions inside.
 */
export function encodeInstructions(w: WireWriter, ins: readonly Instruction[], version: number): void {
  if (version < 2 && ins.length > 0) bad('OFPBIC_UNSUP_INST', 'OpenFlow 1.0 has no instructions');
  let seen = 0;
  for (const i of ins) {
    if (i.type !== 'opaque') {
      const bit = 1 << INSTRUCTION_NUMBERS[i.type];
      if (seen & bit) bad('OFPBIC_DUP_INST', `${i.type} appears twice`);
      seen |= bit;
    }
    switch (i.type) {
      case 'goto_table':
        if (!Number.isInteger(i.tableId) || i.tableId < 0 || i.tableId > 254) bad('OFPBIC_BAD_TABLE_ID', `table ${i.tableId}`);
        w.u16(OFPIT_GOTO_TABLE).u16(8).u8(i.tableId).u8(0).u16(0);
        break;
      case 'write_metadata':
        if (i.metadata < 0n || i.metadata >= 1n << 64n || i.mask < 0n || i.mask >= 1n << 64n) {
          bad('OFPBIC_UNSUP_METADATA', 'metadata and mask must be 64-bit unsigned values');
        }
        w.u16(OFPIT_WRITE_METADATA).u16(24).u32(0).u64(i.metadata).u64(i.mask);
        break;
      case 'write_actions':
      case 'apply_actions': {
        const start = w.pos;
        w.u32((i.type === 'write_actions' ? OFPIT_WRITE_ACTIONS : OFPIT_APPLY_ACTIONS) << 16).u32(0); // type, length (patched below), pad
        encodeActions(w, i.actions, version);
        const n = w.pos - start;
        if (n > 0xffff) bad('OFPBIC_BAD_LEN', `${i.type} of ${n} bytes`);
        w.setU16(start + 2, n);
        break;
      }
      case 'clear_actions':
        w.u16(OFPIT_CLEAR_ACTIONS).u16(8).u32(0);
        break;
      case 'meter':
        if (version < 4) bad('OFPBIC_UNSUP_INST', 'the meter instruction needs OpenFlow 1.3');
        if (version >= 6) bad('OFPBIC_UNSUP_INST', 'OpenFlow 1.5 replaced the meter instruction by the meter action');
        if (!Number.isInteger(i.meterId) || i.meterId < 0 || i.meterId > 0xffffffff) bad('OFPBIC_UNSUP_INST', `meter ${i.meterId}`);
        w.u16(OFPIT13_METER).u16(8).u32(i.meterId);
        break;
      case 'opaque':
        if (i.bytes.length < 8 || i.bytes.length % 8 !== 0) bad('OFPBIC_BAD_LEN', `opaque instruction of ${i.bytes.length} bytes`);
        if (i.version !== undefined && i.version !== version) {
          bad('OFPBIC_UNSUP_INST', `an undecoded instruction from version ${i.version} cannot be re-encoded in version ${version}`);
        }
        w.bytes(i.bytes);
        break;
    }
  }
}

/** One instruction as ovs-ofctl writes it. */
function instructionText(i: Instruction, version: number): string {
  switch (i.type) {
    case 'goto_table': return `goto_table:${i.tableId}`;
    case 'write_metadata':
      return i.mask === 0xffffffffffffffffn ? `write_metadata:0x${i.metadata.toString(16)}`
        : `write_metadata:0x${i.metadata.toString(16)}/0x${i.mask.toString(16)}`;
    case 'write_actions': return `write_actions(${i.actions.length ? actionsToString(i.actions, version) : ''})`;
    case 'apply_actions': return i.actions.length ? actionsToString(i.actions, version) : '';
    case 'clear_actions': return 'clear_actions';
    case 'meter': return `meter:${i.meterId}`;
    case 'opaque': return `opaque(0x${Buffer.from(i.bytes).toString('hex')})`;
  }
}

/**
 * 'ins' as ovs-ofctl writes the actions of a flow: apply_actions' actions
 * inline, the others as "meter:N", "clear_actions", "write_actions(...)",
 * "write_metadata:V/M", "goto_table:N", in the order given; "drop" if
 * nothing is done.
 */
export function instructionsToString(ins: readonly Instruction[], version: number): string {
  const parts = ins.map((i) => instructionText(i, version)).filter((s) => s !== '');
  return parts.length ? parts.join(',') : 'drop';
}
