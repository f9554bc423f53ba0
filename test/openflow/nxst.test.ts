/**
 * Nicira flow statistics (reference §4.3.4): NXST_FLOW and NXST_AGGREGATE,
 * OpenFlow 1.0's flow and aggregate statistics with NXM matches, which
 * `ovs-ofctl -O OpenFlow10 dump-flows` and `dump-aggregate` use unless told
 * `-F openflow10`.  The neutral bodies are the flow and aggregate ones with
 * format 'nxm'.  Judged by Open vSwitch: the requests ovs-ofctl sends
 * decode and re-encode byte for byte, so does the NXST_FLOW reply of Open
 * vSwitch's own tests (tests/ofp-print.at), and `ovs-ofctl ofp-print` reads
 * what we encode as we meant it; errors, splitting and round trips.
 */

import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { decode, encode, encodeAll, messageName } from '../../src/openflow/codec.js';
import type { FlowStats, FlowStatsRequest } from '../../src/openflow/flow-stats.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import { toJsonValue } from '../../src/openflow/neutral-json.js';
import { formatMessage } from '../../src/openflow/printer.js';
import type { UnmodelledMsg } from '../../src/openflow/unmodelled.js';
import { captureOvsOfctlRequest } from '../support/capture-switch.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { nxmReplyBody, nxmRequestBody, replyMsg, requestMsg } from '../support/multipart-arbitraries.js';
import { hasOvsOfctl } from '../support/ofp-peers.js';
import { ovsOfpPrint } from '../support/ovs-ofp-print.js';

const withOvs = hasOvsOfctl ? test : test.skip;
const ANY = 0xffffffff;
const ALL64 = 0xffffffffffffffffn;

