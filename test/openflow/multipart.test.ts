import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { decode, encode, encodeAll } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import type { FlowStats } from '../../src/openflow/flow-stats.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import { toJsonValue } from '../../src/openflow/neutral-json.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import type { Port } from '../../src/openflow/port.js';
import { COUNTER_UNAVAILABLE, type PortStats } from '../../src/openflow/port-stats.js';
import { formatMessage } from '../../src/openflow/printer.js';
import type { UnmodelledMsg } from '../../src/openflow/unmodelled.js';
import { REPLY_KINDS, REQUEST_KINDS, replyBody, replyMsg, requestBody, requestMsg } from '../support/multipart-arbitraries.js';

const OSKEN_SCRIPT = fileURLToPath(new URL('../support/osken-multipart.py', import.meta.url));

/** Runs the os-ken helper; 'input' lines go to its stdin. */
function osken(mode: 'fixtures' | 'parse', input = ''): string {
  const r = spawnSync('/usr/bin/python3', [OSKEN_SCRIPT, mode], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`os-ken helper failed: ${r.stderr}`);
  return r.stdout;
}

let fixtureCache: Record<string, string> | undefined;
/** The hex messages os-ken produced (see test/support/osken-multipart.py). */
function fixture(name: string): string {
  fixtureCache ??= JSON.parse(osken('fixtures')) as Record<string, string>;
  const hex = fixtureCache[name];
  if (!hex) throw new Error(`no os-ken fixture ${name}`);
  return hex;
}

/** os-ken's parse (to_jsondict) of each message. */
function oskenParse(msgs: Uint8Array[]): Record<string, Record<string, unknown>>[] {
  return JSON.parse(osken('parse', msgs.map((m) => Buffer.from(m).toString('hex')).join('\n') + '\n')) as Record<string, Record<string, unknown>>[];
}

function ovsPrint(msg: Uint8Array): string {
  const r = spawnSync('ovs-ofctl', ['ofp-print', Buffer.from(msg).toString('hex')], { encoding: 'utf8', timeout: 30_000 });
  return r.stdout + r.stderr;
}

/** Decodes 'hex', checks it re-encodes to the same bytes, returns the message. */
function roundTrip(t: ExecutionContext, hex: string): OfpMessage {
  const m = decode(Buffer.from(hex, 'hex'));
  t.is(encode(m).toString('hex'), hex);
  return m;
}

function request(t: ExecutionContext, hex: string): MultipartRequestMsg {
  const m = roundTrip(t, hex);
  if (m.type !== 'multipart_request') throw new Error(`decoded as ${m.type}`);
  return m;
}

function reply(t: ExecutionContext, hex: string): MultipartReplyMsg {
  const m = roundTrip(t, hex);
  if (m.type !== 'multipart_reply') throw new Error(`decoded as ${m.type}`);
  return m;
}

function codecError(t: ExecutionContext, fn: () => unknown): string {
  const e = t.throws(fn);
  t.true(OfpCodecError.is(e), String(e));
  return (e as OfpCodecError).ofperr;
}

const ALL64 = COUNTER_UNAVAILABLE;

// ---------------------------------------------------------------- os-ken requests

test('os-ken OF1.3 requests without a body: desc, table, port_desc, group_features, meter_features', (t) => {
  t.like(request(t, fixture('13_desc_req')), { version: 4, xid: 1, flags: 0, body: { stat: 'desc' } });
  t.like(request(t, fixture('13_table_req')), { body: { stat: 'table' } });
  t.deepEqual(request(t, fixture('13_port_desc_req')).body, { stat: 'port_desc' });
  t.like(request(t, fixture('13_group_features_req')), { body: { stat: 'group_features' } });
  t.like(request(t, fixture('13_meter_features_req')), { body: { stat: 'meter_features' } });
});

test('os-ken OF1.3 requests with a filter: port, queue, group, meter, meter_config', (t) => {
  t.deepEqual(request(t, fixture('13_port_req')).body, { stat: 'port', portNo: 0xffffffff });
  t.deepEqual(request(t, fixture('13_queue_req')).body, { stat: 'queue', portNo: 2, queueId: 0xffffffff });
  t.deepEqual(request(t, fixture('13_group_req')).body, { stat: 'group', groupId: 0xfffffffc });
  t.deepEqual(request(t, fixture('13_meter_req')).body, { stat: 'meter', meterId: 0xffffffff });
  t.deepEqual(request(t, fixture('13_meter_config_req')).body, { stat: 'meter_config', meterId: 5 });
});

test('§4.8.4 decoding reports OFPMPF_REQ_MORE in flags and does not join parts', (t) => {
  t.like(request(t, fixture('13_port_req_more')), { flags: 1, body: { stat: 'port', portNo: 1 } });
});

test('os-ken OF1.0 requests: desc, table, port (OFPP_NONE), queue (OFPP_ALL means every port)', (t) => {
  t.like(request(t, fixture('10_desc_req')), { version: 1, body: { stat: 'desc' } });
  t.like(request(t, fixture('10_table_req')), { version: 1, body: { stat: 'table' } });
  t.deepEqual(request(t, fixture('10_port_req')).body, { stat: 'port', portNo: 0xffffffff });
  t.deepEqual(request(t, fixture('10_queue_req')).body, { stat: 'queue', portNo: 1, queueId: 0xffffffff });
  // OF1.0 says "all ports" with OFPP_ALL; the neutral form says OFPP_ANY, and it goes back as OFPP_ALL.
  const all = Buffer.from('0110001400000008' + '00050000' + 'fffc0000' + 'ffffffff', 'hex');
  const m = decode(all) as MultipartRequestMsg;
  t.deepEqual(m.body, { stat: 'queue', portNo: 0xffffffff, queueId: 0xffffffff });
  t.is(encode(m).toString('hex'), all.toString('hex'));
});

