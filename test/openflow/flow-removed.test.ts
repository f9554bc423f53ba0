import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import { DURATION_UNKNOWN, type FlowRemovedMsg, STAT_UNKNOWN, TABLE_UNKNOWN } from '../../src/openflow/flow-removed.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { of10MatchArb, oxmMatchArb, u16, u32, u64 } from '../support/flow-arbitraries.js';
import { hasOsKen, hasOvsOfctl, ofpPrint, python } from '../support/ofp-peers.js';

const withOvs = hasOvsOfctl ? test : test.skip;
const withOsKen = hasOsKen ? test : test.skip;

function msg(v: number, t: number, body: string): string {
  const len = 8 + body.length / 2;
  return v.toString(16).padStart(2, '0') + t.toString(16).padStart(2, '0') + len.toString(16).padStart(4, '0') + '00000009' + body;
}

/** OF1.0 ofp_match: in_port=1, dl_type=0x0800, nw_proto=6, tp_dst=80 (the match ovs-ofctl sends for "in_port=1,tcp,tp_dst=80"). */
const MATCH_10 = '0038204e' + '0001' + '000000000000' + '000000000000' + '0000' + '00' + '00' + '0800' + '00' + '06' + '0000' +
  '00000000' + '00000000' + '0000' + '0050';
/** OXM match: in_port=1, eth_type=0x0800, ip_proto=6 (23 bytes and one of padding). */
const MATCH_OXM = '00010017' + '80000004' + '00000001' + '80000a02' + '0800' + '80001401' + '06' + '00';
/** Statistics shared by the fixtures: 3.5 s, 3 packets, 180 bytes. */
const DURATION = '00000003' + '1dcd6500';
const COUNTS = '0000000000000003' + '00000000000000b4';

/** OF1.0: cookie 0x10, priority 100, reason idle, idle timeout 5. */
const FR_10 = msg(1, 11, MATCH_10 + '0000000000000010' + '0064' + '00' + '00' + DURATION + '0005' + '0000' + COUNTS);
/** NXT_FLOW_REMOVED: reason delete, table 2 (3 on the wire), 3 s, NXM in_port=1 and reg0=9. */
const NXT_FR = msg(1, 4, '00002320' + '0000000e' + '0000000000000010' + '0064' + '02' + '03' + '00000003' + '00000000' + '0005' + '000e' +
  COUNTS + '00000002' + '0001' + '00010004' + '00000009' + '0000');
/** OF1.3: reason hard, table 2, idle 5, hard 10. */
const FR_13 = msg(4, 11, '0000000000000010' + '0064' + '01' + '02' + DURATION + '0005' + '000a' + COUNTS + MATCH_OXM);
/** OF1.5: table 2, reason eviction, then the match and OXS duration, packet and byte counts. */
const FR_15 = msg(6, 11, '02' + '05' + '0064' + '0005' + '000a' + '0000000000000010' + MATCH_OXM +
  '0000' + '0028' + '80020008' + DURATION + '80020808' + '0000000000000003' + '80020a08' + '00000000000000b4');

test('OF1.0 FLOW_REMOVED: ofp10_match, no table id, no hard timeout', (t) => {
  const m = roundTripHex(t, FR_10) as FlowRemovedMsg;
  t.like(m, {
    type: 'flow_removed', version: 1, format: 'standard', cookie: 0x10n, priority: 100, reason: 0, tableId: TABLE_UNKNOWN,
    durationSec: 3, durationNsec: 500_000_000, idleTimeout: 5, hardTimeout: 0, packetCount: 3n, byteCount: 180n,
  });
  t.deepEqual(m.match, [
    { field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x800 }, { field: 'ip_proto', value: 6 }, { field: 'tcp_dst', value: 80 },
  ]);
});

test('§4.3.4 NXT_FLOW_REMOVED: NXM match, table id plus one on the wire', (t) => {
  const m = roundTripHex(t, NXT_FR) as FlowRemovedMsg;
  t.like(m, { version: 1, format: 'nxm', reason: 2, tableId: 2, durationSec: 3, durationNsec: 0, packetCount: 3n });
  t.deepEqual(m.match, [{ field: 'in_port', value: 1 }, { field: 'reg0', value: 9 }]);
  // Wire table 0 means "not given".
  const noTable = NXT_FR.slice(0, 2 * 27) + '00' + NXT_FR.slice(2 * 28);
  t.is((roundTripHex(t, noTable) as FlowRemovedMsg).tableId, TABLE_UNKNOWN);
});

