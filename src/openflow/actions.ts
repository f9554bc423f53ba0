/**
 * Actions: one neutral union, Action, and its wire forms in OpenFlow 1.0
 * (ofp_action_* with 16-bit ports, plus the Nicira vendor actions Open
 * vSwitch writes for what 1.0 lacks), OpenFlow 1.1 (the set_* actions
 * renumbered, the MPLS/VLAN/TTL/group actions added) and OpenFlow 1.2-1.5
 * (set_field with an OXM TLV, PBB from 1.3).  The Nicira controller action
 * (NXAST_CONTROLLER) is read and written in every version.
 *
 * Used by PACKET_OUT, FLOW_MOD and flow statistics (directly in 1.0,
 * through instructions.ts in 1.1+) and by group buckets.  Decoding keeps the
 * form native to the version, so a decode followed by an encode in the same
 * version gives the same bytes, except that padding and reserved bytes are
 * written back as zeros (and a set_field padded beyond the next multiple of
 * 8, which OVS accepts, is written back with the minimal padding).  An action that is not modelled (an experimenter
 * or vendor action, the deprecated OF1.1 set_* numbers inside an OF1.2+
 * message, OF1.5's copy_field and meter) is kept whole as 'opaque'.
 *
 * Encoding a neutral action in a version without it converts where the two
 * forms do exactly the same thing, as Open vSwitch does (set_dl_src <->
 * set_field(eth_src), set_nw_src <-> set_field(ipv4_src), set_nw_tos <->
 * set_field(ip_dscp), set_field(vlan_vid/vlan_pcp) -> set_vlan_vid/pcp,
 * strip_vlan <-> pop_vlan, set_field of TCP/UDP ports -> set_tp_src/dst);
 * anything else throws OfpCodecError OFPBAC_BAD_TYPE.  set_tp_src/dst cannot
 * become a set_field without knowing the transport protocol, so they throw
 * in OF1.2+.  OpenFlow 1.0's set_vlan_vid/pcp push a tag on an untagged
 * packet: Open vSwitch writes them in OF1.2+ as set_field, preceded by a
 * push_vlan when the flow's match says the packet has no VLAN.  That
 * depends on the match, which an action list does not see, so they throw
 * in OF1.2+ too rather than drop the push.
 */

import { OfpCodecError } from './codec-error.js';
import { macFromBytes, macToBytes } from './ethernet-address.js';
import { ipv4FromU32, parseIpv4 } from './ip-address.js';
import {
  decodeOxmFieldAt, encodeOxmField, fieldValueText, type FieldValue, type MatchField,
} from './match.js';
import { NX_VENDOR_ID, type OfpErrName } from './ofperr.js';
import { copyTlv } from './opaque-tlv.js';
import { be16, be32 } from './big-endian.js';
import { oxmFieldByName, type OxmFieldName } from './oxm.js';
import { OFPP_CONTROLLER, OFPP_MAX, portFrom10, portName } from './port-number.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** A neutral action. */
export type Action =
  /** Output to 'port' (32-bit numbering); 'maxLen' bytes to the controller. */
  | { readonly type: 'output'; readonly port: number; readonly maxLen: number }
  /** Nicira NXAST_CONTROLLER: a packet-in with 'reason' (OFPR_*) to controllers with 'controllerId'. */
  | { readonly type: 'controller'; readonly maxLen: number; readonly controllerId: number; readonly reason: number }
  /** OF1.0 only: output to 'port' through queue 'queueId'. */
  | { readonly type: 'enqueue'; readonly port: number; readonly queueId: number }
  | { readonly type: 'set_queue'; readonly queueId: number }
  | { readonly type: 'group'; readonly groupId: number }
  | { readonly type: 'push_vlan' | 'push_mpls' | 'push_pbb'; readonly ethertype: number }
  | { readonly type: 'pop_vlan' }
  /** 'ethertype' is the Ethertype of the packet after the pop. */
  | { readonly type: 'pop_mpls'; readonly ethertype: number }
  | { readonly type: 'pop_pbb' }
  /** OF1.2+ set_field; 'field' carries a mask only in OF1.5. */
  | { readonly type: 'set_field'; readonly field: MatchField }
  /** The OF1.0/1.1 set actions. */
  | { readonly type: 'set_vlan_vid'; readonly vid: number }
  | { readonly type: 'set_vlan_pcp'; readonly pcp: number }
  | { readonly type: 'strip_vlan' }
  | { readonly type: 'set_dl_src' | 'set_dl_dst'; readonly mac: string }
  | { readonly type: 'set_nw_src' | 'set_nw_dst'; readonly ip: string }
  /** 'tos' is the whole ToS byte with the ECN bits zero (DSCP << 2). */
  | { readonly type: 'set_nw_tos'; readonly tos: number }
  | { readonly type: 'set_tp_src' | 'set_tp_dst'; readonly port: number }
  /** OFPAT_DEC_NW_TTL in OF1.1+, Nicira NXAST_DEC_TTL in OF1.0. */
  | { readonly type: 'dec_nw_ttl' }
  | { readonly type: 'set_nw_ttl'; readonly ttl: number }
  | { readonly type: 'copy_ttl_out' }
  | { readonly type: 'copy_ttl_in' }
  | { readonly type: 'set_mpls_ttl'; readonly ttl: number }
  | { readonly type: 'dec_mpls_ttl' }
  /** An action the codec does not model, the whole TLV as received. */
  /**
   * An action the codec does not model, kept whole.  'version' is the wire
   * version it was decoded from: its meaning may differ in another version
   * (OVS refuses NXAST_REG_LOAD in OF1.5, say), so encoding it in any other
   * version is refused rather than guessed.  Absent: no such restriction.
   */
  | { readonly type: 'opaque'; readonly bytes: Uint8Array; readonly version?: number };

export type ActionType = Action['type'];