test('os-ken FLOW and AGGREGATE requests: OF1.3 with cookie, group and OXM match; OF1.0 with its 40-byte match', (t) => {
  t.like(request(t, fixture('13_flow_req')), {
    body: {
      stat: 'flow', tableId: 1, outPort: 7, outGroup: 0xffffffff, cookie: 0x1234n, cookieMask: 0xffffn,
      match: [{ field: 'in_port', value: 3 }, { field: 'eth_type', value: 0x0800 }, { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' }],
    },
  });
  t.deepEqual(request(t, fixture('13_flow_req_all')).body, {
    stat: 'flow', tableId: 0xff, outPort: 0xffffffff, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [],
  });
  t.like(request(t, fixture('13_aggregate_req')), {
    body: { stat: 'aggregate', tableId: 0xff, outGroup: 5, match: [{ field: 'eth_dst', value: 'aa:bb:cc:dd:ee:ff' }] },
  });
  t.like(request(t, fixture('10_flow_req')), {
    version: 1,
    body: {
      stat: 'flow', tableId: 1, outPort: 7, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n,
      match: [{ field: 'in_port', value: 3 }, { field: 'eth_type', value: 0x0800 }],
    },
  });
  t.like(request(t, fixture('10_flow_req_all')), { body: { stat: 'flow', tableId: 0xff, outPort: 0xffffffff, match: [] } });
  t.like(request(t, fixture('10_aggregate_req')), { body: { stat: 'aggregate', outPort: 0xffffffff } });
  t.deepEqual(request(t, fixture('13_group_desc_req')).body, { stat: 'group_desc' });
});

// ---------------------------------------------------------------- os-ken replies

test('FLOW reply: OF1.3 entry with flags, OXM match and instructions', (t) => {
  const m = reply(t, fixture('13_flow_reply'));
  t.deepEqual(toJsonValue(m.body), toJsonValue({
    stat: 'flow',
    entries: [{
      tableId: 3, durationSec: 10, durationNsec: 500000000, priority: 100, idleTimeout: 30, hardTimeout: 60, flags: 1, importance: 0,
      cookie: 0xabcdn, packetCount: 42n, byteCount: 4200n,
      match: [{ field: 'in_port', value: 1 }, { field: 'eth_type', value: 0x0800 }],
      instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0xffe5 }] }],
    }],
  }));
});

test('FLOW reply: an OF1.0 entry\'s actions become one apply-actions instruction', (t) => {
  const m = reply(t, fixture('10_flow_reply'));
  if (m.body.stat !== 'flow') return t.fail();
  t.like(m.body.entries[0], { tableId: 0, priority: 100, cookie: 0xabcdn, packetCount: 42n, flags: 0, match: [{ field: 'in_port', value: 1 }] });
  t.deepEqual(m.body.entries[0]!.instructions, [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0xffe5 }] }]);
  // The same flow taken through OF1.3 and back to OF1.0 is the same neutral message.
  const again = decode(encode(decode(encode(m, 4)), 1));
  t.deepEqual(toJsonValue(again), toJsonValue(m));
});

test('AGGREGATE reply in OF1.0 and OF1.3', (t) => {
  const expected = { stat: 'aggregate', packetCount: 100n, byteCount: 6400n, flowCount: 3 };
  t.deepEqual(reply(t, fixture('13_aggregate_reply')).body, expected);
  t.deepEqual(reply(t, fixture('10_aggregate_reply')).body, expected);
});

test('GROUP_DESC reply (OF1.3): type, id, buckets with weight, watches and actions', (t) => {
  t.deepEqual(reply(t, fixture('13_group_desc_reply')).body, {
    stat: 'group_desc',
    entries: [{
      groupType: 1, groupId: 7,
      buckets: [
        { weight: 1, watchPort: 0xffffffff, watchGroup: 0xffffffff, actions: [{ type: 'output', port: 1, maxLen: 0 }] },
        { weight: 2, watchPort: 0xffffffff, watchGroup: 0xffffffff, actions: [{ type: 'output', port: 2, maxLen: 0 }] },
      ],
    }],
  });
});

test('DESC reply: the five strings, in OF1.0 and OF1.3', (t) => {
  const expected = { stat: 'desc', mfrDesc: 'Nicira, Inc.', hwDesc: 'Open vSwitch', swDesc: '3.1.0', serialNum: 'None', dpDesc: 'br0 datapath' };
  t.deepEqual(reply(t, fixture('13_desc_reply')).body, expected);
  t.like(reply(t, fixture('10_desc_reply')), { version: 1, xid: 21, body: expected });
});

test('TABLE reply: OF1.3 counters; OF1.0 entries with name, wildcards and max_entries', (t) => {
  t.deepEqual(reply(t, fixture('13_table_reply')).body, {
    stat: 'table',
    entries: [0, 1, 2].map((i) => ({ tableId: i, activeCount: 10 * i, lookupCount: BigInt(1000 + i), matchedCount: BigInt(900 + i) })),
  });
  t.deepEqual(reply(t, fixture('10_table_reply')).body, {
    stat: 'table',
    entries: [0, 1].map((i) => ({
      tableId: i, activeCount: 10 * i, lookupCount: BigInt(1000 + i), matchedCount: BigInt(900 + i),
      name: `table${i}`, wildcards: 0x3fffff, maxEntries: 1000000,
    })),
  });
});

test('PORT reply: OF1.3 with durations and OFPSF_REPLY_MORE; all-ones counters and unknown age', (t) => {
  const m = reply(t, fixture('13_port_reply'));
  t.is(m.flags, 1);
  if (m.body.stat !== 'port') return t.fail();
  t.deepEqual(m.body.entries[0], {
    portNo: 1, rxPackets: 10n, txPackets: 20n, rxBytes: 1000n, txBytes: 2000n, rxDropped: 1n, txDropped: 2n,
    rxErrors: 3n, txErrors: 4n, rxFrameErr: 5n, rxOverErr: 6n, rxCrcErr: 7n, collisions: 8n, durationSec: 30, durationNsec: 40000,
  });
  t.like(m.body.entries[1], { portNo: 0xfffffffe, rxPackets: ALL64, collisions: ALL64, durationSec: undefined });
});

