/**
 * The packet-in scheduler (reference §5) as transcripts on a fake clock: a
 * small driver plays connmgr's part, offering packets with send() and
 * calling run() whenever nextDeadline() says a token is due, recording when
 * each packet left.  Random choices among equally long queues come from a
 * scripted function, so every transcript is exact.
 */

import test from 'ava';
import { adjustLimits, Pinsched, TokenBucket, type RandomRange } from '../../src/pinsched/index.js';
import { FakeClock } from '../support/fake-clock.js';

/** A packet of the transcripts: its number and input port. */
interface Pkt {
  readonly n: number;
  readonly port: number;
}

/** Drives 'ps' on 'clock' as connmgr does: sends what it releases to 'sent', re-arming a timer for nextDeadline(). */
class Driver {
  readonly sent: { at: number; n: number; port: number; how: 'bypass' | 'run' }[] = [];
  runs = 0;
  private armed: { cancel(): void } | null = null;

  constructor(readonly ps: Pinsched<Pkt>, readonly clock: FakeClock) {}

  offer(n: number, port: number): void {
    for (const p of this.ps.send(port, { n, port }, this.clock.now())) this.sent.push({ at: this.clock.now(), n: p.n, port: p.port, how: 'bypass' });
    this.arm();
  }

  private arm(): void {
    this.armed?.cancel();
    this.armed = null;
    const due = this.ps.nextDeadline(this.clock.now());
    if (due === null) return;
    this.armed = this.clock.setTimer(due - this.clock.now(), () => {
      this.armed = null;
      this.runs++;
      for (const p of this.ps.run(this.clock.now())) this.sent.push({ at: this.clock.now(), n: p.n, port: p.port, how: 'run' });
      this.arm();
    });
  }
}

/** A RandomRange that answers from 'answers' in turn and records each n it was asked about. */
function scripted(answers: number[], asked: number[]): RandomRange {
  let i = 0;
  return (n) => {
    asked.push(n);
    const a = answers[i++ % answers.length]!;
    return Math.min(a, n - 1);
  };
}

test('§5.2 limits: burst <= 0 is rate/4, at least 1; rate <= 0 inside pinsched means 1000', (t) => {
  t.deepEqual(adjustLimits(100, 0), { rateLimit: 100, burstLimit: 25 });
  t.deepEqual(adjustLimits(100, -5), { rateLimit: 100, burstLimit: 25 });
  t.deepEqual(adjustLimits(3, 0), { rateLimit: 3, burstLimit: 1 });
  t.deepEqual(adjustLimits(100, 7), { rateLimit: 100, burstLimit: 7 });
  t.deepEqual(adjustLimits(0, 0), { rateLimit: 1000, burstLimit: 250 });
});

test('§5.2 token bucket: starts full on first use, refills rate tokens per ms up to capacity, wakes after whole ms + 1', (t) => {
  const b = new TokenBucket(100, 3000);
  t.is(b.readyAt(1000, 50), 50);
  t.true(b.withdraw(1000, 50));
  t.true(b.withdraw(1000, 50));
  t.true(b.withdraw(1000, 50));
  t.false(b.withdraw(1000, 50));
  t.is(b.readyAt(1000, 50), 61);
  t.false(b.withdraw(1000, 59));
  t.true(b.withdraw(1000, 60));
  // An hour idle refills only to capacity.
  t.true(b.withdraw(3000, 3_600_000));
  t.false(b.withdraw(1, 3_600_000));
  b.set(100, 500);
  t.is(b.capacity, 500);
});

test('§5.3 §5.4 §5.6 a burst of 1,000 packet-ins on 3 ports at rate 100, burst 25: 25 bypass, 975 queued, 950 dropped, the newest 25 drained round robin at 1 per 10 ms', (t) => {
  const clock = new FakeClock(0);
  const asked: number[] = [];
  const d = new Driver(new Pinsched<Pkt>(100, 25, scripted([0], asked)), clock);
  for (let i = 0; i < 1000; i++) d.offer(i, (i % 3) + 1);
  t.deepEqual(d.ps.stats, { backlog: 25, bypassed: 25, queued: 975, dropped: 950 });
  t.deepEqual(d.sent.map((s) => s.n), [...Array(25).keys()]);
  t.true(d.sent.every((s) => s.how === 'bypass' && s.at === 0));
  // Arrivals alternate ports, so at each drop one queue is strictly the
  // longest: the random function is consulted during the scan (as in OVS)
  // but the other answer drops exactly the same packets.
  t.true(asked.length > 0);
  const other = new Pinsched<Pkt>(100, 25, () => 1);
  for (let i = 0; i < 1000; i++) other.send((i % 3) + 1, { n: i, port: (i % 3) + 1 }, 0);
  t.deepEqual(other.run(1000).map((p) => p.n), [...Array(25).keys()].map((k) => [976, 977, 975][k % 3]! + 3 * Math.floor(k / 3)).slice(0, 24).concat(999));
  t.is(d.ps.nextDeadline(0), 11);

  clock.advance(1000);
  const drained = d.sent.slice(25);
  t.is(drained.length, 25);
  t.deepEqual(d.ps.stats, { backlog: 0, bypassed: 25, queued: 975, dropped: 950 });
  // What survived is the newest packet of each port (975..999); queues were
  // created port 2, 3, 1 (packets 25, 26, 27) and are served in that order.
  const expected = [];
  for (let k = 0; k < 8; k++) expected.push(976 + 3 * k, 977 + 3 * k, 975 + 3 * k);
  expected.push(999);
  t.deepEqual(drained.map((s) => s.n), expected);
  t.deepEqual(drained.slice(0, 6).map((s) => s.port), [2, 3, 1, 2, 3, 1]);
  // The first token is due at 11 ms (10 ms needed, woken 1 ms after), then one every 10 ms.
  t.deepEqual(drained.map((s) => s.at), drained.map((_, k) => 11 + 10 * k));
  t.is(clock.pending, 0);
});