/* Standard action numbers.  OF1.0 and OF1.1 number the set_* actions differently. */
const OFPAT10_OUTPUT = 0;
const OFPAT10_SET_VLAN_VID = 1;
const OFPAT10_SET_VLAN_PCP = 2;
const OFPAT10_STRIP_VLAN = 3;
const OFPAT10_SET_DL_SRC = 4;
const OFPAT10_SET_DL_DST = 5;
const OFPAT10_SET_NW_SRC = 6;
const OFPAT10_SET_NW_DST = 7;
const OFPAT10_SET_NW_TOS = 8;
const OFPAT10_SET_TP_SRC = 9;
const OFPAT10_SET_TP_DST = 10;
const OFPAT10_ENQUEUE = 11;

const OFPAT11_OUTPUT = 0;
const OFPAT11_SET_VLAN_VID = 1;
const OFPAT11_SET_VLAN_PCP = 2;
const OFPAT11_SET_DL_SRC = 3;
const OFPAT11_SET_DL_DST = 4;
const OFPAT11_SET_NW_SRC = 5;
const OFPAT11_SET_NW_DST = 6;
const OFPAT11_SET_NW_TOS = 7;
const OFPAT11_SET_NW_ECN = 8;
const OFPAT11_SET_TP_SRC = 9;
const OFPAT11_SET_TP_DST = 10;
const OFPAT_COPY_TTL_OUT = 11;
const OFPAT_COPY_TTL_IN = 12;
const OFPAT11_SET_MPLS_LABEL = 13;
const OFPAT11_SET_MPLS_TC = 14;
const OFPAT_SET_MPLS_TTL = 15;
const OFPAT_DEC_MPLS_TTL = 16;
const OFPAT_PUSH_VLAN = 17;
const OFPAT_POP_VLAN = 18;
const OFPAT_PUSH_MPLS = 19;
const OFPAT_POP_MPLS = 20;
const OFPAT_SET_QUEUE = 21;
const OFPAT_GROUP = 22;
const OFPAT_SET_NW_TTL = 23;
const OFPAT_DEC_NW_TTL = 24;
const OFPAT12_SET_FIELD = 25;
const OFPAT13_PUSH_PBB = 26;
const OFPAT13_POP_PBB = 27;
const OFPAT15_COPY_FIELD = 28;
const OFPAT15_METER = 29;
const OFPAT_VENDOR = 0xffff;

/* Nicira vendor action subtypes (NXAST_*) the codec models. */
const NXAST_SET_QUEUE = 4;
const NXAST_DEC_TTL = 18;
const NXAST_CONTROLLER = 20;
const NXAST_PUSH_MPLS = 23;
const NXAST_POP_MPLS = 24;
const NXAST_SET_MPLS_TTL = 25;
const NXAST_DEC_MPLS_TTL = 26;
const NXAST_GROUP = 40;

const ETH_TYPE_VLAN_8021Q = 0x8100;
const ETH_TYPE_VLAN_8021AD = 0x88a8;
const ETH_TYPE_MPLS = 0x8847;
const ETH_TYPE_MPLS_MCAST = 0x8848;
const ETH_TYPE_PBB = 0x88e7;

/** Fields a set_field may not write (OpenFlow forbids in_port; the rest are read-only in OVS). */
const SET_FIELD_READ_ONLY = new Set<string>(['in_port', 'in_phy_port', 'actset_output', 'packet_type', 'ct_state',
  'ct_zone', 'ip_frag', 'mpls_bos']);

function bad(err: OfpErrName, detail: string, offset?: number): never {
  throw new OfpCodecError(err, detail, offset);
}

/* ---------------------------------------------------------------------- */
/* Decoding.                                                               */

// The checks below run for every action: their error messages are built in separate functions,
// which keeps them (and the functions they are inlined into) small enough for V8 to inline.

function requireLen(len: number, want: number, what: string, at: number): void {
  if (len !== want) badLen(len, want, what, at);
}

function badLen(len: number, want: number, what: string, at: number): never {
  bad('OFPBAC_BAD_LEN', `${what} has length ${len}, expected ${want}`, at);
}

function checkPushEthertype(type: 'push_vlan' | 'push_mpls' | 'push_pbb', e: number, at?: number): void {
  const ok = type === 'push_vlan' ? e === ETH_TYPE_VLAN_8021Q || e === ETH_TYPE_VLAN_8021AD
    : type === 'push_mpls' ? e === ETH_TYPE_MPLS || e === ETH_TYPE_MPLS_MCAST
      : e === ETH_TYPE_PBB;
  if (!ok) bad('OFPBAC_BAD_ARGUMENT', `${type} with Ethertype 0x${e.toString(16)}`, at);
}

/** Reads the body of a Nicira vendor action of length 'len' at 'at'; undefined if not modelled in 'version'. */
function decodeNicira(b: Uint8Array, at: number, len: number, version: number): Action | undefined {
  if (len < 16) return undefined;
  const subtype = (b[at + 8]! << 8) | b[at + 9]!;
  if (subtype === NXAST_CONTROLLER) {
    requireLen(len, 16, 'NXAST_CONTROLLER', at);
    return { type: 'controller', maxLen: be16(b, at + 10), controllerId: be16(b, at + 12), reason: b[at + 14]! };
  }
  if (version !== 1) return undefined;
  switch (subtype) {
    case NXAST_SET_QUEUE:
      requireLen(len, 16, 'NXAST_SET_QUEUE', at);
      return { type: 'set_queue', queueId: be32(b, at + 12) };
    case NXAST_DEC_TTL:
      requireLen(len, 16, 'NXAST_DEC_TTL', at);
      return { type: 'dec_nw_ttl' };
    case NXAST_PUSH_MPLS: {
      requireLen(len, 16, 'NXAST_PUSH_MPLS', at);
      const ethertype = be16(b, at + 10);
      checkPushEthertype('push_mpls', ethertype, at);
      return { type: 'push_mpls', ethertype };
    }
    case NXAST_POP_MPLS:
      requireLen(len, 16, 'NXAST_POP_MPLS', at);
      return { type: 'pop_mpls', ethertype: be16(b, at + 10) };
    case NXAST_SET_MPLS_TTL:
      requireLen(len, 16, 'NXAST_SET_MPLS_TTL', at);
      return { type: 'set_mpls_ttl', ttl: b[at + 10]! };
    case NXAST_DEC_MPLS_TTL:
      requireLen(len, 16, 'NXAST_DEC_MPLS_TTL', at);
      return { type: 'dec_mpls_ttl' };
    case NXAST_GROUP:
      requireLen(len, 16, 'NXAST_GROUP', at);
      return { type: 'group', groupId: be32(b, at + 12) };
    default:
      return undefined;
  }
}

