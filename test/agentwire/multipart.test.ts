/**
 * Statistics on the agent channel: every modelled request and reply kind
 * (table features too), in every shape a wire version gives it, goes from
 * the neutral form through protobuf bytes and back unchanged (structured,
 * not raw); the
 * ages and OpenFlow 1.0 table descriptions that some versions lack stay
 * absent; and a reply an agent gets wrong is refused naming its field.
 */

import test from 'ava';
import fc from 'fast-check';
import { replyFromProto, replyToProto } from '../../src/agentwire/replies.js';
import { requestFromProto, requestToProto } from '../../src/agentwire/requests.js';
import type { MultipartReply__Output } from '../../src/generated/ofconnmgr/v1/MultipartReply.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import { agentWireErrorOf, replyTrip, requestTrip } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { REPLY_KINDS, REQUEST_KINDS, replyBody, replyMsg, requestBody, requestMsg } from '../support/multipart-arbitraries.js';

const origin = (m: { version: number; xid: number }) => ({ sessionId: 1, sessionName: 's', version: m.version, role: 'equal' as const, xid: m.xid });

function tripRequest(m: MultipartRequestMsg): unknown {
  const proto = requestToProto(1, { kind: 'request', request: { origin: origin(m), msg: m } });
  if (!proto.message?.multipart_request) throw new Error('a modelled statistics request did not travel structured');
  const back = requestFromProto(requestTrip(proto));
  return back.op.kind === 'request' ? back.op.request.msg : back.op;
}

function tripReply(m: MultipartReplyMsg): unknown {
  const proto = replyToProto(1, { ok: true, replies: [m] }, m.version);
  if (!proto.ok?.messages?.[0]?.message?.multipart_reply) throw new Error('a modelled statistics reply did not travel structured');
  const back = replyFromProto(replyTrip(proto), { version: m.version, xid: m.xid });
  return back.result.ok && 'replies' in back.result ? back.result.replies[0] : back.result;
}

/**
 * 'm' as a datapath would send it: the shared arbitraries allow a port
 * listed twice in a port description and queue properties that are any
 * 8-byte multiple, both of which the channel refuses (a datapath has each
 * port once; properties are a TLV list); here the first port of a number
 * is kept and the queue bytes become one experimenter property.
 */
function asDatapathSends(m: MultipartReplyMsg): MultipartReplyMsg {
  const b = m.body;
  if (b.stat === 'port_desc') {
    const seen = new Set<number>();
    return { ...m, body: { ...b, entries: b.entries.filter((p) => !seen.has(p.portNo) && seen.add(p.portNo)) } };
  }
  if (b.stat === 'queue') {
    const entries = b.entries.map((e) => {
      if (!e.extraProperties) return e;
      const props = Uint8Array.from(e.extraProperties);
      props.set([0xff, 0xff, props.length >> 8, props.length & 0xff]);
      return { ...e, extraProperties: props };
    });
    return { ...m, body: { ...b, entries } };
  }
  return m;
}

for (const version of [1, 2, 3, 4, 5, 6]) {
  test(`every statistics request kind of wire version ${version} round-trips structured`, (t) => {
    for (const stat of REQUEST_KINDS[version]!) {
      fc.assert(fc.property(requestMsg(version, requestBody(stat, version)), (m) => {
        assertSameNeutral(t, tripRequest(m), m);
      }), { numRuns: 25 });
    }
  });

  test(`every statistics reply kind of wire version ${version} round-trips structured`, (t) => {
    for (const stat of REPLY_KINDS[version]!) {
      fc.assert(fc.property(replyMsg(version, replyBody(stat, version)).map(asDatapathSends), (m) => {
        assertSameNeutral(t, tripReply(m), m);
      }), { numRuns: 25 });
    }
  });
}

