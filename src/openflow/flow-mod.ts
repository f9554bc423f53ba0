/**
 * Flow mod: a controller adds, changes or deletes flows.  One neutral
 * 'flow_mod' covers OF1.0's OFPT_FLOW_MOD (ofp10_match, actions),
 * NXT_FLOW_MOD (OF1.0 in the NXM flow format, reference §4.3.4) and the
 * OF1.2-1.5 OFPT_FLOW_MOD (OXM match, instructions; importance from 1.4).
 *
 * The neutral form is that of OF1.2+: a flow carries instructions.  OF1.0
 * flows carry an action list, which becomes one apply_actions instruction
 * (no instruction at all for an empty list), and only such flows can be
 * encoded in OF1.0.
 *
 * Cookie filter in NXT_FLOW_MOD: an NXM match may hold the NXM_NX_COOKIE
 * pseudo-field, with which a modify or delete selects flows by cookie
 * (`ovs-ofctl -O OpenFlow10 del-flows br0 cookie=0x5/-1`).  It becomes the
 * neutral cookie and cookieMask, as in OF1.2+, when the header's cookie
 * says no more than the filter does: 0 for a delete, all ones ("keep the
 * cookies") for a modify, which is what Open vSwitch writes; it is encoded
 * back that way, the entry last in the match.  An add with a cookie filter
 * is NXBRC_NXM_INVALID, as in OVS.  A modify that both filters and sets a
 * new cookie, which the neutral form cannot say, keeps the entry in its
 * match as an opaque field.
 *
 * Table id in OF1.0 (NXT_FLOW_MOD_TABLE_ID, reference §4.3.4): OF1.0 has
 * no table_id field, but a session that enabled the Nicira
 * "flow_mod_table_id" extension puts the table id in the high byte of the
 * 16-bit command.  This codec always reads and writes the OF1.0 command
 * word as (tableId << 8) | command.  Table 0 therefore gives the plain
 * OF1.0 command, so a flow mod for (or from) a session without the
 * extension has tableId 0; the connection layer, which knows whether the
 * session enabled it, reads tableId 0 from such a session as "no table
 * given" (OVS treats it as OFPTT_ALL).  Any other table id in OF1.0 is
 * expressible only as the extension's variant.
 */

import { decodeActions, encodeActions, type Action } from './actions.js';
import { be16, be32, be64 } from './big-endian.js';
import { OfpCodecError } from './codec-error.js';
import { OFPG_ANY } from './group-mod.js';
import { decodeInstructions, encodeInstructions, type Instruction, instructionsToString } from './instructions.js';
import {
  decodeNxmMatch,
  decodeOfp10Match,
  decodeOxmMatch,
  encodeNxmCookie,
  encodeNxmMatch,
  encodeOfp10Match,
  encodeOxmMatch,
  hasNxmCookie,
  type Match,
  matchToString,
  takeNxmCookie,
} from './match.js';
import type { DecodeContext, MessageCodec, MsgBase } from './message.js';
import { NO_BUFFER } from './packet-in.js';
import { OFPP_ANY, portFrom10, portName, portTo10 } from './port-number.js';
import { OFPTT_ALL } from './table-mod.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPFC_*: 0 add, 1 modify, 2 modify_strict, 3 delete, 4 delete_strict; other wire values are kept as numbers. */
export type FlowModCommand = 'add' | 'modify' | 'modify_strict' | 'delete' | 'delete_strict' | number;


/**
 * Flow mod flags in the neutral message: the OF1.1+ OFPFF_* bits, plus
 * FLOW_MOD_EMERG for OF1.0's emergency flag.  On the wire bit 2 is EMERG in
 * OF1.0 and RESET_COUNTS in OF1.2+, so the codec translates; a flag a
 * version cannot carry is an encode error.
 */
