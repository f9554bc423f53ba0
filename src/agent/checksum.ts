/**
 * Packet checksums as a switch keeps them valid while it rewrites headers:
 * the Internet checksum (RFC 1071) of IPv4 headers and of TCP, UDP, ICMP
 * and ICMPv6 segments, updated incrementally (RFC 1624) so that a packet
 * that arrived with a wrong checksum leaves with a wrong one too, as in
 * Open vSwitch's datapaths; and SCTP's CRC32c, which has no incremental
 * form and is recomputed whole.  frame-editor.ts calls these around every
 * byte it changes.
 */

/** The 16-bit one's-complement sum of 'b[start..end)', folded, without the final complement. */
export function onesSum(b: Uint8Array, start: number, end: number): number {
  let sum = 0;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum of 'b[start..end)' (the value to store in a zeroed checksum field). */
export function internetChecksum(b: Uint8Array, start: number, end: number): number {
  return ~onesSum(b, start, end) & 0xffff;
}

/**
 * The sum of the 16-bit words covering 'b[at..at+len)', words aligned on
 * the parity of 'base' (the start of the checksummed header), so that the
 * same words are read before and after a change.
 */
function coveringSum(b: Uint8Array, base: number, at: number, len: number): number {
  const start = at - ((at - base) & 1);
  let end = at + len;
  if ((end - base) & 1) end++;
  let sum = 0;
  for (let i = start; i < end; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** Adds 'x' to one's-complement sum 'sum', folded. */
function add(sum: number, x: number): number {
  let s = sum + x;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** A checksum field to keep valid: its offset, and whether 0 means "none" (UDP over IPv4). */
export interface ChecksumField {
  readonly at: number;
  readonly zeroMeansNone?: boolean;
}

/**
 * Writes 'bytes' into 'b' at 'at' and updates each checksum in 'sums' for
 * the change (RFC 1624, eqn. 3).  'base' is the start of the checksummed
 * header (any offset of the same parity works: IPv4/IPv6 headers and the
 * transport header after them share it).  A checksum that is 0 with
 * 'zeroMeansNone' stays 0; a computed UDP checksum of 0 is written 0xffff.
 * The changed bytes must not overlap a checksum field.
 */
export function rewriteWithChecksums(b: Uint8Array, base: number, at: number, bytes: Uint8Array,
  sums: readonly ChecksumField[]): void {
  const before = coveringSum(b, base, at, bytes.length);
  b.set(bytes, at);
  const after = coveringSum(b, base, at, bytes.length);
  for (const c of sums) {
    if (c.at + 2 > b.length) continue;
    const old = (b[c.at]! << 8) | b[c.at + 1]!;
    if (old === 0 && c.zeroMeansNone) continue;
    let sum = add(~old & 0xffff, ~before & 0xffff);
    sum = add(sum, after);
    let next = ~sum & 0xffff;
    if (next === 0 && c.zeroMeansNone) next = 0xffff;
    b[c.at] = next >>> 8;
    b[c.at + 1] = next & 0xff;
  }
}

const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC32c (Castagnoli) of 'b[start..end)', as SCTP uses it. */
export function crc32c(b: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC32C_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Recomputes the SCTP checksum of the packet whose SCTP header starts at
 * 'at' and ends at 'end'.  The CRC is stored little-endian (RFC 4960
 * appendix B).
 */
export function refreshSctpChecksum(b: Uint8Array, at: number, end: number): void {
  if (at + 12 > end) return;
  b.fill(0, at + 8, at + 12);
  const crc = crc32c(b, at, end);
  b[at + 8] = crc & 0xff;
  b[at + 9] = (crc >>> 8) & 0xff;
  b[at + 10] = (crc >>> 16) & 0xff;
  b[at + 11] = crc >>> 24;
}
