import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import type { MeterBand, MeterModMsg } from '../../src/openflow/meter-mod.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';

const ovsOfpPrint = (b: Uint8Array): string => ofpPrint(b).trimEnd();
const withOvs = hasOvsOfctl ? test : test.skip;

// os-ken OFPMeterMod(command=ADD, flags=KBPS|BURST|STATS, meter_id=7,
// bands=[Drop(1000, 100), DscpRemark(2000, 200, prec_level=2)]).serialize()
const OSKEN_ADD = '041d0030000000010000000d00000007' + '00010010000003e80000006400000000' + '00020010000007d0000000c802000000';
// os-ken OFPMeterMod(command=DELETE, flags=0, meter_id=OFPM_ALL, bands=[])
const OSKEN_DEL_ALL = '041d00100000000100020000ffffffff';

test('METER_MOD from os-ken round-trips and decodes its bands', (t) => {
  const m = roundTripHex(t, OSKEN_ADD) as MeterModMsg;
  t.like(m, { type: 'meter_mod', version: 4, xid: 1, command: 'add', flags: 0xd, meterId: 7 });
  t.deepEqual(m.bands, [
    { type: 'drop', rate: 1000, burstSize: 100 },
    { type: 'dscp_remark', rate: 2000, burstSize: 200, precLevel: 2 },
  ]);
  t.like(roundTripHex(t, OSKEN_DEL_ALL), { command: 'delete', meterId: 0xffffffff, bands: [] });
});

test('METER_MOD in OF1.4 and OF1.5 has the OF1.3 layout', (t) => {
  const m = decode(Buffer.from(OSKEN_ADD, 'hex')) as MeterModMsg;
  for (const v of [5, 6]) {
    const bytes = encode(m, v);
    t.is(bytes.toString('hex'), `0${v}` + OSKEN_ADD.slice(2));
  }
});

test('an experimenter band keeps its id and data; an unknown command is kept as a number', (t) => {
  const hex = '041d002800000002' + '0007' + '0002' + '00000001' + 'ffff0018' + '00000064' + '00000000' + '00002320' + '0102030405060708';
  const m = roundTripHex(t, hex) as MeterModMsg;
  t.is(m.command, 7);
  const band = m.bands[0]!;
  t.is(band.type, 'experimenter');
  if (band.type !== 'experimenter') return;
  t.is(band.experimenter, 0x2320);
  t.is(Buffer.from(band.data).toString('hex'), '0102030405060708');
});

test('malformed METER_MOD bands: bad length is OFPBRC_BAD_LEN, unknown type is OFPMMFC_BAD_BAND', (t) => {
  const head = (len: number) => `041d${len.toString(16).padStart(4, '0')}00000001` + '00000000' + '00000001';
  t.is(decodeErrorOf(t, head(32) + '0001000c000003e80000006400000000'), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, head(32) + '00010018000003e80000006400000000'), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, head(40) + '00010018000003e800000064' + '00'.repeat(12)), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, head(32) + '00030010000003e80000006400000000'), 'OFPMMFC_BAD_BAND');
  t.is(decodeErrorOf(t, head(20) + '00010010'), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, '041d000c000000010000000d'), 'OFPBRC_BAD_LEN');
});

test('METER_MOD cannot be encoded before OF1.3', (t) => {
  const m = decode(Buffer.from(OSKEN_ADD, 'hex'));
  for (const v of [1, 2, 3]) t.is(codecErrorOf(t, () => encode(m, v)), 'OFPBRC_BAD_VERSION');
});

withOvs('ovs-ofctl reads our METER_MOD as we meant it, and our printer says the same', (t) => {
  const m: MeterModMsg = {
    type: 'meter_mod', version: 4, xid: 9, command: 'modify', flags: 0x6, meterId: 12,
    bands: [{ type: 'dscp_remark', rate: 300, burstSize: 30, precLevel: 1 }],
  };
  const out = ovsOfpPrint(encode(m));
  t.is(out, 'OFPT_METER_MOD (OF1.3) (xid=0x9): MOD meter=12 pktps burst bands=\ntype=dscp_remark rate=300 burst_size=30 prec_level=1');
  t.is(formatMessage(m), 'OFPT_METER_MOD (OF1.3) (xid=0x9): MOD meter=12 pktps burst bands=type=dscp_remark rate=300 burst_size=30 prec_level=1');
});

const bandArb: fc.Arbitrary<MeterBand> = fc.oneof(
  fc.record({ type: fc.constant('drop' as const), rate: fc.nat(), burstSize: fc.nat() }),
  fc.record({ type: fc.constant('dscp_remark' as const), rate: fc.nat(), burstSize: fc.nat(), precLevel: fc.nat(255) }),
  fc.record({
    type: fc.constant('experimenter' as const), rate: fc.nat(), burstSize: fc.nat(), experimenter: fc.nat(),
    data: fc.nat(3).chain((n) => fc.uint8Array({ minLength: n * 8, maxLength: n * 8 })),
  }),
);

const meterModArb: fc.Arbitrary<MeterModMsg> = fc.record({
  type: fc.constant('meter_mod' as const),
  version: fc.constantFrom(4, 5, 6),
  xid: fc.nat(),
  command: fc.oneof(fc.constantFrom('add' as const, 'modify' as const, 'delete' as const), fc.integer({ min: 3, max: 0xffff })),
  flags: fc.nat(0xffff),
  meterId: fc.nat(0xffffffff),
  bands: fc.array(bandArb, { maxLength: 5 }),
});

test('property: a neutral METER_MOD encodes and decodes back to itself in OF1.3-1.5', (t) => {
  fc.assert(fc.property(meterModArb, (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 300 });
  t.pass();
});
