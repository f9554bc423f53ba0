/**
 * Frame parsing: an Ethernet frame in, the header fields a flow can match
 * on out (as key fields, field-bits.ts), plus where each header sits so
 * that frame-editor.ts can rewrite it.  Like Open vSwitch's flow_extract(),
 * with its default of one parsed VLAN header: Ethernet II (an 802.3 length
 * gives eth_type 0x05ff, OVS's "no Ethertype"), one 802.1Q/802.1ad tag,
 * the top MPLS label, ARP/RARP for Ethernet and IPv4, IPv4 (fragments
 * included: later fragments have no transport fields), IPv6 with its
 * extension headers, TCP, UDP, SCTP, ICMP, ICMPv6 and neighbour discovery.
 * A header cut short ends parsing there: the packet then has only the
 * fields before it, as in OVS.  The pipeline's own metadata (in_port,
 * registers, ...) is not in the frame; packet.ts adds it.
 */

import { bitsFromBytes, type KeyField, type PacketKey, VLAN_CFI } from './field-bits.js';

export const ETH_TYPE_IPV4 = 0x0800;
export const ETH_TYPE_ARP = 0x0806;
export const ETH_TYPE_RARP = 0x8035;
export const ETH_TYPE_VLAN = 0x8100;
export const ETH_TYPE_VLAN_8021AD = 0x88a8;
export const ETH_TYPE_IPV6 = 0x86dd;
export const ETH_TYPE_MPLS = 0x8847;
export const ETH_TYPE_MPLS_MCAST = 0x8848;
/** OVS's eth_type for an 802.3 frame, whose type field is a length. */
export const ETH_TYPE_NONE = 0x05ff;

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_SCTP = 132;

/** ICMPv6 neighbour solicitation and advertisement. */
export const ND_NEIGHBOR_SOLICIT = 135;
export const ND_NEIGHBOR_ADVERT = 136;

/** Where the parsed headers sit in the frame (-1: not present). */
export interface FrameLayout {
  /** Offset of the outer VLAN tag's TCI. */
  readonly vlanAt: number;
  /** Offset of the Ethertype naming the network header (12, or 16 behind a tag). */
  readonly ethTypeAt: number;
  /** Start of the network header (IPv4, IPv6, ARP, top MPLS label). */
  readonly l3At: number;
  readonly l3: 'ipv4' | 'ipv6' | 'arp' | 'mpls' | undefined;
  /** Start of the transport header, when the packet has one that was parsed. */
  readonly l4At: number;
  /** IP protocol of the transport header at l4At. */
  readonly l4Proto: number;
  /** End of the IP packet (its total length, bounded by the frame). */
  readonly l3End: number;
  /** Offsets of the 6-byte address of an ND source / target link-layer option. */
  readonly ndSllAt: number;
  readonly ndTllAt: number;
}

