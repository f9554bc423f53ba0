/**
 * The receive loop (§4.9): at most 50 messages per session per turn, the
 * sessions served in turn so that a busy one cannot starve the others,
 * and reading stopped while 50 messages wait or 100 replies are owed
 * (queued in the rconn or still with the datapath), over real loopback
 * sockets; and the two hooks of a remote datapath: reading stopped while
 * the datapath takes no requests, and the sessions' send queues reported
 * congested while a peer does not read.
 */

import test from 'ava';
import { CONGESTED_SEND_QUEUE, MAX_MESSAGES_PER_TURN, OFCONN_REPLY_MAX } from '../../src/connmgr/index.js';
import { ManualTurns, serviceBridge, until } from '../support/connmgr-fixture.js';
import { msgOf, OfClient, typesOf } from '../support/of-client.js';

function echoes(n: number, version: number, payload = 0): Buffer {
  const one = (i: number): Buffer => {
    const b = Buffer.alloc(8 + payload, 0x61);
    b[0] = version;
    b[1] = 2;
    b.writeUInt16BE(8 + payload, 2);
    b.writeUInt32BE(i + 1, 4);
    return b;
  };
  return Buffer.concat(Array.from({ length: n }, (_, i) => one(i)));
}

test('§4.9.1 at most 50 messages per session per turn, every session served in each turn; reading stops while 50 wait', async (t) => {
  const turns = new ManualTurns();
  const b = await serviceBridge({ defer: turns.defer });
  t.teardown(() => b.close());
  const c1 = await b.connect(4);
  const c2 = await b.connect(4);
  const [s1, s2] = b.mgr.sessions;
  turns.manual = true;
  c1.send(echoes(120, 4));
  c2.send(echoes(120, 4));
  await until(() => s1!.inboxLength === 120 && s2!.inboxLength === 120, 'both inboxes');
  t.true(s1!.isReadingPaused && s2!.isReadingPaused, '50 or more waiting: the sockets are not read');
  const left: Array<[number, number]> = [];
  while (turns.queue.length > 0) {
    turns.step();
    left.push([s1!.inboxLength, s2!.inboxLength]);
  }
  t.is(MAX_MESSAGES_PER_TURN, 50);
  t.deepEqual(left, [[70, 70], [20, 20], [0, 0]]);
  t.false(s1!.isReadingPaused || s2!.isReadingPaused);
  turns.release();
  await until(() => c1.pending === 120 && c2.pending === 120, 'the replies');
  t.deepEqual(c1.drain().map((r) => msgOf(r).xid), Array.from({ length: 120 }, (_, i) => i + 1));
});

test('§4.9.1 a session with 100 answers owed to it by the datapath stops handling and reading until they come', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  b.dp.answerer = () => 'hold';
  const c = await b.connect(4);
  const s = b.mgr.sessions[0]!;
  const portDesc = (xid: number): string => `04120010${xid.toString(16).padStart(8, '0')}000d000000000000`;
  c.sendHex(Array.from({ length: 150 }, (_, i) => portDesc(i + 1)).join(''));
  await until(() => b.dp.held.length === OFCONN_REPLY_MAX, '100 requests at the datapath');
  await new Promise((r) => setTimeout(r, 30));
  t.is(b.dp.held.length, 100, 'no more while 100 are owed');
  t.is(s.repliesOwed, 100);
  t.is(s.inboxLength, 50);
  t.true(s.isReadingPaused);
  while (b.dp.held.length > 0) b.dp.release({ ok: false, error: 'OFPBRC_EPERM' });
  await until(() => b.dp.requests.length === 150, 'the other 50');
  while (b.dp.held.length > 0) b.dp.release({ ok: false, error: 'OFPBRC_EPERM' });
  const got = await c.barrier();
  t.is(got.length, 150);
  t.deepEqual(got.map((r) => msgOf(r).xid), Array.from({ length: 150 }, (_, i) => i + 1));
  t.false(s.isReadingPaused);
});

test('§4.9.1 §4.9.2 a peer that does not read: replies back up in the rconn, the session stops at 100 and resumes as they drain', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const s = b.mgr.sessions[0]!;
  c.pause();
  const n = 1000;
  c.send(echoes(n, 4, 16_000));
  await until(() => s.replyCounter.packets >= OFCONN_REPLY_MAX, '100 replies queued', 10_000);
  await new Promise((r) => setTimeout(r, 30));
  t.true(s.replyCounter.packets >= OFCONN_REPLY_MAX && s.replyCounter.packets < OFCONN_REPLY_MAX + MAX_MESSAGES_PER_TURN);
  t.true(s.isReadingPaused);
  const handled = (): number => s.replyCounter.packets;
  const before = handled();
  await new Promise((r) => setTimeout(r, 30));
  t.is(handled(), before, 'nothing more handled while backed up');
  c.resume();
  await until(() => c.pending === n, 'every echo reply', 20_000);
  t.deepEqual(typesOf(c.drain().slice(0, 3)), ['echo_reply', 'echo_reply', 'echo_reply']);
  t.is(s.replyCounter.packets, 0);
  t.false(s.isReadingPaused);
});

test('pauseDatapathRequests: no session reads its socket while the datapath takes no requests; reading resumes after', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c1 = await b.connect(4);
  b.mgr.pauseDatapathRequests(true);
  const c2 = await OfClient.connect(b.port, 4);
  t.teardown(() => c2.close());
  await until(() => b.mgr.sessions.length === 2, 'the second session');
  t.true(b.mgr.datapathRequestsPaused);
  t.true(b.mgr.sessions.every((s) => s.isReadingPaused), 'a session created while paused starts paused');
  const portDesc = (xid: number): string => `04120010${xid.toString(16).padStart(8, '0')}000d000000000000`;
  c1.sendHex(portDesc(1));
  c2.sendHex(portDesc(2));
  await new Promise((r) => setTimeout(r, 50));
  t.is(b.dp.requests.length, 0, 'nothing read, nothing reaches the datapath');
  b.mgr.pauseDatapathRequests(false);
  await until(() => b.dp.requests.length === 2, 'both requests');
  t.false(b.mgr.sessions.some((s) => s.isReadingPaused));
  t.deepEqual(typesOf(await c1.barrier()), [], 'answered (the scripted datapath replies with nothing)');
});

test('sendQueuesCongested: a controller that stops reading congests the bridge at CONGESTED_SEND_QUEUE queued messages; clear once it reads again', async (t) => {
  const congestion: boolean[] = [];
  const b = await serviceBridge({ settings: { type: 'primary' }, packetBuffers: 0, hooks: { sendQueuesCongested: (_, c) => congestion.push(c) } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const s = b.mgr.sessions[0]!;
  c.pause();
  const frame = new Uint8Array(60_000).fill(0xab);
  const packetIn = {
    type: 'packet_in', reason: 'action', tableId: 0, cookie: 0n, metadata: [{ field: 'in_port', value: 1 }], frame, controllerId: 0, maxLen: 0xffff,
  } as const;
  for (let i = 0; i < 400 && congestion.length === 0; i++) {
    b.dp.emit(packetIn);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
  }
  t.deepEqual(congestion, [true]);
  t.true(b.mgr.sendQueuesCongested);
  t.true(s.rconn.txqlen >= CONGESTED_SEND_QUEUE);
  c.resume();
  await until(() => congestion.length === 2, 'the congestion to clear', 10_000);
  t.deepEqual(congestion, [true, false]);
  t.false(b.mgr.sendQueuesCongested);
});