// Open vSwitch's tests/ofp-print.at, "NXST_FLOW request", "NXST_AGGREGATE request" and "... reply".
const OVS_NXST_FLOW_REQUEST = '0110002000000004ffff0000000023200000000000000000ffff0000ff000000';
const OVS_NXST_AGGREGATE_REQUEST = '0110002000000004ffff0000000023200000000100000000ffff0000ff000000';
const OVS_NXST_AGGREGATE_REPLY = '0111003000000004ffff0000000023200000000100000000000000000000000700000000000001a40000000700000000';
/** tests/ofp-print.at, "NXST_FLOW reply": 16 flows, ages, registers, tun_id, an NXAST_REG_LOAD action. */
const OVS_NXST_FLOW_REPLY = [
  '0111081800000004ffff0000000023200000000000000000008800000000000102dc6c00ffff00050000004c0000000000000000000000000000000000000001',
  '000000000000003c000000020003000002065054000000060000040650540000000500000602080000000802000000000a010000000e04c0a8000100001004c0',
  'a8000200000c01060000120209e7000014020000000000000000000800010000008800000000000332116200ffff00050000004c000300000000000000000000',
  '0000000000000001000000000000003c000000020003000002065054000000060000040650540000000500000602080000000802000000000a010000000e04c0',
  'a8000100001004c0a8000200000c01060000120209e4000014020000000000000000000800010000008800000000000233f9aa00ffff00050000004c00050000',
  '00000000000000000000000000000001000000000000003c00000002000100000206505400000005000004065054000000060000060208000000080200000000',
  '0a010000000e04c0a8000200001004c0a8000100000c01060000120200000000140209e500000000000000080003000000880000000000042d0fa500ffff0005',
  '0000004c0001000000000000000000000000000000000001000000000000003c0000000200030000020650540000000600000406505400000005000006020800',
  '00000802000000000a010000000e04c0a8000100001004c0a8000200000c01060000120209e30000140200000000000000000008000100000088000000000002',
  '3473bc00ffff0005000a004c0003000300000000000000000000000000000001000000000000003c000000020003000002065054000000060000040650540000',
  '000500000602080000000802000000000a010000000e04c0a8000100001004c0a8000200000c01060000120209e5000014020000000000000000000800010000',
  '0088000000000005280de800ffff00050000004c0000000000000000000000000000000000000001000000000000003c00000002000300000206505400000006',
  '0000040650540000000500000602080000000802000000000a010000000e04c0a8000100001004c0a8000200000c01060000120209e200001402000000000000',
  '0000000800010000008800000000000102625a00ffff00050000004c0000000000000000000000000000000000000001000000000000003c0000000200010000',
  '02065054000000050000040650540000000600000602080000000802000000000a010000000e04c0a8000200001004c0a8000100000c01060000120200000000',
  '140209e7000000000000000800030000008800000000000138be5e00ffff00050000004c0000000000000000000000000000000000000001000000000000003c',
  '000000020001000002065054000000050000040650540000000600000602080000000802000000000a010000000e04c0a8000200001004c0a8000100000c0106',
  '0000120200000000140209e6000000000000000800030000008800000000000427d0df00ffff00050000004c0000000000000000000000000000000000000001',
  '000000000000003c000000020001000002065054000000050000040650540000000600000602080000000802000000000a010000000e04c0a8000200001004c0',
  'a8000100000c01060000120200000000140209e300000000000000080003000000880000000000032cd29c00ffff00050000004c000000000000000000000000',
  '0000000000000001000000000000003c000000020001000002065054000000050000040650540000000600000602080000000802000000000a010000000e04c0',
  'a8000200001004c0a8000100000c01060000120200000000140209e400000000000000080003000000880000000000000a408300ffff00050000004c00000000',
  '00000000000000000000000000000001000000000000003c00000002000300000206505400000006000004065054000000050000060208000000080200000000',
  '0a010000000e04c0a8000100001004c0a8000200000c01060000120209e8000014020000000000000000000800010000008800000000000525317c00ffff0005',
  '0000004c0000000000000000000000000000000000000001000000000000003c0000000200010000020650540000000500000406505400000006000006020800',
  '00000802000000000a010000000e04c0a8000200001004c0a8000100000c01060000120200000000140209e20000000000000008000300000088000000000000',
  '04c4b400ffff00050000004c0000000000000000000000000000000000000001000000000000003c000000020001000002065054000000050000040650540000',
  '000600000602080000000802000000000a010000000e04c0a8000200001004c0a8000100000c01060000120200000000140209e8000000000000000800030000',
  '008800000000000139387000ffff00050000004c0000000000000000000000000000000000000001000000000000003c00000002000300000206505400000006',
  '0000040650540000000500000602080000000802000000000a010000000e04c0a8000100001004c0a8000200000c01060000120209e600001402000000000000',
  '000000080001000000600000000000e42e7ddb008000000000000014000000000000000000000000000000000000000000000000000000000001200800000000',
  '000001c8000100040000007b00000000ffff0018000023200007001f0001000400000000000000050030010000000e100007a120800000000000000000000000',
  '000000000000000000000000000000640000000000001900',
].join('');

function nxRequest(t: ExecutionContext, hex: string): MultipartRequestMsg {
  const m = roundTripHex(t, hex);
  if (m.type !== 'multipart_request') throw new Error(`decoded as ${m.type}`);
  return m;
}

function nxReply(t: ExecutionContext, hex: string): MultipartReplyMsg {
  const m = roundTripHex(t, hex);
  if (m.type !== 'multipart_reply') throw new Error(`decoded as ${m.type}`);
  return m;
}

const flowRequest = (over: Partial<FlowStatsRequest> = {}): FlowStatsRequest => ({
  stat: 'flow', format: 'nxm', tableId: 0xff, outPort: ANY, outGroup: ANY, cookie: 0n, cookieMask: 0n, match: [], ...over,
});

const ENTRY: FlowStats = {
  tableId: 1, durationSec: 3, durationNsec: 5000000, priority: 9, idleTimeout: 10, hardTimeout: 20, flags: 0, importance: 0,
  cookie: 0x10n, packetCount: 2n, byteCount: 100n, idleAge: 2, hardAge: 1,
  match: [{ field: 'reg0', value: 5 }, { field: 'eth_type', value: 0x86dd }, { field: 'ipv6_src', value: '2001:db8::1' }],
  instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] }],
};

// ---------------------------------------------------------------- what Open vSwitch sends and writes