export const OFPFF_SEND_FLOW_REM = 0x1;
export const OFPFF_CHECK_OVERLAP = 0x2;
export const OFPFF12_RESET_COUNTS = 0x4;
export const OFPFF13_NO_PKT_COUNTS = 0x8;
export const OFPFF13_NO_BYT_COUNTS = 0x10;
/** Neutral-only bit for OF1.0's OFPFF_EMERG (wire bit 0x4 in OF1.0). */
export const FLOW_MOD_EMERG = 0x10000;
const OFPFF10_EMERG_WIRE = 0x4;

/** The neutral flags of OF1.0 wire flags 'w'. */
function flagsFrom10(w: number): number {
  return (w & ~OFPFF10_EMERG_WIRE) | (w & OFPFF10_EMERG_WIRE ? FLOW_MOD_EMERG : 0);
}

/** The wire flags of neutral 'flags' in 'version'; throws for a flag the version lacks. */
function wireFlags(flags: number, version: number): number {
  if (version === 1) return wireFlags10(flags);
  // One test for the common case (OF1.3+ flags that fit); the errors are worked out of line.
  if (version >= 4 && flags >= 0 && flags <= 0xffff) return flags;
  return wireFlags12(flags, version);
}

/** wireFlags for OF1.0, where bit 2 is EMERG. */
function wireFlags10(flags: number): number {
  if (flags & (OFPFF12_RESET_COUNTS | OFPFF13_NO_PKT_COUNTS | OFPFF13_NO_BYT_COUNTS)) {
    throw new OfpCodecError('OFPFMFC_BAD_FLAGS', 'OpenFlow 1.0 flow mods have no reset_counts/no_packet_counts/no_byte_counts');
  }
  return (flags & 0xffff) | (flags & FLOW_MOD_EMERG ? OFPFF10_EMERG_WIRE : 0);
}

/** wireFlags for OF1.1+ flags the common case did not take. */
function wireFlags12(flags: number, version: number): number {
  if (flags & FLOW_MOD_EMERG) throw new OfpCodecError('OFPFMFC_BAD_FLAGS', 'emergency flows exist only in OpenFlow 1.0');
  if (version < 4 && flags & (OFPFF13_NO_PKT_COUNTS | OFPFF13_NO_BYT_COUNTS)) {
    throw new OfpCodecError('OFPFMFC_BAD_FLAGS', 'no_packet_counts/no_byte_counts need OpenFlow 1.3');
  }
  if (flags > 0xffff) throw new OfpCodecError('OFPFMFC_BAD_FLAGS', `flow mod flags 0x${flags.toString(16)}`);
  return flags;
}

export interface FlowModMsg extends MsgBase {
  readonly type: 'flow_mod';
  /** 'standard': the version's OFPT_FLOW_MOD; 'nxm': NXT_FLOW_MOD (OF1.0 only). */
  readonly format: 'standard' | 'nxm';
  /** For add, the new flow's cookie; for modify/delete with a cookie mask, the cookie to match. */
  readonly cookie: bigint;
  /** OF1.2+; 0 (no cookie restriction) in OF1.0, which has no such field. */
  readonly cookieMask: bigint;
  /** See the file comment for OF1.0; OFPTT_ALL (0xff) for deletes in every table. */
  readonly tableId: number;
  readonly command: FlowModCommand;
  readonly idleTimeout: number;
  readonly hardTimeout: number;
  readonly priority: number;
  readonly bufferId: number;
  /** Output-port restriction of deletes (32-bit numbering, port-number.ts); OFPP_ANY for none. */
  readonly outPort: number;
  /** Output-group restriction of deletes (OF1.2+); OFPG_ANY for none. */
  readonly outGroup: number;
  /** OFPFF_* bits in their OF1.1+ meaning, plus FLOW_MOD_EMERG (see above). */
  readonly flags: number;
  /** Eviction precedence (OF1.4+); 0 before. */
  readonly importance: number;
  readonly match: Match;
  readonly instructions: readonly Instruction[];
}

