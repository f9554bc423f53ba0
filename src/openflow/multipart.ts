/**
 * Statistics (OpenFlow 1.0 "stats") and multipart (1.1+) requests and
 * replies as two neutral messages, 'multipart_request' and
 * 'multipart_reply', each carrying the 16-bit flags (MORE) and a body that
 * is a union on 'stat'.  codec.ts reads and writes the stats prefix (stats
 * type, flags, padding, and for Nicira statistics the vendor header);
 * this file picks the kind from the stats type (or Nicira subtype) and
 * hands the body to it (desc-stats.ts, flow-stats.ts, table-stats.ts,
 * table-features.ts, port-stats.ts, queue-stats.ts, group-stats.ts,
 * meter-stats.ts, all implementing multipart-kind.ts).  Nicira's
 * NXST_FLOW and NXST_AGGREGATE (OpenFlow 1.0) are the flow and aggregate
 * bodies with format 'nxm' (flow-stats.ts).
 *
 * Kinds or versions without a modelled layout (TABLE_DESC,
 * QUEUE_DESC, FLOW_MONITOR, experimenter stats; OF1.1-1.2 table stats,
 * OF1.1 flow and aggregate requests, OF1.5 flow and aggregate replies and
 * group descriptions) decode as 'unmodelled', keeping their bytes, and
 * cannot be encoded from the neutral form.
 *
 * Splitting: a reply whose list would not fit in one 65535-byte message is
 * cut into parts at entry boundaries (split()); every part but the last
 * carries OFPSF_REPLY_MORE.  Decoding reports the MORE flag in 'flags' and
 * never joins parts: reassembly belongs to the session layer.
 *
 * Reply fields a version has no room for (an age in OF1.0-1.2 port, queue
 * and group stats, OF1.0 table names in OF1.3+, flow flags before 1.3 and
 * importance before 1.4, OF1.4 properties in earlier versions) are left out
 * when encoding that version, as Open vSwitch leaves them out: they are
 * statistics a version does not report, not instructions to the peer.
 * Request fields that would change what is asked (a cookie or group filter
 * in OF1.0, a port in a pre-1.5 PORT_DESC request) throw instead.
 */

import { OfpCodecError } from './codec-error.js';
import { type DescStatsReply, type DescStatsRequest, descKind } from './desc-stats.js';
import {
  aggregateKind,
  type AggregateStatsReply,
  type AggregateStatsRequest,
  flowKind,
  type FlowStatsReply,
  type FlowStatsRequest,
  nxAggregateKind,
  nxFlowKind,
} from './flow-stats.js';
import { OFP_MAX_MSG_LEN } from './framing.js';
import {
  groupDescKind,
  type GroupDescReply,
  type GroupDescRequest,
  type GroupFeaturesReply,
  type GroupFeaturesRequest,
  groupFeaturesKind,
  groupKind,
  type GroupStatsReply,
  type GroupStatsRequest,
} from './group-stats.js';
import type { MessageCodec, MsgBase } from './message.js';
import {
  type MeterConfigReply,
  type MeterConfigRequest,
  meterConfigKind,
  type MeterFeaturesReply,
  type MeterFeaturesRequest,
  meterFeaturesKind,
  meterKind,
  type MeterStatsReply,
  type MeterStatsRequest,
} from './meter-stats.js';
import { type MultipartKind, OFPSF_MORE } from './multipart-kind.js';
import { type RawMsg, rawByName } from './msgs.js';
import {
  type PortDescReply,
  type PortDescRequest,
  portDescKind,
  portKind,
  type PortStatsReply,
  type PortStatsRequest,
} from './port-stats.js';
import { type QueueStatsReply, type QueueStatsRequest, queueKind } from './queue-stats.js';
import { type TableFeaturesReply, type TableFeaturesRequest, tableFeaturesKind } from './table-features.js';
import { type TableStatsReply, type TableStatsRequest, tableKind } from './table-stats.js';
import { WireWriter } from './wire-writer.js';

export { OFPSF_MORE } from './multipart-kind.js';

/** The body of a statistics/multipart request, by kind. */
export type MultipartRequestBody =
  | DescStatsRequest
  | FlowStatsRequest
  | AggregateStatsRequest
  | TableStatsRequest
  | TableFeaturesRequest
  | PortStatsRequest
  | PortDescRequest
  | QueueStatsRequest
  | GroupStatsRequest
  | GroupDescRequest
  | GroupFeaturesRequest
  | MeterStatsRequest
  | MeterConfigRequest
  | MeterFeaturesRequest;

