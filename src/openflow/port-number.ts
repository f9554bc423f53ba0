/**
 * OpenFlow port numbers.  The neutral messages use the 32-bit numbering of
 * OpenFlow 1.1+; OpenFlow 1.0's 16-bit numbers map onto it as Open vSwitch
 * maps them: ordinary ports below 0xff00 are the same number, and the
 * reserved range 0xff00-0xffff becomes 0xffffff00-0xffffffff.
 */

import { OfpCodecError } from './codec-error.js';

export const OFPP_MAX = 0xffffff00;
export const OFPP_IN_PORT = 0xfffffff8;
export const OFPP_TABLE = 0xfffffff9;
export const OFPP_NORMAL = 0xfffffffa;
export const OFPP_FLOOD = 0xfffffffb;
export const OFPP_ALL = 0xfffffffc;
export const OFPP_CONTROLLER = 0xfffffffd;
export const OFPP_LOCAL = 0xfffffffe;
/** OFPP_ANY in OpenFlow 1.1+, OFPP_NONE in 1.0. */
export const OFPP_ANY = 0xffffffff;

/** OpenFlow 1.0's first reserved port. */
const OFPP10_MAX = 0xff00;
const OFFSET = 0xffff0000;

/** The neutral (32-bit) number of OpenFlow 1.0 port 'p'. */
export function portFrom10(p: number): number {
  return p >= OFPP10_MAX ? p + OFFSET : p;
}

/**
 * The OpenFlow 1.0 number of neutral port 'p'.  Throws OfpCodecError
 * OFPBRC_BAD_PORT for a number 1.0 cannot express (0xff00-0xfffffeff).
 */
export function portTo10(p: number): number {
  if (p < OFPP10_MAX) return p;
  if (p >= OFPP_MAX) return p - OFFSET;
  throw new OfpCodecError('OFPBRC_BAD_PORT', `port ${p} cannot be expressed in OpenFlow 1.0`);
}

const NAMES: Record<number, string> = {
  [OFPP_IN_PORT]: 'IN_PORT',
  [OFPP_TABLE]: 'TABLE',
  [OFPP_NORMAL]: 'NORMAL',
  [OFPP_FLOOD]: 'FLOOD',
  [OFPP_ALL]: 'ALL',
  [OFPP_CONTROLLER]: 'CONTROLLER',
  [OFPP_LOCAL]: 'LOCAL',
  [OFPP_ANY]: 'ANY',
};

/**
 * The port as ovs-ofctl prints it: a reserved name or the number.  In
 * OpenFlow 1.0 the all-ones port is printed NONE.
 */
export function portName(p: number, version = 4): string {
  if (p === OFPP_ANY && version === 1) return 'NONE';
  return NAMES[p] ?? String(p);
}

/** Parses a port name or number as ovs-ofctl accepts it; undefined if not one. */
export function parsePortName(s: string): number | undefined {
  const u = s.toUpperCase();
  if (u === 'NONE') return OFPP_ANY;
  for (const [k, v] of Object.entries(NAMES)) if (v === u) return Number(k);
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n <= 0xffffffff ? n : undefined;
  }
  return undefined;
}
