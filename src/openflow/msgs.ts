/**
 * The declarative table of OpenFlow message identities ("raw" messages, as
 * Open vSwitch's ofp-msgs.h calls them): for each version, which header type
 * number (and, for vendor messages, vendor id and subtype; for statistics,
 * the stats type) a message has.  The codec looks messages up here in both
 * directions; family files (packet-in.ts, flow-mod.ts, ...) only read and
 * write bodies.  Identities known here but without a family codec decode to
 * the 'unmodelled' message.
 */

import { NX_VENDOR_ID, ONF_VENDOR_ID } from './ofperr.js';

/** How a message is recognised on the wire. */
export type RawShape =
  /** A plain OFPT message: the header type says it all. */
  | 'plain'
  /** A vendor/experimenter message: header type 4, vendor id, 32-bit subtype. */
  | 'vendor'
  /**
   * A statistics/multipart request or reply: header type plus 16-bit stats
   * type; for Nicira statistics (NXST_*) the stats type is OFPST_VENDOR and
   * the vendor id and subtype follow (in OF1.0 then 4 bytes of padding).
   */
  | 'stats';

export interface RawMsg {
  /** Open vSwitch-style name, e.g. 'OFPT_PACKET_IN', 'NXT_ROLE_REQUEST', 'OFPMP_FLOW_REQUEST'. */
  readonly name: string;
  readonly shape: RawShape;
  /** First and last wire versions with this identity. */
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Header type number. */
  readonly type: number;
  /** Vendor id, for vendor messages and Nicira statistics. */
  readonly vendor?: number;
  /** Vendor subtype (NX, NXST) or experimenter type (ONF). */
  readonly subtype?: number;
  /** Stats/multipart type, for 'stats' messages. */
  readonly stat?: number;
  /** For stats: true for replies. */
  readonly reply?: boolean;
  /** Position in RAW_MSGS: a dense number for lookup tables keyed by identity (codec.ts). */
  readonly index: number;
}

/** Header type numbers that mean "vendor/experimenter message" in every version. */
export const OFPT_VENDOR = 4;
/** The stats type of vendor (OF1.0) and experimenter (OF1.1+) statistics. */
export const OFPST_VENDOR = 0xffff;

/** The index of the next identity made: RAW_MSGS lists them in the order they are made. */
let nextIndex = 0;

function plain(name: string, type: number, min: number, max = 6): RawMsg {
  return { name, shape: 'plain', type, minVersion: min, maxVersion: max, index: nextIndex++ };
}
function nx(name: string, subtype: number, min = 1, max = 6): RawMsg {
  return { name, shape: 'vendor', type: OFPT_VENDOR, vendor: NX_VENDOR_ID, subtype, minVersion: min, maxVersion: max, index: nextIndex++ };
}
function onf(name: string, subtype: number, min = 4, max = 4): RawMsg {
  return { name, shape: 'vendor', type: OFPT_VENDOR, vendor: ONF_VENDOR_ID, subtype, minVersion: min, maxVersion: max, index: nextIndex++ };
}
/** A stats request/reply pair: OF1.0 types 16/17, OF1.1+ types 18/19. */
function stats(base: string, stat: number, min: number, max = 6): RawMsg[] {
  const out: RawMsg[] = [];
  const lo10 = Math.max(min, 1);
  if (lo10 <= 1 && max >= 1) {
    out.push({ name: `OFPST_${base}_REQUEST`, shape: 'stats', type: 16, stat, reply: false, minVersion: 1, maxVersion: 1, index: nextIndex++ });
    out.push({ name: `OFPST_${base}_REPLY`, shape: 'stats', type: 17, stat, reply: true, minVersion: 1, maxVersion: 1, index: nextIndex++ });
  }
  const lo = Math.max(min, 2);
  if (lo <= max) {
    out.push({ name: `OFPMP_${base}_REQUEST`, shape: 'stats', type: 18, stat, reply: false, minVersion: lo, maxVersion: max, index: nextIndex++ });
    out.push({ name: `OFPMP_${base}_REPLY`, shape: 'stats', type: 19, stat, reply: true, minVersion: lo, maxVersion: max, index: nextIndex++ });
  }
  return out;
}

