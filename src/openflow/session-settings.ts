/**
 * The Nicira extension messages by which a controller tunes its own
 * session (reference §4.3.4-4.3.6): NXT_SET_FLOW_FORMAT (OF1.0 matches or
 * NXM, OF1.0 only), NXT_FLOW_MOD_TABLE_ID (table id in the flow_mod
 * command's high byte), NXT_SET_PACKET_IN_FORMAT (which packet-in message
 * the session receives), NXT_SET_CONTROLLER_ID (which controller(id=N)
 * packet-ins it receives) and NXT_FLOW_AGE (accepted and ignored).  The
 * codec carries the values as sent; whether a value is acceptable (a flow
 * format or packet-in format other than those below is EPERM) is for the
 * connection manager to answer, except the controller id's padding, which
 * must be zero and is refused here.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';

/** NXFF_*: flow formats of NXT_SET_FLOW_FORMAT. */
export const FLOW_FORMAT = { openflow10: 0, nxm: 2 } as const;

/** NXPIF_*: packet-in formats of NXT_SET_PACKET_IN_FORMAT. */
export const PACKET_IN_FORMAT = { standard: 0, nxt_packet_in: 1, nxt_packet_in2: 2 } as const;

export interface SetFlowFormatMsg extends MsgBase {
  readonly type: 'set_flow_format';
  /** NXFF_OPENFLOW10 (0) or NXFF_NXM (2); any other 32-bit value as sent. */
  readonly format: number;
}

export interface FlowModTableIdMsg extends MsgBase {
  readonly type: 'flow_mod_table_id';
  /** True if the first body byte is nonzero. */
  readonly enable: boolean;
}

export interface SetPacketInFormatMsg extends MsgBase {
  readonly type: 'set_packet_in_format';
  /** NXPIF_STANDARD (0), NXPIF_NXT_PACKET_IN (1), NXPIF_NXT_PACKET_IN2 (2); any other value as sent. */
  readonly format: number;
}

export interface SetControllerIdMsg extends MsgBase {
  readonly type: 'set_controller_id';
  /** The 16-bit controller id that controller(id=N) actions name. */
  readonly controllerId: number;
}

export interface FlowAgeMsg extends MsgBase {
  readonly type: 'flow_age';
}

/** The name ovs-ofctl prints for flow format 'format'. */
export function flowFormatName(format: number): string {
  return format === FLOW_FORMAT.openflow10 ? 'openflow10' : format === FLOW_FORMAT.nxm ? 'nxm' : '(unknown)';
}

/** The name ovs-ofctl prints for packet-in format 'format' (the number itself if it has none). */
export function packetInFormatName(format: number): string {
  return ['standard', 'nxt_packet_in', 'nxt_packet_in2'][format] ?? String(format);
}

function checkU32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new OfpCodecError('OFPBRC_EPERM', `${what} ${value} is not a 32-bit value`);
  }
  return value;
}

function u32Setting<T extends 'set_flow_format' | 'set_packet_in_format'>(
  type: T,
  rawName: string,
): MessageCodec<MsgBase & { readonly type: T; readonly format: number }> {
  return {
    type,
    raws: [rawName],
    decode: (_raw, r, ctx) => ({ type, version: ctx.version, xid: ctx.xid, format: r.u32() }),
    rawName: () => rawName,
    encode: (m, _v, w) => void w.u32(checkU32(m.format, `${rawName} format`)),
  };
}

/** NXT_SET_FLOW_FORMAT: a 32-bit format; OF1.0 only (msgs.ts). */
export const setFlowFormatCodec: MessageCodec<SetFlowFormatMsg> = u32Setting('set_flow_format', 'NXT_SET_FLOW_FORMAT');

/** NXT_SET_PACKET_IN_FORMAT: a 32-bit format, any version. */
export const setPacketInFormatCodec: MessageCodec<SetPacketInFormatMsg> =
  u32Setting('set_packet_in_format', 'NXT_SET_PACKET_IN_FORMAT');

/** NXT_FLOW_MOD_TABLE_ID: 8 bytes, the first nonzero to enable; the other 7 are padding. */
export const flowModTableIdCodec: MessageCodec<FlowModTableIdMsg> = {
  type: 'flow_mod_table_id',
  raws: ['NXT_FLOW_MOD_TABLE_ID'],
  decode(_raw, r, ctx) {
    const enable = r.u8() !== 0;
    r.skip(7);
    return { type: 'flow_mod_table_id', version: ctx.version, xid: ctx.xid, enable };
  },
  rawName: () => 'NXT_FLOW_MOD_TABLE_ID',
  encode: (m, _v, w) => void w.u8(m.enable ? 1 : 0).zeros(7),
};

/**
 * NXT_SET_CONTROLLER_ID: 6 zero bytes and the 16-bit id.  Nonzero padding
 * is NXBRC_MUST_BE_ZERO (reference §4.3.6).
 */
export const setControllerIdCodec: MessageCodec<SetControllerIdMsg> = {
  type: 'set_controller_id',
  raws: ['NXT_SET_CONTROLLER_ID'],
  decode(_raw, r, ctx) {
    const pad = r.bytes(6, 'controller id padding');
    if (pad.some((b) => b !== 0)) {
      throw new OfpCodecError('NXBRC_MUST_BE_ZERO', 'NXT_SET_CONTROLLER_ID padding is not zero', r.pos - 6);
    }
    return { type: 'set_controller_id', version: ctx.version, xid: ctx.xid, controllerId: r.u16() };
  },
  rawName: () => 'NXT_SET_CONTROLLER_ID',
  encode(m, _v, w) {
    if (!Number.isInteger(m.controllerId) || m.controllerId < 0 || m.controllerId > 0xffff) {
      throw new OfpCodecError('OFPBRC_EPERM', `controller id ${m.controllerId} is not a 16-bit value`);
    }
    w.zeros(6).u16(m.controllerId);
  },
};

/** NXT_FLOW_AGE: no body. */
export const flowAgeCodec: MessageCodec<FlowAgeMsg> = {
  type: 'flow_age',
  raws: ['NXT_FLOW_AGE'],
  decode: (_raw, _r, ctx) => ({ type: 'flow_age', version: ctx.version, xid: ctx.xid }),
  rawName: () => 'NXT_FLOW_AGE',
  encode: () => undefined,
};
