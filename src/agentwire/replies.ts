/**
 * Replies on the agent channel: what an operation's answer carries (the
 * reply messages of a datapath request, or its OpenFlow error, or
 * in-band's information) with its request id, as the proto's
 * DatapathReply, and back.  The agent writes them; the service reads
 * them.
 *
 * Reply messages travel structured when datapath-message.ts models them
 * as replies (barrier and statistics replies), else raw (raw-openflow.ts),
 * encoded in the version of the request they answer.  The service
 * re-stamps every reply with the request's version and xid, and splits
 * statistics replies to fit OpenFlow's 64 kB messages, so a structured
 * reply is read with the stamp the reader is given (version 0 and xid 0
 * without one).
 */

import type { DatapathReply } from '../connmgr/datapath-port.js';
import type { InBandInfo } from '../inband/in-band.js';
import { OfpCodecError } from '../openflow/codec-error.js';
import type { OfpMessage } from '../openflow/ofp-message.js';
import type { DatapathReply as PbDatapathReply, DatapathReply__Output as PbDatapathReplyOut } from '../generated/ofconnmgr/v1/DatapathReply.js';
import type { InBandInfo__Output as PbInBandInfoOut } from '../generated/ofconnmgr/v1/InBandInfo.js';
import type { ReplyMessage as PbReplyMessage, ReplyMessage__Output as PbReplyMessageOut } from '../generated/ofconnmgr/v1/ReplyMessage.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { datapathMessageFromProto, datapathMessageToProto, type MessageStamp } from './datapath-message.js';
import { openFlowErrorFromProto, openFlowErrorToProto } from './openflow-error.js';
import { describe, listFrom, macFrom, required, safeIntegerFrom, uint64ToProto } from './proto-scalars.js';
import { rawFromProto, rawPartsToProto } from './raw-openflow.js';

/** What an operation's reply carries. */
export type OperationResult =
  | DatapathReply
  | { readonly ok: true; readonly inBandInfo: InBandInfo };

/** The stamp of structured replies read without one: the service re-stamps them. */
const NO_STAMP: MessageStamp = { version: 0, xid: 0 };

/** Reply message 'm' as proto ReplyMessages: one structured, or its raw part(s) in 'version'. */
function replyMessagesToProto(m: OfpMessage, version: number): PbReplyMessage[] {
  const structured = datapathMessageToProto(m, 'reply');
  if (structured) return [{ message: structured }];
  return rawPartsToProto(m, version).map((raw) => ({ raw }));
}

/**
 * The answer 'result' to request 'requestId' as a proto DatapathReply;
 * raw reply messages are encoded in 'version', the request's session
 * version.  A raw reply message the codec cannot express in 'version'
 * makes the whole answer the OpenFlow error the codec names (what the
 * controller gets when the service cannot encode a structured reply in
 * its version, too).
 */
export function replyToProto(requestId: number, result: OperationResult, version: number): PbDatapathReply {
  const request_id = uint64ToProto(requestId);
  if (!result.ok) return { request_id, error: openFlowErrorToProto(result.error) };
  if ('inBandInfo' in result) {
    const info = result.inBandInfo;
    return { request_id, in_band_info: { local_mac: info.localMac ?? '', next_hop_macs: info.nextHopMacs.map((m) => m ?? '') } };
  }
  try {
    return { request_id, ok: { messages: result.replies.flatMap((m) => replyMessagesToProto(m, version)) } };
  } catch (e) {
    if (!OfpCodecError.is(e)) throw e;
    return { request_id, error: openFlowErrorToProto(e.ofperr) };
  }
}

function replyMessageFromProto(p: PbReplyMessageOut, path: string, stamp: MessageStamp): OfpMessage {
  switch (p.body) {
    case 'message': return datapathMessageFromProto(required(p.message, fieldPath(path, 'message'), 'the message'), fieldPath(path, 'message'), 'reply', stamp);
    case 'raw': return rawFromProto(required(p.raw, fieldPath(path, 'raw'), 'the raw message'), fieldPath(path, 'raw'));
    case undefined: throw new AgentWireError(path, 'no reply message given (neither message nor raw is set)');
    default: throw new AgentWireError(path, `unknown reply message ${describe(p.body)}`);
  }
}

function inBandInfoFromProto(p: PbInBandInfoOut, path: string): InBandInfo {
  const mac = (v: string, at: string): string | null => (v === '' || v === undefined ? null : macFrom(v, at));
  return {
    localMac: mac(p.local_mac, fieldPath(path, 'local_mac')),
    nextHopMacs: listFrom(p.next_hop_macs).map((m, i) => mac(m, `${fieldPath(path, 'next_hop_macs')}[${i}]`)),
  };
}

/**
 * The request id and result of proto 'p'.  Structured reply messages get
 * 'stamp' (the request's version and xid; without it, 0 and 0, for the
 * service to re-stamp); raw ones keep their own.  Throws AgentWireError
 * (paths from the DatapathReply: "ok.messages[0].raw.message") for a
 * request id above 2^53-1, a reply with no result, a reply message that
 * is not a reply or that the readers refuse, an unknown error, a MAC
 * address that is not one.
 */
export function replyFromProto(p: PbDatapathReplyOut, stamp: MessageStamp = NO_STAMP): { requestId: number; result: OperationResult } {
  const requestId = safeIntegerFrom(p.request_id, 'request_id');
  switch (p.result) {
    case 'ok': {
      const replies = listFrom(p.ok?.messages).map((m, i) => replyMessageFromProto(m, `ok.messages[${i}]`, stamp));
      return { requestId, result: { ok: true, replies } };
    }
    case 'error':
      return { requestId, result: { ok: false, error: openFlowErrorFromProto(required(p.error, 'error', 'the error'), 'error') } };
    case 'in_band_info':
      return { requestId, result: { ok: true, inBandInfo: inBandInfoFromProto(required(p.in_band_info, 'in_band_info', 'the in-band information'), 'in_band_info') } };
    case undefined:
      throw new AgentWireError('', 'the reply has no result (none of ok, error, in_band_info is set)');
    default:
      throw new AgentWireError('', `unknown reply result ${describe(p.result)}`);
  }
}