/**
 * A Nicira statistics request/reply pair (NXST_*): OF1.0's OFPST_VENDOR
 * with NX_VENDOR_ID and 'subtype'.  Open vSwitch defines NXST_FLOW and
 * NXST_AGGREGATE only in OpenFlow 1.0.
 */
function nxst(base: string, subtype: number): RawMsg[] {
  const one = (reply: boolean): RawMsg => ({
    name: `NXST_${base}_${reply ? 'REPLY' : 'REQUEST'}`, shape: 'stats', type: reply ? 17 : 16, stat: OFPST_VENDOR, reply,
    vendor: NX_VENDOR_ID, subtype, minVersion: 1, maxVersion: 1, index: nextIndex++,
  });
  return [one(false), one(true)];
}

/** Every message identity this codec recognises (reference §0.1). */
export const RAW_MSGS: readonly RawMsg[] = [
  plain('OFPT_HELLO', 0, 1),
  plain('OFPT_ERROR', 1, 1),
  plain('OFPT_ECHO_REQUEST', 2, 1),
  plain('OFPT_ECHO_REPLY', 3, 1),
  plain('OFPT_FEATURES_REQUEST', 5, 1),
  plain('OFPT_FEATURES_REPLY', 6, 1),
  plain('OFPT_GET_CONFIG_REQUEST', 7, 1),
  plain('OFPT_GET_CONFIG_REPLY', 8, 1),
  plain('OFPT_SET_CONFIG', 9, 1),
  plain('OFPT_PACKET_IN', 10, 1),
  plain('OFPT_FLOW_REMOVED', 11, 1),
  plain('OFPT_PORT_STATUS', 12, 1),
  plain('OFPT_PACKET_OUT', 13, 1),
  plain('OFPT_FLOW_MOD', 14, 1),
  // OF1.0 numbering.
  plain('OFPT_PORT_MOD', 15, 1, 1),
  plain('OFPT_BARRIER_REQUEST', 18, 1, 1),
  plain('OFPT_BARRIER_REPLY', 19, 1, 1),
  plain('OFPT_QUEUE_GET_CONFIG_REQUEST', 20, 1, 1),
  plain('OFPT_QUEUE_GET_CONFIG_REPLY', 21, 1, 1),
  // OF1.1+ numbering.
  plain('OFPT_GROUP_MOD', 15, 2),
  plain('OFPT_PORT_MOD', 16, 2),
  plain('OFPT_TABLE_MOD', 17, 2),
  plain('OFPT_BARRIER_REQUEST', 20, 2),
  plain('OFPT_BARRIER_REPLY', 21, 2),
  plain('OFPT_QUEUE_GET_CONFIG_REQUEST', 22, 2, 4),
  plain('OFPT_QUEUE_GET_CONFIG_REPLY', 23, 2, 4),
  plain('OFPT_ROLE_REQUEST', 24, 3),
  plain('OFPT_ROLE_REPLY', 25, 3),
  plain('OFPT_GET_ASYNC_REQUEST', 26, 4),
  plain('OFPT_GET_ASYNC_REPLY', 27, 4),
  plain('OFPT_SET_ASYNC', 28, 4),
  plain('OFPT_METER_MOD', 29, 4),
  plain('OFPT_ROLE_STATUS', 30, 5),
  plain('OFPT_TABLE_STATUS', 31, 5),
  plain('OFPT_REQUESTFORWARD', 32, 5),
  plain('OFPT_BUNDLE_CONTROL', 33, 5),
  plain('OFPT_BUNDLE_ADD_MESSAGE', 34, 5),
  plain('OFPT_CONTROLLER_STATUS', 35, 6),
  // Statistics / multipart.
  ...stats('DESC', 0, 1),
  ...stats('FLOW', 1, 1),
  ...stats('AGGREGATE', 2, 1),
  ...stats('TABLE', 3, 1),
  ...stats('PORT', 4, 1),
  ...stats('QUEUE', 5, 1),
  ...stats('GROUP', 6, 2),
  ...stats('GROUP_DESC', 7, 2),
  ...stats('GROUP_FEATURES', 8, 3),
  ...stats('METER', 9, 4),
  ...stats('METER_CONFIG', 10, 4),
  ...stats('METER_FEATURES', 11, 4),
  ...stats('TABLE_FEATURES', 12, 4),
  ...stats('PORT_DESC', 13, 4),
  ...stats('TABLE_DESC', 14, 5),
  ...stats('QUEUE_DESC', 15, 5),
  ...stats('FLOW_MONITOR', 16, 5),
  ...stats('FLOW_DESC', 17, 6),
  ...stats('BUNDLE_FEATURES', 19, 6),
  ...stats('VENDOR', OFPST_VENDOR, 1),
  // Nicira statistics: OF1.0 flow statistics in the NXM flow format.
  ...nxst('FLOW', 0),
  ...nxst('AGGREGATE', 1),
  // Nicira extensions (reference §0.1).
  nx('NXT_ROLE_REQUEST', 10),
  nx('NXT_ROLE_REPLY', 11),
  nx('NXT_SET_FLOW_FORMAT', 12, 1, 1),
  nx('NXT_FLOW_MOD', 13, 1, 1),
  nx('NXT_FLOW_REMOVED', 14, 1, 1),
  nx('NXT_FLOW_MOD_TABLE_ID', 15),
  nx('NXT_SET_PACKET_IN_FORMAT', 16),
  nx('NXT_PACKET_IN', 17),
  nx('NXT_FLOW_AGE', 18),
  nx('NXT_SET_ASYNC_CONFIG', 19),
  nx('NXT_SET_CONTROLLER_ID', 20),
  nx('NXT_FLOW_MONITOR_CANCEL', 21, 1, 3),
  nx('NXT_FLOW_MONITOR_PAUSED', 22, 1, 3),
  nx('NXT_FLOW_MONITOR_RESUMED', 23, 1, 3),
  nx('NXT_TLV_TABLE_MOD', 24),
  nx('NXT_TLV_TABLE_REQUEST', 25),
  nx('NXT_TLV_TABLE_REPLY', 26),
  nx('NXT_SET_ASYNC_CONFIG2', 27, 1, 4),
  nx('NXT_RESUME', 28),
  nx('NXT_CT_FLUSH_ZONE', 29),
  nx('NXT_PACKET_IN2', 30),
  nx('NXT_CT_FLUSH', 32),
  nx('NXT_REQUESTFORWARD', 132, 1, 3),
  // ONF extensions to OF1.3.
  onf('ONFT_ROLE_STATUS', 1911),
  onf('ONFT_FLOW_MONITOR_CANCEL', 1870),
  onf('ONFT_FLOW_MONITOR_PAUSED', 1871),
  onf('ONFT_FLOW_MONITOR_RESUMED', 1872),
  onf('ONFT_BUNDLE_CONTROL', 2300),
  onf('ONFT_BUNDLE_ADD_MESSAGE', 2301),
  onf('ONFT_REQUESTFORWARD', 2350),
];

