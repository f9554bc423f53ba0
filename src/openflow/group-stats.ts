/**
 * The group statistics kinds multipart.ts dispatches to (OpenFlow 1.1+;
 * OpenFlow 1.0 has no groups):
 *
 *  - GROUP: counters per group and per bucket; 1.3 appends the group's age.
 *  - GROUP_DESC: each group's type and buckets (weight, watch port and
 *    group, actions of actions.ts).  The request is empty in 1.1-1.4; the
 *    1.5 request names a group and 1.5 buckets carry ids and properties,
 *    a layout this codec does not model (1.5 replies decode as
 *    unmodelled and cannot be encoded).
 *  - GROUP_FEATURES (1.2+): supported group types, capabilities, and per
 *    type the maximum number of groups and the supported actions.
 */

import { type Bucket, decodeBucket, encodeBucket, OFPG_ALL, OFPG_ANY } from './group-bucket.js';
import { OfpCodecError } from './codec-error.js';
import {
  entryReader,
  listReply,
  type ListReply,
  type MultipartKind,
  needExactly,
  ofVersion,
  patchLength,
  supportRange,
} from './multipart-kind.js';
import { DURATION_UNKNOWN, encodeDuration } from './port-stats.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

export { OFPG_ALL, OFPG_ANY, type Bucket, decodeBucket, encodeBucket };

/** OFPGT_* group types as ovs-ofctl names them. */
export const GROUP_TYPE_NAMES = ['all', 'select', 'indirect', 'fast_failover'] as const;

const OFP11_GROUP_DESC_LEN = 8;
const OFP11_GROUP_STATS_LEN = 32;
const OFP13_GROUP_STATS_LEN = 40;
const BUCKET_COUNTER_LEN = 16;
const GROUP_FEATURES_LEN = 40;

export interface BucketCounter {
  readonly packetCount: bigint;
  readonly byteCount: bigint;
}

export interface GroupStats {
  readonly groupId: number;
  readonly refCount: number;
  readonly packetCount: bigint;
  readonly byteCount: bigint;
  /** Age of the group (OF1.3+); both absent when unknown. */
  readonly durationSec?: number;
  readonly durationNsec?: number;
  readonly buckets: readonly BucketCounter[];
}

export interface GroupStatsRequest {
  readonly stat: 'group';
  /** One group, or OFPG_ALL. */
  readonly groupId: number;
}
export type GroupStatsReply = ListReply<'group', GroupStats>;


/** One group's description. */
export interface GroupDesc {
  /** OFPGT_*: 0 all, 1 select, 2 indirect, 3 fast failover. */
  readonly groupType: number;
  readonly groupId: number;
  readonly buckets: readonly Bucket[];
}

export interface GroupDescRequest {
  readonly stat: 'group_desc';
}
export type GroupDescReply = ListReply<'group_desc', GroupDesc>;

export interface GroupFeaturesRequest {
  readonly stat: 'group_features';
}
export interface GroupFeaturesReply {
  readonly stat: 'group_features';
  /** Bit n set: group type n (OFPGT_*) is supported. */
  readonly types: number;
  /** OFPGFC_* bits. */
  readonly capabilities: number;
  /** Per group type (all, select, indirect, fast failover): maximum number of groups. */
  readonly maxGroups: readonly [number, number, number, number];
  /** Per group type: bitmap of supported OFPAT_* action types. */
  readonly actions: readonly [number, number, number, number];
}

const noGroups = (v: number): string => `${ofVersion(v)} has no groups`;

function decodeGroupRequest(r: WireReader, what: string): number {
  needExactly(r, 8, what);
  const groupId = r.u32();
  r.skip(4);
  return groupId;
}

function decodeGroupStats(outer: WireReader, version: number): GroupStats {
  const fixed = version >= 4 ? OFP13_GROUP_STATS_LEN : OFP11_GROUP_STATS_LEN;
  const r = entryReader(outer, 'group stats entry', fixed);
  if ((r.remaining - fixed) % BUCKET_COUNTER_LEN !== 0) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `group stats entry of ${r.remaining} bytes`, r.pos);
  }
  r.skip(4);
  const groupId = r.u32();
  const refCount = r.u32();
  r.skip(4);
  const packetCount = r.u64();
  const byteCount = r.u64();
  const durationSec = version >= 4 ? r.u32() : DURATION_UNKNOWN;
  const durationNsec = version >= 4 ? r.u32() : DURATION_UNKNOWN;
  const buckets: BucketCounter[] = [];
  while (r.remaining > 0) buckets.push({ packetCount: r.u64(), byteCount: r.u64() });
  // Written out in full rather than spreading a duration object: V8 builds spreads far more slowly.
  if (durationSec === DURATION_UNKNOWN && durationNsec === DURATION_UNKNOWN) return { groupId, refCount, packetCount, byteCount, buckets };
  return { groupId, refCount, packetCount, byteCount, durationSec, durationNsec, buckets };
}

