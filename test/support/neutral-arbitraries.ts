/**
 * fast-check generators of neutral values over the whole of the codec's
 * tables, for the agent-channel property tests: any modelled match field
 * (src/openflow/oxm.ts's FIELDS: every format, every width, masks that
 * cover their values), opaque TLVs, any action of src/openflow/actions.ts
 * and any instruction, in the canonical form the decoders give (lower-case
 * MACs, RFC 5952 IPv6 text).  Unlike flow-arbitraries.ts they need not be
 * expressible in a particular OpenFlow version: the agent channel carries
 * the neutral form as it is.
 */

import fc from 'fast-check';
import type { Action } from '../../src/openflow/actions.js';
import type { Instruction } from '../../src/openflow/instructions.js';
import { ipv4FromU32, ipv6FromBytes } from '../../src/openflow/ip-address.js';
import type { FieldValue, MatchField } from '../../src/openflow/match.js';
import { FIELDS, type OxmField } from '../../src/openflow/oxm.js';
import { macFromBytes } from '../../src/openflow/ethernet-address.js';

export const u8 = fc.integer({ min: 0, max: 0xff });
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffffffff });
export const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** A value of 'bytes' bytes and a mask covering it, as byte arrays. */
function maskedBytes(bytes: number): fc.Arbitrary<{ v: Uint8Array; m: Uint8Array }> {
  return fc.tuple(fc.uint8Array({ minLength: bytes, maxLength: bytes }), fc.uint8Array({ minLength: bytes, maxLength: bytes }))
    .map(([v, m]) => ({ v: v.map((x, i) => x & m[i]!), m }));
}

/** The neutral text of 'b' for an address format. */
function addressText(f: OxmField, b: Uint8Array): string {
  if (f.format === 'mac') return macFromBytes(b);
  if (f.format === 'ipv4') return ipv4FromU32(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  return ipv6FromBytes(b);
}

const ADDRESS_BYTES = { mac: 6, ipv4: 4, ipv6: 16 } as const;

/** Any valid value (and, for a maskable field, maybe a covering mask) of field 'f'. */
export function fieldArb(f: OxmField): fc.Arbitrary<MatchField> {
  const exact = (value: fc.Arbitrary<FieldValue>): fc.Arbitrary<MatchField> => value.map((v) => ({ field: f.name, value: v }));
  switch (f.format) {
    case 'uint': {
      const value = fc.integer({ min: 0, max: f.maxValue });
      if (!f.maskable) return exact(value);
      return fc.oneof(exact(value), fc.tuple(value, value).map(([v, m]) => ({ field: f.name, value: (v & m) >>> 0, mask: m })));
    }
    case 'uint64':
      return fc.oneof(exact(u64), fc.tuple(u64, u64).map(([v, m]) => ({ field: f.name, value: v & m, mask: m })));
    default: {
      const n = ADDRESS_BYTES[f.format];
      const value = fc.uint8Array({ minLength: n, maxLength: n }).map((b) => addressText(f, b));
      return fc.oneof(exact(value), maskedBytes(n).map(({ v, m }) => ({ field: f.name, value: addressText(f, v), mask: addressText(f, m) })));
    }
  }
}

/** An opaque OXM TLV (experimenter class), header and body. */
export const opaqueFieldArb: fc.Arbitrary<MatchField> = fc.uint8Array({ minLength: 4, maxLength: 32 })
  .map((body) => ({ field: 'opaque', tlv: Uint8Array.from([0xff, 0xff, 0x00, body.length, ...body]) }));

/** Any single match field, modelled or opaque. */
export const anyFieldArb: fc.Arbitrary<MatchField> = fc.oneof(...FIELDS.map(fieldArb), opaqueFieldArb);

/** A match of distinct modelled fields (any subset of the table, in any order) and perhaps opaque TLVs. */
export const anyMatchArb: fc.Arbitrary<MatchField[]> = fc.tuple(
  fc.shuffledSubarray([...FIELDS], { maxLength: 12 })
    .chain((fs): fc.Arbitrary<MatchField[]> => (fs.length ? fc.tuple(...fs.map(fieldArb)) : fc.constant([]))),
  fc.array(opaqueFieldArb, { maxLength: 2 }),
).map(([fields, opaque]) => [...fields, ...opaque]);

const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => macFromBytes(b));
const ipv4 = u32.map(ipv4FromU32);

