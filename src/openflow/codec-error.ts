/**
 * The only error the codec throws.  Each one names the OpenFlow error
 * (from the catalogue in ofperr.ts) that a session should send back to the
 * peer whose message could not be decoded, or that describes why a neutral
 * message cannot be encoded in the requested version.
 */

import type { OfpErrName } from './ofperr.js';

export class OfpCodecError extends Error {
  /** The OpenFlow error to answer with, e.g. 'OFPBRC_BAD_LEN'. */
  readonly ofperr: OfpErrName;
  /** Byte offset inside the message where decoding failed, if known. */
  readonly offset: number | undefined;

  /**
   * 'ofperr' is the OpenFlow error the peer should receive; 'detail' says
   * in words what was wrong; 'offset' is where, if known.
   */
  constructor(ofperr: OfpErrName, detail: string, offset?: number) {
    super(`${ofperr}: ${detail}`);
    this.name = 'OfpCodecError';
    this.ofperr = ofperr;
    this.offset = offset;
  }

  /** Recognises codec errors without relying on instanceof across realms. */
  static is(e: unknown): e is OfpCodecError {
    return e instanceof Error && e.name === 'OfpCodecError' && typeof (e as OfpCodecError).ofperr === 'string';
  }
}
