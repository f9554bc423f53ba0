/**
 * Election ids of the agent channel (P4Runtime's Uint128): the proto's
 * { high, low } pair of uint64 fields (strings on output, the loader's
 * longs=String) as one bigint, so that ids compare with < and serve as map
 * keys.  agent-channel.ts elects the highest id primary.
 */

import type { Uint128, Uint128__Output } from '../../generated/ofconnmgr/v1/Uint128.js';

const U64 = (1n << 64n) - 1n;

/** The id 'p' carries; an absent id (null) is 0, as proto3 reads it. */
export function electionIdFromProto(p: Uint128__Output | null): bigint {
  if (p === null) return 0n;
  return (BigInt(p.high) << 64n) | BigInt(p.low);
}

/** The proto form of 'id' (0 <= id < 2^128). */
export function electionIdToProto(id: bigint): Uint128 {
  return { high: ((id >> 64n) & U64).toString(), low: (id & U64).toString() };
}

/** 'id' as text for messages and logs: decimal below 2^64, else 0x and hex. */
export function electionIdText(id: bigint): string {
  return id <= U64 ? id.toString() : `0x${id.toString(16)}`;
}
