/**
 * Reading the scalar fields of the agent channel's proto messages into
 * neutral values, strictly: numbers that must fit the neutral field's
 * width (a uint32 on the wire may carry a table id that has only 8 bits),
 * 64-bit values that travel as decimal uint64 strings and become bigints
 * without losing a bit, Ethernet and IP addresses in text, bytes, required
 * sub-messages, property lists and OpenFlow's fixed text fields.  Each reader takes the field's path and
 * throws AgentWireError (agent-wire-error.ts) naming it.
 *
 * The other files of src/agentwire build their conversions from these;
 * the writing direction needs little beyond uint64ToProto.
 */

import { isMac } from '../openflow/ethernet-address.js';
import { ipv4FromU32, ipv6FromBytes, parseIpv4, parseIpv6 } from '../openflow/ip-address.js';
import { AgentWireError } from './agent-wire-error.js';

const UINT64_MAX = 0xffffffffffffffffn;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** The largest value of an unsigned field of 'bits' bits (8, 16, 24 or 32). */
function maxOf(bits: number): number {
  return 2 ** bits - 1;
}

/**
 * 'v' as an unsigned integer of 'bits' bits.  Throws AgentWireError at
 * 'path' if 'v' is not an integer from 0 to 2^bits - 1 (a proto uint32
 * carrying a uint8 or uint16 field, or a hand-built object).
 */
export function uintFrom(v: unknown, bits: number, path: string): number {
  const max = maxOf(bits);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new AgentWireError(path, `${describe(v)} is not an unsigned integer`);
  if (v < 0 || v > max) throw new AgentWireError(path, `${v} does not fit in ${bits} bits (0-${max})`);
  return v;
}

/** 'v' as an integer from 'min' to 'max'; AgentWireError at 'path' naming 'what' otherwise. */
export function intInRange(v: unknown, min: number, max: number, path: string, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new AgentWireError(path, `${describe(v)} is not an unsigned integer`);
  if (v < min || v > max) throw new AgentWireError(path, `${v} is not a valid ${what} (${min}-${max})`);
  return v;
}

/**
 * A proto uint64 (a decimal string with the loader's longs=String; a
 * number from a hand-built object) as a bigint, exactly.  Throws
 * AgentWireError at 'path' if it is not a canonical decimal of 0 to 2^64-1.
 */
export function uint64From(v: unknown, path: string): bigint {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    throw new AgentWireError(path, `${v} is not an unsigned 64-bit integer (give it as a decimal string)`);
  }
  if (typeof v !== 'string' || !DECIMAL.test(v)) throw new AgentWireError(path, `${describe(v)} is not an unsigned 64-bit integer`);
  const n = BigInt(v);
  if (n > UINT64_MAX) throw new AgentWireError(path, `${v} does not fit in 64 bits`);
  return n;
}

/** A bigint (or a number) as the decimal string a proto uint64 field takes. */
export function uint64ToProto(v: bigint | number): string {
  return typeof v === 'bigint' ? v.toString() : String(v);
}

/**
 * A proto uint64 used as an identifier on the TypeScript side, where it is
 * a plain number: AgentWireError at 'path' above 2^53-1.
 */
export function safeIntegerFrom(v: unknown, path: string): number {
  const n = uint64From(v, path);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new AgentWireError(path, `${n} is above ${Number.MAX_SAFE_INTEGER}, the largest id this side takes`);
  return Number(n);
}

/** An Ethernet address in text, lower-cased; AgentWireError at 'path' unless it is six hex pairs joined by colons. */
export function macFrom(v: unknown, path: string): string {
  if (typeof v !== 'string' || !isMac(v)) throw new AgentWireError(path, `${describe(v)} is not an Ethernet address (like "aa:55:aa:55:00:01")`);
  return v.toLowerCase();
}

/** An IPv4 address in dotted-quad text; AgentWireError at 'path' otherwise. */
export function ipv4From(v: unknown, path: string): string {
  const n = typeof v === 'string' ? parseIpv4(v) : -1;
  if (n < 0) throw new AgentWireError(path, `${describe(v)} is not an IPv4 address (like "10.0.0.1")`);
  return ipv4FromU32(n);
}

/** An IPv6 address in any RFC 4291 text form, returned in RFC 5952 canonical form; AgentWireError at 'path' otherwise. */
export function ipv6From(v: unknown, path: string): string {
  const b = new Uint8Array(16);
  if (typeof v !== 'string' || !parseIpv6(v, b)) throw new AgentWireError(path, `${describe(v)} is not an IPv6 address (like "2001:db8::1")`);
  return ipv6FromBytes(b);
}

/**
 * A proto bytes field as a plain Uint8Array over the same memory (no copy:
 * frames are on the packet-in path); an absent field is empty.
 */
export function bytesFrom(v: Uint8Array | null | undefined): Uint8Array {
  if (v === null || v === undefined) return new Uint8Array(0);
  return v.constructor === Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.length);
}

/** A proto bytes field as a new plain Uint8Array of its own (for small TLVs kept in neutral values). */
export function bytesCopy(v: Uint8Array | null | undefined): Uint8Array {
  return v ? Uint8Array.from(v) : new Uint8Array(0);
}

/** A sub-message that must be present; AgentWireError "... is missing" at 'path' if it is absent. */
export function required<T>(v: T | null | undefined, path: string, what: string): T {
  if (v === null || v === undefined) throw new AgentWireError(path, `${what} is missing`);
  return v;
}

/** A repeated field (absent: empty). */
export function listFrom<T>(v: readonly T[] | null | undefined): readonly T[] {
  return v ?? [];
}

/**
 * Checks that 'b' is a list of OpenFlow 1.4+ properties (type, length of
 * at least 4, body, padding to 8 bytes) that ends exactly at its end, as
 * the port and table codecs expect; AgentWireError at 'path' naming the
 * property that is not.
 */
export function checkProperties(b: Uint8Array, path: string): void {
  let at = 0;
  while (at < b.length) {
    if (b.length - at < 4) throw new AgentWireError(path, `${b.length - at} bytes at offset ${at} are too few for a property header`);
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    if (len < 4) throw new AgentWireError(path, `the property at offset ${at} has length ${len}, below 4`);
    const padded = (len + 7) & ~7;
    if (at + padded > b.length) {
      throw new AgentWireError(path, `the property at offset ${at} needs ${padded} bytes with its padding, ${b.length - at} are left`);
    }
    at += padded;
  }
}

/**
 * Text for an OpenFlow fixed field of 'size' bytes (a description, a port
 * or table name): at most size - 1 Latin-1 characters, no NUL.  Throws
 * AgentWireError at 'path' otherwise.
 */
export function fixedTextFrom(v: unknown, size: number, path: string): string {
  if (typeof v !== 'string') throw new AgentWireError(path, `${describe(v)} is not text`);
  if (v.length > size - 1) throw new AgentWireError(path, `${v.length} characters are more than the ${size - 1} the OpenFlow field holds`);
  // eslint-disable-next-line no-control-regex
  if (/[^\u0001-\u00ff]/.test(v)) throw new AgentWireError(path, 'the text has a NUL or a character beyond Latin-1, which the OpenFlow field cannot hold');
  return v;
}

/** A short description of a value for an error message. */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
