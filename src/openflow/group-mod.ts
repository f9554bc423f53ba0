/**
 * OFPT_GROUP_MOD (OpenFlow 1.1+): a controller adds, changes or removes a
 * group, a set of action buckets that flows reach through the group action
 * (actions.ts).  OF1.2-1.4 share one layout (command, type, group id, then
 * buckets of weight, watch port, watch group and actions), which is the
 * one modelled here.  OF1.1's (the same bytes, but OF1.1 actions) and
 * OF1.5's (bucket ids, bucket properties, group properties) are not:
 * decoding or encoding them throws OFPBRC_BAD_VERSION.  OF1.0 has no groups.
 */

import { OfpCodecError } from './codec-error.js';
import { type Bucket, decodeBucket, encodeBucket, formatBucket } from './group-bucket.js';
import type { MessageCodec, MsgBase } from './message.js';

/** OFPGC_*: 0 add, 1 modify, 2 delete; other wire values are kept as numbers. */
export type GroupModCommand = 'add' | 'modify' | 'delete' | number;
/** OFPGT_*: 0 all, 1 select, 2 indirect, 3 ff (fast failover); other wire values are kept as numbers. */
export type GroupType = 'all' | 'select' | 'indirect' | 'ff' | number;

export { OFPG_ALL, OFPG_ANY, OFPG_MAX, type Bucket } from './group-bucket.js';

export interface GroupModMsg extends MsgBase {
  readonly type: 'group_mod';
  readonly command: GroupModCommand;
  readonly groupType: GroupType;
  readonly groupId: number;
  readonly buckets: readonly Bucket[];
}

const COMMANDS = ['add', 'modify', 'delete'] as const;
const TYPES = ['all', 'select', 'indirect', 'ff'] as const;

function numberOf<T extends string>(names: readonly T[], v: T | number): number {
  return typeof v === 'number' ? v : names.indexOf(v);
}

function checkVersion(v: number): void {
  if (v === 1) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 has no groups');
  if (v === 2) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 GROUP_MOD is not supported');
  if (v >= 6) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.5 GROUP_MOD is not supported');
}

/**
 * GROUP_MOD codec, OF1.2-1.4.  A bucket whose length is below its header
 * or passes the end of the message is OFPGMFC_BAD_BUCKET (as Open vSwitch
 * answers); errors inside a bucket's actions are actions.ts's (OFPBAC_*).
 * Commands and types are not judged here.
 */
export const groupModCodec: MessageCodec<GroupModMsg> = {
  type: 'group_mod',
  raws: ['OFPT_GROUP_MOD'],
  decode(_raw, r, ctx) {
    checkVersion(ctx.version);
    const cmd = r.u16();
    const type = r.u8();
    r.skip(1);
    const groupId = r.u32();
    const buckets: Bucket[] = [];
    while (r.remaining > 0) buckets.push(decodeBucket(r, ctx.version));
    return {
      type: 'group_mod', version: ctx.version, xid: ctx.xid, command: COMMANDS[cmd] ?? cmd, groupType: TYPES[type] ?? type, groupId,
      buckets,
    };
  },
  rawName(_m, v) {
    checkVersion(v);
    return 'OFPT_GROUP_MOD';
  },
  encode(m, v, w) {
    const cmd = numberOf(COMMANDS, m.command);
    if (cmd < 0 || cmd > 0xffff) throw new OfpCodecError('OFPGMFC_BAD_COMMAND', `group mod command ${String(m.command)}`);
    const type = numberOf(TYPES, m.groupType);
    if (type < 0 || type > 0xff) throw new OfpCodecError('OFPGMFC_BAD_TYPE', `group type ${String(m.groupType)}`);
    w.u16(cmd).u8(type).zeros(1).u32(m.groupId);
    for (const b of m.buckets) encodeBucket(w, b, v);
  },
};


/**
 * The body of 'm' as ovs-ofctl prints a GROUP_MOD, e.g.
 * "ADD group_id=1,type=select,bucket=weight:5,actions=output:1".
 */
export function formatGroupMod(m: GroupModMsg): string {
  const cmd = typeof m.command === 'number' ? `cmd:${m.command}` : ({ add: 'ADD', modify: 'MOD', delete: 'DEL' } as const)[m.command];
  const type = typeof m.groupType === 'number' ? 'unknown' : m.groupType;
  const buckets = m.buckets.map((b) => ',' + formatBucket(b, m.groupType === 'select' ? 1 : 0, m.version)).join('');
  return `${cmd} group_id=${m.groupId},type=${type}${buckets}`;
}
