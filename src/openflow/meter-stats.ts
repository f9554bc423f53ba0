/**
 * The meter statistics kinds multipart.ts dispatches to (OpenFlow 1.3+;
 * the layouts are the same in 1.4 and 1.5):
 *
 *  - METER: counters per meter and per band, and the meter's age.
 *  - METER_CONFIG: each meter's flags and bands (drop, DSCP remark,
 *    experimenter), the structure METER_MOD also carries.
 *  - METER_FEATURES: the switch's meter limits and capabilities.
 */

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
import { decodeMeterBand, encodeMeterBand, type MeterBand } from './meter-band.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPM_ALL: every meter (in requests). */
export const OFPM_ALL = 0xffffffff;

const METER_STATS_LEN = 40;
const METER_CONFIG_LEN = 8;
const BAND_STATS_LEN = 16;
const METER_FEATURES_LEN = 16;

export { decodeMeterBand, encodeMeterBand, type MeterBand };

export interface BandStats {
  readonly packetCount: bigint;
  readonly byteCount: bigint;
}

export interface MeterStats {
  readonly meterId: number;
  readonly flowCount: number;
  readonly packetInCount: bigint;
  readonly byteInCount: bigint;
  readonly durationSec: number;
  readonly durationNsec: number;
  readonly bands: readonly BandStats[];
}

export interface MeterConfig {
  /** OFPMF_* bits: KBPS 1, PKTPS 2, BURST 4, STATS 8. */
  readonly flags: number;
  readonly meterId: number;
  readonly bands: readonly MeterBand[];
}

export interface MeterStatsRequest {
  readonly stat: 'meter';
  /** One meter, or OFPM_ALL. */
  readonly meterId: number;
}
export type MeterStatsReply = ListReply<'meter', MeterStats>;

export interface MeterConfigRequest {
  readonly stat: 'meter_config';
  /** One meter, or OFPM_ALL. */
  readonly meterId: number;
}
export type MeterConfigReply = ListReply<'meter_config', MeterConfig>;

export interface MeterFeaturesRequest {
  readonly stat: 'meter_features';
}
export interface MeterFeaturesReply {
  readonly stat: 'meter_features';
  readonly maxMeter: number;
  /** Bit n set: band type n (OFPMBT_*) is supported. */
  readonly bandTypes: number;
  /** OFPMF_* bits supported. */
  readonly capabilities: number;
  readonly maxBands: number;
  readonly maxColor: number;
}

const noMeters = (v: number): string => `${ofVersion(v)} has no meters`;


function decodeMeterRequest(r: WireReader, what: string): number {
  needExactly(r, 8, what);
  const meterId = r.u32();
  r.skip(4);
  return meterId;
}

function decodeMeterStats(outer: WireReader): MeterStats {
  const r = entryReader(outer, 'meter stats entry', METER_STATS_LEN, 8, 4);
  if ((r.remaining - METER_STATS_LEN) % BAND_STATS_LEN !== 0) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `meter stats entry of ${r.remaining} bytes`, r.pos);
  }
  const meterId = r.u32();
  r.skip(8);
  const flowCount = r.u32();
  const packetInCount = r.u64();
  const byteInCount = r.u64();
  const durationSec = r.u32();
  const durationNsec = r.u32();
  const bands: BandStats[] = [];
  while (r.remaining > 0) bands.push({ packetCount: r.u64(), byteCount: r.u64() });
  return { meterId, flowCount, packetInCount, byteInCount, durationSec, durationNsec, bands };
}

function encodeMeterStats(w: WireWriter, e: MeterStats): void {
  const start = w.pos;
  w.u32(e.meterId).u16(0).zeros(6).u32(e.flowCount).u64(e.packetInCount).u64(e.byteInCount);
  w.u32(e.durationSec).u32(e.durationNsec);
  for (const b of e.bands) w.u64(b.packetCount).u64(b.byteCount);
  patchLength(w, start + 4, start, 'meter stats entry');
}

function decodeMeterConfig(outer: WireReader): MeterConfig {
  const r = entryReader(outer, 'meter config entry', METER_CONFIG_LEN);
  r.skip(2);
  const flags = r.u16();
  const meterId = r.u32();
  const bands: MeterBand[] = [];
  while (r.remaining > 0) bands.push(decodeMeterBand(r));
  return { flags, meterId, bands };
}

function encodeMeterConfig(w: WireWriter, e: MeterConfig): void {
  const start = w.pos;
  w.u16(0).u16(e.flags).u32(e.meterId);
  for (const b of e.bands) encodeMeterBand(w, b);
  patchLength(w, start, start, 'meter config entry');
}

const meterList = listReply('meter', decodeMeterStats, encodeMeterStats);
const meterConfigList = listReply('meter_config', decodeMeterConfig, encodeMeterConfig);

/** The METER kind: OpenFlow 1.3+. */
export const meterKind: MultipartKind<MeterStatsRequest, MeterStatsReply> = {
  stat: 'meter',
  number: 9,
  rawStem: 'METER',
  requestSupport: supportRange(4, 6, noMeters),
  replySupport: supportRange(4, 6, noMeters),
  decodeRequest: (r) => ({ stat: 'meter', meterId: decodeMeterRequest(r, 'METER request') }),
  encodeRequest: (w, q) => void w.u32(q.meterId).zeros(4),
  decodeReply: meterList.decodeReply,
  encodeReply: meterList.encodeReply,
  encodeEntry: meterList.encodeEntry,
};

/** The METER_CONFIG kind: OpenFlow 1.3+. */
export const meterConfigKind: MultipartKind<MeterConfigRequest, MeterConfigReply> = {
  stat: 'meter_config',
  number: 10,
  rawStem: 'METER_CONFIG',
  requestSupport: supportRange(4, 6, noMeters),
  replySupport: supportRange(4, 6, noMeters),
  decodeRequest: (r) => ({ stat: 'meter_config', meterId: decodeMeterRequest(r, 'METER_CONFIG request') }),
  encodeRequest: (w, q) => void w.u32(q.meterId).zeros(4),
  decodeReply: meterConfigList.decodeReply,
  encodeReply: meterConfigList.encodeReply,
  encodeEntry: meterConfigList.encodeEntry,
};

/** The METER_FEATURES kind: OpenFlow 1.3+. */
export const meterFeaturesKind: MultipartKind<MeterFeaturesRequest, MeterFeaturesReply> = {
  stat: 'meter_features',
  number: 11,
  rawStem: 'METER_FEATURES',
  requestSupport: supportRange(4, 6, noMeters),
  replySupport: supportRange(4, 6, noMeters),
  decodeRequest(r) {
    needExactly(r, 0, 'METER_FEATURES request');
    return { stat: 'meter_features' };
  },
  encodeRequest: () => undefined,
  decodeReply(r) {
    needExactly(r, METER_FEATURES_LEN, 'METER_FEATURES reply');
    const maxMeter = r.u32();
    const bandTypes = r.u32();
    const capabilities = r.u32();
    const maxBands = r.u8();
    const maxColor = r.u8();
    r.skip(2);
    return { stat: 'meter_features', maxMeter, bandTypes, capabilities, maxBands, maxColor };
  },
  encodeReply: (w, p) => void w.u32(p.maxMeter).u32(p.bandTypes).u32(p.capabilities).u8(p.maxBands).u8(p.maxColor).zeros(2),
};
