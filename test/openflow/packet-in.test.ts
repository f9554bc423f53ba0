import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import { NO_BUFFER, NO_COOKIE, type PacketInMsg } from '../../src/openflow/packet-in.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { oxmMatchArb, portArb, u16, u32, u64 } from '../support/flow-arbitraries.js';
import { hasOsKen, hasOvsOfctl, ofpPrint, python } from '../support/ofp-peers.js';

const withOvs = hasOvsOfctl ? test : test.skip;
const withOsKen = hasOsKen ? test : test.skip;

/** A 60-byte ARP request from 00:00:00:00:00:01 (192.168.0.1) for 192.168.0.2, padded to the Ethernet minimum. */
const FRAME = 'ffffffffffff' + '000000000001' + '0806' + '0001080006040001' + '000000000001' + 'c0a80001' + '000000000000' + 'c0a80002' + '00'.repeat(18);

/** A whole message of wire version 'v' and header type 't' (hex), xid 7, around 'body'. */
function msg(v: number, t: number, body: string): string {
  const len = 8 + body.length / 2;
  return v.toString(16).padStart(2, '0') + t.toString(16).padStart(2, '0') + len.toString(16).padStart(4, '0') + '00000007' + body;
}

/** OXM ofp_match with in_port=5: type 1, length 12, OXM_OF_IN_PORT, 4 bytes of padding. */
const OXM_IN_PORT_5 = '0001000c' + '80000004' + '00000005' + '00000000';

// Each layout as reference §4.7.2/§4.7.3 describes it; ovs-ofctl reads them as the comments say.
/** OF1.0: unbuffered, total_len 60, in_port 3, reason action. */
const PIN_10 = msg(1, 10, 'ffffffff' + '003c' + '0003' + '01' + '00' + FRAME);
/** OF1.2: buffer 0x100, reason no_match, table 2, in_port=5 (no cookie field). */
const PIN_12 = msg(3, 10, '00000100' + '003c' + '00' + '02' + OXM_IN_PORT_5 + '0000' + FRAME);
/** OF1.3: reason action, table 2, cookie 0x1234, in_port=5. */
const PIN_13 = msg(4, 10, 'ffffffff' + '003c' + '01' + '02' + '0000000000001234' + OXM_IN_PORT_5 + '0000' + FRAME);
/** NXT_PACKET_IN in OF1.0: table 5, cookie 0xab, NXM in_port=3 and reg0=9 (14 bytes, 2 of padding). */
const NXT_10 = msg(1, 4, '00002320' + '00000011' + 'ffffffff' + '003c' + '01' + '05' + '00000000000000ab' + '000e' + '000000000000' +
  '00000002' + '0003' + '00010004' + '00000009' + '0000' + '0000' + FRAME);

test('§4.7.2 OF1.0 PACKET_IN: in_port becomes the match, no table id, no cookie', (t) => {
  const m = roundTripHex(t, PIN_10) as PacketInMsg;
  t.like(m, { type: 'packet_in', version: 1, xid: 7, format: 'standard', bufferId: NO_BUFFER, totalLen: 60, reason: 1, tableId: 0, cookie: NO_COOKIE });
  t.deepEqual(m.match, [{ field: 'in_port', value: 3 }]);
  t.is(Buffer.from(m.data).toString('hex'), FRAME);
});

test('§4.7.2 OF1.0 PACKET_IN reserved in_port maps to the 32-bit numbering', (t) => {
  const m = roundTripHex(t, msg(1, 10, 'ffffffff' + '003c' + 'fffe' + '00' + '00' + FRAME)) as PacketInMsg;
  t.deepEqual(m.match, [{ field: 'in_port', value: 0xfffffffe }]);
});

test('§4.7.2 OF1.2 PACKET_IN: OXM match, table id, no cookie', (t) => {
  const m = roundTripHex(t, PIN_12) as PacketInMsg;
  t.like(m, { version: 3, format: 'standard', bufferId: 0x100, totalLen: 60, reason: 0, tableId: 2, cookie: NO_COOKIE });
  t.deepEqual(m.match, [{ field: 'in_port', value: 5 }]);
  t.is(m.data.length, 60);
});

test('§4.7.2 OF1.3-1.5 PACKET_IN adds the cookie', (t) => {
  const m = roundTripHex(t, PIN_13) as PacketInMsg;
  t.like(m, { version: 4, reason: 1, tableId: 2, cookie: 0x1234n });
  for (const v of [5, 6]) {
    const hex = `0${v}` + PIN_13.slice(2);
    t.like(roundTripHex(t, hex), { version: v, cookie: 0x1234n, tableId: 2 });
  }
});

