/**
 * Packet-in: a switch hands a packet to its controller (reference §4.7).
 * One neutral 'packet_in' covers the version's own OFPT_PACKET_IN (the
 * "standard" format: OF1.0's fixed in_port, OF1.2's OXM match, OF1.3's
 * added cookie) and NXT_PACKET_IN (the "nxt" format, any version: an NXM
 * match).  The packet's metadata (in_port, tunnel, registers, ...) is a
 * Match (match.ts); in OF1.0's standard form it can only be in_port.
 *
 * This is the hot path of an OpenFlow switch's control channel: decoding
 * keeps the frame as a view of the message, and neither direction copies
 * more than the encoder's own output.
 */

import { be16, be32, be64 } from './big-endian.js';
import { OfpCodecError } from './codec-error.js';
import { decodeNxmMatch, decodeOxmMatch, encodeNxmMatch, encodeOxmMatch, type Match, matchToString } from './match.js';
import type { DecodeContext, MessageCodec, MsgBase } from './message.js';
import { portFrom10, portTo10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** The cookie of a packet-in that no flow's cookie applies to (and of every OF1.0/OF1.2 standard packet-in). */
export const NO_COOKIE = 0xffffffffffffffffn;
/** buffer_id of a packet that the switch did not buffer (the whole frame is in 'data'). */
export const NO_BUFFER = 0xffffffff;

/** OFPR_* wire reasons (reference §0.1). */
export const OFPR_NO_MATCH = 0;
export const OFPR_ACTION = 1;
export const OFPR_INVALID_TTL = 2;
export const OFPR_ACTION_SET = 3;
export const OFPR_GROUP = 4;
export const OFPR_PACKET_OUT = 5;

export interface PacketInMsg extends MsgBase {
  readonly type: 'packet_in';
  /** 'standard': the version's OFPT_PACKET_IN; 'nxt': NXT_PACKET_IN (reference §4.3.5). */
  readonly format: 'standard' | 'nxt';
  /** NO_BUFFER unless the switch kept the packet in a buffer. */
  readonly bufferId: number;
  /** Length of the whole frame; 'data' may be shorter when truncated. */
  readonly totalLen: number;
  /** The wire reason number (OFPR_*), already mapped for the version (reference §4.7.1). */
  readonly reason: number;
  /** Table the packet was looked up in; 0 in OF1.0 standard form, which has none. */
  readonly tableId: number;
  /** Cookie of the flow that sent the packet; NO_COOKIE in OF1.0/OF1.2 standard form, which have none. */
  readonly cookie: bigint;
  /** The packet's metadata: in OF1.0 standard form exactly one in_port field. */
  readonly match: Match;
  /** The frame (or its first bytes); decoding makes it a view into the message. */
  readonly data: Uint8Array;
}

/** The in_port field of an OF1.0 packet-in. */
function inPortMatch(port: number): Match {
  return [{ field: 'in_port', value: port }];
}

/**
 * The port of 'match' if it is one exact in_port field and nothing else,
 * else undefined: what OF1.0's standard PACKET_IN can carry.
 */
function inPortOnly(match: Match): number | undefined {
  if (match.length !== 1) return undefined;
  const f = match[0]!;
  if (f.field !== 'in_port' || f.mask !== undefined || typeof f.value !== 'number') return undefined;
  return f.value;
}

/** The 2 bytes of zeros OF1.2+ and NXT packet-ins put between the match and the frame. */
const FRAME_PAD = 2;

// Each layout has its own reader and writer, so that the hot one (OF1.3+ standard) is a small
// function V8 inlines whole into codec.ts's decode() and encode().

/** Reads an NXT_PACKET_IN body (any version). */
function decodeNxt(r: WireReader, ctx: DecodeContext): PacketInMsg {
  const bufferId = r.u32();
  const totalLen = r.u16();
  const reason = r.u8();
  const tableId = r.u8();
  const cookie = r.u64();
  const matchLen = r.u16();
  r.skip(6);
  const match = decodeNxmMatch(r, matchLen);
  r.skip(((matchLen + 7) & ~7) - matchLen + FRAME_PAD);
  return {
    type: 'packet_in', version: ctx.version, xid: ctx.xid, format: 'nxt', bufferId, totalLen, reason, tableId, cookie, match,
    data: r.rest(),
  };
}

/** Reads an OF1.0 OFPT_PACKET_IN body. */
function decode10(r: WireReader, ctx: DecodeContext): PacketInMsg {
  const bufferId = r.u32();
  const totalLen = r.u16();
  const inPort = portFrom10(r.u16());
  const reason = r.u8();
  r.skip(1);
  return {
    type: 'packet_in', version: 1, xid: ctx.xid, format: 'standard', bufferId, totalLen, reason, tableId: 0, cookie: NO_COOKIE,
    match: inPortMatch(inPort), data: r.rest(),
  };
}

/** Reads an OF1.2+ OFPT_PACKET_IN body (a cookie from OF1.3). */
function decodeStandard(r: WireReader, ctx: DecodeContext): PacketInMsg {
  const version = ctx.version;
  // The fixed fields are read in place after one bounds check (fewer checks, less code to inline).
  const fixed = version >= 4 ? 16 : 8;
  r.need(fixed);
  const b = r.buf;
  const p = r.pos;
  const bufferId = be32(b, p);
  const totalLen = be16(b, p + 4);
  const reason = b[p + 6]!;
  const tableId = b[p + 7]!;
  const cookie = version >= 4 ? be64(b, p + 8) : NO_COOKIE;
  r.pos = p + fixed;
  const match = decodeOxmMatch(r);
  r.skip(FRAME_PAD);
  return { type: 'packet_in', version, xid: ctx.xid, format: 'standard', bufferId, totalLen, reason, tableId, cookie, match, data: r.rest() };
}

function of11Unsupported(): never {
  throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 PACKET_IN is not supported');
}

/** rawName's checks of a standard packet-in for OF1.0-1.2, which lack some of its fields. */
function checkBefore13(m: PacketInMsg, v: number): void {
  if (v === 2) of11Unsupported();
  if (v === 1) {
    if (inPortOnly(m.match) === undefined) {
      throw new OfpCodecError('OFPBMC_BAD_FIELD', 'OpenFlow 1.0 PACKET_IN carries exactly an in_port and no other metadata');
    }
    if (m.tableId !== 0) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 PACKET_IN has no table id');
  }
  if (m.cookie !== NO_COOKIE) {
    throw new OfpCodecError('OFPBRC_BAD_VERSION', 'PACKET_IN has no cookie before OpenFlow 1.3 (use the nxt format)');
  }
}

/** Writes an NXT_PACKET_IN body. */
function encodeNxt(m: PacketInMsg, w: WireWriter): void {
  const start = w.pos;
  w.u32(m.bufferId).u16(m.totalLen).u8(m.reason).u8(m.tableId);
  w.u64(m.cookie);
  w.u16(0).zeros(6);
  const matchLen = encodeNxmMatch(w, m.match);
  w.setU16(start + 16, matchLen);
  w.padTo(8, start + 24).u16(0).bytes(m.data);
}

/** Writes an OF1.0 OFPT_PACKET_IN body (rawName checked that the match is one in_port). */
function encode10(m: PacketInMsg, w: WireWriter): void {
  w.u32(m.bufferId).u16(m.totalLen).u16(portTo10(inPortOnly(m.match)!)).u8(m.reason).u8(0).bytes(m.data);
}

/** Writes an OF1.2+ OFPT_PACKET_IN body. */
function encodeStandard(m: PacketInMsg, v: number, w: WireWriter): void {
  // total_len, reason and table_id go as one 32-bit word: one call for V8 to inline instead of three.
  w.u32(m.bufferId).u32((m.totalLen & 0xffff) * 0x10000 + ((m.reason & 0xff) << 8) + (m.tableId & 0xff));
  if (v >= 4) w.u64(m.cookie);
  encodeOxmMatch(w, m.match);
  w.u16(0).bytes(m.data);
}

/**
 * PACKET_IN codec: OF1.0 and OF1.2-1.5 OFPT_PACKET_IN, and NXT_PACKET_IN in
 * every version.  OF1.1's OFPT_PACKET_IN (in_port and in_phy_port fields)
 * is not modelled: decoding or encoding it throws OFPBRC_BAD_VERSION.
 */
export const packetInCodec: MessageCodec<PacketInMsg> = {
  type: 'packet_in',
  raws: ['OFPT_PACKET_IN', 'NXT_PACKET_IN'],
  decode(raw, r, ctx) {
    if (raw.name === 'NXT_PACKET_IN') return decodeNxt(r, ctx);
    if (ctx.version === 1) return decode10(r, ctx);
    if (ctx.version === 2) of11Unsupported();
    return decodeStandard(r, ctx);
  },
  rawName(m, v) {
    if (m.format === 'nxt') return 'NXT_PACKET_IN';
    if (v < 4) checkBefore13(m, v);
    return 'OFPT_PACKET_IN';
  },
  encode(m, v, w) {
    if (m.format === 'nxt') encodeNxt(m, w);
    else if (v === 1) encode10(m, w);
    else encodeStandard(m, v, w);
  },
};

const REASON_NAMES = ['no_match', 'action', 'invalid_ttl', 'action_set', 'group', 'packet_out'];

/**
 * The body of 'm' as ovs-ofctl prints a packet-in's first line, e.g.
 * "table_id=3 cookie=0xabc total_len=64 in_port=1 (via action) data_len=64
 * buffer=0x00000100".  The frame itself is not dissected.
 */
export function formatPacketIn(m: PacketInMsg): string {
  let s = '';
  if (m.tableId) s += `table_id=${m.tableId} `;
  if (m.cookie !== NO_COOKIE) s += `cookie=0x${m.cookie.toString(16)} `;
  s += `total_len=${m.totalLen} ${matchToString(m.match, m.version)} (via ${REASON_NAMES[m.reason] ?? m.reason}) data_len=${m.data.length}`;
  if (m.bufferId === NO_BUFFER) {
    s += ' (unbuffered)';
    if (m.totalLen !== m.data.length) s += ' (***total_len != data_len***)';
  } else {
    s += ` buffer=0x${m.bufferId.toString(16).padStart(8, '0')}`;
  }
  return s;
}
