/**
 * The one error the reference switch raises for a request it refuses: an
 * OpenFlow error name (ofperr.ts) plus a sentence for people.  Everything
 * in src/agent that judges a request (flow-match.ts, action-check.ts,
 * flow-mod-semantics.ts, group-table.ts, meter-table.ts, ...) throws it;
 * reference-switch.ts turns it into the DatapathReply error connmgr
 * encodes for the session, so nothing past that boundary ever sees it.
 */

import type { OfpErrName } from '../openflow/index.js';

export class DatapathError extends Error {
  /** The OpenFlow error the requester gets back. */
  readonly ofperr: OfpErrName;

  constructor(ofperr: OfpErrName, detail: string) {
    super(`${ofperr}: ${detail}`);
    this.name = 'DatapathError';
    this.ofperr = ofperr;
  }

  /** True if 'e' is a DatapathError (a refusal, not a bug). */
  static is(e: unknown): e is DatapathError {
    return e instanceof DatapathError;
  }
}

/** Throws DatapathError 'ofperr' with 'detail'. */
export function refuse(ofperr: OfpErrName, detail: string): never {
  throw new DatapathError(ofperr, detail);
}