test('§4.7.3 NXT_PACKET_IN: NXM match padded to 8, then 2 zero bytes, then the frame', (t) => {
  const m = roundTripHex(t, NXT_10) as PacketInMsg;
  t.like(m, { version: 1, format: 'nxt', tableId: 5, cookie: 0xabn, reason: 1, totalLen: 60 });
  t.deepEqual(m.match, [{ field: 'in_port', value: 3 }, { field: 'reg0', value: 9 }]);
  t.is(Buffer.from(m.data).toString('hex'), FRAME);
  // The same message in OF1.3 only changes the header's version byte.
  t.is(encode(m, 4).toString('hex'), '04' + NXT_10.slice(2));
});

test('§4.7.2 the frame is a view into the decoded message, not a copy', (t) => {
  const bytes = Buffer.from(PIN_13, 'hex');
  const m = decode(bytes) as PacketInMsg;
  t.is(m.data.buffer, bytes.buffer);
  t.is(m.data.byteOffset, bytes.byteOffset + bytes.length - 60);
});

test('§4.7.2 one packet-in in every version and format', (t) => {
  const m = decode(Buffer.from(PIN_10, 'hex')) as PacketInMsg;
  t.is(encode(m, 3).toString('hex'), msg(3, 10, 'ffffffff' + '003c' + '01' + '00' + '0001000c' + '80000004' + '00000003' + '00000000' + '0000' + FRAME));
  t.is(encode(m, 4).toString('hex'), msg(4, 10, 'ffffffff' + '003c' + '01' + '00' + 'ffffffffffffffff' + '0001000c' + '80000004' + '00000003' + '00000000' + '0000' + FRAME));
  const nxt: PacketInMsg = { ...m, format: 'nxt' };
  t.is(encode(nxt, 1).toString('hex'), msg(1, 4, '00002320' + '00000011' + 'ffffffff' + '003c' + '01' + '00' + 'ffffffffffffffff' + '0006' + '000000000000' +
    '00000002' + '0003' + '0000' + '0000' + FRAME));
});

test('§4.7.2 what OF1.0 (and OF1.2) standard packet-ins cannot carry is refused, not dropped', (t) => {
  const m = decode(Buffer.from(PIN_13, 'hex')) as PacketInMsg;
  // Cookie and table id: not in OF1.0; cookie not in OF1.2.
  t.is(codecErrorOf(t, () => encode(m, 1)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ ...m, cookie: NO_COOKIE }, 1)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode(m, 3)), 'OFPBRC_BAD_VERSION');
  // More metadata than in_port, or none, in OF1.0.
  const nxt = decode(Buffer.from(NXT_10, 'hex')) as PacketInMsg;
  const std: PacketInMsg = { ...nxt, format: 'standard', tableId: 0, cookie: NO_COOKIE };
  t.is(codecErrorOf(t, () => encode(std, 1)), 'OFPBMC_BAD_FIELD');
  t.is(codecErrorOf(t, () => encode({ ...std, match: [] }, 1)), 'OFPBMC_BAD_FIELD');
  // An in_port OF1.0 cannot number.
  t.is(codecErrorOf(t, () => encode({ ...std, match: [{ field: 'in_port', value: 0x10000 }] }, 1)), 'OFPBRC_BAD_PORT');
  // OF1.1 is not modelled.
  t.is(codecErrorOf(t, () => encode({ ...std, match: [{ field: 'in_port', value: 3 }] }, 2)), 'OFPBRC_BAD_VERSION');
  t.is(decodeErrorOf(t, '02' + PIN_12.slice(2)), 'OFPBRC_BAD_VERSION');
});

test('§2.9 malformed packet-ins: short fixed part BAD_LEN, bad matches OFPBMC_*, missing pad BAD_LEN', (t) => {
  t.is(decodeErrorOf(t, msg(1, 10, 'ffffffff003c0003')), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, msg(4, 10, 'ffffffff003c0102')), 'OFPBRC_BAD_LEN');
  // OXM match length passing the end of the message.
  t.is(decodeErrorOf(t, msg(4, 10, 'ffffffff003c0102' + '0000000000001234' + '0001002c' + '80000004' + '00000005')), 'OFPBMC_BAD_LEN');
  // OF1.1 standard match type.
  t.is(decodeErrorOf(t, msg(4, 10, 'ffffffff003c0102' + '0000000000001234' + '0000000c' + '80000004' + '00000005' + '00000000' + '0000')), 'OFPBMC_BAD_TYPE');
  // A mask on in_port, which takes none.
  t.is(decodeErrorOf(t, msg(4, 10, 'ffffffff003c0102' + '0000000000001234' + '00010010' + '80000108' + '00000005' + 'ffffffff' + '0000' + FRAME)), 'OFPBMC_BAD_MASK');
  // The match ends the message: no room for the 2 bytes before the frame.
  t.is(decodeErrorOf(t, msg(4, 10, 'ffffffff003c0102' + '0000000000001234' + OXM_IN_PORT_5)), 'OFPBRC_BAD_LEN');
  // NXT match_len passing the end.
  t.is(decodeErrorOf(t, msg(1, 4, '00002320' + '00000011' + 'ffffffff003c0105' + '00000000000000ab' + '0040' + '000000000000' + '000000020003')), 'OFPBMC_BAD_LEN');
});

