/**
 * Port descriptions (ofp_phy_port in OF1.0, ofp_port in OF1.1-1.3, ofp_port
 * with properties in OF1.4+), and the messages built around them:
 * OFPT_PORT_STATUS and OFPT_PORT_MOD.  FEATURES_REPLY (OF1.0-1.2) and the
 * PORT_DESC multipart reply carry lists of the same structure.
 */

import { OfpCodecError } from './codec-error.js';
import { macFromBytes, macToBytes } from './ethernet-address.js';
import type { Building, MessageCodec, MsgBase } from './message.js';
import { portFrom10, portTo10 } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** OFPPR_*: why a port status was sent. */
export const PORT_REASONS = ['add', 'delete', 'modify'] as const;

export interface Port {
  /** 32-bit port number (port-number.ts). */
  readonly portNo: number;
  readonly hwAddr: string;
  /** Up to 15 characters (16 with the NUL on the wire). */
  readonly name: string;
  /** OFPPC_* bits. */
  readonly config: number;
  /** OFPPS_* bits. */
  readonly state: number;
  /** OFPPF_* bits of the current, advertised, supported and peer features. */
  readonly curr: number;
  readonly advertised: number;
  readonly supported: number;
  readonly peer: number;
  /** Current and maximum bit rate in kbps (OF1.1+; 0 in OF1.0). */
  readonly currSpeed: number;
  readonly maxSpeed: number;
  /** OF1.4+ properties other than Ethernet, kept as sent. */
  readonly extraProperties?: Uint8Array;
}

export interface PortStatusMsg extends MsgBase {
  readonly type: 'port_status';
  /** 0 add, 1 delete, 2 modify. */
  readonly reason: number;
  readonly port: Port;
}

export interface PortModMsg extends MsgBase {
  readonly type: 'port_mod';
  readonly portNo: number;
  readonly hwAddr: string;
  readonly config: number;
  readonly mask: number;
  readonly advertise: number;
  /** OF1.4+ properties other than Ethernet, kept as sent. */
  readonly extraProperties?: Uint8Array;
}

const OFPPDPT_ETHERNET = 0;
const OFPPMPT_ETHERNET = 0;

/** Size of one port structure in 'version' (OF1.4+: without extra properties). */
export function portStructLen(version: number): number {
  return version === 1 ? 48 : version <= 4 ? 64 : 72;
}

function readName(r: WireReader): string {
  const b = r.bytes(16, 'port name');
  let end = b.indexOf(0);
  if (end < 0) end = 16;
  return Buffer.from(b.buffer, b.byteOffset, end).toString('latin1');
}

function writeName(w: WireWriter, name: string): void {
  const b = Buffer.alloc(16);
  b.write(name.slice(0, 15), 'latin1');
  w.bytes(b);
}

/** Reads one port structure of 'version' from 'r'. */
export function decodePort(r: WireReader, version: number): Port {
  if (version === 1) {
    const portNo = portFrom10(r.u16());
    const hwAddr = macFromBytes(r.bytes(6, 'hw_addr'));
    const name = readName(r);
    const config = r.u32();
    const state = r.u32();
    const curr = r.u32();
    const advertised = r.u32();
    const supported = r.u32();
    const peer = r.u32();
    return { portNo, hwAddr, name, config, state, curr, advertised, supported, peer, currSpeed: 0, maxSpeed: 0 };
  }
  if (version <= 4) {
    const portNo = r.u32();
    r.skip(4);
    const hwAddr = macFromBytes(r.bytes(6, 'hw_addr'));
    r.skip(2);
    const name = readName(r);
    const config = r.u32();
    const state = r.u32();
    const curr = r.u32();
    const advertised = r.u32();
    const supported = r.u32();
    const peer = r.u32();
    const currSpeed = r.u32();
    const maxSpeed = r.u32();
    return { portNo, hwAddr, name, config, state, curr, advertised, supported, peer, currSpeed, maxSpeed };
  }
  const portNo = r.u32();
  const length = r.u16();
  if (length < 40) throw new OfpCodecError('OFPBRC_BAD_LEN', `port length ${length} below 40`);
  const pr = r.sub(length - 6, 'OFPBRC_BAD_LEN', 'port');
  pr.skip(2);
  const hwAddr = macFromBytes(pr.bytes(6, 'hw_addr'));
  pr.skip(2);
  const name = readName(pr);
  const config = pr.u32();
  const state = pr.u32();
  let curr = 0, advertised = 0, supported = 0, peer = 0, currSpeed = 0, maxSpeed = 0;
  const extra: Uint8Array[] = [];
  while (pr.remaining > 0) {
    const start = pr.pos;
    const ptype = pr.u16();
    const plen = pr.u16();
    if (plen < 4) throw new OfpCodecError('OFPBPC_BAD_LEN', `port property length ${plen}`);
    const body = pr.sub(((plen + 7) & ~7) - 4, 'OFPBPC_BAD_LEN', 'port property');
    if (ptype === OFPPDPT_ETHERNET && plen === 32) {
      body.skip(4);
      curr = body.u32();
      advertised = body.u32();
      supported = body.u32();
      peer = body.u32();
      currSpeed = body.u32();
      maxSpeed = body.u32();
    } else {
      extra.push(pr.buf.subarray(start, pr.pos));
    }
  }
  const port: Building<Port> = { portNo, hwAddr, name, config, state, curr, advertised, supported, peer, currSpeed, maxSpeed };
  if (extra.length) port.extraProperties = Buffer.concat(extra); // added, not spread: V8 spreads slowly
  return port;
}