/** An opaque action or instruction TLV: 8-byte multiples with the length field filled in. */
function opaqueTlvArb(): fc.Arbitrary<Uint8Array> {
  return fc.tuple(u16, fc.integer({ min: 1, max: 4 })).chain(([type, words]) =>
    fc.uint8Array({ minLength: words * 8 - 4, maxLength: words * 8 - 4 })
      .map((body) => Uint8Array.from([type >> 8, type & 0xff, 0, words * 8, ...body])));
}

/** Any neutral action. */
export const anyActionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('output' as const), port: u32, maxLen: u16 }),
  fc.record({ type: fc.constant('controller' as const), maxLen: u16, controllerId: u16, reason: u8 }),
  fc.record({ type: fc.constant('enqueue' as const), port: u32, queueId: u32 }),
  fc.record({ type: fc.constant('set_queue' as const), queueId: u32 }),
  fc.record({ type: fc.constant('group' as const), groupId: u32 }),
  fc.record({ type: fc.constantFrom('push_vlan' as const, 'push_mpls' as const, 'push_pbb' as const), ethertype: u16 }),
  fc.constant({ type: 'pop_vlan' as const }),
  fc.record({ type: fc.constant('pop_mpls' as const), ethertype: u16 }),
  fc.constant({ type: 'pop_pbb' as const }),
  anyFieldArb.map((field) => ({ type: 'set_field' as const, field })),
  fc.record({ type: fc.constant('set_vlan_vid' as const), vid: fc.integer({ min: 0, max: 0xfff }) }),
  fc.record({ type: fc.constant('set_vlan_pcp' as const), pcp: fc.integer({ min: 0, max: 7 }) }),
  fc.constant({ type: 'strip_vlan' as const }),
  fc.record({ type: fc.constantFrom('set_dl_src' as const, 'set_dl_dst' as const), mac }),
  fc.record({ type: fc.constantFrom('set_nw_src' as const, 'set_nw_dst' as const), ip: ipv4 }),
  fc.record({ type: fc.constant('set_nw_tos' as const), tos: fc.integer({ min: 0, max: 63 }).map((d) => d << 2) }),
  fc.record({ type: fc.constantFrom('set_tp_src' as const, 'set_tp_dst' as const), port: u16 }),
  fc.constantFrom({ type: 'dec_nw_ttl' as const }, { type: 'copy_ttl_out' as const }, { type: 'copy_ttl_in' as const },
    { type: 'dec_mpls_ttl' as const }),
  fc.record({ type: fc.constantFrom('set_nw_ttl' as const, 'set_mpls_ttl' as const), ttl: u8 }),
  fc.tuple(opaqueTlvArb(), fc.integer({ min: 0, max: 6 })).map(([bytes, version]): Action =>
    (version === 0 ? { type: 'opaque', bytes } : { type: 'opaque', bytes, version })),
);

/** Any neutral instruction. */
export const anyInstructionArb: fc.Arbitrary<Instruction> = fc.oneof(
  fc.record({ type: fc.constant('goto_table' as const), tableId: u8 }),
  fc.record({ type: fc.constant('write_metadata' as const), metadata: u64, mask: u64 }),
  fc.record({ type: fc.constantFrom('write_actions' as const, 'apply_actions' as const), actions: fc.array(anyActionArb, { maxLength: 4 }) }),
  fc.constant({ type: 'clear_actions' as const }),
  fc.record({ type: fc.constant('meter' as const), meterId: u32 }),
  fc.tuple(opaqueTlvArb(), fc.integer({ min: 0, max: 6 })).map(([bytes, version]): Instruction =>
    (version === 0 ? { type: 'opaque', bytes } : { type: 'opaque', bytes, version })),
);
