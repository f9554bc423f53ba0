/**
 * Match fields on the agent channel: every modelled field of the codec's
 * table (and opaque TLVs) goes to the proto, through real protobuf bytes,
 * and back unchanged; 64-bit values keep every bit; what an agent could
 * get wrong is refused with the field's path.
 */

import test from 'ava';
import fc from 'fast-check';
import { matchFieldFromProto, matchFromProto, matchToProto } from '../../src/agentwire/match-field.js';
import type { MatchField__Output } from '../../src/generated/ofconnmgr/v1/MatchField.js';
import type { MatchField as PbMatchField } from '../../src/generated/ofconnmgr/v1/MatchField.js';
import type { MatchField } from '../../src/openflow/match.js';
import { FIELDS } from '../../src/openflow/oxm.js';
import { agentMessageTrip, agentWireErrorOf } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { anyMatchArb, fieldArb } from '../support/neutral-arbitraries.js';

/** 'm' as a flow-removed event's match, through protobuf bytes, read back. */
function trip(m: readonly MatchField[]): MatchField[] {
  const out = agentMessageTrip({ flow_removed: { match: matchToProto(m) } });
  return matchFromProto(out.flow_removed!.match, 'flow_removed.match');
}

/** A proto match field as the loader would give it (defaults filled in), from a partial one. */
function pb(f: Partial<MatchField__Output>): MatchField__Output {
  return { field: '', value: null, mask: null, tlv: Buffer.alloc(0), ...f };
}

const num = (n: string | number): MatchField__Output['value'] => ({ number: String(n), kind: 'number' });
const addr = (a: string): MatchField__Output['value'] => ({ address: a, kind: 'address' });

test('every modelled field, exact and masked, round-trips through protobuf bytes', (t) => {
  for (const f of FIELDS) {
    fc.assert(fc.property(fieldArb(f), (mf) => {
      assertSameNeutral(t, trip([mf]), [mf]);
    }), { numRuns: 40 });
  }
});

test('matches of many fields in any order, with opaque TLVs, round-trip in order', (t) => {
  fc.assert(fc.property(anyMatchArb, (m) => {
    assertSameNeutral(t, trip(m), m);
  }), { numRuns: 300 });
});

test('64-bit fields keep every bit: values above 2^53 come back as the same bigints', (t) => {
  const m: MatchField[] = [
    { field: 'metadata', value: 0xfedcba9876543211n, mask: 0xffffffffffffffffn },
    { field: 'tunnel_id', value: 0x8000000000000001n },
    { field: 'tun_id', value: 0xffffffffffffffffn },
  ];
  const back = trip(m);
  t.deepEqual(back, m);
  t.is(matchToProto(m)[0]!.value!.number, '18364758544493064721');
});

test('addresses come back in canonical text: MACs lower case, IPv6 per RFC 5952', (t) => {
  const f = matchFieldFromProto(pb({ field: 'eth_dst', value: addr('AA:BB:CC:00:11:22') }), 'm');
  t.deepEqual(f, { field: 'eth_dst', value: 'aa:bb:cc:00:11:22' });
  const g = matchFieldFromProto(pb({ field: 'ipv6_src', value: addr('2001:DB8:0:0:0:0:0:0'), mask: addr('FFFF:ffff:0::') }), 'm');
  t.deepEqual(g, { field: 'ipv6_src', value: '2001:db8::', mask: 'ffff:ffff::' });
});

test('an empty match is an empty list both ways', (t) => {
  t.deepEqual(matchToProto([]), []);
  t.deepEqual(trip([]), []);
});

/* Validation: what an agent sends wrong is named by its path. */

