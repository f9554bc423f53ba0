import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import type { PacketOutMsg } from '../../src/openflow/packet-out.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { actionsArb, oxmMatchArb, portArb, u32 } from '../support/flow-arbitraries.js';
import { hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';

const withOvs = hasOvsOfctl ? test : test.skip;

/** The 42-byte ARP request the fixtures carry. */
const ARP = 'ffffffffffff' + '000000000001' + '0806' + '0001080006040001' + '000000000001' + 'c0a80001' + '000000000000' + 'c0a80002';

// What `ovs-ofctl packet-out` sent to a stand-in switch (xid 2):
/** -O OpenFlow10: in_port 1, output:2. */
const PO_10 = '010d004200000002' + 'ffffffff' + '0001' + '0008' + '0000000800020000' + ARP;
/** -O OpenFlow13: in_port 1, output:2,controller. */
const PO_13 = '040d006200000002' + 'ffffffff' + '00000001' + '0020' + '000000000000' + '0000001000000002' + '0000000000000000' +
  '00000010fffffffd' + 'ffff000000000000' + ARP;
/** -O OpenFlow15: in_port 1 as an OXM match, output:2. */
const PO_15 = '060d005a00000002' + 'ffffffff' + '0010' + '0000' + '0001000c' + '80000004' + '00000001' + '00000000' +
  '0000001000000002' + '0000000000000000' + ARP;
/** -O OpenFlow15: "in_port=LOCAL,reg0=7,tun_id=0x5": OVS writes reg0 as a masked OXM of the packet-register class, which stays opaque. */
const PO_15_META = '060d007a00000002' + 'ffffffff' + '0010' + '0000' + '0001002c' + '80000004' + 'fffffffe' + '80004c08' + '0000000000000005' +
  '80010110' + '0000000700000000' + 'ffffffff00000000' + '00000000' + '0000001000000002' + '0000000000000000' + ARP;

test('OF1.0 PACKET_OUT from ovs-ofctl: 16-bit in_port, actions, frame', (t) => {
  const m = roundTripHex(t, PO_10) as PacketOutMsg;
  t.like(m, { type: 'packet_out', version: 1, xid: 2, bufferId: 0xffffffff, inPort: 1 });
  t.deepEqual(m.metadata, []);
  t.deepEqual(m.actions, [{ type: 'output', port: 2, maxLen: 0 }]);
  t.is(Buffer.from(m.data).toString('hex'), ARP);
});

test('OF1.3 PACKET_OUT from ovs-ofctl: 32-bit in_port, reserved ports', (t) => {
  const m = roundTripHex(t, PO_13) as PacketOutMsg;
  t.like(m, { version: 4, inPort: 1 });
  t.deepEqual(m.actions, [{ type: 'output', port: 2, maxLen: 0 }, { type: 'output', port: 0xfffffffd, maxLen: 0xffff }]);
  // The same packet-out in OF1.0 and OF1.2.
  const in10 = encode(m, 1);
  t.is(in10.readUInt16BE(12), 1);
  t.true(sameNeutral(decode(in10), { ...m, version: 1 }));
  t.is(encode(m, 3).toString('hex'), '03' + PO_13.slice(2));
  const local = roundTripHex(t, '040d003600000002' + 'ffffffff' + 'fffffffe' + '0010' + '000000000000' + '0000001000000002' + '0000000000000000' + 'ffffffffffff0000000000010806');
  t.like(local, { inPort: 0xfffffffe });
  t.is(encode(local, 1).readUInt16BE(12), 0xfffe);
});

test('OF1.5 PACKET_OUT from ovs-ofctl: in_port in a match; other pipeline fields kept as metadata', (t) => {
  const m = roundTripHex(t, PO_15) as PacketOutMsg;
  t.like(m, { version: 6, inPort: 1 });
  t.deepEqual(m.metadata, []);
  t.is(encode(m, 4).toString('hex'), '040d005200000002' + 'ffffffff' + '00000001' + '0010' + '000000000000' + '0000001000000002' + '0000000000000000' + ARP);
  const meta = roundTripHex(t, PO_15_META) as PacketOutMsg;
  t.is(meta.inPort, 0xfffffffe);
  t.is(meta.metadata.length, 2);
  t.deepEqual(meta.metadata[0], { field: 'tunnel_id', value: 5n });
  t.is(meta.metadata[1]!.field, 'opaque');
});

test('PACKET_OUTs os-ken builds round-trip byte for byte', (t) => {
  // OFPPacketOut(buffer_id=NO_BUFFER, in_port=CONTROLLER, [Output(FLOOD)], 14-byte frame), OF1.3 and OF1.0 (in_port NONE, [Output(ALL)]).
  t.like(roundTripHex(t, '040d003600000005fffffffffffffffd001000000000000000000010fffffffb0000000000000000ffffffffffff0000000000010806'),
    { inPort: 0xfffffffd, actions: [{ type: 'output', port: 0xfffffffb, maxLen: 0 }] });
  t.like(roundTripHex(t, '010d002600000005ffffffffffff000800000008fffc0000ffffffffffff0000000000010806'),
    { inPort: 0xffffffff, actions: [{ type: 'output', port: 0xfffffffc, maxLen: 0 }] });
});

test('a buffered packet-out carries no frame', (t) => {
  const m = roundTripHex(t, '040d002800000003' + '00000100' + 'fffffffd' + '0010' + '000000000000' + '0000001000000002' + '0000000000000000') as PacketOutMsg;
  t.like(m, { bufferId: 0x100, inPort: 0xfffffffd });
  t.is(m.data.length, 0);
});

test('what a version cannot carry is refused: metadata before OF1.5, ports and actions OF1.0 lacks, OF1.1', (t) => {
  const meta = decode(Buffer.from(PO_15_META, 'hex')) as PacketOutMsg;
  t.is(codecErrorOf(t, () => encode(meta, 5)), 'OFPBMC_BAD_FIELD');
  const m13 = decode(Buffer.from(PO_13, 'hex')) as PacketOutMsg;
  t.is(codecErrorOf(t, () => encode({ ...m13, inPort: 0x12345 }, 1)), 'OFPBRC_BAD_PORT');
  t.is(codecErrorOf(t, () => encode({ ...m13, actions: [{ type: 'push_vlan', ethertype: 0x8100 }] }, 1)), 'OFPBAC_BAD_TYPE');
  t.is(codecErrorOf(t, () => encode(m13, 2)), 'OFPBRC_BAD_VERSION');
  t.is(decodeErrorOf(t, '02' + PO_13.slice(2)), 'OFPBRC_BAD_VERSION');
});

test('§2.9 malformed packet-outs: actions_len past the end BAD_LEN, bad actions OFPBAC_*, OF1.5 without in_port BAD_PORT', (t) => {
  t.is(decodeErrorOf(t, '010d000e00000002ffffffff0001'), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, '010d0018000000020000010000010010' + '0000000800020000'), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, '010d0018000000020000010000010008' + '0000000c00020000'), 'OFPBAC_BAD_LEN');
  t.is(decodeErrorOf(t, '040d0020000000020000010000000001' + '000800000000000000630008' + '00000000'), 'OFPBAC_BAD_TYPE');
  t.is(decodeErrorOf(t, '060d001800000002ffffffff00000000' + '0001000400000000'), 'OFPBRC_BAD_PORT');
  t.is(decodeErrorOf(t, '060d001800000002ffffffff00000000' + '0001001400000000'), 'OFPBMC_BAD_LEN');
});

