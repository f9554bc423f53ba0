/**
 * Match fields on the agent channel: the neutral MatchField of
 * src/openflow/match.ts as the proto's MatchField (an ovs-fields(7) name, a
 * FieldValue that is a number or an address in text, an optional mask, or
 * an opaque TLV), and lists of them (matches, packet metadata).  Used by
 * every conversion that carries a match: flow mods, packet-outs, hidden
 * flows, set_field actions, packet-in metadata, flow-removed events.
 *
 * Reading from the proto checks each field against the codec's field table
 * (src/openflow/oxm.ts): the name must be a modelled field or "opaque", the
 * value must be of the field's kind (a number for integer fields, an
 * Ethernet, IPv4 or IPv6 address for address fields) and in its range, a
 * mask only on a maskable field and covering the value, and no field twice.
 * 64-bit fields (metadata, tunnel_id, tun_id) become bigints; addresses
 * come back in the codec's canonical text (lower case, RFC 5952).
 */

import type { FieldValue, MatchField } from '../openflow/match.js';
import { oxmFieldByName, type OxmField } from '../openflow/oxm.js';
import { parseIpv4, parseIpv6 } from '../openflow/ip-address.js';
import type { FieldValue as PbFieldValue, FieldValue__Output as PbFieldValueOut } from '../generated/ofconnmgr/v1/FieldValue.js';
import type { MatchField as PbMatchField, MatchField__Output as PbMatchFieldOut } from '../generated/ofconnmgr/v1/MatchField.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { bytesCopy, describe, ipv4From, ipv6From, listFrom, macFrom, uint64From, uint64ToProto } from './proto-scalars.js';

/** A neutral field value as a proto FieldValue: numbers and bigints as uint64 decimal strings, addresses as text. */
export function fieldValueToProto(v: FieldValue): PbFieldValue {
  return typeof v === 'string' ? { address: v } : { number: uint64ToProto(v) };
}

/** A neutral match field as a proto MatchField. */
export function matchFieldToProto(f: MatchField): PbMatchField {
  if (f.field === 'opaque') return { field: 'opaque', tlv: f.tlv };
  const out: PbMatchField = { field: f.field, value: fieldValueToProto(f.value) };
  if (f.mask !== undefined) out.mask = fieldValueToProto(f.mask);
  return out;
}

/** A neutral match (or packet metadata) as a list of proto MatchFields, in order. */
export function matchToProto(m: readonly MatchField[]): PbMatchField[] {
  return m.map(matchFieldToProto);
}

/** What a field of 'f''s format takes, for error messages. */
function kindText(f: OxmField): string {
  switch (f.format) {
    case 'uint':
    case 'uint64': return 'a number';
    case 'mac': return 'an Ethernet address';
    case 'ipv4': return 'an IPv4 address';
    case 'ipv6': return 'an IPv6 address';
  }
}

/** The neutral value of proto value 'p' for field 'f', checked for kind and range (a mask when 'isMask'). */
function valueFrom(f: OxmField, p: PbFieldValueOut | null | undefined, path: string, isMask: boolean): FieldValue {
  if (!p || p.kind === undefined) {
    throw new AgentWireError(path, isMask ? 'mask has neither a number nor an address' : `a value is required for ${f.name}`);
  }
  const isNumber = f.format === 'uint' || f.format === 'uint64';
  if (p.kind !== (isNumber ? 'number' : 'address')) {
    throw new AgentWireError(path, `${f.name} takes ${kindText(f)}, not ${p.kind === 'number' ? 'a number' : `the address ${describe(p.address)}`}`);
  }
  switch (f.format) {
    case 'uint': {
      const n = uint64From(p.number, fieldPath(path, 'number'));
      if (n > BigInt(f.maxValue)) throw new AgentWireError(fieldPath(path, 'number'), `${n} is out of range for ${f.name} (0-${f.maxValue})`);
      return Number(n);
    }
    case 'uint64':
      return uint64From(p.number, fieldPath(path, 'number'));
    case 'mac':
      return macFrom(p.address, fieldPath(path, 'address'));
    case 'ipv4':
      return ipv4From(p.address, fieldPath(path, 'address'));
    case 'ipv6':
      return ipv6From(p.address, fieldPath(path, 'address'));
  }
}

