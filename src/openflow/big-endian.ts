/**
 * Big-endian reads at absolute offsets, for decoders (match.ts, actions.ts)
 * that index into a message buffer directly after checking its bounds once,
 * rather than stepping a WireReader field by field.  No bounds checks: the
 * caller has made sure the bytes are there.
 */

/** The 16-bit value at 'p' in 'b'. */
export function be16(b: Uint8Array, p: number): number {
  return (b[p]! << 8) | b[p + 1]!;
}

/** The 32-bit unsigned value at 'p' in 'b'. */
export function be32(b: Uint8Array, p: number): number {
  return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
}

/** The 64-bit unsigned value at 'p' in 'b'. */
export function be64(b: Uint8Array, p: number): bigint {
  const hi = be32(b, p);
  const lo = be32(b, p + 4);
  // The common values (0, all ones, anything below 2^32: most cookies) skip the BigInt shift and OR.
  if (hi === 0) return lo === 0 ? 0n : BigInt(lo);
  if (hi === 0xffffffff && lo === 0xffffffff) return 0xffffffffffffffffn;
  return (BigInt(hi) << 32n) | BigInt(lo);
}