withOvs('ovs-ofctl reads our packet-outs as we meant them, and our printer says the same', (t) => {
  const m = decode(Buffer.from(PO_13, 'hex')) as PacketOutMsg;
  for (const v of [1, 3, 4, 5, 6]) {
    const bytes = encode(m, v);
    const vtext = v === 1 ? '' : ` (OF1.${v - 1})`;
    t.is(ofpPrint(bytes).split('\n')[0], `OFPT_PACKET_OUT${vtext} (xid=0x2): in_port=1 actions=output:2,CONTROLLER:65535 data_len=42`);
    t.is(formatMessage(decode(bytes)), `OFPT_PACKET_OUT (OF1.${v - 1}) (xid=0x2): in_port=1 actions=output:2,CONTROLLER:65535 data_len=42`);
  }
  const buffered: PacketOutMsg = { ...m, bufferId: 5, data: new Uint8Array(0), inPort: 0xfffffffe };
  t.is(ofpPrint(encode(buffered)).trimEnd(), 'OFPT_PACKET_OUT (OF1.3) (xid=0x2): in_port=LOCAL actions=output:2,CONTROLLER:65535 buffer=0x00000005');
  t.is(formatMessage(buffered), 'OFPT_PACKET_OUT (OF1.3) (xid=0x2): in_port=LOCAL actions=output:2,CONTROLLER:65535 buffer=0x00000005');
});

function packetOutArb(version: number): fc.Arbitrary<PacketOutMsg> {
  return fc.record({
    type: fc.constant('packet_out' as const),
    version: fc.constant(version),
    xid: u32,
    bufferId: u32,
    inPort: portArb,
    metadata: version === 6 ? oxmMatchArb.map((m) => m.filter((f) => f.field !== 'in_port')) : fc.constant([]),
    actions: actionsArb(version),
    data: fc.uint8Array({ maxLength: 80 }),
  });
}

test('property: a neutral packet-out encodes and decodes back to itself in OF1.0 and OF1.2-1.5', (t) => {
  const arb = fc.constantFrom(1, 3, 4, 5, 6).chain(packetOutArb);
  fc.assert(fc.property(arb, (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 500 });
  t.pass();
});
