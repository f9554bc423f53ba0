/**
 * The flow statistics kinds multipart.ts dispatches to:
 *
 *  - FLOW: the request filters flows (table, output port and group, cookie
 *    under a mask, a match); the reply lists one entry per flow with its
 *    age, timeouts, priority, cookie, counters, match and instructions.
 *  - AGGREGATE: the same request; the reply sums packets, bytes and flows.
 *
 * Each comes in two formats, as a flow mod does (flow-mod.ts): the
 * version's standard OFPST_/OFPMP_ message, and in OpenFlow 1.0 also
 * Nicira's NXST_FLOW / NXST_AGGREGATE (reference §4.3.4), whose request
 * and entries carry an NXM match, so that flows matching fields OF1.0's
 * ofp_match lacks (registers, tun_id, IPv6, ...) can be asked about and
 * reported; the request's cookie filter travels in that match as the
 * NXM_NX_COOKIE pseudo-field, and its entries report idle and hard ages
 * (NXT_FLOW_AGE).  ovs-ofctl uses them in OpenFlow 1.0 unless told
 * `-F openflow10`.  The neutral bodies say which with 'format' ('nxm', or
 * absent for the standard message); the Nicira kinds here (nxFlowKind,
 * nxAggregateKind) read and write them, and exist only in OpenFlow 1.0.
 *
 * Matches are match.ts's (OF1.0's 40-byte ofp_match, NXM, OXM in 1.2+);
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
import {
  decodeNxmMatch,
  decodeOfp10Match,
  decodeOxmMatch,
  encodeNxmCookie,
  encodeNxmMatch,
  encodeOfp10Match,
  encodeOxmMatch,
  hasNxmCookie,
  type Match,
  takeNxmCookie,
} from './match.js';
import type { Building } from './message.js';
import { OFPST_VENDOR } from './msgs.js';
import {
  entryReader,
  listReply,
  type ListReply,
  type MultipartKind,
  needExactly,
  needMultipleOf,
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
/** nx_flow_stats_request and nx_flow_stats: the fixed parts before the NXM match. */
const NX_FLOW_STATS_REQUEST_LEN = 8;
const NX_FLOW_STATS_LEN = 48;
/** NXST_FLOW and NXST_AGGREGATE subtypes. */
const NXST_FLOW = 0;
const NXST_AGGREGATE = 1;

/**
 * The format of a flow or aggregate statistics message: 'nxm' for
 * Nicira's NXST_FLOW / NXST_AGGREGATE (OpenFlow 1.0 only, NXM matches);
 * absent (never 'standard') for the version's own statistics message.
 */
export type FlowStatsFormat = 'nxm';

/** What a FLOW or AGGREGATE request asks about. */
export interface FlowStatsRequest<S extends 'flow' | 'aggregate' = 'flow'> {
  readonly stat: S;
  /** 'nxm': NXST_FLOW / NXST_AGGREGATE (see the file comment); absent: the standard request. */
  readonly format?: FlowStatsFormat;
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
  /**
   * Seconds since a packet last matched the flow, and since it was last
   * added or modified, as NXST_FLOW entries report them (NXT_FLOW_AGE;
   * up to 65534, more is written as 65534).  Absent: not known.  Only the
   * Nicira format carries them; the standard ones leave them out.
   */
  readonly idleAge?: number;
  readonly hardAge?: number;
}

export interface FlowStatsReply extends ListReply<'flow', FlowStats> {
  /** 'nxm': NXST_FLOW reply; absent: the standard reply. */
  readonly format?: FlowStatsFormat;
}

