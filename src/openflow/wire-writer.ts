/**
 * A growable big-endian byte writer for encoding OpenFlow messages.  Length
 * fields are written as placeholders and patched once the structure they
 * measure is complete.
 */

export class WireWriter {
  /** Backing store; grows by doubling. */
  private buf: Buffer;
  /** Bytes written so far. */
  pos = 0;

  constructor(capacity = 128) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  private grow(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): this {
    this.grow(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.grow(2);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 8) & 0xff;
    b[p + 1] = v & 0xff;
    this.pos = p + 2;
    return this;
  }

  u32(v: number): this {
    this.grow(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.pos = p + 4;
    return this;
  }

  /** A 64-bit unsigned value (taken modulo 2^64). */
  u64(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    this.u32(Number(x >> 32n));
    return this.u32(Number(x & 0xffffffffn));
  }

  bytes(data: Uint8Array): this {
    this.grow(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  zeros(n: number): this {
    if (n <= 0) return this;
    this.grow(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Zero bytes up to the next multiple of 'align' counted from 'start'. */
  padTo(align: number, start = 0): this {
    const used = (this.pos - start) % align;
    return used === 0 ? this : this.zeros(align - used);
  }

  /** Overwrites a 16-bit value at 'offset' (a length placeholder). */
  setU16(offset: number, v: number): void {
    this.buf[offset] = (v >>> 8) & 0xff;
    this.buf[offset + 1] = v & 0xff;
  }

  /** Overwrites a 32-bit value at 'offset'. */
  setU32(offset: number, v: number): void {
    this.buf.writeUInt32BE(v >>> 0, offset);
  }

  /** The bytes written, as a view of the backing store. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
