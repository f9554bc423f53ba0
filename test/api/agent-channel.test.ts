/**
 * The agent channel's rules that need no network, on a fake clock and a
 * fake Attach call: a request the primary does not answer in time gets
 * the OpenFlow error and a late reply a StreamError; a reply of the wrong
 * kind is refused and settles its request; a hidden flow refused by the
 * primary rejects; what the request watcher hears of each controller
 * request (its trace context sent along, how it ended); the detached
 * features; port lists turned into port-status events; the key that
 * identifies a hidden flow.
 */

import { EventEmitter } from 'node:events';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { replyToProto, type OperationResult } from '../../src/agentwire/index.js';
import { AgentChannel, DEFAULT_HOLD_MS, detachedFeatures, MAX_HELD_REQUESTS } from '../../src/api/agent/agent-channel.js';
import { AgentStream, type AttachCall } from '../../src/api/agent/agent-stream.js';
import { hiddenFlowKey } from '../../src/api/agent/connmgr-state.js';
import { portChanges } from '../../src/api/agent/port-changes.js';
import type { RelayOutcome, RequestWatcher } from '../../src/api/agent/request-watch.js';
import type { DatapathRequest } from '../../src/connmgr/index.js';
import type { AgentMessage__Output } from '../../src/generated/ofconnmgr/v1/AgentMessage.js';
import type { ServerMessage } from '../../src/generated/ofconnmgr/v1/ServerMessage.js';
import { OFPP_LOCAL } from '../../src/openflow/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { testPort } from '../support/scripted-datapath.js';

/** A grpc-js server call stand-in: records writes, lets the test push messages. */
class FakeCall extends EventEmitter {
  readonly written: ServerMessage[] = [];
  writable = true;
  ended: { code: number; details: string } | null = null;

  constructor() {
    super();
    this.on('error', (e: { code: number; details: string }) => {
      this.ended = { code: e.code, details: e.details };
    });
  }

  getPeer(): string {
    return 'fake:1';
  }
  write(m: ServerMessage): boolean {
    this.written.push(m);
    return this.writable;
  }
  pause(): void {}
  resume(): void {}
  end(): void {
    this.ended ??= { code: 0, details: 'OK' };
  }
  /** The agent sends 'm'. */
  push(m: Partial<AgentMessage__Output>): void {
    this.emit('data', { message_id: '0', ...m });
  }
  requests(): NonNullable<ServerMessage['request']>[] {
    return this.written.flatMap((m) => (m.request ? [m.request] : []));
  }
  streamErrors(): NonNullable<ServerMessage['error']>[] {
    return this.written.flatMap((m) => (m.error ? [m.error] : []));
  }
}

const DPID = 0xd1n;

/** A reply as the loader decodes it: the oneof's discriminator set, the id a string. */
function decoded(requestId: number, result: OperationResult): AgentMessage__Output['reply'] {
  const r = replyToProto(requestId, result, 4);
  const which = r.ok ? 'ok' : r.error ? 'error' : 'in_band_info';
  return { ...r, request_id: String(r.request_id), result: which } as AgentMessage__Output['reply'];
}

function setUp(watchRequest?: RequestWatcher): { clock: FakeClock; channel: AgentChannel; call: FakeCall } {
  const clock = new FakeClock(1000);
  const channel = new AgentChannel({ bridge: 'br0', datapathId: DPID, clock, requestTimeoutMs: 5000, ...(watchRequest ? { watchRequest } : {}) });
  const call = new FakeCall();
  channel.attach(new AgentStream(call as unknown as AttachCall), {
    bridge: 'br0', datapath_id: '', election_id: { high: '0', low: '1' },
    features: { n_tables: 10, capabilities: 0, actions: 0, ports: [] },
  });
  // The replay (hidden flow set, miss behaviour, fragment handling) answered.
  for (const r of call.requests()) call.push({ body: 'reply', reply: decoded(Number(r.request_id), { ok: true, replies: [] }) });
  if (channel.unansweredRequests !== 0) throw new Error('the replay is not answered');
  return { clock, channel, call };
}

const portDesc: DatapathRequest = {
  origin: { sessionId: 3, sessionName: 'br0<->x', version: 4, role: 'equal', xid: 9 },
  msg: { type: 'multipart_request', version: 4, xid: 9, flags: 0, body: { stat: 'port_desc' } },
};