test('§5.3 a full queue loses the oldest packet of the longest port queue; equal lengths are chosen by the random function', (t) => {
  for (const [answer, loser] of [[0, 2], [1, 1]] as const) {
    const asked: number[] = [];
    const ps = new Pinsched<Pkt>(1, 4, scripted([answer], asked));
    const out: number[] = [];
    for (let i = 0; i < 4; i++) out.push(...ps.send(9, { n: i, port: 9 }, 0).map((p) => p.n));
    t.deepEqual(out, [0, 1, 2, 3]);
    // Bucket empty: two packets each on ports 1 and 2.
    for (const [n, port] of [[10, 1], [11, 1], [20, 2], [21, 2]] as const) t.deepEqual(ps.send(port, { n, port }, 0), []);
    ps.send(3, { n: 30, port: 3 }, 0);
    // Ports 1 and 2 tie at 2: Knuth's reservoir asks random(2) at the second; 0 picks it.
    t.deepEqual(asked, [2]);
    t.deepEqual(ps.stats, { backlog: 4, bypassed: 4, queued: 5, dropped: 1 });
    const drained: number[] = [];
    for (let now = 1; drained.length < 4 && now < 100_000; now += 1000) drained.push(...ps.run(now).map((p) => p.n));
    t.deepEqual(drained, loser === 2 ? [10, 21, 30, 11] : [11, 20, 30, 21], `random answered ${answer}`);
  }
});

test('§5.4 one run releases at most 50 packets even with tokens for more', (t) => {
  const ps = new Pinsched<Pkt>(100_000, 200);
  for (let i = 0; i < 200; i++) ps.send(1, { n: i, port: 1 }, 0);
  for (let i = 0; i < 120; i++) ps.send(1 + (i % 2), { n: 1000 + i, port: 1 + (i % 2) }, 0);
  t.is(ps.backlog, 120);
  t.is(ps.nextDeadline(10), 1);
  const first = ps.run(10);
  t.is(first.length, 50);
  t.deepEqual(first.slice(0, 4).map((p) => p.n), [1000, 1001, 1002, 1003]);
  t.is(ps.nextDeadline(10), 10);
  t.is(ps.run(10).length, 50);
  t.is(ps.run(10).length, 20);
  t.is(ps.nextDeadline(10), null);
  t.deepEqual(ps.run(10), []);
});

test('§5.3 while anything is queued, a new packet queues even if a token is available (no overtaking)', (t) => {
  const ps = new Pinsched<Pkt>(100, 1);
  t.is(ps.send(1, { n: 0, port: 1 }, 0).length, 1);
  t.deepEqual(ps.send(1, { n: 1, port: 1 }, 0), []);
  // 100 ms later tokens are there, but packet 1 is still queued: 2 waits behind it.
  t.deepEqual(ps.send(2, { n: 2, port: 2 }, 100), []);
  t.deepEqual(ps.stats, { backlog: 1, bypassed: 1, queued: 2, dropped: 1 });
  t.deepEqual(ps.run(100).map((p) => p.n), [2]);
  t.deepEqual(ps.send(1, { n: 3, port: 1 }, 100), []);
  t.deepEqual(ps.run(110).map((p) => p.n), [3]);
  t.deepEqual(ps.send(1, { n: 4, port: 1 }, 200).map((p) => p.n), [4]);
});

test('§5.5 setLimits adjusts like §5.2, clamps the tokens and drops down to the new burst', (t) => {
  const ps = new Pinsched<Pkt>(100, 10, () => 0);
  for (let i = 0; i < 10; i++) ps.send(1, { n: i, port: 1 }, 0);
  for (let i = 0; i < 6; i++) ps.send(1 + (i % 2), { n: 100 + i, port: 1 + (i % 2) }, 0);
  t.is(ps.backlog, 6);
  ps.setLimits(8, 0);
  t.deepEqual(ps.currentLimits, { rateLimit: 8, burstLimit: 2 });
  t.deepEqual(ps.stats, { backlog: 2, bypassed: 10, queued: 6, dropped: 4 });
  // 2000 ms at 8 tokens per ms: 16000 tokens, but the bucket holds 2000.
  t.deepEqual(ps.run(2000).map((p) => p.n), [104, 105]);
  for (let i = 0; i < 3; i++) t.is(ps.send(1, { n: 200 + i, port: 1 }, 4000).length, i < 2 ? 1 : 0);
});
