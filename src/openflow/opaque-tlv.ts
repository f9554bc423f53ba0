/**
 * TLVs the codec keeps without modelling them (unknown OXM fields,
 * experimenter actions and instructions): match.ts, actions.ts and
 * instructions.ts store them whole in the neutral value and write them back
 * unchanged.
 */

/**
 * A copy of bytes 'start' to 'end' of 'b' as a plain Uint8Array (not a
 * Buffer, not a view), so a neutral value never aliases the message buffer
 * it was decoded from and compares equal to any other array of its bytes.
 */
export function copyTlv(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(b.subarray(start, end));
  return out;
}
