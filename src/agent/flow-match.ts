/**
 * Flow matches as the switch uses them: a neutral Match (match.ts) is
 * checked once and compiled into a canonical list of (key field, value,
 * mask) bit strings (field-bits.ts), which then answers the four questions
 * of OpenFlow's flow table semantics:
 *
 *  - does a packet's key match it (lookup);
 *  - is a flow's match at least as specific as a request's (the "loose"
 *    selection of MODIFY, DELETE and flow statistics);
 *  - are two matches the same (the "strict" selection of MODIFY_STRICT,
 *    DELETE_STRICT, and ADD's replacement of an identical flow);
 *  - can one packet match both (ADD with CHECK_OVERLAP).
 *
 * Checking follows Open vSwitch: a field the switch does not match on, a
 * value outside the field, a mask on a field without masks, value bits
 * outside the mask, a field given twice are refused with the OFPBMC_*
 * error OVS sends.  Prerequisites (tcp_src needs ip_proto 6 and an IP
 * eth_type, ...) are refused with OFPBMC_BAD_PREREQ for OXM and NXM
 * matches; for OpenFlow 1.0's fixed match, OVS instead silently drops a
 * field whose prerequisites are missing (ofputil_normalize_match), and so
 * does 'of10' mode here.
 */

import type { Match, MatchField } from '../openflow/match.js';
import type { OxmFieldName } from '../openflow/oxm.js';
import { refuse } from './datapath-error.js';
import { fieldOf, fullMask, type KeyField, type PacketKey, toBits, VLAN_CFI } from './field-bits.js';
import {
  ETH_TYPE_ARP, ETH_TYPE_IPV4, ETH_TYPE_IPV6, ETH_TYPE_MPLS, ETH_TYPE_MPLS_MCAST, ETH_TYPE_RARP, IPPROTO_ICMP,
  IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, ND_NEIGHBOR_ADVERT, ND_NEIGHBOR_SOLICIT,
} from './packet-parser.js';

/** One field of a compiled match; 'mask' is never 0 and 'value' has no bits outside it. */
export interface MatchEntry {
  readonly field: KeyField;
  readonly value: bigint;
  readonly mask: bigint;
}

/** A checked, canonical match: entries sorted by field, and a text that is equal iff two matches are. */
export interface CompiledMatch {
  readonly entries: readonly MatchEntry[];
  readonly signature: string;
}

/**
 * How prerequisites are treated: 'strict' refuses a field whose
 * prerequisites the match lacks (OXM, NXM); 'of10' drops it (OpenFlow
 * 1.0's fixed match); 'lenient' keeps it unchecked (the match of a
 * statistics request, which only selects flows).
 */
export type PrereqMode = 'strict' | 'of10' | 'lenient';

/** Fields the codec models but this switch cannot match on (table-features.ts says so to controllers). */
export const UNMATCHABLE_FIELDS: ReadonlySet<OxmFieldName> = new Set<OxmFieldName>([
  'in_phy_port', 'pbb_isid', 'pbb_uca', 'ipv6_exthdr', 'actset_output', 'packet_type',
]);

/** A field's value and mask as bits, before normalisation. */
interface RawEntry {
  readonly value: bigint;
  readonly mask: bigint;
  readonly full: bigint;
}

type RawMap = Map<OxmFieldName, RawEntry>;

/**
 * What prerequisites are judged on: the exact value a match (or a packet
 * after some actions) gives to the protocol fields, and whether it says
 * the packet has a VLAN header.
 */
export interface PrereqView {
  /** The exact value of 'name', or undefined if it is not matched exactly. */
  exact(name: 'eth_type' | 'ip_proto' | 'icmpv6_type'): number | undefined;
  /** True if the packet certainly has a VLAN header. */
  tagged(): boolean;
}

const IP = [ETH_TYPE_IPV4, ETH_TYPE_IPV6];

/**
 * True if the prerequisites of field 'name' hold in 'view' (OpenFlow 1.3
 * section 7.2.3.8, Open vSwitch's meta-flow): IP fields need an IP
 * eth_type, transport fields their ip_proto, ND fields their ICMPv6 type,
 * vlan_vid/vlan_pcp writes and vlan_pcp matches a VLAN header.
 */