/** Lookup tables, built once: by name (then version), and by wire identity with numeric keys. */
const MAX_VERSION = 6;
const byName = new Map<string, (RawMsg | undefined)[]>();
/** Indexed by (version << 8) | type. */
const plainIndex: (RawMsg | undefined)[] = new Array<RawMsg | undefined>((MAX_VERSION + 1) << 8).fill(undefined);
/** Per vendor id, keyed by subtype * 8 + version (an exact integer: subtypes are 32-bit). */
const vendorIndex = new Map<number, Map<number, RawMsg>>();
const statsIndex = new Map<number, RawMsg>();
/** Nicira statistics, keyed by (subtype * 8 + version) * 2 + (1 for replies). */
const nxStatsIndex = new Map<number, RawMsg>();
/** Every subtype some version's Nicira statistics have. */
const nxStatsSubtypes = new Set<number>();

RAW_MSGS.forEach((raw, i) => {
  if (raw.index !== i) throw new Error(`msgs table: ${raw.name} made out of order`);
});
for (const raw of RAW_MSGS) {
  let versions = byName.get(raw.name);
  if (!versions) byName.set(raw.name, (versions = new Array<RawMsg | undefined>(MAX_VERSION + 1).fill(undefined)));
  for (let v = raw.minVersion; v <= raw.maxVersion; v++) {
    versions[v] ??= raw;
    if (raw.shape === 'plain') {
      plainIndex[(v << 8) | raw.type] = raw;
    } else if (raw.shape === 'vendor') {
      let subtypes = vendorIndex.get(raw.vendor!);
      if (!subtypes) vendorIndex.set(raw.vendor!, (subtypes = new Map()));
      subtypes.set(raw.subtype! * 8 + v, raw);
    } else if (raw.vendor !== undefined) {
      nxStatsIndex.set((raw.subtype! * 8 + v) * 2 + (raw.reply ? 1 : 0), raw);
      nxStatsSubtypes.add(raw.subtype!);
    } else {
      statsIndex.set((v << 24) | (raw.type << 16) | raw.stat!, raw);
    }
  }
}

