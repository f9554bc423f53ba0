/**
 * Messages the codec recognises as well-framed OpenFlow but does not model
 * field by field: known types without a family codec (QUEUE_GET_CONFIG,
 * bundles, TABLE_FEATURES, ...) and every vendor/experimenter message whose
 * vendor is not Nicira or ONF.  They keep their header numbers and raw body
 * so that the layers above can pass them on (to the agent, as raw bytes with
 * their version) or answer them with refusalFor().
 */

import type { MsgBase } from './message.js';
import type { OfpErrName } from './ofperr.js';

export interface UnmodelledMsg extends MsgBase {
  readonly type: 'unmodelled';
  /** The identity's name from msgs.ts, or 'OFPT_VENDOR'/'OFPT_EXPERIMENTER' for an unknown vendor. */
  readonly rawName: string;
  /** Header type number. */
  readonly ofpType: number;
  /** Vendor id and subtype, for vendor messages. */
  readonly vendor?: number;
  readonly subtype?: number;
  /** Stats type and flags, for stats/multipart messages. */
  readonly stat?: number;
  readonly statsFlags?: number;
  /** Everything after the header (vendor and stats prefixes included). */
  readonly body: Uint8Array;
}

/**
 * The OpenFlow error a session that does not handle 'm' answers it with:
 * BAD_VENDOR for a vendor it does not know, BAD_STAT for a stats type,
 * BAD_SUBTYPE for a known vendor's message, BAD_TYPE otherwise (reference
 * §2.9).
 */
export function refusalFor(m: UnmodelledMsg): OfpErrName {
  if (m.rawName === 'OFPT_VENDOR') return 'OFPBRC_BAD_VENDOR';
  if (m.stat !== undefined) return 'OFPBRC_BAD_STAT';
  if (m.vendor !== undefined) return 'OFPBRC_BAD_SUBTYPE';
  return 'OFPBRC_BAD_TYPE';
}
