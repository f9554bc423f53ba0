/**
 * Assertions shared by the message-family tests: a wire round trip of real
 * bytes, the OpenFlow error a decode or encode throws, and a neutral-form
 * comparison that treats every byte array alike (Buffer or Uint8Array).
 */

import { isDeepStrictEqual } from 'node:util';
import type { ExecutionContext } from 'ava';
import { decode, encode } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import { toJsonValue } from '../../src/openflow/neutral-json.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';

/** Decodes 'hex', checks it encodes back to the same bytes, and returns the message. */
export function roundTripHex(t: ExecutionContext, hex: string): OfpMessage {
  const m = decode(Buffer.from(hex, 'hex'));
  t.is(encode(m).toString('hex'), hex);
  return m;
}

/** The ofperr name of the OfpCodecError 'fn' throws (fails the test if it throws anything else or nothing). */
export function codecErrorOf(t: ExecutionContext, fn: () => unknown): string | undefined {
  const e = t.throws(fn);
  t.true(OfpCodecError.is(e), String(e));
  return OfpCodecError.is(e) ? e.ofperr : undefined;
}

/** The ofperr name decoding 'hex' throws. */
export function decodeErrorOf(t: ExecutionContext, hex: string): string | undefined {
  return codecErrorOf(t, () => decode(Buffer.from(hex, 'hex')));
}

/** True if 'a' and 'b' have the same neutral JSON form (bytes compared as hex). */
export function sameNeutral(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(toJsonValue(a), toJsonValue(b));
}

/** Asserts 'a' and 'b' have the same neutral JSON form. */
export function assertSameNeutral(t: ExecutionContext, actual: unknown, expected: unknown): void {
  t.deepEqual(toJsonValue(actual), toJsonValue(expected));
}