export interface AggregateStatsReply {
  readonly stat: 'aggregate';
  /** 'nxm': NXST_AGGREGATE reply (the same body); absent: the standard reply. */
  readonly format?: FlowStatsFormat;
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

/* ---------------------------------------------------------------------- */
/* Nicira's NXST_FLOW and NXST_AGGREGATE (OpenFlow 1.0, NXM matches).      */

/**
 * Reads an nx_flow_stats_request (out_port, match_len, table_id, padding,
 * the NXM match padded to 8 bytes, which must end the message).  The
 * cookie filter comes out of the match (NXM_NX_COOKIE).  Throws
 * OFPBRC_BAD_LEN for a body that is not 8 bytes plus a multiple of 8,
 * OFPBMC_BAD_LEN for a match longer than the body, and the match codec's
 * errors.
 */
function decodeNxRequest<S extends 'flow' | 'aggregate'>(stat: S, r: WireReader): FlowStatsRequest<S> {
  if (r.remaining < NX_FLOW_STATS_REQUEST_LEN) needExactly(r, NX_FLOW_STATS_REQUEST_LEN, `NXST_${stat.toUpperCase()} request`);
  needMultipleOf(r, 8, `NXST_${stat.toUpperCase()} request`);
  const outPort = portFrom10(r.u16());
  const matchLen = r.u16();
  const tableId = r.u8();
  r.skip(3);
  const { match, cookie, cookieMask } = takeNxmCookie(readPaddedNxm(r, matchLen));
  return { stat, format: 'nxm', tableId, outPort, outGroup: OFPG_ANY, cookie, cookieMask, match };
}

/** Reads an NXM match of 'matchLen' bytes and the zeros that pad it to 8; OFPBMC_BAD_LEN if they are not all there. */
function readPaddedNxm(r: WireReader, matchLen: number): Match {
  const padded = (matchLen + 7) & ~7;
  if (padded > r.remaining) throw new OfpCodecError('OFPBMC_BAD_LEN', `nx_match of ${matchLen} bytes (${padded} padded), ${r.remaining} left`, r.pos);
  const match = decodeNxmMatch(r, matchLen);
  r.skip(padded - matchLen);
  return match;
}

/**
 * Writes an nx_flow_stats_request: the cookie filter goes into the NXM
 * match after its fields, as Open vSwitch writes it.  Throws OFPBRC_BAD_VERSION
 * for a group filter (NXM requests have none), OFPBMC_DUP_FIELD when the
 * match also holds an NXM_NX_COOKIE entry of its own, and the NXM match
 * codec's errors.
 */
function encodeNxRequest(w: WireWriter, q: FlowStatsRequest<'flow' | 'aggregate'>): void {
  if (q.outGroup !== OFPG_ANY) throw new OfpCodecError('OFPBRC_BAD_VERSION', `NXST_${q.stat.toUpperCase()} requests cannot filter on group ${q.outGroup}`);
  if (q.cookieMask !== 0n && hasNxmCookie(q.match)) throw new OfpCodecError('OFPBMC_DUP_FIELD', 'a cookie filter and an NXM_NX_COOKIE match entry');
  const start = w.pos;
  w.u16(portTo10(q.outPort)).u16(0).u8(q.tableId).zeros(3);
  const matchLen = encodeNxmMatch(w, q.match) + encodeNxmCookie(w, q.cookie, q.cookieMask);
  w.setU16(start + 2, matchLen);
  w.padTo(8, start);
}

/** The wire form of age 'age' (whole seconds): 0 unknown, else seconds plus one, at most 65535 (OVS's nx_flow_stats). */
function ageToWire(age: number | undefined): number {
  return age === undefined ? 0 : Math.min(age + 1, 0xffff);
}

/** Reads one nx_flow_stats entry (OVS's NXST_FLOW reply layout). */
function decodeNxFlowStats(outer: WireReader): FlowStats {
  const r = entryReader(outer, 'NXST_FLOW entry', NX_FLOW_STATS_LEN);
  r.skip(2);
  const tableId = r.u8();
  r.skip(1);
  const durationSec = r.u32();
  const durationNsec = r.u32();
  const priority = r.u16();
  const idleTimeout = r.u16();
  const hardTimeout = r.u16();
  const matchLen = r.u16();
  const idleAge = r.u16();
  const hardAge = r.u16();
  const cookie = r.u64();
  const packetCount = r.u64();
  const byteCount = r.u64();
  if (((matchLen + 7) & ~7) > r.remaining) throw new OfpCodecError('OFPBRC_BAD_LEN', `NXST_FLOW entry with match_len ${matchLen} in ${r.remaining + NX_FLOW_STATS_LEN} bytes`, r.pos);
  const match = readPaddedNxm(r, matchLen);
  const actions = decodeActions(r, r.remaining, 1);
  const e: Building<FlowStats> = {
    tableId, durationSec, durationNsec, priority, idleTimeout, hardTimeout, flags: 0, importance: 0,
    cookie, packetCount, byteCount, match, instructions: instructionsOf10(actions),
  };
  if (idleAge) e.idleAge = idleAge - 1;
  if (hardAge) e.hardAge = hardAge - 1;
  return e;
}

/** Writes one nx_flow_stats entry; the flags and importance OF1.0 does not report are left out. */
function encodeNxFlowStats(w: WireWriter, e: FlowStats): void {
  const start = w.pos;
  w.u16(0).u8(e.tableId).zeros(1).u32(e.durationSec).u32(e.durationNsec).u16(e.priority).u16(e.idleTimeout).u16(e.hardTimeout);
  w.u16(0).u16(ageToWire(e.idleAge)).u16(ageToWire(e.hardAge)).u64(e.cookie).u64(e.packetCount).u64(e.byteCount);
  w.setU16(start + 18, encodeNxmMatch(w, e.match));
  w.padTo(8, start);
  encodeActions(w, actionsFor10(e.instructions), 1);
  patchLength(w, start, start, 'NXST_FLOW entry');
}

const nxOnly10 = (what: string) => supportRange(1, 1, (v) => `Nicira ${what} statistics (NXM) exist only in OpenFlow 1.0, not ${ofVersion(v)}`);
const nxFlowSupport = nxOnly10('flow');
const nxAggregateSupport = nxOnly10('aggregate');

/** The NXST_FLOW kind (format 'nxm'): OpenFlow 1.0 only. */
export const nxFlowKind: MultipartKind<FlowStatsRequest, FlowStatsReply> = {
  stat: 'flow',
  number: OFPST_VENDOR,
  nxSubtype: NXST_FLOW,
  rawStem: 'FLOW',
  requestSupport: nxFlowSupport,
  replySupport: nxFlowSupport,
  decodeRequest: (r) => decodeNxRequest('flow', r),
  encodeRequest: (w, q) => encodeNxRequest(w, q),
  decodeReply(r) {
    const entries: FlowStats[] = [];
    while (r.remaining > 0) entries.push(decodeNxFlowStats(r));
    return { stat: 'flow', format: 'nxm', entries };
  },
  encodeReply(w, p) {
    for (const e of p.entries) encodeNxFlowStats(w, e);
  },
  encodeEntry: (w, e) => encodeNxFlowStats(w, e as FlowStats),
};

/** The NXST_AGGREGATE kind (format 'nxm'): OpenFlow 1.0 only; the reply is OF1.0's. */
export const nxAggregateKind: MultipartKind<AggregateStatsRequest, AggregateStatsReply> = {
  stat: 'aggregate',
  number: OFPST_VENDOR,
  nxSubtype: NXST_AGGREGATE,
  rawStem: 'AGGREGATE',
  requestSupport: nxAggregateSupport,
  replySupport: nxAggregateSupport,
  decodeRequest: (r) => decodeNxRequest('aggregate', r),
  encodeRequest: (w, q) => encodeNxRequest(w, q),
  decodeReply(r, v) {
    return { ...aggregateKind.decodeReply(r, v), format: 'nxm' };
  },
  encodeReply: (w, p, v) => aggregateKind.encodeReply(w, p, v),
};
