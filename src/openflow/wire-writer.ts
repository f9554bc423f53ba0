/**
 * A growable big-endian byte writer for encoding OpenFlow messages.  Length
 * fields are written as placeholders and patched once the structure they
 * measure is complete.
 *
 * Like Node's own Buffer pool, small messages are written straight into a
 * shared slab, and finish() returns a view of just the bytes written: one
 * Buffer object per message, with no copy and no over-sized allocation.
 * One writer at a time holds the slab (until finish() or release()); a
 * writer created meanwhile, or one that outgrows half a slab, uses a
 * Buffer of its own.  A writer dropped without finish() or release()
 * keeps the slab, and every later writer then has a Buffer of its own
 * (correct, only slower): codec.ts releases the writer of a failed encode.
 */

/**
 * Bytes per slab.  Each encoded message keeps its slab alive, as a Buffer
 * from Node's 8 KiB pool keeps the pool; a larger slab means fewer
 * allocations (64 KiB against 16 KiB: about 4% more PACKET_INs a second).
 */
const SLAB_SIZE = 64 * 1024;
/** Writers asking for more than this get a Buffer of their own. */
const SLAB_MAX_MESSAGE = SLAB_SIZE / 2;

/** The current slab, its first free byte, and whether a writer is writing there. */
let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
let slabView = viewOf(slab);
let slabTop = 0;
let slabBusy = false;

/** Starts a new slab (the old one lives on in the messages written there). */
function newSlab(): void {
  slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  slabView = viewOf(slab);
  slabTop = 0;
}

/** Marks the slab taken, starting a new one if the current one has less than SLAB_MAX_MESSAGE bytes left. */
function takeSlab(): void {
  if (SLAB_SIZE - slabTop < SLAB_MAX_MESSAGE) newSlab();
  slabBusy = true;
}

/** A DataView of exactly the bytes of 'b'. */
function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.length);
}

export class WireWriter {
  // Fields are 'declare'd and set only by the constructor: with ES2022 class fields each would
  // otherwise be defined (as undefined) by an initializer first, on every writer made.
  /** Backing store: the slab (while 'pooled') or a Buffer of this writer's own, grown by doubling. */
  private declare buf: Buffer;
  /** Where this writer's bytes start in 'buf'. */
  private declare base: number;
  /** One past the last byte written, as an index into 'buf'. */
  private declare at: number;
  /** True while this writer holds the slab. */
  private declare pooled: boolean;
  /** buf.length, kept as a plain field: cheaper to check on every write than a typed array's length. */
  private declare limit: number;
  /** 'buf' as a DataView: a multi-byte write compiles to one store rather than one per byte. */
  private declare view: DataView;

  /** A writer expecting about 'capacity' bytes (it grows past that as needed). */
  constructor(capacity = 128) {
    const pooled = !slabBusy && capacity <= SLAB_MAX_MESSAGE;
    if (pooled) takeSlab();
    const buf = pooled ? slab : Buffer.allocUnsafe(capacity);
    this.buf = buf;
    this.view = pooled ? slabView : viewOf(buf);
    this.base = this.at = pooled ? slabTop : 0;
    this.pooled = pooled;
    this.limit = buf.length;
  }

  /** Bytes written so far (an offset for setU16/setU32). */
  get pos(): number {
    return this.at - this.base;
  }

  // Each write checks for room in one line and calls grow() only when there is none: keeping the
  // methods this small lets V8 inline them everywhere (a larger body exhausts its inlining budget).

  /**
   * Moves the bytes written to a Buffer of this writer's own with room for
   * 'n' more (a pooled writer has at least SLAB_MAX_MESSAGE bytes of the
   * slab, so it only grows past that) and returns the new write position.
   */
  private grow(n: number): number {
    const used = this.at - this.base;
    let cap = Math.max(256, 2 * (this.limit - this.base));
    while (cap < used + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, this.base, this.at);
    if (this.pooled) slabBusy = this.pooled = false;
    this.buf = next;
    this.view = viewOf(next);
    this.limit = cap;
    this.base = 0;
    this.at = used;
    return used;
  }

  u8(v: number): this {
    let p = this.at;
    if (p + 1 > this.limit) p = this.grow(1);
    this.buf[p] = v; // a Uint8Array store keeps the low 8 bits
    this.at = p + 1;
    return this;
  }

  u16(v: number): this {
    let p = this.at;
    if (p + 2 > this.limit) p = this.grow(2);
    this.view.setUint16(p, v);
    this.at = p + 2;
    return this;
  }

  u32(v: number): this {
    let p = this.at;
    if (p + 4 > this.limit) p = this.grow(4);
    this.view.setUint32(p, v);
    this.at = p + 4;
    return this;
  }

  /** A 64-bit unsigned value (taken modulo 2^64). */
  u64(v: bigint): this {
    // Values that fit in 32 bits (most cookies) skip the BigInt arithmetic.
    if (v >= 0n && v <= 0xffffffffn) return this.u32(0).u32(Number(v));
    return this.u64Wide(v);
  }

  /** u64 for a value outside 0 to 2^32-1. */
  private u64Wide(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    return this.u32(Number(x >> 32n)).u32(Number(x & 0xffffffffn));
  }

  bytes(data: Uint8Array): this {
    const n = data.length;
    let p = this.at;
    if (p + n > this.limit) p = this.grow(n);
    this.buf.set(data, p);
    this.at = p + n;
    return this;
  }

  /** Bytes 'start' to 'end' of 'data' (without making a view of them). */
  bytesOf(data: Uint8Array, start: number, end: number): this {
    const n = end - start;
    let p = this.at;
    if (p + n > this.limit) p = this.grow(n);
    const b = this.buf;
    for (let i = 0; i < n; i++) b[p + i] = data[start + i]!;
    this.at = p + n;
    return this;
  }

  zeros(n: number): this {
    if (n <= 0) return this;
    let p = this.at;
    if (p + n > this.limit) p = this.grow(n);
    const b = this.buf;
    if (n <= 16) {
      for (let i = 0; i < n; i++) b[p + i] = 0;
    } else {
      b.fill(0, p, p + n);
    }
    this.at = p + n;
    return this;
  }

  /** Zero bytes up to the next multiple of 'align' counted from 'start'. */
  padTo(align: number, start = 0): this {
    const used = (this.pos - start) % align;
    return used === 0 ? this : this.zeros(align - used);
  }

  /** Overwrites a 16-bit value at 'offset' (a length placeholder). */
  setU16(offset: number, v: number): void {
    const p = this.base + offset;
    this.buf[p] = (v >>> 8) & 0xff;
    this.buf[p + 1] = v & 0xff;
  }

  /** Overwrites a 32-bit value at 'offset'. */
  setU32(offset: number, v: number): void {
    this.view.setUint32(this.base + offset, v);
  }

  /**
   * The bytes written, as a view of the backing store.  Gives the slab
   * back (to be used after these bytes), so nothing may be written after.
   */
  finish(): Buffer {
    if (this.pooled) {
      slabTop = (this.at + 7) & ~7;
      slabBusy = this.pooled = false;
    }
    return this.buf.subarray(this.base, this.at);
  }

  /**
   * Gives the slab back without keeping the bytes written (for a writer
   * abandoned because encoding failed, or used only to measure).  The
   * writer may not be used after.
   */
  release(): void {
    if (this.pooled) slabBusy = this.pooled = false;
  }
}