/** Maps an error from reading set_field's OXM onto the action error OVS answers with. */
function setFieldError(e: unknown): never {
  if (!OfpCodecError.is(e)) throw e;
  const map: Partial<Record<OfpErrName, OfpErrName>> = {
    OFPBMC_BAD_LEN: 'OFPBAC_BAD_SET_LEN',
    OFPBMC_BAD_MASK: 'OFPBAC_BAD_SET_MASK',
    OFPBMC_BAD_VALUE: 'OFPBAC_BAD_SET_ARGUMENT',
    OFPBMC_BAD_WILDCARDS: 'OFPBAC_BAD_SET_ARGUMENT',
    OFPBMC_BAD_FIELD: 'OFPBAC_BAD_SET_TYPE',
  };
  throw new OfpCodecError(map[e.ofperr] ?? e.ofperr, `set_field: ${e.message}`, e.offset);
}

/** Checks that set_field may write 'f' (with a mask only from OF1.5). */
function checkSetField(f: MatchField, version: number, at?: number): void {
  if (f.field === 'opaque') return;
  if ((f.mask !== undefined && version < 6) || SET_FIELD_READ_ONLY.has(f.field) || f.field === 'vlan_vid') {
    checkSetFieldCase(f, version, at);
  }
}

/** checkSetField for the cases it cannot pass at a glance (kept apart: checkSetField is on every set_field's path). */
function checkSetFieldCase(f: MatchField & { field: OxmFieldName }, version: number, at?: number): void {
  if (f.mask !== undefined && version < 6) bad('OFPBAC_BAD_SET_MASK', `set_field of ${f.field} with a mask before OpenFlow 1.5`, at);
  if (SET_FIELD_READ_ONLY.has(f.field)) bad('OFPBAC_BAD_SET_ARGUMENT', `set_field cannot write ${f.field}`, at);
  if (f.field === 'vlan_vid' && (typeof f.value !== 'number' || !(f.value & 0x1000) ||
      (f.mask !== undefined && (typeof f.mask !== 'number' || !(f.mask & 0x1000))))) {
    bad('OFPBAC_BAD_SET_ARGUMENT', 'set_field of vlan_vid needs OFPVID_PRESENT', at);
  }
}

function decodeSetField(b: Uint8Array, at: number, len: number, version: number): Action {
  let field: MatchField;
  try {
    field = decodeOxmFieldAt(b, at + 4, at + len);
  } catch (e) {
    setFieldError(e);
  }
  for (let p = at + 8 + b[at + 7]!; p < at + len; p++) {
    if (b[p] !== 0) bad('OFPBAC_BAD_SET_ARGUMENT', 'set_field padding is not zero', at);
  }
  checkSetField(field, version, at);
  return { type: 'set_field', field };
}

/** Reads one standard OF1.0 action of type 'type'. */
function decode10(type: number, b: Uint8Array, at: number, len: number): Action | undefined {
  switch (type) {
    case OFPAT10_OUTPUT:
      requireLen(len, 8, 'OFPAT_OUTPUT', at);
      return { type: 'output', port: portFrom10(be16(b, at + 4)), maxLen: be16(b, at + 6) };
    case OFPAT10_SET_VLAN_VID: {
      requireLen(len, 8, 'OFPAT_SET_VLAN_VID', at);
      const vid = be16(b, at + 4);
      if (vid > 0xfff) bad('OFPBAC_BAD_ARGUMENT', `VLAN id ${vid}`, at);
      return { type: 'set_vlan_vid', vid };
    }
    case OFPAT10_SET_VLAN_PCP: {
      requireLen(len, 8, 'OFPAT_SET_VLAN_PCP', at);
      const pcp = b[at + 4]!;
      if (pcp > 7) bad('OFPBAC_BAD_ARGUMENT', `VLAN priority ${pcp}`, at);
      return { type: 'set_vlan_pcp', pcp };
    }
    case OFPAT10_STRIP_VLAN:
      requireLen(len, 8, 'OFPAT_STRIP_VLAN', at);
      return { type: 'strip_vlan' };
    case OFPAT10_SET_DL_SRC:
    case OFPAT10_SET_DL_DST:
      requireLen(len, 16, 'OFPAT_SET_DL_ADDR', at);
      return { type: type === OFPAT10_SET_DL_SRC ? 'set_dl_src' : 'set_dl_dst', mac: macFromBytes(b, at + 4) };
    case OFPAT10_SET_NW_SRC:
    case OFPAT10_SET_NW_DST:
      requireLen(len, 8, 'OFPAT_SET_NW_ADDR', at);
      return { type: type === OFPAT10_SET_NW_SRC ? 'set_nw_src' : 'set_nw_dst', ip: ipv4FromU32(be32(b, at + 4)) };
    case OFPAT10_SET_NW_TOS: {
      requireLen(len, 8, 'OFPAT_SET_NW_TOS', at);
      const tos = b[at + 4]!;
      if (tos & 3) bad('OFPBAC_BAD_ARGUMENT', `ToS ${tos} has ECN bits`, at);
      return { type: 'set_nw_tos', tos };
    }
    case OFPAT10_SET_TP_SRC:
    case OFPAT10_SET_TP_DST:
      requireLen(len, 8, 'OFPAT_SET_TP_PORT', at);
      return { type: type === OFPAT10_SET_TP_SRC ? 'set_tp_src' : 'set_tp_dst', port: be16(b, at + 4) };
    case OFPAT10_ENQUEUE:
      requireLen(len, 16, 'OFPAT_ENQUEUE', at);
      return { type: 'enqueue', port: portFrom10(be16(b, at + 4)), queueId: be32(b, at + 12) };
    default:
      return undefined;
  }
}

