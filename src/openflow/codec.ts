/**
 * The codec's entry points: decode() turns one framed message of any
 * supported version into its neutral form; encode() writes a neutral
 * message in a given version.  This file owns the header and the vendor
 * and stats prefixes; the table in msgs.ts says what each (version, type,
 * vendor, subtype, stats type) is, and the family codecs listed in CODECS
 * read and write the bodies.
 */

import { getAsyncReplyCodec, setAsyncCodec } from './async-config.js';
import { be16, be32 } from './big-endian.js';
import { OfpCodecError } from './codec-error.js';
import {
  barrierReplyCodec,
  barrierRequestCodec,
  echoReplyCodec,
  echoRequestCodec,
  featuresRequestCodec,
  getAsyncRequestCodec,
  getConfigRequestCodec,
} from './empty-body.js';
import { errorCodec } from './error-msg.js';
import { flowModCodec } from './flow-mod.js';
import { flowRemovedCodec } from './flow-removed.js';
import { OFP_HEADER_LEN, OFP_MAX_MSG_LEN } from './framing.js';
import { groupModCodec } from './group-mod.js';
import { helloCodec } from './hello.js';
import type { MessageCodec } from './message.js';
import { multipartReplyCodec, multipartRequestCodec } from './multipart.js';
import { NX_VENDOR_ID } from './ofperr.js';
import { meterModCodec } from './meter-mod.js';
import {
  isKnownVendor,
  isStatsReplyType,
  isStatsType,
  lookupNxStats,
  lookupPlain,
  lookupStats,
  lookupVendor,
  OFPST_VENDOR,
  OFPT_VENDOR,
  RAW_MSGS,
  type RawMsg,
  rawByName,
} from './msgs.js';
import type { OfpMessage, OfpMessageType } from './ofp-message.js';
import { packetInCodec } from './packet-in.js';
import { packetOutCodec } from './packet-out.js';
import { portModCodec, portStatusCodec } from './port.js';
import { roleReplyCodec, roleRequestCodec, roleStatusCodec } from './role.js';
import {
  flowAgeCodec,
  flowModTableIdCodec,
  setControllerIdCodec,
  setFlowFormatCodec,
  setPacketInFormatCodec,
} from './session-settings.js';
import { featuresReplyCodec, getConfigReplyCodec, setConfigCodec } from './switch-config.js';
import { tableModCodec } from './table-mod.js';
import type { UnmodelledMsg } from './unmodelled.js';
import { isKnownVersion } from './version.js';
import { WireReader } from './wire-reader.js';
import { WireWriter } from './wire-writer.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = MessageCodec<any>;

/** Every family codec.  Adding a message family means adding its codecs here. */
const CODECS: readonly AnyCodec[] = [
  helloCodec,
  errorCodec,
  echoRequestCodec,
  echoReplyCodec,
  featuresRequestCodec,
  featuresReplyCodec,
  getConfigRequestCodec,
  getConfigReplyCodec,
  setConfigCodec,
  barrierRequestCodec,
  barrierReplyCodec,
  getAsyncRequestCodec,
  portStatusCodec,
  portModCodec,
  roleRequestCodec,
  roleReplyCodec,
  roleStatusCodec,
  setAsyncCodec,
  getAsyncReplyCodec,
  setFlowFormatCodec,
  flowModTableIdCodec,
  setPacketInFormatCodec,
  setControllerIdCodec,
  flowAgeCodec,
  multipartRequestCodec,
  multipartReplyCodec,
  packetInCodec,
  flowRemovedCodec,
  packetOutCodec,
  flowModCodec,
  groupModCodec,
  meterModCodec,
  tableModCodec,
];

const codecByRawName = new Map<string, AnyCodec>();
const codecByType = new Map<string, AnyCodec>();
for (const c of CODECS) {
  codecByType.set(c.type, c);
  for (const raw of c.raws) codecByRawName.set(raw, c);
}
/** The codec of each identity, by RawMsg.index (an array: cheaper than a lookup by name on every decode). */
const codecByRaw: readonly (AnyCodec | undefined)[] = RAW_MSGS.map((raw) => codecByRawName.get(raw.name));

/**
 * The codec for neutral type 'type'.  The last answer is kept: messages
 * mostly come in runs of one type, and comparing two type names (constant
 * strings) is cheaper than a lookup.
 */
