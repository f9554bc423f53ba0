/**
 * The small pieces of the agent client: election ids in text and in their
 * proto form, the reconnect backoff, and the bounded capture of frames a
 * port sent.
 */

import test from 'ava';
import { electionIdFromProto, electionIdToProto, MAX_ELECTION_ID, parseElectionId } from '../../src/agentclient/election-id.js';
import { ReconnectBackoff } from '../../src/agentclient/reconnect-backoff.js';
import { TransmitCapture } from '../../src/agentclient/tx-capture.js';

test('election ids: decimal or hex text up to 2^128 - 1, split into uint64 halves and back', (t) => {
  t.is(parseElectionId('1'), 1n);
  t.is(parseElectionId('0x10000000000000000'), 1n << 64n);
  t.is(parseElectionId(MAX_ELECTION_ID.toString()), MAX_ELECTION_ID);
  t.throws(() => parseElectionId((MAX_ELECTION_ID + 1n).toString()), { instanceOf: RangeError, message: /above/ });
  t.throws(() => parseElectionId('-1'), { instanceOf: RangeError });
  t.throws(() => parseElectionId('1e3'), { instanceOf: RangeError });
  t.throws(() => parseElectionId(''), { instanceOf: RangeError });
  t.deepEqual(electionIdToProto(5n), { high: '0', low: '5' });
  t.deepEqual(electionIdToProto((3n << 64n) | 7n), { high: '3', low: '7' });
  t.deepEqual(electionIdToProto(MAX_ELECTION_ID), { high: '18446744073709551615', low: '18446744073709551615' });
  t.throws(() => electionIdToProto(-1n), { instanceOf: RangeError });
  for (const id of [0n, 1n, (1n << 64n) - 1n, 1n << 64n, MAX_ELECTION_ID]) {
    const p = electionIdToProto(id);
    t.is(electionIdFromProto({ high: String(p.high), low: String(p.low) }), id);
  }
  t.is(electionIdFromProto(null), 0n);
});

test('reconnect backoff: 1 s, doubling to 8 s, and 1 s again after a reset', (t) => {
  const b = new ReconnectBackoff();
  t.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [1000, 2000, 4000, 8000, 8000]);
  b.reset();
  t.deepEqual([b.next(), b.next()], [1000, 2000]);
});

test('transmit capture: per port, oldest first, emptied by take(); a full ring counts what it lost', (t) => {
  const c = new TransmitCapture(3);
  const f = (n: number): Uint8Array => Uint8Array.of(n);
  for (const n of [1, 2, 3, 4, 5]) c.record({ port: 1, frame: f(n) });
  c.record({ port: 2, frame: f(9) });
  const one = c.take(1);
  t.deepEqual(one.frames.map((x) => x[0]), [3, 4, 5]);
  t.is(one.dropped, 2);
  t.deepEqual(c.take(1), { frames: [], dropped: 0 });
  t.deepEqual(c.take(2).frames.map((x) => x[0]), [9]);
  t.deepEqual(c.take(3), { frames: [], dropped: 0 });
  t.throws(() => new TransmitCapture(0), { instanceOf: RangeError });
});
