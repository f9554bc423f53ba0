/**
 * OFPT_METER_MOD (OpenFlow 1.3+): a controller adds, changes or removes a
 * meter, a rate limiter that flows reach through the meter instruction
 * (instructions.ts).  The layout is the same from 1.3 to 1.5: command,
 * flags, meter id, then a list of bands.  Earlier versions have no meters,
 * so encoding one for them throws.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPMC_*: 0 add, 1 modify, 2 delete; any other wire value is kept as its number. */
export type MeterModCommand = 'add' | 'modify' | 'delete' | number;

/** OFPMF_* flag bits. */
export const OFPMF_KBPS = 0x1;
export const OFPMF_PKTPS = 0x2;
export const OFPMF_BURST = 0x4;
export const OFPMF_STATS = 0x8;

/** OFPM_* reserved meter ids. */
export const OFPM_MAX = 0xffff0000;
export const OFPM_SLOWPATH = 0xfffffffd;
export const OFPM_CONTROLLER = 0xfffffffe;
export const OFPM_ALL = 0xffffffff;

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

export interface MeterModMsg extends MsgBase {
  readonly type: 'meter_mod';
  readonly command: MeterModCommand;
  /** OFPMF_* bits. */
  readonly flags: number;
  /** 1..OFPM_MAX, or a reserved id (OFPM_SLOWPATH, OFPM_CONTROLLER, OFPM_ALL). */
  readonly meterId: number;
  readonly bands: readonly MeterBand[];
}

const COMMANDS = ['add', 'modify', 'delete'] as const;

const OFPMBT_DROP = 1;
const OFPMBT_DSCP_REMARK = 2;
const OFPMBT_EXPERIMENTER = 0xffff;
/** Length of a drop or dscp_remark band, and the least length of an experimenter band. */
const BAND_LEN = 16;

/** The wire number of meter mod command 'c'. */
export function meterModCommandNumber(c: MeterModCommand): number {
  if (typeof c === 'number') return c;
  return COMMANDS.indexOf(c);
}

function decodeBand(r: WireReader): MeterBand {
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

function encodeBand(w: WireWriter, b: MeterBand): void {
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

/**
 * METER_MOD codec.  Decoding checks the structure only: band lengths
 * (OFPBRC_BAD_LEN) and band types (OFPMMFC_BAD_BAND); whether the command,
 * flags and rates make sense is for the switch to judge, so unknown
 * commands are kept as numbers.
 */
export const meterModCodec: MessageCodec<MeterModMsg> = {
  type: 'meter_mod',
  raws: ['OFPT_METER_MOD'],
  decode(_raw, r, ctx) {
    const cmd = r.u16();
    const flags = r.u16();
    const meterId = r.u32();
    const bands: MeterBand[] = [];
    while (r.remaining > 0) bands.push(decodeBand(r));
    const command: MeterModCommand = COMMANDS[cmd] ?? cmd;
    return { type: 'meter_mod', version: ctx.version, xid: ctx.xid, command, flags, meterId, bands };
  },
  rawName(_m, v) {
    if (v < 4) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'meters need OpenFlow 1.3 or later');
    return 'OFPT_METER_MOD';
  },
  encode(m, _v, w) {
    const cmd = meterModCommandNumber(m.command);
    if (cmd < 0 || cmd > 0xffff) throw new OfpCodecError('OFPMMFC_BAD_COMMAND', `meter mod command ${String(m.command)}`);
    w.u16(cmd).u16(m.flags).u32(m.meterId);
    for (const b of m.bands) encodeBand(w, b);
  },
};

const FLAG_NAMES: readonly [number, string][] = [[OFPMF_KBPS, 'kbps'], [OFPMF_PKTPS, 'pktps'], [OFPMF_BURST, 'burst'], [OFPMF_STATS, 'stats']];
const RESERVED_METERS: Record<number, string> = { [OFPM_SLOWPATH]: 'slowpath', [OFPM_CONTROLLER]: 'controller', [OFPM_ALL]: 'all' };

function formatBand(b: MeterBand, flags: number): string {
  let s = `type=${b.type === 'experimenter' ? OFPMBT_EXPERIMENTER : b.type} rate=${b.rate}`;
  if (flags & OFPMF_BURST) s += ` burst_size=${b.burstSize}`;
  if (b.type === 'dscp_remark') s += ` prec_level=${b.precLevel}`;
  if (b.type === 'experimenter') s += ` experimenter=0x${b.experimenter.toString(16)}`;
  return s;
}

/**
 * The body of 'm' as ovs-ofctl prints a METER_MOD, on one line (ovs-ofctl
 * puts each band on a line of its own), e.g.
 * "ADD meter=1 kbps burst bands=type=drop rate=100 burst_size=32".
 */
export function formatMeterMod(m: MeterModMsg): string {
  const cmd = typeof m.command === 'number' ? `cmd:${m.command}` : ({ add: 'ADD', modify: 'MOD', delete: 'DEL' } as const)[m.command];
  const id = m.meterId <= OFPM_MAX ? String(m.meterId) : (RESERVED_METERS[m.meterId] ?? 'unknown');
  let flags = '';
  let rest = m.flags;
  for (const [bit, name] of FLAG_NAMES) {
    if (m.flags & bit) {
      flags += `${name} `;
      rest &= ~bit;
    }
  }
  if (rest) flags += `flags:0x${rest.toString(16)} `;
  const bands = m.bands.map((b) => formatBand(b, m.flags)).join(' ');
  return `${cmd} meter=${id} ${flags}bands=${bands}`;
}
