/**
 * Flow removed: a switch tells its controller that a flow left a table
 * (timeout, delete, eviction, ...) with the flow's final statistics.  One
 * neutral 'flow_removed' covers OF1.0's OFPT_FLOW_REMOVED (an ofp10_match),
 * NXT_FLOW_REMOVED (OF1.0 in NXM flow format, reference §4.3.4), the
 * OF1.2-1.4 OFPT_FLOW_REMOVED (an OXM match) and OF1.5's, whose
 * statistics travel as OXS fields after the match.
 */

import { OfpCodecError } from './codec-error.js';
import {
  decodeNxmMatch,
  decodeOfp10Match,
  decodeOxmMatch,
  encodeNxmMatch,
  encodeOfp10Match,
  encodeOxmMatch,
  type Match,
} from './match.js';
import { flowMatchText } from './flow-mod.js';
import type { MessageCodec, MsgBase } from './message.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPRR_* reasons (reference §0.1). */
export const OFPRR_IDLE_TIMEOUT = 0;
export const OFPRR_HARD_TIMEOUT = 1;
export const OFPRR_DELETE = 2;
export const OFPRR_GROUP_DELETE = 3;
export const OFPRR_METER_DELETE = 4;
export const OFPRR_EVICTION = 5;

/** The table id of a flow-removed that does not say which table (OF1.0, NXT with table 0 on the wire). */
export const TABLE_UNKNOWN = 0xff;
/** A 64-bit statistic the OF1.5 message did not report. */
export const STAT_UNKNOWN = 0xffffffffffffffffn;
/** A duration the OF1.5 message did not report (both halves). */
export const DURATION_UNKNOWN = 0xffffffff;

export interface FlowRemovedMsg extends MsgBase {
  readonly type: 'flow_removed';
  /** 'standard': the version's OFPT_FLOW_REMOVED; 'nxm': NXT_FLOW_REMOVED (OF1.0 only). */
  readonly format: 'standard' | 'nxm';
  readonly cookie: bigint;
  readonly priority: number;
  /** The wire reason (OFPRR_*). */
  readonly reason: number;
  /** The flow's table; TABLE_UNKNOWN when the message does not carry it (OF1.0 standard). */
  readonly tableId: number;
  readonly durationSec: number;
  readonly durationNsec: number;
  readonly idleTimeout: number;
  /** 0 in OF1.0 forms, which do not carry it. */
  readonly hardTimeout: number;
  /** STAT_UNKNOWN when an OF1.5 message leaves it out. */
  readonly packetCount: bigint;
  readonly byteCount: bigint;
  readonly match: Match;
}

/** OXS (OpenFlow 1.5 flow statistics) fields of class OFPXSC_OPENFLOW_BASIC. */
const OXS_CLASS_BASIC = 0x8002;
const OXS_CLASS_EXPERIMENTER = 0xffff;
const OXS_DURATION = 0;
const OXS_PACKET_COUNT = 4;
const OXS_BYTE_COUNT = 5;

interface OxsStats {
  durationSec: number;
  durationNsec: number;
  packetCount: bigint;
  byteCount: bigint;
}

/**
 * Reads an ofp_oxs_stat (reserved, length, OXS fields, padding to 8) from
 * 'r'.  Keeps duration, packet and byte counts; skips the others (idle
 * time, flow count, experimenter fields).  Throws OFPBMC_BAD_LEN when the
 * structure or a field overruns.
 */
function decodeOxsStats(r: WireReader): OxsStats {
  const start = r.pos;
  r.need(4, 'OXS stats header');
  r.skip(2);
  const len = r.u16();
  if (len < 4) throw new OfpCodecError('OFPBMC_BAD_LEN', `OXS stats length ${len}`, start);
  r.pos = start;
  const body = r.sub((len + 7) & ~7, 'OFPBMC_BAD_LEN', 'OXS stats');
  const fields = body.sub(len, 'OFPBMC_BAD_LEN', 'OXS fields');
  fields.skip(4);
  const stats: OxsStats = { durationSec: DURATION_UNKNOWN, durationNsec: DURATION_UNKNOWN, packetCount: STAT_UNKNOWN, byteCount: STAT_UNKNOWN };
  while (fields.remaining > 0) {
    const cls = fields.u16();
    const field = fields.u8() >> 1;
    const flen = fields.u8();
    const value = fields.sub(flen, 'OFPBMC_BAD_LEN', 'OXS field');
    if (cls === OXS_CLASS_EXPERIMENTER && flen < 4) throw new OfpCodecError('OFPBMC_BAD_LEN', `OXS experimenter field of ${flen} bytes`);
    if (cls !== OXS_CLASS_BASIC || flen !== 8) continue;
    if (field === OXS_DURATION) {
      stats.durationSec = value.u32();
      stats.durationNsec = value.u32();
    } else if (field === OXS_PACKET_COUNT) {
      stats.packetCount = value.u64();
    } else if (field === OXS_BYTE_COUNT) {
      stats.byteCount = value.u64();
    }
  }
  return stats;
}

