/**
 * The meter table (OpenFlow 1.3+): METER_MOD semantics and meter
 * counters, following Open vSwitch's handle_meter_mod():
 *
 *  - ADD/MODIFY of meter 0, of an id above OFPM_MAX other than SLOWPATH
 *    and CONTROLLER: OFPMMFC_INVALID_METER; more bands than the switch
 *    has: OFPMMFC_OUT_OF_BANDS; unknown flag bits: OFPMMFC_BAD_FLAGS; a
 *    band type it does not implement (experimenter): OFPMMFC_BAD_BAND;
 *    ADD of an existing meter: OFPMMFC_METER_EXISTS; MODIFY of a missing
 *    one: OFPMMFC_UNKNOWN_METER; one meter more than 'maxMeters':
 *    OFPMMFC_OUT_OF_METERS; an unknown command: OFPMMFC_BAD_COMMAND.
 *  - DELETE of meter 0 or a missing meter: nothing; of OFPM_ALL: every
 *    meter.  The deleted ids are returned so the switch can remove the
 *    flows that use them (OFPRR_METER_DELETE).
 *
 * Meters here count, they do not police: a packet that reaches a meter
 * instruction adds to the meter's packet and byte counts and goes on, and
 * band counters stay 0.  (Rate limiting in a reference switch driven by a
 * fake clock would measure nothing useful; the statistics and the table
 * semantics are what controllers observe.)
 */

import type { MeterBand, MeterModMsg } from '../openflow/meter-mod.js';
import {
  OFPM_ALL, OFPM_CONTROLLER, OFPM_MAX, OFPM_SLOWPATH, OFPMF_BURST, OFPMF_KBPS, OFPMF_PKTPS, OFPMF_STATS,
} from '../openflow/meter-mod.js';
import { refuse } from './datapath-error.js';

/** What the meter table supports (METER_FEATURES). */
export interface MeterLimits {
  readonly maxMeters: number;
  readonly maxBands: number;
}

const KNOWN_FLAGS = OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS;

/** One meter and its counters. */
export class MeterEntry {
  packetCount = 0n;
  byteCount = 0n;

  constructor(readonly meterId: number, readonly flags: number, readonly bands: readonly MeterBand[], readonly created: number) {}
}

export class MeterTable {
  private readonly meters = new Map<number, MeterEntry>();

  constructor(readonly limits: MeterLimits) {}

  get(meterId: number): MeterEntry | undefined {
    return this.meters.get(meterId);
  }

  has(meterId: number): boolean {
    return this.meters.has(meterId);
  }

  /** Every meter, by id. */
  all(): MeterEntry[] {
    return [...this.meters.values()].sort((a, b) => a.meterId - b.meterId);
  }

  clear(): void {
    this.meters.clear();
  }

  /**
   * Carries out METER_MOD 'm' at time 'now'; returns the ids of the meters
   * deleted.  Throws DatapathError (see the file comment); nothing changes
   * when it throws.
   */
  apply(m: MeterModMsg, now: number): number[] {
    if (typeof m.command === 'number') refuse('OFPMMFC_BAD_COMMAND', `meter mod command ${m.command}`);
    const id = m.meterId;
    if (m.command === 'delete') {
      if (id === OFPM_ALL) {
        const ids = [...this.meters.keys()];
        this.meters.clear();
        return ids;
      }
      return this.meters.delete(id) ? [id] : [];
    }
    if (id === 0 || (id > OFPM_MAX && id !== OFPM_SLOWPATH && id !== OFPM_CONTROLLER)) {
      refuse('OFPMMFC_INVALID_METER', `meter id ${id}`);
    }
    if (m.bands.length > this.limits.maxBands) refuse('OFPMMFC_OUT_OF_BANDS', `${m.bands.length} bands, at most ${this.limits.maxBands}`);
    if (m.flags & ~KNOWN_FLAGS) refuse('OFPMMFC_BAD_FLAGS', `meter flags 0x${m.flags.toString(16)}`);
    for (const b of m.bands) if (b.type === 'experimenter') refuse('OFPMMFC_BAD_BAND', 'experimenter bands are not supported');
    const exists = this.meters.has(id);
    if (m.command === 'add' && exists) refuse('OFPMMFC_METER_EXISTS', `meter ${id} exists`);
    if (m.command === 'modify' && !exists) refuse('OFPMMFC_UNKNOWN_METER', `meter ${id} does not exist`);
    if (!exists && this.meters.size >= this.limits.maxMeters) refuse('OFPMMFC_OUT_OF_METERS', `at most ${this.limits.maxMeters} meters`);
    const old = this.meters.get(id);
    const next = new MeterEntry(id, m.flags, m.bands, old?.created ?? now);
    if (old) {
      next.packetCount = old.packetCount;
      next.byteCount = old.byteCount;
    }
    this.meters.set(id, next);
    return [];
  }
}
