/**
 * Packet-out: a controller tells the switch to run actions on a packet,
 * either one the switch buffered (buffer_id) or one carried in the message.
 * One neutral 'packet_out' covers OF1.0 (16-bit in_port), OF1.2-1.4
 * (32-bit in_port) and OF1.5, where the input port and any other pipeline
 * fields travel as an OXM match.  Actions are those of actions.ts.
 */

import { actionsToString, decodeActions, encodeActions, type Action } from './actions.js';
import { OfpCodecError } from './codec-error.js';
import { decodeOxmMatch, encodeOxmMatch, type Match, type MatchField, matchToString } from './match.js';
import type { MessageCodec, MsgBase } from './message.js';
import { NO_BUFFER } from './packet-in.js';
import { portFrom10, portTo10 } from './port-number.js';

export interface PacketOutMsg extends MsgBase {
  readonly type: 'packet_out';
  /** The switch's buffer holding the packet, or NO_BUFFER (0xffffffff) when 'data' is the packet. */
  readonly bufferId: number;
  /** Input port the packet is processed as coming from (32-bit numbering, port-number.ts). */
  readonly inPort: number;
  /**
   * OF1.5 only: pipeline fields other than in_port (tunnel, metadata,
   * registers, ...) given with the packet.  Empty in every other version,
   * which cannot carry any.
   */
  readonly metadata: Match;
  readonly actions: readonly Action[];
  /** The packet; decoding makes it a view into the message.  Normally empty when buffered. */
  readonly data: Uint8Array;
}

/** Splits an OF1.5 packet-out match into its in_port and the rest; OFPBRC_BAD_PORT if it has no exact in_port. */
function splitInPort(match: Match): { inPort: number; metadata: MatchField[] } {
  let inPort: number | undefined;
  const metadata: MatchField[] = [];
  for (const f of match) {
    if (f.field === 'in_port' && f.mask === undefined && typeof f.value === 'number') inPort = f.value;
    else metadata.push(f);
  }
  if (inPort === undefined) throw new OfpCodecError('OFPBRC_BAD_PORT', 'OpenFlow 1.5 PACKET_OUT match lacks in_port');
  return { inPort, metadata };
}

/**
 * PACKET_OUT codec: OF1.0 and OF1.2-1.5.  OF1.1 is not modelled
 * (OFPBRC_BAD_VERSION).  An actions_len that passes the end of the
 * message is OFPBRC_BAD_LEN; errors inside the actions are actions.ts's
 * (OFPBAC_*).
 */
export const packetOutCodec: MessageCodec<PacketOutMsg> = {
  type: 'packet_out',
  raws: ['OFPT_PACKET_OUT'],
  decode(_raw, r, ctx) {
    const v = ctx.version;
    if (v === 2) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 PACKET_OUT is not supported');
    const bufferId = r.u32();
    let inPort: number;
    let metadata: Match = [];
    let actionsLen: number;
    if (v === 1) {
      inPort = portFrom10(r.u16());
      actionsLen = r.u16();
    } else if (v <= 5) {
      inPort = r.u32();
      actionsLen = r.u16();
      r.skip(6);
    } else {
      actionsLen = r.u16();
      r.skip(2);
      ({ inPort, metadata } = splitInPort(decodeOxmMatch(r)));
    }
    r.need(actionsLen, 'PACKET_OUT actions');
    const actions = decodeActions(r, actionsLen, v);
    return { type: 'packet_out', version: v, xid: ctx.xid, bufferId, inPort, metadata, actions, data: r.rest() };
  },
  rawName(m, v) {
    if (v === 2) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.1 PACKET_OUT is not supported');
    if (v < 6 && m.metadata.length > 0) {
      throw new OfpCodecError('OFPBMC_BAD_FIELD', 'PACKET_OUT carries pipeline fields other than in_port only in OpenFlow 1.5');
    }
    return 'OFPT_PACKET_OUT';
  },
  encode(m, v, w) {
    w.u32(m.bufferId);
    // actions_len follows in_port (2 bytes in OF1.0, 4 in OF1.2-1.4) or, in OF1.5, buffer_id itself.
    const lenAt = w.pos + (v === 1 ? 2 : v <= 5 ? 4 : 0);
    if (v === 1) w.u16(portTo10(m.inPort)).u16(0);
    else if (v <= 5) w.u32(m.inPort).u16(0).zeros(6);
    else {
      w.u16(0).zeros(2);
      encodeOxmMatch(w, [{ field: 'in_port', value: m.inPort }, ...m.metadata]);
    }
    const actionsStart = w.pos;
    encodeActions(w, m.actions, v);
    w.setU16(lenAt, w.pos - actionsStart);
    w.bytes(m.data);
  },
};

/**
 * The body of 'm' as ovs-ofctl prints a PACKET_OUT, e.g. "in_port=1
 * actions=output:2 data_len=42" (or "buffer=0x00000005" for a buffered
 * packet).
 */
export function formatPacketOut(m: PacketOutMsg): string {
  const match = matchToString([{ field: 'in_port', value: m.inPort }, ...m.metadata], m.version);
  const tail = m.bufferId === NO_BUFFER ? `data_len=${m.data.length}` : `buffer=0x${m.bufferId.toString(16).padStart(8, '0')}`;
  return `${match} actions=${actionsToString(m.actions, m.version)} ${tail}`;
}
