/**
 * What a switch says about itself: FEATURES_REPLY (datapath id, buffers,
 * tables, capabilities; the OF1.0 action bitmap; ports in OF1.0-1.2), and
 * the switch configuration of GET_CONFIG_REPLY and SET_CONFIG (fragment
 * handling flags and miss_send_len).
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import { decodePort, encodePort, type Port, portStructLen } from './port.js';

/** OFPC_* capability bits as ovs-ofctl names them, by version family. */
export const CAPABILITIES_10: Record<number, string> = {
  0x1: 'FLOW_STATS', 0x2: 'TABLE_STATS', 0x4: 'PORT_STATS', 0x8: 'STP', 0x20: 'IP_REASM', 0x40: 'QUEUE_STATS', 0x80: 'ARP_MATCH_IP',
};
export const CAPABILITIES_11: Record<number, string> = {
  0x1: 'FLOW_STATS', 0x2: 'TABLE_STATS', 0x4: 'PORT_STATS', 0x8: 'GROUP_STATS', 0x20: 'IP_REASM', 0x40: 'QUEUE_STATS',
  0x80: 'ARP_MATCH_IP', 0x100: 'PORT_BLOCKED', 0x200: 'BUNDLES', 0x400: 'FLOW_MONITORING',
};

export interface FeaturesReplyMsg extends MsgBase {
  readonly type: 'features_reply';
  readonly datapathId: bigint;
  readonly nBuffers: number;
  readonly nTables: number;
  /** OF1.3+ auxiliary connection id (0 for the main connection). */
  readonly auxiliaryId: number;
  readonly capabilities: number;
  /** OF1.0: supported actions bitmap; OF1.1+: the reserved word. */
  readonly actions: number;
  /** OF1.0-1.2 only; OF1.3+ has no ports here (PORT_DESC multipart instead). */
  readonly ports: readonly Port[];
}

export interface SwitchConfigMsg<T extends 'get_config_reply' | 'set_config'> extends MsgBase {
  readonly type: T;
  /** OFPC_FRAG_* in the low 2 bits; OFPC_INVALID_TTL_TO_CONTROLLER (4) in OF1.0-1.2. */
  readonly flags: number;
  readonly missSendLen: number;
}
export type GetConfigReplyMsg = SwitchConfigMsg<'get_config_reply'>;
export type SetConfigMsg = SwitchConfigMsg<'set_config'>;

export const featuresReplyCodec: MessageCodec<FeaturesReplyMsg> = {
  type: 'features_reply',
  raws: ['OFPT_FEATURES_REPLY'],
  decode(_raw, r, ctx) {
    const datapathId = r.u64();
    const nBuffers = r.u32();
    const nTables = r.u8();
    const auxiliaryId = ctx.version >= 4 ? r.u8() : (r.skip(1), 0);
    r.skip(2);
    const capabilities = r.u32();
    const actions = r.u32();
    const ports: Port[] = [];
    if (ctx.version <= 3) {
      const size = portStructLen(ctx.version);
      if (r.remaining % size !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `port list of ${r.remaining} bytes`);
      while (r.remaining > 0) ports.push(decodePort(r, ctx.version));
    }
    return { type: 'features_reply', version: ctx.version, xid: ctx.xid, datapathId, nBuffers, nTables, auxiliaryId, capabilities, actions, ports };
  },
  rawName(m, v) {
    if (v >= 4 && m.ports.length > 0) {
      throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OF1.3+ FEATURES_REPLY carries no ports (use PORT_DESC)');
    }
    return 'OFPT_FEATURES_REPLY';
  },
  encode(m, v, w) {
    w.u64(m.datapathId).u32(m.nBuffers).u8(m.nTables).u8(v >= 4 ? m.auxiliaryId : 0).zeros(2);
    w.u32(m.capabilities).u32(m.actions);
    if (v <= 3) for (const p of m.ports) encodePort(w, p, v);
  },
};

/** OFPC_INVALID_TTL_TO_CONTROLLER: a switch-config flag of OF1.0-1.2 only. */
const OFPC_INVALID_TTL_TO_CONTROLLER = 4;

function switchConfig<T extends 'get_config_reply' | 'set_config'>(type: T, rawName: string): MessageCodec<SwitchConfigMsg<T>> {
  return {
    type,
    raws: [rawName],
    decode(_raw, r, ctx) {
      const flags = r.u16();
      const missSendLen = r.u16();
      return { type, version: ctx.version, xid: ctx.xid, flags, missSendLen };
    },
    rawName(m, v) {
      // OpenFlow 1.3 dropped OFPC_INVALID_TTL_TO_CONTROLLER; Open vSwitch
      // rejects the bit there (OFPSCFC_BAD_FLAGS).
      if (v >= 4 && (m.flags & OFPC_INVALID_TTL_TO_CONTROLLER) !== 0) {
        throw new OfpCodecError('OFPSCFC_BAD_FLAGS', `${rawName}: invalid_ttl_to_controller does not exist in OF1.3+`);
      }
      return rawName;
    },
    encode: (m, _v, w) => void w.u16(m.flags).u16(m.missSendLen),
  };
}

export const getConfigReplyCodec = switchConfig('get_config_reply', 'OFPT_GET_CONFIG_REPLY');
export const setConfigCodec = switchConfig('set_config', 'OFPT_SET_CONFIG');
