/**
 * Replies on the agent channel: every datapath reply of the golden corpus
 * (barrier replies, multipart replies of every modelled kind, unmodelled
 * replies) goes from the neutral form through an AgentMessage's protobuf
 * bytes to what the service reads, unchanged; errors travel by name (or
 * OpenFlow 1.3 type and code); in-band information keeps its unknowns; a
 * reply too long for one OpenFlow message travels as its parts; and a
 * reply the service cannot use is refused naming its field.
 */

import test from 'ava';
import { type OperationResult, replyFromProto, replyToProto } from '../../src/agentwire/replies.js';
import type { DatapathReply__Output } from '../../src/generated/ofconnmgr/v1/DatapathReply.js';
import { forDatapath } from '../../src/connmgr/request-format.js';
import { decode, encode, encodeAll } from '../../src/openflow/codec.js';
import { OFPSF_MORE, type MultipartReplyMsg } from '../../src/openflow/multipart.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { agentWireErrorOf, replyTrip } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { fixtureBytes, loadGoldenCorpus } from '../support/osken-corpus.js';

const isReply = (m: OfpMessage): boolean =>
  m.type === 'barrier_reply' || m.type === 'multipart_reply' || (m.type === 'unmodelled' && /REPLY$/.test(m.rawName));

function trip(requestId: number, result: OperationResult, version: number, stamp?: { version: number; xid: number }): ReturnType<typeof replyFromProto> {
  return replyFromProto(replyTrip(replyToProto(requestId, result, version)), stamp);
}

test('every datapath reply of the golden corpus reaches the service unchanged', (t) => {
  let n = 0;
  const structured = new Set<string>();
  for (const f of loadGoldenCorpus().fixtures) {
    // What a datapath answers: statistics without a wire format (connmgr gives NXST_FLOW's back).
    const msg = forDatapath(decode(fixtureBytes(f)));
    if (!isReply(msg)) continue;
    const proto = replyToProto(8, { ok: true, replies: [msg] }, msg.version);
    if (proto.ok?.messages?.[0]?.message) structured.add(msg.type);
    const back = replyFromProto(replyTrip(proto), { version: msg.version, xid: msg.xid });
    t.is(back.requestId, 8);
    assertSameNeutral(t, back.result, { ok: true, replies: [msg] });
    n++;
  }
  t.true(n >= 30, `${n} replies`);
  t.deepEqual([...structured].sort(), ['barrier_reply', 'multipart_reply']);
});

test('a reply the proto does not model travels raw and re-encodes byte for byte', (t) => {
  const f = loadGoldenCorpus().fixtures.find((x) => {
    const m = decode(fixtureBytes(x));
    return m.type === 'unmodelled' && m.rawName === 'OFPT_QUEUE_GET_CONFIG_REPLY' && m.version === 4;
  });
  t.truthy(f, 'the corpus has a QUEUE_GET_CONFIG reply');
  const bytes = fixtureBytes(f!);
  const msg = decode(bytes);
  const proto = replyToProto(1, { ok: true, replies: [msg] }, msg.version);
  t.is(Buffer.from(proto.ok!.messages![0]!.raw!.message as Uint8Array).toString('hex'), bytes.toString('hex'));
  const back = replyFromProto(replyTrip(proto));
  t.true(back.result.ok && 'replies' in back.result);
  if (back.result.ok && 'replies' in back.result) t.is(encode(back.result.replies[0]!).toString('hex'), bytes.toString('hex'));
});

test('a structured reply read without a stamp has version 0 and xid 0, for the service to re-stamp', (t) => {
  const back = trip(2, { ok: true, replies: [{ type: 'barrier_reply', version: 4, xid: 77 }] }, 4);
  t.deepEqual(back, { requestId: 2, result: { ok: true, replies: [{ type: 'barrier_reply', version: 0, xid: 0 }] } });
});

test('an empty success and several replies keep their order', (t) => {
  t.deepEqual(trip(1, { ok: true, replies: [] }, 4), { requestId: 1, result: { ok: true, replies: [] } });
  const replies: OfpMessage[] = [
    { type: 'barrier_reply', version: 1, xid: 3 },
    { type: 'multipart_reply', version: 1, xid: 3, flags: 0, body: { stat: 'aggregate', packetCount: 1n, byteCount: 0xffffffffffffffffn, flowCount: 2 } },
  ];
  assertSameNeutral(t, trip(1, { ok: true, replies }, 1, { version: 1, xid: 3 }).result, { ok: true, replies });
});

test('an OpenFlow error travels by its name', (t) => {
  const proto = replyToProto(5, { ok: false, error: 'OFPBAC_BAD_OUT_PORT' }, 4);
  t.deepEqual(proto, { request_id: '5', error: { name: 'OFPBAC_BAD_OUT_PORT' } });
  t.deepEqual(replyFromProto(replyTrip(proto)), { requestId: 5, result: { ok: false, error: 'OFPBAC_BAD_OUT_PORT' } });
});

