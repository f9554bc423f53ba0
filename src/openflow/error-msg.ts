/**
 * OFPT_ERROR: decoding an error into its catalogue name when it has one, and
 * encoding a named error in whichever form the reply's version uses
 * (reference §9): a standard (type, code), a Nicira vendor error in OF1.0
 * and 1.1, or an experimenter error in OF1.2+.  errorReply() builds the
 * reply to a bad request with the request itself as data.
 */

import { OfpCodecError } from './codec-error.js';
import { OFP_MAX_MSG_LEN } from './framing.js';
import type { MessageCodec, MsgBase } from './message.js';
import {
  NXET_VENDOR,
  OFPET_EXPERIMENTER,
  type OfpErrName,
  ofperrEncoding,
  ofperrFromWire,
} from './ofperr.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** An error the catalogue does not know, kept exactly as it was on the wire. */
export interface RawOfpError {
  readonly errType: number;
  readonly errCode: number;
  /** For OF1.2+ experimenter errors (errType 0xffff): the experimenter id. */
  readonly experimenter?: number;
}

export interface ErrorMsg extends MsgBase {
  readonly type: 'error';
  /** The catalogue name, or the raw numbers of an error it does not know. */
  readonly error: OfpErrName | RawOfpError;
  /** The failed request (or, for HELLO_FAILED, an explanation in ASCII). */
  readonly data: Uint8Array;
}

function decodeError(r: WireReader, version: number, xid: number): ErrorMsg {
  const errType = r.u16();
  const errCode = r.u16();
  let name: OfpErrName | undefined;
  if (errType === NXET_VENDOR && version <= 2 && r.remaining >= 8) {
    const p = r.pos;
    const b = r.buf;
    const vendor = b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
    const vt = (b[p + 4]! << 8) | b[p + 5]!;
    const vc = (b[p + 6]! << 8) | b[p + 7]!;
    name = ofperrFromWire(version, { form: 'vendor', vendor, type: vt, code: vc });
    if (name && errCode === 0) {
      r.skip(8);
      return { type: 'error', version, xid, error: name, data: r.rest() };
    }
  } else if (errType === OFPET_EXPERIMENTER && version >= 3) {
    const experimenter = r.u32();
    name = ofperrFromWire(version, { form: 'experimenter', experimenter, expType: errCode });
    return { type: 'error', version, xid, error: name ?? { errType, errCode, experimenter }, data: r.rest() };
  } else {
    name = ofperrFromWire(version, { form: 'standard', type: errType, code: errCode });
    if (name) return { type: 'error', version, xid, error: name, data: r.rest() };
  }
  return { type: 'error', version, xid, error: { errType, errCode }, data: r.rest() };
}

/** Writes as much of 'data' as fits in one message after what 'w' holds already. */
function writeData(w: WireWriter, data: Uint8Array): void {
  const room = OFP_MAX_MSG_LEN - w.pos;
  w.bytes(data.length > room ? data.subarray(0, room) : data);
}

function encodeError(m: ErrorMsg, version: number, w: WireWriter): void {
  if (typeof m.error !== 'string') {
    w.u16(m.error.errType).u16(m.error.errCode);
    if (m.error.experimenter !== undefined) w.u32(m.error.experimenter);
  } else {
    const enc = ofperrEncoding(m.error, version) ?? ofperrEncoding('NXBRC_UNENCODABLE_ERROR', version);
    if (!enc) throw new OfpCodecError('NXBRC_UNENCODABLE_ERROR', `${m.error} cannot be encoded in version ${version}`);
    switch (enc.form) {
      case 'standard':
        w.u16(enc.type).u16(enc.code);
        break;
      case 'vendor':
        w.u16(NXET_VENDOR).u16(0).u32(enc.vendor).u16(enc.type).u16(enc.code);
        break;
      case 'experimenter':
        w.u16(OFPET_EXPERIMENTER).u16(enc.expType).u32(enc.experimenter);
        break;
    }
  }
  writeData(w, m.data);
}

export const errorCodec: MessageCodec<ErrorMsg> = {
  type: 'error',
  raws: ['OFPT_ERROR'],
  decode: (_raw, r, ctx) => decodeError(r, ctx.version, ctx.xid),
  rawName: () => 'OFPT_ERROR',
  encode: (m, v, w) => encodeError(m, v, w),
};

/**
 * The ERROR reply to 'request' (the whole raw message, reference §9.1):
 * same version and xid, the named error, and the request as data
 * (truncated by the encoder only as far as the 64 KiB limit requires).
 * A request whose version is unknown is answered in OF1.0.
 */
export function errorReply(request: Uint8Array, error: OfpErrName): ErrorMsg {
  const v = request.length >= 1 && request[0]! >= 1 && request[0]! <= 6 ? request[0]! : 1;
  const xid = request.length >= 8 ? request[4]! * 0x1000000 + ((request[5]! << 16) | (request[6]! << 8) | request[7]!) : 0;
  return { type: 'error', version: v, xid, error, data: request };
}

/** The error's catalogue name, or "OFPET(type,code)" for one it does not know. */
export function errorName(e: OfpErrName | RawOfpError): string {
  if (typeof e === 'string') return e;
  return e.experimenter !== undefined
    ? `experimenter(0x${e.experimenter.toString(16)},${e.errCode})`
    : `type ${e.errType} code ${e.errCode}`;
}
