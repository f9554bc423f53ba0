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
