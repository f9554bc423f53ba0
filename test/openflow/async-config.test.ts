import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import {
  allowedAsyncMask,
  applySetAsync,
  ASYNC_MSG_KINDS,
  type AsyncConfig,
  asyncConfigOf,
  asyncConfigToReply,
  type AsyncMsgKind,
  type AsyncProp,
  asyncWants,
  defaultAsyncConfig,
  effectiveAsyncConfig,
  emptyAsyncConfig,
  type GetAsyncReplyMsg,
  normaliseForSession,
  type SetAsyncMsg,
  withInvalidTtlToController,
} from '../../src/openflow/async-config.js';
import { decode, encode } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { asOvsPrints, ovsOfpPrint } from '../support/ovs-ofp-print.js';

function roundTrip(t: ExecutionContext, hex: string): OfpMessage {
  const m = decode(Buffer.from(hex, 'hex'));
  t.is(encode(m).toString('hex'), hex);
  return m;
}

function decodeError(t: ExecutionContext, hex: string): string {
  const e = t.throws(() => decode(Buffer.from(hex, 'hex')));
  t.true(OfpCodecError.is(e), String(e));
  return (e as OfpCodecError).ofperr;
}

function encodeError(t: ExecutionContext, m: OfpMessage, version?: number): string {
  const e = t.throws(() => encode(m, version));
  t.true(OfpCodecError.is(e), String(e));
  return (e as OfpCodecError).ofperr;
}

/** A full AsyncConfig from the nonzero masks given. */
function config(
  primary: Partial<Record<AsyncMsgKind, number>>,
  secondary: Partial<Record<AsyncMsgKind, number>>,
): AsyncConfig {
  const full = (p: Partial<Record<AsyncMsgKind, number>>): Record<AsyncMsgKind, number> =>
    Object.fromEntries(ASYNC_MSG_KINDS.map((k) => [k, p[k] ?? 0])) as Record<AsyncMsgKind, number>;
  return { primary: full(primary), secondary: full(secondary) };
}

function applied(current: AsyncConfig, m: OfpMessage, sessionVersion = m.version): AsyncConfig {
  if (m.type !== 'set_async') throw new Error(`not a set_async: ${m.type}`);
  const r = applySetAsync(current, m, sessionVersion);
  if (!r.ok) throw new Error(`refused with ${r.error}`);
  return r.config;
}

function refusal(current: AsyncConfig, m: OfpMessage): string {
  if (m.type !== 'set_async') throw new Error(`not a set_async: ${m.type}`);
  const r = applySetAsync(current, m, m.version);
  return r.ok ? 'accepted' : r.error;
}

const props = (...list: Array<[number, number]>): string =>
  list.map(([type, mask]) => type.toString(16).padStart(4, '0') + '0008' + mask.toString(16).padStart(8, '0')).join('');

const hdr = (version: number, type: number, bodyHex: string, xid = 2): string =>
  version.toString(16).padStart(2, '0') + type.toString(16).padStart(2, '0') +
  (8 + bodyHex.length / 2).toString(16).padStart(4, '0') + xid.toString(16).padStart(8, '0') + bodyHex;

const nx = (version: number, subtype: number, bodyHex: string): string =>
  hdr(version, 4, '00002320' + subtype.toString(16).padStart(8, '0') + bodyHex);

test('§10.4 NXT_SET_ASYNC_CONFIG (OF1.0) round trip: three mask pairs, primary first', (t) => {
  const m = roundTrip(t, '01040028000000020000232000000013000000020000000500000005000000020000000200000005');
  t.like(m, { type: 'set_async', format: 'nx', layout: 'legacy' });
  t.deepEqual((m as SetAsyncMsg).props, [
    { prop: 'packet_in', role: 'primary', mask: 2 },
    { prop: 'packet_in', role: 'secondary', mask: 5 },
    { prop: 'port_status', role: 'primary', mask: 5 },
    { prop: 'port_status', role: 'secondary', mask: 2 },
    { prop: 'flow_removed', role: 'primary', mask: 2 },
    { prop: 'flow_removed', role: 'secondary', mask: 5 },
  ]);
});

