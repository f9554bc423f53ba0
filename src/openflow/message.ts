/**
 * What every neutral (version-independent) message has, and the contract a
 * message family implements so that codec.ts can decode and encode it.
 */

import type { RawMsg } from './msgs.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** Fields shared by every decoded or to-be-encoded message. */
export interface MsgBase {
  /** Wire version the message was decoded from, or is to be encoded in by default. */
  readonly version: number;
  /** Transaction id. */
  readonly xid: number;
}

/**
 * A neutral value still being built: its optional fields may be set.
 * Decoders add optional keys to an object this way rather than spreading
 * it into a new literal, which V8 builds some hundred times more slowly.
 */
export type Building<T> = { -readonly [K in keyof T]: T[K] };

/** What a family decoder learns from the part of the message codec.ts read. */
export interface DecodeContext {
  readonly version: number;
  readonly xid: number;
  /** For stats/multipart messages: the 16-bit flags (OFPSF_REPLY_MORE/REQ_MORE). */
  readonly statsFlags: number;
}

/**
 * One neutral message type's codec.  codec.ts reads and writes the header,
 * the vendor prefix (vendor id, subtype) and the stats prefix (stats type,
 * flags, padding); the codec reads and writes only what follows.
 */
export interface MessageCodec<T extends MsgBase & { type: string }> {
  /** The neutral 'type' this codec handles. */
  readonly type: T['type'];
  /** RawMsg names (msgs.ts) this codec decodes. */
  readonly raws: readonly string[];
  /**
   * Optional: false if this codec does not model 'raw' as sent in
   * 'version' (a layout the family leaves out); codec.ts then decodes the
   * message as 'unmodelled'.  Without it, every version of 'raws' is modelled.
   */
  decodes?(raw: RawMsg, version: number): boolean;
  /**
   * Decodes the body of a 'raw' message from 'r' (positioned after the
   * prefixes).  Throws only OfpCodecError.  Bytes left unread after it
   * returns are a BAD_LEN error unless the codec consumed them.
   */
  decode(raw: RawMsg, r: WireReader, ctx: DecodeContext): T;
  /**
   * The RawMsg name 'm' is encoded as in 'version'; throws OfpCodecError when
   * 'm' cannot be expressed in that version.
   */
  rawName(m: T, version: number): string;
  /** Writes the body of 'm' for 'version' after the prefixes. */
  encode(m: T, version: number, w: WireWriter): void;
  /**
   * Optional, for multipart replies: splits 'm' into parts that each encode
   * within 65535 bytes in 'version', all but the last with the MORE flag.
   */
  split?(m: T, version: number): T[];
}