const COMMANDS = ['add', 'modify', 'modify_strict', 'delete', 'delete_strict'] as const;

/** The wire number of flow mod command 'c'. */
export function flowModCommandNumber(c: FlowModCommand): number {
  return typeof c === 'number' ? c : COMMANDS.indexOf(c);
}

function commandFrom(n: number): FlowModCommand {
  return COMMANDS[n] ?? n;
}

/** The OF1.0 action list 'instructions' stands for; throws if they are not one apply_actions (or none). */
function actionsForOf10(instructions: readonly Instruction[]): readonly Action[] {
  if (instructions.length === 0) return [];
  const only = instructions[0]!;
  if (instructions.length === 1 && only.type === 'apply_actions') return only.actions;
  throw new OfpCodecError('OFPBIC_UNSUP_INST', 'an OpenFlow 1.0 flow mod carries only an action list (one apply_actions instruction)');
}

function instructionsFromOf10(actions: readonly Action[]): readonly Instruction[] {
  return actions.length === 0 ? [] : [{ type: 'apply_actions', actions }];
}

/** Writes OF1.0's 16-bit command word: the table id in the high byte (see the file comment). */
function of10CommandWord(m: FlowModMsg): number {
  const cmd = flowModCommandNumber(m.command);
  if (cmd < 0 || cmd > 0xff) throw new OfpCodecError('OFPFMFC_BAD_COMMAND', `flow mod command ${String(m.command)} in OpenFlow 1.0`);
  return (tableIdOf(m) << 8) | cmd;
}

/** The table id of 'm', which must fit in a byte (OFPBRC_BAD_TABLE_ID otherwise). */
function tableIdOf(m: FlowModMsg): number {
  if (!Number.isInteger(m.tableId) || m.tableId < 0 || m.tableId > 0xff) badTableId(m);
  return m.tableId;
}

function badTableId(m: FlowModMsg): never {
  throw new OfpCodecError('OFPBRC_BAD_TABLE_ID', `flow mod table id ${m.tableId}`);
}

function encodeOf10Tail(m: FlowModMsg, w: WireWriter): void {
  w.u16(m.idleTimeout).u16(m.hardTimeout).u16(m.priority).u32(m.bufferId).u16(portTo10(m.outPort)).u16(wireFlags(m.flags, 1));
}

// Each layout has its own reader and writer, so that the hot one (OF1.2+) is a small function V8
// inlines whole.  Object literals are written out in full: a spread whose keys are then
// overridden sends V8 down a path some 200 times slower.

const COOKIE_KEEP = 0xffffffffffffffffn;

/** True for the commands that select flows by a cookie filter rather than set one: modify and delete. */
function selectsByCookie(c: FlowModCommand): boolean {
  return c === 'modify' || c === 'modify_strict' || c === 'delete' || c === 'delete_strict';
}

/** The header cookie an NXT_FLOW_MOD with a cookie filter carries: 0 for deletes, "keep" for modifies (see the file comment). */
function filteredHeaderCookie(c: FlowModCommand): bigint {
  return c === 'delete' || c === 'delete_strict' ? 0n : COOKIE_KEEP;
}

/**
 * The cookie fields and match of an NXT_FLOW_MOD whose header cookie is
 * 'wireCookie' and NXM match 'all' (see the file comment).  Throws the
 * errors of takeNxmCookie, and NXBRC_NXM_INVALID for an add with a filter.
 */
function nxtCookie(all: Match, wireCookie: bigint, command: FlowModCommand): { cookie: bigint; cookieMask: bigint; match: Match } {
  const split = takeNxmCookie(all);
  if (split.cookieMask === 0n) return { cookie: wireCookie, cookieMask: 0n, match: all };
  if (command === 'add') throw new OfpCodecError('NXBRC_NXM_INVALID', 'a flow addition may set a cookie, not match one');
  if (!selectsByCookie(command) || wireCookie !== filteredHeaderCookie(command)) return { cookie: wireCookie, cookieMask: 0n, match: all };
  return split;
}

