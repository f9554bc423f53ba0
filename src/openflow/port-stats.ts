/**
 * The two per-port statistics kinds multipart.ts dispatches to:
 *
 *  - PORT (OFPST_PORT / OFPMP_PORT): counters per port.  OpenFlow 1.0 has
 *    16-bit port numbers; 1.1 and 1.2 widen them to 32 bits; 1.3 appends
 *    the port's age (duration); 1.4 and 1.5 give each entry a length and
 *    move the Ethernet error counters into a property (other properties,
 *    e.g. optical, are kept as sent).
 *  - PORT_DESC (OFPMP_PORT_DESC, OpenFlow 1.3+): the port descriptions of
 *    port.ts, which replace OF1.0-1.2's port list in FEATURES_REPLY.  The
 *    1.5 request names a port; the 1.3 and 1.4 requests are empty.
 *
 * Counters a switch does not keep are all ones, as the specifications say.
 * A port's age is optional: versions without it (1.0-1.2) decode without
 * it, and encoding writes all ones (Open vSwitch's "unknown") when absent.
 */

import { OfpCodecError } from './codec-error.js';
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
} from './multipart-kind.js';
import type { Building } from './message.js';
import { decodePort, encodePort, type Port, portStructLen } from './port.js';
import { OFPP_ANY, portFrom10, portTo10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** A 64-bit counter the switch does not keep. */
export const COUNTER_UNAVAILABLE = 0xffffffffffffffffn;
/** A 32-bit duration field the switch does not know (both halves all ones). */
export const DURATION_UNKNOWN = 0xffffffff;

const OFPPSPT14_ETHERNET = 0;
const ETHERNET_PROP_LEN = 40;
const OFP14_PORT_STATS_LEN = 80;

export interface PortStats {
  readonly portNo: number;
  readonly rxPackets: bigint;
  readonly txPackets: bigint;
  readonly rxBytes: bigint;
  readonly txBytes: bigint;
  readonly rxDropped: bigint;
  readonly txDropped: bigint;
  readonly rxErrors: bigint;
  readonly txErrors: bigint;
  /** Ethernet counters (an OF1.4+ property; COUNTER_UNAVAILABLE when not kept). */
  readonly rxFrameErr: bigint;
  readonly rxOverErr: bigint;
  readonly rxCrcErr: bigint;
  readonly collisions: bigint;
  /** Age of the port (OF1.3+); both absent when unknown. */
  readonly durationSec?: number;
  readonly durationNsec?: number;
  /** OF1.4+ properties other than Ethernet (optical, experimenter), kept as sent. */
  readonly extraProperties?: Uint8Array;
}

export interface PortStatsRequest {
  readonly stat: 'port';
  /** One port, or OFPP_ANY (OFPP_NONE in OF1.0) for all. */
  readonly portNo: number;
}
export type PortStatsReply = ListReply<'port', PortStats>;

export interface PortDescRequest {
  readonly stat: 'port_desc';
  /** OF1.5+ only: one port, or OFPP_ANY for all.  Absent means all. */
  readonly portNo?: number;
}
export type PortDescReply = ListReply<'port_desc', Port>;

/** Reads the 8-byte port(+pad) request body of 'version'; returns the neutral port number. */
function decodePortRequest(r: WireReader, version: number, what: string): number {
  needExactly(r, 8, what);
  const portNo = version === 1 ? portFrom10(r.u16()) : r.u32();
  r.skip(version === 1 ? 6 : 4);
  return portNo;
}

function encodePortRequest(w: WireWriter, portNo: number, version: number): void {
  if (version === 1) w.u16(portTo10(portNo)).zeros(6);
  else w.u32(portNo).zeros(4);
}

/**
 * Sets 'e''s duration from the pair 'sec', 'nsec' read off the wire,
 * leaving both absent when they are all ones (unknown), and returns 'e'.
 * Adding the keys to an existing object, rather than spreading it into a
 * new one, avoids a V8 path some hundred times slower.
 */
export function withDuration<T extends { durationSec?: number; durationNsec?: number }>(e: Building<T>, sec: number, nsec: number): T {
  if (sec !== DURATION_UNKNOWN || nsec !== DURATION_UNKNOWN) {
    e.durationSec = sec;
    e.durationNsec = nsec;
  }
  return e as T;
}

/** Writes the duration pair, all ones where absent. */
export function encodeDuration(w: WireWriter, e: { durationSec?: number; durationNsec?: number }): void {
  w.u32(e.durationSec ?? DURATION_UNKNOWN).u32(e.durationNsec ?? DURATION_UNKNOWN);
}

function decodePortStats(r: WireReader, version: number): PortStats {
  if (version >= 5) return decodePortStats14(r);
  const portNo = version === 1 ? portFrom10(r.u16()) : r.u32();
  r.skip(version === 1 ? 6 : 4);
  const e: Building<PortStats> = {
    portNo,
    rxPackets: r.u64(), txPackets: r.u64(), rxBytes: r.u64(), txBytes: r.u64(),
    rxDropped: r.u64(), txDropped: r.u64(), rxErrors: r.u64(), txErrors: r.u64(),
    rxFrameErr: r.u64(), rxOverErr: r.u64(), rxCrcErr: r.u64(), collisions: r.u64(),
  };
  return version >= 4 ? withDuration(e, r.u32(), r.u32()) : e;
}

function decodePortStats14(outer: WireReader): PortStats {
  const r = entryReader(outer, 'port stats entry', OFP14_PORT_STATS_LEN);
  r.skip(4);
  const portNo = r.u32();
  const durationSec = r.u32();
  const durationNsec = r.u32();
  const rxPackets = r.u64(), txPackets = r.u64(), rxBytes = r.u64(), txBytes = r.u64();
  const rxDropped = r.u64(), txDropped = r.u64(), rxErrors = r.u64(), txErrors = r.u64();
  let rxFrameErr = COUNTER_UNAVAILABLE, rxOverErr = COUNTER_UNAVAILABLE, rxCrcErr = COUNTER_UNAVAILABLE, collisions = COUNTER_UNAVAILABLE;
  const extra: Uint8Array[] = [];
  while (r.remaining > 0) {
    const start = r.pos;
    const ptype = r.u16();
    const plen = r.u16();
    if (plen < 4) throw new OfpCodecError('OFPBPC_BAD_LEN', `port stats property length ${plen}`, start);
    const body = r.sub(((plen + 7) & ~7) - 4, 'OFPBPC_BAD_LEN', 'port stats property');
    if (ptype === OFPPSPT14_ETHERNET) {
      if (plen !== ETHERNET_PROP_LEN) throw new OfpCodecError('OFPBPC_BAD_LEN', `Ethernet port stats property of ${plen} bytes`, start);
      body.skip(4);
      rxFrameErr = body.u64();
      rxOverErr = body.u64();
      rxCrcErr = body.u64();
      collisions = body.u64();
    } else {
      extra.push(r.buf.subarray(start, r.pos));
    }
  }
  const e: Building<PortStats> = {
    portNo, rxPackets, txPackets, rxBytes, txBytes, rxDropped, txDropped, rxErrors, txErrors,
    rxFrameErr, rxOverErr, rxCrcErr, collisions,
  };
  withDuration(e, durationSec, durationNsec);
  if (extra.length) e.extraProperties = Buffer.concat(extra);
  return e;
}

function encodePortStats(w: WireWriter, e: PortStats, version: number): void {
  if (version >= 5) return encodePortStats14(w, e);
  if (version === 1) w.u16(portTo10(e.portNo)).zeros(6);
  else w.u32(e.portNo).zeros(4);
  w.u64(e.rxPackets).u64(e.txPackets).u64(e.rxBytes).u64(e.txBytes);
  w.u64(e.rxDropped).u64(e.txDropped).u64(e.rxErrors).u64(e.txErrors);
  w.u64(e.rxFrameErr).u64(e.rxOverErr).u64(e.rxCrcErr).u64(e.collisions);
  if (version >= 4) encodeDuration(w, e);
}

function encodePortStats14(w: WireWriter, e: PortStats): void {
  const start = w.pos;
  w.u16(0).zeros(2).u32(e.portNo);
  encodeDuration(w, e);
  w.u64(e.rxPackets).u64(e.txPackets).u64(e.rxBytes).u64(e.txBytes);
  w.u64(e.rxDropped).u64(e.txDropped).u64(e.rxErrors).u64(e.txErrors);
  const ethernet = [e.rxFrameErr, e.rxOverErr, e.rxCrcErr, e.collisions];
  if (ethernet.some((c) => c !== COUNTER_UNAVAILABLE)) {
    w.u16(OFPPSPT14_ETHERNET).u16(ETHERNET_PROP_LEN).zeros(4);
    for (const c of ethernet) w.u64(c);
  }
  if (e.extraProperties) w.bytes(e.extraProperties);
  patchLength(w, start, start, 'port stats entry');
}

const portList = listReply('port', decodePortStats, encodePortStats);

/** The PORT kind: every version. */
export const portKind: MultipartKind<PortStatsRequest, PortStatsReply> = {
  stat: 'port',
  number: 4,
  rawStem: 'PORT',
  requestSupport: supportRange(1, 6, () => ''),
  replySupport: supportRange(1, 6, () => ''),
  decodeRequest: (r, v) => ({ stat: 'port', portNo: decodePortRequest(r, v, 'PORT request') }),
  encodeRequest: (w, q, v) => encodePortRequest(w, q.portNo, v),
  decodeReply(r, version) {
    if (version <= 3) needMultipleOf(r, 104, 'PORT reply');
    else if (version === 4) needMultipleOf(r, 112, 'PORT reply');
    return portList.decodeReply(r, version);
  },
  encodeReply: portList.encodeReply,
  encodeEntry: portList.encodeEntry,
};

const portDescList = listReply('port_desc', decodePort, (w, p: Port, v) => encodePort(w, p, v));

/** The PORT_DESC kind: OpenFlow 1.3+ (OF1.0-1.2 list ports in FEATURES_REPLY instead). */
export const portDescKind: MultipartKind<PortDescRequest, PortDescReply> = {
  stat: 'port_desc',
  number: 13,
  rawStem: 'PORT_DESC',
  requestSupport: supportRange(4, 6, (v) => `${ofVersion(v)} has no PORT_DESC (ports are in FEATURES_REPLY)`),
  replySupport: supportRange(4, 6, (v) => `${ofVersion(v)} has no PORT_DESC (ports are in FEATURES_REPLY)`),
  decodeRequest(r, version) {
    if (version <= 5) {
      needExactly(r, 0, 'PORT_DESC request');
      return { stat: 'port_desc' };
    }
    return { stat: 'port_desc', portNo: decodePortRequest(r, version, 'PORT_DESC request') };
  },
  encodeRequest(w, q, version) {
    if (version >= 6) {
      encodePortRequest(w, q.portNo ?? OFPP_ANY, version);
    } else if (q.portNo !== undefined && q.portNo !== OFPP_ANY) {
      throw new OfpCodecError('OFPBRC_BAD_VERSION', `a PORT_DESC request for one port (${q.portNo}) needs OpenFlow 1.5`);
    }
  },
  decodeReply(r, version) {
    if (version === 4) needMultipleOf(r, portStructLen(version), 'PORT_DESC reply');
    return portDescList.decodeReply(r, version);
  },
  encodeReply: portDescList.encodeReply,
  encodeEntry: portDescList.encodeEntry,
};