/** Reads one standard OF1.1+ action of type 'type'; 'opaque' for a deprecated one in 1.2+. */
function decode11(type: number, b: Uint8Array, at: number, len: number, version: number): Action | undefined {
  if (version >= 3 && ((type >= OFPAT11_SET_VLAN_VID && type <= OFPAT11_SET_TP_DST) ||
      type === OFPAT11_SET_MPLS_LABEL || type === OFPAT11_SET_MPLS_TC)) {
    // Deprecated in OF1.2 (replaced by set_field) but still accepted by OVS.
    return { type: 'opaque', bytes: copyTlv(b, at, at + len), version };
  }
  switch (type) {
    case OFPAT11_OUTPUT:
      requireLen(len, 16, 'OFPAT_OUTPUT', at);
      return { type: 'output', port: be32(b, at + 4), maxLen: be16(b, at + 8) };
    case OFPAT11_SET_VLAN_VID: {
      requireLen(len, 8, 'OFPAT_SET_VLAN_VID', at);
      const vid = be16(b, at + 4);
      if (vid > 0xfff) bad('OFPBAC_BAD_ARGUMENT', `VLAN id ${vid}`, at);
      return { type: 'set_vlan_vid', vid };
    }
    case OFPAT11_SET_VLAN_PCP: {
      requireLen(len, 8, 'OFPAT_SET_VLAN_PCP', at);
      const pcp = b[at + 4]!;
      if (pcp > 7) bad('OFPBAC_BAD_ARGUMENT', `VLAN priority ${pcp}`, at);
      return { type: 'set_vlan_pcp', pcp };
    }
    case OFPAT11_SET_DL_SRC:
    case OFPAT11_SET_DL_DST:
      requireLen(len, 16, 'OFPAT_SET_DL_ADDR', at);
      return { type: type === OFPAT11_SET_DL_SRC ? 'set_dl_src' : 'set_dl_dst', mac: macFromBytes(b, at + 4) };
    case OFPAT11_SET_NW_SRC:
    case OFPAT11_SET_NW_DST:
      requireLen(len, 8, 'OFPAT_SET_NW_ADDR', at);
      return { type: type === OFPAT11_SET_NW_SRC ? 'set_nw_src' : 'set_nw_dst', ip: ipv4FromU32(be32(b, at + 4)) };
    case OFPAT11_SET_NW_TOS: {
      requireLen(len, 8, 'OFPAT_SET_NW_TOS', at);
      const tos = b[at + 4]!;
      if (tos & 3) bad('OFPBAC_BAD_ARGUMENT', `ToS ${tos} has ECN bits`, at);
      return { type: 'set_nw_tos', tos };
    }
    case OFPAT11_SET_NW_ECN:
    case OFPAT11_SET_MPLS_LABEL:
    case OFPAT11_SET_MPLS_TC:
      requireLen(len, 8, 'OF1.1 set action', at);
      return { type: 'opaque', bytes: copyTlv(b, at, at + len), version };
    case OFPAT11_SET_TP_SRC:
    case OFPAT11_SET_TP_DST:
      requireLen(len, 8, 'OFPAT_SET_TP_PORT', at);
      return { type: type === OFPAT11_SET_TP_SRC ? 'set_tp_src' : 'set_tp_dst', port: be16(b, at + 4) };
    case OFPAT_COPY_TTL_OUT:
      requireLen(len, 8, 'OFPAT_COPY_TTL_OUT', at);
      return { type: 'copy_ttl_out' };
    case OFPAT_COPY_TTL_IN:
      requireLen(len, 8, 'OFPAT_COPY_TTL_IN', at);
      return { type: 'copy_ttl_in' };
    case OFPAT_SET_MPLS_TTL:
      requireLen(len, 8, 'OFPAT_SET_MPLS_TTL', at);
      return { type: 'set_mpls_ttl', ttl: b[at + 4]! };
    case OFPAT_DEC_MPLS_TTL:
      requireLen(len, 8, 'OFPAT_DEC_MPLS_TTL', at);
      return { type: 'dec_mpls_ttl' };
    case OFPAT_PUSH_VLAN:
    case OFPAT_PUSH_MPLS:
    case OFPAT13_PUSH_PBB: {
      if (type === OFPAT13_PUSH_PBB && version < 4) return undefined;
      requireLen(len, 8, 'OFPAT_PUSH', at);
      const kind = type === OFPAT_PUSH_VLAN ? 'push_vlan' : type === OFPAT_PUSH_MPLS ? 'push_mpls' : 'push_pbb';
      const ethertype = be16(b, at + 4);
      checkPushEthertype(kind, ethertype, at);
      return { type: kind, ethertype };
    }
    case OFPAT_POP_VLAN:
      requireLen(len, 8, 'OFPAT_POP_VLAN', at);
      return { type: 'pop_vlan' };
    case OFPAT_POP_MPLS:
      requireLen(len, 8, 'OFPAT_POP_MPLS', at);
      return { type: 'pop_mpls', ethertype: be16(b, at + 4) };
    case OFPAT13_POP_PBB:
      if (version < 4) return undefined;
      requireLen(len, 8, 'OFPAT_POP_PBB', at);
      return { type: 'pop_pbb' };
    case OFPAT_SET_QUEUE:
      requireLen(len, 8, 'OFPAT_SET_QUEUE', at);
      return { type: 'set_queue', queueId: be32(b, at + 4) };
    case OFPAT_GROUP:
      requireLen(len, 8, 'OFPAT_GROUP', at);
      return { type: 'group', groupId: be32(b, at + 4) };
    case OFPAT_SET_NW_TTL:
      requireLen(len, 8, 'OFPAT_SET_NW_TTL', at);
      return { type: 'set_nw_ttl', ttl: b[at + 4]! };
    case OFPAT_DEC_NW_TTL:
      requireLen(len, 8, 'OFPAT_DEC_NW_TTL', at);
      return { type: 'dec_nw_ttl' };
    case OFPAT12_SET_FIELD:
      if (version < 3) return undefined;
      return decodeSetField(b, at, len, version);
    case OFPAT15_COPY_FIELD:
    case OFPAT15_METER:
      if (version < 6) return undefined;
      return { type: 'opaque', bytes: copyTlv(b, at, at + len), version };
    default:
      return undefined;
  }
}