export function prerequisitesHold(name: OxmFieldName, view: PrereqView): boolean {
  const ethType = view.exact('eth_type');
  const isEth = (...types: number[]): boolean => ethType !== undefined && types.includes(ethType);
  const isProto = (proto: number, ...types: number[]): boolean => isEth(...types) && view.exact('ip_proto') === proto;
  const isNd = (...types: number[]): boolean => {
    const t = view.exact('icmpv6_type');
    return isProto(IPPROTO_ICMPV6, ETH_TYPE_IPV6) && t !== undefined && types.includes(t);
  };
  switch (name) {
    case 'vlan_pcp':
      return view.tagged();
    case 'ip_dscp': case 'ip_ecn': case 'ip_proto': case 'nw_ttl': case 'ip_frag':
      return isEth(...IP);
    case 'ipv4_src': case 'ipv4_dst':
      return isEth(ETH_TYPE_IPV4);
    case 'ipv6_src': case 'ipv6_dst': case 'ipv6_flabel':
      return isEth(ETH_TYPE_IPV6);
    case 'tcp_src': case 'tcp_dst': case 'tcp_flags':
      return isProto(IPPROTO_TCP, ...IP);
    case 'udp_src': case 'udp_dst':
      return isProto(IPPROTO_UDP, ...IP);
    case 'sctp_src': case 'sctp_dst':
      return isProto(IPPROTO_SCTP, ...IP);
    case 'icmpv4_type': case 'icmpv4_code':
      return isProto(IPPROTO_ICMP, ETH_TYPE_IPV4);
    case 'icmpv6_type': case 'icmpv6_code':
      return isProto(IPPROTO_ICMPV6, ETH_TYPE_IPV6);
    case 'ipv6_nd_target':
      return isNd(ND_NEIGHBOR_SOLICIT, ND_NEIGHBOR_ADVERT);
    case 'ipv6_nd_sll':
      return isNd(ND_NEIGHBOR_SOLICIT);
    case 'ipv6_nd_tll':
      return isNd(ND_NEIGHBOR_ADVERT);
    case 'arp_op': case 'arp_spa': case 'arp_tpa': case 'arp_sha': case 'arp_tha':
      return isEth(ETH_TYPE_ARP, ETH_TYPE_RARP);
    case 'mpls_label': case 'mpls_tc': case 'mpls_bos':
      return isEth(ETH_TYPE_MPLS, ETH_TYPE_MPLS_MCAST);
    default:
      return true;
  }
}

/** A PrereqView of a match still in its neutral fields. */
function rawView(raw: RawMap): PrereqView {
  return {
    exact(name) {
      const e = raw.get(name);
      return e && e.mask === e.full ? Number(e.value) : undefined;
    },
    tagged() {
      const vid = raw.get('vlan_vid');
      const cfi = BigInt(VLAN_CFI);
      return vid !== undefined && (vid.mask & cfi) !== 0n && (vid.value & cfi) !== 0n;
    },
  };
}

/** A PrereqView of compiled match 'm'. */
export function compiledView(m: CompiledMatch): PrereqView {
  return {
    exact(name) {
      const e = m.entries.find((x) => x.field === name);
      return e && e.mask === fullMask(fieldOf(name)) ? Number(e.value) : undefined;
    },
    tagged() {
      const e = m.entries.find((x) => x.field === 'vlan_tci');
      const cfi = BigInt(VLAN_CFI);
      return e !== undefined && (e.mask & cfi) !== 0n && (e.value & cfi) !== 0n;
    },
  };
}

/** Reads one neutral field into bits; refuses what OVS refuses. */
function rawEntry(mf: MatchField & { field: OxmFieldName }): RawEntry {
  if (UNMATCHABLE_FIELDS.has(mf.field)) refuse('OFPBMC_BAD_FIELD', `this switch does not match on ${mf.field}`);
  const f = fieldOf(mf.field);
  const full = fullMask(f);
  const value = toBits(f, mf.value);
  if (value === undefined) refuse('OFPBMC_BAD_VALUE', `${mf.field} ${String(mf.value)}`);
  let mask = full;
  if (mf.mask !== undefined) {
    const m = toBits(f, mf.mask);
    if (m === undefined) refuse('OFPBMC_BAD_VALUE', `${mf.field} mask ${String(mf.mask)}`);
    if (!f.maskable && m !== full) refuse('OFPBMC_BAD_MASK', `${mf.field} cannot be masked`);
    mask = m;
  }
  if (value & ~mask) refuse('OFPBMC_BAD_WILDCARDS', `${mf.field}: value bits outside the mask`);
  return { value, mask, full };
}

/** Field order of the canonical form: the oxm.ts table order. */
function fieldIndex(name: KeyField): number {
  return fieldOf(name).index;
}