function codecOfType(type: string): AnyCodec | undefined {
  if (type !== lastType) {
    lastType = type;
    lastTypeCodec = codecByType.get(type);
  }
  return lastTypeCodec;
}
let lastType = '';
let lastTypeCodec: AnyCodec | undefined;

/** Returns true if neutral type 'type' has a codec (is modelled). */
export function isModelled(type: string): type is OfpMessageType {
  return codecByType.has(type);
}

/** The transaction id in the header of 'frame'. */
function xidOf(frame: Uint8Array): number {
  return be32(frame, 4);
}

/**
 * The unmodelled message 'frame' (header already checked), of identity
 * 'raw', or of a vendor whose subtypes the table does not know when 'raw'
 * is undefined.
 */
function unmodelled(frame: Uint8Array, raw: RawMsg | undefined): UnmodelledMsg {
  const version = frame[0]!;
  const ofpType = frame[1]!;
  const xid = xidOf(frame);
  const body = frame.subarray(8);
  if (raw === undefined) return { type: 'unmodelled', version, xid, rawName: 'OFPT_VENDOR', ofpType, vendor: be32(frame, 8), body };
  const rawName = raw.name;
  if (raw.shape === 'vendor') {
    return { type: 'unmodelled', version, xid, rawName, ofpType, vendor: raw.vendor!, subtype: raw.subtype!, body };
  }
  if (raw.shape === 'stats') return { type: 'unmodelled', version, xid, rawName, ofpType, stat: raw.stat!, statsFlags: be16(frame, 10), body };
  return { type: 'unmodelled', version, xid, rawName, ofpType, body };
}

// decode() and encode() are the hot paths of every connection: their rare branches and error
// messages live in helpers below so that the functions stay small enough for V8 to inline.

/** Throws the BAD_LEN error of a frame shorter than a header or not as long as its header says. */
function badFrameLength(frame: Uint8Array): never {
  if (frame.length < OFP_HEADER_LEN) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `message of ${frame.length} bytes is shorter than a header`);
  }
  throw new OfpCodecError('OFPBRC_BAD_LEN', `header says ${(frame[2]! << 8) | frame[3]!} bytes, message has ${frame.length}`);
}

/** A HELLO of a version the codec does not know (read for negotiation); BAD_VERSION for anything else. */
function decodeUnknownVersion(frame: Uint8Array): OfpMessage {
  const version = frame[0]!;
  if (frame[1] === 0 && version !== 0) {
    return helloCodec.decode(lookupPlain(6, 0)!, new WireReader(frame, 8), { version, xid: xidOf(frame), statsFlags: 0 });
  }
  throw new OfpCodecError('OFPBRC_BAD_VERSION', `unknown OpenFlow version 0x${version.toString(16)}`);
}

/**
 * Reads the vendor or stats prefix at 'r' of a message of header 'type'
 * and returns the identity it names; undefined for a vendor whose subtypes
 * the table does not know.
 */
function readPrefix(r: WireReader, version: number, type: number): RawMsg | undefined {
  return type === OFPT_VENDOR ? readVendorPrefix(r, version) : readStatsPrefix(r, version, type);
}

/**
 * Reads the vendor prefix at 'r' and returns the identity it names, or
 * undefined for a vendor whose subtypes the table does not know.
 */
function readVendorPrefix(r: WireReader, version: number): RawMsg | undefined {
  if (r.remaining < 4) throw new OfpCodecError('OFPBRC_BAD_LEN', 'vendor message shorter than its vendor id');
  const vendor = r.u32();
  if (!isKnownVendor(vendor)) return undefined;
  if (r.remaining < 4) throw new OfpCodecError('OFPBRC_BAD_LEN', 'vendor message shorter than its subtype');
  const subtype = r.u32();
  const raw = lookupVendor(version, vendor, subtype);
  if (!raw) throw new OfpCodecError('OFPBRC_BAD_SUBTYPE', `vendor 0x${vendor.toString(16)} subtype ${subtype}`);
  return raw;
}

/**
 * Reads the stats prefix at 'r' (type, flags, OF1.1+ padding; for Nicira
 * statistics also the vendor id, subtype and OF1.0 padding) and returns
 * the identity it names.
 */