/** Writes 'p' as one port structure of 'version'. */
export function encodePort(w: WireWriter, p: Port, version: number): void {
  const mac = new Uint8Array(6);
  macToBytes(p.hwAddr, mac, 0, 'OFPBRC_BAD_LEN');
  if (version === 1) {
    w.u16(portTo10(p.portNo)).bytes(mac);
    writeName(w, p.name);
    w.u32(p.config).u32(p.state).u32(p.curr).u32(p.advertised).u32(p.supported).u32(p.peer);
    return;
  }
  if (version <= 4) {
    w.u32(p.portNo).zeros(4).bytes(mac).zeros(2);
    writeName(w, p.name);
    w.u32(p.config).u32(p.state).u32(p.curr).u32(p.advertised).u32(p.supported).u32(p.peer);
    w.u32(p.currSpeed).u32(p.maxSpeed);
    return;
  }
  const start = w.pos;
  w.u32(p.portNo).u16(0).zeros(2).bytes(mac).zeros(2);
  writeName(w, p.name);
  w.u32(p.config).u32(p.state);
  w.u16(OFPPDPT_ETHERNET).u16(32).zeros(4);
  w.u32(p.curr).u32(p.advertised).u32(p.supported).u32(p.peer).u32(p.currSpeed).u32(p.maxSpeed);
  if (p.extraProperties) w.bytes(p.extraProperties);
  w.setU16(start + 4, w.pos - start);
}

export const portStatusCodec: MessageCodec<PortStatusMsg> = {
  type: 'port_status',
  raws: ['OFPT_PORT_STATUS'],
  decode(_raw, r, ctx) {
    const reason = r.u8();
    r.skip(7);
    const port = decodePort(r, ctx.version);
    return { type: 'port_status', version: ctx.version, xid: ctx.xid, reason, port };
  },
  rawName: () => 'OFPT_PORT_STATUS',
  encode(m, v, w) {
    w.u8(m.reason).zeros(7);
    encodePort(w, m.port, v);
  },
};

export const portModCodec: MessageCodec<PortModMsg> = {
  type: 'port_mod',
  raws: ['OFPT_PORT_MOD'],
  decode(_raw, r, ctx) {
    if (ctx.version === 1) {
      const portNo = portFrom10(r.u16());
      const hwAddr = macFromBytes(r.bytes(6));
      const config = r.u32();
      const mask = r.u32();
      const advertise = r.u32();
      r.skip(4);
      return { type: 'port_mod', version: ctx.version, xid: ctx.xid, portNo, hwAddr, config, mask, advertise };
    }
    const portNo = r.u32();
    r.skip(4);
    const hwAddr = macFromBytes(r.bytes(6));
    r.skip(2);
    const config = r.u32();
    const mask = r.u32();
    if (ctx.version <= 4) {
      const advertise = r.u32();
      r.skip(4);
      return { type: 'port_mod', version: ctx.version, xid: ctx.xid, portNo, hwAddr, config, mask, advertise };
    }
    let advertise = 0;
    const extra: Uint8Array[] = [];
    while (r.remaining > 0) {
      const start = r.pos;
      const ptype = r.u16();
      const plen = r.u16();
      if (plen < 4) throw new OfpCodecError('OFPBPC_BAD_LEN', `port mod property length ${plen}`);
      const body = r.sub(((plen + 7) & ~7) - 4, 'OFPBPC_BAD_LEN', 'port mod property');
      if (ptype === OFPPMPT_ETHERNET && plen === 8) advertise = body.u32();
      else extra.push(r.buf.subarray(start, r.pos));
    }
    const msg: Building<PortModMsg> = { type: 'port_mod', version: ctx.version, xid: ctx.xid, portNo, hwAddr, config, mask, advertise };
    if (extra.length) msg.extraProperties = Buffer.concat(extra); // added, not spread: V8 spreads slowly
    return msg;
  },
  rawName: () => 'OFPT_PORT_MOD',
  encode(m, v, w) {
    const mac = new Uint8Array(6);
    macToBytes(m.hwAddr, mac, 0, 'OFPBRC_BAD_LEN');
    if (v === 1) {
      w.u16(portTo10(m.portNo)).bytes(mac).u32(m.config).u32(m.mask).u32(m.advertise).zeros(4);
      return;
    }
    w.u32(m.portNo).zeros(4).bytes(mac).zeros(2).u32(m.config).u32(m.mask);
    if (v <= 4) {
      w.u32(m.advertise).zeros(4);
      return;
    }
    w.u16(OFPPMPT_ETHERNET).u16(8).u32(m.advertise);
    if (m.extraProperties) w.bytes(m.extraProperties);
  },
};
