// Test frames: a small builder for Ethernet frames (optionally 802.1Q
// tagged) carrying ARP, IPv4 or IPv6 with TCP, UDP, SCTP, ICMP, ICMPv6
// echo or neighbour solicitation, with correct checksums; and a checker
// that recomputes every checksum of a frame from scratch.  Written apart
// from src/agent (its own checksum code), so that tests of the switch's
// header rewriting do not grade the switch with its own arithmetic.

import { isIPv6 } from 'node:net';

export const MAC_A = 'aa:55:aa:55:00:01';
export const MAC_B = 'aa:55:aa:55:00:02';
export const MAC_C = 'aa:55:aa:55:00:03';
export const BROADCAST = 'ff:ff:ff:ff:ff:ff';

function mac(s: string): Buffer {
  return Buffer.from(s.replace(/:/g, ''), 'hex');
}

function ip(s: string): Buffer {
  if (!isIPv6(s)) return Buffer.from(s.split('.').map(Number));
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g || '0', 16), 2 * i));
  return b;
}

/** RFC 1071 checksum of the concatenation of 'parts'. */
function csum(...parts: Buffer[]): number {
  const b = Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudo(src: Buffer, dst: Buffer, proto: number, len: number): Buffer {
  if (src.length === 4) {
    const p = Buffer.alloc(12);
    src.copy(p, 0);
    dst.copy(p, 4);
    p[9] = proto;
    p.writeUInt16BE(len, 10);
    return p;
  }
  const p = Buffer.alloc(40);
  src.copy(p, 0);
  dst.copy(p, 16);
  p.writeUInt32BE(len, 32);
  p[39] = proto;
  return p;
}

/** CRC32c for SCTP. */
function crc32c(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export interface L2 {
  readonly src?: string;
  readonly dst?: string;
  /** 802.1Q tag. */
  readonly vlan?: { readonly vid: number; readonly pcp?: number };
}

/** An Ethernet frame of Ethertype 'type' around 'payload'. */
export function ethernet(l2: L2, type: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(l2.vlan ? 18 : 14);
  mac(l2.dst ?? MAC_B).copy(h, 0);
  mac(l2.src ?? MAC_A).copy(h, 6);
  if (l2.vlan) {
    h.writeUInt16BE(0x8100, 12);
    h.writeUInt16BE(((l2.vlan.pcp ?? 0) << 13) | l2.vlan.vid, 14);
    h.writeUInt16BE(type, 16);
  } else {
    h.writeUInt16BE(type, 12);
  }
  return Buffer.concat([h, payload]);
}

export interface L3 extends L2 {
  readonly ipSrc?: string;
  readonly ipDst?: string;
  readonly ttl?: number;
  /** DSCP << 2 | ECN (IPv4 ToS, IPv6 traffic class). */
  readonly tos?: number;
  readonly flowLabel?: number;
  /** IPv4 fragment offset in 8-byte units and the more-fragments flag. */
  readonly fragOffset?: number;
  readonly moreFragments?: boolean;
}

/** An IPv4 or IPv6 frame (by the form of the addresses) carrying 'l4' of protocol 'proto'. */
function ipFrame(o: L3, proto: number, l4: (src: Buffer, dst: Buffer) => Buffer): Buffer {
  const v6 = isIPv6(o.ipSrc ?? '10.0.0.1');
  const src = ip(o.ipSrc ?? (v6 ? '2001:db8::1' : '10.0.0.1'));
  const dst = ip(o.ipDst ?? (v6 ? '2001:db8::2' : '10.0.0.2'));
  const body = l4(src, dst);
  if (v6) {
    const h = Buffer.alloc(40);
    h.writeUInt32BE(((6 << 28) | ((o.tos ?? 0) << 20) | (o.flowLabel ?? 0)) >>> 0, 0);
    h.writeUInt16BE(body.length, 4);
    h[6] = proto;
    h[7] = o.ttl ?? 64;
    src.copy(h, 8);
    dst.copy(h, 24);
    return ethernet(o, 0x86dd, Buffer.concat([h, body]));
  }
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h[1] = o.tos ?? 0;
  h.writeUInt16BE(20 + body.length, 2);
  h.writeUInt16BE(0x1234, 4);
  h.writeUInt16BE((o.moreFragments ? 0x2000 : 0) | (o.fragOffset ?? 0), 6);
  h[8] = o.ttl ?? 64;
  h[9] = proto;
  src.copy(h, 12);
  dst.copy(h, 16);
  h.writeUInt16BE(csum(h), 10);
  return ethernet(o, 0x0800, Buffer.concat([h, body]));
}

export interface L4 extends L3 {
  readonly sport?: number;
  readonly dport?: number;
  readonly payload?: Buffer;
}

/** A TCP segment (flags default SYN). */
export function tcpFrame(o: L4 & { readonly flags?: number } = {}): Buffer {
  return ipFrame(o, 6, (src, dst) => {
    const t = Buffer.alloc(20);
    t.writeUInt16BE(o.sport ?? 1234, 0);
    t.writeUInt16BE(o.dport ?? 80, 2);
    t.writeUInt32BE(1, 4);
    t.writeUInt16BE((5 << 12) | (o.flags ?? 0x002), 12);
    t.writeUInt16BE(8192, 14);
    const seg = Buffer.concat([t, o.payload ?? Buffer.from('hello')]);
    seg.writeUInt16BE(csum(pseudo(src, dst, 6, seg.length), seg), 16);
    return seg;
  });
}

/** A UDP datagram; 'noChecksum' leaves the IPv4 UDP checksum 0. */
export function udpFrame(o: L4 & { readonly noChecksum?: boolean } = {}): Buffer {
  return ipFrame(o, 17, (src, dst) => {
    const payload = o.payload ?? Buffer.from('datagram');
    const u = Buffer.alloc(8);
    u.writeUInt16BE(o.sport ?? 5000, 0);
    u.writeUInt16BE(o.dport ?? 53, 2);
    u.writeUInt16BE(8 + payload.length, 4);
    const seg = Buffer.concat([u, payload]);
    if (!o.noChecksum) seg.writeUInt16BE(csum(pseudo(src, dst, 17, seg.length), seg) || 0xffff, 6);
    return seg;
  });
}

/** An SCTP packet with one empty DATA-less chunk area. */
export function sctpFrame(o: L4 = {}): Buffer {
  return ipFrame(o, 132, () => {
    const s = Buffer.alloc(12 + 16);
    s.writeUInt16BE(o.sport ?? 7000, 0);
    s.writeUInt16BE(o.dport ?? 7001, 2);
    s.writeUInt32BE(0xdeadbeef, 4);
    s.writeUInt16BE(0x0100, 12);
    s.writeUInt16BE(16, 14);
    s.writeUInt32LE(crc32c(s), 8);
    return s;
  });
}

/** An ICMP (IPv4) or ICMPv6 (IPv6) echo request. */
export function pingFrame(o: L3 & { readonly type?: number; readonly code?: number } = {}): Buffer {
  const v6 = isIPv6(o.ipSrc ?? '10.0.0.1');
  return ipFrame(o, v6 ? 58 : 1, (src, dst) => {
    const m = Buffer.alloc(8 + 4);
    m[0] = o.type ?? (v6 ? 128 : 8);
    m[1] = o.code ?? 0;
    m.writeUInt16BE(0x77, 4);
    m.writeUInt16BE(1, 6);
    m.write('ping', 8);
    m.writeUInt16BE(v6 ? csum(pseudo(src, dst, 58, m.length), m) : csum(m), 2);
    return m;
  });
}

/** An ICMPv6 neighbour solicitation for 'target' with a source link-layer option. */
export function ndSolicitFrame(o: L3 & { readonly target: string; readonly sll?: string }): Buffer {
  return ipFrame({ ipSrc: '2001:db8::1', ipDst: 'ff02::1:ff00:2', ...o, ttl: 255 }, 58, (src, dst) => {
    const m = Buffer.alloc(24 + 8);
    m[0] = 135;
    ip(o.target).copy(m, 8);
    m[24] = 1;
    m[25] = 1;
    mac(o.sll ?? o.src ?? MAC_A).copy(m, 26);
    m.writeUInt16BE(csum(pseudo(src, dst, 58, m.length), m), 2);
    return m;
  });
}

/** An ARP request (op 1) or reply (op 2) for IPv4 over Ethernet. */
export function arpFrame(o: L2 & { readonly op?: number; readonly spa?: string; readonly tpa?: string; readonly sha?: string; readonly tha?: string } = {}): Buffer {
  const a = Buffer.alloc(28);
  a.writeUInt16BE(1, 0);
  a.writeUInt16BE(0x0800, 2);
  a[4] = 6;
  a[5] = 4;
  a.writeUInt16BE(o.op ?? 1, 6);
  mac(o.sha ?? o.src ?? MAC_A).copy(a, 8);
  ip(o.spa ?? '10.0.0.1').copy(a, 14);
  mac(o.tha ?? '00:00:00:00:00:00').copy(a, 18);
  ip(o.tpa ?? '10.0.0.2').copy(a, 24);
  return ethernet({ dst: BROADCAST, ...o }, 0x0806, a);
}

/** Whether each checksum of a frame is right, recomputed from scratch; undefined where the frame has none. */
export interface ChecksumReport {
  readonly ipv4?: boolean;
  readonly l4?: boolean;
}

/** Recomputes the IPv4 header checksum and the TCP/UDP/ICMP/ICMPv6/SCTP checksum of 'frame'. */
export function checkChecksums(frame: Uint8Array): ChecksumReport {
  const b = Buffer.from(frame);
  let at = 12;
  let type = b.readUInt16BE(at);
  if (type === 0x8100) {
    at = 16;
    type = b.readUInt16BE(at);
  }
  const l3 = at + 2;
  let src: Buffer, dst: Buffer, proto: number, l4: number, end: number;
  const out: { ipv4?: boolean; l4?: boolean } = {};
  if (type === 0x0800) {
    const ihl = (b[l3]! & 0xf) * 4;
    out.ipv4 = csum(b.subarray(l3, l3 + ihl)) === 0;
    src = b.subarray(l3 + 12, l3 + 16);
    dst = b.subarray(l3 + 16, l3 + 20);
    proto = b[l3 + 9]!;
    l4 = l3 + ihl;
    end = l3 + b.readUInt16BE(l3 + 2);
  } else if (type === 0x86dd) {
    src = b.subarray(l3 + 8, l3 + 24);
    dst = b.subarray(l3 + 24, l3 + 40);
    proto = b[l3 + 6]!;
    l4 = l3 + 40;
    end = l4 + b.readUInt16BE(l3 + 4);
  } else {
    return out;
  }
  const seg = b.subarray(l4, end);
  if (proto === 6 || proto === 58 || (proto === 17 && (type === 0x86dd || seg.readUInt16BE(6) !== 0))) {
    out.l4 = csum(pseudo(src, dst, proto, seg.length), seg) === 0;
  } else if (proto === 1) {
    out.l4 = csum(seg) === 0;
  } else if (proto === 132) {
    const copy = Buffer.from(seg);
    const want = copy.readUInt32LE(8);
    copy.writeUInt32LE(0, 8);
    out.l4 = crc32c(copy) === want;
  }
  return out;
}

/** Hex of a frame, for readable assertion messages. */
export function hexOf(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