test('§4.6.2 §4.6.5 §10.4 NXT_SET_ASYNC_CONFIG replaces the whole config; OF1.0 widens ACTION and NO_MATCH', (t) => {
  const m = decode(Buffer.from('01040028000000020000232000000013000000020000000500000005000000020000000200000005', 'hex'));
  const before = withInvalidTtlToController(defaultAsyncConfig(1), true, 1);
  t.deepEqual(applied(before, m), config(
    // ACTION (0x2) + ACTION_SET|GROUP|PACKET_OUT on a session below OF1.4.
    { packet_in: 0x3a, port_status: 0x5, flow_removed: 0x2 },
    // NO_MATCH|INVALID_TTL (0x5) + EXPLICIT_MISS (0x40) + IMPLICIT_MISS (0x80) below OF1.3.
    { packet_in: 0xc5, port_status: 0x2, flow_removed: 0x5 },
  ));
});

test('§10.5 NXT_SET_ASYNC_CONFIG in an OF1.2 session reads the same as in OF1.0', (t) => {
  const m = roundTrip(t, '03040028000000020000232000000013000000020000000500000005000000020000000200000005');
  t.deepEqual(applied(defaultAsyncConfig(3), m), config(
    { packet_in: 0x3a, port_status: 0x5, flow_removed: 0x2 },
    { packet_in: 0xc5, port_status: 0x2, flow_removed: 0x5 },
  ));
});

test('§10.6 OF1.3 OFPT_SET_ASYNC (legacy body) round trip and application', (t) => {
  const m = roundTrip(t, '041c00200000000200000002000000050000000500000002000000020000000d');
  t.like(m, { type: 'set_async', format: 'standard', layout: 'legacy', version: 4 });
  t.deepEqual(applied(defaultAsyncConfig(4), m), config(
    { packet_in: 0x3a, port_status: 0x5, flow_removed: 0x2 },
    // From OF1.3 NO_MATCH adds only EXPLICIT_MISS.
    { packet_in: 0x45, port_status: 0x2, flow_removed: 0xd },
  ));
});

test('§10.7 OF1.4 property SET_ASYNC round trip: changes only the listed masks', (t) => {
  const hex = '051c0040000000020000000800000005000100080000002000020008000000020003000800000005000400080000001c00050008000000050008000800000018';
  const m = roundTrip(t, hex) as SetAsyncMsg;
  t.like(m, { type: 'set_async', format: 'standard', layout: 'properties', version: 5 });
  t.deepEqual(m.props[0], { prop: 'packet_in', role: 'secondary', mask: 5 });
  t.deepEqual(m.props[6], { prop: 'table_status', role: 'secondary', mask: 0x18 });
  const start = config({ packet_in: 0x7b, port_status: 7, flow_removed: 0x3f, requestforward: 3 }, { port_status: 7, role_status: 1 });
  t.deepEqual(applied(start, m), config(
    // requestforward was not listed: kept.
    { packet_in: 0x20, port_status: 0x5, flow_removed: 0x5, requestforward: 3 },
    // role_status secondary was not listed: kept.
    { packet_in: 0x45, port_status: 0x2, flow_removed: 0x1c, table_status: 0x18, role_status: 1 },
  ));
});

test('§10.7 printed as ovs-ofctl prints it', (t) => {
  const hex = '051c0040000000020000000800000005000100080000002000020008000000020003000800000005000400080000001c00050008000000050008000800000018';
  const line = formatMessage(decode(Buffer.from(hex, 'hex')));
  t.is(line, 'OFPT_SET_ASYNC (OF1.4) (xid=0x2): primary: PACKET_IN: packet_out PORT_STATUS: add modify FLOW_REMOVED: idle delete ' +
    'ROLE_STATUS: (off) TABLE_STATUS: (off) REQUESTFORWARD: (off) secondary: PACKET_IN: no_match invalid_ttl PORT_STATUS: delete ' +
    'FLOW_REMOVED: delete group_delete meter_delete ROLE_STATUS: (off) TABLE_STATUS: vacancy_down vacancy_up REQUESTFORWARD: (off)');
  t.is(ovsOfpPrint(hex).text, line);
});