test('absent ages, table descriptions and port_desc filters stay absent; present ones of 0 stay present', (t) => {
  const port: MultipartReplyMsg = {
    type: 'multipart_reply', version: 4, xid: 2, flags: 1, body: {
      stat: 'port', entries: [
        { portNo: 1, rxPackets: 0n, txPackets: 0n, rxBytes: 0n, txBytes: 0n, rxDropped: 0n, txDropped: 0n, rxErrors: 0n, txErrors: 0n, rxFrameErr: 0n, rxOverErr: 0n, rxCrcErr: 0n, collisions: 0n },
        { portNo: 2, rxPackets: 0n, txPackets: 0n, rxBytes: 0n, txBytes: 0n, rxDropped: 0n, txDropped: 0n, rxErrors: 0n, txErrors: 0n, rxFrameErr: 0n, rxOverErr: 0n, rxCrcErr: 0n, collisions: 0n, durationSec: 0, durationNsec: 0 },
      ],
    },
  };
  t.deepEqual(tripReply(port), port);
  const table: MultipartReplyMsg = {
    type: 'multipart_reply', version: 1, xid: 2, flags: 0, body: {
      stat: 'table', entries: [
        { tableId: 0, activeCount: 1, lookupCount: 2n, matchedCount: 1n },
        { tableId: 1, activeCount: 0, lookupCount: 0n, matchedCount: 0n, name: '', wildcards: 0, maxEntries: 0 },
      ],
    },
  };
  t.deepEqual(tripReply(table), table);
  const all: MultipartRequestMsg = { type: 'multipart_request', version: 4, xid: 3, flags: 0, body: { stat: 'port_desc' } };
  t.deepEqual(tripRequest(all), all);
  const one: MultipartRequestMsg = { type: 'multipart_request', version: 6, xid: 3, flags: 0, body: { stat: 'port_desc', portNo: 0 } };
  t.deepEqual(tripRequest(one), one);
});

test('§4.3.4 flow entries\' idle and hard ages travel when known (0 included) and stay absent when not; the NXM format of statistics does not travel (connmgr restores it)', (t) => {
  const flow = {
    tableId: 0, durationSec: 9, durationNsec: 0, priority: 1, idleTimeout: 0, hardTimeout: 0, flags: 0, importance: 0, cookie: 0n,
    packetCount: 0n, byteCount: 0n, match: [{ field: 'reg0' as const, value: 5 }], instructions: [],
  };
  const entries = [flow, { ...flow, idleAge: 0, hardAge: 70000 }, { ...flow, idleAge: 3 }];
  const m: MultipartReplyMsg = { type: 'multipart_reply', version: 1, xid: 2, flags: 0, body: { stat: 'flow', entries } };
  t.deepEqual(tripReply(m), m);
  // The agent sees and answers the neutral statistics: what format the session asked in is connmgr's business.
  const nxm: MultipartRequestMsg = {
    type: 'multipart_request', version: 1, xid: 3, flags: 0,
    body: { stat: 'flow', format: 'nxm', tableId: 0xff, outPort: 0xffffffff, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [{ field: 'reg0', value: 5 }] },
  };
  t.false('format' in (tripRequest(nxm) as MultipartRequestMsg).body);
  t.false('format' in (tripReply({ ...m, body: { stat: 'flow', format: 'nxm', entries } }) as MultipartReplyMsg).body);
});

test('table features travel structured: a get (no entries) and a set request, a reply with raw and experimenter-class properties', (t) => {
  const get: MultipartRequestMsg = { type: 'multipart_request', version: 4, xid: 5, flags: 0, body: { stat: 'table_features', entries: [] } };
  t.deepEqual(tripRequest(get), get);
  const entry = {
    tableId: 7, command: 0, name: 'acl', metadataMatch: 0xffffffffffffffffn, metadataWrite: 0n, capabilities: 0, maxEntries: 1_000_000,
    properties: [
      { type: 'instructions' as const, instructionTypes: [1, 4] },
      { type: 'next_tables' as const, tableIds: [8, 9] },
      { type: 'apply_actions_miss' as const, actionTypes: [0] },
      { type: 'match' as const, fields: [{ header: 0x80000004 }, { header: 0xffff0104, experimenter: 0x4f4e4600 }] },
      { type: 'raw' as const, propType: 0xfffe, payload: Uint8Array.from([0, 0, 0x23, 0x20, 0, 0, 0, 1]) },
    ],
  };
  const set: MultipartRequestMsg = { type: 'multipart_request', version: 6, xid: 6, flags: 0, body: { stat: 'table_features', entries: [{ ...entry, command: 1 }] } };
  assertSameNeutral(t, tripRequest(set), set);
  const answer: MultipartReplyMsg = { type: 'multipart_reply', version: 5, xid: 7, flags: 1, body: { stat: 'table_features', entries: [entry, { ...entry, tableId: 8, name: '' }] } };
  assertSameNeutral(t, tripReply(answer), answer);
});

test('an empty list reply stays a reply of its kind', (t) => {
  for (const stat of ['flow', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_desc', 'meter', 'meter_config'] as const) {
    const m = { type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat, entries: [] } } as MultipartReplyMsg;
    t.deepEqual(tripReply(m), m);
  }
});

/* Validation. */

const reply = (p: Partial<MultipartReply__Output>): MultipartReply__Output => ({ flags: 0, ...p });

