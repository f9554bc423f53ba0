/**
 * Sans-I/O OpenFlow framing: feed the bytes of a stream in any chunking,
 * down to one byte at a time, and get back whole messages.  Every OpenFlow
 * message starts with an 8-byte header whose 16-bit length counts the whole
 * message, so a message is at most 65535 bytes; a length below 8 is a fatal
 * framing error (reference §2.7) after which the decoder refuses input.
 */

import { OfpCodecError } from './codec-error.js';

/** Length of the OpenFlow header. */
export const OFP_HEADER_LEN = 8;
/** Largest possible OpenFlow message. */
export const OFP_MAX_MSG_LEN = 0xffff;

export class FrameDecoder {
  /** Bytes of an incomplete message carried over between pushes. */
  private pending: Buffer | null = null;
  /** Set once a framing error was seen; the stream is then unusable. */
  private failed: OfpCodecError | null = null;

  /**
   * Adds 'chunk' and returns every message it completes, in order, as
   * views that stay valid after later pushes.  Throws OfpCodecError
   * (OFPBRC_BAD_LEN) when a header announces fewer than 8 bytes; the
   * caller must then close the stream (EPROTO).
   */
  push(chunk: Uint8Array): Buffer[] {
    if (this.failed) throw this.failed;
    let data: Buffer;
    if (this.pending) {
      data = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    } else {
      data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    const out: Buffer[] = [];
    let pos = 0;
    while (data.length - pos >= OFP_HEADER_LEN) {
      const len = (data[pos + 2]! << 8) | data[pos + 3]!;
      if (len < OFP_HEADER_LEN) {
        this.failed = new OfpCodecError('OFPBRC_BAD_LEN', `received too-short ofp_header (length ${len})`, pos);
        throw this.failed;
      }
      if (data.length - pos < len) break;
      out.push(data.subarray(pos, pos + len));
      pos += len;
    }
    if (pos < data.length) this.pending = Buffer.from(data.subarray(pos));
    return out;
  }

  /** Bytes held of a message not yet complete (0 on a message boundary). */
  get buffered(): number {
    return this.pending ? this.pending.length : 0;
  }
}
