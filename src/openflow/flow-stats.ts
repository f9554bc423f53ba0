/**
 * The flow statistics kinds multipart.ts dispatches to:
 *
 *  - FLOW: the request filters flows (table, output port and group, cookie
 *    under a mask, a match); the reply lists one entry per flow with its
 *    age, timeouts, priority, cookie, counters, match and instructions.
 *  - AGGREGATE: the same request; the reply sums packets, bytes and flows.
 *
 * Matches are match.ts's (OF1.0's 40-byte ofp_match, OXM in 1.2+);
 * instructions are instructions.ts's.  OpenFlow 1.0 entries carry a plain
 * action list, which the neutral form holds as one apply-actions
 * instruction (none when the list is empty).  OpenFlow 1.1's own match
 * format and 1.5's OXS statistics are not modelled: those requests and
 * replies decode as unmodelled and cannot be encoded.
 */

import { type Action, decodeActions, encodeActions } from './actions.js';
import { OfpCodecError } from './codec-error.js';
import { OFPG_ANY } from './group-stats.js';
import { decodeInstructions, encodeInstructions, type Instruction } from './instructions.js';
import { decodeOfp10Match, decodeOxmMatch, encodeOfp10Match, encodeOxmMatch, type Match } from './match.js';
import {
  entryReader,
  listReply,
  type ListReply,
  type MultipartKind,
  needExactly,
  ofVersion,
  patchLength,
  supportRange,
  type VersionSupport,
} from './multipart-kind.js';
import { portFrom10, portTo10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPTT_ALL: every table (in requests). */
export const OFPTT_ALL = 0xff;

const OFP10_FLOW_STATS_LEN = 88;
const OFP11_FLOW_STATS_LEN = 48;
const AGGREGATE_REPLY_LEN = 24;

/** What a FLOW or AGGREGATE request asks about. */
export interface FlowStatsRequest<S extends 'flow' | 'aggregate' = 'flow'> {
  readonly stat: S;
  /** One table, or OFPTT_ALL. */
  readonly tableId: number;
  /** Only flows that output to this port; OFPP_ANY for no restriction. */
  readonly outPort: number;
  /** Only flows that output to this group; OFPG_ANY for no restriction (always, in OF1.0). */
  readonly outGroup: number;
  /** Only flows whose cookie equals 'cookie' in the bits of 'cookieMask' (0: no restriction, always in OF1.0). */
  readonly cookie: bigint;
  readonly cookieMask: bigint;
  readonly match: Match;
}
export type AggregateStatsRequest = FlowStatsRequest<'aggregate'>;

/** One flow of a FLOW reply. */
export interface FlowStats {
  readonly tableId: number;
  readonly durationSec: number;
  readonly durationNsec: number;
  readonly priority: number;
  readonly idleTimeout: number;
  readonly hardTimeout: number;
  /** OFPFF_* flags (OF1.3+ only; 0 from earlier versions). */
  readonly flags: number;
  /** Eviction precedence (OF1.4+ only; 0 from earlier versions). */
  readonly importance: number;
  readonly cookie: bigint;
  readonly packetCount: bigint;
  readonly byteCount: bigint;
  readonly match: Match;
  readonly instructions: readonly Instruction[];
}

export type FlowStatsReply = ListReply<'flow', FlowStats>;

export interface AggregateStatsReply {
  readonly stat: 'aggregate';
  readonly packetCount: bigint;
  readonly byteCount: bigint;
  readonly flowCount: number;
}

const noOf11Match = (v: number): string => `${ofVersion(v)} matches (ofp11_match) are not modelled`;
const requestSupport: VersionSupport = { ...supportRange(3, 6, noOf11Match), 1: true };

function decodeRequest<S extends 'flow' | 'aggregate'>(stat: S, r: WireReader, version: number): FlowStatsRequest<S> {
  if (version === 1) {
    needExactly(r, 44, `${stat.toUpperCase()} request`);
    const match = decodeOfp10Match(r);
    const tableId = r.u8();
    r.skip(1);
    const outPort = portFrom10(r.u16());
    return { stat, tableId, outPort, outGroup: OFPG_ANY, cookie: 0n, cookieMask: 0n, match };
  }
  const tableId = r.u8();
  r.skip(3);
  const outPort = r.u32();
  const outGroup = r.u32();
  r.skip(4);
  const cookie = r.u64();
  const cookieMask = r.u64();
  const match = decodeOxmMatch(r);
  return { stat, tableId, outPort, outGroup, cookie, cookieMask, match };
}

function encodeRequest(w: WireWriter, q: FlowStatsRequest<'flow' | 'aggregate'>, version: number): void {
  if (version === 1) {
    if (q.outGroup !== OFPG_ANY) throw new OfpCodecError('OFPBRC_BAD_VERSION', `OpenFlow 1.0 flow statistics cannot filter on group ${q.outGroup}`);
    if (q.cookie !== 0n || q.cookieMask !== 0n) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 flow statistics cannot filter on a cookie');
    encodeOfp10Match(w, q.match);
    w.u8(q.tableId).zeros(1).u16(portTo10(q.outPort));
    return;
  }
  w.u8(q.tableId).zeros(3).u32(q.outPort).u32(q.outGroup).zeros(4).u64(q.cookie).u64(q.cookieMask);
  encodeOxmMatch(w, q.match);
}

/** The instructions of an OF1.0 action list: one apply-actions instruction, or none for no actions. */
function instructionsOf10(actions: readonly Action[]): Instruction[] {
  return actions.length ? [{ type: 'apply_actions', actions }] : [];
}

/** The OF1.0 action list of 'instructions'; throws if they are more than one apply-actions instruction. */
function actionsFor10(instructions: readonly Instruction[]): readonly Action[] {
  if (instructions.length === 0) return [];
  const only = instructions[0]!;
  if (instructions.length > 1 || only.type !== 'apply_actions') {
    throw new OfpCodecError('OFPBIC_UNSUP_INST', `OpenFlow 1.0 flow statistics carry only an action list, not ${instructions.map((i) => i.type).join(', ')}`);
  }
  return only.actions;
}

function decodeFlowStats(outer: WireReader, version: number): FlowStats {
  if (version === 1) {
    const r = entryReader(outer, 'flow stats entry', OFP10_FLOW_STATS_LEN);
    r.skip(2);
    const tableId = r.u8();
    r.skip(1);
    const match = decodeOfp10Match(r);
    const durationSec = r.u32();
    const durationNsec = r.u32();
    const priority = r.u16();
    const idleTimeout = r.u16();
    const hardTimeout = r.u16();
    r.skip(6);
    const cookie = r.u64();
    const packetCount = r.u64();
    const byteCount = r.u64();
    const actions = decodeActions(r, r.remaining, version);
    return {
      tableId, durationSec, durationNsec, priority, idleTimeout, hardTimeout, flags: 0, importance: 0,
      cookie, packetCount, byteCount, match, instructions: instructionsOf10(actions),
    };
  }
  const r = entryReader(outer, 'flow stats entry', OFP11_FLOW_STATS_LEN);
  r.skip(2);
  const tableId = r.u8();
  r.skip(1);
  const durationSec = r.u32();
  const durationNsec = r.u32();
  const priority = r.u16();
  const idleTimeout = r.u16();
  const hardTimeout = r.u16();
  const flags = r.u16();
  const importance = r.u16();
  r.skip(2);
  const cookie = r.u64();
  const packetCount = r.u64();
  const byteCount = r.u64();
  const match = decodeOxmMatch(r);
  const instructions = decodeInstructions(r, r.remaining, version);
  return {
    tableId, durationSec, durationNsec, priority, idleTimeout, hardTimeout,
    flags: version >= 4 ? flags : 0, importance: version >= 5 ? importance : 0,
    cookie, packetCount, byteCount, match, instructions,
  };
}

function encodeFlowStats(w: WireWriter, e: FlowStats, version: number): void {
  const start = w.pos;
  w.u16(0).u8(e.tableId).zeros(1);
  if (version === 1) {
    encodeOfp10Match(w, e.match);
    w.u32(e.durationSec).u32(e.durationNsec).u16(e.priority).u16(e.idleTimeout).u16(e.hardTimeout).zeros(6);
    w.u64(e.cookie).u64(e.packetCount).u64(e.byteCount);
    encodeActions(w, actionsFor10(e.instructions), version);
  } else {
    w.u32(e.durationSec).u32(e.durationNsec).u16(e.priority).u16(e.idleTimeout).u16(e.hardTimeout);
    w.u16(version >= 4 ? e.flags : 0).u16(version >= 5 ? e.importance : 0).zeros(2);
    w.u64(e.cookie).u64(e.packetCount).u64(e.byteCount);
    encodeOxmMatch(w, e.match);
    encodeInstructions(w, e.instructions, version);
  }
  patchLength(w, start, start, 'flow stats entry');
}

const flowList = listReply('flow', decodeFlowStats, encodeFlowStats);

/** The FLOW kind: requests in 1.0 and 1.2-1.5; replies in 1.0 and 1.2-1.4. */
export const flowKind: MultipartKind<FlowStatsRequest, FlowStatsReply> = {
  stat: 'flow',
  number: 1,
  rawStem: 'FLOW',
  requestSupport,
  replySupport: {
    ...requestSupport,
    6: `${ofVersion(6)} flow statistics (OXS) are not modelled`,
  },
  decodeRequest: (r, v) => decodeRequest('flow', r, v),
  encodeRequest: encodeRequest,
  decodeReply: flowList.decodeReply,
  encodeReply: flowList.encodeReply,
  encodeEntry: flowList.encodeEntry,
};

/** The AGGREGATE kind: requests in 1.0 and 1.2-1.5; replies in 1.0-1.4. */
export const aggregateKind: MultipartKind<AggregateStatsRequest, AggregateStatsReply> = {
  stat: 'aggregate',
  number: 2,
  rawStem: 'AGGREGATE',
  requestSupport,
  replySupport: supportRange(1, 5, (v) => `${ofVersion(v)} aggregate statistics (OXS) are not modelled`),
  decodeRequest: (r, v) => decodeRequest('aggregate', r, v),
  encodeRequest: encodeRequest,
  decodeReply(r) {
    needExactly(r, AGGREGATE_REPLY_LEN, 'AGGREGATE reply');
    const packetCount = r.u64();
    const byteCount = r.u64();
    const flowCount = r.u32();
    r.skip(4);
    return { stat: 'aggregate', packetCount, byteCount, flowCount };
  },
  encodeReply: (w, p) => void w.u64(p.packetCount).u64(p.byteCount).u32(p.flowCount).zeros(4),
};