test('an agent may give the error as OpenFlow 1.3 type and code, or by an old name', (t) => {
  const byNumber = replyFromProto(replyTrip({ request_id: '1', error: { type: 2, code: 4 } }));
  t.deepEqual(byNumber.result, { ok: false, error: 'OFPBAC_BAD_OUT_PORT' });
  const oldName = replyFromProto(replyTrip({ request_id: '1', error: { name: 'OFPBRC_IS_SLAVE' } }));
  t.deepEqual(oldName.result, { ok: false, error: 'OFPBRC_IS_SECONDARY' });
});

test('in-band information round-trips, unknown MACs as null', (t) => {
  const result: OperationResult = { ok: true, inBandInfo: { localMac: 'aa:55:aa:55:00:00', nextHopMacs: ['00:11:22:33:44:55', null, 'ff:ff:ff:ff:ff:ff'] } };
  t.deepEqual(trip(9, result, 4), { requestId: 9, result });
  const none: OperationResult = { ok: true, inBandInfo: { localMac: null, nextHopMacs: [] } };
  t.deepEqual(trip(9, none, 4), { requestId: 9, result: none });
});

test('a multipart reply too long for one OpenFlow message travels whole; the service\'s encoder splits it', (t) => {
  const port = { portNo: 1, hwAddr: '00:00:00:00:00:01', name: 'p', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0 };
  const entries = Array.from({ length: 1500 }, (_, i) => ({ ...port, portNo: i + 1 }));
  const reply: MultipartReplyMsg = { type: 'multipart_reply', version: 4, xid: 1, flags: 0, body: { stat: 'port_desc', entries } };
  const proto = replyToProto(1, { ok: true, replies: [reply] }, 4);
  t.is(proto.ok!.messages!.length, 1);
  const back = replyFromProto(replyTrip(proto), { version: 4, xid: 1 });
  t.deepEqual(back.result, { ok: true, replies: [reply] });
  const frames = back.result.ok && 'replies' in back.result ? encodeAll(back.result.replies[0]!, 4) : [];
  t.true(frames.length >= 2);
  frames.forEach((f, i) => t.is(f.readUInt16BE(10) & OFPSF_MORE, i < frames.length - 1 ? OFPSF_MORE : 0));
});

test('a reply the request\'s version cannot carry on the raw path becomes the error the codec names', (t) => {
  // A datapath answering with a message OpenFlow 1.0 lacks (a GROUP_MOD) gets the codec's error instead.
  const reply: OfpMessage = { type: 'group_mod', version: 4, xid: 1, command: 'add', groupType: 'all', groupId: 1, buckets: [] };
  const proto = replyToProto(3, { ok: true, replies: [reply] }, 1);
  t.deepEqual(proto, { request_id: '3', error: { name: 'OFPBRC_BAD_VERSION' } });
});

/* Validation. */

function pbReply(p: Partial<DatapathReply__Output>): DatapathReply__Output {
  return { request_id: '1', ...p };
}

const replyErrors: readonly { name: string; p: DatapathReply__Output; path: string; says: RegExp }[] = [
  { name: 'a request id that is not a number', p: pbReply({ request_id: 'abc', result: 'ok', ok: { messages: [] } }), path: 'request_id', says: /"abc" is not an unsigned 64-bit integer/ },
  { name: 'no result', p: pbReply({}), path: '', says: /the reply has no result/ },
  { name: 'an unknown error name', p: pbReply({ result: 'error', error: { name: 'OFPBAC_BAD_THING', type: 0, code: 0 } }), path: 'error.name', says: /unknown OpenFlow error "OFPBAC_BAD_THING"/ },
  { name: 'an error type and code no error has', p: pbReply({ result: 'error', error: { name: '', type: 999, code: 1 } }), path: 'error', says: /no OpenFlow 1.3 error has type 999 and code 1/ },
  { name: 'a reply message with neither form', p: pbReply({ result: 'ok', ok: { messages: [{ body: 'message', message: { body: 'barrier', barrier: {} } }, {}] } }), path: 'ok.messages[1]', says: /neither message nor raw is set/ },
  { name: 'a request kind given as a reply', p: pbReply({ result: 'ok', ok: { messages: [{ body: 'message', message: { body: 'flow_mod', flow_mod: null } }] } }), path: 'ok.messages[0].message.flow_mod', says: /a flow_mod message cannot be a reply/ },
  { name: 'raw bytes that are not OpenFlow', p: pbReply({ result: 'ok', ok: { messages: [{ body: 'raw', raw: { version: 4, message: Buffer.from('0413', 'hex') } }] } }), path: 'ok.messages[0].raw.message', says: /not a valid OpenFlow message/ },
  { name: 'a raw version of 0', p: pbReply({ result: 'ok', ok: { messages: [{ body: 'raw', raw: { version: 0, message: Buffer.from('0013000800000000', 'hex') } }] } }), path: 'ok.messages[0].raw.version', says: /0 is not a valid OpenFlow wire version/ },
  { name: 'an in-band next hop that is not a MAC', p: pbReply({ result: 'in_band_info', in_band_info: { local_mac: '', next_hop_macs: ['', '10.0.0.1'] } }), path: 'in_band_info.next_hop_macs[1]', says: /"10.0.0.1" is not an Ethernet address/ },
];

for (const c of replyErrors) {
  test(`reply refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => replyFromProto(c.p));
    t.is(e.path, c.path);
    t.regex(e.message, c.says);
  });
}
