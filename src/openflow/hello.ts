/**
 * OFPT_HELLO and version negotiation (reference §2.2-2.4).  A HELLO carries
 * the sender's highest version in its header and, when the sender's set is
 * not "1.0 up to N", a version-bitmap element listing exactly which versions
 * it speaks.  vconn uses helloFor() to greet, peerVersions() to read the
 * peer's greeting and negotiate() to pick the session's version.
 */

import type { MessageCodec, MsgBase } from './message.js';
import { highestVersion } from './version.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPHET_VERSIONBITMAP. */
export const OFPHET_VERSIONBITMAP = 1;

/** One element of a HELLO body. */
export type HelloElement =
  | { readonly kind: 'versionbitmap'; readonly bitmaps: readonly number[] }
  | { readonly kind: 'unknown'; readonly elementType: number; readonly body: Uint8Array };

export interface HelloMsg extends MsgBase {
  readonly type: 'hello';
  readonly elements: readonly HelloElement[];
  /** Bytes after the last well-formed element (a malformed element), kept as sent. */
  readonly trailing?: Uint8Array;
}

/** Returns true if 'bitmap' is of the form "1.0 up to N" (no element needed). */
function isContiguousFromOne(bitmap: number): boolean {
  const x = (bitmap >>> 1) + 1;
  return (x & (x - 1)) === 0;
}

/**
 * The HELLO a side that allows the versions in 'allowed' (a bitmap) sends:
 * header version = highest allowed, xid 0, a version-bitmap element only
 * when the set is not "1.0 up to N" (reference §2.2).
 */
export function helloFor(allowed: number): HelloMsg {
  const version = highestVersion(allowed);
  const elements: HelloElement[] = isContiguousFromOne(allowed) ? [] : [{ kind: 'versionbitmap', bitmaps: [allowed] }];
  return { type: 'hello', version, xid: 0, elements };
}

/**
 * The versions a peer offers with 'hello' (reference §2.3): all versions
 * from 1.0 to the header version, unless a version-bitmap element gives the
 * set (its first word, with bit 0 cleared).  'warnings' receives "unknown
 * data in hello" style remarks; negotiation proceeds regardless.
 */
export function peerVersions(hello: HelloMsg, warnings: string[] = []): number {
  let set = hello.version >= 32 ? 0xfffffffe : (((1 << hello.version) - 1) << 1) >>> 0;
  for (const el of hello.elements) {
    if (el.kind === 'versionbitmap' && el.bitmaps.length > 0) {
      let bm = el.bitmaps[0]!;
      if (bm & 1) {
        warnings.push('peer claimed to support version 0');
        bm &= ~1;
      }
      if (bm === 0) {
        warnings.push('unknown data in hello: empty version bitmap');
        continue;
      }
      set = bm >>> 0;
    } else {
      warnings.push('unknown data in hello');
    }
  }
  if (hello.trailing && hello.trailing.length > 0) warnings.push('unknown data in hello');
  return set;
}

/** The negotiated version: highest common bit of 'ours' and 'theirs', or -1. */
export function negotiate(ours: number, theirs: number): number {
  return highestVersion((ours & theirs) >>> 0);
}

function formatVersion(v: number): string {
  return `0x${v.toString(16).padStart(2, '0')}`;
}

/** A version set as Open vSwitch words it in its negotiation messages. */
export function describeVersionSet(bitmap: number): string {
  if (bitmap === 0) return 'no versions';
  const top = highestVersion(bitmap);
  if ((bitmap & (bitmap - 1)) === 0) return `version ${formatVersion(top)}`;
  if (isContiguousFromOne(bitmap)) return `version ${formatVersion(top)} and earlier`;
  const parts: string[] = [];
  for (let v = 0; v < 32; v++) if (bitmap & (1 << v)) parts.push(formatVersion(v));
  return `versions ${parts.join(', ')}`;
}

/** The ASCII data of HELLO_FAILED/INCOMPATIBLE (reference §2.4). */
export function incompatibleText(ours: number, theirs: number): string {
  return `We support ${describeVersionSet(ours)}, you support ${describeVersionSet(theirs)}, no common versions.`;
}

function decodeHello(r: WireReader, version: number, xid: number): HelloMsg {
  const elements: HelloElement[] = [];
  let trailing: Uint8Array | undefined;
  while (r.remaining > 0) {
    if (r.remaining < 4) {
      trailing = r.rest();
      break;
    }
    const start = r.pos;
    const elementType = (r.buf[start]! << 8) | r.buf[start + 1]!;
    const len = (r.buf[start + 2]! << 8) | r.buf[start + 3]!;
    const padded = (len + 7) & ~7;
    if (len < 4 || padded > r.remaining) {
      trailing = r.rest();
      break;
    }
    r.skip(4);
    const body = r.bytes(len - 4);
    r.skip(padded - len);
    if (elementType === OFPHET_VERSIONBITMAP && body.length % 4 === 0) {
      const bitmaps: number[] = [];
      for (let i = 0; i < body.length; i += 4) {
        bitmaps.push(body[i]! * 0x1000000 + ((body[i + 1]! << 16) | (body[i + 2]! << 8) | body[i + 3]!));
      }
      elements.push({ kind: 'versionbitmap', bitmaps });
    } else {
      elements.push({ kind: 'unknown', elementType, body });
    }
  }
  return trailing ? { type: 'hello', version, xid, elements, trailing } : { type: 'hello', version, xid, elements };
}

function encodeHello(m: HelloMsg, w: WireWriter): void {
  for (const el of m.elements) {
    const start = w.pos;
    if (el.kind === 'versionbitmap') {
      w.u16(OFPHET_VERSIONBITMAP).u16(4 + 4 * el.bitmaps.length);
      for (const b of el.bitmaps) w.u32(b);
    } else {
      w.u16(el.elementType).u16(4 + el.body.length).bytes(el.body);
    }
    w.padTo(8, start);
  }
  if (m.trailing) w.bytes(m.trailing);
}

export const helloCodec: MessageCodec<HelloMsg> = {
  type: 'hello',
  raws: ['OFPT_HELLO'],
  decode: (_raw, r, ctx) => decodeHello(r, ctx.version, ctx.xid),
  rawName: () => 'OFPT_HELLO',
  encode: (m, _v, w) => encodeHello(m, w),
};
