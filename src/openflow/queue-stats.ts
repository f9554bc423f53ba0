/**
 * The QUEUE statistics kind (OFPST_QUEUE / OFPMP_QUEUE): counters per
 * (port, queue).  OpenFlow 1.0 has 16-bit port numbers; 1.1 and 1.2 widen
 * them; 1.3 appends the queue's age; 1.4 and 1.5 give each entry a length
 * and room for properties (none defined; any are kept as sent).  The age
 * is optional as in port-stats.ts.  One of the kinds multipart.ts
 * dispatches to.
 */

import { entryReader, listReply, type ListReply, type MultipartKind, needExactly, needMultipleOf, patchLength, supportRange } from './multipart-kind.js';
import type { Building } from './message.js';
import { encodeDuration, withDuration } from './port-stats.js';
import { OFPP_ALL, OFPP_ANY, portFrom10, portTo10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPQ_ALL: every queue of the port. */
export const OFPQ_ALL = 0xffffffff;

const OFP14_QUEUE_STATS_LEN = 48;

export interface QueueStats {
  readonly portNo: number;
  readonly queueId: number;
  readonly txBytes: bigint;
  readonly txPackets: bigint;
  readonly txErrors: bigint;
  /** Age of the queue (OF1.3+); both absent when unknown. */
  readonly durationSec?: number;
  readonly durationNsec?: number;
  /** OF1.4+ properties, kept as sent. */
  readonly extraProperties?: Uint8Array;
}

export interface QueueStatsRequest {
  readonly stat: 'queue';
  /**
   * One port, or OFPP_ANY for all.  OpenFlow 1.0 says "all" with OFPP_ALL:
   * as in Open vSwitch, it decodes to OFPP_ANY and OFPP_ANY encodes to it.
   */
  readonly portNo: number;
  /** One queue or OFPQ_ALL. */
  readonly queueId: number;
}
export type QueueStatsReply = ListReply<'queue', QueueStats>;

function decodeEntry(r: WireReader, version: number): QueueStats {
  if (version >= 5) {
    const er = entryReader(r, 'queue stats entry', OFP14_QUEUE_STATS_LEN);
    er.skip(8);
    const e: Building<QueueStats> = decodeEntry(er.sub(40), 4);
    if (er.remaining) e.extraProperties = er.rest();
    return e;
  }
  const portNo = version === 1 ? portFrom10(r.u16()) : r.u32();
  if (version === 1) r.skip(2);
  const queueId = r.u32();
  const e: Building<QueueStats> = { portNo, queueId, txBytes: r.u64(), txPackets: r.u64(), txErrors: r.u64() };
  return version >= 4 ? withDuration(e, r.u32(), r.u32()) : e;
}

function encodeEntry(w: WireWriter, e: QueueStats, version: number): void {
  let start = -1;
  if (version >= 5) {
    start = w.pos;
    w.u16(0).zeros(6);
  }
  if (version === 1) w.u16(portTo10(e.portNo)).zeros(2);
  else w.u32(e.portNo);
  w.u32(e.queueId).u64(e.txBytes).u64(e.txPackets).u64(e.txErrors);
  if (version >= 4) encodeDuration(w, e);
  if (version >= 5) {
    if (e.extraProperties) w.bytes(e.extraProperties);
    patchLength(w, start, start, 'queue stats entry');
  }
}

const list = listReply('queue', decodeEntry, encodeEntry);

/** The QUEUE kind: every version. */
export const queueKind: MultipartKind<QueueStatsRequest, QueueStatsReply> = {
  stat: 'queue',
  number: 5,
  rawStem: 'QUEUE',
  requestSupport: supportRange(1, 6, () => ''),
  replySupport: supportRange(1, 6, () => ''),
  decodeRequest(r, version) {
    needExactly(r, 8, 'QUEUE request');
    let portNo = version === 1 ? portFrom10(r.u16()) : r.u32();
    if (version === 1) {
      r.skip(2);
      if (portNo === OFPP_ALL) portNo = OFPP_ANY;
    }
    return { stat: 'queue', portNo, queueId: r.u32() };
  },
  encodeRequest(w, q, version) {
    if (version === 1) w.u16(portTo10(q.portNo === OFPP_ANY ? OFPP_ALL : q.portNo)).zeros(2);
    else w.u32(q.portNo);
    w.u32(q.queueId);
  },
  decodeReply(r, version) {
    if (version <= 4) needMultipleOf(r, version === 4 ? 40 : 32, 'QUEUE reply');
    return list.decodeReply(r, version);
  },
  encodeReply: list.encodeReply,
  encodeEntry: list.encodeEntry,
};
