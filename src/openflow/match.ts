/**
 * Flow matches: one neutral form (an ordered list of fields, oxm.ts names)
 * and its three wire forms, OpenFlow 1.0's fixed 40-byte ofp_match, the
 * Nicira NXM TLV list (OF1.0 with the NXM flow format) and the OF1.2+ OXM
 * ofp_match (type 1, length, TLVs, padding to 8), plus single OXM TLVs for
 * set_field actions, the NXM_NX_COOKIE pseudo-field with which Nicira's
 * flow statistics requests filter on a cookie (takeNxmCookie,
 * encodeNxmCookie), and an ovs-ofctl style text form for the printer.
 * OpenFlow 1.1's fixed "standard" match is not modelled: a match of type 0
 * is refused with OFPBMC_BAD_TYPE.
 *
 * The message families that carry a match (PACKET_IN, FLOW_MOD,
 * FLOW_REMOVED, flow stats, ...) call these functions; actions.ts uses the
 * single-TLV pair.  Decoders throw OfpCodecError with the OFPBMC_* error a
 * switch answers with, as Open vSwitch's lib/nx-match.c and lib/ofp-match.c
 * would; encoders throw OfpCodecError when a match cannot be expressed in
 * the requested form.
 *
 * Normalisations (a decode followed by an encode is otherwise byte for byte
 * the same):
 *  - OXM/NXM: a Nicira-class TLV that duplicates a basic field (say
 *    NXM_OF_ETH_DST inside an OXM match) decodes under the basic name and is
 *    written back in the basic form; NXM has no tunnel_id, vlan_vid or
 *    vlan_pcp, so an NXM encoder writes NXM_NX_TUN_ID and NXM_OF_VLAN_TCI
 *    for them, which decode as tun_id and vlan_tci.
 *  - OF1.0: bytes under a set wildcard bit and address bits outside an
 *    nw_src/nw_dst prefix are not part of the match and are written back as
 *    zeros; the ECN bits of nw_tos are dropped (ip_dscp = nw_tos >> 2); the
 *    wildcard bits above bit 21 are dropped.  A fully wildcarded nw_src or
 *    nw_dst is written with OVS's count 32 unless the match came from
 *    decodeOfp10Match, which remembers the count it read (os-ken writes 63).
 */