/**
 * Reads 'len' bytes of actions of wire version 'version' at 'r'.  Throws
 * OfpCodecError OFPBAC_BAD_LEN for an action shorter than 8 bytes, not a
 * multiple of 8, crossing 'len', or of the wrong length for its type;
 * OFPBAC_BAD_TYPE for a standard type the version does not define;
 * OFPBAC_BAD_ARGUMENT for an out-of-range VLAN id, priority, ToS or push
 * Ethertype; OFPBAC_BAD_SET_* for a set_field OVS would refuse.  Vendor and
 * experimenter actions the codec does not model are kept opaque.
 */
export function decodeActions(r: WireReader, len: number, version: number): Action[] {
  const start = r.pos;
  if (len < 0 || start + len > r.end) bad('OFPBAC_BAD_LEN', `actions of ${len} bytes, ${r.end - start} left`, start);
  const end = start + len;
  const b = r.buf;
  const out: Action[] = [];
  let at = start;
  while (at < end) {
    const alen = end - at < 8 ? 0 : be16(b, at + 2);
    if (alen < 8 || alen % 8 !== 0 || at + alen > end) badActionLen(b, at, end);
    const type = be16(b, at);
    const a = type === OFPAT_VENDOR ? decodeVendor(b, at, alen, version)
      : version === 1 ? decode10(type, b, at, alen) : decode11(type, b, at, alen, version);
    out.push(a ?? badType(type, version, at));
    at += alen;
  }
  r.pos = end;
  return out;
}

/** Throws the OFPBAC_BAD_LEN of the action at 'at' that decodeActions could not take. */
function badActionLen(b: Uint8Array, at: number, end: number): never {
  if (end - at < 8) bad('OFPBAC_BAD_LEN', `${end - at} bytes left for an action`, at);
  bad('OFPBAC_BAD_LEN', `action length ${be16(b, at + 2)}`, at);
}

function badType(type: number, version: number, at: number): never {
  bad('OFPBAC_BAD_TYPE', `action type ${type} in wire version ${version}`, at);
}

/** A vendor action: a modelled Nicira one, else opaque. */
function decodeVendor(b: Uint8Array, at: number, len: number, version: number): Action {
  const a = be32(b, at + 4) === NX_VENDOR_ID ? decodeNicira(b, at, len, version) : undefined;
  return a ?? { type: 'opaque', bytes: copyTlv(b, at, at + len), version };
}

/* ---------------------------------------------------------------------- */
/* Encoding.                                                               */

function uintArg(a: Action, v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) badArg(a, v, max, what);
  return v;
}

function badArg(a: Action, v: number, max: number, what: string): never {
  bad('OFPBAC_BAD_ARGUMENT', `${a.type}: ${what} ${v} is not 0-${max}`);
}

function port10(p: number): number {
  if (!Number.isInteger(p) || p < 0 || p > 0xffffffff || (p >= 0xff00 && p < OFPP_MAX)) {
    bad('OFPBAC_BAD_OUT_PORT', `port ${p} has no OpenFlow 1.0 number`);
  }
  return p >= OFPP_MAX ? p - 0xffff0000 : p;
}

function ipArg(a: Action, ip: string): number {
  const n = parseIpv4(ip);
  if (n < 0) bad('OFPBAC_BAD_ARGUMENT', `${a.type}: "${ip}" is not an IPv4 address`);
  return n;
}

/** Scratch space for an Ethernet address being encoded; encoders are synchronous. */
const macScratch = new Uint8Array(6);

function writeNicira(w: WireWriter, subtype: number): void {
  w.u16(OFPAT_VENDOR).u16(16).u32(NX_VENDOR_ID).u16(subtype);
}

/** The OF1.0/1.1 set action equivalent to set_field 'f', or undefined if none is. */
function legacyFromSetField(f: MatchField): Action | undefined {
  if (f.field === 'opaque' || f.mask !== undefined) return undefined;
  const v: FieldValue = f.value;
  switch (f.field) {
    case 'eth_src': return typeof v === 'string' ? { type: 'set_dl_src', mac: v } : undefined;
    case 'eth_dst': return typeof v === 'string' ? { type: 'set_dl_dst', mac: v } : undefined;
    case 'ipv4_src': return typeof v === 'string' ? { type: 'set_nw_src', ip: v } : undefined;
    case 'ipv4_dst': return typeof v === 'string' ? { type: 'set_nw_dst', ip: v } : undefined;
    case 'ip_dscp': return typeof v === 'number' && v <= 63 ? { type: 'set_nw_tos', tos: v << 2 } : undefined;
    case 'tcp_src':
    case 'udp_src': return typeof v === 'number' ? { type: 'set_tp_src', port: v } : undefined;
    case 'tcp_dst':
    case 'udp_dst': return typeof v === 'number' ? { type: 'set_tp_dst', port: v } : undefined;
    case 'vlan_vid': return typeof v === 'number' && v & 0x1000 ? { type: 'set_vlan_vid', vid: v & 0xfff } : undefined;
    case 'vlan_pcp': return typeof v === 'number' ? { type: 'set_vlan_pcp', pcp: v } : undefined;
    default: return undefined;
  }
}