/**
 * Checks 'match' and compiles it (see the file comment).  Throws
 * DatapathError OFPBMC_BAD_FIELD (an unmodelled TLV or a field this switch
 * does not match on), OFPBMC_BAD_VALUE, OFPBMC_BAD_MASK,
 * OFPBMC_BAD_WILDCARDS, OFPBMC_DUP_FIELD (a field twice, or vlan_tci with
 * vlan_vid/vlan_pcp, or tun_id with tunnel_id) and, in 'strict' mode,
 * OFPBMC_BAD_PREREQ.
 */
export function compileMatch(match: Match, mode: PrereqMode): CompiledMatch {
  const raw: RawMap = new Map();
  for (const mf of match) {
    if (mf.field === 'opaque') refuse('OFPBMC_BAD_FIELD', 'this switch does not match on unmodelled fields');
    if (raw.has(mf.field)) refuse('OFPBMC_DUP_FIELD', `${mf.field} appears twice`);
    raw.set(mf.field, rawEntry(mf));
  }
  if (raw.has('vlan_tci') && (raw.has('vlan_vid') || raw.has('vlan_pcp'))) {
    refuse('OFPBMC_DUP_FIELD', 'vlan_tci together with vlan_vid or vlan_pcp');
  }
  if (raw.has('tun_id') && raw.has('tunnel_id')) refuse('OFPBMC_DUP_FIELD', 'tun_id together with tunnel_id');
  if (mode !== 'lenient') {
    // Dropping a field can orphan another (ip_proto, then tcp_src): repeat until
    // nothing changes.  Bounded: each pass that goes on has dropped a field.
    const view = rawView(raw);
    for (let changed = true; changed;) {
      changed = false;
      for (const name of [...raw.keys()]) {
        // OpenFlow 1.0's dl_vlan_pcp alone means "tagged, with this priority"; it is
        // dropped only beside dl_vlan=NONE.
        const of10Pcp = mode === 'of10' && name === 'vlan_pcp' && !raw.has('vlan_vid');
        if (of10Pcp || prerequisitesHold(name, view)) continue;
        if (mode === 'strict') refuse('OFPBMC_BAD_PREREQ', `${name} lacks its prerequisites`);
        raw.delete(name);
        changed = true;
      }
    }
  }
  const out = new Map<KeyField, { value: bigint; mask: bigint }>();
  const put = (field: KeyField, value: bigint, mask: bigint): void => {
    const had = out.get(field);
    out.set(field, had ? { value: had.value | value, mask: had.mask | mask } : { value, mask });
  };
  for (const [name, e] of raw) {
    if (name === 'vlan_vid') put('vlan_tci', e.value, e.mask);
    else if (name === 'vlan_pcp') put('vlan_tci', (e.value << 13n) | BigInt(VLAN_CFI), 0xe000n | BigInt(VLAN_CFI));
    else if (name === 'tun_id') put('tunnel_id', e.value, e.mask);
    else put(name, e.value, e.mask);
  }
  const entries = [...out].filter(([, e]) => e.mask !== 0n).map(([field, e]) => ({ field, value: e.value, mask: e.mask }));
  entries.sort((a, b) => fieldIndex(a.field) - fieldIndex(b.field));
  const signature = entries.map((e) => `${e.field}=${e.value.toString(16)}/${e.mask.toString(16)}`).join(',');
  return { entries, signature };
}

/** The match that matches everything. */
export const CATCH_ALL: CompiledMatch = { entries: [], signature: '' };

/** True if a packet with key 'key' matches 'm'; a field the packet lacks never matches. */
export function matchesKey(m: CompiledMatch, key: PacketKey): boolean {
  for (const e of m.entries) {
    const v = key.get(e.field);
    if (v === undefined || ((v ^ e.value) & e.mask) !== 0n) return false;
  }
  return true;
}

/**
 * True if 'flow' is at least as specific as 'criteria': every packet
 * 'flow' matches, 'criteria' matches too (OVS's cls_rule_is_loose_match).
 */
export function isLooseMatch(flow: CompiledMatch, criteria: CompiledMatch): boolean {
  for (const c of criteria.entries) {
    const f = flow.entries.find((e) => e.field === c.field);
    if (!f || (f.mask & c.mask) !== c.mask || (f.value & c.mask) !== c.value) return false;
  }
  return true;
}

/** True if 'a' and 'b' are the same match. */
export function sameMatch(a: CompiledMatch, b: CompiledMatch): boolean {
  return a.signature === b.signature;
}

/** True if some packet could match both 'a' and 'b'. */
export function matchesOverlap(a: CompiledMatch, b: CompiledMatch): boolean {
  for (const x of a.entries) {
    const y = b.entries.find((e) => e.field === x.field);
    if (y && ((x.value ^ y.value) & x.mask & y.mask) !== 0n) return false;
  }
  return true;
}
