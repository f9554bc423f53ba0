/**
 * Groups on the agent channel: the neutral GROUP_MOD of
 * src/openflow/group-mod.ts as the proto's GroupMod, and group buckets
 * (src/openflow/group-bucket.ts) as the proto's Bucket, which the group
 * description statistics reuse.  Commands and group types travel as their
 * wire numbers; the neutral side names the ones OpenFlow defines and keeps
 * any other number, as the codec does.
 */

import type { Bucket, GroupModCommand, GroupModMsg, GroupType } from '../openflow/group-mod.js';
import type { Bucket as PbBucket, Bucket__Output as PbBucketOut } from '../generated/ofconnmgr/v1/Bucket.js';
import type { GroupMod as PbGroupMod, GroupMod__Output as PbGroupModOut } from '../generated/ofconnmgr/v1/GroupMod.js';
import { fieldPath } from './agent-wire-error.js';
import { actionsFromProto, actionsToProto } from './actions.js';
import { listFrom, uintFrom } from './proto-scalars.js';

const COMMANDS = ['add', 'modify', 'delete'] as const;
const TYPES = ['all', 'select', 'indirect', 'ff'] as const;

/** The wire number of a neutral name-or-number from 'names'. */
function numberOf<T extends string>(names: readonly T[], v: T | number): number {
  return typeof v === 'number' ? v : names.indexOf(v);
}

/** The neutral group type of wire number 'n' (a name where OpenFlow defines one). */
export function groupTypeFrom(n: number): GroupType {
  return TYPES[n] ?? n;
}

/** The wire number of neutral group type 't'. */
export function groupTypeNumber(t: GroupType): number {
  return numberOf(TYPES, t);
}

/** A neutral bucket as a proto Bucket. */
export function bucketToProto(b: Bucket): PbBucket {
  return { weight: b.weight, watch_port: b.watchPort, watch_group: b.watchGroup, actions: actionsToProto(b.actions) };
}

/** The neutral bucket of proto 'p' at 'path': a 16-bit weight, its actions as actions.ts reads them. */
export function bucketFromProto(p: PbBucketOut, path: string): Bucket {
  const at = (k: string): string => fieldPath(path, k);
  return {
    weight: uintFrom(p.weight, 16, at('weight')), watchPort: uintFrom(p.watch_port, 32, at('watch_port')),
    watchGroup: uintFrom(p.watch_group, 32, at('watch_group')), actions: actionsFromProto(p.actions, at('actions')),
  };
}

/** Proto buckets at 'path' (entries at "path[i]"). */
export function bucketsFromProto(list: readonly PbBucketOut[] | null | undefined, path: string): Bucket[] {
  return listFrom(list).map((b, i) => bucketFromProto(b, `${path}[${i}]`));
}

/** A neutral GROUP_MOD as a proto GroupMod. */
export function groupModToProto(m: GroupModMsg): PbGroupMod {
  return {
    command: numberOf(COMMANDS, m.command), group_type: groupTypeNumber(m.groupType), group_id: m.groupId,
    buckets: m.buckets.map(bucketToProto),
  };
}

/**
 * The neutral GROUP_MOD of proto 'p' at 'path', stamped with 'version'
 * and 'xid'.  Throws AgentWireError for a command beyond 16 bits, a group
 * type beyond 8 bits, or a bucket bucketFromProto refuses.
 */
export function groupModFromProto(p: PbGroupModOut, path: string, version: number, xid: number): GroupModMsg {
  const cmd = uintFrom(p.command, 16, fieldPath(path, 'command'));
  const command: GroupModCommand = COMMANDS[cmd] ?? cmd;
  return {
    type: 'group_mod', version, xid, command, groupType: groupTypeFrom(uintFrom(p.group_type, 8, fieldPath(path, 'group_type'))),
    groupId: uintFrom(p.group_id, 32, fieldPath(path, 'group_id')), buckets: bucketsFromProto(p.buckets, fieldPath(path, 'buckets')),
  };
}