/** Reads an NXT_FLOW_MOD body (OF1.0 with an NXM match). */
function decodeNxt(r: WireReader, ctx: DecodeContext): FlowModMsg {
  const wireCookie = r.u64();
  const word = r.u16();
  const idleTimeout = r.u16();
  const hardTimeout = r.u16();
  const priority = r.u16();
  const bufferId = r.u32();
  const outPort = portFrom10(r.u16());
  const flags = flagsFrom10(r.u16());
  const matchLen = r.u16();
  r.skip(6);
  const command = commandFrom(word & 0xff);
  const { cookie, cookieMask, match } = nxtCookie(decodeNxmMatch(r, matchLen), wireCookie, command);
  r.skip(((matchLen + 7) & ~7) - matchLen);
  const actions = decodeActions(r, r.remaining, ctx.version);
  return {
    type: 'flow_mod', version: ctx.version, xid: ctx.xid, format: 'nxm', cookie, cookieMask, outGroup: OFPG_ANY, importance: 0,
    tableId: word >> 8, command, idleTimeout, hardTimeout, priority,
    bufferId, outPort, flags, match, instructions: instructionsFromOf10(actions),
  };
}

/** Reads an OF1.0 OFPT_FLOW_MOD body. */
function decode10(r: WireReader, ctx: DecodeContext): FlowModMsg {
  const match = decodeOfp10Match(r);
  const cookie = r.u64();
  const word = r.u16();
  const idleTimeout = r.u16();
  const hardTimeout = r.u16();
  const priority = r.u16();
  const bufferId = r.u32();
  const outPort = portFrom10(r.u16());
  const flags = flagsFrom10(r.u16());
  const actions = decodeActions(r, r.remaining, ctx.version);
  return {
    type: 'flow_mod', version: ctx.version, xid: ctx.xid, format: 'standard', cookie, cookieMask: 0n, outGroup: OFPG_ANY, importance: 0,
    tableId: word >> 8, command: commandFrom(word & 0xff), idleTimeout, hardTimeout, priority,
    bufferId, outPort, flags, match, instructions: instructionsFromOf10(actions),
  };
}

/** Bytes of an OF1.2+ flow mod's fixed fields, cookie to importance (or padding). */
const FIXED_LEN = 40;

/** Reads an OF1.2+ OFPT_FLOW_MOD body (importance from OF1.4). */
function decodeStandard(r: WireReader, ctx: DecodeContext): FlowModMsg {
  const v = ctx.version;
  // The fixed fields are read in place after one bounds check (fewer checks, less code to inline).
  r.need(FIXED_LEN);
  const b = r.buf;
  const p = r.pos;
  r.pos = p + FIXED_LEN;
  const match = decodeOxmMatch(r);
  const instructions = decodeInstructions(r, r.remaining, v);
  return {
    type: 'flow_mod', version: v, xid: ctx.xid, format: 'standard', cookie: be64(b, p), cookieMask: be64(b, p + 8),
    tableId: b[p + 16]!, command: commandFrom(b[p + 17]!), idleTimeout: be16(b, p + 18), hardTimeout: be16(b, p + 20),
    priority: be16(b, p + 22), bufferId: be32(b, p + 24), outPort: be32(b, p + 28), outGroup: be32(b, p + 32),
    flags: be16(b, p + 36), importance: v >= 5 ? be16(b, p + 38) : 0, match, instructions,
  };
}

function of11Unsupported(): never {
  throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 FLOW_MOD is not supported');
}

/** rawName's checks for versions before OF1.4, which lack some of a flow mod's fields. */
function checkBefore14(m: FlowModMsg, v: number): void {
  if (v === 2) of11Unsupported();
  if (v === 1) {
    if (m.cookieMask !== 0n) checkNxtCookieFilter(m);
    if (m.outGroup !== OFPG_ANY) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 flow mods have no out_group');
    actionsForOf10(m.instructions);
  }
  if (m.importance !== 0) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'flow importance needs OpenFlow 1.4 or later');
}

