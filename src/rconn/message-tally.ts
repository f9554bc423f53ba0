/**
 * Counts of the OpenFlow messages that pass through rconns, by direction,
 * wire version and header type, for the metrics of telemetry (messages in
 * and out by type).  One tally may be shared by every rconn of a bridge
 * (connmgr does so), so the counts only grow, whatever sessions come and
 * go.  The core counts a message received on its connected session and a
 * message accepted by send() (probes included); HELLOs belong to the vconn
 * and are not counted.  Counting is one array increment on the message
 * path; names are worked out only when someone reads the counts.
 */

/** One nonzero count. */
export interface TallyEntry {
  readonly direction: 'in' | 'out';
  /** The header's version byte; 7 stands for any value above 6 (not an OpenFlow version). */
  readonly version: number;
  /** The header's type byte. */
  readonly type: number;
  readonly count: number;
}

/** Versions 0..6 are counted apart; every other version byte shares slot 7. */
const VERSION_SLOTS = 8;
const SLOTS_PER_DIRECTION = VERSION_SLOTS * 256;

function slot(frame: Uint8Array): number {
  const v = frame[0]!;
  return ((v < VERSION_SLOTS - 1 ? v : VERSION_SLOTS - 1) << 8) | frame[1]!;
}

/** Message counts by direction, version and header type. */
export class MessageTally {
  private readonly counts = new Float64Array(2 * SLOTS_PER_DIRECTION);

  /** Counts 'frame' (one whole message, header first) as received from a peer. */
  countIn(frame: Uint8Array): void {
    this.counts[slot(frame)]!++;
  }

  /** Counts 'frame' (one whole message, header first) as sent to a peer. */
  countOut(frame: Uint8Array): void {
    this.counts[SLOTS_PER_DIRECTION + slot(frame)]!++;
  }

  /** Every nonzero count, inbound first, in version and type order. */
  entries(): TallyEntry[] {
    const out: TallyEntry[] = [];
    for (let i = 0; i < this.counts.length; i++) {
      const count = this.counts[i]!;
      if (count === 0) continue;
      const j = i % SLOTS_PER_DIRECTION;
      out.push({ direction: i < SLOTS_PER_DIRECTION ? 'in' : 'out', version: j >> 8, type: j & 0xff, count });
    }
    return out;
  }
}
