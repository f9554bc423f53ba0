/**
 * Field values as bit strings.  The neutral messages write a field's value
 * in its own format (numbers, bigints, address strings: match.ts); the
 * switch matches and rewrites packets with plain unsigned integers, so
 * that a masked comparison is one expression whatever the field.  This
 * file converts between the two, bytes included, and names the "key"
 * fields the switch works with.
 *
 * Key fields are the oxm.ts names with two normalisations, so that two
 * spellings of one header bit compare equal: vlan_vid and vlan_pcp are
 * folded into vlan_tci (Open vSwitch's own representation: VID in bits
 * 0-11, bit 12 "a VLAN header is present", PCP in bits 13-15), and tun_id
 * is tunnel_id.  packet-parser.ts produces key fields, flow-match.ts
 * compiles matches into them, frame-editor.ts writes them back.
 */

import { isMac } from '../openflow/ethernet-address.js';
import { ipv4FromU32, ipv6FromBytes, parseIpv4, parseIpv6 } from '../openflow/ip-address.js';
import type { FieldValue } from '../openflow/match.js';
import { oxmFieldByName, type OxmField, type OxmFieldName } from '../openflow/oxm.js';

/** A field name the switch keys packets on (see the file comment). */
export type KeyField = Exclude<OxmFieldName, 'vlan_vid' | 'vlan_pcp' | 'tun_id'>;

/** A packet's key: the value of each field the packet has. */
export type PacketKey = Map<KeyField, bigint>;

/** vlan_tci bit 12: an 802.1Q header is present (OVS's VLAN_CFI). */
export const VLAN_CFI = 0x1000;

/** The oxm.ts description of 'name'; throws for a name the table lacks (a bug, not a request error). */
export function fieldOf(name: OxmFieldName): OxmField {
  const f = oxmFieldByName(name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

/** The number of value bits of 'f' (13 for vlan_vid, 48 for a MAC, ...). */
export function fieldWidth(f: OxmField): number {
  switch (f.format) {
    case 'uint': return 32 - Math.clz32(f.maxValue);
    case 'uint64': return 64;
    case 'mac': return 48;
    case 'ipv4': return 32;
    case 'ipv6': return 128;
  }
}

/** All ones over the width of 'f'. */
export function fullMask(f: OxmField): bigint {
  return (1n << BigInt(fieldWidth(f))) - 1n;
}

/** The integer of a big-endian byte string. */
export function bitsFromBytes(b: Uint8Array, at: number, len: number): bigint {
  let v = 0n;
  for (let i = 0; i < len; i++) v = (v << 8n) | BigInt(b[at + i]!);
  return v;
}

/** Writes the low 'len' bytes of 'v' big-endian into 'out' at 'at'. */
export function bitsToBytes(v: bigint, out: Uint8Array, at: number, len: number): void {
  let x = v;
  for (let i = len - 1; i >= 0; i--) {
    out[at + i] = Number(x & 0xffn);
    x >>= 8n;
  }
}

const scratch16 = new Uint8Array(16);

/**
 * The bits of neutral value 'v' of field 'f', or undefined if 'v' is not
 * of the field's format or does not fit its width.
 */
export function toBits(f: OxmField, v: FieldValue): bigint | undefined {
  switch (f.format) {
    case 'uint':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > f.maxValue) return undefined;
      return BigInt(v);
    case 'uint64':
      if (typeof v !== 'bigint' || v < 0n || v > 0xffffffffffffffffn) return undefined;
      return v;
    case 'mac':
      if (typeof v !== 'string' || !isMac(v)) return undefined;
      return BigInt(`0x${v.replace(/:/g, '')}`);
    case 'ipv4': {
      const n = typeof v === 'string' ? parseIpv4(v) : -1;
      return n < 0 ? undefined : BigInt(n);
    }
    case 'ipv6':
      if (typeof v !== 'string' || !parseIpv6(v, scratch16, 0)) return undefined;
      return bitsFromBytes(scratch16, 0, 16);
  }
}

/** The neutral value of bits 'bits' of field 'f' (the inverse of toBits). */
export function fromBits(f: OxmField, bits: bigint): FieldValue {
  switch (f.format) {
    case 'uint': return Number(bits);
    case 'uint64': return bits;
    case 'mac': {
      const hex = bits.toString(16).padStart(12, '0');
      return hex.replace(/(..)(?!$)/g, '$1:');
    }
    case 'ipv4': return ipv4FromU32(Number(bits));
    case 'ipv6': {
      const b = new Uint8Array(16);
      bitsToBytes(bits, b, 0, 16);
      return ipv6FromBytes(b, 0);
    }
  }
}