/**
 * Throws unless OF1.0 flow mod 'm', which has a cookie mask, can carry it:
 * only NXT_FLOW_MOD can (OFPBRC_BAD_VERSION otherwise), only for a modify
 * or delete (NXBRC_NXM_INVALID for an add, as OVS answers), and not beside
 * an NXM_NX_COOKIE entry of its match (OFPBMC_DUP_FIELD).
 */
function checkNxtCookieFilter(m: FlowModMsg): void {
  if (m.format !== 'nxm') throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 flow mods have no cookie mask (NXT_FLOW_MOD carries one in its match)');
  if (!selectsByCookie(m.command)) throw new OfpCodecError('NXBRC_NXM_INVALID', `a flow mod command ${String(m.command)} cannot match a cookie`);
  if (hasNxmCookie(m.match)) throw new OfpCodecError('OFPBMC_DUP_FIELD', 'a cookie mask and an NXM_NX_COOKIE match entry');
}

/** Writes an NXT_FLOW_MOD body (a cookie filter as the match's last entry; see the file comment). */
function encodeNxt(m: FlowModMsg, v: number, w: WireWriter): void {
  const start = w.pos;
  const filtered = m.cookieMask !== 0n;
  w.u64(filtered ? filteredHeaderCookie(m.command) : m.cookie).u16(of10CommandWord(m));
  encodeOf10Tail(m, w);
  w.u16(0).zeros(6);
  const matchLen = encodeNxmMatch(w, m.match) + (filtered ? encodeNxmCookie(w, m.cookie, m.cookieMask) : 0);
  w.setU16(start + 24, matchLen);
  w.padTo(8, start + 32);
  encodeActions(w, actionsForOf10(m.instructions), v);
}

/** Writes an OF1.0 OFPT_FLOW_MOD body. */
function encode10(m: FlowModMsg, w: WireWriter): void {
  encodeOfp10Match(w, m.match);
  w.u64(m.cookie).u16(of10CommandWord(m));
  encodeOf10Tail(m, w);
  encodeActions(w, actionsForOf10(m.instructions), 1);
}

function badCommand(m: FlowModMsg): never {
  throw new OfpCodecError('OFPFMFC_BAD_COMMAND', `flow mod command ${String(m.command)}`);
}

/** Writes an OF1.2+ OFPT_FLOW_MOD body. */
function encodeStandard(m: FlowModMsg, v: number, w: WireWriter): void {
  const cmd = flowModCommandNumber(m.command);
  if (cmd < 0 || cmd > 0xff) badCommand(m);
  w.u64(m.cookie).u64(m.cookieMask).u16((tableIdOf(m) << 8) | cmd).u16(m.idleTimeout).u16(m.hardTimeout).u16(m.priority);
  w.u32(m.bufferId).u32(m.outPort).u32(m.outGroup).u16(wireFlags(m.flags, v)).u16(v >= 5 ? m.importance : 0);
  encodeOxmMatch(w, m.match);
  encodeInstructions(w, m.instructions, v);
}

/**
 * FLOW_MOD codec: OF1.0 (standard and NXT_FLOW_MOD) and OF1.2-1.5.  OF1.1
 * is not modelled (OFPBRC_BAD_VERSION).  Decoding checks structure only
 * (lengths, match and instruction/action syntax); whether the command,
 * flags and table make sense is for the switch to judge.
 */