test('§10.11 §4.6.7 GET_ASYNC_REQUEST in OF1.3 is answered with the default config in the legacy layout', (t) => {
  const request = decode(Buffer.from('041a00080000000a', 'hex'));
  t.is(request.type, 'get_async_request');
  const reply = asyncConfigToReply(defaultAsyncConfig(4), request.version, request.xid);
  const bytes = encode(reply);
  t.is(bytes.toString('hex'), '041b00200000000a' + '00000003' + '00000000' + '00000007' + '00000007' + '0000000f' + '00000000');
  const ovs = ovsOfpPrint(bytes).text;
  t.is(ovs, asOvsPrints(formatMessage(reply)));
  t.regex(ovs, /primary: PACKET_IN: no_match action PORT_STATUS: add delete modify FLOW_REMOVED: idle hard delete group_delete ROLE_STATUS: \(off\)/);
  t.regex(ovs, /secondary: PACKET_IN: \(off\) PORT_STATUS: add delete modify FLOW_REMOVED: \(off\)/);
});

test('§4.6.7 OF1.4+ GET_ASYNC_REPLY lists all twelve properties in type order, masked to the allowed bits', (t) => {
  const reply = asyncConfigToReply(config({ packet_in: 0xff, table_status: 0xffff }, { port_status: 7 }), 5, 3);
  t.is(reply.layout, 'properties');
  const hex = encode(reply).toString('hex');
  t.is(hex, hdr(5, 27, props([0, 0], [1, 0x3f], [2, 7], [3, 0], [4, 0], [5, 0], [6, 0], [7, 0], [8, 0], [9, 0x18], [10, 0], [11, 0]), 3));
  t.is(ovsOfpPrint(hex).text, asOvsPrints(formatMessage(reply)));
  t.deepEqual(asyncConfigOf(decode(Buffer.from(hex, 'hex')) as GetAsyncReplyMsg),
    config({ packet_in: 0x3f | 0x40, table_status: 0x18 }, { port_status: 7 }));
});

test('§4.6.7 OF1.0-1.2 have no GET_ASYNC_REPLY', (t) => {
  const e = t.throws(() => asyncConfigToReply(defaultAsyncConfig(3), 3, 1));
  t.true(OfpCodecError.is(e));
});

test('§10.18 OF1.3 SET_ASYNC enabling only secondary NO_MATCH turns everything else off', (t) => {
  const m = roundTrip(t, '041c002000000002000000000000000100000000000000000000000000000000');
  t.deepEqual(applied(defaultAsyncConfig(4), m), config({}, { packet_in: 0x41 }));
  t.true(asyncWants(applied(defaultAsyncConfig(4), m), 'secondary', 'packet_in', 6));
  t.false(asyncWants(applied(defaultAsyncConfig(4), m), 'primary', 'port_status', 0));
});

test('§10.10 NXT_SET_ASYNC_CONFIG2 (OF1.0, OF1.3) and OF1.4 SET_ASYNC enable REQUESTFORWARD, keeping the rest', (t) => {
  for (const hex of [nx(1, 27, props([10, 3])), nx(4, 27, props([11, 3])), hdr(5, 28, props([11, 3]))]) {
    const m = roundTrip(t, hex);
    t.like(m, { type: 'set_async', layout: 'properties' });
    const before = defaultAsyncConfig(m.version);
    const after = applied(before, m);
    const changed = hex.includes('000a0008') ? 'secondary' : 'primary';
    t.is(after[changed].requestforward, 3);
    t.deepEqual({ ...after[changed], requestforward: 0 }, { ...before[changed] });
  }
  t.like(decode(Buffer.from(nx(4, 27, props([11, 3])), 'hex')), { format: 'nx' });
});