function readStatsPrefix(r: WireReader, version: number, type: number): RawMsg {
  const stat = r.u16();
  r.skip(2, 'field'); // the flags: decode() reads them from the frame
  if (version >= 2) r.skip(4);
  if (stat === OFPST_VENDOR) {
    const nx = readNxStatsPrefix(r, version, type);
    if (nx) return nx;
  }
  const raw = lookupStats(version, type, stat);
  if (!raw) throw new OfpCodecError('OFPBRC_BAD_STAT', `stats type ${stat}`);
  return raw;
}

/**
 * After an OFPST_VENDOR stats prefix: if the vendor is Nicira and the
 * subtype one msgs.ts knows, reads the vendor id, subtype and (OF1.0)
 * padding and returns the NXST identity; undefined for anything else,
 * which stays the vendor statistics message it was, 'r' untouched.
 * Throws OFPBRC_BAD_LEN for a Nicira OF1.0 prefix cut short, and, as Open
 * vSwitch does, OFPBRC_BAD_SUBTYPE for a Nicira statistics subtype this
 * version lacks (NXST_FLOW in OpenFlow 1.3, ...).
 */
function readNxStatsPrefix(r: WireReader, version: number, type: number): RawMsg | undefined {
  if (r.remaining < 8 || be32(r.buf, r.pos) !== NX_VENDOR_ID) return undefined;
  const { raw, known } = lookupNxStats(version, isStatsReplyType(version, type), be32(r.buf, r.pos + 4));
  if (!raw) {
    if (known) throw new OfpCodecError('OFPBRC_BAD_SUBTYPE', `Nicira statistics subtype ${be32(r.buf, r.pos + 4)} in version ${version}`);
    return undefined;
  }
  const len = version === 1 ? 12 : 8;
  if (r.remaining < len) throw new OfpCodecError('OFPBRC_BAD_LEN', `${raw.name} shorter than its Nicira header`);
  r.skip(len);
  return raw;
}

function badType(version: number, type: number): never {
  throw new OfpCodecError('OFPBRC_BAD_TYPE', `type ${type} in version ${version}`);
}

function leftOver(raw: RawMsg, r: WireReader): never {
  throw new OfpCodecError('OFPBRC_BAD_LEN', `${raw.name}: ${r.remaining} bytes left over`, r.pos);
}

/**
 * Decodes one whole message ('frame' as delivered by FrameDecoder).
 * Returns its neutral form; throws only OfpCodecError, whose 'ofperr' is the
 * error the sender should get back (reference §2.9, §9).  A header version
 * the codec does not know is BAD_VERSION, except for HELLO, which is read
 * whatever its version so that negotiation can answer it.
 */
export function decode(frame: Uint8Array): OfpMessage {
  // The header is read in place (as decodeHeader does, without its object).
  if (frame.length < OFP_HEADER_LEN || ((frame[2]! << 8) | frame[3]!) !== frame.length) badFrameLength(frame);
  const version = frame[0]!;
  if (!isKnownVersion(version)) return decodeUnknownVersion(frame);
  const type = frame[1]!;
  const r = new WireReader(frame, 8);
  const raw = type === OFPT_VENDOR || isStatsType(version, type) ? readPrefix(r, version, type)
    : lookupPlain(version, type) ?? badType(version, type);
  if (raw === undefined) return unmodelled(frame, undefined);
  const codec = codecByRaw[raw.index];
  if (!codec || codec.decodes?.(raw, version) === false) return unmodelled(frame, raw);
  const statsFlags = raw.shape === 'stats' ? be16(frame, 10) : 0;
  const msg = codec.decode(raw, r, { version, xid: xidOf(frame), statsFlags }) as OfpMessage;
  if (r.remaining !== 0) leftOver(raw, r);
  return msg;
}

function writeUnmodelled(m: UnmodelledMsg, version: number): Buffer {
  const len = 8 + m.body.length;
  if (len > OFP_MAX_MSG_LEN) throw new OfpCodecError('OFPBRC_BAD_LEN', `message of ${len} bytes`);
  const w = new WireWriter(len);
  w.u8(version).u8(m.ofpType).u16(len).u32(m.xid).bytes(m.body);
  return w.finish();
}

/**
 * The name of the wire identity 'm' has in 'version' (default: its own),
 * e.g. 'OFPT_PACKET_IN' or 'NXT_ROLE_REQUEST'.  Throws as encode() does
 * when 'm' has none in that version.
 */