withOvs('§4.3.4 ovs-ofctl -O OpenFlow10 dump-flows and dump-aggregate (no -F) send NXST requests: each decodes and re-encodes byte for byte', async (t) => {
  const cases: Array<[string[], Partial<FlowStatsRequest>]> = [
    [[], {}],
    [['in_port=1'], { match: [{ field: 'in_port', value: 1 }] }],
    [['reg0=5,tun_id=0x10'], { match: [{ field: 'tun_id', value: 0x10n }, { field: 'reg0', value: 5 }] }],
    [['table=3,out_port=2,cookie=0x10/0xf0,ipv6,ipv6_src=2001:db8::/32'], {
      tableId: 3, outPort: 2, cookie: 0x10n, cookieMask: 0xf0n,
      match: [{ field: 'eth_type', value: 0x86dd }, { field: 'ipv6_src', value: '2001:db8::', mask: 'ffff:ffff::' }],
    }],
    [['cookie=0x5/-1'], { cookie: 5n, cookieMask: ALL64 }],
  ];
  for (const [command, stat] of [['dump-flows', 'flow'], ['dump-aggregate', 'aggregate']] as const) {
    for (const [args, expected] of cases) {
      const sent = await captureOvsOfctlRequest(1, 'OpenFlow10', command, args);
      // It asks for the NXM flow format first, then sends the request.
      t.like(decode(sent[0]!), { type: 'set_flow_format', format: 2 });
      const m = nxRequest(t, sent[1]!.toString('hex'));
      t.is(messageName(m), stat === 'flow' ? 'NXST_FLOW_REQUEST' : 'NXST_AGGREGATE_REQUEST');
      t.true(sameNeutral(m.body, { ...flowRequest(expected), stat }), `${command} ${args.join(' ')}: ${JSON.stringify(toJsonValue(m.body))}`);
    }
  }
});

test('§4.3.4 Open vSwitch\'s NXST_FLOW and NXST_AGGREGATE test messages decode and re-encode byte for byte', (t) => {
  t.deepEqual(nxRequest(t, OVS_NXST_FLOW_REQUEST).body, flowRequest());
  t.deepEqual(nxRequest(t, OVS_NXST_AGGREGATE_REQUEST).body, { ...flowRequest(), stat: 'aggregate' });
  t.deepEqual(nxReply(t, OVS_NXST_AGGREGATE_REPLY).body, { stat: 'aggregate', format: 'nxm', packetCount: 7n, byteCount: 420n, flowCount: 7 });
  const m = nxReply(t, OVS_NXST_FLOW_REPLY);
  if (m.body.stat !== 'flow') return t.fail();
  t.is(m.body.format, 'nxm');
  const e = m.body.entries;
  t.is(e.length, 16);
  // "duration=1.048s ... idle_timeout=5, priority=65535,tcp,in_port=3,..." with no age; the next one with idle_age=2.
  t.like(e[0], { durationSec: 1, durationNsec: 48000000, idleTimeout: 5, priority: 65535, packetCount: 1n, byteCount: 60n });
  t.false('idleAge' in e[0]!);
  t.like(e[1], { idleAge: 2 });
  t.false('hardAge' in e[1]!);
  // "duration=2.880s, ... hard_timeout=10, idle_age=2": a hard age equal to the duration, which ovs-ofctl leaves out.
  t.like(e[4], { durationSec: 2, hardTimeout: 10, idleAge: 2, hardAge: 2 });
  t.deepEqual(e[0]!.match.slice(0, 2), [{ field: 'in_port', value: 3 }, { field: 'eth_dst', value: '50:54:00:00:00:06' }]);
  // "reg0=0x7b,tun_id=0x1c8 actions=load:0x5->NXM_NX_REG0[]": the load action is kept as it came.
  t.deepEqual(e[14]!.match, [{ field: 'tun_id', value: 0x1c8n }, { field: 'reg0', value: 0x7b }]);
  t.like(e[14]!.instructions[0], { type: 'apply_actions', actions: [{ type: 'opaque' }] });
  t.like(e[15], { tableId: 1, durationSec: 3600, durationNsec: 500000, packetCount: 100n, byteCount: 6400n, match: [], instructions: [] });
  // Our printer says what ovs-ofctl says of them.
  const line = formatMessage(m);
  t.regex(line, /^NXST_FLOW_REPLY \(OF1\.0\) \(xid=0x4\): cookie=0x0, duration=1\.048s, table=0, n_packets=1, n_bytes=60, idle_timeout=5, priority=65535,in_port=3,/);
  t.regex(line, /; cookie=0x0, duration=3\.840s, table=0, n_packets=1, n_bytes=60, idle_timeout=5, idle_age=2, priority=65535,/);
  t.regex(line, /; cookie=0x0, duration=2\.880s, table=0, n_packets=1, n_bytes=60, idle_timeout=5, hard_timeout=10, idle_age=2, priority=65535,/);
  t.regex(line, /cookie=0x0, duration=3600\.0005s, table=1, n_packets=100, n_bytes=6400, actions=drop$/);
});