test('§4.6.3 an unknown property type is OFPACFC_UNSUPPORTED', (t) => {
  const m = roundTrip(t, hdr(5, 28, props([1, 1], [12, 5])));
  t.deepEqual((m as SetAsyncMsg).props[1], { prop: 'unknown', type: 12, data: Buffer.from('00000005', 'hex') });
  t.is(refusal(defaultAsyncConfig(5), m), 'OFPACFC_UNSUPPORTED');
  t.is(ovsOfpPrint(encode(m)).text.includes('OFPACFC_UNSUPPORTED'), true);
});

test('§4.6.3 §4.6.4 bits outside the allowed mask are OFPACFC_INVALID; ACTION_SET is allowed from OF1.4 only', (t) => {
  t.is(refusal(defaultAsyncConfig(4), decode(Buffer.from(nx(4, 27, props([1, 0x08])), 'hex'))), 'OFPACFC_INVALID');
  t.is(refusal(defaultAsyncConfig(5), decode(Buffer.from(hdr(5, 28, props([1, 0x08])), 'hex'))), 'accepted');
  t.is(refusal(defaultAsyncConfig(5), decode(Buffer.from(hdr(5, 28, props([2, 0x08])), 'hex'))), 'OFPACFC_INVALID');
  t.is(refusal(defaultAsyncConfig(5), decode(Buffer.from(hdr(5, 28, props([8, 0x01])), 'hex'))), 'OFPACFC_INVALID');
  t.is(refusal(defaultAsyncConfig(5), decode(Buffer.from(hdr(5, 28, props([11, 0x04])), 'hex'))), 'OFPACFC_INVALID');
  t.true(ovsOfpPrint(hdr(5, 28, props([2, 0x08]))).text.includes('OFPACFC_INVALID'));
});

test('§4.6.3 experimenter properties are kept opaque and refused with OFPBPC_BAD_EXP_TYPE', (t) => {
  const exp = 'ffff' + '000e' + '00002320' + '00000007' + 'abcd' + '0000';
  const m = roundTrip(t, hdr(5, 28, props([1, 1]) + exp)) as SetAsyncMsg;
  t.deepEqual(m.props[1], { prop: 'experimenter', type: 0xffff, experimenter: 0x2320, expType: 7, data: Buffer.from('abcd', 'hex') });
  t.is(refusal(defaultAsyncConfig(5), m), 'OFPBPC_BAD_EXP_TYPE');
  t.is(decodeError(t, hdr(5, 28, 'fffe000c' + '00000000' + '00000001' + '00000000')), 'OFPBPC_BAD_EXPERIMENTER');
});

test('§4.6.3 the first bad property wins and nothing is applied', (t) => {
  const m = decode(Buffer.from(hdr(5, 28, props([3, 0], [1, 0xff], [12, 0])), 'hex'));
  t.is(refusal(defaultAsyncConfig(5), m), 'OFPACFC_INVALID');
  const m2 = decode(Buffer.from(hdr(5, 28, props([3, 0], [12, 0], [1, 0xff])), 'hex'));
  t.is(refusal(defaultAsyncConfig(5), m2), 'OFPACFC_UNSUPPORTED');
});

test('§4.6.2 the legacy layout drops disallowed bits silently', (t) => {
  const m = decode(Buffer.from(hdr(4, 28, '000000ff' + '00000000' + 'ffffffff' + '00000000' + 'ffffffff' + '00000000'), 'hex'));
  // packet-in 0xff & 0x07 = NO_MATCH|ACTION|INVALID_TTL, widened by §4.6.5.
  t.deepEqual(applied(emptyAsyncConfig(), m), config({ packet_in: 0x07 | 0x38 | 0x40, port_status: 7, flow_removed: 0x3f }, {}));
  const m14 = decode(Buffer.from(nx(5, 19, '000000ff' + '00000000'.repeat(5)), 'hex'));
  t.deepEqual(applied(emptyAsyncConfig(), m14), config({ packet_in: 0x3f | 0x40 }, {}));
});

