/**
 * A bounds-checked big-endian cursor over one OpenFlow message or a part of
 * it.  Reading past the end throws the codec's own error carrying the
 * OpenFlow error that fits the structure being read (BAD_LEN by default,
 * OFPBMC_BAD_LEN inside a match, OFPBAC_BAD_LEN inside actions, ...).
 */

import { be64 } from './big-endian.js';
import { OfpCodecError } from './codec-error.js';
import type { OfpErrName } from './ofperr.js';

export class WireReader {
  // Fields are 'declare'd and set only by the constructor: with ES2022 class fields each would
  // otherwise be defined (as undefined) by an initializer first, on every reader made.
  /** The bytes being read; never copied. */
  declare readonly buf: Uint8Array;
  /** Next byte to read, as an index into 'buf'. */
  declare pos: number;
  /** One past the last readable byte of 'buf'. */
  declare readonly end: number;
  /** The error thrown when a read would pass 'end'. */
  declare readonly lenError: OfpErrName;

  /** Reads 'buf' from 'start' up to 'end' (default: its whole length). */
  constructor(buf: Uint8Array, start = 0, end = buf.length, lenError: OfpErrName = 'OFPBRC_BAD_LEN') {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.lenError = lenError;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws the length error unless 'n' more bytes can be read. */
  need(n: number, what = 'field'): void {
    // The error is built out of line: a small body lets V8 inline this check into every read.
    if (n < 0 || this.pos + n > this.end) this.short(n, what);
  }

  /** Throws the length error for a read of 'n' bytes that does not fit. */
  private short(n: number, what: string): never {
    throw new OfpCodecError(this.lenError, `${what} needs ${n} bytes, ${this.end - this.pos} left`, this.pos);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u16(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  u32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  }

  /** A 64-bit unsigned value. */
  u64(): bigint {
    this.need(8);
    const p = this.pos;
    this.pos = p + 8;
    return be64(this.buf, p);
  }

  /** The next 'n' bytes as a view (not a copy). */
  bytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Everything left, as a view. */
  rest(): Uint8Array {
    const out = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return out;
  }

  skip(n: number, what = 'padding'): void {
    this.need(n, what);
    this.pos += n;
  }

  /**
   * A reader over the next 'n' bytes, which this reader then skips.  The
   * child throws 'lenError' (default: this reader's) when read past its end.
   */
  sub(n: number, lenError: OfpErrName = this.lenError, what = 'structure'): WireReader {
    this.need(n, what);
    const r = new WireReader(this.buf, this.pos, this.pos + n, lenError);
    this.pos += n;
    return r;
  }
}
