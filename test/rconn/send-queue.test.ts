// Reference §1.5: the send queue, its packet counters and limits, and the
// monitoring values.  Transcripts through the core, plus unit tests of the
// queue and counter bookkeeping.
import test from 'ava';
import { PacketCounter, SendQueue, type SendResult } from '../../src/rconn/send-queue.js';
import { RconnCore } from '../../src/rconn/core.js';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.5.1 sending while not connected drops the message: ENOTCONN, counter untouched', (t) => {
  checkTranscript(t, `
    send OFPT_PACKET_IN counter=pin
      send: ENOTCONN
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    send OFPT_PACKET_IN counter=pin
      send: ENOTCONN
    counter pin
      counter pin: 0 packets, 0 bytes
    stats
      queued 0, sent 0, discarded 0, overflow 0
  `);
});

test('§1.5.1 §1.5.2 a message to an empty queue is written at once; behind a backlog it waits for run()', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    send OFPT_PACKET_IN len=64 counter=pin
      > session 1 <- OFPT_PACKET_IN
      send: ok
    counter pin
      counter pin: 0 packets, 0 bytes
    block
    send OFPT_PACKET_IN len=64 counter=pin
      send: ok
    send OFPT_PORT_STATUS len=80 counter=pin
      send: ok
    counter pin
      counter pin: 2 packets, 144 bytes
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 2, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    unblock
    send OFPT_FLOW_REMOVED counter=pin
      send: ok
    counter pin
      counter pin: 3 packets, 152 bytes
    run
      > session 1 <- OFPT_PACKET_IN
      > session 1 <- OFPT_PORT_STATUS
      > session 1 <- OFPT_FLOW_REMOVED
    counter pin
      counter pin: 0 packets, 0 bytes
    stats
      queued 4, sent 4, discarded 0, overflow 0
  `);
});

test('§1.5.2 a write error other than "again" drops the connection; the failed message is discarded with the rest', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    block
    send OFPT_PACKET_IN counter=pin
      send: ok
    send OFPT_PACKET_IN counter=pin
      send: ok
    unblock
    write-error EPIPE
    run
      > session 1 write error (Broken pipe)
      ! tcp:127.0.0.1:6653: connection dropped (Broken pipe)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    counter pin
      counter pin: 0 packets, 0 bytes
    stats
      queued 2, sent 0, discarded 2, overflow 0
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EPIPE "Broken pipe", version 4, seqno 2
      sec_since_connect 0, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 0
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.5.2 a write error on a message sent at once also drops the connection', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    write-error ECONNRESET
    send OFPT_BARRIER_REPLY counter=replies
      > session 1 write error (Connection reset by peer)
      ! tcp:127.0.0.1:6653: connection dropped (Connection reset by peer)
      > close session 1
      send: ok
      in BACKOFF for 0 ms (1000 ms backoff)
    counter replies
      counter replies: 0 packets, 0 bytes
    stats
      queued 1, sent 0, discarded 1, overflow 0
  `);
});