export function rawNameFor(m: OfpMessage, version: number = m.version): string {
  if (m.type === 'unmodelled') return m.rawName;
  const codec = codecByType.get(m.type);
  if (!codec) throw new OfpCodecError('OFPBRC_BAD_TYPE', `no codec for ${m.type}`);
  return codec.rawName(m, version);
}

/** The codec of modelled message 'm' and its identity in 'version'; throws as encode() does. */
function codecFor(m: Exclude<OfpMessage, UnmodelledMsg>, version: number): AnyCodec {
  const codec = codecOfType(m.type);
  if (!codec || !isKnownVersion(version)) cannotEncode(m, version);
  return codec;
}

function cannotEncode(m: OfpMessage, version: number): never {
  if (!codecByType.has(m.type)) throw new OfpCodecError('OFPBRC_BAD_TYPE', `no codec for ${m.type}`);
  throw new OfpCodecError('OFPBRC_BAD_VERSION', `cannot encode in version ${version}`);
}

/** The identity called 'name' in 'version'; OFPBRC_BAD_VERSION if that version has none. */
function rawIn(name: string, version: number): RawMsg {
  const raw = rawByName(name, version);
  if (!raw) throw new OfpCodecError('OFPBRC_BAD_VERSION', `${name} does not exist in version ${version}`);
  return raw;
}

/**
 * Writes the vendor (vendor id, subtype) or stats (type, flags, OF1.1+
 * padding; for Nicira statistics vendor id, subtype and OF1.0 padding)
 * prefix of 'raw'.
 */
function writePrefix(w: WireWriter, raw: RawMsg, m: OfpMessage, version: number): void {
  if (raw.shape === 'vendor') {
    w.u32(raw.vendor!).u32(raw.subtype!);
  } else {
    w.u16(raw.stat!).u16((m as { flags?: number }).flags ?? 0);
    if (version >= 2) w.zeros(4);
    if (raw.vendor !== undefined) {
      w.u32(raw.vendor).u32(raw.subtype!);
      if (version === 1) w.zeros(4);
    }
  }
}

function tooLong(w: WireWriter, raw: RawMsg): never {
  w.release();
  throw new OfpCodecError('OFPBRC_BAD_LEN', `${raw.name} of ${w.pos} bytes`);
}

/**
 * The wire name of 'm' in its own version for logs and classification
 * (e.g. 'OFPT_SET_CONFIG'); never throws.  A decoded message that its
 * encoder would refuse in that version (a SET_CONFIG with a flag the
 * version lacks, ...) is named after its neutral type ('OFPT_SET_CONFIG').
 */
export function messageName(m: OfpMessage): string {
  try {
    return rawNameFor(m);
  } catch {
    return `OFPT_${m.type.toUpperCase()}`;
  }
}

/**
 * Encodes 'm' in wire 'version' (default: the message's own) as one
 * message.  Throws OfpCodecError when 'm' cannot be expressed in that
 * version (a field, action or message the version lacks), or when the
 * result would pass 65535 bytes (encodeAll splits multipart replies).
 */
export function encode(m: OfpMessage, version: number = m.version): Buffer {
  if (m.type === 'unmodelled') return writeUnmodelled(m, version);
  const codec = codecFor(m, version);
  const raw = rawIn(codec.rawName(m, version), version);
  const w = new WireWriter();
  try {
    w.u32(((version << 24) | (raw.type << 16)) >>> 0).u32(m.xid); // version, type, length (patched below), xid
    if (raw.shape !== 'plain') writePrefix(w, raw, m, version);
    codec.encode(m, version, w);
  } catch (e) {
    w.release();
    throw e;
  }
  if (w.pos > OFP_MAX_MSG_LEN) tooLong(w, raw);
  w.setU16(2, w.pos);
  return w.finish();
}

/**
 * Encodes 'm' in 'version' as one or more messages: a multipart reply
 * whose body would pass 65535 bytes is split, every part but the last
 * carrying the MORE flag.  Other messages give exactly one.
 */
export function encodeAll(m: OfpMessage, version: number = m.version): Buffer[] {
  const codec = codecByType.get(m.type);
  if (codec?.split) return codec.split(m, version).map((part: OfpMessage) => encode(part, version));
  return [encode(m, version)];
}
