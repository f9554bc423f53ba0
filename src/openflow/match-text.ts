/**
 * Matches as text, in the words ovs-ofctl prints them
 * ("in_port=1,dl_type=0x0800,nw_src=10.0.0.0/8"): for the printer and for
 * the actions' set_field text.  The neutral Match and its wire forms are in
 * match.ts.
 */

import { ipv4PrefixLen, ipv6PrefixLen, parseIpv4, parseIpv6 } from './ip-address.js';
import type { FieldValue, Match, MatchField } from './match.js';
import { oxmFieldByName, type OxmFieldName } from './oxm.js';
import { portName } from './port-number.js';

/** Room for one parsed IPv6 mask. */
const scratch = new Uint8Array(16);

/** The names ovs-ofctl prints in a match where they differ from the neutral ones. */
const PRINT_NAMES: Partial<Record<OxmFieldName, string>> = {
  eth_src: 'dl_src',
  eth_dst: 'dl_dst',
  eth_type: 'dl_type',
  vlan_pcp: 'dl_vlan_pcp',
  ip_proto: 'nw_proto',
  ip_ecn: 'nw_ecn',
  ipv4_src: 'nw_src',
  ipv4_dst: 'nw_dst',
  tcp_src: 'tp_src',
  tcp_dst: 'tp_dst',
  udp_src: 'tp_src',
  udp_dst: 'tp_dst',
  sctp_src: 'tp_src',
  sctp_dst: 'tp_dst',
  icmpv4_type: 'icmp_type',
  icmpv4_code: 'icmp_code',
  ipv6_flabel: 'ipv6_label',
  ipv6_nd_target: 'nd_target',
  ipv6_nd_sll: 'nd_sll',
  ipv6_nd_tll: 'nd_tll',
  tunnel_id: 'tun_id',
};

/** Fields ovs-ofctl prints in decimal; the other integers are printed in hex. */
const DECIMAL = new Set<OxmFieldName>([
  'in_port', 'in_phy_port', 'vlan_pcp', 'ip_ecn', 'ip_proto', 'tcp_src', 'tcp_dst', 'udp_src', 'udp_dst',
  'sctp_src', 'sctp_dst', 'icmpv4_type', 'icmpv4_code', 'arp_op', 'icmpv6_type', 'icmpv6_code', 'mpls_label',
  'mpls_tc', 'mpls_bos', 'nw_ttl', 'actset_output', 'pbb_uca', 'vlan_vid', 'ip_dscp', 'ct_zone',
]);

function hexText(v: FieldValue): string {
  return typeof v === 'string' ? v : `0x${v.toString(16)}`;
}

/**
 * The value (and "/mask") of field 'f' as ovs-ofctl writes it: ports by
 * name for 'version', addresses as text with a prefix length where the mask
 * is one, integers in decimal or hexadecimal as Open vSwitch formats the
 * field.
 */
export function fieldValueText(f: OxmFieldName, value: FieldValue, mask: FieldValue | undefined, version: number): string {
  const field = oxmFieldByName(f);
  if ((f === 'in_port' || f === 'in_phy_port' || f === 'actset_output') && typeof value === 'number') {
    return portName(value, version);
  }
  if (f === 'eth_type' && typeof value === 'number') return `0x${value.toString(16).padStart(4, '0')}`;
  if (mask !== undefined && typeof mask === 'string') {
    if (field?.format === 'ipv4') {
      const len = ipv4PrefixLen(parseIpv4(mask));
      return len >= 0 ? `${value}/${len}` : `${value}/${mask}`;
    }
    if (field?.format === 'ipv6' && parseIpv6(mask, scratch, 0)) {
      const len = ipv6PrefixLen(scratch, 0);
      return len >= 0 ? `${value}/${len}` : `${value}/${mask}`;
    }
  }
  const text = DECIMAL.has(f) && mask === undefined ? String(value) : hexText(value);
  return mask === undefined ? text : `${text}/${hexText(mask)}`;
}

/** Flag names of ct_state and tcp_flags, bit 0 first. */
const CT_STATE_FLAGS = ['new', 'est', 'rel', 'rpl', 'inv', 'trk', 'snat', 'dnat'];
const TCP_FLAGS = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr', 'ns'];

/**
 * A flags field as ovs-ofctl writes it: "syn|ack" when every named flag is
 * matched, "+syn-ack" when only some are; unnamed bits make it hex.
 */
function flagsText(value: number, mask: number | undefined, names: readonly string[]): string {
  const named = (1 << names.length) - 1;
  const hexForm = mask === undefined ? hexText(value) : `${hexText(value)}/${hexText(mask)}`;
  if (value & ~named) return hexForm;
  if (mask === undefined || (mask & named) === named) {
    const on = names.filter((_, i) => value & (1 << i));
    return on.length ? on.join('|') : '0';
  }
  if (mask & ~named) return hexForm;
  return names.map((n, i) => (mask & (1 << i) ? `${value & (1 << i) ? '+' : '-'}${n}` : '')).join('');
}

/** ip_frag value/mask pairs and the names ovs-ofctl gives them. */
const FRAG_NAMES: Record<string, string> = { '0/3': 'no', '1/1': 'yes', '1/3': 'first', '3/3': 'later', '0/2': 'not_later' };

/** One field of a match as ovs-ofctl writes it. */
function fieldText(mf: MatchField, version: number): string {
  if (mf.field === 'opaque') return `opaque=0x${Buffer.from(mf.tlv).toString('hex')}`;
  if (typeof mf.value === 'number' && (mf.mask === undefined || typeof mf.mask === 'number')) {
    if (mf.field === 'ct_state') return `ct_state=${flagsText(mf.value, mf.mask, CT_STATE_FLAGS)}`;
    if (mf.field === 'tcp_flags') return `tcp_flags=${flagsText(mf.value, mf.mask, TCP_FLAGS)}`;
    if (mf.field === 'ip_frag') {
      const name = FRAG_NAMES[`${mf.value}/${mf.mask ?? 3}`];
      if (name) return `nw_frag=${name}`;
    }
  }
  if (mf.field === 'vlan_vid' && typeof mf.value === 'number') {
    if (mf.mask === undefined && mf.value & 0x1000) return `dl_vlan=${mf.value & 0xfff}`;
    if (mf.mask === undefined && mf.value === 0) return 'vlan_tci=0x0000';
    return `vlan_vid=${hexText(mf.value)}${mf.mask === undefined ? '' : '/' + hexText(mf.mask)}`;
  }
  if (mf.field === 'ip_dscp' && typeof mf.value === 'number') return `nw_tos=${mf.value << 2}`;
  const name = PRINT_NAMES[mf.field] ?? mf.field;
  return `${name}=${fieldValueText(mf.field, mf.value, mf.mask, version)}`;
}

/**
 * 'm' as ovs-ofctl writes a match, fields in the order of 'm', comma
 * separated ("in_port=1,dl_type=0x0800,nw_src=10.0.0.0/8"); ports are
 * named as in 'version'.  The empty match is the empty string.
 */
export function matchToString(m: Match, version: number): string {
  return m.map((mf) => fieldText(mf, version)).join(',');
}