/** The bits of a valid neutral value of 'f', for comparing a value with its mask. */
function valueBits(f: OxmField, v: FieldValue): bigint {
  switch (f.format) {
    case 'uint':
    case 'uint64':
      return BigInt(v);
    case 'mac':
      return BigInt(`0x${(v as string).replace(/:/g, '')}`);
    case 'ipv4':
      return BigInt(parseIpv4(v as string));
    case 'ipv6': {
      const b = new Uint8Array(16);
      parseIpv6(v as string, b);
      return BigInt(`0x${Buffer.from(b).toString('hex')}`);
    }
  }
}

/**
 * Checks an opaque TLV: one whole OXM/NXM TLV (4-byte header whose length
 * byte counts the rest), as match.ts writes it back unchanged.
 */
function opaqueFrom(p: PbMatchFieldOut, path: string): MatchField {
  if (p.value || p.mask) throw new AgentWireError(fieldPath(path, p.value ? 'value' : 'mask'), 'an "opaque" field carries only its TLV');
  const tlv = bytesCopy(p.tlv);
  if (tlv.length < 4 || tlv[3] !== tlv.length - 4) {
    throw new AgentWireError(fieldPath(path, 'tlv'), tlv.length < 4
      ? `${tlv.length} bytes are not an OXM TLV (a 4-byte header at least)`
      : `the TLV header says ${tlv[3]} bytes follow, but ${tlv.length - 4} do`);
  }
  return { field: 'opaque', tlv };
}

/**
 * The neutral field of proto 'p'.  Throws AgentWireError at 'path' (and
 * below) for an unknown field name, a value of the wrong kind or out of
 * the field's range, a mask on a field that takes none, value bits outside
 * the mask, a TLV on a modelled field or an opaque field that is not one
 * TLV.
 */
export function matchFieldFromProto(p: PbMatchFieldOut, path: string): MatchField {
  const name = p.field;
  if (name === 'opaque') return opaqueFrom(p, path);
  const f = typeof name === 'string' ? oxmFieldByName(name) : undefined;
  if (f === undefined) {
    throw new AgentWireError(fieldPath(path, 'field'), name === '' || name === undefined
      ? 'no field name given'
      : `unknown match field ${describe(name)} (an ovs-fields(7) OXM name such as "eth_dst", or "opaque")`);
  }
  if (p.tlv && p.tlv.length > 0) throw new AgentWireError(fieldPath(path, 'tlv'), `only an "opaque" field carries a TLV, not ${f.name}`);
  const value = valueFrom(f, p.value, fieldPath(path, 'value'), false);
  if (!p.mask) return { field: f.name, value };
  if (!f.maskable) throw new AgentWireError(fieldPath(path, 'mask'), `${f.name} cannot be masked`);
  const mask = valueFrom(f, p.mask, fieldPath(path, 'mask'), true);
  if (valueBits(f, value) & ~valueBits(f, mask)) {
    throw new AgentWireError(path, `${f.name}: the value has bits set outside the mask`);
  }
  return { field: f.name, value, mask };
}

/**
 * The neutral match of proto list 'list' (at 'path', entries at
 * "path[i]"): each entry as matchFieldFromProto, and no modelled field
 * twice.
 */
export function matchFromProto(list: readonly PbMatchFieldOut[] | null | undefined, path: string): MatchField[] {
  const out: MatchField[] = [];
  const seen = new Map<string, number>();
  listFrom(list).forEach((p, i) => {
    const at = `${path}[${i}]`;
    const f = matchFieldFromProto(p, at);
    if (f.field !== 'opaque') {
      const first = seen.get(f.field);
      if (first !== undefined) throw new AgentWireError(fieldPath(at, 'field'), `${f.field} appears twice (also at ${path}[${first}])`);
      seen.set(f.field, i);
    }
    out.push(f);
  });
  return out;
}
