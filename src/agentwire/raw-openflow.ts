/**
 * The raw path of the agent channel: a neutral message the proto's
 * DatapathMessage does not model (an unmodelled OpenFlow message, a
 * multipart kind without a structured form, ...) travels whole as
 * RawOpenFlow, encoded by src/openflow/codec.ts in the version of the
 * session it belongs to, and is decoded by the same codec on the other
 * side.  requests.ts and replies.ts decide what travels raw.
 */

import { decode, encode, encodeAll } from '../openflow/codec.js';
import { OfpCodecError } from '../openflow/codec-error.js';
import type { OfpMessage } from '../openflow/ofp-message.js';
import type { RawOpenFlow as PbRaw, RawOpenFlow__Output as PbRawOut } from '../generated/ofconnmgr/v1/RawOpenFlow.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { bytesFrom, intInRange } from './proto-scalars.js';

/**
 * 'm' as one RawOpenFlow in wire 'version'.  Throws OfpCodecError if the
 * codec cannot express 'm' in 'version' (never for a message decoded from
 * that version) or it does not fit in one message.
 */
export function rawToProto(m: OfpMessage, version: number): PbRaw {
  return { version, message: encode(m, version) };
}

/**
 * 'm' as RawOpenFlow messages in wire 'version': one, or, for a multipart
 * reply too long for one message, its parts (every part but the last
 * flagged MORE).  Throws OfpCodecError as rawToProto.
 */
export function rawPartsToProto(m: OfpMessage, version: number): PbRaw[] {
  return encodeAll(m, version).map((message) => ({ version, message }));
}

/**
 * The neutral message of proto 'p' at 'path'.  Throws AgentWireError for a
 * version outside 1-6, a message whose header gives another version, or
 * bytes the codec cannot decode (naming the OpenFlow error it found).
 */
export function rawFromProto(p: PbRawOut, path: string): OfpMessage {
  const version = intInRange(p.version, 1, 6, fieldPath(path, 'version'), 'OpenFlow wire version');
  const bytes = bytesFrom(p.message);
  if (bytes.length === 0) throw new AgentWireError(fieldPath(path, 'message'), 'no OpenFlow message given');
  if (bytes[0] !== version) {
    throw new AgentWireError(fieldPath(path, 'message'), `the message's header says wire version ${bytes[0]}, not ${version}`);
  }
  try {
    return decode(bytes);
  } catch (e) {
    if (!OfpCodecError.is(e)) throw e;
    throw new AgentWireError(fieldPath(path, 'message'), `not a valid OpenFlow message (${e.message})`);
  }
}
