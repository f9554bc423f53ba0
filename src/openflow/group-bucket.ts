/**
 * Group buckets (OpenFlow 1.1-1.4 ofp_bucket): the action lists a group
 * chooses among, with a weight (select groups) and a watched port and group
 * (fast-failover groups).  GROUP_MOD (group-mod.ts) and the GROUP_DESC
 * statistics reply (group-stats.ts) carry the same structure.
 */

import { type Action, actionsToString, decodeActions, encodeActions } from './actions.js';
import { OfpCodecError } from './codec-error.js';
import { OFPP_ANY, portName } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPG_* reserved group ids. */
export const OFPG_MAX = 0xffffff00;
export const OFPG_ALL = 0xfffffffc;
export const OFPG_ANY = 0xffffffff;

/** One bucket of a group. */
export interface Bucket {
  /** Relative weight, for select groups; 0 otherwise. */
  readonly weight: number;
  /** Port whose liveness gates the bucket (fast failover); OFPP_ANY for none. */
  readonly watchPort: number;
  /** Group whose liveness gates the bucket (fast failover); OFPG_ANY for none. */
  readonly watchGroup: number;
  readonly actions: readonly Action[];
}

/** Bytes of a bucket before its actions. */
const BUCKET_HEADER_LEN = 16;

/**
 * Reads one bucket of wire 'version'.  A bucket shorter than its 16-byte
 * header or longer than what is left is OFPGMFC_BAD_BUCKET, as Open vSwitch
 * answers; its actions raise decodeActions' errors (OFPBAC_*).
 */
export function decodeBucket(r: WireReader, version: number): Bucket {
  const at = r.pos;
  if (r.remaining < BUCKET_HEADER_LEN) throw new OfpCodecError('OFPGMFC_BAD_BUCKET', `bucket list ends with ${r.remaining} bytes`, at);
  const len = (r.buf[at]! << 8) | r.buf[at + 1]!;
  if (len < BUCKET_HEADER_LEN || len > r.remaining) throw new OfpCodecError('OFPGMFC_BAD_BUCKET', `bucket length ${len}`, at);
  const br = r.sub(len, 'OFPGMFC_BAD_BUCKET', 'bucket');
  br.skip(2);
  const weight = br.u16();
  const watchPort = br.u32();
  const watchGroup = br.u32();
  br.skip(4);
  const actions = decodeActions(br, br.remaining, version);
  return { weight, watchPort, watchGroup, actions };
}

/** Writes one bucket in wire 'version'; OFPGMFC_BAD_BUCKET if it passes 65535 bytes. */
export function encodeBucket(w: WireWriter, b: Bucket, version: number): void {
  const start = w.pos;
  w.u16(0).u16(b.weight).u32(b.watchPort).u32(b.watchGroup).zeros(4);
  encodeActions(w, b.actions, version);
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpCodecError('OFPGMFC_BAD_BUCKET', `bucket of ${len} bytes`);
  w.setU16(start, len);
}

/**
 * One bucket as ovs-ofctl prints it, e.g. "bucket=weight:5,actions=output:1";
 * 'defaultWeight' (1 for select groups, 0 otherwise) is left out.
 */
export function formatBucket(b: Bucket, defaultWeight: number, version: number): string {
  let s = 'bucket=';
  if (b.weight !== defaultWeight) s += `weight:${b.weight},`;
  if (b.watchPort !== OFPP_ANY) s += `watch_port:${portName(b.watchPort, version)},`;
  if (b.watchGroup !== OFPG_ANY) s += `watch_group:${b.watchGroup},`;
  return `${s}actions=${actionsToString(b.actions, version)}`;
}
