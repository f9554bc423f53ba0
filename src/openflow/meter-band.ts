/**
 * Meter bands (OpenFlow 1.3+ ofp_meter_band_*): what a meter does to the
 * traffic above a band's rate.  METER_MOD (meter-mod.ts) and the
 * METER_CONFIG statistics reply (meter-stats.ts) carry the same structure.
 */

import { OfpCodecError } from './codec-error.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

const OFPMBT_DROP = 1;
const OFPMBT_DSCP_REMARK = 2;
export const OFPMBT_EXPERIMENTER = 0xffff;
/** Length of every band type but experimenter bands with extra data. */
const BAND_LEN = 16;

/** A band that drops packets over 'rate' (OFPMBT_DROP). */
export interface MeterBandDrop {
  readonly type: 'drop';
  /** In kb/s or packets/s, as the meter's flags say. */
  readonly rate: number;
  /** Only meaningful with OFPMF_BURST. */
  readonly burstSize: number;
}

/** A band that raises the drop precedence of the DSCP field (OFPMBT_DSCP_REMARK). */
export interface MeterBandDscpRemark {
  readonly type: 'dscp_remark';
  readonly rate: number;
  readonly burstSize: number;
  /** Number of drop-precedence levels to add. */
  readonly precLevel: number;
}

/** A vendor-defined band (OFPMBT_EXPERIMENTER); its body after the experimenter id is kept as sent. */
export interface MeterBandExperimenter {
  readonly type: 'experimenter';
  readonly rate: number;
  readonly burstSize: number;
  readonly experimenter: number;
  /** Bytes after the experimenter id; a multiple of 8 long so the band stays aligned. */
  readonly data: Uint8Array;
}

export type MeterBand = MeterBandDrop | MeterBandDscpRemark | MeterBandExperimenter;

/**
 * Reads one band.  A drop or DSCP-remark band that is not 16 bytes, or any
 * band whose length is not a multiple of 8 or overruns what is left, is
 * OFPBRC_BAD_LEN (as in Open vSwitch); an unknown band type is
 * OFPMMFC_BAD_BAND.
 */
export function decodeMeterBand(r: WireReader): MeterBand {
  const start = r.pos;
  const type = r.u16();
  const len = r.u16();
  if (len < BAND_LEN || len % 8 !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `meter band length ${len}`, start);
  if (len > r.remaining + 4) throw new OfpCodecError('OFPBRC_BAD_LEN', `meter band length ${len} overruns the message`, start);
  const rate = r.u32();
  const burstSize = r.u32();
  switch (type) {
    case OFPMBT_DROP:
      if (len !== BAND_LEN) throw new OfpCodecError('OFPBRC_BAD_LEN', `drop band length ${len}`, start);
      r.skip(4);
      return { type: 'drop', rate, burstSize };
    case OFPMBT_DSCP_REMARK: {
      if (len !== BAND_LEN) throw new OfpCodecError('OFPBRC_BAD_LEN', `dscp_remark band length ${len}`, start);
      const precLevel = r.u8();
      r.skip(3);
      return { type: 'dscp_remark', rate, burstSize, precLevel };
    }
    case OFPMBT_EXPERIMENTER: {
      const experimenter = r.u32();
      return { type: 'experimenter', rate, burstSize, experimenter, data: r.bytes(len - BAND_LEN) };
    }
    default:
      throw new OfpCodecError('OFPMMFC_BAD_BAND', `meter band type ${type}`, start);
  }
}

/** Writes one band; OFPBRC_BAD_LEN for experimenter data not a multiple of 8 bytes. */
export function encodeMeterBand(w: WireWriter, b: MeterBand): void {
  switch (b.type) {
    case 'drop':
      w.u16(OFPMBT_DROP).u16(BAND_LEN).u32(b.rate).u32(b.burstSize).zeros(4);
      return;
    case 'dscp_remark':
      w.u16(OFPMBT_DSCP_REMARK).u16(BAND_LEN).u32(b.rate).u32(b.burstSize).u8(b.precLevel).zeros(3);
      return;
    case 'experimenter':
      if (b.data.length % 8 !== 0) {
        throw new OfpCodecError('OFPBRC_BAD_LEN', `experimenter band data of ${b.data.length} bytes is not a multiple of 8`);
      }
      w.u16(OFPMBT_EXPERIMENTER).u16(BAND_LEN + b.data.length).u32(b.rate).u32(b.burstSize).u32(b.experimenter).bytes(b.data);
      return;
  }
}