test('PORT reply: OF1.0 has 16-bit ports and no age', (t) => {
  const m = reply(t, fixture('10_port_reply'));
  if (m.body.stat !== 'port') return t.fail();
  t.like(m.body.entries[0], { portNo: 1, rxBytes: 1000n, collisions: 8n });
  t.false('durationSec' in m.body.entries[0]!);
  t.is(m.body.entries[1]!.portNo, 0xfffffffe);
});

test('PORT_DESC reply (OF1.3): the port list', (t) => {
  const m = reply(t, fixture('13_port_desc_reply'));
  if (m.body.stat !== 'port_desc') return t.fail();
  t.is(m.body.entries.length, 2);
  t.like(m.body.entries[0], { portNo: 1, name: 'p1', hwAddr: 'aa:55:aa:55:00:01', state: 4, curr: 0x2840, currSpeed: 10000000 });
  t.like(m.body.entries[1], { portNo: 0xfffffffe, name: 'br0', config: 1, state: 1 });
});

test('QUEUE reply: OF1.3 with age, OF1.0 without', (t) => {
  t.deepEqual(reply(t, fixture('13_queue_reply')).body, {
    stat: 'queue',
    entries: [
      { portNo: 1, queueId: 0, txBytes: 5000n, txPackets: 50n, txErrors: 0n, durationSec: 12, durationNsec: 34 },
      { portNo: 2, queueId: 7, txBytes: 6000n, txPackets: 60n, txErrors: 1n, durationSec: 56, durationNsec: 78 },
    ],
  });
  t.deepEqual(reply(t, fixture('10_queue_reply')).body, {
    stat: 'queue', entries: [{ portNo: 1, queueId: 0, txBytes: 5000n, txPackets: 50n, txErrors: 0n }],
  });
});

test('GROUP and GROUP_FEATURES replies (OF1.3)', (t) => {
  t.deepEqual(reply(t, fixture('13_group_reply')).body, {
    stat: 'group',
    entries: [
      { groupId: 1, refCount: 2, packetCount: 300n, byteCount: 30000n, durationSec: 5, durationNsec: 6, buckets: [{ packetCount: 100n, byteCount: 10000n }] },
      { groupId: 9, refCount: 0, packetCount: 0n, byteCount: 0n, durationSec: 1, durationNsec: 2, buckets: [] },
    ],
  });
  t.deepEqual(reply(t, fixture('13_group_features_reply')).body, {
    stat: 'group_features', types: 0xf, capabilities: 0x7, maxGroups: [10, 20, 30, 40], actions: [1, 3, 7, 0xf],
  });
});

test('METER, METER_CONFIG and METER_FEATURES replies (OF1.3)', (t) => {
  t.deepEqual(reply(t, fixture('13_meter_reply')).body, {
    stat: 'meter',
    entries: [{ meterId: 1, flowCount: 2, packetInCount: 300n, byteInCount: 30000n, durationSec: 5, durationNsec: 6, bands: [{ packetCount: 10n, byteCount: 1000n }] }],
  });
  t.deepEqual(reply(t, fixture('13_meter_config_reply')).body, {
    stat: 'meter_config',
    entries: [{
      flags: 5, meterId: 5,
      bands: [{ type: 'drop', rate: 1000, burstSize: 100 }, { type: 'dscp_remark', rate: 2000, burstSize: 200, precLevel: 1 }],
    }],
  });
  t.deepEqual(reply(t, fixture('13_meter_features_reply')).body, {
    stat: 'meter_features', maxMeter: 1000, bandTypes: 6, capabilities: 0xf, maxBands: 2, maxColor: 8,
  });
});

// ---------------------------------------------------------------- os-ken parses our encodings

test('os-ken parses our OF1.3 and OF1.0 replies and finds our values', (t) => {
  const port: Port = {
    portNo: 3, hwAddr: '02:00:00:00:00:03', name: 'eth3', config: 0, state: 4, curr: 0x840, advertised: 0, supported: 0, peer: 0,
    currSpeed: 1000000, maxSpeed: 1000000,
  };
  const stats: PortStats = {
    portNo: 3, rxPackets: 11n, txPackets: 12n, rxBytes: 13n, txBytes: 14n, rxDropped: 15n, txDropped: 16n, rxErrors: 17n,
    txErrors: 18n, rxFrameErr: 19n, rxOverErr: 20n, rxCrcErr: 21n, collisions: 22n, durationSec: 7, durationNsec: 8,
  };
  const base = { type: 'multipart_reply' as const, xid: 9, flags: 0 };
  const msgs: MultipartReplyMsg[] = [
    { ...base, version: 4, body: { stat: 'desc', mfrDesc: 'ofconnmgr', hwDesc: 'hw', swDesc: 'sw', serialNum: '42', dpDesc: 'dp' } },
    { ...base, version: 4, body: { stat: 'port_desc', entries: [port] } },
    { ...base, version: 4, body: { stat: 'port', entries: [stats] } },
    { ...base, version: 4, body: { stat: 'table', entries: [{ tableId: 2, activeCount: 5, lookupCount: 6n, matchedCount: 7n }] } },
    { ...base, version: 4, body: { stat: 'queue', entries: [{ portNo: 3, queueId: 1, txBytes: 100n, txPackets: 10n, txErrors: 0n, durationSec: 1, durationNsec: 2 }] } },
    { ...base, version: 4, body: { stat: 'meter_config', entries: [{ flags: 1, meterId: 4, bands: [{ type: 'drop', rate: 10, burstSize: 0 }] }] } },
    { ...base, version: 1, flags: 1, body: { stat: 'port', entries: [stats] } },
    { ...base, version: 1, body: { stat: 'table', entries: [{ tableId: 0, activeCount: 5, lookupCount: 6n, matchedCount: 7n, name: 'classifier', wildcards: 0x3fffff, maxEntries: 1000 }] } },
  ];
  const parsed = oskenParse(msgs.map((m) => encode(m)));
  const [desc, portDesc, portStats, table, queue, meterConfig, port10, table10] = parsed.map((p) => Object.values(p)[0] as Record<string, unknown>);
  t.like(desc, { body: { OFPDescStats: { mfr_desc: 'ofconnmgr', serial_num: '42', dp_desc: 'dp' } } });
  t.like((portDesc!.body as Record<string, unknown>[])[0], { OFPPort: { port_no: 3, name: 'eth3', hw_addr: '02:00:00:00:00:03', curr_speed: 1000000 } });
  t.like((portStats!.body as Record<string, unknown>[])[0], { OFPPortStats: { port_no: 3, rx_packets: 11, collisions: 22, duration_sec: 7, duration_nsec: 8 } });
  t.like((table!.body as Record<string, unknown>[])[0], { OFPTableStats: { table_id: 2, active_count: 5, lookup_count: 6, matched_count: 7 } });
  t.like((queue!.body as Record<string, unknown>[])[0], { OFPQueueStats: { port_no: 3, queue_id: 1, tx_bytes: 100, duration_nsec: 2 } });
  t.like((meterConfig!.body as Record<string, unknown>[])[0], { OFPMeterConfigStats: { meter_id: 4, flags: 1 } });
  t.like(port10, { flags: 1 });
  t.like((port10!.body as Record<string, unknown>[])[0], { OFPPortStats: { port_no: 3, tx_errors: 18, collisions: 22 } });
  t.like((table10!.body as Record<string, unknown>[])[0], { OFPTableStats: { table_id: 0, name: 'classifier', max_entries: 1000, wildcards: 0x3fffff } });
});