test('§4.6.3 property framing errors are OFPBPC_BAD_LEN; a body not in 8-byte units or a legacy body of the wrong size is BAD_LEN', (t) => {
  t.is(decodeError(t, hdr(5, 28, '0000000300000000')), 'OFPBPC_BAD_LEN');
  t.is(decodeError(t, hdr(5, 28, '0000001000000001')), 'OFPBPC_BAD_LEN');
  t.is(decodeError(t, hdr(5, 28, '0000000c000000010000000000000000')), 'OFPBPC_BAD_LEN');
  t.is(decodeError(t, hdr(5, 28, 'ffff000800002320')), 'OFPBPC_BAD_LEN');
  t.is(decodeError(t, hdr(5, 28, '0000')), 'OFPBRC_BAD_LEN');
  t.is(decodeError(t, hdr(5, 28, props([1, 1]) + '00000000')), 'OFPBRC_BAD_LEN');
  t.is(decodeError(t, hdr(4, 28, '00000000'.repeat(5))), 'OFPBRC_BAD_LEN');
  t.is(decodeError(t, nx(1, 19, '00000000'.repeat(7))), 'OFPBRC_BAD_LEN');
});

test('§0.1 forms that a version lacks cannot be encoded', (t) => {
  const legacy = decode(Buffer.from('041c00200000000200000002000000050000000500000002000000020000000d', 'hex'));
  for (const v of [1, 2, 3, 5, 6]) t.is(encodeError(t, legacy, v), 'OFPBRC_BAD_VERSION');
  const config2 = decode(Buffer.from(nx(1, 27, props([10, 3])), 'hex'));
  t.is(encodeError(t, config2, 5), 'OFPBRC_BAD_VERSION');
  t.is(encode(config2, 4).toString('hex'), nx(4, 27, props([10, 3])));
  const reply: GetAsyncReplyMsg = { type: 'get_async_reply', version: 5, xid: 1, format: 'nx', layout: 'properties', props: [] };
  t.is(encodeError(t, reply), 'OFPBRC_BAD_TYPE');
});

test('§4.6.2 the legacy layout cannot carry role status, table status, requestforward or repeats', (t) => {
  const base = { type: 'set_async' as const, version: 1, xid: 2, format: 'nx' as const, layout: 'legacy' as const };
  t.is(encodeError(t, { ...base, props: [{ prop: 'role_status', role: 'primary', mask: 1 }] }), 'OFPACFC_UNSUPPORTED');
  t.is(encodeError(t, { ...base, props: [{ prop: 'unknown', type: 12, data: new Uint8Array() }] }), 'OFPACFC_UNSUPPORTED');
  t.is(encodeError(t, { ...base, props: [{ prop: 'port_status', role: 'primary', mask: 1 }, { prop: 'port_status', role: 'primary', mask: 2 }] }),
    'OFPBPC_DUP_TYPE');
  // A zero mask of another kind is what the legacy layout means anyway, and missing masks are zero.
  t.is(encode({ ...base, props: [{ prop: 'role_status', role: 'primary', mask: 0 }, { prop: 'flow_removed', role: 'secondary', mask: 4 }] })
    .toString('hex'), nx(1, 19, '00000000'.repeat(5) + '00000004'));
});

test('§4.6.4 allowed masks per kind and version', (t) => {
  t.deepEqual(ASYNC_MSG_KINDS.map((k) => allowedAsyncMask(k, 4)), [0x07, 0x07, 0x3f, 0x07, 0x18, 0x03]);
  t.deepEqual(ASYNC_MSG_KINDS.map((k) => allowedAsyncMask(k, 5)), [0x3f, 0x07, 0x3f, 0x07, 0x18, 0x03]);
});

test('§4.6.1 defaults per version; disabled or versionless sessions get nothing', (t) => {
  t.deepEqual(defaultAsyncConfig(1), config({ packet_in: 0xfb, port_status: 7, flow_removed: 0x07 }, { port_status: 7 }));
  t.deepEqual(defaultAsyncConfig(3), defaultAsyncConfig(1));
  t.deepEqual(defaultAsyncConfig(4), config({ packet_in: 0x7b, port_status: 7, flow_removed: 0x0f }, { port_status: 7 }));
  t.deepEqual(defaultAsyncConfig(5), config({ packet_in: 0x7b, port_status: 7, flow_removed: 0x3f }, { port_status: 7 }));
  t.deepEqual(effectiveAsyncConfig(undefined, 4, true), defaultAsyncConfig(4));
  t.deepEqual(effectiveAsyncConfig(undefined, 4, false), emptyAsyncConfig());
  t.deepEqual(effectiveAsyncConfig(undefined, undefined, true), emptyAsyncConfig());
  const explicit = config({}, { packet_in: 1 });
  t.is(effectiveAsyncConfig(explicit, 4, false), explicit);
});