const replyErrors: readonly { name: string; p: MultipartReply__Output; path: string; says: RegExp }[] = [
  { name: 'no kind', p: reply({}), path: 'ok.messages[0].message.multipart_reply', says: /no statistics kind given/ },
  { name: 'flags beyond 16 bits', p: reply({ body: 'table', table: { entries: [] }, flags: 0x10000 }), path: 'ok.messages[0].message.multipart_reply.flags', says: /does not fit in 16 bits/ },
  { name: 'a description longer than its field', p: reply({ body: 'desc', desc: { mfr_desc: 'x', hw_desc: 'x', sw_desc: 'x', serial_num: 's'.repeat(32), dp_desc: 'x' } }), path: 'ok.messages[0].message.multipart_reply.desc.serial_num', says: /32 characters are more than the 31/ },
  { name: 'a description with a NUL', p: reply({ body: 'desc', desc: { mfr_desc: 'a\u0000', hw_desc: '', sw_desc: '', serial_num: '', dp_desc: '' } }), path: 'ok.messages[0].message.multipart_reply.desc.mfr_desc', says: /NUL/ },
  {
    name: 'a flow entry priority beyond 16 bits',
    p: reply({ body: 'flow', flow: { entries: [{ table_id: 0, duration_sec: 0, duration_nsec: 0, priority: 0x10000, idle_timeout: 0, hard_timeout: 0, flags: 0, importance: 0, cookie: '0', packet_count: '0', byte_count: '0', match: [], instructions: [] }] } }),
    path: 'ok.messages[0].message.multipart_reply.flow.entries[0].priority', says: /65536 does not fit in 16 bits/,
  },
  {
    name: 'a flow entry counter that is not a uint64',
    p: reply({ body: 'flow', flow: { entries: [{ table_id: 0, duration_sec: 0, duration_nsec: 0, priority: 0, idle_timeout: 0, hard_timeout: 0, flags: 0, importance: 0, cookie: '0', packet_count: '1.5', byte_count: '0', match: [], instructions: [] }] } }),
    path: 'ok.messages[0].message.multipart_reply.flow.entries[0].packet_count', says: /"1.5" is not an unsigned 64-bit integer/,
  },
  {
    name: 'half an age',
    p: reply({ body: 'queue', queue: { entries: [{ port_no: 1, queue_id: 1, tx_bytes: '0', tx_packets: '0', tx_errors: '0', duration_sec: 5, extra_properties: Buffer.alloc(0) }] } }),
    path: 'ok.messages[0].message.multipart_reply.queue.entries[0].duration_nsec', says: /needs both duration_sec and duration_nsec, or neither/,
  },
  { name: 'a table name of 32 characters', p: reply({ body: 'table', table: { entries: [{ table_id: 0, active_count: 0, lookup_count: '0', matched_count: '0', name: 'n'.repeat(32) }] } }), path: 'ok.messages[0].message.multipart_reply.table.entries[0].name', says: /more than the 31/ },
  { name: 'group features with three per-type values', p: reply({ body: 'group_features', group_features: { types: 0, capabilities: 0, max_groups: [1, 2, 3], actions: [1, 2, 3, 4] } }), path: 'ok.messages[0].message.multipart_reply.group_features.max_groups', says: /3 values given; one per group type .* is 4/ },
  { name: 'meter features max_bands beyond 8 bits', p: reply({ body: 'meter_features', meter_features: { max_meter: 1, band_types: 0, capabilities: 0, max_bands: 256, max_color: 0 } }), path: 'ok.messages[0].message.multipart_reply.meter_features.max_bands', says: /256 does not fit in 8 bits/ },
  { name: 'a list kind without its list', p: reply({ body: 'meter', meter: null }), path: 'ok.messages[0].message.multipart_reply.meter', says: /the meter list is missing/ },
  { name: 'a port description listing a port twice', p: reply({ body: 'port_desc', port_desc: { entries: [
    { port_no: 1, hw_addr: '00:00:00:00:00:01', name: 'a', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0, curr_speed: 0, max_speed: 0, extra_properties: Buffer.alloc(0) },
    { port_no: 1, hw_addr: '00:00:00:00:00:02', name: 'b', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0, curr_speed: 0, max_speed: 0, extra_properties: Buffer.alloc(0) },
  ] } }), path: 'ok.messages[0].message.multipart_reply.port_desc.entries[1].port_no', says: /port 1 is listed twice/ },
  { name: 'a group description type beyond 8 bits', p: reply({ body: 'group_desc', group_desc: { entries: [{ group_type: 256, group_id: 1, buckets: [] }] } }), path: 'ok.messages[0].message.multipart_reply.group_desc.entries[0].group_type', says: /256 does not fit in 8 bits/ },
  ...tableFeaturesErrors(),
];

