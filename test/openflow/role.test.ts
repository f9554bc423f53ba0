import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { formatMessage } from '../../src/openflow/printer.js';
import {
  GENERATION_ID_UNDEFINED,
  parseRoleName,
  type Role,
  roleDatabaseName,
  roleFromNx,
  roleFromWire,
  type RoleReplyMsg,
  type RoleRequestMsg,
  type RoleStatusMsg,
  roleToNx,
  roleToWire,
} from '../../src/openflow/role.js';
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

test('§10.4 NXT role requests secondary and primary decode and re-encode byte for byte', (t) => {
  t.like(roundTrip(t, '0104001400000002000023200000000a00000002'),
    { type: 'role_request', format: 'nx', role: 'secondary', xid: 2, generationId: GENERATION_ID_UNDEFINED });
  t.like(roundTrip(t, '0104001400000002000023200000000a00000001'), { type: 'role_request', format: 'nx', role: 'primary' });
  t.like(roundTrip(t, '0304001400000002000023200000000a00000000'), { type: 'role_request', version: 3, role: 'equal' });
  t.like(roundTrip(t, '0104001400000002000023200000000b00000002'), { type: 'role_reply', format: 'nx', role: 'secondary' });
});

test('§10.5 OF1.2 ROLE_REQUEST secondary gen 1 and primary gen 2', (t) => {
  t.like(roundTrip(t, '031800180000000200000003000000000000000000000001'),
    { type: 'role_request', format: 'standard', version: 3, role: 'secondary', generationId: 1n });
  t.like(roundTrip(t, '031800180000000400000002000000000000000000000002'),
    { type: 'role_request', format: 'standard', role: 'primary', generationId: 2n, xid: 4 });
});

test('§10.9 generation ids use all 64 bits (2^63+2) and the reply form is type 25', (t) => {
  const m = roundTrip(t, '04190018000000070000000300000000' + '8000000000000002');
  t.like(m, { type: 'role_reply', role: 'secondary', generationId: (1n << 63n) + 2n });
  t.is(formatMessage(m), 'OFPT_ROLE_REPLY (OF1.3) (xid=0x7): role=secondary generation_id=9223372036854775810');
});

test('§4.4.3 a standard role outside 0..3 is OFPRRFC_BAD_ROLE, request and reply', (t) => {
  t.is(decodeError(t, '031800180000000200000004000000000000000000000005'), 'OFPRRFC_BAD_ROLE');
  t.is(decodeError(t, '0419001800000002ffffffff000000000000000000000005'), 'OFPRRFC_BAD_ROLE');
});

test('§4.4.2 a Nicira role outside 0..2 is OFPRRFC_BAD_ROLE', (t) => {
  t.is(decodeError(t, '0104001400000002000023200000000a00000003'), 'OFPRRFC_BAD_ROLE');
  t.is(decodeError(t, '0404001400000002000023200000000b00000009'), 'OFPRRFC_BAD_ROLE');
});

test('§0.1 role bodies of the wrong length are BAD_LEN', (t) => {
  t.is(decodeError(t, '0104001800000002000023200000000a0000000200000000'), 'OFPBRC_BAD_LEN');
  t.is(decodeError(t, '0318001000000002' + '0000000300000000'), 'OFPBRC_BAD_LEN');
});

test('§4.4.2 the Nicira form cannot say nochange: encoding throws OFPRRFC_BAD_ROLE', (t) => {
  const m: RoleRequestMsg = { type: 'role_request', version: 1, xid: 1, format: 'nx', role: 'nochange', generationId: 0n };
  t.is(encodeError(t, m), 'OFPRRFC_BAD_ROLE');
});

test('§0.1 the standard form does not exist before OF1.2: encoding throws BAD_VERSION', (t) => {
  const m: RoleRequestMsg = { type: 'role_request', version: 3, xid: 1, format: 'standard', role: 'primary', generationId: 5n };
  t.is(encodeError(t, m, 1), 'OFPBRC_BAD_VERSION');
  t.is(encodeError(t, m, 2), 'OFPBRC_BAD_VERSION');
  t.is(encode(m, 6).toString('hex'), '061800180000000100000002000000000000000000000005');
});

