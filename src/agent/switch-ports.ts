/**
 * The switch's ports: their OpenFlow description (port.ts's Port, with
 * OFPPC_* config and OFPPS_* state bits), their counters, and the rules
 * that follow from config and state: a port that is administratively down
 * (OFPPC_PORT_DOWN) or whose link is down (OFPPS_LINK_DOWN) neither
 * receives nor sends; NO_RECV drops what arrives, NO_FWD what would leave,
 * NO_FLOOD (OpenFlow 1.0) keeps a port out of FLOOD, NO_PACKET_IN keeps
 * its table misses from the controller.  Like Open vSwitch, a port whose
 * link is up is "live" (OFPPS_LIVE), which fast-failover groups watch.
 *
 * This file keeps the state; reference-switch.ts raises the port-status
 * events for changes, in the same order Open vSwitch does.
 */

import { isMac } from '../openflow/ethernet-address.js';
import type { Port } from '../openflow/port.js';
import { OFPP_LOCAL } from '../openflow/port-number.js';

/** The highest ordinary port number plus one (OVS's max_ports: 0xff00, OpenFlow 1.0's OFPP_MAX). */
export const MAX_PORTS = 0xff00;

/** OFPPC_* config bits (the OpenFlow 1.0-only ones marked). */
export const OFPPC_PORT_DOWN = 0x1;
/** OpenFlow 1.0 only. */
export const OFPPC10_NO_STP = 0x2;
export const OFPPC_NO_RECV = 0x4;
/** OpenFlow 1.0 only. */
export const OFPPC10_NO_RECV_STP = 0x8;
/** OpenFlow 1.0 only. */
export const OFPPC10_NO_FLOOD = 0x10;
export const OFPPC_NO_FWD = 0x20;
export const OFPPC_NO_PACKET_IN = 0x40;
/** The config bits a PORT_MOD may change, per version (others are ignored, as OVS ignores them). */
export const PORT_CONFIG_BITS_10 = 0x7f;
export const PORT_CONFIG_BITS_11 = OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN;

/** OFPPS_* state bits. */
export const OFPPS_LINK_DOWN = 0x1;
export const OFPPS_BLOCKED = 0x2;
export const OFPPS_LIVE = 0x4;

/** OFPPF_10GB_FD: the same bit in every version. */
export const OFPPF_10GB_FD = 0x40;

/** What a new port is made of; everything but the number has a default. */
export interface PortSpec {
  /** 1 to 0xfeff, or OFPP_LOCAL. */
  readonly portNo: number;
  /** At most 15 characters; default "p<number>" (the bridge name for LOCAL). */
  readonly name?: string;
  /** Default: a locally administered address made of the datapath id and the port number. */
  readonly hwAddr?: string;
  /** OFPPC_* bits; default 0. */
  readonly config?: number;
  /** Link up (default true). */
  readonly linkUp?: boolean;
}

/** Counters of one port (PORT statistics). */
export interface PortCounters {
  rxPackets: bigint;
  txPackets: bigint;
  rxBytes: bigint;
  txBytes: bigint;
  rxDropped: bigint;
  txDropped: bigint;
}

/** One port: its description, counters and age. */
export class SwitchPort {
  desc: Port;
  readonly counters: PortCounters = { rxPackets: 0n, txPackets: 0n, rxBytes: 0n, txBytes: 0n, rxDropped: 0n, txDropped: 0n };
  readonly created: number;

  constructor(desc: Port, now: number) {
    this.desc = desc;
    this.created = now;
  }

  get portNo(): number {
    return this.desc.portNo;
  }

  /** Up administratively and by link. */
  get isUp(): boolean {
    return !(this.desc.config & OFPPC_PORT_DOWN) && !(this.desc.state & OFPPS_LINK_DOWN);
  }

  /** True if a frame arriving on the port enters the pipeline. */
  get canReceive(): boolean {
    return this.isUp && !(this.desc.config & OFPPC_NO_RECV);
  }

  /** True if a frame output to the port leaves it. */
  get canTransmit(): boolean {
    return this.isUp && !(this.desc.config & OFPPC_NO_FWD);
  }

  /** True if FLOOD includes the port (ALL ignores NO_FLOOD). */
  get floods(): boolean {
    return !(this.desc.config & OFPPC10_NO_FLOOD);
  }
}

/** The default address of port 'portNo' of datapath 'dpid'. */
export function defaultHwAddr(dpid: bigint, portNo: number): string {
  const low = portNo === OFPP_LOCAL ? 0n : BigInt(portNo & 0xffff);
  const v = 0x020000000000n | ((dpid & 0xffffffn) << 16n) | low;
  return v.toString(16).padStart(12, '0').replace(/(..)(?!$)/g, '$1:');
}

/** The Port description a new port gets from 'spec'. */
export function portFromSpec(spec: PortSpec, dpid: bigint, bridgeName: string): Port {
  const local = spec.portNo === OFPP_LOCAL;
  const up = spec.linkUp ?? true;
  return {
    portNo: spec.portNo,
    hwAddr: (spec.hwAddr ?? defaultHwAddr(dpid, spec.portNo)).toLowerCase(),
    name: spec.name ?? (local ? bridgeName : `p${spec.portNo}`),
    config: spec.config ?? 0,
    // A new port starts without OFPPS_LIVE; the switch reports liveness next (as OVS does).
    state: up ? 0 : OFPPS_LINK_DOWN,
    curr: local ? 0 : OFPPF_10GB_FD,
    advertised: 0,
    supported: 0,
    peer: 0,
    currSpeed: local ? 0 : 10_000_000,
    maxSpeed: local ? 0 : 10_000_000,
  };
}

/**
 * Throws RangeError unless 'portNo' can be a switch port (1 to 0xfeff, or
 * LOCAL), 'name' fits a port description and 'hwAddr' is an address.
 */
export function checkPortSpec(spec: PortSpec): void {
  const n = spec.portNo;
  if (!Number.isInteger(n) || ((n < 1 || n >= MAX_PORTS) && n !== OFPP_LOCAL)) throw new RangeError(`invalid port number ${n}`);
  if (spec.name !== undefined && (spec.name.length === 0 || spec.name.length > 15)) {
    throw new RangeError(`port name "${spec.name}" must be 1 to 15 characters`);
  }
  if (spec.hwAddr !== undefined && !isMac(spec.hwAddr)) throw new RangeError(`"${spec.hwAddr}" is not an Ethernet address`);
}
