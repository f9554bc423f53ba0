/**
 * Ethernet (MAC) addresses in the neutral messages: strings of six
 * lower-case hex pairs separated by colons, "aa:55:aa:55:00:00", read from
 * and written to their 6 wire bytes.
 */

import { OfpCodecError } from './codec-error.js';
import type { OfpErrName } from './ofperr.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The address in the 6 bytes of 'b' at 'off'. */
export function macFromBytes(b: Uint8Array, off = 0): string {
  return `${HEX[b[off]!]}:${HEX[b[off + 1]!]}:${HEX[b[off + 2]!]}:${HEX[b[off + 3]!]}:${HEX[b[off + 4]!]}:${HEX[b[off + 5]!]}`;
}

const MAC_RE = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;

/** Returns true if 's' is a well-formed address string. */
export function isMac(s: string): boolean {
  return MAC_RE.test(s);
}

/**
 * Writes the address 'mac' into 'out' at 'off'.  Throws OfpCodecError
 * ('err', default OFPBRC_BAD_LEN) if 'mac' is not an address.
 */
export function macToBytes(mac: string, out: Uint8Array, off = 0, err: OfpErrName = 'OFPBMC_BAD_VALUE'): void {
  if (!MAC_RE.test(mac)) throw new OfpCodecError(err, `"${mac}" is not an Ethernet address`);
  for (let i = 0; i < 6; i++) out[off + i] = parseInt(mac.substr(i * 3, 2), 16);
}

/** The 6 bytes of 'mac' as a new array. */
export function macBytes(mac: string, err: OfpErrName = 'OFPBMC_BAD_VALUE'): Uint8Array {
  const b = new Uint8Array(6);
  macToBytes(mac, b, 0, err);
  return b;
}