test('§4.4.2 the Nicira form carries no generation id: encoding ignores it', (t) => {
  const m: RoleReplyMsg = { type: 'role_reply', version: 4, xid: 9, format: 'nx', role: 'primary', generationId: 77n };
  t.is(encode(m).toString('hex'), '0404001400000009000023200000000b00000001');
});

test('§4.4.4 a reply with the undefined generation id and a nochange request print no generation id, as ovs-ofctl', (t) => {
  const reply: RoleReplyMsg = { type: 'role_reply', version: 5, xid: 1, format: 'standard', role: 'equal', generationId: GENERATION_ID_UNDEFINED };
  t.is(formatMessage(reply), 'OFPT_ROLE_REPLY (OF1.4) (xid=0x1): role=equal');
  const nochange: RoleRequestMsg = { type: 'role_request', version: 5, xid: 1, format: 'standard', role: 'nochange', generationId: 3n };
  t.is(formatMessage(nochange), 'OFPT_ROLE_REQUEST (OF1.4) (xid=0x1): role=nochange');
  const replyNochange: RoleReplyMsg = { ...reply, role: 'nochange', generationId: 3n };
  t.is(formatMessage(replyNochange), 'OFPT_ROLE_REPLY (OF1.4) (xid=0x1): role=nochange generation_id=3');
  for (const m of [reply, nochange, replyNochange]) t.is(ovsOfpPrint(encode(m)).text, asOvsPrints(formatMessage(m)));
});

test('§4.4.5 role status: OFPT_ROLE_STATUS (30) in OF1.4+, ONFT_ROLE_STATUS (1911) in OF1.3', (t) => {
  const status: RoleStatusMsg = { type: 'role_status', version: 5, xid: 0, role: 'secondary', reason: 0, generationId: 1n };
  t.is(encode(status).toString('hex'), '051e001800000000' + '00000003' + '00000000' + '0000000000000001');
  t.is(encode(status, 6).toString('hex'), '061e001800000000' + '00000003' + '00000000' + '0000000000000001');
  t.is(encode(status, 4).toString('hex'), '0404002000000000' + '4f4e460000000777' + '00000003' + '00000000' + '0000000000000001');
  t.like(roundTrip(t, '0404002000000000' + '4f4e460000000777' + '00000003' + '01000000' + '00000000000000ff'),
    { type: 'role_status', version: 4, role: 'secondary', reason: 1, generationId: 255n });
  t.is(ovsOfpPrint(encode(status)).text, 'OFPT_ROLE_STATUS (OF1.4) (xid=0x0): role=secondary generation_id=1 reason=primary_request');
  t.is(ovsOfpPrint(encode(status, 4)).text, 'ONFT_ROLE_STATUS (OF1.3) (xid=0x0): role=secondary generation_id=1 reason=primary_request');
});

test('§4.4.5 OF1.0-1.2 cannot express role status: encoding throws', (t) => {
  const status: RoleStatusMsg = { type: 'role_status', version: 5, xid: 0, role: 'secondary', reason: 0, generationId: 1n };
  for (const v of [1, 2, 3]) t.is(encodeError(t, status, v), 'OFPBRC_BAD_VERSION');
});

test('§4.4.5 role status properties are kept; a ragged property list is BAD_LEN; a bad role is BAD_ROLE', (t) => {
  const hex = '051e002000000000' + '00000002' + '02000000' + 'ffffffffffffffff' + 'ffff000800002320';
  const m = roundTrip(t, hex) as RoleStatusMsg;
  t.is(Buffer.from(m.properties!).toString('hex'), 'ffff000800002320');
  t.is(formatMessage(m), 'OFPT_ROLE_STATUS (OF1.4) (xid=0x0): role=primary reason=experimenter_data_changed');
  t.is(decodeError(t, '051e001c00000000' + '00000002' + '02000000' + 'ffffffffffffffff' + 'ffff0004'), 'OFPBRC_BAD_LEN');
  t.is(decodeError(t, '051e001800000000' + '00000009' + '00000000' + '0000000000000001'), 'OFPRRFC_BAD_ROLE');
});