test('OF1.2-1.4 FLOW_REMOVED: table id, hard timeout, OXM match after the counters', (t) => {
  const m = roundTripHex(t, FR_13) as FlowRemovedMsg;
  t.like(m, { version: 4, reason: 1, tableId: 2, idleTimeout: 5, hardTimeout: 10, packetCount: 3n, byteCount: 180n });
  t.deepEqual(m.match, [{ field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x800 }, { field: 'ip_proto', value: 6 }]);
  for (const v of [3, 5]) t.like(roundTripHex(t, `0${v}` + FR_13.slice(2)), { version: v, tableId: 2, hardTimeout: 10 });
});

test('OF1.5 FLOW_REMOVED: statistics as OXS fields; the same flow in OF1.3 and OF1.5', (t) => {
  const m = roundTripHex(t, FR_15) as FlowRemovedMsg;
  t.like(m, { version: 6, reason: 5, tableId: 2, durationSec: 3, durationNsec: 500_000_000, packetCount: 3n, byteCount: 180n });
  const in13 = decode(Buffer.from(FR_13, 'hex')) as FlowRemovedMsg;
  t.is(encode({ ...in13, reason: 5 }, 6).toString('hex'), FR_15);
  // Statistics the message leaves out are unknown, and stay out when re-encoded.
  const onlyDuration = msg(6, 11, '02050064' + '0005000a' + '0000000000000010' + MATCH_OXM + '0000' + '0010' + '80020008' + DURATION);
  const d = roundTripHex(t, onlyDuration) as FlowRemovedMsg;
  t.like(d, { durationSec: 3, packetCount: STAT_UNKNOWN, byteCount: STAT_UNKNOWN });
  // Idle time, flow count and experimenter statistics are skipped.
  const extra = msg(6, 11, '02050064' + '0005000a' + '0000000000000010' + MATCH_OXM + '0000' + '0024' + '80020208' + '0000000500000000' +
    '80020604' + '00000001' + 'ffff0008' + '00002320' + '00000000' + '00000000');
  t.like(decode(Buffer.from(extra, 'hex')), { durationSec: DURATION_UNKNOWN, packetCount: STAT_UNKNOWN, byteCount: STAT_UNKNOWN });
});

test('what a version cannot carry is refused: table id and hard timeout in OF1.0, nxm outside OF1.0, OF1.1', (t) => {
  const m13 = decode(Buffer.from(FR_13, 'hex')) as FlowRemovedMsg;
  t.is(codecErrorOf(t, () => encode(m13, 1)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ ...m13, hardTimeout: 0 }, 1)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ ...m13, hardTimeout: 0, tableId: TABLE_UNKNOWN, match: [{ field: 'reg0', value: 1 }] }, 1)), 'OFPBMC_BAD_FIELD');
  const nxt = decode(Buffer.from(NXT_FR, 'hex')) as FlowRemovedMsg;
  t.is(codecErrorOf(t, () => encode(nxt, 4)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode(m13, 2)), 'OFPBRC_BAD_VERSION');
  t.is(decodeErrorOf(t, '02' + FR_13.slice(2)), 'OFPBRC_BAD_VERSION');
});

test('§2.9 malformed flow-removed messages: BAD_LEN, OFPBMC_BAD_LEN', (t) => {
  t.is(decodeErrorOf(t, FR_10.slice(0, 4) + '0050' + FR_10.slice(8, 2 * 0x50)), 'OFPBRC_BAD_LEN');
  t.is(decodeErrorOf(t, msg(1, 11, MATCH_10.slice(0, 60))), 'OFPBMC_BAD_LEN');
  t.is(decodeErrorOf(t, msg(4, 11, '0000000000000010' + '0064' + '01' + '02' + DURATION + '0005' + '000a' + COUNTS + '00010030' + '80000004' + '00000001')), 'OFPBMC_BAD_LEN');
  // An OXS statistic that passes the end of its structure.
  t.is(decodeErrorOf(t, msg(6, 11, '02050064' + '0005000a' + '0000000000000010' + MATCH_OXM + '0000' + '000c' + '80020010' + DURATION + '00000000')), 'OFPBMC_BAD_LEN');
  // NXM match_len passing the end.
  t.is(decodeErrorOf(t, NXT_FR.slice(0, 2 * 38) + '0040' + NXT_FR.slice(2 * 40)), 'OFPBMC_BAD_LEN');
});

