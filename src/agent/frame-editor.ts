/**
 * Header rewriting on a packet's frame: the byte-level half of the
 * set_field, OpenFlow 1.0 set_*, VLAN, MPLS and TTL actions.  action-
 * executor.ts decides what to do; this file does it to the bytes and
 * re-parses the packet.
 *
 * Checksums are kept as Open vSwitch's datapaths keep them: an IPv4 header
 * checksum follows any change to the header (addresses, DSCP/ECN, TTL);
 * TCP, UDP and ICMPv6 checksums follow changes to the pseudo-header
 * addresses and to their own header; ICMPv4 checksums follow type and
 * code.  Updates are incremental (RFC 1624), so a wrong checksum stays
 * wrong.  A UDP-over-IPv4 checksum of 0 ("none") stays 0.  SCTP's CRC32c
 * is recomputed over the packet.  A field the packet does not have (an IP
 * address on an ARP frame, a VID on an untagged frame) is left alone: the
 * write is a no-op, as in OVS, which sets a field only when the packet has
 * it.
 */

import type { OxmFieldName } from '../openflow/oxm.js';
import { type ChecksumField, refreshSctpChecksum, rewriteWithChecksums } from './checksum.js';
import { bitsToBytes, VLAN_CFI } from './field-bits.js';
import { isMetadataField, type Packet } from './packet.js';
import {
  ETH_TYPE_VLAN, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP,
} from './packet-parser.js';

/** Bytes of 'v' as a 'len'-byte big-endian string. */
function be(v: bigint, len: number): Uint8Array {
  const b = new Uint8Array(len);
  bitsToBytes(v, b, 0, len);
  return b;
}

/** The transport checksum field of the packet, if it has a transport header with one. */
function l4Checksum(p: Packet): ChecksumField | undefined {
  const { l4At, l4Proto, l3 } = p.parsed.layout;
  if (l4At < 0) return undefined;
  switch (l4Proto) {
    case IPPROTO_TCP: return { at: l4At + 16 };
    case IPPROTO_UDP: return { at: l4At + 6, zeroMeansNone: l3 === 'ipv4' };
    case IPPROTO_ICMPV6: return { at: l4At + 2 };
    default: return undefined;
  }
}