test('a request the primary does not answer in time gets the OpenFlow error; its late reply gets a StreamError', async (t) => {
  const { clock, channel, call } = setUp();
  const reply = channel.request(portDesc);
  t.is(channel.unansweredRequests, 1);
  const id = Number(call.requests().at(-1)!.request_id);
  clock.advance(5000);
  t.deepEqual(await reply, { ok: false, error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' });
  t.is(channel.unansweredRequests, 0);
  call.push({ body: 'reply', reply: decoded(id, { ok: true, replies: [] }) });
  t.deepEqual(call.streamErrors().map((e) => [e.code, e.message ?? '']), [
    [grpc.status.FAILED_PRECONDITION, `reply.request_id: no request ${id} is waiting for an answer from this agent`],
  ]);
  t.is(call.ended, null, 'the stream stays open');
});

test('a reply of the wrong kind is refused with a StreamError and its request fails; an unreadable reply likewise', async (t) => {
  const { channel, call } = setUp();
  const first = channel.request(portDesc);
  const id1 = Number(call.requests().at(-1)!.request_id);
  call.push({ body: 'reply', reply: decoded(id1, { ok: true, inBandInfo: { localMac: null, nextHopMacs: [] } }) });
  t.deepEqual(await first, { ok: false, error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' });
  t.is(call.streamErrors().at(-1)!.code, grpc.status.INVALID_ARGUMENT);
  t.regex(call.streamErrors().at(-1)!.message ?? '', /^reply\.result: request \d+ \(request\) is not answered by in_band_info/);
  const second = channel.request(portDesc);
  const id2 = Number(call.requests().at(-1)!.request_id);
  call.push({ body: 'reply', reply: { request_id: String(id2), result: 'error', error: { name: 'NOT_AN_ERROR', type: 0, code: 0 } } as AgentMessage__Output['reply'] });
  t.deepEqual(await second, { ok: false, error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' });
  t.regex(call.streamErrors().at(-1)!.message ?? '', /^reply\.error/);
  t.is(channel.unansweredRequests, 0);
});

test('a hidden flow the primary refuses rejects; one it never answers resolves (the next primary gets it) and is remembered', async (t) => {
  const { clock, channel, call } = setUp();
  const flow = { priority: 0x10002, match: [], instructions: [] };
  const refused = channel.addHiddenFlow(flow);
  const id = Number(call.requests().at(-1)!.request_id);
  call.push({ body: 'reply', reply: decoded(id, { ok: false, error: 'OFPFMFC_UNKNOWN' }) });
  await t.throwsAsync(refused, { message: /agent refused hidden flow priority=65538: OFPFMFC_UNKNOWN/ });
  const silent = channel.addHiddenFlow({ ...flow, priority: 0x10003 });
  clock.advance(5000);
  await t.notThrowsAsync(silent);
  t.deepEqual(channel.hiddenFlows.map((f) => f.priority), [0x10002, 0x10003]);
});

test('the request watcher: each controller request\'s trace context goes on the stream, and the watcher hears once how it ended: answered, abandoned, failed', async (t) => {
  const heard: Array<[string, number, RelayOutcome]> = [];
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const watch: RequestWatcher = (bridge, req) => ({
    trace: { traceparent, tracestate: `xid=${req.origin.xid}` },
    ended: (outcome) => heard.push([bridge, req.origin.xid, outcome]),
  });
  const { clock, channel, call } = setUp(watch);
  t.deepEqual(heard, [], 'connmgr\'s own operations (the replay) are not watched');
  const withXid = (xid: number): DatapathRequest => ({ origin: { ...portDesc.origin, xid }, msg: { ...portDesc.msg, xid } });

  // Answered: with replies, or with the agent's own OpenFlow error.
  const answered = channel.request(withXid(1));
  const sent = call.requests().at(-1)!;
  t.is(sent.traceparent, traceparent);
  t.is(sent.tracestate, 'xid=1');
  call.push({ body: 'reply', reply: decoded(Number(sent.request_id), { ok: false, error: 'OFPBRC_BAD_STAT' }) });
  t.deepEqual(await answered, { ok: false, error: 'OFPBRC_BAD_STAT' });
  t.deepEqual(heard.at(-1), ['br0', 1, { kind: 'answered', reply: { ok: false, error: 'OFPBRC_BAD_STAT' } }]);

  // Not answered in time: abandoned, with the controller's error.
  const late = channel.request(withXid(2));
  clock.advance(5000);
  await late;
  t.deepEqual(heard.at(-1), ['br0', 2, { kind: 'abandoned', error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' }]);

  // An unusable reply: failed.
  const bad = channel.request(withXid(3));
  call.push({ body: 'reply', reply: decoded(Number(call.requests().at(-1)!.request_id), { ok: true, inBandInfo: { localMac: null, nextHopMacs: [] } }) });
  await bad;
  t.deepEqual(heard.at(-1), ['br0', 3, { kind: 'failed', why: 'bad-reply', error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' }]);

  // The primary goes with a request unanswered; then there is no agent at all.
  const orphan = channel.request(withXid(4));
  call.emit('end');
  await orphan;
  t.deepEqual(heard.at(-1), ['br0', 4, { kind: 'failed', why: 'gone', error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' }]);
  const waiting = channel.request(withXid(5));
  t.is(channel.heldRequests, 1, 'with no agent, it waits for one');
  clock.advance(DEFAULT_HOLD_MS);
  t.deepEqual(await waiting, { ok: false, error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' });
  t.deepEqual(heard.at(-1), ['br0', 5, { kind: 'failed', why: 'no-agent', error: 'OFPBRC_MULTIPART_REPLY_TIMEOUT' }]);
  t.is(heard.length, 5, 'once per request');
});

test('no agent: at most MAX_HELD_REQUESTS wait; while that many do, the sessions are not read; after the hold they fail and reading resumes', async (t) => {
  const clock = new FakeClock(1000);
  const paused: boolean[] = [];
  const channel = new AgentChannel({ bridge: 'br0', datapathId: DPID, clock, pauseRequests: (p) => paused.push(p) });
  const replies = Array.from({ length: MAX_HELD_REQUESTS }, (_, i) =>
    channel.request({ origin: { ...portDesc.origin, xid: i + 1 }, msg: { ...portDesc.msg, xid: i + 1 } }));
  t.is(channel.heldRequests, MAX_HELD_REQUESTS);
  t.deepEqual(paused, [true], 'sessions paused once the queue is full');
  clock.advance(DEFAULT_HOLD_MS);
  const answers = await Promise.all(replies);
  t.true(answers.every((r) => !r.ok), 'every waiting request got its error');
  t.deepEqual(paused, [true, false]);
  t.is(channel.heldRequests, 0);
});

test('features: the detached bridge reports its datapath id, 254 tables and a LOCAL port named after it, link down; then the primary\'s', (t) => {
  const f = detachedFeatures(0x0000aabbccddeeffn, 'br7');
  t.is(f.nTables, 254);
  t.deepEqual(f.ports.map((p) => [p.portNo, p.name, p.hwAddr, p.state]), [[OFPP_LOCAL, 'br7', 'aa:bb:cc:dd:ee:ff', 1]]);
  const { channel } = setUp();
  t.is(channel.features().nTables, 10);
  t.is(channel.features().datapathId, DPID);
});

test('portChanges: deletes, then adds, then modifies, each in port order; identical lists give nothing', (t) => {
  const a = testPort(1, 'p1');
  const b = testPort(2, 'p2');
  const c = testPort(3, 'p3');
  t.deepEqual(portChanges([a, b], [a, b]), []);
  const out = portChanges([c, a, b], [{ ...a, config: 1 }, testPort(4, 'p4'), testPort(0, 'p0')]);
  t.deepEqual(out.map((e) => [e.reason, e.port.portNo]), [[1, 2], [1, 3], [0, 0], [0, 4], [2, 1]]);
});

test('hiddenFlowKey: the same priority and match in any field order is the same flow; values compare as numbers or lower-case text', (t) => {
  const k = hiddenFlowKey(70000, [{ field: 'eth_type', value: 0x800 }, { field: 'eth_src', value: 'AA:BB:CC:DD:EE:FF' }]);
  t.is(hiddenFlowKey(70000, [{ field: 'eth_src', value: 'aa:bb:cc:dd:ee:ff' }, { field: 'eth_type', value: 2048n }]), k);
  t.not(hiddenFlowKey(70001, [{ field: 'eth_type', value: 0x800 }, { field: 'eth_src', value: 'aa:bb:cc:dd:ee:ff' }]), k);
  t.not(hiddenFlowKey(70000, [{ field: 'eth_type', value: 0x800, mask: 0xff00 }, { field: 'eth_src', value: 'aa:bb:cc:dd:ee:ff' }]), k);
});