/** A parsed frame: its key fields and header offsets. */
export interface ParsedFrame {
  readonly key: PacketKey;
  readonly layout: FrameLayout;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

class Layout implements FrameLayout {
  vlanAt = -1;
  ethTypeAt = -1;
  l3At = -1;
  l3: FrameLayout['l3'] = undefined;
  l4At = -1;
  l4Proto = -1;
  l3End = -1;
  ndSllAt = -1;
  ndTllAt = -1;
}

/**
 * Parses 'frame' (an Ethernet frame without FCS).  Never throws: a frame
 * too short for a header simply lacks that header's fields (a frame under
 * 14 bytes has none at all).
 */
export function parseFrame(frame: Uint8Array): ParsedFrame {
  const key: PacketKey = new Map();
  const layout = new Layout();
  const b = frame;
  const len = b.length;
  const set = (f: KeyField, v: bigint | number): void => void key.set(f, typeof v === 'bigint' ? v : BigInt(v));
  if (len < 14) return { key, layout };
  set('eth_dst', bitsFromBytes(b, 0, 6));
  set('eth_src', bitsFromBytes(b, 6, 6));
  let typeAt = 12;
  let type = u16(b, 12);
  let tci = 0;
  if ((type === ETH_TYPE_VLAN || type === ETH_TYPE_VLAN_8021AD) && len >= 18) {
    layout.vlanAt = 14;
    // The DEI bit on the wire is not kept: bit 12 means "tagged" (OVS's VLAN_CFI).
    tci = (u16(b, 14) & ~VLAN_CFI) | VLAN_CFI;
    typeAt = 16;
    type = u16(b, 16);
  }
  set('vlan_tci', tci);
  if (type < 0x600) type = ETH_TYPE_NONE;
  set('eth_type', type);
  layout.ethTypeAt = typeAt;
  const l3 = typeAt + 2;
  switch (type) {
    case ETH_TYPE_IPV4:
      parseIpv4(b, l3, key, layout);
      break;
    case ETH_TYPE_IPV6:
      parseIpv6(b, l3, key, layout);
      break;
    case ETH_TYPE_ARP:
    case ETH_TYPE_RARP:
      if (len >= l3 + 28 && u16(b, l3) === 1 && u16(b, l3 + 2) === ETH_TYPE_IPV4 && b[l3 + 4] === 6 && b[l3 + 5] === 4) {
        layout.l3At = l3;
        layout.l3 = 'arp';
        set('arp_op', u16(b, l3 + 6));
        set('arp_sha', bitsFromBytes(b, l3 + 8, 6));
        set('arp_spa', bitsFromBytes(b, l3 + 14, 4));
        set('arp_tha', bitsFromBytes(b, l3 + 18, 6));
        set('arp_tpa', bitsFromBytes(b, l3 + 24, 4));
      }
      break;
    case ETH_TYPE_MPLS:
    case ETH_TYPE_MPLS_MCAST:
      if (len >= l3 + 4) {
        layout.l3At = l3;
        layout.l3 = 'mpls';
        const lse = ((b[l3]! << 24) | (b[l3 + 1]! << 16) | (b[l3 + 2]! << 8) | b[l3 + 3]!) >>> 0;
        set('mpls_label', lse >>> 12);
        set('mpls_tc', (lse >>> 9) & 7);
        set('mpls_bos', (lse >>> 8) & 1);
      }
      break;
    default:
      break;
  }
  return { key, layout };
}

function parseIpv4(b: Uint8Array, l3: number, key: PacketKey, layout: Layout): void {
  if (b.length < l3 + 20 || b[l3]! >> 4 !== 4) return;
  const ihl = (b[l3]! & 0x0f) * 4;
  const total = u16(b, l3 + 2);
  if (ihl < 20 || b.length < l3 + ihl || total < ihl) return;
  const end = Math.min(b.length, l3 + total);
  layout.l3At = l3;
  layout.l3 = 'ipv4';
  layout.l3End = end;
  const tos = b[l3 + 1]!;
  const frag = u16(b, l3 + 6);
  const offset = frag & 0x1fff;
  const more = (frag & 0x2000) !== 0;
  const proto = b[l3 + 9]!;
  key.set('ip_dscp', BigInt(tos >> 2));
  key.set('ip_ecn', BigInt(tos & 3));
  key.set('nw_ttl', BigInt(b[l3 + 8]!));
  key.set('ip_proto', BigInt(proto));
  key.set('ip_frag', BigInt(more || offset ? 1 | (offset ? 2 : 0) : 0));
  key.set('ipv4_src', bitsFromBytes(b, l3 + 12, 4));
  key.set('ipv4_dst', bitsFromBytes(b, l3 + 16, 4));
  if (offset === 0) parseTransport(b, l3 + ihl, end, proto, false, key, layout);
}

/** IPv6 extension headers walked to reach the transport header. */
const IPV6_HOPOPTS = 0;
const IPV6_ROUTING = 43;
const IPV6_FRAGMENT = 44;
const IPV6_AH = 51;
const IPV6_DSTOPTS = 60;

function parseIpv6(b: Uint8Array, l3: number, key: PacketKey, layout: Layout): void {
  if (b.length < l3 + 40 || b[l3]! >> 4 !== 6) return;
  const end = Math.min(b.length, l3 + 40 + u16(b, l3 + 4));
  layout.l3At = l3;
  layout.l3 = 'ipv6';
  layout.l3End = end;
  const tc = ((b[l3]! & 0x0f) << 4) | (b[l3 + 1]! >> 4);
  key.set('ip_dscp', BigInt(tc >> 2));
  key.set('ip_ecn', BigInt(tc & 3));
  key.set('ipv6_flabel', BigInt(((b[l3 + 1]! & 0x0f) << 16) | u16(b, l3 + 2)));
  key.set('nw_ttl', BigInt(b[l3 + 7]!));
  key.set('ipv6_src', bitsFromBytes(b, l3 + 8, 16));
  key.set('ipv6_dst', bitsFromBytes(b, l3 + 24, 16));
  let next = b[l3 + 6]!;
  let at = l3 + 40;
  let frag = 0;
  let later = false;
  // Bounded: each extension header moves 'at' forward by at least 8 bytes.
  while (next === IPV6_HOPOPTS || next === IPV6_ROUTING || next === IPV6_DSTOPTS || next === IPV6_AH || next === IPV6_FRAGMENT) {
    if (at + 8 > end) {
      key.set('ip_proto', BigInt(next));
      key.set('ip_frag', BigInt(frag));
      return;
    }
    const hdrNext = b[at]!;
    if (next === IPV6_FRAGMENT) {
      const off = u16(b, at + 2) >> 3;
      frag = 1 | (off ? 2 : 0);
      later = off !== 0;
      at += 8;
    } else if (next === IPV6_AH) {
      at += (b[at + 1]! + 2) * 4;
    } else {
      at += (b[at + 1]! + 1) * 8;
    }
    next = hdrNext;
    if (later) break;
  }
  key.set('ip_proto', BigInt(next));
  key.set('ip_frag', BigInt(frag));
  if (!later && at <= end) parseTransport(b, at, end, next, true, key, layout);
}

function parseTransport(b: Uint8Array, l4: number, end: number, proto: number, v6: boolean, key: PacketKey, layout: Layout): void {
  const room = end - l4;
  const set = (f: KeyField, v: number | bigint): void => void key.set(f, typeof v === 'bigint' ? v : BigInt(v));
  const mark = (): void => {
    layout.l4At = l4;
    layout.l4Proto = proto;
  };
  switch (proto) {
    case IPPROTO_TCP:
      if (room < 20) return;
      mark();
      set('tcp_src', u16(b, l4));
      set('tcp_dst', u16(b, l4 + 2));
      set('tcp_flags', u16(b, l4 + 12) & 0x0fff);
      return;
    case IPPROTO_UDP:
      if (room < 8) return;
      mark();
      set('udp_src', u16(b, l4));
      set('udp_dst', u16(b, l4 + 2));
      return;
    case IPPROTO_SCTP:
      if (room < 12) return;
      mark();
      set('sctp_src', u16(b, l4));
      set('sctp_dst', u16(b, l4 + 2));
      return;
    case IPPROTO_ICMP:
      if (v6 || room < 4) return;
      mark();
      set('icmpv4_type', b[l4]!);
      set('icmpv4_code', b[l4 + 1]!);
      return;
    case IPPROTO_ICMPV6: {
      if (!v6 || room < 4) return;
      mark();
      const type = b[l4]!;
      const code = b[l4 + 1]!;
      set('icmpv6_type', type);
      set('icmpv6_code', code);
      if ((type === ND_NEIGHBOR_SOLICIT || type === ND_NEIGHBOR_ADVERT) && code === 0 && room >= 24) {
        set('ipv6_nd_target', bitsFromBytes(b, l4 + 8, 16));
        const want = type === ND_NEIGHBOR_SOLICIT ? 1 : 2;
        let lla = 0n;
        // Options: type, length in units of 8 bytes; bounded by 'end'.
        for (let at = l4 + 24; at + 8 <= end;) {
          const olen = b[at + 1]! * 8;
          if (olen === 0) break;
          if (b[at] === want && olen === 8) {
            lla = bitsFromBytes(b, at + 2, 6);
            if (want === 1) layout.ndSllAt = at + 2;
            else layout.ndTllAt = at + 2;
            break;
          }
          at += olen;
        }
        set(want === 1 ? 'ipv6_nd_sll' : 'ipv6_nd_tll', lla);
      }
      return;
    }
    default:
      return;
  }
}