export const flowModCodec: MessageCodec<FlowModMsg> = {
  type: 'flow_mod',
  raws: ['OFPT_FLOW_MOD', 'NXT_FLOW_MOD'],
  decode(raw, r, ctx) {
    if (raw.name === 'NXT_FLOW_MOD') return decodeNxt(r, ctx);
    if (ctx.version === 1) return decode10(r, ctx);
    if (ctx.version === 2) of11Unsupported();
    return decodeStandard(r, ctx);
  },
  rawName(m, v) {
    if (m.format === 'nxm' && v !== 1) {
      if (v === 2) of11Unsupported();
      throw new OfpCodecError('OFPBRC_BAD_VERSION', 'NXT_FLOW_MOD exists only in OpenFlow 1.0');
    }
    if (v < 5) checkBefore14(m, v);
    return m.format === 'nxm' ? 'NXT_FLOW_MOD' : 'OFPT_FLOW_MOD';
  },
  encode(m, v, w) {
    if (m.format === 'nxm') encodeNxt(m, v, w);
    else if (v === 1) encode10(m, w);
    else encodeStandard(m, v, w);
  },
};

/** The default priority of a flow, which ovs-ofctl leaves out of a match. */
export const OFP_DEFAULT_PRIORITY = 0x8000;

/**
 * 'match' with 'priority' as ovs-ofctl writes a flow's match:
 * "priority=N," first unless it is the default, then the fields.
 */
export function flowMatchText(match: Match, priority: number, version: number): string {
  const fields = matchToString(match, version);
  if (priority === OFP_DEFAULT_PRIORITY) return fields;
  return fields ? `priority=${priority},${fields}` : `priority=${priority}`;
}

const COMMAND_TEXT = { add: 'ADD', modify: 'MOD', modify_strict: 'MOD_STRICT', delete: 'DEL', delete_strict: 'DEL_STRICT' } as const;
const COOKIE_ALL_ONES = 0xffffffffffffffffn;

function flagsText(m: FlowModMsg): string {
  let s = '';
  if (m.flags & OFPFF_SEND_FLOW_REM) s += 'send_flow_rem ';
  if (m.flags & OFPFF_CHECK_OVERLAP) s += 'check_overlap ';
  if (m.flags & FLOW_MOD_EMERG) s += 'emerg ';
  if (m.flags & OFPFF12_RESET_COUNTS) s += 'reset_counts ';
  if (m.flags & OFPFF13_NO_PKT_COUNTS) s += 'no_packet_counts ';
  if (m.flags & OFPFF13_NO_BYT_COUNTS) s += 'no_byte_counts ';
  return s;
}

/**
 * The body of 'm' as ovs-ofctl prints a flow mod, e.g. "ADD table:2
 * priority=9,dl_dst=01:02:03:04:05:06 hard:60 importance:7
 * actions=meter:3,group:4".
 */
export function formatFlowMod(m: FlowModMsg): string {
  let s = typeof m.command === 'number' ? `cmd:${m.command}` : COMMAND_TEXT[m.command];
  if (m.tableId !== 0) s += ` table:${m.tableId === OFPTT_ALL ? 'ALL' : m.tableId}`;
  const match = flowMatchText(m.match, m.priority, m.version);
  s += match ? ` ${match} ` : ' ';
  const isAdd = m.command === 'add';
  if ((m.version === 1 || isAdd) && m.cookieMask === 0n && m.cookie !== 0n && m.cookie !== COOKIE_ALL_ONES) s += `cookie:0x${m.cookie.toString(16)} `;
  if (m.cookieMask !== 0n) s += `cookie:0x${m.cookie.toString(16)}/0x${m.cookieMask.toString(16)} `;
  if (m.idleTimeout) s += `idle:${m.idleTimeout} `;
  if (m.hardTimeout) s += `hard:${m.hardTimeout} `;
  if (m.importance) s += `importance:${m.importance} `;
  if (m.bufferId !== NO_BUFFER) s += `buf:0x${m.bufferId.toString(16)} `;
  if (m.outPort !== OFPP_ANY) s += `out_port:${portName(m.outPort, m.version)} `;
  if (m.outGroup !== OFPG_ANY) s += `out_group:${m.outGroup} `;
  return `${s}${flagsText(m)}actions=${instructionsToString(m.instructions, m.version)}`;
}