function flow(i: number, version: number): FlowStats {
  return {
    tableId: i % 4, durationSec: i, durationNsec: 1000 * i, priority: 100 + (i % 1000), idleTimeout: 10, hardTimeout: 0,
    flags: version >= 4 ? 1 : 0, importance: 0, cookie: BigInt(i), packetCount: BigInt(2 * i), byteCount: BigInt(128 * i),
    match: [{ field: 'in_port', value: (i % 100) + 1 }],
    instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: (i % 7) + 1, maxLen: 0 }] }],
  };
}

test('os-ken parses our FLOW, AGGREGATE and GROUP_DESC replies in OF1.3 and OF1.0', (t) => {
  const base = { type: 'multipart_reply' as const, xid: 5, flags: 0 };
  const msgs: MultipartReplyMsg[] = [
    { ...base, version: 4, body: { stat: 'flow', entries: [flow(7, 4), flow(8, 4)] } },
    { ...base, version: 1, body: { stat: 'flow', entries: [flow(7, 1)] } },
    { ...base, version: 4, body: { stat: 'aggregate', packetCount: 9n, byteCount: 900n, flowCount: 2 } },
    {
      ...base, version: 4,
      body: { stat: 'group_desc', entries: [{ groupType: 3, groupId: 2, buckets: [{ weight: 0, watchPort: 4, watchGroup: 0xffffffff, actions: [{ type: 'output', port: 4, maxLen: 0 }] }] }] },
    },
  ];
  const [f13, f10, agg, gd] = oskenParse(msgs.map((m) => encode(m))).map((p) => Object.values(p)[0] as Record<string, unknown>);
  const flows13 = (f13!.body as Record<string, Record<string, unknown>>[]).map((b) => b.OFPFlowStats!);
  t.is(flows13.length, 2);
  t.like(flows13[1], { table_id: 0, priority: 108, cookie: 8, packet_count: 16, byte_count: 1024, idle_timeout: 10, flags: 1, duration_nsec: 8000 });
  t.like(flows13[1]!.match, { OFPMatch: { oxm_fields: [{ OXMTlv: { field: 'in_port', value: 9 } }] } });
  t.like((flows13[1]!.instructions as unknown[])[0], { OFPInstructionActions: { type: 4, actions: [{ OFPActionOutput: { port: 2 } }] } });
  const flow10 = (f10!.body as Record<string, Record<string, unknown>>[])[0]!.OFPFlowStats!;
  t.like(flow10, { table_id: 3, priority: 107, cookie: 7, packet_count: 14 });
  t.like(flow10.match, { OFPMatch: { in_port: 8 } });
  t.like((flow10.actions as unknown[])[0], { OFPActionOutput: { port: 1 } });
  t.like(agg, { body: { OFPAggregateStats: { packet_count: 9, byte_count: 900, flow_count: 2 } } });
  t.like((gd!.body as unknown[])[0], { OFPGroupDescStats: { type: 3, group_id: 2, buckets: [{ OFPBucket: { watch_port: 4, actions: [{ OFPActionOutput: { port: 4 } }] } }] } });
});

// ---------------------------------------------------------------- ovs-ofctl accepts our encodings

test('ovs-ofctl ofp-print reads our FLOW replies and requests in OF1.3 and OF1.0', (t) => {
  const f = { ...flow(3, 4), match: [{ field: 'in_port' as const, value: 3 }, { field: 'eth_type' as const, value: 0x0800 }] };
  const out13 = ovsPrint(encode({ type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat: 'flow', entries: [f] } }));
  t.regex(out13, /OFPST_FLOW reply \(OF1\.3\)/);
  t.regex(out13, /cookie=0x3, duration=3\.000003s, table=3, n_packets=6, n_bytes=384, idle_timeout=10, send_flow_rem priority=103,ip,in_port=3 actions=output:4/);
  const out10 = ovsPrint(encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 1, body: { stat: 'flow', entries: [flow(3, 1)] } }));
  t.regex(out10, /OFPST_FLOW reply \(xid=0x1\): flags=\[more\]/);
  t.regex(out10, /cookie=0x3, duration=3\.000003s, table=3, n_packets=6, n_bytes=384, idle_timeout=10, priority=103,in_port=4 actions=output:4/);
  const req = ovsPrint(encode({
    type: 'multipart_request', version: 4, xid: 1, flags: 0,
    body: { stat: 'flow', tableId: 2, outPort: 5, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [{ field: 'eth_type', value: 0x0806 }] },
  }));
  t.regex(req, /OFPST_FLOW request \(OF1\.3\) \(xid=0x1\): table=2 out_port=5 arp/);
  const agg = ovsPrint(encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'aggregate', packetCount: 1n, byteCount: 2n, flowCount: 3 } }));
  t.regex(agg, /OFPST_AGGREGATE reply \(xid=0x1\): packet_count=1 byte_count=2 flow_count=3/);
  const gd = ovsPrint(encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'group_desc', entries: [{ groupType: 1, groupId: 9, buckets: [{ weight: 5, watchPort: 0xffffffff, watchGroup: 0xffffffff, actions: [{ type: 'output', port: 2, maxLen: 0 }] }] }] },
  }));
  t.regex(gd, /group_id=9,type=select,bucket=weight:5,actions=output:2/);
});