/** Returns true if header 'type' in 'version' is a stats/multipart request or reply. */
export function isStatsType(version: number, type: number): boolean {
  return version === 1 ? type === 16 || type === 17 : type === 18 || type === 19;
}

/** Returns true if header 'type' in 'version' is a stats/multipart reply. */
export function isStatsReplyType(version: number, type: number): boolean {
  return type === (version === 1 ? 17 : 19);
}

/** The plain message with header 'type' in 'version', or undefined. */
export function lookupPlain(version: number, type: number): RawMsg | undefined {
  return version >= 0 && version <= MAX_VERSION && type >= 0 && type <= 0xff ? plainIndex[(version << 8) | type] : undefined;
}

/** The vendor message ('vendor', 'subtype') in 'version', or undefined. */
export function lookupVendor(version: number, vendor: number, subtype: number): RawMsg | undefined {
  return version >= 0 && version <= MAX_VERSION ? vendorIndex.get(vendor)?.get(subtype * 8 + version) : undefined;
}

/** The stats message of header 'type' and stats type 'stat' in 'version', or undefined. */
export function lookupStats(version: number, type: number, stat: number): RawMsg | undefined {
  return statsIndex.get((version << 24) | (type << 16) | stat);
}

/**
 * The Nicira statistics message (NXST_*) of 'subtype' in 'version', a
 * reply if 'reply', or undefined.  'known' is true when some version has
 * Nicira statistics of that subtype (Open vSwitch refuses those with
 * OFPBRC_BAD_SUBTYPE in the versions that lack them).
 */
export function lookupNxStats(version: number, reply: boolean, subtype: number): { raw: RawMsg | undefined; known: boolean } {
  const raw = version >= 0 && version <= MAX_VERSION ? nxStatsIndex.get((subtype * 8 + version) * 2 + (reply ? 1 : 0)) : undefined;
  return { raw, known: raw !== undefined || nxStatsSubtypes.has(subtype) };
}

/** The identity called 'name' in 'version', or undefined if that version has none. */
export function rawByName(name: string, version: number): RawMsg | undefined {
  if (version < 0 || version > MAX_VERSION) return undefined;
  // The last name's versions are kept: encoders ask for runs of one name, and comparing names is cheaper than a lookup.
  if (name !== lastName) {
    lastName = name;
    lastVersions = byName.get(name);
  }
  return lastVersions?.[version];
}
let lastName = '';
let lastVersions: (RawMsg | undefined)[] | undefined;

/** Returns true if 'vendor' is one whose subtypes this table knows (Nicira, ONF). */
export function isKnownVendor(vendor: number): boolean {
  return vendor === NX_VENDOR_ID || vendor === ONF_VENDOR_ID;
}

/**
 * The name of header type 'type' in wire 'version', for counting messages
 * without decoding them: the plain message's name (OFPT_FLOW_MOD), or for
 * the families behind one header type the family's name (OFPT_VENDOR in
 * OF1.0, OFPT_EXPERIMENTER later; OFPT_STATS_REQUEST/REPLY up to OF1.2,
 * OFPT_MULTIPART_REQUEST/REPLY from OF1.3).  A number 'version' does not
 * define gives 'OFPT_UNKNOWN_<type>'.
 */
export function headerTypeName(version: number, type: number): string {
  const plain = lookupPlain(version, type);
  if (plain) return plain.name;
  if (type === OFPT_VENDOR) return version === 1 ? 'OFPT_VENDOR' : 'OFPT_EXPERIMENTER';
  if (isStatsType(version, type)) {
    const reply = isStatsReplyType(version, type);
    return `OFPT_${version <= 3 ? 'STATS' : 'MULTIPART'}_${reply ? 'REPLY' : 'REQUEST'}`;
  }
  return `OFPT_UNKNOWN_${type}`;
}
