/**
 * Requests on the agent channel: every datapath request of the golden
 * corpus (flow mods, packet-outs, port, table, group and meter mods,
 * barriers, multipart requests, unmodelled requests) and every connmgr
 * operation goes from the neutral form through a ServerMessage's protobuf
 * bytes to what the agent reads, unchanged; structured where the proto
 * models the message, raw (byte for byte) otherwise; and a request the
 * agent could not act on is refused naming its field.
 */

import test from 'ava';
import { type DatapathOperation, requestFromProto, requestToProto } from '../../src/agentwire/requests.js';
import type { RequestOrigin } from '../../src/connmgr/datapath-port.js';
import type { DatapathRequest__Output } from '../../src/generated/ofconnmgr/v1/DatapathRequest.js';
import { forDatapath } from '../../src/connmgr/request-format.js';
import { decode, encode } from '../../src/openflow/codec.js';
import { FLOW_MOD_EMERG, type FlowModMsg } from '../../src/openflow/flow-mod.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { agentWireErrorOf, requestTrip } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { fixtureBytes, loadGoldenCorpus } from '../support/osken-corpus.js';

/** Kinds of message a controller's session hands to the datapath. */
const REQUEST_TYPES = new Set(['flow_mod', 'packet_out', 'port_mod', 'table_mod', 'group_mod', 'meter_mod', 'barrier_request', 'multipart_request']);
/** The unmodelled messages of the corpus that are requests (raw path). */
const isUnmodelledRequest = (m: OfpMessage): boolean => m.type === 'unmodelled' && /REQUEST$/.test(m.rawName);

function originOf(m: OfpMessage, role: RequestOrigin['role'] = 'primary'): RequestOrigin {
  return { sessionId: 7, sessionName: 'br0<->tcp:127.0.0.1:6653', version: m.version, role, xid: m.xid };
}

function trip(requestId: number, op: DatapathOperation, trace?: { traceparent: string; tracestate: string }): ReturnType<typeof requestFromProto> {
  return requestFromProto(requestTrip(requestToProto(requestId, op, trace)));
}

