/**
 * Messages whose body is empty (FEATURES_REQUEST, GET_CONFIG_REQUEST,
 * BARRIER request and reply, GET_ASYNC_REQUEST) and the ECHO pair, whose
 * body is arbitrary data returned as sent.  A body where none belongs is
 * BAD_LEN.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';

export interface EmptyBodyMsg<T extends string> extends MsgBase {
  readonly type: T;
}
export type FeaturesRequestMsg = EmptyBodyMsg<'features_request'>;
export type GetConfigRequestMsg = EmptyBodyMsg<'get_config_request'>;
export type BarrierRequestMsg = EmptyBodyMsg<'barrier_request'>;
export type BarrierReplyMsg = EmptyBodyMsg<'barrier_reply'>;
export type GetAsyncRequestMsg = EmptyBodyMsg<'get_async_request'>;

export interface EchoMsg<T extends 'echo_request' | 'echo_reply'> extends MsgBase {
  readonly type: T;
  /** Arbitrary payload; a reply carries the request's. */
  readonly data: Uint8Array;
}
export type EchoRequestMsg = EchoMsg<'echo_request'>;
export type EchoReplyMsg = EchoMsg<'echo_reply'>;

function emptyBody<T extends string>(type: T, rawName: string): MessageCodec<EmptyBodyMsg<T>> {
  return {
    type,
    raws: [rawName],
    decode(_raw, r, ctx) {
      if (r.remaining !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `${rawName} has ${r.remaining} unexpected body bytes`);
      return { type, version: ctx.version, xid: ctx.xid };
    },
    rawName: () => rawName,
    encode: () => undefined,
  };
}

function echo<T extends 'echo_request' | 'echo_reply'>(type: T, rawName: string): MessageCodec<EchoMsg<T>> {
  return {
    type,
    raws: [rawName],
    decode: (_raw, r, ctx) => ({ type, version: ctx.version, xid: ctx.xid, data: r.rest() }),
    rawName: () => rawName,
    encode: (m, _v, w) => void w.bytes(m.data),
  };
}

export const featuresRequestCodec = emptyBody('features_request', 'OFPT_FEATURES_REQUEST');
export const getConfigRequestCodec = emptyBody('get_config_request', 'OFPT_GET_CONFIG_REQUEST');
export const barrierRequestCodec = emptyBody('barrier_request', 'OFPT_BARRIER_REQUEST');
export const barrierReplyCodec = emptyBody('barrier_reply', 'OFPT_BARRIER_REPLY');
export const getAsyncRequestCodec = emptyBody('get_async_request', 'OFPT_GET_ASYNC_REQUEST');
export const echoRequestCodec = echo('echo_request', 'OFPT_ECHO_REQUEST');
export const echoReplyCodec = echo('echo_reply', 'OFPT_ECHO_REPLY');
