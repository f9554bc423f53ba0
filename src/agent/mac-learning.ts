/**
 * The MAC learning table behind output:NORMAL: the reference switch's
 * "traditional L2 switch", a much smaller cousin of Open vSwitch's
 * lib/mac-learning.c.  It learns (VLAN, source address) -> input port
 * from every frame NORMAL sees and decides where a frame goes: to the one
 * port its destination was learned on, nowhere if that is the port it came
 * from, or to every port (flooding) when the destination is unknown,
 * broadcast or multicast.  Entries age out after 'agingMs' (300 s, as in
 * OVS) and the table holds at most 'maxEntries', dropping the least
 * recently learned.  Frames to the IEEE 802.1D reserved group addresses
 * (01:80:c2:00:00:0x, STP and friends) are dropped, not flooded, as OVS's
 * NORMAL does without STP.  It decides; the switch (action-executor.ts)
 * transmits.
 */

import { VLAN_CFI } from './field-bits.js';
import type { PacketKey } from './field-bits.js';

/** Where NORMAL sends a frame. */
export type NormalDecision =
  | { readonly kind: 'port'; readonly port: number }
  | { readonly kind: 'flood' }
  | { readonly kind: 'drop' };

interface Learned {
  port: number;
  at: number;
}

const MULTICAST_BIT = 1n << 40n;
const RESERVED_PREFIX = 0x0180c2000000n;

export class MacLearningTable {
  private readonly entries = new Map<string, Learned>();

  constructor(private readonly agingMs = 300_000, private readonly maxEntries = 8192) {}

  /** Number of live and expired entries still held. */
  get size(): number {
    return this.entries.size;
  }

  /** The port 'mac' was learned on in VLAN 'vid' (0 = untagged), if still fresh at 'now'. */
  lookup(vid: number, mac: bigint, now: number): number | undefined {
    const k = `${vid}/${mac}`;
    const e = this.entries.get(k);
    if (!e) return undefined;
    if (now - e.at >= this.agingMs) {
      this.entries.delete(k);
      return undefined;
    }
    return e.port;
  }

  /** Records that 'mac' in VLAN 'vid' is behind 'port' as of 'now'. */
  learn(vid: number, mac: bigint, port: number, now: number): void {
    const k = `${vid}/${mac}`;
    this.entries.delete(k);
    this.entries.set(k, { port, at: now });
    // Bounded: removes one entry per iteration until under the limit.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets everything learned on 'port' (it was deleted). */
  forgetPort(port: number): void {
    for (const [k, e] of this.entries) if (e.port === port) this.entries.delete(k);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  /**
   * Learns from a frame with key 'key' that arrived on 'inPort' (when it
   * is a real port: packet-outs from the controller teach nothing) and
   * decides where NORMAL sends it.
   */
  decide(key: PacketKey, inPort: number, learnable: boolean, now: number): NormalDecision {
    const src = key.get('eth_src');
    const dst = key.get('eth_dst');
    if (src === undefined || dst === undefined) return { kind: 'drop' };
    const tci = Number(key.get('vlan_tci') ?? 0n);
    const vid = tci & VLAN_CFI ? tci & 0xfff : 0;
    if (learnable && !(src & MULTICAST_BIT)) this.learn(vid, src, inPort, now);
    if ((dst & ~0xfn) === RESERVED_PREFIX) return { kind: 'drop' };
    if (dst & MULTICAST_BIT) return { kind: 'flood' };
    const port = this.lookup(vid, dst, now);
    if (port === undefined) return { kind: 'flood' };
    return port === inPort ? { kind: 'drop' } : { kind: 'port', port };
  }
}
