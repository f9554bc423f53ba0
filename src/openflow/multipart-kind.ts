/**
 * The contract one statistics (multipart) kind implements, so that
 * multipart.ts can decode, encode and split every kind the same way:
 * which versions have a layout the kind models, and how its request body
 * and reply body are read and written.  codec.ts owns the header and the
 * stats prefix (stats type, flags, OF1.1+ padding); multipart.ts picks the
 * kind from the stats type; the kind reads and writes only what follows.
 * The kinds themselves live in desc-stats.ts, flow-stats.ts,
 * table-stats.ts, table-features.ts, port-stats.ts, queue-stats.ts,
 * group-stats.ts and meter-stats.ts.
 */

import { OfpCodecError } from './codec-error.js';
import type { OfpErrName } from './ofperr.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPSF_REPLY_MORE / OFPMPF_REQ_MORE: more parts of this request or reply follow. */
export const OFPSF_MORE = 1;

/**
 * For each wire version 1..6, whether the kind models its layout: true,
 * or the sentence explaining why not (no such kind in that version, or a
 * layout this codec does not model).
 */
export type VersionSupport = Readonly<Record<number, true | string>>;

/** One statistics kind: 'Q' is its request body, 'P' its reply body. */
export interface MultipartKind<Q extends { stat: string }, P extends { stat: string }> {
  /** The neutral name, the 'stat' of both bodies. */
  readonly stat: Q['stat'] & P['stat'];
  /** The stats type number on the wire (OFPST_* / OFPMP_*; OFPST_VENDOR for Nicira kinds). */
  readonly number: number;
  /**
   * For a Nicira kind (NXST_*, a format of a standard kind: flow-stats.ts),
   * its subtype; its raw names are then NXST_<rawStem>_REQUEST/REPLY.
   */
  readonly nxSubtype?: number;
  /** The stem of the raw names in msgs.ts: 'FLOW' for OFPST_FLOW_REQUEST. */
  readonly rawStem: string;
  readonly requestSupport: VersionSupport;
  readonly replySupport: VersionSupport;
  /** Reads a request body of 'version' (the whole rest of the message). */
  decodeRequest(r: WireReader, version: number): Q;
  /** Writes request body 'q' in 'version'; throws OfpCodecError if it cannot be expressed. */
  encodeRequest(w: WireWriter, q: Q, version: number): void;
  /** Reads a reply body of 'version' (the whole rest of the message). */
  decodeReply(r: WireReader, version: number): P;
  /** Writes reply body 'p' in 'version'; throws OfpCodecError if it cannot be expressed. */
  encodeReply(w: WireWriter, p: P, version: number): void;
  /**
   * For kinds whose reply is a list ('entries'): writes one entry.  Reply
   * splitting measures entries with it; replies without it are never split.
   */
  encodeEntry?(w: WireWriter, entry: unknown, version: number): void;
}

/** A reply body that is a list of entries. */
export interface ListReply<S extends string, E> {
  readonly stat: S;
  readonly entries: readonly E[];
}

/** Support for versions 'from' through 'to' (inclusive); 'why' for the others. */
export function supportRange(from: number, to: number, why: (v: number) => string): VersionSupport {
  const out: Record<number, true | string> = {};
  for (let v = 1; v <= 6; v++) out[v] = v >= from && v <= to ? true : why(v);
  return out;
}

/** "OpenFlow 1.3" for wire version 4. */
export function ofVersion(v: number): string {
  return `OpenFlow 1.${v - 1}`;
}

/**
 * A list reply: entries one after another until the body ends.  'decodeEntry'
 * reads one entry (it must consume at least one byte); 'encodeEntry' writes one.
 */
export function listReply<S extends string, E>(
  stat: S,
  decodeEntry: (r: WireReader, version: number) => E,
  encodeEntry: (w: WireWriter, e: E, version: number) => void,
): Pick<MultipartKind<{ stat: S }, ListReply<S, E>>, 'decodeReply' | 'encodeReply' | 'encodeEntry'> {
  return {
    decodeReply(r, version) {
      const entries: E[] = [];
      while (r.remaining > 0) entries.push(decodeEntry(r, version));
      return { stat, entries };
    },
    encodeReply(w, p, version) {
      for (const e of p.entries) encodeEntry(w, e, version);
    },
    encodeEntry: (w, e, version) => encodeEntry(w, e as E, version),
  };
}