test('§4.6.5 ACTION widening applies to sessions below OF1.4 only', (t) => {
  const c = config({ packet_in: 0x2 }, { packet_in: 0x3 });
  t.deepEqual(normaliseForSession(c, 4), config({ packet_in: 0x3a }, { packet_in: 0x3b }));
  t.is(normaliseForSession(c, 5), c);
});

test('§4.3.7 the invalid-TTL flag sets and clears INVALID_TTL in the primary packet-in mask', (t) => {
  const on = withInvalidTtlToController(defaultAsyncConfig(4), true, 4);
  t.is(on.primary.packet_in, 0x7f);
  t.is(on.secondary.packet_in, 0);
  t.is(withInvalidTtlToController(on, false, 4).primary.packet_in, 0x7b);
});

test('§4.5.1 asyncWants reads the secondary masks for secondaries and the primary masks for primary and equal', (t) => {
  const c = defaultAsyncConfig(4);
  t.true(asyncWants(c, 'equal', 'packet_in', 0));
  t.true(asyncWants(c, 'primary', 'flow_removed', 3));
  t.false(asyncWants(c, 'secondary', 'packet_in', 0));
  t.true(asyncWants(c, 'secondary', 'port_status', 2));
  t.false(asyncWants(c, 'primary', 'role_status', 0));
});

// Property tests.

const kind = fc.constantFrom(...ASYNC_MSG_KINDS);
const maskRole = fc.constantFrom('primary' as const, 'secondary' as const);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b));
const maskProp = fc.record({ prop: kind, role: maskRole, mask: u32 });
const anyProp: fc.Arbitrary<AsyncProp> = fc.oneof(
  { weight: 4, arbitrary: maskProp },
  fc.record({
    prop: fc.constant('experimenter' as const),
    type: fc.constantFrom(0xfffe as const, 0xffff as const),
    experimenter: fc.integer({ min: 1, max: 0xffffffff }),
    expType: u32,
    data: bytes,
  }),
  fc.record({ prop: fc.constant('unknown' as const), type: fc.integer({ min: 12, max: 0xfffd }), data: bytes }),
);
const legacyProps = fc.tuple(u32, u32, u32, u32, u32, u32).map(([a, b, c, d, e, f]): AsyncProp[] => [
  { prop: 'packet_in', role: 'primary', mask: a },
  { prop: 'packet_in', role: 'secondary', mask: b },
  { prop: 'port_status', role: 'primary', mask: c },
  { prop: 'port_status', role: 'secondary', mask: d },
  { prop: 'flow_removed', role: 'primary', mask: e },
  { prop: 'flow_removed', role: 'secondary', mask: f },
]);

interface AsyncForm {
  readonly type: 'set_async' | 'get_async_reply';
  readonly format: 'standard' | 'nx';
  readonly layout: 'legacy' | 'properties';
  readonly version: number;
}
const forms = (type: AsyncForm['type'], format: AsyncForm['format'], layout: AsyncForm['layout'], versions: number[]): AsyncForm[] =>
  versions.map((version) => ({ type, format, layout, version }));

/** Every (type, format, layout, version) that has a wire form. */
const FORMS: AsyncForm[] = [
  ...forms('set_async', 'standard', 'legacy', [4]),
  ...forms('set_async', 'standard', 'properties', [5, 6]),
  ...forms('set_async', 'nx', 'legacy', [1, 2, 3, 4, 5, 6]),
  ...forms('set_async', 'nx', 'properties', [1, 2, 3, 4]),
  ...forms('get_async_reply', 'standard', 'legacy', [4]),
  ...forms('get_async_reply', 'standard', 'properties', [5, 6]),
];