/** A table features reply of one entry 'e' (fields over a valid entry). */
function tableFeaturesReply(e: Record<string, unknown>): MultipartReply__Output {
  return reply({
    body: 'table_features',
    table_features: { entries: [{ table_id: 0, command: 0, name: '', metadata_match: '0', metadata_write: '0', capabilities: 0, max_entries: 0, properties: [], ...e }] },
  } as Partial<MultipartReply__Output>);
}

function tableFeaturesErrors(): { name: string; p: MultipartReply__Output; path: string; says: RegExp }[] {
  const at = 'ok.messages[0].message.multipart_reply.table_features.entries[0]';
  return [
    { name: 'table features of table 255', p: tableFeaturesReply({ table_id: 255 }), path: `${at}.table_id`, says: /255 \(OFPTT_ALL\) is not a table/ },
    { name: 'a table features command OpenFlow 1.5 lacks', p: tableFeaturesReply({ command: 4 }), path: `${at}.command`, says: /4 is not a table features command/ },
    { name: 'a table features name of 32 characters', p: tableFeaturesReply({ name: 't'.repeat(32) }), path: `${at}.name`, says: /more than the 31/ },
    {
      name: 'an instructions property given table ids', p: tableFeaturesReply({ properties: [{ type: 0, body: 'table_ids', table_ids: { ids: [1] } }] }),
      path: `${at}.properties[0].table_ids`, says: /property type 0 \(instructions\) takes instruction_types, not "table_ids"/,
    },
    {
      name: 'a structured body for a property type that has none', p: tableFeaturesReply({ properties: [{ type: 9, body: 'table_ids', table_ids: { ids: [1] } }] }),
      path: `${at}.properties[0].type`, says: /property type 9 has no structured form: give it as raw/,
    },
    {
      name: 'an instruction type beyond 16 bits', p: tableFeaturesReply({ properties: [{ type: 0, body: 'instruction_types', instruction_types: { ids: [1, 0x10000] } }] }),
      path: `${at}.properties[0].instruction_types.ids[1]`, says: /65536 does not fit in 16 bits/,
    },
    {
      name: 'a next table beyond 8 bits', p: tableFeaturesReply({ properties: [{ type: 3, body: 'table_ids', table_ids: { ids: [256] } }] }),
      path: `${at}.properties[0].table_ids.ids[0]`, says: /256 does not fit in 8 bits/,
    },
    {
      name: 'an experimenter OXM id without its experimenter',
      p: tableFeaturesReply({ properties: [{ type: 8, body: 'fields', fields: { ids: [{ header: 0x80000004 }, { header: 0xffff0104 }] } }] }),
      path: `${at}.properties[0].fields.ids[1].experimenter`, says: /is of the experimenter class \(0xffff\): it needs its experimenter id/,
    },
    {
      name: 'an OXM id with an experimenter it cannot have',
      p: tableFeaturesReply({ properties: [{ type: 10, body: 'fields', fields: { ids: [{ header: 0x80000004, experimenter: 1 }] } }] }),
      path: `${at}.properties[0].fields.ids[0].experimenter`, says: /is not of the experimenter class \(0xffff\): it has no experimenter id/,
    },
    {
      name: 'a table features entry too big for one message',
      p: tableFeaturesReply({ properties: [{ type: 0xfffe, body: 'raw', raw: Buffer.alloc(40000) }, { type: 0xffff, body: 'raw', raw: Buffer.alloc(30000) }] }),
      path: `${at}.properties`, says: /the entry would take 70080 bytes, more than the 65519/,
    },
  ];
}

for (const c of replyErrors) {
  test(`statistics reply refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => replyFromProto({ request_id: '1', result: 'ok', ok: { messages: [{ body: 'message', message: { body: 'multipart_reply', multipart_reply: c.p } }] } }));
    t.is(e.path, c.path);
    t.regex(e.message, c.says);
  });
}

test('a statistics request with a table id beyond 8 bits or no kind is refused', (t) => {
  const base = { request_id: '1', origin: { session_id: 1, session_name: 's', version: 4, role: 'OTHER' as const, xid: 1 }, traceparent: '', tracestate: '', body: 'message' as const };
  const e1 = agentWireErrorOf(t, () => requestFromProto({ ...base, message: { body: 'multipart_request', multipart_request: { flags: 0, body: 'flow', flow: { table_id: 300, out_port: 0, out_group: 0, cookie: '0', cookie_mask: '0', match: [] } } } }));
  t.is(e1.path, 'message.multipart_request.flow.table_id');
  const e2 = agentWireErrorOf(t, () => requestFromProto({ ...base, message: { body: 'multipart_request', multipart_request: { flags: 0 } } }));
  t.is(e2.path, 'message.multipart_request');
  t.regex(e2.detail, /no statistics kind given/);
});