/**
 * Reads the 16-bit length that opens a variable-length entry (at 'r.pos'
 * before the call) and returns a reader over the whole entry, which 'r'
 * then skips.  The length must be at least 'min', a multiple of 'align',
 * and within what is left; otherwise 'err' (default OFPBRC_BAD_LEN).
 * 'lenOffset' is where the length field sits inside the entry.
 */
export function entryReader(r: WireReader, what: string, min: number, align = 8, lenOffset = 0, err: OfpErrName = 'OFPBRC_BAD_LEN'): WireReader {
  if (r.remaining < lenOffset + 2) throw new OfpCodecError(err, `${what}: ${r.remaining} trailing bytes`, r.pos);
  const len = (r.buf[r.pos + lenOffset]! << 8) | r.buf[r.pos + lenOffset + 1]!;
  if (len < min || len % align !== 0) throw new OfpCodecError(err, `${what} length ${len}`, r.pos);
  if (len > r.remaining) throw new OfpCodecError(err, `${what} length ${len} but ${r.remaining} bytes left`, r.pos);
  return r.sub(len, err, what);
}

/** Throws OFPBRC_BAD_LEN unless the body left in 'r' is a whole number of 'size'-byte entries. */
export function needMultipleOf(r: WireReader, size: number, what: string): void {
  if (r.remaining % size !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `${what}: ${r.remaining} bytes is not a multiple of ${size}`, r.pos);
}

/** Throws OFPBRC_BAD_LEN unless exactly 'size' bytes are left in 'r'. */
export function needExactly(r: WireReader, size: number, what: string): void {
  if (r.remaining !== size) throw new OfpCodecError('OFPBRC_BAD_LEN', `${what} body of ${r.remaining} bytes, expected ${size}`, r.pos);
}

/** The most a 16-bit length field can say; entries longer than this cannot be encoded. */
export const MAX_ENTRY_LEN = 0xffff;

/** Patches the 16-bit length at 'at' with the bytes written since 'start'; throws if it does not fit. */
export function patchLength(w: WireWriter, at: number, start: number, what: string): void {
  const len = w.pos - start;
  if (len > MAX_ENTRY_LEN) throw new OfpCodecError('OFPBRC_BAD_LEN', `${what} of ${len} bytes does not fit its 16-bit length`);
  w.setU16(at, len);
}

/**
 * Reads a fixed-size, NUL-padded string field of 'size' bytes (stops at
 * the first NUL).  Bytes are taken one for one as Latin-1 characters, so
 * that any field re-encodes to the same bytes.
 */
export function readFixedString(r: WireReader, size: number, what: string): string {
  const b = r.bytes(size, what);
  let end = b.indexOf(0);
  if (end < 0) end = size;
  return Buffer.from(b.buffer, b.byteOffset, end).toString('latin1');
}

/**
 * Writes 's' into a fixed field of 'size' bytes, NUL-padded, always
 * leaving room for at least one NUL.  Throws OfpCodecError
 * (OFPBRC_BAD_LEN) if 's' is longer than 'size' - 1 characters or holds a
 * NUL or a character above U+00FF, rather than cutting it short.
 */
export function writeFixedString(w: WireWriter, s: string, size: number, what: string): void {
  if (s.length > size - 1) throw new OfpCodecError('OFPBRC_BAD_LEN', `${what} "${s.slice(0, 20)}..." is longer than ${size - 1} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[^\u0001-\u00ff]/.test(s)) throw new OfpCodecError('OFPBRC_BAD_LEN', `${what} has a NUL or a character outside Latin-1`);
  const b = Buffer.alloc(size);
  b.write(s, 'latin1');
  w.bytes(b);
}