function oxsHeader(w: WireWriter, field: number): WireWriter {
  return w.u16(OXS_CLASS_BASIC).u8(field << 1).u8(8);
}

/** Writes the statistics of 'm' as an ofp_oxs_stat, leaving out unknown ones. */
function encodeOxsStats(w: WireWriter, m: FlowRemovedMsg): void {
  const start = w.pos;
  w.u16(0).u16(0);
  if (m.durationSec !== DURATION_UNKNOWN || m.durationNsec !== DURATION_UNKNOWN) {
    oxsHeader(w, OXS_DURATION).u32(m.durationSec).u32(m.durationNsec);
  }
  if (m.packetCount !== STAT_UNKNOWN) oxsHeader(w, OXS_PACKET_COUNT).u64(m.packetCount);
  if (m.byteCount !== STAT_UNKNOWN) oxsHeader(w, OXS_BYTE_COUNT).u64(m.byteCount);
  w.setU16(start + 2, w.pos - start);
  w.padTo(8, start);
}

/**
 * FLOW_REMOVED codec: OF1.0, NXT_FLOW_REMOVED (OF1.0), OF1.2-1.5.  OF1.1
 * is not modelled (OFPBRC_BAD_VERSION).  Decoding an OF1.5 message keeps
 * only the duration, packet and byte counts of its OXS statistics.
 */