/** The body of a statistics/multipart reply (or of one part of it), by kind. */
export type MultipartReplyBody =
  | DescStatsReply
  | FlowStatsReply
  | AggregateStatsReply
  | TableStatsReply
  | TableFeaturesReply
  | PortStatsReply
  | PortDescReply
  | QueueStatsReply
  | GroupStatsReply
  | GroupDescReply
  | GroupFeaturesReply
  | MeterStatsReply
  | MeterConfigReply
  | MeterFeaturesReply;

/** The kinds of statistics the neutral messages model. */
export type MultipartStat = MultipartRequestBody['stat'];

export interface MultipartRequestMsg extends MsgBase {
  readonly type: 'multipart_request';
  /** OFPMPF_REQ_MORE (1) when more parts of this request follow (OF1.3+). */
  readonly flags: number;
  readonly body: MultipartRequestBody;
}

export interface MultipartReplyMsg extends MsgBase {
  readonly type: 'multipart_reply';
  /** OFPSF_REPLY_MORE (1) when more parts of this reply follow. */
  readonly flags: number;
  readonly body: MultipartReplyBody;
}

type AnyKind = MultipartKind<MultipartRequestBody, MultipartReplyBody>;

/** Every modelled kind. */
const KINDS: readonly AnyKind[] = [
  descKind,
  flowKind,
  aggregateKind,
  tableKind,
  tableFeaturesKind,
  portKind,
  portDescKind,
  queueKind,
  groupKind,
  groupDescKind,
  groupFeaturesKind,
  meterKind,
  meterConfigKind,
  meterFeaturesKind,
] as readonly AnyKind[];

/** The Nicira formats of standard kinds (NXST_FLOW, NXST_AGGREGATE): bodies with format 'nxm'. */
const NX_KINDS: readonly AnyKind[] = [nxFlowKind, nxAggregateKind] as readonly AnyKind[];

const kindByStat = new Map<string, AnyKind>(KINDS.map((k) => [k.stat, k]));
const kindByNumber = new Map<number, AnyKind>(KINDS.map((k) => [k.number, k]));
const nxKindByStat = new Map<string, AnyKind>(NX_KINDS.map((k) => [k.stat, k]));
const nxKindBySubtype = new Map<number, AnyKind>(NX_KINDS.map((k) => [k.nxSubtype!, k]));

/** The raw names (msgs.ts) of every kind's requests or replies, in any version. */
function rawNames(direction: 'REQUEST' | 'REPLY'): string[] {
  return [
    ...KINDS.flatMap((k) => [`OFPST_${k.rawStem}_${direction}`, `OFPMP_${k.rawStem}_${direction}`]),
    ...NX_KINDS.map((k) => `NXST_${k.rawStem}_${direction}`),
  ].filter((name) => [1, 2, 3, 4, 5, 6].some((v) => rawByName(name, v)));
}

/**
 * The kind that writes body 'body': the Nicira kind for format 'nxm', else
 * the standard kind of its 'stat'; throws if this file models neither.
 */
function kindOf(body: MultipartRequestBody | MultipartReplyBody): AnyKind {
  const nx = 'format' in body && body.format === 'nxm';
  const kind = (nx ? nxKindByStat : kindByStat).get(body.stat);
  if (!kind) throw new OfpCodecError('OFPBRC_BAD_STAT', `no multipart kind '${body.stat}'${nx ? ' in the NXM format' : ''}`);
  return kind;
}

/** The kind that reads 'raw' (a standard stats type or a Nicira subtype), if modelled. */
function kindOfRaw(raw: RawMsg): AnyKind | undefined {
  return raw.vendor === undefined ? kindByNumber.get(raw.stat!) : nxKindBySubtype.get(raw.subtype!);
}

/**
 * The raw name of 'kind' in 'version' (OFPST_* in OF1.0, OFPMP_* after,
 * NXST_* for Nicira kinds); throws OfpCodecError OFPBRC_BAD_VERSION when
 * the version has no such kind or a layout this codec does not model.
 */
function rawNameOf(kind: AnyKind, version: number, reply: boolean): string {
  const support = (reply ? kind.replySupport : kind.requestSupport)[version];
  if (support !== true) {
    throw new OfpCodecError('OFPBRC_BAD_VERSION', `${kind.rawStem} ${reply ? 'reply' : 'request'}: ${support ?? `no version ${version}`}`);
  }
  const family = kind.nxSubtype !== undefined ? 'NXST' : version === 1 ? 'OFPST' : 'OFPMP';
  return `${family}_${kind.rawStem}_${reply ? 'REPLY' : 'REQUEST'}`;
}

