import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { formatMessage } from '../../src/openflow/printer.js';
import {
  FLOW_FORMAT,
  type FlowAgeMsg,
  type FlowModTableIdMsg,
  PACKET_IN_FORMAT,
  type SetControllerIdMsg,
  type SetFlowFormatMsg,
  type SetPacketInFormatMsg,
} from '../../src/openflow/session-settings.js';
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

/** A Nicira message of 'version' with 'subtype' and body 'bodyHex', xid 2. */
const nx = (version: number, subtype: number, bodyHex: string): string =>
  version.toString(16).padStart(2, '0') + '04' + (16 + bodyHex.length / 2).toString(16).padStart(4, '0') +
  '00000002' + '00002320' + subtype.toString(16).padStart(8, '0') + bodyHex;

test('§10.4 NXT_SET_CONTROLLER_ID 123 and back to 0', (t) => {
  t.like(roundTrip(t, '01040018000000030000232000000014000000000000007b'), { type: 'set_controller_id', controllerId: 123, xid: 3 });
  t.like(roundTrip(t, '010400180000000300002320000000140000000000000000'), { type: 'set_controller_id', controllerId: 0 });
  t.like(roundTrip(t, nx(4, 20, '00000000' + '0000ffff')), { type: 'set_controller_id', version: 4, controllerId: 0xffff });
});

test('§4.3.6 nonzero controller id padding is NXBRC_MUST_BE_ZERO', (t) => {
  t.is(decodeError(t, '0104001800000003000023200000001400000100007b007b'), 'NXBRC_MUST_BE_ZERO');
  t.is(decodeError(t, nx(4, 20, '00000000' + '0001007b')), 'NXBRC_MUST_BE_ZERO');
});

test('§4.3.6 a controller id beyond 16 bits cannot be encoded', (t) => {
  const m: SetControllerIdMsg = { type: 'set_controller_id', version: 1, xid: 1, controllerId: 0x10000 };
  t.is(encodeError(t, m), 'OFPBRC_EPERM');
});

test('§4.3.4 NXT_SET_FLOW_FORMAT openflow10 and nxm, and any other value as sent', (t) => {
  t.like(roundTrip(t, nx(1, 12, '00000000')), { type: 'set_flow_format', format: FLOW_FORMAT.openflow10 });
  t.like(roundTrip(t, nx(1, 12, '00000002')), { type: 'set_flow_format', format: FLOW_FORMAT.nxm });
  const odd = roundTrip(t, nx(1, 12, '00000005'));
  t.like(odd, { type: 'set_flow_format', format: 5 });
  t.is(formatMessage(odd), 'NXT_SET_FLOW_FORMAT (OF1.0) (xid=0x2): format=(unknown)');
});

test('§0.1 NXT_SET_FLOW_FORMAT exists in OF1.0 only', (t) => {
  const m: SetFlowFormatMsg = { type: 'set_flow_format', version: 1, xid: 1, format: 2 };
  for (const v of [2, 3, 4, 5, 6]) t.is(encodeError(t, m, v), 'OFPBRC_BAD_VERSION');
  t.is(decodeError(t, nx(4, 12, '00000002')), 'OFPBRC_BAD_SUBTYPE');
});

test('§4.3.4 NXT_FLOW_MOD_TABLE_ID: a nonzero first byte enables, in any version', (t) => {
  t.like(roundTrip(t, nx(1, 15, '0100000000000000')), { type: 'flow_mod_table_id', enable: true });
  t.like(roundTrip(t, nx(4, 15, '0000000000000000')), { type: 'flow_mod_table_id', enable: false });
  const five = decode(Buffer.from(nx(6, 15, '0500000000000000'), 'hex'));
  t.like(five, { type: 'flow_mod_table_id', enable: true });
  t.is(encode(five).toString('hex'), nx(6, 15, '0100000000000000'));
  t.is(decodeError(t, nx(1, 15, '01000000')), 'OFPBRC_BAD_LEN');
});

test('§4.3.5 NXT_SET_PACKET_IN_FORMAT standard, nxt_packet_in, nxt_packet_in2; other values decode for the session to refuse', (t) => {
  t.like(roundTrip(t, nx(1, 16, '00000000')), { type: 'set_packet_in_format', format: PACKET_IN_FORMAT.standard });
  t.like(roundTrip(t, nx(3, 16, '00000001')), { type: 'set_packet_in_format', format: PACKET_IN_FORMAT.nxt_packet_in });
  t.like(roundTrip(t, nx(5, 16, '00000002')), { type: 'set_packet_in_format', format: PACKET_IN_FORMAT.nxt_packet_in2 });
  t.like(roundTrip(t, nx(4, 16, '00000003')), { type: 'set_packet_in_format', format: 3 });
  t.is(decodeError(t, nx(4, 16, '0000000300')), 'OFPBRC_BAD_LEN');
});

test('§4.13.2 NXT_FLOW_AGE has no body', (t) => {
  t.like(roundTrip(t, '01040010000000020000232000000012'), { type: 'flow_age' });
  t.is(decodeError(t, '0104001100000002000023200000001200'), 'OFPBRC_BAD_LEN');
});

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const base = { xid: u32, version: fc.integer({ min: 1, max: 6 }) };
const settings: fc.Arbitrary<OfpMessage> = fc.oneof(
  fc.record({ type: fc.constant('set_flow_format' as const), format: u32, xid: u32, version: fc.constant(1) })
    .map((m): SetFlowFormatMsg => m),
  fc.record({ type: fc.constant('flow_mod_table_id' as const), enable: fc.boolean(), ...base }).map((m): FlowModTableIdMsg => m),
  fc.record({ type: fc.constant('set_packet_in_format' as const), format: u32, ...base }).map((m): SetPacketInFormatMsg => m),
  fc.record({ type: fc.constant('set_controller_id' as const), controllerId: fc.integer({ min: 0, max: 0xffff }), ...base })
    .map((m): SetControllerIdMsg => m),
  fc.record({ type: fc.constant('flow_age' as const), ...base }).map((m): FlowAgeMsg => m),
);

test('§4.3.4-4.3.6 property: session settings survive encode -> decode in every version that has them', (t) => {
  fc.assert(fc.property(settings, (m) => {
    t.deepEqual(decode(encode(m)), m);
  }), { numRuns: 500 });
});

test('§4.3.4-4.3.6 property: ovs-ofctl prints our session-setting encodings as we do', (t) => {
  const valid = settings.filter((m) => m.type !== 'set_packet_in_format' || m.format <= 2);
  fc.assert(fc.property(valid, (m) => {
    const ovs = ovsOfpPrint(encode(m));
    t.false(ovs.failed, ovs.text);
    t.is(ovs.text, asOvsPrints(formatMessage(m)));
  }), { numRuns: 40 });
});

test('§4.3.5 ovs-ofctl refuses a packet-in format we decode, as the session will (EPERM)', (t) => {
  t.regex(ovsOfpPrint(nx(1, 16, '00000003')).text, /OFPBRC_EPERM/);
  t.like(decode(Buffer.from(nx(1, 16, '00000003'), 'hex')), { format: 3 });
});
