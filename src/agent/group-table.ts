/**
 * The group table (OpenFlow 1.1+): GROUP_MOD semantics, which buckets a
 * packet takes, and group counters.  Commands and checks follow Open
 * vSwitch (ofproto.c, lib/ofp-group.c):
 *
 *  - ADD of an existing group: OFPGMFC_GROUP_EXISTS; a group id above
 *    OFPG_MAX: OFPGMFC_INVALID_GROUP; MODIFY of a missing group:
 *    OFPGMFC_UNKNOWN_GROUP; DELETE of a missing group: nothing; DELETE of
 *    OFPG_ALL: every group.  An unknown command: OFPGMFC_BAD_COMMAND; an
 *    unknown type: OFPGMFC_BAD_TYPE.
 *  - An indirect group has exactly one bucket, weights only in select
 *    groups, watches not in all/indirect groups, and every fast-failover
 *    bucket watches something: otherwise OFPGMFC_INVALID_GROUP or
 *    OFPGMFC_WATCH_UNSUPPORTED.  Bucket actions are checked by
 *    action-check.ts.
 *  - MODIFY replaces type and buckets and restarts the counters.
 *
 * Bucket choice: 'all' runs every bucket; 'indirect' its one bucket;
 * 'select' one live bucket of non-zero weight, chosen by a hash of the
 * packet's addresses and ports weighted by bucket weight (so one flow
 * keeps one bucket); 'ff' the first live bucket.  A bucket is live when the
 * port it watches is up and the group it watches has a live bucket.
 * Deleting a group is reported back so the switch can remove the flows
 * that use it (OFPRR_GROUP_DELETE).
 */

import type { Bucket, GroupModMsg } from '../openflow/group-mod.js';
import { OFPG_ALL, OFPG_ANY, OFPG_MAX } from '../openflow/group-mod.js';
import { OFPP_ANY } from '../openflow/port-number.js';
import { refuse } from './datapath-error.js';

export type GroupKind = 'all' | 'select' | 'indirect' | 'ff';
export const GROUP_KINDS: readonly GroupKind[] = ['all', 'select', 'indirect', 'ff'];

/** One group with its counters. */
export class GroupEntry {
  packetCount = 0n;
  byteCount = 0n;
  bucketCounters: { packetCount: bigint; byteCount: bigint }[];

  constructor(readonly groupId: number, readonly kind: GroupKind, readonly buckets: readonly Bucket[], readonly created: number) {
    this.bucketCounters = buckets.map(() => ({ packetCount: 0n, byteCount: 0n }));
  }
}

/** Deepest chain of watch_group references followed when judging liveness. */
const MAX_WATCH_DEPTH = 32;

export class GroupTable {
  private readonly groups = new Map<number, GroupEntry>();

  /** The group 'groupId', if it exists. */
  get(groupId: number): GroupEntry | undefined {
    return this.groups.get(groupId);
  }

  has(groupId: number): boolean {
    return this.groups.has(groupId);
  }

  /** Every group, by id. */
  all(): GroupEntry[] {
    return [...this.groups.values()].sort((a, b) => a.groupId - b.groupId);
  }

  /** Number of groups of each kind (all, select, indirect, ff). */
  get size(): number {
    return this.groups.size;
  }

  /** Removes every group. */
  clear(): void {
    this.groups.clear();
  }

  /**
   * Carries out GROUP_MOD 'm' at time 'now'.  'checkBucket' checks one
   * bucket's actions (throwing DatapathError).  Returns the ids of the
   * groups deleted.  Throws DatapathError (see the file comment); nothing
   * changes when it throws.
   */
  apply(m: GroupModMsg, now: number, checkBucket: (b: Bucket) => void): number[] {
    if (typeof m.command === 'number') refuse('OFPGMFC_BAD_COMMAND', `group mod command ${m.command}`);
    if (m.command === 'delete') {
      if (m.groupId === OFPG_ALL) {
        const ids = [...this.groups.keys()];
        this.groups.clear();
        return ids;
      }
      return this.groups.delete(m.groupId) ? [m.groupId] : [];
    }
    if (typeof m.groupType === 'number') refuse('OFPGMFC_BAD_TYPE', `group type ${m.groupType}`);
    const kind = m.groupType;
    checkBuckets(kind, m.buckets);
    if (m.groupId > OFPG_MAX) refuse('OFPGMFC_INVALID_GROUP', `group id ${m.groupId} is reserved`);
    const exists = this.groups.has(m.groupId);
    if (m.command === 'add' && exists) refuse('OFPGMFC_GROUP_EXISTS', `group ${m.groupId} exists`);
    if (m.command === 'modify' && !exists) refuse('OFPGMFC_UNKNOWN_GROUP', `group ${m.groupId} does not exist`);
    for (const b of m.buckets) checkBucket(b);
    this.groups.set(m.groupId, new GroupEntry(m.groupId, kind, m.buckets, now));
    return [];
  }

  /**
   * Indexes of the buckets of 'g' a packet takes; 'hash' is the packet's
   * flow hash, 'portLive' says whether a port is up.
   */
  choose(g: GroupEntry, hash: number, portLive: (port: number) => boolean): number[] {
    const live = (b: Bucket): boolean => this.bucketLive(b, portLive, 0);
    switch (g.kind) {
      case 'all':
        return g.buckets.map((_, i) => i);
      case 'indirect':
        return g.buckets.length ? [0] : [];
      case 'ff': {
        const i = g.buckets.findIndex(live);
        return i < 0 ? [] : [i];
      }
      case 'select': {
        const candidates = g.buckets.map((b, i) => ({ b, i })).filter(({ b }) => b.weight > 0 && live(b));
        const total = candidates.reduce((s, c) => s + c.b.weight, 0);
        if (total === 0) return [];
        let point = hash % total;
        for (const c of candidates) {
          if (point < c.b.weight) return [c.i];
          point -= c.b.weight;
        }
        return [];
      }
    }
  }

  private bucketLive(b: Bucket, portLive: (port: number) => boolean, depth: number): boolean {
    if (b.watchPort !== OFPP_ANY && !portLive(b.watchPort)) return false;
    if (b.watchGroup !== OFPG_ANY) {
      const g = this.groups.get(b.watchGroup);
      if (!g || depth >= MAX_WATCH_DEPTH) return false;
      return g.buckets.some((x) => this.bucketLive(x, portLive, depth + 1));
    }
    return true;
  }
}

/** The per-type bucket rules of OVS's ofputil_check_group_mod. */
function checkBuckets(kind: GroupKind, buckets: readonly Bucket[]): void {
  if (kind === 'indirect' && buckets.length !== 1) refuse('OFPGMFC_INVALID_GROUP', 'an indirect group has exactly one bucket');
  for (const b of buckets) {
    const watches = b.watchPort !== OFPP_ANY || b.watchGroup !== OFPG_ANY;
    if (b.weight && kind !== 'select') refuse('OFPGMFC_INVALID_GROUP', `a ${kind} group's buckets have no weight`);
    if ((kind === 'all' || kind === 'indirect') && watches) refuse('OFPGMFC_WATCH_UNSUPPORTED', `a ${kind} group's buckets watch nothing`);
    if (kind === 'ff' && !watches) refuse('OFPGMFC_INVALID_GROUP', 'every fast-failover bucket watches a port or group');
  }
}