function asyncMessage(propsFor: (layout: 'legacy' | 'properties', version: number) => fc.Arbitrary<AsyncProp[]>) {
  return fc.constantFrom(...FORMS).chain((form) =>
    fc.record({ xid: u32, props: propsFor(form.layout, form.version) })
      .map(({ xid, props }) => ({ ...form, xid, props }) as SetAsyncMsg | GetAsyncReplyMsg));
}

test('§4.6 property: every async config form survives encode -> decode in every version that has it', (t) => {
  const msg = asyncMessage((layout) => (layout === 'legacy' ? legacyProps : fc.array(anyProp, { maxLength: 14 })));
  fc.assert(fc.property(msg, (m) => {
    t.deepEqual(decode(encode(m)), m);
  }), { numRuns: 500 });
});

test('§4.6.3 property: a valid property SET_ASYNC is applied mask by mask, last one winning', (t) => {
  const validProp = (version: number) => maskProp.map((p) => ({ ...p, mask: p.mask & allowedAsyncMask(p.prop, version) }));
  const msg = asyncMessage((layout, version) => (layout === 'legacy' ? legacyProps : fc.array(validProp(version), { maxLength: 14 })))
    .filter((m): m is SetAsyncMsg => m.type === 'set_async' && m.layout === 'properties');
  fc.assert(fc.property(msg, (m) => {
    const before = defaultAsyncConfig(m.version);
    const after = applied(before, m);
    for (const k of ASYNC_MSG_KINDS) {
      for (const r of ['primary', 'secondary'] as const) {
        const last = m.props.filter((p) => p.prop === k && p.role === r).pop();
        if (k === 'packet_in') continue;
        t.is(after[r][k], last && last.prop !== 'unknown' && last.prop !== 'experimenter' ? last.mask : before[r][k]);
      }
    }
  }), { numRuns: 300 });
});

test('§4.6 property: ovs-ofctl decodes our async config encodings and prints the same masks', (t) => {
  const validProp = (version: number) => maskProp.map((p) => ({ ...p, mask: p.mask & allowedAsyncMask(p.prop, version) }));
  const msg = asyncMessage((layout, version) => (layout === 'legacy' ? legacyProps : fc.array(validProp(version), { maxLength: 12 })));
  fc.assert(fc.property(msg, (m) => {
    const ovs = ovsOfpPrint(encode(m));
    t.false(ovs.failed, ovs.text);
    t.is(ovs.text, asOvsPrints(formatMessage(m)));
  }), { numRuns: 40 });
});

test('§2.9 property: random async config bodies decode or fail with an OfpCodecError, and what decodes is stable', (t) => {
  const prefixes = [
    { version: 4, head: '1c', vendor: '' }, { version: 5, head: '1c', vendor: '' }, { version: 4, head: '1b', vendor: '' },
    { version: 6, head: '1b', vendor: '' }, { version: 1, head: '04', vendor: '0000232000000013' },
    { version: 3, head: '04', vendor: '000023200000001b' },
  ];
  // Bodies built from property-like pieces, so that many of them decode.
  const piece = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 14 }), u32).map(([type, mask]) => props([type, mask])),
    fc.tuple(fc.constantFrom('fffe', 'ffff'), fc.integer({ min: 0, max: 24 }), u32, u32)
      .map(([type, len, exp, expType]) => type + len.toString(16).padStart(4, '0') + exp.toString(16).padStart(8, '0') + expType.toString(16).padStart(8, '0')),
    fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('hex')),
  );
  fc.assert(fc.property(fc.constantFrom(...prefixes), fc.array(piece, { maxLength: 6 }), (p, pieces) => {
    const body = p.vendor + pieces.join('');
    const hex = hdr(p.version, parseInt(p.head, 16), body);
    let m: OfpMessage;
    try {
      m = decode(Buffer.from(hex, 'hex'));
    } catch (e) {
      t.true(OfpCodecError.is(e), String(e));
      return;
    }
    t.deepEqual(decode(encode(m)), m);
  }), { numRuns: 2000 });
});
