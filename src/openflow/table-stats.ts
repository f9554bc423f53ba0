/**
 * The TABLE statistics kind (OFPST_TABLE / OFPMP_TABLE): an empty request
 * and a reply listing one entry per flow table.  OpenFlow 1.0's entry also
 * describes the table (name, wildcards, max_entries); OpenFlow 1.3 moved
 * that description to TABLE_FEATURES and keeps only the counters, in the
 * layout 1.4 and 1.5 share.  OpenFlow 1.1 and 1.2 entries carry per-version
 * capability bitmaps this codec does not model: their replies decode as
 * unmodelled and cannot be encoded.  One of the kinds multipart.ts
 * dispatches to.
 */

import { listReply, type ListReply, type MultipartKind, needExactly, needMultipleOf, ofVersion, readFixedString, supportRange, writeFixedString } from './multipart-kind.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

const OFP_MAX_TABLE_NAME_LEN = 32;
const OFP10_TABLE_STATS_LEN = 64;
const OFP13_TABLE_STATS_LEN = 24;

/**
 * One table's statistics.  'name', 'wildcards' and 'maxEntries' are the
 * OpenFlow 1.0 description of the table: an OF1.0 reply always has them;
 * an OF1.3+ reply has no room for them and leaves them out; encoding an
 * entry without them in OF1.0 writes an empty name and zeros.
 */
export interface TableStats {
  readonly tableId: number;
  readonly activeCount: number;
  readonly lookupCount: bigint;
  readonly matchedCount: bigint;
  readonly name?: string;
  /** OFPFW10_* bits of the fields the table can wildcard. */
  readonly wildcards?: number;
  readonly maxEntries?: number;
}

export interface TableStatsRequest {
  readonly stat: 'table';
}
export type TableStatsReply = ListReply<'table', TableStats>;

function decodeEntry(r: WireReader, version: number): TableStats {
  if (version === 1) {
    const tableId = r.u8();
    r.skip(3);
    const name = readFixedString(r, OFP_MAX_TABLE_NAME_LEN, 'table name');
    const wildcards = r.u32();
    const maxEntries = r.u32();
    const activeCount = r.u32();
    const lookupCount = r.u64();
    const matchedCount = r.u64();
    return { tableId, activeCount, lookupCount, matchedCount, name, wildcards, maxEntries };
  }
  const tableId = r.u8();
  r.skip(3);
  const activeCount = r.u32();
  const lookupCount = r.u64();
  const matchedCount = r.u64();
  return { tableId, activeCount, lookupCount, matchedCount };
}

function encodeEntry(w: WireWriter, e: TableStats, version: number): void {
  w.u8(e.tableId).zeros(3);
  if (version === 1) {
    writeFixedString(w, e.name ?? '', OFP_MAX_TABLE_NAME_LEN, 'table name');
    w.u32(e.wildcards ?? 0).u32(e.maxEntries ?? 0);
  }
  w.u32(e.activeCount).u64(e.lookupCount).u64(e.matchedCount);
}

const list = listReply('table', decodeEntry, encodeEntry);

/** The TABLE kind: requests in every version; replies in 1.0 and 1.3-1.5. */
export const tableKind: MultipartKind<TableStatsRequest, TableStatsReply> = {
  stat: 'table',
  number: 3,
  rawStem: 'TABLE',
  requestSupport: supportRange(1, 6, () => ''),
  replySupport: {
    ...supportRange(4, 6, (v) => `table statistics of ${ofVersion(v)} (capability bitmaps per table) are not modelled`),
    1: true,
  },
  decodeRequest(r) {
    needExactly(r, 0, 'TABLE request');
    return { stat: 'table' };
  },
  encodeRequest: () => undefined,
  decodeReply(r, version) {
    needMultipleOf(r, version === 1 ? OFP10_TABLE_STATS_LEN : OFP13_TABLE_STATS_LEN, 'TABLE reply');
    return list.decodeReply(r, version);
  },
  encodeReply: list.encodeReply,
  encodeEntry: list.encodeEntry,
};