function encodeGroupStats(w: WireWriter, e: GroupStats, version: number): void {
  const start = w.pos;
  w.u16(0).zeros(2).u32(e.groupId).u32(e.refCount).zeros(4).u64(e.packetCount).u64(e.byteCount);
  if (version >= 4) encodeDuration(w, e);
  for (const b of e.buckets) w.u64(b.packetCount).u64(b.byteCount);
  patchLength(w, start, start, 'group stats entry');
}

const groupList = listReply('group', decodeGroupStats, encodeGroupStats);

/** The GROUP kind: OpenFlow 1.1+. */
export const groupKind: MultipartKind<GroupStatsRequest, GroupStatsReply> = {
  stat: 'group',
  number: 6,
  rawStem: 'GROUP',
  requestSupport: supportRange(2, 6, noGroups),
  replySupport: supportRange(2, 6, noGroups),
  decodeRequest: (r) => ({ stat: 'group', groupId: decodeGroupRequest(r, 'GROUP request') }),
  encodeRequest: (w, q) => void w.u32(q.groupId).zeros(4),
  decodeReply: groupList.decodeReply,
  encodeReply: groupList.encodeReply,
  encodeEntry: groupList.encodeEntry,
};


function decodeGroupDesc(outer: WireReader, version: number): GroupDesc {
  const r = entryReader(outer, 'group description', OFP11_GROUP_DESC_LEN, 1);
  r.skip(2);
  const groupType = r.u8();
  r.skip(1);
  const groupId = r.u32();
  const buckets: Bucket[] = [];
  while (r.remaining > 0) buckets.push(decodeBucket(r, version));
  return { groupType, groupId, buckets };
}

function encodeGroupDesc(w: WireWriter, g: GroupDesc, version: number): void {
  const start = w.pos;
  w.u16(0).u8(g.groupType).zeros(1).u32(g.groupId);
  for (const b of g.buckets) encodeBucket(w, b, version);
  patchLength(w, start, start, 'group description');
}

const groupDescList = listReply('group_desc', decodeGroupDesc, encodeGroupDesc);
const of15Buckets = (v: number): string => (v === 6 ? `${ofVersion(v)} group descriptions (bucket ids and properties) are not modelled` : noGroups(v));

/** The GROUP_DESC kind: OpenFlow 1.1-1.4. */
export const groupDescKind: MultipartKind<GroupDescRequest, GroupDescReply> = {
  stat: 'group_desc',
  number: 7,
  rawStem: 'GROUP_DESC',
  requestSupport: supportRange(2, 5, of15Buckets),
  replySupport: supportRange(2, 5, of15Buckets),
  decodeRequest(r) {
    needExactly(r, 0, 'GROUP_DESC request');
    return { stat: 'group_desc' };
  },
  encodeRequest: () => undefined,
  decodeReply: groupDescList.decodeReply,
  encodeReply: groupDescList.encodeReply,
  encodeEntry: groupDescList.encodeEntry,
};

/** The GROUP_FEATURES kind: OpenFlow 1.2+. */
export const groupFeaturesKind: MultipartKind<GroupFeaturesRequest, GroupFeaturesReply> = {
  stat: 'group_features',
  number: 8,
  rawStem: 'GROUP_FEATURES',
  requestSupport: supportRange(3, 6, (v) => `${ofVersion(v)} has no GROUP_FEATURES`),
  replySupport: supportRange(3, 6, (v) => `${ofVersion(v)} has no GROUP_FEATURES`),
  decodeRequest(r) {
    needExactly(r, 0, 'GROUP_FEATURES request');
    return { stat: 'group_features' };
  },
  encodeRequest: () => undefined,
  decodeReply(r) {
    needExactly(r, GROUP_FEATURES_LEN, 'GROUP_FEATURES reply');
    const types = r.u32();
    const capabilities = r.u32();
    const maxGroups = [r.u32(), r.u32(), r.u32(), r.u32()] as const;
    const actions = [r.u32(), r.u32(), r.u32(), r.u32()] as const;
    return { stat: 'group_features', types, capabilities, maxGroups, actions };
  },
  encodeReply(w, p) {
    if (p.maxGroups.length !== 4 || p.actions.length !== 4) {
      throw new OfpCodecError('OFPBRC_BAD_LEN', 'GROUP_FEATURES needs exactly four max_groups and four actions values');
    }
    w.u32(p.types).u32(p.capabilities);
    for (const n of p.maxGroups) w.u32(n);
    for (const a of p.actions) w.u32(a);
  },
};