withOvs('ovs-ofctl ofp-print reads our NXST requests and replies as we meant them', (t) => {
  const q: MultipartRequestMsg = {
    type: 'multipart_request', version: 1, xid: 7, flags: 0,
    body: flowRequest({
      tableId: 2, outPort: 3, cookie: 0x10n, cookieMask: 0xf0n,
      match: [{ field: 'in_port', value: 1 }, { field: 'reg0', value: 5 }, { field: 'tun_id', value: 0x10n }, { field: 'eth_type', value: 0x86dd },
        { field: 'ipv6_src', value: '2001:db8::', mask: 'ffff:ffff::' }],
    }),
  };
  const wire = encode(q);
  t.is(ovsOfpPrint(wire).text, 'NXST_FLOW request (xid=0x7): table=2 out_port=3 ipv6,reg0=0x5,tun_id=0x10,in_port=1,ipv6_src=2001:db8::/32');
  // The cookie filter rides in the match as NXM_NX_COOKIE_W, last, as Open vSwitch writes it.
  t.true(wire.toString('hex').endsWith('00013d10' + '0000000000000010' + '00000000000000f0'));
  t.is(ovsOfpPrint(encode({ ...q, body: { ...flowRequest(), stat: 'aggregate' } })).text, 'NXST_AGGREGATE request (xid=0x7):');

  const r: MultipartReplyMsg = {
    type: 'multipart_reply', version: 1, xid: 8, flags: 1,
    body: { stat: 'flow', format: 'nxm', entries: [ENTRY, { ...ENTRY, idleAge: undefined, hardAge: 3, durationSec: 3, match: [], instructions: [] }] },
  };
  t.is(ovsOfpPrint(encode(r)).text,
    'NXST_FLOW reply (xid=0x8): flags=[more] ' +
    'cookie=0x10, duration=3.005s, table=1, n_packets=2, n_bytes=100, idle_timeout=10, hard_timeout=20, idle_age=2, hard_age=1, priority=9,ipv6,reg0=0x5,ipv6_src=2001:db8::1 actions=output:2 ' +
    'cookie=0x10, duration=3.005s, table=1, n_packets=2, n_bytes=100, idle_timeout=10, hard_timeout=20, priority=9 actions=drop');
  const a = encode({ type: 'multipart_reply', version: 1, xid: 4, flags: 0, body: { stat: 'aggregate', format: 'nxm', packetCount: 7n, byteCount: 420n, flowCount: 7 } });
  t.is(a.toString('hex'), OVS_NXST_AGGREGATE_REPLY);
  t.is(ovsOfpPrint(a).text, 'NXST_AGGREGATE reply (xid=0x4): packet_count=7 byte_count=420 flow_count=7');
});

// ---------------------------------------------------------------- versions and errors