withOvs('ovs-ofctl reads our flow-removed messages as we meant them, and our printer says the same', (t) => {
  const tail = 'reason=hard table_id=2 cookie:0x10 duration3.500s idle5 hard10 pkts3 bytes180';
  for (const v of [3, 4, 5, 6]) {
    const m = decode(Buffer.from(FR_13, 'hex')) as FlowRemovedMsg;
    const bytes = encode(m, v);
    t.is(ofpPrint(bytes).trimEnd(), `OFPT_FLOW_REMOVED (OF1.${v - 1}) (xid=0x9): priority=100,tcp,in_port=1 ${tail}`);
    t.is(formatMessage(decode(bytes)), `OFPT_FLOW_REMOVED (OF1.${v - 1}) (xid=0x9): priority=100,in_port=1,dl_type=0x0800,nw_proto=6 ${tail}`);
  }
  t.is(ofpPrint(Buffer.from(FR_10, 'hex')).trimEnd(),
    'OFPT_FLOW_REMOVED (xid=0x9): priority=100,tcp,in_port=1,tp_dst=80 reason=idle cookie:0x10 duration3.500s idle5 pkts3 bytes180');
  t.is(ofpPrint(encode(decode(Buffer.from(NXT_FR, 'hex')))).trimEnd(),
    'NXT_FLOW_REMOVED (xid=0x9): priority=100,reg0=0x9,in_port=1 reason=delete table_id=2 cookie:0x10 duration3s idle5 pkts3 bytes180');
});

withOsKen('os-ken, as a controller, parses the flow-removed messages we encode in OF1.0 and OF1.2-1.4', (t) => {
  const m13 = decode(Buffer.from(FR_13, 'hex')) as FlowRemovedMsg;
  const m10: FlowRemovedMsg = { ...m13, tableId: TABLE_UNKNOWN, hardTimeout: 0 };
  for (const [v, m, tail] of [[1, m10, '255 0'], [3, m13, '2 10'], [4, m13, '2 10'], [5, m13, '2 10']] as const) {
    const hex = encode(m, v).toString('hex');
    const out = python(`
from os_ken.ofproto import ofproto_parser, ofproto_protocol
b = bytes.fromhex('${hex}')
v, t, l, x = ofproto_parser.header(b)
m = ofproto_parser.msg(ofproto_protocol.ProtocolDesc(version=v), v, t, l, x, b)
print(type(m).__name__, m.cookie, m.priority, m.reason, m.duration_sec, m.duration_nsec, m.idle_timeout, m.packet_count, m.byte_count,
      getattr(m, 'table_id', 255), getattr(m, 'hard_timeout', 0))`);
    t.is(out, `OFPFlowRemoved 16 100 1 3 500000000 5 3 180 ${tail}`, `version ${v}`);
  }
});

const common = {
  type: fc.constant('flow_removed' as const),
  xid: u32,
  cookie: u64,
  priority: u16,
  reason: fc.nat(255),
  durationSec: u32,
  durationNsec: u32,
  idleTimeout: u16,
  packetCount: u64,
  byteCount: u64,
};

const flowRemovedArb: fc.Arbitrary<FlowRemovedMsg> = fc.oneof(
  fc.record({ ...common, version: fc.constant(1), format: fc.constant('standard' as const), tableId: fc.constant(TABLE_UNKNOWN), hardTimeout: fc.constant(0), match: of10MatchArb }),
  fc.record({ ...common, version: fc.constant(1), format: fc.constant('nxm' as const), tableId: fc.nat(255), hardTimeout: fc.constant(0), match: oxmMatchArb }),
  fc.record({ ...common, version: fc.constantFrom(3, 4, 5, 6), format: fc.constant('standard' as const), tableId: fc.nat(255), hardTimeout: u16, match: oxmMatchArb }),
);

test('property: a neutral flow-removed encodes and decodes back to itself in each version and format', (t) => {
  fc.assert(fc.property(flowRemovedArb, (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 500 });
  t.pass();
});