/** Writes 'bytes' at 'at' in the frame, keeping 'sums' valid, and re-parses. */
function rewrite(p: Packet, at: number, bytes: Uint8Array, sums: readonly (ChecksumField | undefined)[]): void {
  const base = p.parsed.layout.l3At >= 0 ? p.parsed.layout.l3At : 0;
  rewriteWithChecksums(p.frame, base, at, bytes, sums.filter((s): s is ChecksumField => s !== undefined));
  p.reparse();
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

/** Writes the IPv4 ToS byte (or the IPv6 traffic class) from new DSCP/ECN bits. */
function writeTrafficClass(p: Packet, dscp: number | undefined, ecn: number | undefined): void {
  const { l3, l3At } = p.parsed.layout;
  const b = p.frame;
  if (l3 === 'ipv4') {
    const tos = b[l3At + 1]!;
    const next = ((dscp ?? tos >> 2) << 2) | (ecn ?? tos & 3);
    rewrite(p, l3At + 1, Uint8Array.of(next), [{ at: l3At + 10 }]);
  } else if (l3 === 'ipv6') {
    const word = u16(b, l3At);
    const tc = (word >> 4) & 0xff;
    const nextTc = ((dscp ?? tc >> 2) << 2) | (ecn ?? tc & 3);
    const next = (word & 0xf00f) | (nextTc << 4);
    rewrite(p, l3At, Uint8Array.of(next >> 8, next & 0xff), []);
  }
}

/** Writes a transport-header field of 'len' bytes at offset 'off' when the packet's protocol is 'proto'. */
function writeL4(p: Packet, proto: number, off: number, bits: bigint, len: number): void {
  const { l4At, l4Proto } = p.parsed.layout;
  if (l4At < 0 || l4Proto !== proto) return;
  const sums: (ChecksumField | undefined)[] = proto === IPPROTO_ICMP ? [{ at: l4At + 2 }] : [l4Checksum(p)];
  rewrite(p, l4At + off, be(bits, len), sums);
  // SCTP's CRC32c covers only the SCTP packet and has no incremental form.
  if (proto === IPPROTO_SCTP) refreshSctpChecksum(p.frame, l4At, p.parsed.layout.l3End);
}

/**
 * Sets field 'field' of packet 'p' to 'bits' (already checked to fit the
 * field); a no-op when the packet lacks the field.  Fields a set_field
 * cannot write (action-check.ts refuses them) are ignored here too.
 */
export function writeField(p: Packet, field: OxmFieldName, bits: bigint): void {
  if (field === 'tun_id') field = 'tunnel_id';
  if (isMetadataField(field)) {
    p.setMeta(field, bits);
    return;
  }
  const { layout } = p.parsed;
  const b = p.frame;
  const l3 = layout.l3At;
  switch (field) {
    case 'eth_dst': rewrite(p, 0, be(bits, 6), []); return;
    case 'eth_src': rewrite(p, 6, be(bits, 6), []); return;
    case 'vlan_vid':
    case 'vlan_pcp':
    case 'vlan_tci': {
      if (layout.vlanAt < 0) return;
      const tci = u16(b, layout.vlanAt);
      const v = Number(bits);
      let next: number;
      if (field === 'vlan_vid') next = (tci & 0xf000) | (v & 0x0fff);
      else if (field === 'vlan_pcp') next = (tci & 0x1fff) | (v << 13);
      else if (v & VLAN_CFI) next = v & ~VLAN_CFI;
      else return;
      rewrite(p, layout.vlanAt, Uint8Array.of(next >> 8, next & 0xff), []);
      return;
    }
    case 'ip_dscp': writeTrafficClass(p, Number(bits), undefined); return;
    case 'ip_ecn': writeTrafficClass(p, undefined, Number(bits)); return;
    case 'nw_ttl':
      if (layout.l3 === 'ipv4') rewrite(p, l3 + 8, Uint8Array.of(Number(bits)), [{ at: l3 + 10 }]);
      else if (layout.l3 === 'ipv6') rewrite(p, l3 + 7, Uint8Array.of(Number(bits)), []);
      return;
    case 'ipv4_src':
    case 'ipv4_dst':
      if (layout.l3 !== 'ipv4') return;
      rewrite(p, l3 + (field === 'ipv4_src' ? 12 : 16), be(bits, 4), [{ at: l3 + 10 }, l4Checksum(p)]);
      return;
    case 'ipv6_src':
    case 'ipv6_dst':
      if (layout.l3 !== 'ipv6') return;
      rewrite(p, l3 + (field === 'ipv6_src' ? 8 : 24), be(bits, 16), [l4Checksum(p)]);
      return;
    case 'ipv6_flabel': {
      if (layout.l3 !== 'ipv6') return;
      const v = Number(bits);
      rewrite(p, l3 + 1, Uint8Array.of((b[l3 + 1]! & 0xf0) | (v >> 16), (v >> 8) & 0xff, v & 0xff), []);
      return;
    }
    case 'tcp_src': writeL4(p, IPPROTO_TCP, 0, bits, 2); return;
    case 'tcp_dst': writeL4(p, IPPROTO_TCP, 2, bits, 2); return;
    case 'udp_src': writeL4(p, IPPROTO_UDP, 0, bits, 2); return;
    case 'udp_dst': writeL4(p, IPPROTO_UDP, 2, bits, 2); return;
    case 'sctp_src': writeL4(p, IPPROTO_SCTP, 0, bits, 2); return;
    case 'sctp_dst': writeL4(p, IPPROTO_SCTP, 2, bits, 2); return;
    case 'icmpv4_type': writeL4(p, IPPROTO_ICMP, 0, bits, 1); return;
    case 'icmpv4_code': writeL4(p, IPPROTO_ICMP, 1, bits, 1); return;
    case 'icmpv6_type': writeL4(p, IPPROTO_ICMPV6, 0, bits, 1); return;
    case 'icmpv6_code': writeL4(p, IPPROTO_ICMPV6, 1, bits, 1); return;
    case 'ipv6_nd_target':
      if (p.parsed.key.has('ipv6_nd_target')) writeL4(p, IPPROTO_ICMPV6, 8, bits, 16);
      return;
    case 'ipv6_nd_sll':
    case 'ipv6_nd_tll': {
      const at = field === 'ipv6_nd_sll' ? layout.ndSllAt : layout.ndTllAt;
      if (at >= 0) rewrite(p, at, be(bits, 6), [l4Checksum(p)]);
      return;
    }
    case 'arp_op':
    case 'arp_sha':
    case 'arp_spa':
    case 'arp_tha':
    case 'arp_tpa': {
      if (layout.l3 !== 'arp') return;
      const [off, len] = ({ arp_op: [6, 2], arp_sha: [8, 6], arp_spa: [14, 4], arp_tha: [18, 6], arp_tpa: [24, 4] } as const)[field];
      rewrite(p, l3 + off, be(bits, len), []);
      return;
    }
    case 'mpls_label':
    case 'mpls_tc': {
      if (layout.l3 !== 'mpls') return;
      const lse = ((b[l3]! << 24) | (b[l3 + 1]! << 16) | (b[l3 + 2]! << 8) | b[l3 + 3]!) >>> 0;
      const v = Number(bits);
      const next = field === 'mpls_label' ? ((v << 12) | (lse & 0xfff)) >>> 0 : ((lse & ~(7 << 9)) | (v << 9)) >>> 0;
      rewrite(p, l3, be(BigInt(next), 4), []);
      return;
    }
    default:
      return;
  }
}

/**
 * Pushes an 802.1Q/802.1ad header with Ethertype 'tpid' and, as Open
 * vSwitch does, VID 0 and priority 0 (any existing tag becomes the inner
 * one).  A frame shorter than an Ethernet header is left alone.
 */
export function pushVlan(p: Packet, tpid: number, tci = 0): void {
  const b = p.frame;
  if (b.length < 14) return;
  const out = new Uint8Array(b.length + 4);
  out.set(b.subarray(0, 12), 0);
  out[12] = tpid >> 8;
  out[13] = tpid & 0xff;
  out[14] = tci >> 8;
  out[15] = tci & 0xff;
  out.set(b.subarray(12), 16);
  p.setFrame(out);
}

/** Removes the outer VLAN header; a no-op on an untagged frame. */
export function popVlan(p: Packet): void {
  if (p.parsed.layout.vlanAt < 0) return;
  const b = p.frame;
  const out = new Uint8Array(b.length - 4);
  out.set(b.subarray(0, 12), 0);
  out.set(b.subarray(16), 12);
  p.setFrame(out);
}

/**
 * OpenFlow 1.0's set_vlan_vid / set_vlan_pcp: on a tagged frame, change the
 * tag; on an untagged one, push an 802.1Q tag carrying the value (the
 * other half 0).
 */
export function setOrPushVlan(p: Packet, field: 'vlan_vid' | 'vlan_pcp', value: number): void {
  if (p.parsed.layout.vlanAt >= 0) {
    writeField(p, field, BigInt(value));
    return;
  }
  pushVlan(p, ETH_TYPE_VLAN, field === 'vlan_vid' ? value & 0xfff : (value & 7) << 13);
}

/**
 * dec_nw_ttl: decrements the IPv4 TTL / IPv6 hop limit.  Returns 'expired'
 * (and changes nothing) when it is 0 or 1, the case in which the switch
 * sends an invalid-TTL packet-in instead; 'not_ip' for other packets,
 * which the action leaves alone.
 */
export function decNwTtl(p: Packet): 'done' | 'expired' | 'not_ip' {
  const { l3, l3At } = p.parsed.layout;
  if (l3 !== 'ipv4' && l3 !== 'ipv6') return 'not_ip';
  const ttl = p.frame[l3At + (l3 === 'ipv4' ? 8 : 7)]!;
  if (ttl <= 1) return 'expired';
  writeField(p, 'nw_ttl', BigInt(ttl - 1));
  return 'done';
}

/** The top MPLS label stack entry, or undefined for a non-MPLS packet. */
function topLse(p: Packet): number | undefined {
  const { l3, l3At } = p.parsed.layout;
  if (l3 !== 'mpls') return undefined;
  const b = p.frame;
  return ((b[l3At]! << 24) | (b[l3At + 1]! << 16) | (b[l3At + 2]! << 8) | b[l3At + 3]!) >>> 0;
}

/**
 * push_mpls: inserts a label stack entry after the Ethernet/VLAN headers
 * and sets the Ethertype to 'ethertype'.  As in Open vSwitch: on an MPLS
 * packet the new entry copies the old top one (bottom-of-stack cleared);
 * otherwise label 0, TC 0, bottom of stack, TTL from the IP header (64 if
 * there is none).
 */
export function pushMpls(p: Packet, ethertype: number): void {
  const { ethTypeAt, l3, l3At } = p.parsed.layout;
  if (ethTypeAt < 0) return;
  const b = p.frame;
  const old = topLse(p);
  let lse: number;
  if (old !== undefined) lse = (old & ~0x100) >>> 0;
  else lse = 0x100 | (l3 === 'ipv4' ? b[l3At + 8]! : l3 === 'ipv6' ? b[l3At + 7]! : 64);
  const at = ethTypeAt + 2;
  const out = new Uint8Array(b.length + 4);
  out.set(b.subarray(0, at), 0);
  out[ethTypeAt] = ethertype >> 8;
  out[ethTypeAt + 1] = ethertype & 0xff;
  out.set(be(BigInt(lse), 4), at);
  out.set(b.subarray(at), at + 4);
  p.setFrame(out);
}

/** pop_mpls: removes the top label stack entry and sets the Ethertype to 'ethertype'; a no-op on non-MPLS packets. */
export function popMpls(p: Packet, ethertype: number): void {
  const { ethTypeAt, l3At } = p.parsed.layout;
  if (topLse(p) === undefined) return;
  const b = p.frame;
  const out = new Uint8Array(b.length - 4);
  out.set(b.subarray(0, l3At), 0);
  out[ethTypeAt] = ethertype >> 8;
  out[ethTypeAt + 1] = ethertype & 0xff;
  out.set(b.subarray(l3At + 4), l3At);
  p.setFrame(out);
}

/** set_mpls_ttl: sets the top entry's TTL; a no-op on non-MPLS packets. */
export function setMplsTtl(p: Packet, ttl: number): void {
  const lse = topLse(p);
  if (lse === undefined) return;
  rewrite(p, p.parsed.layout.l3At + 3, Uint8Array.of(ttl & 0xff), []);
}

/** dec_mpls_ttl: like decNwTtl for the top MPLS entry. */
export function decMplsTtl(p: Packet): 'done' | 'expired' | 'not_mpls' {
  const lse = topLse(p);
  if (lse === undefined) return 'not_mpls';
  const ttl = lse & 0xff;
  if (ttl <= 1) return 'expired';
  setMplsTtl(p, ttl - 1);
  return 'done';
}