withOvs('§4.3.4 Nicira flow statistics exist only in OpenFlow 1.0: OFPBRC_BAD_SUBTYPE when received in OF1.3 (as Open vSwitch says), BAD_VERSION to encode', (t) => {
  for (const subtype of ['00000000', '00000001']) {
    const hex = '0412002000000001' + 'ffff0000' + '00000000' + '00002320' + subtype + 'ffff0000ff000000';
    t.is(decodeErrorOf(t, hex), 'OFPBRC_BAD_SUBTYPE');
    t.regex(ovsOfpPrint(hex).text, /decode error: OFPBRC_BAD_SUBTYPE/);
  }
  const q: MultipartRequestMsg = { type: 'multipart_request', version: 4, xid: 1, flags: 0, body: flowRequest() };
  t.is(codecErrorOf(t, () => encode(q)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ ...q, body: { ...flowRequest(), stat: 'aggregate' } })), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat: 'flow', format: 'nxm', entries: [] } })), 'OFPBRC_BAD_VERSION');
  // The same request without the NXM format is the version's own.
  t.is(messageName(decode(encode({ ...q, body: { ...flowRequest(), format: undefined } }))), 'OFPMP_FLOW_REQUEST');
  // NXM requests have no group filter.
  t.is(codecErrorOf(t, () => encode({ ...q, version: 1, body: flowRequest({ outGroup: 3 }) })), 'OFPBRC_BAD_VERSION');
});

withOvs('NXST request errors are Open vSwitch\'s: body length, match length, a second cookie, cookie bits outside the mask', (t) => {
  const cases: Array<[string, string, string]> = [
    // 12-byte body: not the 8-byte request plus whole 8-byte units.
    ['0110002400000004ffff0000000023200000000000000000ffff0000ff00000000000000', 'OFPBRC_BAD_LEN', 'OFPBRC_BAD_LEN'],
    // match_len 16 with 8 bytes after the request.
    ['0110002800000004ffff0000000023200000000000000000ffff0010ff0000000000000000000000', 'OFPBMC_BAD_LEN', 'OFPBMC_BAD_LEN'],
    // NXM_NX_COOKIE twice.
    ['0110003800000004ffff0000000023200000000000000000ffff0018ff00000000013c08000000000000000500013c080000000000000006', 'OFPBMC_DUP_FIELD', 'OFPBMC_DUP_FIELD'],
    // NXM_NX_COOKIE_W 0xff/0xf0.
    ['0110003800000004ffff0000000023200000000000000000ffff0014ff00000000013d1000000000000000ff00000000000000f000000000', 'OFPBMC_BAD_WILDCARDS', 'OFPBMC_BAD_WILDCARDS'],
  ];
  for (const [hex, ours, theirs] of cases) {
    t.is(decodeErrorOf(t, hex), ours, hex);
    t.regex(ovsOfpPrint(hex).text, new RegExp(`decode error: ${theirs}`), hex);
  }
  // An entry whose match_len runs past its length.
  const reply = encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'flow', format: 'nxm', entries: [{ ...ENTRY, instructions: [] }] } });
  reply.writeUInt16BE(0x80, 24 + 18);
  t.is(decodeErrorOf(t, reply.toString('hex')), 'OFPBRC_BAD_LEN');
  // A cookie filter and an NXM_NX_COOKIE entry of the match's own cannot both be written.
  const own = { field: 'opaque' as const, tlv: Buffer.from('00013c080000000000000005', 'hex') };
  t.is(codecErrorOf(t, () => encode({ type: 'multipart_request', version: 1, xid: 1, flags: 0, body: flowRequest({ cookie: 1n, cookieMask: 1n, match: [own] }) })), 'OFPBMC_DUP_FIELD');
});

test('vendor statistics of another vendor, and Nicira subtypes not modelled, stay what they were: unmodelled, bytes kept', (t) => {
  for (const hex of [
    '0110001800000004ffff0000' + '00001234' + '0000000000000000',
    // NXST_IPFIX_BRIDGE request (subtype 3).
    '0110001800000004ffff0000' + '00002320' + '0000000300000000',
  ]) {
    const m = decode(Buffer.from(hex, 'hex')) as UnmodelledMsg;
    t.like(m, { type: 'unmodelled', rawName: 'OFPST_VENDOR_REQUEST', stat: 0xffff });
    t.is(encode(m).toString('hex'), hex);
  }
});

// ---------------------------------------------------------------- splitting