test('§1.5.3 send_with_limit refuses with EAGAIN once the counter holds "limit" messages, and counts the overflow', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    block
    send OFPT_PACKET_IN counter=pin limit=2
      send: ok
    send OFPT_PACKET_IN counter=pin limit=2
      send: ok
    send OFPT_PACKET_IN counter=pin limit=2
      send: EAGAIN
    counter pin
      counter pin: 2 packets, 16 bytes
    unblock
    run
      > session 1 <- OFPT_PACKET_IN
      > session 1 <- OFPT_PACKET_IN
    send OFPT_PACKET_IN counter=pin limit=2
      > session 1 <- OFPT_PACKET_IN
      send: ok
    stats
      queued 3, sent 3, discarded 0, overflow 1
  `);
});

test('§1.5.3 the limit is checked before the connection: a full counter answers EAGAIN even when not connected', (t) => {
  checkTranscript(t, `
    accept tcp:127.0.0.1:40000
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:40000: connected
      in ACTIVE for 0 ms (0 ms backoff)
    block
    send OFPT_PACKET_IN counter=pin
      send: ok
    dropped EOF
      ! tcp:127.0.0.1:40000: connection closed by peer
      > close session 1
      in DISCONNECTED for 0 ms (0 ms backoff)
    counter pin
      counter pin: 1 packets, 8 bytes
    send OFPT_PACKET_IN counter=pin limit=1
      send: EAGAIN
    send OFPT_PACKET_IN counter=pin limit=5
      send: ENOTCONN
  `);
});

test('§1.5.5 the monitoring values: sec_since_*, last_error, txqlen, and the version kept after disconnect', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 1
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    advance 2500
      t=3510
    block
    send OFPT_PACKET_IN
      send: ok
    send OFPT_PACKET_IN
      send: ok
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 1, seqno 1
      sec_since_connect 2, sec_since_disconnect never
      txqlen 2, monitors 0, failure_duration 2
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 1200
      t=4710
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    advance 3700
      t=8410
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EOF "End of file", version 1, seqno 2
      sec_since_connect 7, sec_since_disconnect 3
      txqlen 0, monitors 0, failure_duration 7
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

function sink(results: SendResult[]): { trySend(frame: Uint8Array): SendResult; taken: number[] } {
  const taken: number[] = [];
  return {
    taken,
    trySend(frame: Uint8Array) {
      const r = results.shift() ?? 'sent';
      if (r === 'sent') taken.push(frame.length);
      return r;
    },
  };
}

test('§1.5.2 the queue is first in, first out; a frame refused with "again" stays at the head', (t) => {
  const q = new SendQueue();
  const c = new PacketCounter();
  for (const n of [10, 20, 30]) q.enqueue(new Uint8Array(n), c);
  const s = sink(['again', 'sent', 'EPIPE', 'sent', 'sent']);
  t.is(q.offerHead(s), 'again');
  t.is(q.offerHead(s), 'sent');
  t.is(q.offerHead(s), 'EPIPE');
  t.is(q.length, 2);
  t.deepEqual([c.packets, c.bytes], [2, 50]);
  t.is(q.offerHead(s), 'sent');
  t.is(q.offerHead(s), 'sent');
  t.is(q.offerHead(s), 'empty');
  t.deepEqual(s.taken, [10, 20, 30]);
  t.deepEqual([c.packets, c.bytes], [0, 0]);
  t.deepEqual(q.stats, { queued: 3, sent: 3, discarded: 0, overflow: 0 });
});

test('§1.5.2 a long backlog drains in order and is compacted as it goes', (t) => {
  const q = new SendQueue();
  const c = new PacketCounter();
  for (let i = 0; i < 5000; i++) q.enqueue(Uint8Array.of(i & 0xff, i >> 8), c);
  const seen: number[] = [];
  const s = { trySend: (f: Uint8Array): SendResult => (seen.push(f[0]! | (f[1]! << 8)), 'sent') };
  for (let i = 0; i < 3000; i++) q.offerHead(s);
  for (let i = 5000; i < 6000; i++) q.enqueue(Uint8Array.of(i & 0xff, i >> 8), c);
  while (q.offerHead(s) === 'sent');
  t.deepEqual(seen, Array.from({ length: 6000 }, (_, i) => i));
  t.is(c.packets, 0);
});

test('§1.5.2 flush drops everything and decrements each counter by its own messages', (t) => {
  const q = new SendQueue();
  const a = new PacketCounter();
  const b = new PacketCounter();
  q.enqueue(new Uint8Array(100), a);
  q.enqueue(new Uint8Array(40), b);
  q.enqueue(new Uint8Array(8), null);
  q.enqueue(new Uint8Array(60), a);
  t.deepEqual([a.packets, a.bytes, b.packets, b.bytes], [2, 160, 1, 40]);
  t.is(q.flush(), 4);
  t.deepEqual([a.packets, a.bytes, b.packets, b.bytes], [0, 0, 0, 0]);
  t.is(q.length, 0);
  t.is(q.stats.discarded, 4);
});

test('§1.5.4 a counter shared by two rconns counts both, and each flush takes back only its own messages', (t) => {
  const shared = new PacketCounter();
  const make = (name: string): RconnCore => {
    const core = new RconnCore({
      now: 0,
      connector: { open: () => ({ trySend: () => 'again' as const, close: () => undefined }) },
    });
    core.connect(0, name);
    core.connected(10, core.currentSession!, 4);
    return core;
  };
  const one = make('tcp:127.0.0.1:1');
  const two = make('tcp:127.0.0.1:2');
  one.send(20, new Uint8Array(100), shared);
  two.send(20, new Uint8Array(30), shared);
  two.send(20, new Uint8Array(20), shared);
  t.deepEqual([shared.packets, shared.bytes], [3, 150]);
  t.is(one.sendWithLimit(20, new Uint8Array(8), shared, 3), 'EAGAIN');
  one.dropped(30, one.currentSession!, 'EOF');
  t.deepEqual([shared.packets, shared.bytes], [2, 50]);
  two.destroy(40);
  t.deepEqual([shared.packets, shared.bytes], [0, 0]);
});

test('§1.5.2 a counter never goes negative: decrementing an empty counter is a bug and throws', (t) => {
  const c = new PacketCounter();
  c.increment(10);
  c.decrement(10);
  t.throws(() => c.decrement(1), { message: /underflow/ });
});
