/**
 * The 8-byte OpenFlow header shared by every message of every version:
 * version, type, length (of the whole message) and transaction id.
 */

import { OfpCodecError } from './codec-error.js';
import { OFP_HEADER_LEN } from './framing.js';

export interface OfpHeader {
  /** Wire version byte (0x01 = 1.0 ... 0x06 = 1.5). */
  readonly version: number;
  /** Message type number, whose meaning depends on the version. */
  readonly type: number;
  /** Length of the whole message, header included. */
  readonly length: number;
  /** Transaction id. */
  readonly xid: number;
}

/**
 * Reads the header at the start of 'msg'.  Throws OFPBRC_BAD_LEN if 'msg'
 * is shorter than a header or its length field disagrees with its size.
 */
export function decodeHeader(msg: Uint8Array): OfpHeader {
  if (msg.length < OFP_HEADER_LEN) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `message of ${msg.length} bytes is shorter than a header`);
  }
  const length = (msg[2]! << 8) | msg[3]!;
  if (length !== msg.length) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `header says ${length} bytes, message has ${msg.length}`);
  }
  return {
    version: msg[0]!,
    type: msg[1]!,
    length,
    xid: msg[4]! * 0x1000000 + ((msg[5]! << 16) | (msg[6]! << 8) | msg[7]!),
  };
}