/** True if 'raw' in 'version' has a layout the matching kind models. */
function modelled(raw: RawMsg, version: number): boolean {
  const kind = kindOfRaw(raw);
  return (raw.reply ? kind?.replySupport : kind?.requestSupport)?.[version] === true;
}

/**
 * OFPST_*_REQUEST / OFPMP_*_REQUEST of every modelled kind.  Decoding
 * throws the kind's OfpCodecError (BAD_LEN for a body of the wrong size,
 * the match codec's OFPBMC_* errors, ...); encoding throws
 * OFPBRC_BAD_VERSION for a kind or filter the version cannot carry.
 */
export const multipartRequestCodec: MessageCodec<MultipartRequestMsg> = {
  type: 'multipart_request',
  raws: rawNames('REQUEST'),
  decodes: modelled,
  decode(raw, r, ctx) {
    const body = kindOfRaw(raw)!.decodeRequest(r, ctx.version);
    return { type: 'multipart_request', version: ctx.version, xid: ctx.xid, flags: ctx.statsFlags, body };
  },
  rawName: (m, v) => rawNameOf(kindOf(m.body), v, false),
  encode: (m, v, w) => kindOf(m.body).encodeRequest(w, m.body, v),
};

/** Bytes of header and stats prefix (with the Nicira header for Nicira kinds) in front of a body of 'kind' in 'version'. */
function prefixLen(kind: AnyKind, version: number): number {
  return (version === 1 ? 12 : 16) + (kind.nxSubtype === undefined ? 0 : version === 1 ? 12 : 8);
}

/**
 * Splits reply 'm' into parts that each encode within 65535 bytes in
 * 'version'.  Only list replies are ever split, at entry boundaries and in
 * order; every part but the last has OFPSF_REPLY_MORE added to the flags,
 * and the last keeps 'm's own flags.  Returns [m] when it fits.  Throws
 * OfpCodecError if one entry alone cannot fit in a message, or as
 * encoding would if an entry cannot be expressed in 'version'.
 */
export function splitReply(m: MultipartReplyMsg, version: number): MultipartReplyMsg[] {
  const kind = kindOf(m.body);
  if (!kind.encodeEntry || !('entries' in m.body)) return [m];
  const entries: readonly unknown[] = m.body.entries;
  const room = OFP_MAX_MSG_LEN - prefixLen(kind, version);
  const w = new WireWriter(4096);
  let sizes: number[];
  try {
    sizes = entries.map((e) => {
      const start = w.pos;
      kind.encodeEntry!(w, e, version);
      return w.pos - start;
    });
  } finally {
    w.release(); // only the sizes are kept
  }
  if (w.pos <= room) return [m];
  const cuts: number[] = [0];
  let used = 0;
  sizes.forEach((size, i) => {
    if (size > room) throw new OfpCodecError('OFPBRC_BAD_LEN', `${kind.rawStem} reply entry ${i} of ${size} bytes cannot fit in one message`);
    if (used + size > room) {
      cuts.push(i);
      used = 0;
    }
    used += size;
  });
  cuts.push(entries.length);
  const parts: MultipartReplyMsg[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const last = p + 2 === cuts.length;
    parts.push({
      ...m,
      flags: last ? m.flags : m.flags | OFPSF_MORE,
      body: { ...m.body, entries: entries.slice(cuts[p], cuts[p + 1]) } as MultipartReplyBody,
    });
  }
  return parts;
}

/**
 * OFPST_*_REPLY / OFPMP_*_REPLY of every modelled kind, one message (one
 * part) at a time.  Errors as for requests; encodeAll() splits through
 * splitReply().
 */
export const multipartReplyCodec: MessageCodec<MultipartReplyMsg> = {
  type: 'multipart_reply',
  raws: rawNames('REPLY'),
  decodes: modelled,
  decode(raw, r, ctx) {
    const body = kindOfRaw(raw)!.decodeReply(r, ctx.version);
    return { type: 'multipart_reply', version: ctx.version, xid: ctx.xid, flags: ctx.statsFlags, body };
  },
  rawName: (m, v) => rawNameOf(kindOf(m.body), v, true),
  encode: (m, v, w) => kindOf(m.body).encodeReply(w, m.body, v),
  split: splitReply,
};