withOvs('split: an NXST_FLOW reply of 3,000 flows comes back whole from parts within 65535 bytes, MORE on all but the last, each an NXST_FLOW reply ovs-ofctl reads', (t) => {
  const entries = Array.from({ length: 3000 }, (_, i): FlowStats => ({
    ...ENTRY, cookie: BigInt(i), match: [{ field: 'reg0', value: i }, { field: 'tun_id', value: BigInt(i) }, ...ENTRY.match.slice(1)],
  }));
  const m: MultipartReplyMsg = { type: 'multipart_reply', version: 1, xid: 0x3000, flags: 0, body: { stat: 'flow', format: 'nxm', entries } };
  t.is(codecErrorOf(t, () => encode(m)), 'OFPBRC_BAD_LEN');
  const parts = encodeAll(m);
  const entryLen = encode({ ...m, body: { stat: 'flow', format: 'nxm', entries: [entries[0]!] } }).length - 24;
  // The 24-byte NXST header (stats prefix, vendor, subtype, padding) is counted: each part but the last is as full as it can be.
  t.is(parts.length, Math.ceil(3000 / Math.floor((65535 - 24) / entryLen)));
  const decoded = parts.map((p) => decode(p) as MultipartReplyMsg);
  parts.forEach((p, i) => {
    t.true(p.length <= 65535);
    if (i < parts.length - 1) t.true(p.length + entryLen > 65535);
    t.is(messageName(decoded[i]!), 'NXST_FLOW_REPLY');
    t.is(decoded[i]!.flags, i < parts.length - 1 ? 1 : 0);
  });
  const all = decoded.flatMap((d) => (d.body.stat === 'flow' ? d.body.entries : []));
  t.true(sameNeutral(all, entries));
  t.regex(ovsOfpPrint(parts[0]!).text, /^NXST_FLOW reply \(xid=0x3000\): flags=\[more\] cookie=0x0, /);
  const last = ovsOfpPrint(parts.at(-1)!);
  t.false(last.failed);
  t.regex(last.text, /cookie=0xbb7, .*reg0=0xbb7,tun_id=0xbb7,/);
});

// ---------------------------------------------------------------- round trips

test('property: NXST_FLOW and NXST_AGGREGATE requests and replies encode and decode back to themselves', (t) => {
  for (const stat of ['flow', 'aggregate'] as const) {
    fc.assert(fc.property(requestMsg(1, nxmRequestBody(stat)), (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 100 });
    fc.assert(fc.property(replyMsg(1, nxmReplyBody(stat)), (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 100 });
  }
  t.pass();
});

test('ages: absent is written 0 (unknown), an age is written plus one, and from 65534 seconds on as 65535', (t) => {
  const one = (e: FlowStats): Buffer => encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'flow', format: 'nxm', entries: [e] } });
  const ages = (b: Buffer): [number, number] => [b.readUInt16BE(24 + 20), b.readUInt16BE(24 + 22)];
  t.deepEqual(ages(one({ ...ENTRY, idleAge: undefined, hardAge: undefined })), [0, 0]);
  t.deepEqual(ages(one({ ...ENTRY, idleAge: 0, hardAge: 7 })), [1, 8]);
  const big = one({ ...ENTRY, idleAge: 70000, hardAge: 65534 });
  t.deepEqual(ages(big), [65535, 65535]);
  t.like((decode(big) as MultipartReplyMsg).body, { entries: [{ idleAge: 65534, hardAge: 65534 }] });
  // The standard formats have no ages: they are left out.
  const std = decode(encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'flow', entries: [{ ...ENTRY, match: [] }] } })) as MultipartReplyMsg;
  if (std.body.stat !== 'flow') return t.fail();
  t.false('idleAge' in std.body.entries[0]!);
});

test('printer: NXST requests with their filters', (t) => {
  const q: MultipartRequestMsg = {
    type: 'multipart_request', version: 1, xid: 2, flags: 0,
    body: flowRequest({ tableId: 3, outPort: 2, cookie: 0x10n, cookieMask: 0xf0n, match: [{ field: 'reg0', value: 5 }] }),
  };
  t.is(formatMessage(q), 'NXST_FLOW_REQUEST (OF1.0) (xid=0x2): table=3 out_port=2 cookie=0x10/0xf0 reg0=0x5');
  t.is(formatMessage({ ...q, body: { ...flowRequest(), stat: 'aggregate' } }), 'NXST_AGGREGATE_REQUEST (OF1.0) (xid=0x2)');
});