test('ovs-ofctl ofp-print reads our DESC, TABLE and PORT_DESC replies', (t) => {
  const desc = encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'desc', mfrDesc: 'Example Inc.', hwDesc: 'soft', swDesc: 'ofconnmgr 0.1', serialNum: 'SN1', dpDesc: 'bridge br0' },
  });
  const out = ovsPrint(desc);
  t.regex(out, /OFPST_DESC reply \(OF1\.3\)/);
  t.regex(out, /Manufacturer: Example Inc\./);
  t.regex(out, /Software: ofconnmgr 0\.1/);
  t.regex(out, /DP Description: bridge br0/);

  const table10 = encode({
    type: 'multipart_reply', version: 1, xid: 2, flags: 0,
    body: { stat: 'table', entries: [{ tableId: 0, activeCount: 3, lookupCount: 100n, matchedCount: 90n, name: 'classifier', wildcards: 0x3fffff, maxEntries: 1000000 }] },
  });
  const t10 = ovsPrint(table10);
  t.regex(t10, /table 0 \("classifier"\):/);
  t.regex(t10, /active=3, lookup=100, matched=90/);
  t.regex(t10, /max_entries=1000000/);

  const table13 = encode({
    type: 'multipart_reply', version: 4, xid: 3, flags: 0,
    body: { stat: 'table', entries: [{ tableId: 0, activeCount: 3, lookupCount: 100n, matchedCount: 90n }, { tableId: 1, activeCount: 0, lookupCount: 5n, matchedCount: 0n }] },
  });
  t.regex(ovsPrint(table13), /table 1:\s+active=0, lookup=5, matched=0/);

  const portDesc = encode({
    type: 'multipart_reply', version: 4, xid: 4, flags: 0,
    body: { stat: 'port_desc', entries: [{ portNo: 7, hwAddr: '02:00:00:00:00:07', name: 'veth7', config: 1, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0 }] },
  });
  const pd = ovsPrint(portDesc);
  t.regex(pd, /OFPST_PORT_DESC reply \(OF1\.3\)/);
  t.regex(pd, /7\(veth7\): addr:02:00:00:00:00:07/);
  t.regex(pd, /config:\s+PORT_DOWN/);
});

test('ovs-ofctl ofp-print reads our PORT, QUEUE, GROUP and METER replies and requests', (t) => {
  const port = ovsPrint(encode({
    type: 'multipart_reply', version: 1, xid: 1, flags: 1,
    body: { stat: 'port', entries: [{ portNo: 2, rxPackets: 5n, txPackets: 6n, rxBytes: 500n, txBytes: 600n, rxDropped: 0n, txDropped: 0n, rxErrors: 0n, txErrors: 0n, rxFrameErr: ALL64, rxOverErr: ALL64, rxCrcErr: ALL64, collisions: ALL64 }] },
  }));
  t.regex(port, /OFPST_PORT reply \(xid=0x1\): flags=\[more\] 1 ports/);
  t.regex(port, /port +2: rx pkts=5, bytes=500, drop=0, errs=0, frame=\?, over=\?, crc=\?/);

  const queue = ovsPrint(encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'queue', entries: [{ portNo: 1, queueId: 3, txBytes: 10n, txPackets: 1n, txErrors: 0n, durationSec: 2, durationNsec: 500000000 }] },
  }));
  t.regex(queue, /port 1 queue 3: bytes=10, pkts=1, errors=0, duration=2\.500s/);

  const group = ovsPrint(encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'group', entries: [{ groupId: 5, refCount: 1, packetCount: 2n, byteCount: 3n, durationSec: 4, durationNsec: 0, buckets: [{ packetCount: 2n, byteCount: 3n }] }] },
  }));
  t.regex(group, /group_id=5,duration=4s,ref_count=1,packet_count=2,byte_count=3,bucket0:packet_count=2,byte_count=3/);

  const meters = ovsPrint(encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'meter_config', entries: [{ flags: 13, meterId: 2, bands: [{ type: 'dscp_remark', rate: 100, burstSize: 10, precLevel: 2 }] }] },
  }));
  t.regex(meters, /meter=2 kbps burst stats bands=\s+type=dscp_remark rate=100 burst_size=10 prec_level=2/);

  const features = ovsPrint(encode({
    type: 'multipart_reply', version: 4, xid: 1, flags: 0,
    body: { stat: 'meter_features', maxMeter: 64, bandTypes: 2, capabilities: 1, maxBands: 1, maxColor: 0 },
  }));
  t.regex(features, /max_meter:64 max_bands:1 max_color:0\s+band_types: drop\s+capabilities: kbps/);

  const req = ovsPrint(encode({ type: 'multipart_request', version: 4, xid: 1, flags: 0, body: { stat: 'queue', portNo: 4, queueId: 0xffffffff } }));
  t.regex(req, /OFPST_QUEUE request \(OF1\.3\) \(xid=0x1\): port=4 queue=ALL/);
  const req10 = ovsPrint(encode({ type: 'multipart_request', version: 1, xid: 1, flags: 0, body: { stat: 'port', portNo: 3 } }));
  t.regex(req10, /OFPST_PORT request \(xid=0x1\): port_no=3/);
});

// ---------------------------------------------------------------- property tests

test('property: every modelled request kind, in every version, encodes and decodes back to itself', (t) => {
  for (const [v, kinds] of Object.entries(REQUEST_KINDS)) {
    for (const stat of kinds) {
      fc.assert(fc.property(requestMsg(Number(v), requestBody(stat, Number(v))), (m) => {
        t.deepEqual(toJsonValue(decode(encode(m))), toJsonValue(m), `${stat} v${v}`);
      }), { numRuns: 40 });
    }
  }
});

