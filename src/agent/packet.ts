/**
 * A packet in flight through the switch: its frame bytes (which actions
 * rewrite), its parse (packet-parser.ts), and the pipeline metadata that
 * is not in the frame: the input port, the OpenFlow metadata register, the
 * tunnel id, the sixteen Nicira registers and the packet mark.  Connection
 * tracking fields are always zero (this switch tracks no connections: every
 * packet is "untracked").  The key a flow matches against is the parse
 * plus this metadata (field-bits.ts names).  action-executor.ts and
 * pipeline.ts own the packet while it runs; outputs take copies.
 */

import type { Match, MatchField } from '../openflow/match.js';
import { fieldOf, fromBits, type KeyField, type PacketKey } from './field-bits.js';
import { parseFrame, type ParsedFrame } from './packet-parser.js';

/** Pipeline metadata fields a set_field or write_metadata may change. */
export type MetadataField = 'metadata' | 'tunnel_id' | 'pkt_mark'
  | 'reg0' | 'reg1' | 'reg2' | 'reg3' | 'reg4' | 'reg5' | 'reg6' | 'reg7'
  | 'reg8' | 'reg9' | 'reg10' | 'reg11' | 'reg12' | 'reg13' | 'reg14' | 'reg15';

const METADATA_FIELDS: readonly MetadataField[] = [
  'metadata', 'tunnel_id', 'pkt_mark', ...Array.from({ length: 16 }, (_, i) => `reg${i}` as MetadataField),
];

/** True if 'f' is pipeline metadata rather than a header field. */
export function isMetadataField(f: string): f is MetadataField {
  return (METADATA_FIELDS as readonly string[]).includes(f);
}

export class Packet {
  /** The frame as it is now; replaced (not mutated) by actions that change its length. */
  private bytes: Uint8Array;
  private parse: ParsedFrame;
  private cachedKey: PacketKey | undefined;
  /** Input port (32-bit numbering; OFPP_CONTROLLER or OFPP_ANY for some packet-outs). */
  readonly inPort: number;
  private readonly meta = new Map<MetadataField, bigint>();

  /** A packet of frame 'frame' (owned by the packet from now on) arriving on 'inPort'. */
  constructor(frame: Uint8Array, inPort: number) {
    this.bytes = frame;
    this.parse = parseFrame(frame);
    this.inPort = inPort;
  }

  get frame(): Uint8Array {
    return this.bytes;
  }

  get parsed(): ParsedFrame {
    return this.parse;
  }

  /** Replaces the frame with 'frame' (owned by the packet) and parses it again. */
  setFrame(frame: Uint8Array): void {
    this.bytes = frame;
    this.reparse();
  }

  /** Parses the frame again after its bytes were changed in place. */
  reparse(): void {
    this.parse = parseFrame(this.bytes);
    this.cachedKey = undefined;
  }

  /** The value of metadata field 'f' (0 until set). */
  getMeta(f: MetadataField): bigint {
    return this.meta.get(f) ?? 0n;
  }

  /** Sets metadata field 'f' to 'v' (already within the field's width). */
  setMeta(f: MetadataField, v: bigint): void {
    this.meta.set(f, v);
    this.cachedKey = undefined;
  }

  /** The key flows match against: header fields plus pipeline metadata. */
  key(): PacketKey {
    if (this.cachedKey) return this.cachedKey;
    const k: PacketKey = new Map(this.parse.key);
    k.set('in_port', BigInt(this.inPort));
    for (const f of METADATA_FIELDS) k.set(f, this.meta.get(f) ?? 0n);
    k.set('ct_state', 0n);
    k.set('ct_zone', 0n);
    k.set('ct_mark', 0n);
    this.cachedKey = k;
    return k;
  }

  /**
   * An independent copy (frame bytes and metadata), for group buckets and
   * outputs.  Frames are always copied with new Uint8Array(...): on a Node
   * Buffer, slice() would share the bytes.
   */
  clone(): Packet {
    const p = new Packet(new Uint8Array(this.bytes), this.inPort);
    for (const [f, v] of this.meta) p.meta.set(f, v);
    return p;
  }

  /**
   * The pipeline fields a packet-in reports: in_port always, then each
   * metadata field that is not zero (as Open vSwitch reports them).
   */
  pipelineMatch(): Match {
    const out: MatchField[] = [{ field: 'in_port', value: this.inPort }];
    for (const f of METADATA_FIELDS) {
      const v = this.meta.get(f);
      if (v) out.push({ field: f as KeyField, value: fromBits(fieldOf(f), v) } as MatchField);
    }
    return out;
  }
}
