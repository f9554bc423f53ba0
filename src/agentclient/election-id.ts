/**
 * Election ids of the agent channel (P4Runtime's Uint128, proto message
 * ofconnmgr.v1.Uint128): the agent's own id as a bigint, its proto form in
 * the hello, and the primary's id read back from an Arbitration.  The
 * service compares them (src/api); the agent only states its own and
 * reports the primary's.
 */

import type { Uint128, Uint128__Output } from '../generated/ofconnmgr/v1/Uint128.js';

/** The largest election id: 2^128 - 1. */
export const MAX_ELECTION_ID = (1n << 128n) - 1n;

const U64 = (1n << 64n) - 1n;

/**
 * Parses an election id given in text: decimal digits, or 0x and hex
 * digits, 0 to 2^128 - 1.  Throws RangeError naming the text otherwise.
 */
export function parseElectionId(text: string): bigint {
  if (!/^(0[xX][0-9a-fA-F]{1,32}|[0-9]{1,39})$/.test(text)) throw new RangeError(`"${text}" is not an election id (decimal or 0x hex)`);
  const id = BigInt(text);
  if (id > MAX_ELECTION_ID) throw new RangeError(`election id ${text} is above 2^128 - 1`);
  return id;
}

/** The proto form of 'id' (0 to 2^128 - 1; throws RangeError outside it): uint64 halves as decimal strings. */
export function electionIdToProto(id: bigint): Uint128 {
  if (id < 0n || id > MAX_ELECTION_ID) throw new RangeError(`election id ${id} is outside 0 to 2^128 - 1`);
  return { high: (id >> 64n).toString(), low: (id & U64).toString() };
}

/** The bigint an election id as the loader delivers it stands for (absent: 0). */
export function electionIdFromProto(p: Uint128__Output | null | undefined): bigint {
  if (!p) return 0n;
  return (BigInt(p.high) << 64n) | BigInt(p.low);
}