export const flowRemovedCodec: MessageCodec<FlowRemovedMsg> = {
  type: 'flow_removed',
  raws: ['OFPT_FLOW_REMOVED', 'NXT_FLOW_REMOVED'],
  decode(raw, r, ctx) {
    if (raw.name === 'NXT_FLOW_REMOVED') {
      const cookie = r.u64();
      const priority = r.u16();
      const reason = r.u8();
      const wireTable = r.u8();
      const durationSec = r.u32();
      const durationNsec = r.u32();
      const idleTimeout = r.u16();
      const matchLen = r.u16();
      const packetCount = r.u64();
      const byteCount = r.u64();
      const match = decodeNxmMatch(r, matchLen);
      r.skip(((matchLen + 7) & ~7) - matchLen);
      const tableId = wireTable === 0 ? TABLE_UNKNOWN : wireTable - 1;
      return {
        type: 'flow_removed', version: ctx.version, xid: ctx.xid, format: 'nxm', cookie, priority, reason, tableId, durationSec, durationNsec, idleTimeout, hardTimeout: 0,
        packetCount, byteCount, match,
      };
    }
    if (ctx.version === 1) {
      const match = decodeOfp10Match(r);
      const cookie = r.u64();
      const priority = r.u16();
      const reason = r.u8();
      r.skip(1);
      const durationSec = r.u32();
      const durationNsec = r.u32();
      const idleTimeout = r.u16();
      r.skip(2);
      const packetCount = r.u64();
      const byteCount = r.u64();
      return {
        type: 'flow_removed', version: ctx.version, xid: ctx.xid, format: 'standard', cookie, priority, reason, tableId: TABLE_UNKNOWN, durationSec, durationNsec, idleTimeout,
        hardTimeout: 0, packetCount, byteCount, match,
      };
    }
    if (ctx.version === 2) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 FLOW_REMOVED is not supported');
    if (ctx.version >= 6) {
      const tableId = r.u8();
      const reason = r.u8();
      const priority = r.u16();
      const idleTimeout = r.u16();
      const hardTimeout = r.u16();
      const cookie = r.u64();
      const match = decodeOxmMatch(r);
      const stats = decodeOxsStats(r);
      return {
        type: 'flow_removed', version: ctx.version, xid: ctx.xid, format: 'standard', cookie, priority, reason, tableId, idleTimeout,
        hardTimeout, durationSec: stats.durationSec, durationNsec: stats.durationNsec, packetCount: stats.packetCount,
        byteCount: stats.byteCount, match,
      };
    }
    const cookie = r.u64();
    const priority = r.u16();
    const reason = r.u8();
    const tableId = r.u8();
    const durationSec = r.u32();
    const durationNsec = r.u32();
    const idleTimeout = r.u16();
    const hardTimeout = r.u16();
    const packetCount = r.u64();
    const byteCount = r.u64();
    const match = decodeOxmMatch(r);
    return {
      type: 'flow_removed', version: ctx.version, xid: ctx.xid, format: 'standard', cookie, priority, reason, tableId, durationSec, durationNsec, idleTimeout, hardTimeout,
      packetCount, byteCount, match,
    };
  },
  rawName(m, v) {
    if (v === 2) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 FLOW_REMOVED is not supported');
    if (v === 1) {
      if (m.hardTimeout !== 0) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 FLOW_REMOVED has no hard timeout');
      if (m.format === 'standard' && m.tableId !== TABLE_UNKNOWN) {
        throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 FLOW_REMOVED has no table id (use the nxm format)');
      }
    }
    if (m.format === 'nxm') {
      if (v !== 1) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'NXT_FLOW_REMOVED exists only in OpenFlow 1.0');
      return 'NXT_FLOW_REMOVED';
    }
    return 'OFPT_FLOW_REMOVED';
  },
  encode(m, v, w) {
    if (m.format === 'nxm') {
      const start = w.pos;
      w.u64(m.cookie).u16(m.priority).u8(m.reason).u8(m.tableId === TABLE_UNKNOWN ? 0 : m.tableId + 1);
      w.u32(m.durationSec).u32(m.durationNsec).u16(m.idleTimeout).u16(0).u64(m.packetCount).u64(m.byteCount);
      const matchLen = encodeNxmMatch(w, m.match);
      w.setU16(start + 22, matchLen);
      w.padTo(8, start + 40);
      return;
    }
    if (v === 1) {
      encodeOfp10Match(w, m.match);
      w.u64(m.cookie).u16(m.priority).u8(m.reason).zeros(1).u32(m.durationSec).u32(m.durationNsec);
      w.u16(m.idleTimeout).zeros(2).u64(m.packetCount).u64(m.byteCount);
      return;
    }
    if (v >= 6) {
      w.u8(m.tableId).u8(m.reason).u16(m.priority).u16(m.idleTimeout).u16(m.hardTimeout).u64(m.cookie);
      encodeOxmMatch(w, m.match);
      encodeOxsStats(w, m);
      return;
    }
    w.u64(m.cookie).u16(m.priority).u8(m.reason).u8(m.tableId).u32(m.durationSec).u32(m.durationNsec);
    w.u16(m.idleTimeout).u16(m.hardTimeout).u64(m.packetCount).u64(m.byteCount);
    encodeOxmMatch(w, m.match);
  },
};

const REASON_NAMES = ['idle', 'hard', 'delete', 'group_delete', 'meter_delete', 'eviction'];

/** Seconds and nanoseconds as ovs-ofctl prints a duration: "5s", "1.500s", "2.000000001s". */
function durationText(sec: number, nsec: number): string {
  if (nsec === 0) return `${sec}s`;
  if (nsec % 1000000 === 0) return `${sec}.${String(nsec / 1000000).padStart(3, '0')}s`;
  return `${sec}.${String(nsec).padStart(9, '0').replace(/0+$/, '')}s`;
}

/**
 * The body of 'm' as ovs-ofctl prints a flow-removed, e.g.
 * "priority=5,in_port=1 reason=idle table_id=2 cookie:0x10 duration1.5s
 * idle5 hard10 pkts3 bytes180".
 */
export function formatFlowRemoved(m: FlowRemovedMsg): string {
  let s = `${flowMatchText(m.match, m.priority, m.version)} reason=${REASON_NAMES[m.reason] ?? m.reason}`;
  if (m.tableId !== TABLE_UNKNOWN) s += ` table_id=${m.tableId}`;
  if (m.cookie !== 0n) s += ` cookie:0x${m.cookie.toString(16)}`;
  s += ` duration${durationText(m.durationSec, m.durationNsec)} idle${m.idleTimeout}`;
  if (m.hardTimeout) s += ` hard${m.hardTimeout}`;
  return `${s} pkts${m.packetCount} bytes${m.byteCount}`;
}