test('property: every modelled reply kind, in every version, encodes and decodes back to itself', (t) => {
  for (const [v, kinds] of Object.entries(REPLY_KINDS)) {
    for (const stat of kinds) {
      fc.assert(fc.property(replyMsg(Number(v), replyBody(stat, Number(v))), (m) => {
        t.deepEqual(toJsonValue(decode(encode(m))), toJsonValue(m), `${stat} v${v}`);
      }), { numRuns: 40 });
    }
  }
});

// ---------------------------------------------------------------- splitting

function portDesc(i: number): Port {
  return {
    portNo: i + 1, hwAddr: '02:00:00:00:00:01', name: `p${i}`, config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0,
    currSpeed: 0, maxSpeed: 0,
  };
}

test('split: a PORT_DESC reply of 2,000 ports (OF1.3) becomes parts within 65535 bytes, MORE on all but the last', (t) => {
  const entries = Array.from({ length: 2000 }, (_, i) => portDesc(i));
  const m: MultipartReplyMsg = { type: 'multipart_reply', version: 4, xid: 77, flags: 0, body: { stat: 'port_desc', entries } };
  t.is(codecError(t, () => encode(m)), 'OFPBRC_BAD_LEN');
  const parts = encodeAll(m);
  t.is(parts.length, Math.ceil(2000 / Math.floor((65535 - 16) / 64)));
  const decoded = parts.map((p) => decode(p) as MultipartReplyMsg);
  parts.forEach((p, i) => {
    t.true(p.length <= 65535);
    t.is(p.readUInt16BE(2), p.length);
    t.is(decoded[i]!.flags, i < parts.length - 1 ? 1 : 0);
    t.is(decoded[i]!.xid, 77);
  });
  const all = decoded.flatMap((d) => (d.body.stat === 'port_desc' ? d.body.entries : []));
  t.deepEqual(toJsonValue(all), toJsonValue(entries));
});

function splitAndJoin(t: ExecutionContext, m: MultipartReplyMsg): MultipartReplyMsg[] {
  t.is(codecError(t, () => encode(m)), 'OFPBRC_BAD_LEN');
  const parts = encodeAll(m);
  t.true(parts.length > 1);
  const decoded = parts.map((p) => decode(p) as MultipartReplyMsg);
  parts.forEach((p, i) => {
    t.true(p.length <= 65535, `part ${i} is ${p.length} bytes`);
    t.is(p.readUInt16BE(2), p.length);
    t.is(decoded[i]!.xid, m.xid);
    t.is(decoded[i]!.flags & 1, i < parts.length - 1 ? 1 : 0, `MORE flag of part ${i}`);
  });
  return decoded;
}

for (const version of [4, 1]) {
  test(`split: a FLOW reply of 3,000 flows (OF1.${version - 1}) comes back whole and in order from its parts`, (t) => {
    const entries = Array.from({ length: 3000 }, (_, i) => flow(i, version));
    const m: MultipartReplyMsg = { type: 'multipart_reply', version, xid: 0x3000, flags: 0, body: { stat: 'flow', entries } };
    const decoded = splitAndJoin(t, m);
    const perEntry = encode({ ...m, body: { stat: 'flow', entries: [entries[0]!] } }).length - (version === 1 ? 12 : 16);
    t.is(decoded.length, Math.ceil(3000 / Math.floor((65535 - (version === 1 ? 12 : 16)) / perEntry)));
    const all = decoded.flatMap((d) => (d.body.stat === 'flow' ? d.body.entries : []));
    t.is(all.length, 3000);
    t.deepEqual(toJsonValue(all), toJsonValue(entries));
  });
}

test('split: ovs-ofctl reads every part of a split FLOW reply', (t) => {
  const entries = Array.from({ length: 1500 }, (_, i) => flow(i, 4));
  const parts = encodeAll({ type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat: 'flow', entries } });
  t.true(parts.length >= 2);
  const first = ovsPrint(parts[0]!);
  t.regex(first, /OFPST_FLOW reply \(OF1\.3\) \(xid=0x1\): flags=\[more\]/);
  t.notRegex(first, /decode error/);
  const last = ovsPrint(parts.at(-1)!);
  t.notRegex(last, /flags=/);
  t.regex(last, /cookie=0x5db,/);
});

test('split: a reply that fits is one message; a small list keeps its own flags', (t) => {
  const m: MultipartReplyMsg = { type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'table', entries: [] } };
  t.is(encodeAll(m).length, 1);
  const desc: MultipartReplyMsg = { type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat: 'desc', mfrDesc: '', hwDesc: '', swDesc: '', serialNum: '', dpDesc: '' } };
  t.deepEqual(encodeAll(desc), [encode(desc)]);
});

// ---------------------------------------------------------------- errors and versions

test('§2.9 a body of the wrong length is BAD_LEN', (t) => {
  // DESC request with a body; DESC reply one byte short; PORT request of 4 bytes.
  t.is(codecError(t, () => decode(Buffer.from('04120014000000010000000000000000' + '00000000', 'hex'))), 'OFPBRC_BAD_LEN');
  const desc = fixture('13_desc_reply');
  const short = Buffer.from(desc, 'hex').subarray(0, desc.length / 2 - 1);
  short.writeUInt16BE(short.length, 2);
  t.is(codecError(t, () => decode(short)), 'OFPBRC_BAD_LEN');
  t.is(codecError(t, () => decode(Buffer.from('04120014000000010004000000000000' + 'ffffffff', 'hex'))), 'OFPBRC_BAD_LEN');
  // TABLE reply (OF1.3) of 25 bytes: not a multiple of 24.
  t.is(codecError(t, () => decode(Buffer.from('04130029000000010003000000000000' + '00'.repeat(25), 'hex'))), 'OFPBRC_BAD_LEN');
  // GROUP reply entry whose length says 48 where 40 bytes are left.
  t.is(codecError(t, () => decode(Buffer.from('04130038000000010006000000000000' + '0030' + '00'.repeat(38), 'hex'))), 'OFPBRC_BAD_LEN');
});