/** The OF1.2+ set_field equivalent to OF1.0/1.1 set action 'a', or undefined if none is. */
function setFieldFromLegacy(a: Action): MatchField | undefined {
  switch (a.type) {
    case 'set_dl_src': return { field: 'eth_src', value: a.mac };
    case 'set_dl_dst': return { field: 'eth_dst', value: a.mac };
    case 'set_nw_src': return { field: 'ipv4_src', value: a.ip };
    case 'set_nw_dst': return { field: 'ipv4_dst', value: a.ip };
    case 'set_nw_tos':
      if (a.tos & 3) bad('OFPBAC_BAD_ARGUMENT', `set_nw_tos: ToS ${a.tos} has ECN bits`);
      return { field: 'ip_dscp', value: a.tos >> 2 };
    default: return undefined;
  }
}

function writeSetField(w: WireWriter, f: MatchField, version: number): void {
  checkSetField(f, version);
  const start = w.pos;
  w.u32(OFPAT12_SET_FIELD << 16); // type, length (patched below)
  try {
    encodeOxmField(w, f); // an unknown field is OFPBMC_BAD_FIELD, which setFieldError makes OFPBAC_BAD_SET_TYPE
  } catch (e) {
    setFieldError(e);
  }
  const pad = (8 - ((w.pos - start) & 7)) & 7;
  w.zeros(pad);
  w.setU16(start + 2, w.pos - start);
}

/** Writes one OF1.0 action. */
function encode10(w: WireWriter, a: Action): void {
  switch (a.type) {
    case 'output':
      w.u16(OFPAT10_OUTPUT).u16(8).u16(port10(a.port)).u16(uintArg(a, a.maxLen, 0xffff, 'max_len'));
      return;
    case 'enqueue':
      w.u16(OFPAT10_ENQUEUE).u16(16).u16(port10(a.port)).zeros(6).u32(uintArg(a, a.queueId, 0xffffffff, 'queue'));
      return;
    case 'set_vlan_vid':
      w.u16(OFPAT10_SET_VLAN_VID).u16(8).u16(uintArg(a, a.vid, 0xfff, 'VLAN id')).u16(0);
      return;
    case 'set_vlan_pcp':
      w.u16(OFPAT10_SET_VLAN_PCP).u16(8).u8(uintArg(a, a.pcp, 7, 'priority')).u8(0).u16(0);
      return;
    case 'strip_vlan':
    case 'pop_vlan':
      w.u16(OFPAT10_STRIP_VLAN).u16(8).u32(0);
      return;
    case 'set_dl_src':
    case 'set_dl_dst': {
      macToBytes(a.mac, macScratch, 0, 'OFPBAC_BAD_ARGUMENT');
      w.u16(a.type === 'set_dl_src' ? OFPAT10_SET_DL_SRC : OFPAT10_SET_DL_DST).u16(16).bytes(macScratch).zeros(6);
      return;
    }
    case 'set_nw_src':
    case 'set_nw_dst':
      w.u16(a.type === 'set_nw_src' ? OFPAT10_SET_NW_SRC : OFPAT10_SET_NW_DST).u16(8).u32(ipArg(a, a.ip));
      return;
    case 'set_nw_tos':
      if (a.tos & 3) bad('OFPBAC_BAD_ARGUMENT', `set_nw_tos: ToS ${a.tos} has ECN bits`);
      w.u16(OFPAT10_SET_NW_TOS).u16(8).u8(uintArg(a, a.tos, 0xfc, 'ToS')).u8(0).u16(0);
      return;
    case 'set_tp_src':
    case 'set_tp_dst':
      w.u16(a.type === 'set_tp_src' ? OFPAT10_SET_TP_SRC : OFPAT10_SET_TP_DST).u16(8)
        .u16(uintArg(a, a.port, 0xffff, 'port')).u16(0);
      return;
    case 'set_queue':
      writeNicira(w, NXAST_SET_QUEUE);
      w.u16(0).u32(uintArg(a, a.queueId, 0xffffffff, 'queue'));
      return;
    case 'group':
      writeNicira(w, NXAST_GROUP);
      w.u16(0).u32(uintArg(a, a.groupId, 0xffffffff, 'group'));
      return;
    case 'dec_nw_ttl':
      writeNicira(w, NXAST_DEC_TTL);
      w.zeros(6);
      return;
    case 'push_mpls':
      checkPushEthertype('push_mpls', a.ethertype);
      writeNicira(w, NXAST_PUSH_MPLS);
      w.u16(a.ethertype).u32(0);
      return;
    case 'pop_mpls':
      writeNicira(w, NXAST_POP_MPLS);
      w.u16(uintArg(a, a.ethertype, 0xffff, 'Ethertype')).u32(0);
      return;
    case 'set_mpls_ttl':
      writeNicira(w, NXAST_SET_MPLS_TTL);
      w.u8(uintArg(a, a.ttl, 0xff, 'TTL')).u8(0).u32(0);
      return;
    case 'dec_mpls_ttl':
      writeNicira(w, NXAST_DEC_MPLS_TTL);
      w.zeros(6);
      return;
    case 'set_field': {
      const legacy = legacyFromSetField(a.field);
      if (!legacy) bad('OFPBAC_BAD_TYPE', `OpenFlow 1.0 has no action setting ${a.field.field}`);
      encode10(w, legacy);
      return;
    }
    default:
      bad('OFPBAC_BAD_TYPE', `OpenFlow 1.0 has no ${a.type} action`);
  }
}