import { OfpCodecError } from './codec-error.js';
import { isMac, macFromBytes, macToBytes } from './ethernet-address.js';
import {
  ipv4FromU32, ipv4Netmask, ipv4PrefixLen, ipv6FromBytes, parseIpv4, parseIpv6,
} from './ip-address.js';
import type { OfpErrName } from './ofperr.js';
import { copyTlv } from './opaque-tlv.js';
import { be16, be32 } from './big-endian.js';
import {
  FIELDS, OFPXMC_EXPERIMENTER, oxmFieldByName, oxmFieldByWire, type OxmField, type OxmFieldName, type OxmWireForm,
} from './oxm.js';
import { OFPP_MAX, portFrom10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

export type { OxmFieldName } from './oxm.js';

/**
 * A field value: number for fields up to 32 bits, bigint for 64-bit fields
 * (metadata, tunnel_id, tun_id), string for Ethernet ("aa:55:aa:55:00:01",
 * lower case), IPv4 ("10.0.0.1") and IPv6 (RFC 5952 canonical) addresses.
 */
export type FieldValue = number | bigint | string;

/**
 * One match entry: a modelled field with its value and optional mask, or an
 * OXM/NXM TLV the codec does not model (experimenter OXMs included), kept
 * whole (header and body) and written back unchanged.
 */
export type MatchField =
  | { readonly field: OxmFieldName; readonly value: FieldValue; readonly mask?: FieldValue }
  | { readonly field: 'opaque'; readonly tlv: Uint8Array };

/** A match: fields in wire order; an empty array matches everything. */
export type Match = readonly MatchField[];

/** OFPMT_STANDARD (OF1.1) and OFPMT_OXM (OF1.2+) match types. */
const OFPMT_STANDARD = 0;
const OFPMT_OXM = 1;

const ETH_TYPE_ARP = 0x0806;
const IPPROTO_ICMP = 1;
const IPPROTO_UDP = 17;
const IPPROTO_SCTP = 132;

/** Scratch space for address bytes; encoders are synchronous. */
const scratch = new Uint8Array(32);

function bad(err: OfpErrName, detail: string, offset?: number): never {
  throw new OfpCodecError(err, detail, offset);
}

/* ---------------------------------------------------------------------- */
/* Single TLVs.                                                            */

/** Reads a 'uint' value of 'len' bytes at 'p'. */
function readUint(b: Uint8Array, p: number, len: number): number {
  switch (len) {
    case 1: return b[p]!;
    case 2: return be16(b, p);
    case 3: return (b[p]! << 16) | be16(b, p + 1);
    default: return be32(b, p);
  }
}

/** Reads a 64-bit value at 'p'. */
function readUint64(b: Uint8Array, p: number): bigint {
  return (BigInt(be32(b, p)) << 32n) | BigInt(be32(b, p + 4));
}

/** Wire value 'v' of a form that shifts the neutral value left; OFPBMC_BAD_VALUE if its low bits are set. */
function unshift(f: OxmField, form: OxmWireForm, v: number, at: number): number {
  if (v & ((1 << form.shift) - 1)) bad('OFPBMC_BAD_VALUE', `${f.name}: low bits of ${v} must be zero`, at);
  return v >>> form.shift;
}

// The readers and writers below are on every packet-in's and flow mod's path: their error
// messages are built in separate functions, which keeps them small enough for V8 to inline.

/** The neutral value of the 'form.len' bytes at 'p' (a value or a mask). */
function readValue(f: OxmField, form: OxmWireForm, b: Uint8Array, p: number, isMask: boolean, at: number): FieldValue {
  switch (f.format) {
    case 'uint': {
      let v = readUint(b, p, form.len);
      if (form.shift) v = unshift(f, form, v, at);
      if (form.port16 && !isMask) v = portFrom10(v);
      if (!isMask && v > f.maxValue) bad('OFPBMC_BAD_VALUE', `${f.name}: ${v} exceeds ${f.maxValue}`, at);
      return v;
    }
    case 'uint64':
      return readUint64(b, p);
    case 'mac':
      return macFromBytes(b, p);
    case 'ipv4':
      return ipv4FromU32(readUint(b, p, 4));
    case 'ipv6':
      return ipv6FromBytes(b, p);
  }
}

/**
 * Reads one OXM/NXM TLV at 'r' into a MatchField.  A TLV of a class or
 * field number the table does not model is returned opaque (a copy of its
 * bytes).  Throws OfpCodecError OFPBMC_BAD_LEN if the TLV is cut short or
 * its length does not fit the field, OFPBMC_BAD_MASK for a mask on a field
 * that takes none, OFPBMC_BAD_WILDCARDS for value bits outside the mask,
 * OFPBMC_BAD_VALUE for a value out of the field's range.
 */
export function decodeOxmField(r: WireReader): MatchField {
  const at = r.pos;
  const mf = readTlv(r.buf, at, r.end);
  r.pos = at + 4 + r.buf[at + 3]!;
  return mf;
}

/**
 * decodeOxmField for the TLV at 'at' in 'b', which must end by 'end' (for
 * a caller that has no reader there, such as a set_field action).  The TLV
 * ends at at + 4 + b[at + 3].
 */
export function decodeOxmFieldAt(b: Uint8Array, at: number, end: number): MatchField {
  return readTlv(b, at, end);
}

/**
 * Index (in FIELDS) of the field the last readTlv call returned, -1 for an
 * opaque TLV: a second result without allocating, read right after the call.
 */
let lastIndex = -1;

/** Throws the OFPBMC_BAD_LEN of a TLV at 'at' whose header or body does not fit before 'end'. */
function badTlvLength(b: Uint8Array, at: number, end: number): never {
  if (end - at < 4) bad('OFPBMC_BAD_LEN', `partial OXM header (${end - at} bytes)`, at);
  const h = be32(b, at);
  bad('OFPBMC_BAD_LEN', `OXM ${h.toString(16)} needs ${h & 0xff} bytes, ${end - at - 4} left`, at);
}

/** A TLV the table does not model, kept whole; OFPBMC_BAD_LEN for an experimenter OXM too short for its id. */
function opaqueTlv(b: Uint8Array, at: number, len: number): MatchField {
  if (b[at] === 0xff && b[at + 1] === 0xff && len < 4) bad('OFPBMC_BAD_LEN', `experimenter OXM of length ${len}`, at);
  return { field: 'opaque', tlv: copyTlv(b, at, at + 4 + len) };
}

/** Throws the error of a TLV at 'at' of a modelled field whose length or mask is wrong. */
function badFieldTlv(field: OxmField, form: OxmWireForm, len: number, hasMask: boolean, at: number): never {
  if (len !== (hasMask ? 2 * form.len : form.len)) {
    bad('OFPBMC_BAD_LEN', `${field.name}: length ${len} for a ${form.len}-byte field${hasMask ? ' with mask' : ''}`, at);
  }
  bad('OFPBMC_BAD_MASK', `${field.name} cannot be masked`, at);
}

/** decodeOxmFieldAt, also setting 'lastIndex'. */
function readTlv(b: Uint8Array, at: number, end: number): MatchField {
  if (end - at < 4 || at + 4 + b[at + 3]! > end) badTlvLength(b, at, end);
  const h = be32(b, at);
  const len = h & 0xff;
  const oxmClass = h >>> 16;
  const entry = oxmClass === OFPXMC_EXPERIMENTER ? undefined : oxmFieldByWire(oxmClass, (h >>> 9) & 0x7f);
  if (entry === undefined) {
    lastIndex = -1;
    return opaqueTlv(b, at, len);
  }
  const field = entry.field;
  const form = entry.form;
  lastIndex = field.index;
  const p = at + 4;
  if ((h & 0x100) === 0) {
    if (len !== form.len) badFieldTlv(field, form, len, false, at);
    return { field: field.name, value: readValue(field, form, b, p, false, at) };
  }
  if (len !== 2 * form.len || !field.maskable) badFieldTlv(field, form, len, true, at);
  for (let i = 0; i < form.len; i++) {
    if (b[p + i]! & ~b[p + form.len + i]!) bad('OFPBMC_BAD_WILDCARDS', `${field.name}: value bits outside the mask`, at);
  }
  return {
    field: field.name,
    value: readValue(field, form, b, p, false, at),
    mask: readValue(field, form, b, p + form.len, true, at),
  };
}

/** The wire bytes of neutral 'v' for field 'f' in 'form', into 'out' at 'off'. */
function valueBytes(f: OxmField, form: OxmWireForm, v: FieldValue, isMask: boolean, out: Uint8Array, off: number): void {
  switch (f.format) {
    case 'uint': {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > f.maxValue) {
        bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not an integer 0-${f.maxValue}`);
      }
      let x = v;
      if (form.port16 && !isMask) {
        if (x >= 0xff00 && x < OFPP_MAX) bad('OFPBMC_BAD_VALUE', `in_port ${x} has no 16-bit OpenFlow 1.0 number`);
        x = x >= OFPP_MAX ? x - 0xffff0000 : x;
      }
      x = form.shift ? x << form.shift : x;
      for (let i = form.len - 1; i >= 0; i--) {
        out[off + i] = x & 0xff;
        x = Math.floor(x / 256);
      }
      return;
    }
    case 'uint64': {
      let x: bigint;
      if (typeof v === 'bigint') x = v;
      else if (typeof v === 'number' && Number.isSafeInteger(v)) x = BigInt(v);
      else bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not a 64-bit integer`);
      if (x < 0n || x > 0xffffffffffffffffn) bad('OFPBMC_BAD_VALUE', `${f.name}: ${x} is not a 64-bit integer`);
      for (let i = 7; i >= 0; i--) {
        out[off + i] = Number(x & 0xffn);
        x >>= 8n;
      }
      return;
    }
    case 'mac':
      if (typeof v !== 'string') bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not an Ethernet address`);
      macToBytes(v, out, off, 'OFPBMC_BAD_VALUE');
      return;
    case 'ipv4': {
      const n = typeof v === 'string' ? parseIpv4(v) : -1;
      if (n < 0) bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not an IPv4 address`);
      out[off] = n >>> 24;
      out[off + 1] = (n >>> 16) & 0xff;
      out[off + 2] = (n >>> 8) & 0xff;
      out[off + 3] = n & 0xff;
      return;
    }
    case 'ipv6':
      if (typeof v !== 'string' || !parseIpv6(v, out, off)) bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not an IPv6 address`);
      return;
  }
}

/** True if 'v' is an integer from 0 to 'max'. */
function isUint(v: FieldValue | undefined, max: number): v is number {
  return typeof v === 'number' && v >= 0 && v <= max && Number.isInteger(v);
}

/** Writes the valid 'len'-byte unsigned value 'v'. */
function writeUint(w: WireWriter, len: number, v: number): void {
  if (len === 4) w.u32(v);
  else if (len === 2) w.u16(v);
  else if (len === 1) w.u8(v);
  else w.u8(v >>> 16).u16(v & 0xffff);
}

/** The address of IPv4 field 'f''s 'v' as a 32-bit number; OFPBMC_BAD_VALUE if it is not one. */
function ipv4Value(f: OxmField, v: FieldValue): number {
  const n = typeof v === 'string' ? parseIpv4(v) : -1;
  if (n < 0) bad('OFPBMC_BAD_VALUE', `${f.name}: ${String(v)} is not an IPv4 address`);
  return n;
}

/** Writes field 'f' with 'value' (and 'mask') as one TLV in 'form'. */
function writeTlv(w: WireWriter, f: OxmField, form: OxmWireForm, value: FieldValue, mask: FieldValue | undefined): void {
  if (mask !== undefined && !f.maskable) bad('OFPBMC_BAD_MASK', `${f.name} cannot be masked`);
  // Integers and IPv4 addresses, the common cases, go straight to 'w'; the rest through valueBytes and scratch.
  if (f.format === 'uint' && !form.port16 && !form.shift && isUint(value, f.maxValue)) {
    if (mask === undefined) {
      w.u32(form.header);
      writeUint(w, form.len, value);
      return;
    }
    if (isUint(mask, f.maxValue)) {
      if (value & ~mask) bad('OFPBMC_BAD_WILDCARDS', `${f.name}: value bits outside the mask`);
      w.u32(form.maskedHeader);
      writeUint(w, form.len, value);
      writeUint(w, form.len, mask);
      return;
    }
  } else if (f.format === 'ipv4') {
    const v = ipv4Value(f, value);
    if (mask === undefined) {
      w.u32(form.header).u32(v);
      return;
    }
    const m = ipv4Value(f, mask);
    if (v & ~m) bad('OFPBMC_BAD_WILDCARDS', `${f.name}: value bits outside the mask`);
    w.u32(form.maskedHeader).u32(v).u32(m);
    return;
  }
  if (mask === undefined) {
    valueBytes(f, form, value, false, scratch, 0);
    w.u32(form.header);
    w.bytesOf(scratch, 0, form.len);
    return;
  }
  valueBytes(f, form, value, false, scratch, 0);
  valueBytes(f, form, mask, true, scratch, form.len);
  for (let i = 0; i < form.len; i++) {
    if (scratch[i]! & ~scratch[form.len + i]!) bad('OFPBMC_BAD_WILDCARDS', `${f.name}: value bits outside the mask`);
  }
  w.u32(form.maskedHeader);
  w.bytesOf(scratch, 0, 2 * form.len);
}

/** Writes an opaque TLV as kept; OFPBMC_BAD_LEN if its bytes are not one TLV. */
function writeOpaque(w: WireWriter, tlv: Uint8Array): void {
  if (tlv.length < 4 || tlv[3] !== tlv.length - 4) bad('OFPBMC_BAD_LEN', `opaque TLV of ${tlv.length} bytes is not one OXM`);
  w.bytes(tlv);
}

function fieldOf(name: string): OxmField {
  const f = oxmFieldByName(name);
  if (f === undefined) bad('OFPBMC_BAD_FIELD', `unknown match field "${name}"`);
  return f;
}

/**
 * Writes 'f' as one OXM TLV (the OF1.2+ form: basic class for OpenFlow
 * fields, Nicira classes for Nicira fields); an opaque field is written as
 * kept.  Throws OfpCodecError OFPBMC_BAD_FIELD for an unknown name,
 * OFPBMC_BAD_VALUE for a value the field cannot hold, OFPBMC_BAD_MASK for a
 * mask on a field that takes none, OFPBMC_BAD_WILDCARDS for value bits
 * outside the mask.
 */
export function encodeOxmField(w: WireWriter, f: MatchField): void {
  if (f.field === 'opaque') {
    writeOpaque(w, f.tlv);
    return;
  }
  const field = fieldOf(f.field);
  writeTlv(w, field, field.oxm, f.value, f.mask);
}

/* ---------------------------------------------------------------------- */
/* TLV lists: OXM and NXM matches.                                         */

/**
 * Duplicate detection without allocating: each match being read or written
 * takes a new stamp, and a field is a duplicate if its slot already holds
 * that stamp.  (Codecs are synchronous and never nest two matches.)
 */
const seenStamps = new Uint32Array(FIELDS.length);
let lastStamp = 0;

/** A stamp no slot holds yet. */
function newStamp(): number {
  if (++lastStamp === 0xffffffff) {
    seenStamps.fill(0);
    lastStamp = 1;
  }
  return lastStamp;
}

/** Marks field 'index' with 'stamp'; returns false if it already had it (a duplicate). */
function markSeen(index: number, stamp: number): boolean {
  if (seenStamps[index] === stamp) return false;
  seenStamps[index] = stamp;
  return true;
}

/**
 * Reads 'len' bytes of TLVs from 'r', refusing a field seen twice.  A TLV
 * that would cross the end is OFPBMC_BAD_LEN.
 */
function decodeTlvs(r: WireReader, len: number): MatchField[] {
  if (len === 0) return [];
  const end = r.pos + len;
  if (end > r.end) badMatchLength(r, len);
  const stamp = newStamp();
  const b = r.buf;
  const first = readTlv(b, r.pos, end);
  r.pos += 4 + b[r.pos + 3]!;
  if (lastIndex >= 0) markSeen(lastIndex, stamp);
  // An array literal is sized exactly; one grown by push() has room for 16 (most packet-ins have one field).
  return r.pos === end ? [first] : decodeMoreTlvs(r, end, stamp, first);
}

/** decodeTlvs for a match of more than one field, 'first' already read. */
function decodeMoreTlvs(r: WireReader, end: number, stamp: number, first: MatchField): MatchField[] {
  const out = [first];
  const b = r.buf;
  while (r.pos < end) {
    const at = r.pos;
    const mf = readTlv(b, at, end);
    r.pos = at + 4 + b[at + 3]!;
    if (lastIndex >= 0 && !markSeen(lastIndex, stamp)) duplicate(mf, at);
    out.push(mf);
  }
  return out;
}

function badMatchLength(r: WireReader, len: number): never {
  bad('OFPBMC_BAD_LEN', `match of ${len} bytes, ${r.remaining} left`, r.pos);
}

function duplicate(mf: MatchField, at?: number): never {
  bad('OFPBMC_DUP_FIELD', `${mf.field} appears twice`, at);
}

/** Throws the error of the ofp_match header at 'r', which decodeOxmMatch found wrong. */
function badMatchHeader(r: WireReader): never {
  const at = r.pos;
  if (r.remaining < 4) bad('OFPBMC_BAD_LEN', `match header needs 4 bytes, ${r.remaining} left`, at);
  const type = be16(r.buf, at);
  const length = be16(r.buf, at + 2);
  if (length < 4) bad('OFPBMC_BAD_LEN', `match length ${length} below 4`, at);
  if (type !== OFPMT_OXM) {
    bad('OFPBMC_BAD_TYPE', type === OFPMT_STANDARD ? 'OpenFlow 1.1 standard matches are not supported' : `match type ${type}`, at);
  }
  const padded = (length + 7) & ~7;
  bad('OFPBMC_BAD_LEN', `match of ${padded} bytes (padded), ${r.end - at} left`, at);
}

/**
 * Reads an OF1.2+ ofp_match at 'r': type, length, OXM TLVs and the padding
 * that brings it to a multiple of 8.  Throws OfpCodecError OFPBMC_BAD_TYPE
 * unless the type is OFPMT_OXM (OF1.1's standard match is not supported),
 * OFPBMC_BAD_LEN for a length below 4 or past the end of 'r', and the
 * errors of decodeOxmField plus OFPBMC_DUP_FIELD for a repeated field.
 */
export function decodeOxmMatch(r: WireReader): Match {
  const at = r.pos;
  const b = r.buf;
  if (r.remaining < 4) badMatchHeader(r);
  const length = be16(b, at + 2);
  const padded = (length + 7) & ~7;
  if (length < 4 || be16(b, at) !== OFPMT_OXM || at + padded > r.end) badMatchHeader(r);
  r.pos = at + 4;
  const m = decodeTlvs(r, length - 4);
  r.pos = at + padded;
  return m;
}

/**
 * Writes 'm' as an OF1.2+ ofp_match (type OFPMT_OXM, length, TLVs, zero
 * padding to a multiple of 8).  Throws OfpCodecError as encodeOxmField
 * does, OFPBMC_DUP_FIELD if a field appears twice, OFPBMC_BAD_LEN if an
 * opaque entry is not one TLV or the match passes 65535 bytes.
 */
export function encodeOxmMatch(w: WireWriter, m: Match): void {
  const start = w.pos;
  w.u16(OFPMT_OXM).u16(0);
  const stamp = newStamp();
  for (const f of m) {
    if (f.field === 'opaque') {
      writeOpaque(w, f.tlv);
      continue;
    }
    const field = fieldOf(f.field);
    if (!markSeen(field.index, stamp)) duplicate(f);
    writeTlv(w, field, field.oxm, f.value, f.mask);
  }
  const len = w.pos - start;
  if (len > 0xffff) tooLong(len);
  w.setU16(start + 2, len);
  writePadding(w, len);
}

function tooLong(len: number): never {
  bad('OFPBMC_BAD_LEN', `match of ${len} bytes`);
}

/** Writes the zero bytes that bring 'len' to a multiple of 8. */
function writePadding(w: WireWriter, len: number): void {
  let pad = (8 - (len & 7)) & 7;
  if (pad >= 4) {
    w.u32(0);
    pad -= 4;
  }
  if (pad >= 2) {
    w.u16(0);
    pad -= 2;
  }
  if (pad) w.u8(0);
}

/**
 * Reads exactly 'matchLen' bytes of NXM TLVs at 'r' (no padding; the
 * caller skips it).  Throws OfpCodecError OFPBMC_BAD_LEN if 'matchLen'
 * bytes are not there or a TLV crosses the end, and the errors of
 * decodeOxmField plus OFPBMC_DUP_FIELD.
 */
export function decodeNxmMatch(r: WireReader, matchLen: number): Match {
  const at = r.pos;
  if (matchLen < 0 || at + matchLen > r.end) bad('OFPBMC_BAD_LEN', `nx_match of ${matchLen} bytes, ${r.end - at} left`, at);
  const m = decodeTlvs(r, matchLen);
  r.pos = at + matchLen;
  return m;
}

/** NXM_NX_COOKIE and NXM_NX_COOKIE_W: the flow cookie as a pseudo-field of NXM matches. */
const NXM_NX_COOKIE = 0x00013c08;
const NXM_NX_COOKIE_W = 0x00013d10;
const ALL64 = 0xffffffffffffffffn;

/** A match with the cookie filter its NXM form carried taken out of it. */
export interface NxmCookieSplit {
  readonly match: Match;
  /** The cookie and the bits of it that must match; both 0 for no NXM_NX_COOKIE entry. */
  readonly cookie: bigint;
  readonly cookieMask: bigint;
}

/** The 64-bit big-endian value at 'p' of 'b'. */
function u64At(b: Uint8Array, p: number): bigint {
  return (BigInt(be32(b, p)) << 32n) | BigInt(be32(b, p + 4));
}

/**
 * Takes the NXM_NX_COOKIE / NXM_NX_COOKIE_W entry (which decodeNxmMatch
 * leaves opaque) out of NXM match 'm': the pseudo-field with which
 * Nicira's flow statistics requests (and flow mods) filter on a cookie.
 * Returns the match without it and the cookie and mask (mask all ones for
 * NXM_NX_COOKIE).  Throws OfpCodecError OFPBMC_DUP_FIELD for two such
 * entries and OFPBMC_BAD_WILDCARDS for cookie bits outside the mask, as
 * Open vSwitch's nx_pull_match does.
 */
export function takeNxmCookie(m: Match): NxmCookieSplit {
  let found: Uint8Array | undefined;
  for (const f of m) {
    if (f.field !== 'opaque' || f.tlv.length < 4) continue;
    const h = be32(f.tlv, 0);
    if (h !== NXM_NX_COOKIE && h !== NXM_NX_COOKIE_W) continue;
    if (found) bad('OFPBMC_DUP_FIELD', 'NXM_NX_COOKIE appears twice');
    found = f.tlv;
  }
  if (!found) return { match: m, cookie: 0n, cookieMask: 0n };
  const cookie = u64At(found, 4);
  const cookieMask = found.length === 20 ? u64At(found, 12) : ALL64;
  if (cookie & ~cookieMask) bad('OFPBMC_BAD_WILDCARDS', 'NXM_NX_COOKIE: value bits outside the mask');
  const tlv = found;
  return { match: m.filter((f) => f.field !== 'opaque' || f.tlv !== tlv), cookie, cookieMask };
}

/**
 * Writes the NXM_NX_COOKIE entry of a cookie filter (NXM_NX_COOKIE_W
 * unless 'cookieMask' is all ones; nothing for mask 0), the cookie cut to
 * its mask as Open vSwitch's nx_put_match writes it.  Returns the bytes
 * written.  Throws OfpCodecError OFPBMC_BAD_VALUE for a cookie or mask
 * that is not a 64-bit number.
 */
export function encodeNxmCookie(w: WireWriter, cookie: bigint, cookieMask: bigint): number {
  if (cookieMask === 0n) return 0;
  if (cookie < 0n || cookie > ALL64 || cookieMask < 0n || cookieMask > ALL64) {
    bad('OFPBMC_BAD_VALUE', `cookie 0x${cookie.toString(16)}/0x${cookieMask.toString(16)} is not 64 bits`);
  }
  if (cookieMask === ALL64) {
    w.u32(NXM_NX_COOKIE).u64(cookie);
    return 12;
  }
  w.u32(NXM_NX_COOKIE_W).u64(cookie & cookieMask).u64(cookieMask);
  return 20;
}

/** True if 'm' holds an entry (kept opaque) that is NXM's cookie pseudo-field. */
export function hasNxmCookie(m: Match): boolean {
  return m.some((f) => f.field === 'opaque' && f.tlv.length >= 4 && (be32(f.tlv, 0) === NXM_NX_COOKIE || be32(f.tlv, 0) === NXM_NX_COOKIE_W));
}

/** The vlan_tci value and mask equivalent to vlan_vid/vlan_pcp entries. */
function vlanTciFrom(vid: MatchField | undefined, pcp: MatchField | undefined): { value: number; mask: number } {
  let value = 0;
  let mask = 0;
  if (vid && vid.field !== 'opaque') {
    const v = vid.value;
    const vm = vid.mask ?? 0x1fff;
    if (typeof v !== 'number' || typeof vm !== 'number' || v > 0x1fff || vm > 0x1fff || v < 0 || vm < 0 || (v & ~vm)) {
      bad('OFPBMC_BAD_VALUE', `vlan_vid ${String(v)}/${String(vm)}`);
    }
    value |= v;
    mask |= vm;
  }
  if (pcp && pcp.field !== 'opaque') {
    const p = pcp.value;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 7 || pcp.mask !== undefined) {
      bad('OFPBMC_BAD_VALUE', `vlan_pcp ${String(p)}`);
    }
    // A priority implies a VLAN header (the CFI bit).
    value |= (p << 13) | 0x1000;
    mask |= 0xe000 | 0x1000;
  }
  return { value, mask };
}

/**
 * Writes 'm' as NXM TLVs (Nicira classes 0x0000/0x0001, as Open vSwitch
 * writes OF1.0 NXM matches) and returns the number of bytes written; the
 * caller pads.  vlan_vid and vlan_pcp become one NXM_OF_VLAN_TCI entry where
 * the first of them stood, tunnel_id becomes NXM_NX_TUN_ID.  Throws
 * OfpCodecError OFPBMC_BAD_FIELD for a field NXM cannot carry (in_phy_port,
 * metadata, sctp ports, MPLS, PBB, ...), OFPBMC_DUP_FIELD for a repeated
 * field (vlan_tci together with vlan_vid or vlan_pcp included), and the
 * errors of encodeOxmField.
 */
export function encodeNxmMatch(w: WireWriter, m: Match): number {
  const start = w.pos;
  const stamp = newStamp();
  let vid: MatchField | undefined;
  let pcp: MatchField | undefined;
  for (const f of m) {
    if (f.field === 'vlan_vid') vid = f;
    else if (f.field === 'vlan_pcp') pcp = f;
  }
  const tci = vid || pcp ? fieldOf('vlan_tci') : undefined;
  let tciDone = false;
  for (const f of m) {
    if (f.field === 'opaque') {
      writeOpaque(w, f.tlv);
      continue;
    }
    const field = fieldOf(f.field);
    if (!markSeen(field.index, stamp)) bad('OFPBMC_DUP_FIELD', `${f.field} appears twice`);
    if (tci && (f.field === 'vlan_vid' || f.field === 'vlan_pcp' || f.field === 'vlan_tci')) {
      if (f.field === 'vlan_tci') bad('OFPBMC_DUP_FIELD', 'vlan_tci together with vlan_vid or vlan_pcp');
      if (!tciDone) {
        const t = vlanTciFrom(vid, pcp);
        writeTlv(w, tci, tci.oxm, t.value, t.mask === 0xffff ? undefined : t.mask);
        tciDone = true;
      }
      continue;
    }
    if (field.nxm === undefined) bad('OFPBMC_BAD_FIELD', `${f.field} has no NXM form`);
    writeTlv(w, field, field.nxm, f.value, f.mask);
  }
  return w.pos - start;
}

/* ---------------------------------------------------------------------- */
/* OpenFlow 1.0 ofp_match.                                                 */

const OFPFW10_IN_PORT = 1 << 0;
const OFPFW10_DL_VLAN = 1 << 1;
const OFPFW10_DL_SRC = 1 << 2;
const OFPFW10_DL_DST = 1 << 3;
const OFPFW10_DL_TYPE = 1 << 4;
const OFPFW10_NW_PROTO = 1 << 5;
const OFPFW10_TP_SRC = 1 << 6;
const OFPFW10_TP_DST = 1 << 7;
const OFPFW10_NW_SRC_SHIFT = 8;
const OFPFW10_NW_DST_SHIFT = 14;
const OFPFW10_DL_VLAN_PCP = 1 << 20;
const OFPFW10_NW_TOS = 1 << 21;
const OFPFW10_ALL = (1 << 22) - 1;
const OFP10_VLAN_NONE = 0xffff;
/** Size of ofp_match in OpenFlow 1.0. */
export const OFP10_MATCH_LEN = 40;

/**
 * Where decodeOfp10Match records the wildcard counts (above 32) it read for
 * absent nw_src/nw_dst, so that encodeOfp10Match writes them back.  Not
 * enumerable: invisible to comparisons and JSON.
 */
const OFP10_NW_WILDCARDS = Symbol('ofp10NwWildcards');

interface Ofp10Hint {
  [OFP10_NW_WILDCARDS]?: number;
}

/** The transport field names OF1.0's tp_src/tp_dst stand for under 'nwProto'. */
function tpNames(nwProto: number | undefined): readonly [OxmFieldName, OxmFieldName] {
  switch (nwProto) {
    case IPPROTO_UDP: return ['udp_src', 'udp_dst'];
    case IPPROTO_SCTP: return ['sctp_src', 'sctp_dst'];
    case IPPROTO_ICMP: return ['icmpv4_type', 'icmpv4_code'];
    default: return ['tcp_src', 'tcp_dst'];
  }
}

/** tp_src or tp_dst under the name 'name'; an ICMP type or code must fit 8 bits. */
function tpField(name: OxmFieldName, v: number, at: number): MatchField {
  if ((name === 'icmpv4_type' || name === 'icmpv4_code') && v > 0xff) bad('OFPBMC_BAD_VALUE', `${name} ${v}`, at);
  return { field: name, value: v };
}

/** A prefix of 'bits' significant bits as a (value, mask) entry; undefined if fully wild. */
function cidrField(name: OxmFieldName, addr: number, wildBits: number): MatchField | undefined {
  if (wildBits >= 32) return undefined;
  if (wildBits === 0) return { field: name, value: ipv4FromU32(addr) };
  const mask = ipv4Netmask(32 - wildBits);
  return { field: name, value: ipv4FromU32((addr & mask) >>> 0), mask: ipv4FromU32(mask) };
}

/**
 * Reads OpenFlow 1.0's 40-byte ofp_match at 'r'.  Fields whose wildcard bit
 * is set do not appear in the result.  nw_proto, nw_src and nw_dst are
 * arp_op, arp_spa and arp_tpa when dl_type is exactly ARP; tp_src/tp_dst are
 * udp_, sctp_ or icmpv4_type/code by nw_proto, else tcp_ ports.  Throws
 * OfpCodecError OFPBMC_BAD_LEN if 40 bytes are not there, OFPBMC_BAD_VALUE
 * for a dl_vlan, dl_vlan_pcp or ICMP type/code out of range.
 */
export function decodeOfp10Match(r: WireReader): Match {
  const at = r.pos;
  if (r.remaining < OFP10_MATCH_LEN) bad('OFPBMC_BAD_LEN', `ofp_match needs 40 bytes, ${r.remaining} left`, at);
  const b = r.buf;
  const wc = be32(b, at) & OFPFW10_ALL;
  const out: MatchField[] = [];
  if (!(wc & OFPFW10_IN_PORT)) out.push({ field: 'in_port', value: portFrom10(be16(b, at + 4)) });
  if (!(wc & OFPFW10_DL_SRC)) out.push({ field: 'eth_src', value: macFromBytes(b, at + 6) });
  if (!(wc & OFPFW10_DL_DST)) out.push({ field: 'eth_dst', value: macFromBytes(b, at + 12) });
  if (!(wc & OFPFW10_DL_VLAN)) {
    const v = be16(b, at + 18);
    if (v !== OFP10_VLAN_NONE && v > 0xfff) bad('OFPBMC_BAD_VALUE', `dl_vlan ${v}`, at);
    out.push({ field: 'vlan_vid', value: v === OFP10_VLAN_NONE ? 0 : 0x1000 | v });
  }
  if (!(wc & OFPFW10_DL_VLAN_PCP)) {
    const pcp = b[at + 20]!;
    if (pcp > 7) bad('OFPBMC_BAD_VALUE', `dl_vlan_pcp ${pcp}`, at);
    out.push({ field: 'vlan_pcp', value: pcp });
  }
  const dlType = wc & OFPFW10_DL_TYPE ? undefined : be16(b, at + 22);
  if (dlType !== undefined) out.push({ field: 'eth_type', value: dlType });
  const isArp = dlType === ETH_TYPE_ARP;
  if (!(wc & OFPFW10_NW_TOS)) out.push({ field: 'ip_dscp', value: b[at + 24]! >> 2 });
  const nwProto = wc & OFPFW10_NW_PROTO ? undefined : b[at + 25]!;
  if (nwProto !== undefined) out.push({ field: isArp ? 'arp_op' : 'ip_proto', value: nwProto });
  const srcWild = (wc >>> OFPFW10_NW_SRC_SHIFT) & 63;
  const dstWild = (wc >>> OFPFW10_NW_DST_SHIFT) & 63;
  const src = cidrField(isArp ? 'arp_spa' : 'ipv4_src', be32(b, at + 28), srcWild);
  if (src) out.push(src);
  const dst = cidrField(isArp ? 'arp_tpa' : 'ipv4_dst', be32(b, at + 32), dstWild);
  if (dst) out.push(dst);
  const [tpSrc, tpDst] = tpNames(isArp ? undefined : nwProto);
  if (!(wc & OFPFW10_TP_SRC)) out.push(tpField(tpSrc, be16(b, at + 36), at));
  if (!(wc & OFPFW10_TP_DST)) out.push(tpField(tpDst, be16(b, at + 38), at));
  r.pos = at + OFP10_MATCH_LEN;
  if ((srcWild > 32 && src === undefined) || (dstWild > 32 && dst === undefined)) {
    Object.defineProperty(out, OFP10_NW_WILDCARDS, { value: (srcWild << OFPFW10_NW_SRC_SHIFT) | (dstWild << OFPFW10_NW_DST_SHIFT) });
  }
  return out;
}

/** 'wc' with wildcard 'bit' cleared for 'name'; OFPBMC_DUP_FIELD if another field cleared it. */
function takeSlot(wc: number, bit: number, name: string): number {
  if (!(wc & bit)) bad('OFPBMC_DUP_FIELD', `${name} uses an OpenFlow 1.0 slot already taken`);
  return wc & ~bit;
}

/** A 'uint' value of 'mf' checked against 'max'; a mask must be all ones. */
function exactUint(mf: MatchField & { field: OxmFieldName }, max: number): number {
  const v = mf.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    bad('OFPBMC_BAD_VALUE', `${mf.field} ${String(v)} cannot be expressed in OpenFlow 1.0`);
  }
  if (mf.mask !== undefined && mf.mask !== max) bad('OFPBMC_BAD_MASK', `OpenFlow 1.0 cannot mask ${mf.field}`);
  return v;
}

/**
 * Writes 'm' as OpenFlow 1.0's 40-byte ofp_match.  Throws OfpCodecError
 * for what OF1.0 cannot express: OFPBMC_BAD_FIELD for a field it lacks (or
 * an opaque TLV), OFPBMC_BAD_DL_ADDR_MASK for a masked Ethernet address,
 * OFPBMC_BAD_NW_ADDR_MASK for an IPv4 mask that is not a prefix,
 * OFPBMC_BAD_MASK for other masks (vlan_tci only where OVS's mapping onto
 * dl_vlan/dl_vlan_pcp is exact), OFPBMC_BAD_VALUE for a value out of range,
 * OFPBMC_DUP_FIELD when two fields need the same slot (ipv4_src and
 * arp_spa, tcp_src and udp_src, ...), and OFPBMC_BAD_PREREQ when a field
 * would read back under another name (arp_spa without eth_type ARP,
 * ipv4_src with it, udp_src without ip_proto 17, ...).
 */
export function encodeOfp10Match(w: WireWriter, m: Match): void {
  let wc = OFPFW10_ALL & ~((63 << OFPFW10_NW_SRC_SHIFT) | (63 << OFPFW10_NW_DST_SHIFT));
  const hint = (m as Ofp10Hint)[OFP10_NW_WILDCARDS] ?? 0;
  let nwSrcWild = (hint >>> OFPFW10_NW_SRC_SHIFT) & 63 || 32;
  let nwDstWild = (hint >>> OFPFW10_NW_DST_SHIFT) & 63 || 32;
  let inPort = 0, dlVlan = 0, dlVlanPcp = 0, dlType = 0, nwTos = 0, nwProto = 0, nwSrc = 0, nwDst = 0, tpSrc = 0, tpDst = 0;
  const dlSrc = new Uint8Array(6);
  const dlDst = new Uint8Array(6);
  let ethType: number | undefined;
  let ipProto: number | undefined;
  let srcName: string | undefined, dstName: string | undefined, protoName: string | undefined;
  let tpSrcName: string | undefined, tpDstName: string | undefined;
  let vlanSet = false, pcpSet = false;
  const stamp = newStamp();
  for (const mf of m) {
    if (mf.field === 'opaque') bad('OFPBMC_BAD_FIELD', 'OpenFlow 1.0 cannot carry an unmodelled OXM');
    const field = fieldOf(mf.field);
    if (!markSeen(field.index, stamp)) bad('OFPBMC_DUP_FIELD', `${mf.field} appears twice`);
    switch (mf.field) {
      case 'in_port': {
        const p = exactUint(mf, 0xffffffff);
        if (p >= 0xff00 && p < OFPP_MAX) bad('OFPBMC_BAD_VALUE', `in_port ${p} has no OpenFlow 1.0 number`);
        inPort = p >= OFPP_MAX ? p - 0xffff0000 : p;
        wc = takeSlot(wc, OFPFW10_IN_PORT, mf.field);
        break;
      }
      case 'eth_src':
      case 'eth_dst': {
        if (typeof mf.value !== 'string' || !isMac(mf.value)) bad('OFPBMC_BAD_VALUE', `${mf.field} ${String(mf.value)}`);
        if (mf.mask !== undefined && mf.mask !== 'ff:ff:ff:ff:ff:ff') {
          bad('OFPBMC_BAD_DL_ADDR_MASK', `OpenFlow 1.0 cannot mask ${mf.field}`);
        }
        macToBytes(mf.value, mf.field === 'eth_src' ? dlSrc : dlDst);
        wc = takeSlot(wc, mf.field === 'eth_src' ? OFPFW10_DL_SRC : OFPFW10_DL_DST, mf.field);
        break;
      }
      case 'vlan_vid': {
        const v = exactUint(mf, 0x1fff);
        if (v !== 0 && !(v & 0x1000)) bad('OFPBMC_BAD_VALUE', `vlan_vid ${v} lacks OFPVID_PRESENT`);
        dlVlan = v === 0 ? OFP10_VLAN_NONE : v & 0xfff;
        vlanSet = true;
        wc = takeSlot(wc, OFPFW10_DL_VLAN, mf.field);
        break;
      }
      case 'vlan_pcp':
        dlVlanPcp = exactUint(mf, 7);
        pcpSet = true;
        wc = takeSlot(wc, OFPFW10_DL_VLAN_PCP, mf.field);
        break;
      case 'vlan_tci': {
        if (vlanSet || pcpSet) bad('OFPBMC_DUP_FIELD', 'vlan_tci together with vlan_vid or vlan_pcp');
        const v = mf.value;
        const mask = mf.mask ?? 0xffff;
        if (typeof v !== 'number' || typeof mask !== 'number' || !Number.isInteger(v) || !Number.isInteger(mask) ||
            v < 0 || v > 0xffff || mask < 0 || mask > 0xffff || (v & ~mask)) {
          bad('OFPBMC_BAD_VALUE', `vlan_tci ${String(v)}/${String(mask)}`);
        }
        if (mask === 0) break;
        if ((mask & 0x1000) && !(v & 0x1000)) {
          // No 802.1Q header: OVS writes dl_vlan NONE with dl_vlan_pcp exact 0.
          if (v !== 0) bad('OFPBMC_BAD_VALUE', `vlan_tci ${v} without the CFI bit must be 0`);
          dlVlan = OFP10_VLAN_NONE;
          wc &= ~(OFPFW10_DL_VLAN | OFPFW10_DL_VLAN_PCP);
          vlanSet = pcpSet = true;
          break;
        }
        const vidBits = mask & 0xfff;
        const pcpBits = mask & 0xe000;
        if ((vidBits !== 0 && vidBits !== 0xfff) || (pcpBits !== 0 && pcpBits !== 0xe000) || !(mask & 0x1000)) {
          bad('OFPBMC_BAD_MASK', `OpenFlow 1.0 cannot express vlan_tci mask ${mask}`);
        }
        if (vidBits) {
          dlVlan = v & 0xfff;
          wc &= ~OFPFW10_DL_VLAN;
          vlanSet = true;
        }
        if (pcpBits) {
          dlVlanPcp = v >>> 13;
          wc &= ~OFPFW10_DL_VLAN_PCP;
          pcpSet = true;
        }
        if (!vidBits && !pcpBits) bad('OFPBMC_BAD_MASK', 'OpenFlow 1.0 cannot match only the presence of a VLAN');
        break;
      }
      case 'eth_type':
        dlType = exactUint(mf, 0xffff);
        ethType = dlType;
        wc = takeSlot(wc, OFPFW10_DL_TYPE, mf.field);
        break;
      case 'ip_dscp':
        nwTos = exactUint(mf, 63) << 2;
        wc = takeSlot(wc, OFPFW10_NW_TOS, mf.field);
        break;
      case 'ip_proto':
      case 'arp_op':
        nwProto = exactUint(mf, 0xff);
        if (mf.field === 'ip_proto') ipProto = nwProto;
        protoName = mf.field;
        wc = takeSlot(wc, OFPFW10_NW_PROTO, mf.field);
        break;
      case 'ipv4_src':
      case 'arp_spa':
      case 'ipv4_dst':
      case 'arp_tpa': {
        const isSrc = mf.field === 'ipv4_src' || mf.field === 'arp_spa';
        const addr = typeof mf.value === 'string' ? parseIpv4(mf.value) : -1;
        if (addr < 0) bad('OFPBMC_BAD_VALUE', `${mf.field} ${String(mf.value)}`);
        let prefix = 32;
        if (mf.mask !== undefined) {
          const mask = typeof mf.mask === 'string' ? parseIpv4(mf.mask) : -1;
          if (mask < 0) bad('OFPBMC_BAD_VALUE', `${mf.field} mask ${String(mf.mask)}`);
          prefix = ipv4PrefixLen(mask);
          if (prefix < 0) bad('OFPBMC_BAD_NW_ADDR_MASK', `${mf.field} mask ${mf.mask} is not a prefix`);
          if (addr & ~mask) bad('OFPBMC_BAD_WILDCARDS', `${mf.field}: value bits outside the mask`);
        }
        if (isSrc) {
          if (srcName) bad('OFPBMC_DUP_FIELD', `${mf.field} together with ${srcName}`);
          srcName = mf.field;
          nwSrc = addr;
          nwSrcWild = 32 - prefix;
        } else {
          if (dstName) bad('OFPBMC_DUP_FIELD', `${mf.field} together with ${dstName}`);
          dstName = mf.field;
          nwDst = addr;
          nwDstWild = 32 - prefix;
        }
        break;
      }
      case 'tcp_src':
      case 'udp_src':
      case 'sctp_src':
      case 'icmpv4_type':
        tpSrc = exactUint(mf, field.maxValue);
        tpSrcName = mf.field;
        wc = takeSlot(wc, OFPFW10_TP_SRC, mf.field);
        break;
      case 'tcp_dst':
      case 'udp_dst':
      case 'sctp_dst':
      case 'icmpv4_code':
        tpDst = exactUint(mf, field.maxValue);
        tpDstName = mf.field;
        wc = takeSlot(wc, OFPFW10_TP_DST, mf.field);
        break;
      default:
        bad('OFPBMC_BAD_FIELD', `OpenFlow 1.0 cannot match ${mf.field}`);
    }
  }
  // Each field must read back under its own name (see decodeOfp10Match).
  const isArp = ethType === ETH_TYPE_ARP;
  const arpNames = ['arp_op', 'arp_spa', 'arp_tpa'];
  for (const name of [protoName, srcName, dstName]) {
    if (name !== undefined && arpNames.includes(name) !== isArp) {
      bad('OFPBMC_BAD_PREREQ', `${name} ${isArp ? 'cannot be used with' : 'needs'} eth_type 0x0806 in OpenFlow 1.0`);
    }
  }
  const [expSrc, expDst] = tpNames(isArp ? undefined : ipProto);
  if ((tpSrcName !== undefined && tpSrcName !== expSrc) || (tpDstName !== undefined && tpDstName !== expDst)) {
    bad('OFPBMC_BAD_PREREQ', `${tpSrcName ?? tpDstName} does not agree with ip_proto ${ipProto ?? '(any)'} in OpenFlow 1.0`);
  }
  if (srcName) nwSrcWild = Math.min(nwSrcWild, 32);
  if (dstName) nwDstWild = Math.min(nwDstWild, 32);
  wc |= (nwSrcWild << OFPFW10_NW_SRC_SHIFT) | (nwDstWild << OFPFW10_NW_DST_SHIFT);
  w.u32(wc >>> 0).u16(inPort).bytes(dlSrc).bytes(dlDst).u16(dlVlan).u8(dlVlanPcp).u8(0).u16(dlType)
    .u8(nwTos).u8(nwProto).u16(0).u32(nwSrc).u32(nwDst).u16(tpSrc).u16(tpDst);
}

export { fieldValueText, matchToString } from './match-text.js';
