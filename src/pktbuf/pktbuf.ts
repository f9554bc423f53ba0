/**
 * Packet buffers (reference §6.2, the seed's ofproto/pktbuf.c): a pool of
 * slots holding packets sent to a controller in packet-ins, so that a
 * PACKET_OUT or FLOW_MOD can name the packet by buffer id instead of
 * carrying it back.  Ids put the slot index in the low 8 bits and a 24-bit
 * per-slot cookie above it, bumped on each reuse so that stale ids are
 * recognised; slots are used round robin and a slot is not reused within
 * 5 s of being filled.  Only primary sessions own a pool (ofconn.ts makes
 * it when the bridge's packet_buffers setting is positive).
 *
 * A pure decider on caller time: save() and retrieve() take 'now' and do
 * no I/O.  What a retrieval means for the datapath is ofconn.ts's business.
 */

import { NO_BUFFER } from '../openflow/index.js';

/** Bits of a buffer id that name the slot (§6.2.2). */
export const PKTBUF_BITS = 8;
/** The most slots a pool can have: one per slot index. */
export const MAX_PACKET_BUFFERS = 1 << PKTBUF_BITS;
/** Slots of a pool when the bridge does not say (§6.2.1: the seed's 256). */
export const DEFAULT_PACKET_BUFFERS = 256;
/** §6.2.2: the reserved cookie; a real id never has it. */
export const COOKIE_MAX = 0xffffff;
/** §6.2.2: the id of packets sent while failing open: cookie COOKIE_MAX, slot 0. */
export const NULL_BUFFER_ID = 0xffffff00;
/** §6.2.3: how long a saved packet keeps its slot, ms. */
export const OVERWRITE_MS = 5000;

/** A packet taken out of its buffer. */
export interface BufferedPacket {
  readonly frame: Uint8Array;
  /** The port it came in on. */
  readonly inPort: number;
}

/**
 * What retrieve() found: ok with the packet, ok without one (NO_BUFFER or
 * the null id), or the error the requester gets, with the seed's log
 * wording in 'detail'.
 */
export type RetrieveResult =
  | { readonly ok: true; readonly packet: BufferedPacket | null; readonly detail?: string }
  | { readonly ok: false; readonly error: 'OFPBRC_BUFFER_EMPTY' | 'OFPBRC_BUFFER_UNKNOWN'; readonly detail: string };

interface Slot {
  packet: BufferedPacket | null;
  cookie: number;
  /** Until when the packet may not be overwritten. */
  timeout: number;
}

/** The buffer id of slot 'slot' with cookie 'cookie'. */
export function bufferId(slot: number, cookie: number): number {
  return ((cookie << PKTBUF_BITS) | slot) >>> 0;
}

/** One session's pool of packet buffers. */
export class PacketBuffers {
  private readonly slots: Slot[];
  private next = 0;

  /**
   * A pool of 'n' slots (1..256; the FEATURES_REPLY's n_buffers), every
   * slot's cookie starting at 'initialCookie' (0 as in the seed; another
   * value stands for a pool that has been busy for a long time).  Throws
   * RangeError for any other size or a cookie outside 0..0xfffffe.
   */
  constructor(readonly n: number = DEFAULT_PACKET_BUFFERS, initialCookie = 0) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_PACKET_BUFFERS) throw new RangeError(`packet buffers must be 1..${MAX_PACKET_BUFFERS}, not ${n}`);
    if (!Number.isInteger(initialCookie) || initialCookie < 0 || initialCookie >= COOKIE_MAX) throw new RangeError(`bad cookie ${initialCookie}`);
    this.slots = Array.from({ length: n }, () => ({ packet: null, cookie: initialCookie, timeout: 0 }));
  }

  /**
   * §6.2.3: saves a copy of 'frame' (received on 'inPort') at time 'now'
   * in the next slot, round robin, and returns its id; returns NO_BUFFER
   * (saving nothing) if that slot holds a packet saved less than 5 s ago.
   * The turn passes to the following slot either way.
   */
  save(frame: Uint8Array, inPort: number, now: number): number {
    const index = this.next;
    const slot = this.slots[index]!;
    this.next = (this.next + 1) % this.n;
    if (slot.packet && now < slot.timeout) return NO_BUFFER;
    slot.cookie = slot.cookie + 1 >= COOKIE_MAX ? 0 : slot.cookie + 1;
    slot.packet = { frame: new Uint8Array(frame), inPort };
    slot.timeout = now + OVERWRITE_MS;
    return bufferId(index, slot.cookie);
  }

  /**
   * §6.2.4: takes the packet of buffer 'id' out of its slot.  NO_BUFFER
   * and the null cookie give ok with no packet; a matching cookie gives the
   * packet (the slot is emptied) or BUFFER_EMPTY if it was taken already;
   * any other id is BUFFER_UNKNOWN.
   */
  retrieve(id: number): RetrieveResult {
    if (id === NO_BUFFER) return { ok: true, packet: null };
    const index = id & (MAX_PACKET_BUFFERS - 1);
    const cookie = id >>> PKTBUF_BITS;
    const slot = this.slots[index];
    if (cookie === COOKIE_MAX) {
      return { ok: true, packet: null, detail: `Received null cookie ${hex(id)} (this is normal if the switch was recently in fail-open mode)` };
    }
    if (slot && slot.cookie === cookie) {
      if (!slot.packet) return { ok: false, error: 'OFPBRC_BUFFER_EMPTY', detail: `attempt to reuse buffer ${hex(id)}` };
      const packet = slot.packet;
      slot.packet = null;
      return { ok: true, packet };
    }
    return { ok: false, error: 'OFPBRC_BUFFER_UNKNOWN', detail: `cookie mismatch: ${hex(id)} != ${hex(bufferId(index, slot?.cookie ?? 0))}` };
  }

  /** Packets held now (§4.12.3's seed memory report counted them). */
  get held(): number {
    return this.slots.filter((s) => s.packet !== null).length;
  }
}

function hex(id: number): string {
  return id.toString(16).padStart(8, '0');
}