test('§0 role names: current spelling, and the old names OVS tools still use', (t) => {
  t.is(parseRoleName('master'), 'primary');
  t.is(parseRoleName('slave'), 'secondary');
  t.is(parseRoleName('other'), 'equal');
  t.is(parseRoleName('Primary'), 'primary');
  t.is(parseRoleName('nochange'), 'nochange');
  t.is(parseRoleName('leader'), undefined);
  t.is(roleDatabaseName('primary'), 'master');
  t.is(roleDatabaseName('secondary'), 'slave');
  t.is(roleDatabaseName('equal'), 'other');
});

test('§0.1 role wire values: OF1.2+ 0..3, Nicira = OF value minus one', (t) => {
  const roles: Role[] = ['nochange', 'equal', 'primary', 'secondary'];
  t.deepEqual(roles.map(roleToWire), [0, 1, 2, 3]);
  t.deepEqual(roles.map(roleToNx), [undefined, 0, 1, 2]);
  t.deepEqual([0, 1, 2, 3, 4].map(roleFromWire), [...roles, undefined]);
  t.deepEqual([0, 1, 2, 3].map(roleFromNx), ['equal', 'primary', 'secondary', undefined]);
});

const role = fc.constantFrom<Role>('nochange', 'equal', 'primary', 'secondary');
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const xid = fc.integer({ min: 0, max: 0xffffffff });

/** A role request or reply in a version and form that can express it, normalised as decoding gives it. */
const roleMessage = fc.record({
  type: fc.constantFrom('role_request' as const, 'role_reply' as const),
  format: fc.constantFrom('standard' as const, 'nx' as const),
  role,
  generationId: u64,
  xid,
  version: fc.integer({ min: 1, max: 6 }),
}).filter((m) => (m.format === 'standard' ? m.version >= 3 : m.role !== 'nochange'))
  .map((m): RoleRequestMsg | RoleReplyMsg => (m.format === 'nx' ? { ...m, generationId: GENERATION_ID_UNDEFINED } : m));

const roleStatus = fc.record({
  type: fc.constant('role_status' as const),
  role,
  reason: fc.integer({ min: 0, max: 255 }),
  generationId: u64,
  xid,
  version: fc.integer({ min: 4, max: 6 }),
}).map((m): RoleStatusMsg => m);

test('§4.4 property: role messages survive encode -> decode in every version that can express them', (t) => {
  fc.assert(fc.property(fc.oneof(roleMessage, roleStatus), (m) => {
    t.deepEqual(decode(encode(m)), m);
  }), { numRuns: 500 });
});

test('§4.4 property: ovs-ofctl decodes our role encodings and prints the same role, generation id and reason', (t) => {
  fc.assert(fc.property(fc.oneof(roleMessage, roleStatus.filter((m) => m.reason <= 2)), (m) => {
    const ovs = ovsOfpPrint(encode(m));
    t.false(ovs.failed, ovs.text);
    t.is(ovs.text, asOvsPrints(formatMessage(m)));
  }), { numRuns: 40 });
});

test('§4.4.3 encoding a name that is not a role throws OFPRRFC_BAD_ROLE instead of writing garbage', (t) => {
  for (const format of ['standard', 'nx'] as const) {
    const m = { type: 'role_request', version: 4, xid: 1, format, role: 'master', generationId: 0n } as unknown as OfpMessage;
    const e = t.throws(() => encode(m));
    t.is((e as { ofperr?: string }).ofperr, 'OFPRRFC_BAD_ROLE');
  }
});