/** OF1.1+ wire types of the actions that have no argument. */
const BARE_ACTION_NUMBERS = {
  copy_ttl_out: OFPAT_COPY_TTL_OUT, copy_ttl_in: OFPAT_COPY_TTL_IN, dec_mpls_ttl: OFPAT_DEC_MPLS_TTL,
  pop_vlan: OFPAT_POP_VLAN, strip_vlan: OFPAT_POP_VLAN, dec_nw_ttl: OFPAT_DEC_NW_TTL, pop_pbb: OFPAT13_POP_PBB,
} as const;

/** Writes one OF1.1+ action for 'version'. */
function encode11(w: WireWriter, a: Action, version: number): void {
  const legacy = version === 2;
  switch (a.type) {
    case 'output':
      // 16-bit pairs written as one 32-bit word (type and length; max_len and padding): fewer calls to inline.
      w.u32((OFPAT11_OUTPUT << 16) | 16).u32(uintArg(a, a.port, 0xffffffff, 'port'))
        .u32(uintArg(a, a.maxLen, 0xffff, 'max_len') << 16).u32(0);
      return;
    case 'copy_ttl_out':
    case 'copy_ttl_in':
    case 'dec_mpls_ttl':
    case 'pop_vlan':
    case 'strip_vlan':
    case 'dec_nw_ttl':
    case 'pop_pbb': {
      const t = BARE_ACTION_NUMBERS[a.type];
      if (a.type === 'pop_pbb' && version < 4) bad('OFPBAC_BAD_TYPE', 'pop_pbb needs OpenFlow 1.3');
      w.u32((t << 16) | 8).u32(0); // type and length, padding
      return;
    }
    case 'set_mpls_ttl':
    case 'set_nw_ttl':
      w.u16(a.type === 'set_mpls_ttl' ? OFPAT_SET_MPLS_TTL : OFPAT_SET_NW_TTL).u16(8)
        .u8(uintArg(a, a.ttl, 0xff, 'TTL')).u8(0).u16(0);
      return;
    case 'push_vlan':
    case 'push_mpls':
    case 'push_pbb': {
      if (a.type === 'push_pbb' && version < 4) bad('OFPBAC_BAD_TYPE', 'push_pbb needs OpenFlow 1.3');
      checkPushEthertype(a.type, a.ethertype);
      const t = a.type === 'push_vlan' ? OFPAT_PUSH_VLAN : a.type === 'push_mpls' ? OFPAT_PUSH_MPLS : OFPAT13_PUSH_PBB;
      w.u16(t).u16(8).u16(a.ethertype).u16(0);
      return;
    }
    case 'pop_mpls':
      w.u16(OFPAT_POP_MPLS).u16(8).u16(uintArg(a, a.ethertype, 0xffff, 'Ethertype')).u16(0);
      return;
    case 'set_queue':
      w.u16(OFPAT_SET_QUEUE).u16(8).u32(uintArg(a, a.queueId, 0xffffffff, 'queue'));
      return;
    case 'group':
      w.u16(OFPAT_GROUP).u16(8).u32(uintArg(a, a.groupId, 0xffffffff, 'group'));
      return;
    case 'set_field':
      if (legacy) {
        const l = legacyFromSetField(a.field);
        if (!l) bad('OFPBAC_BAD_TYPE', `OpenFlow 1.1 has no action setting ${a.field.field}`);
        encode11(w, l, version);
        return;
      }
      writeSetField(w, a.field, version);
      return;
    case 'set_vlan_vid':
    case 'set_vlan_pcp':
    case 'set_dl_src':
    case 'set_dl_dst':
    case 'set_nw_src':
    case 'set_nw_dst':
    case 'set_nw_tos':
    case 'set_tp_src':
    case 'set_tp_dst': {
      if (!legacy) {
        const f = setFieldFromLegacy(a);
        if (!f) {
          bad('OFPBAC_BAD_TYPE', a.type === 'set_tp_src' || a.type === 'set_tp_dst'
            ? `${a.type} needs the transport protocol to become a set_field`
            : `${a.type} pushes a VLAN tag on untagged packets; its OF1.2+ form depends on the flow's match`);
        }
        writeSetField(w, f, version);
        return;
      }
      encodeLegacy11(w, a);
      return;
    }
    default:
      bad('OFPBAC_BAD_TYPE', `wire version ${version} has no ${a.type} action`);
  }
}

/** Writes one of OF1.1's own set actions. */
function encodeLegacy11(w: WireWriter, a: Action): void {
  switch (a.type) {
    case 'set_vlan_vid':
      w.u16(OFPAT11_SET_VLAN_VID).u16(8).u16(uintArg(a, a.vid, 0xfff, 'VLAN id')).u16(0);
      return;
    case 'set_vlan_pcp':
      w.u16(OFPAT11_SET_VLAN_PCP).u16(8).u8(uintArg(a, a.pcp, 7, 'priority')).u8(0).u16(0);
      return;
    case 'set_dl_src':
    case 'set_dl_dst': {
      macToBytes(a.mac, macScratch, 0, 'OFPBAC_BAD_ARGUMENT');
      w.u16(a.type === 'set_dl_src' ? OFPAT11_SET_DL_SRC : OFPAT11_SET_DL_DST).u16(16).bytes(macScratch).zeros(6);
      return;
    }
    case 'set_nw_src':
    case 'set_nw_dst':
      w.u16(a.type === 'set_nw_src' ? OFPAT11_SET_NW_SRC : OFPAT11_SET_NW_DST).u16(8).u32(ipArg(a, a.ip));
      return;
    case 'set_nw_tos':
      if (a.tos & 3) bad('OFPBAC_BAD_ARGUMENT', `set_nw_tos: ToS ${a.tos} has ECN bits`);
      w.u16(OFPAT11_SET_NW_TOS).u16(8).u8(uintArg(a, a.tos, 0xfc, 'ToS')).u8(0).u16(0);
      return;
    case 'set_tp_src':
    case 'set_tp_dst':
      w.u16(a.type === 'set_tp_src' ? OFPAT11_SET_TP_SRC : OFPAT11_SET_TP_DST).u16(8)
        .u16(uintArg(a, a.port, 0xffff, 'port')).u16(0);
      return;
    default:
      bad('OFPBAC_BAD_TYPE', `${a.type} is not an OpenFlow 1.1 set action`);
  }
}