test('a meter band of unknown type is OFPMMFC_BAD_BAND; a band not 16 bytes long is BAD_LEN', (t) => {
  const config = (band: string): Buffer => {
    const body = Buffer.from(`${(8 + band.length / 2).toString(16).padStart(4, '0')}000100000005${band}`, 'hex');
    const h = Buffer.from('0413000000000001000a000000000000', 'hex');
    h.writeUInt16BE(16 + body.length, 2);
    return Buffer.concat([h, body]);
  };
  t.is(codecError(t, () => decode(config('00030010000000010000000200000000'))), 'OFPMMFC_BAD_BAND');
  t.is(codecError(t, () => decode(config('000100180000000100000002000000000000000000000000'))), 'OFPBRC_BAD_LEN');
});

test('kinds a version lacks cannot be encoded: PORT_DESC and meters in OF1.0, groups in OF1.0', (t) => {
  const base = { type: 'multipart_request' as const, version: 1, xid: 1, flags: 0 };
  t.is(codecError(t, () => encode({ ...base, body: { stat: 'port_desc' } })), 'OFPBRC_BAD_VERSION');
  t.is(codecError(t, () => encode({ ...base, body: { stat: 'meter', meterId: 1 } })), 'OFPBRC_BAD_VERSION');
  t.is(codecError(t, () => encode({ ...base, body: { stat: 'group', groupId: 1 } })), 'OFPBRC_BAD_VERSION');
  t.is(codecError(t, () => encode({ ...base, version: 4, body: { stat: 'port_desc', portNo: 3 } })), 'OFPBRC_BAD_VERSION');
  t.is(encode({ ...base, version: 6, body: { stat: 'port_desc', portNo: 3 } }).toString('hex'), '061200180000000100' + '0d000000000000' + '0000000300000000');
});

test('OF1.0 cannot carry instructions other than one action list, nor filter on cookie or group', (t) => {
  const goto = { ...flow(1, 1), instructions: [{ type: 'goto_table' as const, tableId: 1 }] };
  t.is(codecError(t, () => encode({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'flow', entries: [goto] } })), 'OFPBIC_UNSUP_INST');
  t.is(codecError(t, () => encodeAll({ type: 'multipart_reply', version: 1, xid: 1, flags: 0, body: { stat: 'flow', entries: [goto] } })), 'OFPBIC_UNSUP_INST');
  const q = { stat: 'flow' as const, tableId: 0xff, outPort: 0xffffffff, outGroup: 0xffffffff, cookie: 1n, cookieMask: 1n, match: [] };
  t.is(codecError(t, () => encode({ type: 'multipart_request', version: 1, xid: 1, flags: 0, body: q })), 'OFPBRC_BAD_VERSION');
  t.is(codecError(t, () => encode({ type: 'multipart_request', version: 1, xid: 1, flags: 0, body: { ...q, cookie: 0n, cookieMask: 0n, outGroup: 3 } })), 'OFPBRC_BAD_VERSION');
  // A match field OF1.0 lacks is the match codec's error.
  t.is(codecError(t, () => encode({ type: 'multipart_request', version: 1, xid: 1, flags: 0, body: { ...q, cookie: 0n, cookieMask: 0n, match: [{ field: 'ipv6_src', value: '::1' }] } })), 'OFPBMC_BAD_FIELD');
});

test('FLOW entry errors: a length below the fixed part is BAD_LEN; bad instructions are the instruction codec\'s errors', (t) => {
  const good = Buffer.from(fixture('13_flow_reply'), 'hex');
  const shortLen = Buffer.from(good);
  shortLen.writeUInt16BE(40, 16);
  t.is(codecError(t, () => decode(shortLen)), 'OFPBRC_BAD_LEN');
  const longLen = Buffer.from(good);
  longLen.writeUInt16BE(good.length - 16 + 8, 16);
  t.is(codecError(t, () => decode(longLen)), 'OFPBRC_BAD_LEN');
  const badInst = Buffer.from(good);
  badInst.writeUInt16BE(99, good.length - 24); // instruction type
  t.is(codecError(t, () => decode(badInst)), 'OFPBIC_UNKNOWN_INST');
});

test('layouts this codec does not model decode as unmodelled and are refused as BAD_STAT', (t) => {
  // OF1.1 table stats reply (88-byte entries with capability bitmaps).
  const t11 = Buffer.concat([Buffer.from('02130068000000050003000000000000', 'hex'), Buffer.alloc(88)]);
  const m = decode(t11) as UnmodelledMsg;
  t.is(m.type, 'unmodelled');
  t.is(m.rawName, 'OFPMP_TABLE_REPLY');
  t.is(encode(m).toString('hex'), t11.toString('hex'));
  // OF1.1 flow statistics request (ofp11_match).
  const f11 = Buffer.concat([Buffer.from('02120088000000060001000000000000', 'hex'), Buffer.alloc(32 + 88)]);
  t.is(decode(f11).type, 'unmodelled');
  t.is(codecError(t, () => encode({ type: 'multipart_request', version: 2, xid: 1, flags: 0, body: { stat: 'flow', tableId: 0, outPort: 0, outGroup: 0, cookie: 0n, cookieMask: 0n, match: [] } })), 'OFPBRC_BAD_VERSION');
  // OF1.5 flow statistics replies (OXS) and group descriptions (bucket ids).
  t.is(decode(Buffer.from('06130010000000070001000000000000', 'hex')).type, 'unmodelled');
  t.is(codecError(t, () => encode({ type: 'multipart_reply', version: 6, xid: 1, flags: 0, body: { stat: 'flow', entries: [] } })), 'OFPBRC_BAD_VERSION');
  t.is(codecError(t, () => encode({ type: 'multipart_request', version: 6, xid: 1, flags: 0, body: { stat: 'group_desc' } })), 'OFPBRC_BAD_VERSION');
  // TABLE_DESC (OF1.4+) stays unmodelled.
  t.is(decode(Buffer.from('0512001000000001000e000000000000', 'hex')).type, 'unmodelled');
  // Encoding a modelled kind in such a version is an error, not a guess.
  t.is(codecError(t, () => encode({ type: 'multipart_reply', version: 2, xid: 1, flags: 0, body: { stat: 'table', entries: [] } })), 'OFPBRC_BAD_VERSION');
});

