/**
 * Meters on the agent channel: the neutral METER_MOD of
 * src/openflow/meter-mod.ts as the proto's MeterMod, and meter bands
 * (src/openflow/meter-band.ts) as the proto's MeterBand oneof, which the
 * meter configuration statistics reuse.  Commands travel as their wire
 * numbers; the neutral side names add, modify and delete and keeps any
 * other number, as the codec does.
 */

import type { MeterBand, MeterModCommand, MeterModMsg } from '../openflow/meter-mod.js';
import type { MeterBand as PbMeterBand, MeterBand__Output as PbMeterBandOut } from '../generated/ofconnmgr/v1/MeterBand.js';
import type { MeterMod as PbMeterMod, MeterMod__Output as PbMeterModOut } from '../generated/ofconnmgr/v1/MeterMod.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { bytesCopy, describe, listFrom, required, uintFrom } from './proto-scalars.js';

const COMMANDS = ['add', 'modify', 'delete'] as const;

/** A neutral meter band as a proto MeterBand. */
export function meterBandToProto(b: MeterBand): PbMeterBand {
  switch (b.type) {
    case 'drop': return { drop: { rate: b.rate, burst_size: b.burstSize } };
    case 'dscp_remark': return { dscp_remark: { rate: b.rate, burst_size: b.burstSize, prec_level: b.precLevel } };
    case 'experimenter':
      return { experimenter: { rate: b.rate, burst_size: b.burstSize, experimenter: b.experimenter, data: b.data } };
  }
}

/**
 * The neutral band of proto 'p' at 'path'.  Throws AgentWireError for a
 * band with no case set, a precedence level beyond 8 bits, experimenter
 * data that is not a multiple of 8 bytes (the band would not stay aligned).
 */
export function meterBandFromProto(p: PbMeterBandOut, path: string): MeterBand {
  const at = (k: string): string => fieldPath(path, k);
  switch (p.kind) {
    case 'drop': {
      const d = required(p.drop, at('drop'), 'the drop band');
      return { type: 'drop', rate: uintFrom(d.rate, 32, at('drop.rate')), burstSize: uintFrom(d.burst_size, 32, at('drop.burst_size')) };
    }
    case 'dscp_remark': {
      const d = required(p.dscp_remark, at('dscp_remark'), 'the dscp_remark band');
      return {
        type: 'dscp_remark', rate: uintFrom(d.rate, 32, at('dscp_remark.rate')),
        burstSize: uintFrom(d.burst_size, 32, at('dscp_remark.burst_size')), precLevel: uintFrom(d.prec_level, 8, at('dscp_remark.prec_level')),
      };
    }
    case 'experimenter': {
      const e = required(p.experimenter, at('experimenter'), 'the experimenter band');
      const data = bytesCopy(e.data);
      if (data.length % 8 !== 0) throw new AgentWireError(at('experimenter.data'), `${data.length} bytes of band data are not a multiple of 8`);
      return {
        type: 'experimenter', rate: uintFrom(e.rate, 32, at('experimenter.rate')),
        burstSize: uintFrom(e.burst_size, 32, at('experimenter.burst_size')),
        experimenter: uintFrom(e.experimenter, 32, at('experimenter.experimenter')), data,
      };
    }
    case undefined:
      throw new AgentWireError(path, 'no band given (none of drop, dscp_remark, experimenter is set)');
    default:
      throw new AgentWireError(path, `unknown meter band ${describe(p.kind)}`);
  }
}

/** Proto bands at 'path' (entries at "path[i]"). */
export function meterBandsFromProto(list: readonly PbMeterBandOut[] | null | undefined, path: string): MeterBand[] {
  return listFrom(list).map((b, i) => meterBandFromProto(b, `${path}[${i}]`));
}

/** A neutral METER_MOD as a proto MeterMod. */
export function meterModToProto(m: MeterModMsg): PbMeterMod {
  const command = typeof m.command === 'number' ? m.command : COMMANDS.indexOf(m.command);
  return { command, flags: m.flags, meter_id: m.meterId, bands: m.bands.map(meterBandToProto) };
}

/**
 * The neutral METER_MOD of proto 'p' at 'path', stamped with 'version' and
 * 'xid'.  Throws AgentWireError for a command or flags beyond 16 bits or a
 * band meterBandFromProto refuses.
 */
export function meterModFromProto(p: PbMeterModOut, path: string, version: number, xid: number): MeterModMsg {
  const cmd = uintFrom(p.command, 16, fieldPath(path, 'command'));
  const command: MeterModCommand = COMMANDS[cmd] ?? cmd;
  return {
    type: 'meter_mod', version, xid, command, flags: uintFrom(p.flags, 16, fieldPath(path, 'flags')),
    meterId: uintFrom(p.meter_id, 32, fieldPath(path, 'meter_id')), bands: meterBandsFromProto(p.bands, fieldPath(path, 'bands')),
  };
}