/**
 * Writes 'actions' in wire version 'version' (1 = OF1.0 ... 6 = OF1.5).
 * Converts between the OF1.0/1.1 set actions and set_field where they are
 * equivalent (see the file comment).  Throws OfpCodecError OFPBAC_BAD_TYPE
 * for an action the version cannot express, OFPBAC_BAD_OUT_PORT for an
 * OF1.0 port out of its range, OFPBAC_BAD_ARGUMENT for a value out of
 * range, OFPBAC_BAD_SET_* for a set_field the version does not allow.
 */
export function encodeActions(w: WireWriter, actions: readonly Action[], version: number): void {
  for (const a of actions) {
    if (a.type === 'opaque') {
      const n = a.bytes.length;
      if (n < 8 || n % 8 !== 0) bad('OFPBAC_BAD_LEN', `opaque action of ${n} bytes`);
      if (a.version !== undefined && a.version !== version) {
        bad('OFPBAC_BAD_TYPE', `an undecoded action from version ${a.version} cannot be re-encoded in version ${version}`);
      }
      w.bytes(a.bytes);
    } else if (a.type === 'controller') {
      writeNicira(w, NXAST_CONTROLLER);
      w.u16(uintArg(a, a.maxLen, 0xffff, 'max_len')).u16(uintArg(a, a.controllerId, 0xffff, 'controller id'))
        .u8(uintArg(a, a.reason, 0xff, 'reason')).u8(0);
    } else if (version === 1) {
      encode10(w, a);
    } else {
      encode11(w, a, version);
    }
  }
}

/* ---------------------------------------------------------------------- */
/* Text.                                                                   */

const PIN_REASONS = ['no_match', 'action', 'invalid_ttl', 'action_set', 'group', 'packet_out'];

/** One action as ovs-ofctl writes it. */
function actionText(a: Action, version: number): string {
  switch (a.type) {
    case 'output':
      if (a.port === OFPP_CONTROLLER) return `CONTROLLER:${a.maxLen}`;
      return a.port < OFPP_MAX ? `output:${a.port}` : portName(a.port, version);
    case 'controller': {
      if (a.reason === 1 && a.controllerId === 0) return `CONTROLLER:${a.maxLen}`;
      const parts: string[] = [];
      if (a.reason !== 1) parts.push(`reason=${PIN_REASONS[a.reason] ?? a.reason}`);
      if (a.maxLen !== 0xffff) parts.push(`max_len=${a.maxLen}`);
      if (a.controllerId !== 0) parts.push(`id=${a.controllerId}`);
      return `controller(${parts.join(',')})`;
    }
    case 'enqueue': return `enqueue:${portName(a.port, version)}:${a.queueId}`;
    case 'set_queue': return `set_queue:${a.queueId}`;
    case 'group': return `group:${a.groupId}`;
    case 'push_vlan': return `push_vlan:0x${a.ethertype.toString(16)}`;
    case 'push_mpls': return `push_mpls:0x${a.ethertype.toString(16).padStart(4, '0')}`;
    case 'push_pbb': return `push_pbb:0x${a.ethertype.toString(16).padStart(4, '0')}`;
    case 'pop_vlan': return 'pop_vlan';
    case 'pop_mpls': return `pop_mpls:0x${a.ethertype.toString(16).padStart(4, '0')}`;
    case 'pop_pbb': return 'pop_pbb';
    case 'set_field': {
      const f = a.field;
      if (f.field === 'opaque') return `set_field:0x${Buffer.from(f.tlv).toString('hex')}`;
      const name = oxmFieldByName(f.field)?.ovsName ?? f.field;
      return `set_field:${fieldValueText(f.field, f.value, f.mask, version)}->${name}`;
    }
    case 'set_vlan_vid': return `${version === 1 ? 'mod_vlan_vid' : 'set_vlan_vid'}:${a.vid}`;
    case 'set_vlan_pcp': return `${version === 1 ? 'mod_vlan_pcp' : 'set_vlan_pcp'}:${a.pcp}`;
    case 'strip_vlan': return version === 1 ? 'strip_vlan' : 'pop_vlan';
    case 'set_dl_src': return `mod_dl_src:${a.mac}`;
    case 'set_dl_dst': return `mod_dl_dst:${a.mac}`;
    case 'set_nw_src': return `mod_nw_src:${a.ip}`;
    case 'set_nw_dst': return `mod_nw_dst:${a.ip}`;
    case 'set_nw_tos': return `mod_nw_tos:${a.tos}`;
    case 'set_tp_src': return `mod_tp_src:${a.port}`;
    case 'set_tp_dst': return `mod_tp_dst:${a.port}`;
    case 'dec_nw_ttl': return 'dec_ttl';
    case 'set_nw_ttl': return `mod_nw_ttl:${a.ttl}`;
    case 'copy_ttl_out': return 'copy_ttl_out';
    case 'copy_ttl_in': return 'copy_ttl_in';
    case 'set_mpls_ttl': return `set_mpls_ttl(${a.ttl})`;
    case 'dec_mpls_ttl': return 'dec_mpls_ttl';
    case 'opaque': return `opaque(0x${Buffer.from(a.bytes).toString('hex')})`;
  }
}

/**
 * 'a' as ovs-ofctl writes an action list ("output:1,set_field:...->eth_src"),
 * with port names and the OF1.0 spellings (mod_vlan_vid, strip_vlan) chosen
 * by 'version'; an empty list is "drop".
 */
export function actionsToString(a: readonly Action[], version: number): string {
  return a.length === 0 ? 'drop' : a.map((x) => actionText(x, version)).join(',');
}