withOvs('§4.7.2 ovs-ofctl reads our packet-ins as we meant them, and our printer says the same', (t) => {
  const cases: [string, string][] = [
    [PIN_10, 'total_len=60 in_port=3 (via action) data_len=60 (unbuffered)'],
    [PIN_12, 'table_id=2 total_len=60 in_port=5 (via no_match) data_len=60 buffer=0x00000100'],
    [PIN_13, 'table_id=2 cookie=0x1234 total_len=60 in_port=5 (via action) data_len=60 (unbuffered)'],
  ];
  for (const [hex, body] of cases) {
    const m = decode(Buffer.from(hex, 'hex'));
    t.is(ofpPrint(encode(m)).split('\n')[0]!.replace(/^.*?\): /, ''), body);
    t.is(formatMessage(m).replace(/^.*?\): /, ''), body);
  }
  // ovs-ofctl prints NXM fields in its own order.
  const nxt = decode(Buffer.from(NXT_10, 'hex'));
  t.is(ofpPrint(encode(nxt)).split('\n')[0], 'NXT_PACKET_IN (xid=0x7): table_id=5 cookie=0xab total_len=60 reg0=0x9,in_port=3 (via action) data_len=60 (unbuffered)');
  t.is(formatMessage(nxt), 'NXT_PACKET_IN (OF1.0) (xid=0x7): table_id=5 cookie=0xab total_len=60 in_port=3,reg0=0x9 (via action) data_len=60 (unbuffered)');
});

withOsKen('§4.7.2 os-ken, as a controller, parses the packet-ins we encode in OF1.2-1.5', (t) => {
  const m = decode(Buffer.from(PIN_13, 'hex')) as PacketInMsg;
  for (const v of [3, 4, 5, 6]) {
    const hex = encode(v === 3 ? { ...m, cookie: NO_COOKIE } : m, v).toString('hex');
    const out = python(`
from os_ken.ofproto import ofproto_parser, ofproto_protocol
b = bytes.fromhex('${hex}')
v, t, l, x = ofproto_parser.header(b)
m = ofproto_parser.msg(ofproto_protocol.ProtocolDesc(version=v), v, t, l, x, b)
print(type(m).__name__, m.buffer_id, m.total_len, m.reason, m.table_id, getattr(m, 'cookie', None), m.match['in_port'], m.data.hex())`);
    const cookie = v === 3 ? 'None' : '4660';
    t.is(out, `OFPPacketIn 4294967295 60 1 2 ${cookie} 5 ${FRAME}`, `version ${v}`);
  }
});

const base = {
  type: fc.constant('packet_in' as const),
  xid: u32,
  bufferId: u32,
  totalLen: u16,
  reason: fc.nat(255),
  data: fc.uint8Array({ maxLength: 100 }),
};

/** Packet-ins each (version, format) can express. */
const packetInArb: fc.Arbitrary<PacketInMsg> = fc.oneof(
  fc.record({
    ...base, version: fc.constant(1), format: fc.constant('standard' as const), tableId: fc.constant(0), cookie: fc.constant(NO_COOKIE),
    match: portArb.map((value) => [{ field: 'in_port' as const, value }]),
  }),
  fc.record({ ...base, version: fc.constant(3), format: fc.constant('standard' as const), tableId: fc.nat(255), cookie: fc.constant(NO_COOKIE), match: oxmMatchArb }),
  fc.record({ ...base, version: fc.constantFrom(4, 5, 6), format: fc.constant('standard' as const), tableId: fc.nat(255), cookie: u64, match: oxmMatchArb }),
  fc.record({ ...base, version: fc.constantFrom(1, 2, 3, 4, 5, 6), format: fc.constant('nxt' as const), tableId: fc.nat(255), cookie: u64, match: oxmMatchArb }),
);

test('§4.7 property: a neutral packet-in encodes and decodes back to itself in each version and format', (t) => {
  fc.assert(fc.property(packetInArb, (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 500 });
  t.pass();
});