const errors: readonly { name: string; field: MatchField__Output; path: string; says: RegExp }[] = [
  { name: 'unknown field name', field: pb({ field: 'eth_dstt', value: addr('00:00:00:00:00:01') }), path: 'pi.metadata[0].field', says: /unknown match field "eth_dstt"/ },
  { name: 'empty field name', field: pb({ value: num(1) }), path: 'pi.metadata[0].field', says: /no field name/ },
  { name: 'a number for an Ethernet field', field: pb({ field: 'eth_src', value: num(5) }), path: 'pi.metadata[0].value', says: /eth_src takes an Ethernet address, not a number/ },
  { name: 'an address for a number field', field: pb({ field: 'tcp_dst', value: addr('10.0.0.1') }), path: 'pi.metadata[0].value', says: /tcp_dst takes a number, not the address "10.0.0.1"/ },
  { name: 'an IPv6 address for an IPv4 field', field: pb({ field: 'ipv4_src', value: addr('::1') }), path: 'pi.metadata[0].value.address', says: /"::1" is not an IPv4 address/ },
  { name: 'a uint8 field out of range', field: pb({ field: 'ip_proto', value: num(256) }), path: 'pi.metadata[0].value.number', says: /256 is out of range for ip_proto \(0-255\)/ },
  { name: 'a uint16 field out of range', field: pb({ field: 'udp_src', value: num(65536) }), path: 'pi.metadata[0].value.number', says: /65536 is out of range for udp_src \(0-65535\)/ },
  { name: 'vlan_vid beyond 13 bits', field: pb({ field: 'vlan_vid', value: num(0x2000) }), path: 'pi.metadata[0].value.number', says: /8192 is out of range for vlan_vid \(0-8191\)/ },
  { name: 'a 64-bit value beyond 64 bits', field: pb({ field: 'metadata', value: num('18446744073709551616') }), path: 'pi.metadata[0].value.number', says: /does not fit in 64 bits/ },
  { name: 'a number that is not decimal', field: pb({ field: 'reg0', value: num('0x10') }), path: 'pi.metadata[0].value.number', says: /"0x10" is not an unsigned 64-bit integer/ },
  { name: 'no value', field: pb({ field: 'in_port' }), path: 'pi.metadata[0].value', says: /a value is required for in_port/ },
  { name: 'a mask on an unmaskable field', field: pb({ field: 'in_port', value: num(1), mask: num(1) }), path: 'pi.metadata[0].mask', says: /in_port cannot be masked/ },
  { name: 'value bits outside the mask', field: pb({ field: 'ipv4_dst', value: addr('10.0.0.1'), mask: addr('255.255.255.0') }), path: 'pi.metadata[0]', says: /ipv4_dst: the value has bits set outside the mask/ },
  { name: 'a TLV on a modelled field', field: pb({ field: 'reg1', value: num(1), tlv: Buffer.from('00010204', 'hex') }), path: 'pi.metadata[0].tlv', says: /only an "opaque" field carries a TLV/ },
  { name: 'an opaque TLV whose length byte is wrong', field: pb({ field: 'opaque', tlv: Buffer.from('ffff0008aabbccdd', 'hex') }), path: 'pi.metadata[0].tlv', says: /says 8 bytes follow, but 4 do/ },
  { name: 'an opaque TLV shorter than a header', field: pb({ field: 'opaque', tlv: Buffer.from('ffff', 'hex') }), path: 'pi.metadata[0].tlv', says: /2 bytes are not an OXM TLV/ },
  { name: 'an opaque field with a value', field: pb({ field: 'opaque', value: num(1), tlv: Buffer.from('ffff0000', 'hex') }), path: 'pi.metadata[0].value', says: /carries only its TLV/ },
];

for (const c of errors) {
  test(`refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => matchFromProto([c.field], 'pi.metadata'));
    t.is(e.path, c.path);
    t.regex(e.message, c.says);
    t.true(e.message.startsWith(`${c.path}: `));
  });
}

test('a field given twice is refused at the second, naming the first', (t) => {
  const f = pb({ field: 'eth_type', value: num(0x800) });
  const e = agentWireErrorOf(t, () => matchFromProto([f, pb({ field: 'ip_proto', value: num(6) }), f], 'flow_removed.match'));
  t.is(e.path, 'flow_removed.match[2].field');
  t.regex(e.detail, /eth_type appears twice \(also at flow_removed.match\[0\]\)/);
});

test('two opaque TLVs may share a header: they are not fields the table names', (t) => {
  const tlv = Buffer.from('ffff0004deadbeef', 'hex');
  const m = matchFromProto([pb({ field: 'opaque', tlv }), pb({ field: 'opaque', tlv })], 'm');
  t.is(m.length, 2);
});

test('the proto form names the field and gives numbers as decimal strings', (t) => {
  const out: PbMatchField[] = matchToProto([{ field: 'vlan_vid', value: 0x1005, mask: 0x1fff }, { field: 'ipv4_src', value: '10.1.2.3' }]);
  t.deepEqual(out, [
    { field: 'vlan_vid', value: { number: '4101' }, mask: { number: '8191' } },
    { field: 'ipv4_src', value: { address: '10.1.2.3' } },
  ]);
});