test('every datapath request of the golden corpus reaches the agent unchanged', (t) => {
  const seen = new Map<string, number>();
  for (const f of loadGoldenCorpus().fixtures) {
    // What connmgr hands the datapath: statistics requests without their wire format (NXST_FLOW is a flow request).
    const msg = forDatapath(decode(fixtureBytes(f)));
    if (!REQUEST_TYPES.has(msg.type) && !isUnmodelledRequest(msg)) continue;
    const op: DatapathOperation = { kind: 'request', request: { origin: originOf(msg), msg } };
    const proto = requestToProto(41, op);
    const back = requestFromProto(requestTrip(proto));
    t.is(back.requestId, 41);
    assertSameNeutral(t, back.op, op);
    const how = proto.body ?? (proto.message ? 'message' : 'raw');
    const key = `${msg.type}/${how}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  // Structured where the proto models the message, raw otherwise; and each kind was there.
  for (const type of ['flow_mod', 'packet_out', 'port_mod', 'table_mod', 'group_mod', 'meter_mod', 'barrier_request', 'multipart_request']) {
    t.true((seen.get(`${type}/message`) ?? 0) > 0, `${type} travelled structured`);
    t.is(seen.get(`${type}/raw`), undefined, `${type} never travelled raw`);
  }
  // The queue configuration requests (OF1.0 and OF1.3) are the corpus's unmodelled requests.
  t.true((seen.get('unmodelled/raw') ?? 0) >= 2);
  t.true((seen.get('multipart_request/message') ?? 0) >= 30);
});

test('an unmodelled request travels raw and comes back byte for byte', (t) => {
  // An experimenter message of a vendor the codec does not know, OpenFlow 1.3.
  const bytes = Buffer.from('0404001800000099' + '00c0ffee00000001' + '0102030405060708', 'hex');
  const msg = decode(bytes);
  t.is(msg.type, 'unmodelled');
  const proto = requestToProto(1, { kind: 'request', request: { origin: originOf(msg), msg } });
  t.is(proto.raw?.version, 4);
  t.is(Buffer.from(proto.raw!.message as Uint8Array).toString('hex'), bytes.toString('hex'));
  const back = requestFromProto(requestTrip(proto));
  t.is(back.op.kind, 'request');
  if (back.op.kind === 'request') t.is(encode(back.op.request.msg).toString('hex'), bytes.toString('hex'));
});

test('a structured request takes its version and xid from the origin, and keeps the role', (t) => {
  const msg: OfpMessage = { type: 'barrier_request', version: 1, xid: 0xfffffffe };
  for (const role of ['equal', 'primary', 'secondary'] as const) {
    const back = trip(3, { kind: 'request', request: { origin: originOf(msg, role), msg } });
    t.deepEqual(back.op, { kind: 'request', request: { origin: originOf(msg, role), msg } });
  }
});

test('flow mod flags: EMERG travels as 0x8000 and the undefined wire bit 15 as 0x10000, both back as they were', (t) => {
  const base: FlowModMsg = {
    type: 'flow_mod', version: 1, xid: 5, format: 'standard', cookie: 0xffffffffffffffffn, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority: 0x8000, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff,
    flags: FLOW_MOD_EMERG | 1, importance: 0, match: [], instructions: [],
  };
  const emerg = requestToProto(1, { kind: 'request', request: { origin: originOf(base), msg: base } });
  t.is(emerg.message?.flow_mod?.flags, 0x8001);
  const bit15 = { ...base, version: 4, flags: 0x8000 };
  const proto = requestToProto(1, { kind: 'request', request: { origin: originOf(bit15), msg: bit15 } });
  t.is(proto.message?.flow_mod?.flags, 0x10000);
  for (const m of [base, bit15, { ...base, flags: FLOW_MOD_EMERG | 0x8000 | 0x1f }]) {
    const back = trip(1, { kind: 'request', request: { origin: originOf(m), msg: m } });
    t.is(back.op.kind === 'request' && back.op.request.msg.type === 'flow_mod' ? back.op.request.msg.flags : -1, m.flags);
  }
});

test('a flow mod command OpenFlow does not name travels as its number', (t) => {
  const m: FlowModMsg = {
    type: 'flow_mod', version: 4, xid: 5, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 1, command: 9,
    idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff,
    flags: 0, importance: 0, match: [], instructions: [],
  };
  const back = trip(1, { kind: 'request', request: { origin: originOf(m), msg: m } });
  t.deepEqual(back.op, { kind: 'request', request: { origin: originOf(m), msg: m } });
});

test('port, table, group and meter mods round-trip with their optional parts and unnamed numbers', (t) => {
  const props = Uint8Array.from([0xff, 0xff, 0, 12, 0, 0, 0x23, 0x20, 1, 2, 3, 4, 0, 0, 0, 0]);
  const msgs: OfpMessage[] = [
    { type: 'port_mod', version: 5, xid: 1, portNo: 0xfffffffe, hwAddr: 'aa:55:aa:55:00:00', config: 1, mask: 0x65, advertise: 0x2820, extraProperties: props },
    { type: 'port_mod', version: 1, xid: 2, portNo: 3, hwAddr: '00:00:00:00:00:03', config: 0, mask: 0, advertise: 0 },
    { type: 'table_mod', version: 5, xid: 3, tableId: 255, config: 4, properties: props },
    { type: 'table_mod', version: 4, xid: 4, tableId: 0, config: 0, properties: new Uint8Array(0) },
    {
      type: 'group_mod', version: 4, xid: 5, command: 'modify', groupType: 'ff', groupId: 0xfffffffc,
      buckets: [{ weight: 0, watchPort: 2, watchGroup: 0xffffffff, actions: [{ type: 'output', port: 2, maxLen: 0 }] }, { weight: 7, watchPort: 0xffffffff, watchGroup: 1, actions: [] }],
    },
    { type: 'group_mod', version: 4, xid: 6, command: 9, groupType: 200, groupId: 1, buckets: [] },
    {
      type: 'meter_mod', version: 4, xid: 7, command: 'add', flags: 0xd, meterId: 0xffff0000,
      bands: [{ type: 'drop', rate: 1000, burstSize: 10 }, { type: 'dscp_remark', rate: 2000, burstSize: 0, precLevel: 2 },
        { type: 'experimenter', rate: 1, burstSize: 2, experimenter: 0x2320, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
    },
    { type: 'meter_mod', version: 6, xid: 8, command: 0xffff, flags: 0, meterId: 1, bands: [] },
  ];
  for (const msg of msgs) {
    const op: DatapathOperation = { kind: 'request', request: { origin: originOf(msg), msg } };
    const proto = requestToProto(1, op);
    t.truthy(proto.message, `${msg.type} travels structured`);
    assertSameNeutral(t, requestFromProto(requestTrip(proto)).op, op);
  }
});

test('each of connmgr\'s operations round-trips', (t) => {
  const flow = {
    priority: 180001, match: [{ field: 'eth_type' as const, value: 0x806 }, { field: 'arp_tpa' as const, value: '192.168.0.1' }],
    instructions: [{ type: 'apply_actions' as const, actions: [{ type: 'set_queue' as const, queueId: 3 }, { type: 'output' as const, port: 0xfffffffa, maxLen: 0 }] }],
  };
  const ops: DatapathOperation[] = [
    { kind: 'flush' },
    { kind: 'add_hidden_flow', flow },
    { kind: 'delete_hidden_flow', priority: 180001, match: flow.match },
    { kind: 'hidden_flow_set', flows: [flow, { ...flow, priority: 0xffffffff, match: [] }] },
    { kind: 'hidden_flow_set', flows: [] },
    { kind: 'miss_behaviour', sendToController: true },
    { kind: 'miss_behaviour', sendToController: false },
    { kind: 'in_band_query', remotes: [{ ip: '10.0.0.1', port: 6653 }, { ip: '192.168.1.254', port: 1 }] },
    { kind: 'in_band_query', remotes: [] },
    { kind: 'frag_handling', mode: 0 },
    { kind: 'frag_handling', mode: 3 },
  ];
  for (const [i, op] of ops.entries()) {
    const back = trip(i, op);
    t.deepEqual(back, { requestId: i, op });
  }
});

test('request ids up to 2^53-1 and the trace context come back; no trace when none was sent', (t) => {
  const trace = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE' };
  t.deepEqual(trip(Number.MAX_SAFE_INTEGER, { kind: 'flush' }, trace), { requestId: Number.MAX_SAFE_INTEGER, op: { kind: 'flush' }, trace });
  t.false('trace' in trip(0, { kind: 'flush' }));
});

/* Validation. */

function pbRequest(p: Partial<DatapathRequest__Output>): DatapathRequest__Output {
  return { request_id: '1', origin: null, traceparent: '', tracestate: '', ...p };
}

const origin = { session_id: 1, session_name: 's', version: 4, role: 'MASTER' as const, xid: 9 };

const requestErrors: readonly { name: string; p: DatapathRequest__Output; path: string; says: RegExp }[] = [
  { name: 'a request id above 2^53-1', p: pbRequest({ request_id: '9007199254740992', body: 'flush', flush: {} }), path: 'request_id', says: /above 9007199254740991/ },
  { name: 'no body', p: pbRequest({}), path: '', says: /the request has no body/ },
  { name: 'a controller request without origin', p: pbRequest({ body: 'message', message: { body: 'barrier', barrier: {} } }), path: 'origin', says: /the origin of a controller's request is missing/ },
  { name: 'an operation with an origin', p: pbRequest({ origin, body: 'flush', flush: {} }), path: 'origin', says: /only a controller's request has an origin/ },
  { name: 'an origin without a role', p: pbRequest({ origin: { ...origin, role: 'CONTROLLER_ROLE_UNSPECIFIED' }, body: 'message', message: { body: 'barrier', barrier: {} } }), path: 'origin.role', says: /is not a session role/ },
  { name: 'an origin of version 7', p: pbRequest({ origin: { ...origin, version: 7 }, body: 'message', message: { body: 'barrier', barrier: {} } }), path: 'origin.version', says: /7 is not a valid OpenFlow wire version \(1-6\)/ },
  { name: 'an empty datapath message', p: pbRequest({ origin, body: 'message', message: {} }), path: 'message', says: /no datapath message given/ },
  {
    name: 'a flow mod table id beyond 8 bits',
    p: pbRequest({ origin, body: 'message', message: { body: 'flow_mod', flow_mod: { command: 'FLOW_MOD_ADD', cookie: '0', cookie_mask: '0', table_id: 256, idle_timeout: 0, hard_timeout: 0, priority: 0, buffer_id: 0, out_port: 0, out_group: 0, flags: 0, importance: 0, match: [], instructions: [], nxm: false } } }),
    path: 'message.flow_mod.table_id', says: /256 does not fit in 8 bits/,
  },
  {
    name: 'a flow mod priority beyond 16 bits',
    p: pbRequest({ origin, body: 'message', message: { body: 'flow_mod', flow_mod: { command: 'FLOW_MOD_ADD', cookie: '0', cookie_mask: '0', table_id: 0, idle_timeout: 0, hard_timeout: 0, priority: 65536, buffer_id: 0, out_port: 0, out_group: 0, flags: 0, importance: 0, match: [], instructions: [], nxm: false } } }),
    path: 'message.flow_mod.priority', says: /65536 does not fit in 16 bits/,
  },
  {
    name: 'flow mod flags no flow mod has',
    p: pbRequest({ origin, body: 'message', message: { body: 'flow_mod', flow_mod: { command: 'FLOW_MOD_ADD', cookie: '0', cookie_mask: '0', table_id: 0, idle_timeout: 0, hard_timeout: 0, priority: 0, buffer_id: 0, out_port: 0, out_group: 0, flags: 0x20000, importance: 0, match: [], instructions: [], nxm: false } } }),
    path: 'message.flow_mod.flags', says: /0x20000 has bits no flow mod flag uses/,
  },
  {
    name: 'a flow mod match with a bad field',
    p: pbRequest({ origin, body: 'message', message: { body: 'flow_mod', flow_mod: { command: 'FLOW_MOD_DELETE', cookie: '0', cookie_mask: '0', table_id: 0, idle_timeout: 0, hard_timeout: 0, priority: 0, buffer_id: 0, out_port: 0, out_group: 0, flags: 0, importance: 0, match: [{ field: 'vlan_pcp', value: { number: '8', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) }], instructions: [], nxm: false } } }),
    path: 'message.flow_mod.match[0].value.number', says: /8 is out of range for vlan_pcp \(0-7\)/,
  },
  {
    name: 'a packet-out with in_port in its metadata',
    p: pbRequest({ origin, body: 'message', message: { body: 'packet_out', packet_out: { buffer_id: 0, in_port: 1, metadata: [{ field: 'in_port', value: { number: '1', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) }], actions: [], data: Buffer.alloc(0) } } }),
    path: 'message.packet_out.metadata[0].field', says: /in_port goes in the in_port field/,
  },
  {
    name: 'a port mod with a bad MAC',
    p: pbRequest({ origin, body: 'message', message: { body: 'port_mod', port_mod: { port_no: 1, hw_addr: 'nope', config: 0, mask: 0, advertise: 0, extra_properties: Buffer.alloc(0) } } }),
    path: 'message.port_mod.hw_addr', says: /"nope" is not an Ethernet address/,
  },
  {
    name: 'table mod properties cut short',
    p: pbRequest({ origin, body: 'message', message: { body: 'table_mod', table_mod: { table_id: 0, config: 0, properties: Buffer.from('0002', 'hex') } } }),
    path: 'message.table_mod.properties', says: /2 bytes at offset 0 are too few for a property header/,
  },
  {
    name: 'a group mod bucket weight beyond 16 bits',
    p: pbRequest({ origin, body: 'message', message: { body: 'group_mod', group_mod: { command: 0, group_type: 1, group_id: 1, buckets: [{ weight: 70000, watch_port: 0, watch_group: 0, actions: [] }] } } }),
    path: 'message.group_mod.buckets[0].weight', says: /70000 does not fit in 16 bits/,
  },
  {
    name: 'a group type beyond 8 bits',
    p: pbRequest({ origin, body: 'message', message: { body: 'group_mod', group_mod: { command: 0, group_type: 256, group_id: 1, buckets: [] } } }),
    path: 'message.group_mod.group_type', says: /256 does not fit in 8 bits/,
  },
  {
    name: 'a meter band with no case',
    p: pbRequest({ origin, body: 'message', message: { body: 'meter_mod', meter_mod: { command: 0, flags: 1, meter_id: 1, bands: [{}] } } }),
    path: 'message.meter_mod.bands[0]', says: /no band given/,
  },
  {
    name: 'experimenter band data not a multiple of 8',
    p: pbRequest({ origin, body: 'message', message: { body: 'meter_mod', meter_mod: { command: 0, flags: 1, meter_id: 1, bands: [{ kind: 'experimenter', experimenter: { rate: 1, burst_size: 0, experimenter: 1, data: Buffer.alloc(3) } }] } } }),
    path: 'message.meter_mod.bands[0].experimenter.data', says: /3 bytes of band data are not a multiple of 8/,
  },
  { name: 'a raw message whose header version differs', p: pbRequest({ origin, body: 'raw', raw: { version: 4, message: Buffer.from('0114000800000001', 'hex') } }), path: 'raw.message', says: /header says wire version 1, not 4/ },
  { name: 'a raw message the codec cannot decode', p: pbRequest({ origin, body: 'raw', raw: { version: 4, message: Buffer.from('0414000900000001', 'hex') } }), path: 'raw.message', says: /not a valid OpenFlow message \(OFPBRC_BAD_LEN/ },
  { name: 'a raw message in another version than its session', p: pbRequest({ origin: { ...origin, version: 1 }, body: 'raw', raw: { version: 4, message: Buffer.from('0414000800000001', 'hex') } }), path: 'raw.version', says: /in wire version 4, but its session speaks 1/ },
  { name: 'an empty raw message', p: pbRequest({ origin, body: 'raw', raw: { version: 4, message: Buffer.alloc(0) } }), path: 'raw.message', says: /no OpenFlow message given/ },
  { name: 'a hidden flow at an OpenFlow priority', p: pbRequest({ body: 'add_hidden_flow', add_hidden_flow: { priority: 65535, match: [], instructions: [] } }), path: 'add_hidden_flow.priority', says: /65535 is not a hidden flow priority/ },
  { name: 'a hidden flow key at an OpenFlow priority', p: pbRequest({ body: 'delete_hidden_flow', delete_hidden_flow: { priority: 100, match: [] } }), path: 'delete_hidden_flow.priority', says: /not a hidden flow priority/ },
  { name: 'a bad instruction in the hidden flow set', p: pbRequest({ body: 'hidden_flow_set', hidden_flow_set: { flows: [{ priority: 70000, match: [], instructions: [] }, { priority: 70001, match: [], instructions: [{ kind: 'goto_table', goto_table: 300 }] }] } }), path: 'hidden_flow_set.flows[1].instructions[0].goto_table', says: /300 does not fit in 8 bits/ },
  { name: 'an in-band remote that is not IPv4', p: pbRequest({ body: 'in_band_query', in_band_query: { remotes: [{ ip: 'ctl.example', port: 6653 }] } }), path: 'in_band_query.remotes[0].ip', says: /"ctl.example" is not an IPv4 address/ },
  { name: 'an in-band remote on port 0', p: pbRequest({ body: 'in_band_query', in_band_query: { remotes: [{ ip: '10.0.0.1', port: 0 }] } }), path: 'in_band_query.remotes[0].port', says: /0 is not a valid TCP port \(1-65535\)/ },
  { name: 'a fragment handling mode beyond nx-match', p: pbRequest({ body: 'frag_handling', frag_handling: { mode: 4 } }), path: 'frag_handling.mode', says: /4 is not a valid fragment handling mode/ },
  { name: 'a tracestate without a traceparent', p: pbRequest({ body: 'flush', flush: {}, tracestate: 'a=b' }), path: 'tracestate', says: /needs a traceparent/ },
  { name: 'a barrier is a request here, but a reply kind is not', p: pbRequest({ origin, body: 'message', message: { body: 'multipart_reply' as never } }), path: 'message.multipart_reply', says: /a multipart_reply message cannot be a request/ },
];

for (const c of requestErrors) {
  test(`request refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => requestFromProto(c.p));
    t.is(e.path, c.path);
    t.regex(e.message, c.says);
  });
}
