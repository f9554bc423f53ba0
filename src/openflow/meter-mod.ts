/**
 * OFPT_METER_MOD (OpenFlow 1.3+): a controller adds, changes or removes a
 * meter, a rate limiter that flows reach through the meter instruction
 * (instructions.ts).  The layout is the same from 1.3 to 1.5: command,
 * flags, meter id, then a list of bands.  Earlier versions have no meters,
 * so encoding one for them throws.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import { decodeMeterBand, encodeMeterBand, type MeterBand, OFPMBT_EXPERIMENTER } from './meter-band.js';

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

export type { MeterBand, MeterBandDrop, MeterBandDscpRemark, MeterBandExperimenter } from './meter-band.js';

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

/** The wire number of meter mod command 'c'. */
export function meterModCommandNumber(c: MeterModCommand): number {
  if (typeof c === 'number') return c;
  return COMMANDS.indexOf(c);
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
    while (r.remaining > 0) bands.push(decodeMeterBand(r));
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
    for (const b of m.bands) encodeMeterBand(w, b);
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