test('strings that do not fit their field are refused, not cut', (t) => {
  const body = { stat: 'desc' as const, mfrDesc: 'x'.repeat(256), hwDesc: '', swDesc: '', serialNum: '', dpDesc: '' };
  t.is(codecError(t, () => encode({ type: 'multipart_reply', version: 4, xid: 1, flags: 0, body })), 'OFPBRC_BAD_LEN');
  t.is(codecError(t, () => encode({ type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { ...body, mfrDesc: '', serialNum: 's'.repeat(32) } })), 'OFPBRC_BAD_LEN');
});

test('OF1.4 port stats: Ethernet counters travel in a property; other properties are kept', (t) => {
  const e: PortStats = {
    portNo: 1, rxPackets: 1n, txPackets: 2n, rxBytes: 3n, txBytes: 4n, rxDropped: 5n, txDropped: 6n, rxErrors: 7n, txErrors: 8n,
    rxFrameErr: 9n, rxOverErr: 10n, rxCrcErr: 11n, collisions: 12n, durationSec: 1, durationNsec: 2,
    extraProperties: new Uint8Array([0xff, 0xff, 0, 8, 0, 0, 0x23, 0x20]),
  };
  const wire = encode({ type: 'multipart_reply', version: 5, xid: 1, flags: 0, body: { stat: 'port', entries: [e] } });
  t.is(wire.length, 16 + 80 + 40 + 8);
  t.is(wire.readUInt16BE(16), 128);
  const none = encode({ type: 'multipart_reply', version: 5, xid: 1, flags: 0, body: { stat: 'port', entries: [{ ...e, rxFrameErr: ALL64, rxOverErr: ALL64, rxCrcErr: ALL64, collisions: ALL64, extraProperties: undefined }] } });
  t.is(none.length, 16 + 80);
});

// ---------------------------------------------------------------- printer

test('printer: one line per multipart message in ovs-ofctl words', (t) => {
  t.is(formatMessage(decode(Buffer.from(fixture('13_flow_reply'), 'hex'))),
    'OFPMP_FLOW_REPLY (OF1.3) (xid=0x16): cookie=0xabcd, duration=10.500s, table=3, n_packets=42, n_bytes=4200, idle_timeout=30, ' +
    'hard_timeout=60, send_flow_rem priority=100,in_port=1,dl_type=0x0800 actions=output:2');
  t.is(formatMessage(decode(Buffer.from(fixture('13_flow_req'), 'hex'))),
    'OFPMP_FLOW_REQUEST (OF1.3) (xid=0x2): table=1 out_port=7 cookie=0x1234/0xffff in_port=3,dl_type=0x0800,nw_dst=10.0.0.0/24');
  t.is(formatMessage(decode(Buffer.from(fixture('13_group_desc_reply'), 'hex'))),
    'OFPMP_GROUP_DESC_REPLY (OF1.3) (xid=0x1d): group_id=7,type=select,bucket=actions=output:1,bucket=weight:2,actions=output:2');
  t.is(formatMessage(decode(Buffer.from(fixture('13_port_req_more'), 'hex'))), 'OFPMP_PORT_REQUEST (OF1.3) (xid=0xf): flags=[more] port_no=1');
  t.is(formatMessage(decode(Buffer.from(fixture('13_queue_reply'), 'hex'))),
    'OFPMP_QUEUE_REPLY (OF1.3) (xid=0x1b): 2 queues: port 1 queue 0: bytes=5000, pkts=50, errors=0, duration=12.000000034s; ' +
    'port 2 queue 7: bytes=6000, pkts=60, errors=1, duration=56.000000078s');
  t.regex(formatMessage(decode(Buffer.from(fixture('10_desc_reply'), 'hex'))), /^OFPST_DESC_REPLY \(OF1\.0\) \(xid=0x15\): Manufacturer: Nicira, Inc\.; Hardware: Open vSwitch;/);
  t.regex(formatMessage(decode(Buffer.from(fixture('10_port_reply'), 'hex'))), /flags=\[more\] 2 ports: port 1: rx pkts=10, .* port LOCAL: rx pkts=\?/);
});

test('stats entries of unknown age (all-ones duration) decode without duration keys; extra properties are kept', (t) => {
  const port: PortStats = {
    portNo: 1, rxPackets: 1n, txPackets: 2n, rxBytes: 3n, txBytes: 4n, rxDropped: 5n, txDropped: 6n, rxErrors: 7n, txErrors: 8n,
    rxFrameErr: 9n, rxOverErr: 10n, rxCrcErr: 11n, collisions: 12n,
  };
  const queue = { portNo: 2, queueId: 3, txBytes: 4n, txPackets: 5n, txErrors: 6n };
  const group = { groupId: 7, refCount: 1, packetCount: 2n, byteCount: 3n, buckets: [{ packetCount: 1n, byteCount: 2n }] };
  const bodies = [
    [4, { stat: 'port', entries: [port, { ...port, portNo: 2, durationSec: 3, durationNsec: 4 }] }],
    [5, { stat: 'port', entries: [port, { ...port, extraProperties: Buffer.from([0xff, 0xff, 0, 8, 0, 0, 0x23, 0x20]) }] }],
    [4, { stat: 'queue', entries: [queue, { ...queue, durationSec: 1, durationNsec: 2 }] }],
    [4, { stat: 'group', entries: [group, { ...group, durationSec: 5, durationNsec: 6 }] }],
  ] as const;
  for (const [version, body] of bodies) {
    const msg = { type: 'multipart_reply', version, xid: 1, flags: 0, body } as unknown as OfpMessage;
    const back = decode(encode(msg)) as MultipartReplyMsg;
    t.deepEqual(back.body, body as unknown as MultipartReplyMsg['body'], `${body.stat} in version ${version}`);
    t.false('durationSec' in (back.body as { readonly entries: readonly object[] }).entries[0]!);
  }
});
