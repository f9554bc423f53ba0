/**
 * The vlog-style rate limiter of log lines (src/telemetry/log-rate-limit.ts)
 * and the flow_mod summary (src/telemetry/flow-mod-report.ts, §4.8.5), on
 * a fake clock.
 */

import test from 'ava';
import { FlowModReport, LogRateLimit, suppressedLine } from '../../src/telemetry/index.js';
import { FakeClock } from '../support/fake-clock.js';

test('a bucket lets the burst through, then one line per 60/rate seconds; each line after drops says how many, over how long, how recently', (t) => {
  const clock = new FakeClock(0);
  const rl = new LogRateLimit(clock, 5, 2); // 5 a minute: a token every 12 s
  t.deepEqual(rl.admit(), { suppressed: 0, firstSecondsAgo: 0, lastSecondsAgo: 0 });
  t.deepEqual(rl.admit(), { suppressed: 0, firstSecondsAgo: 0, lastSecondsAgo: 0 });
  t.is(rl.admit(), null);
  clock.advance(4_000);
  t.is(rl.admit(), null);
  clock.advance(7_999);
  t.is(rl.admit(), null, '11.999 s: not yet a whole token');
  clock.advance(1);
  const a = rl.admit();
  t.deepEqual(a, { suppressed: 3, firstSecondsAgo: 12, lastSecondsAgo: 0 });
  t.is(suppressedLine(a!), '3 messages suppressed in last 12 seconds (most recently, 0 seconds ago) due to excessive rate');
  t.is(rl.admit(), null);
  // A long quiet spell refills up to the burst only.
  clock.advance(3_600_000);
  t.like(rl.admit(), { suppressed: 1, firstSecondsAgo: 3600, lastSecondsAgo: 3600 });
  t.like(rl.admit(), { suppressed: 0 });
  t.is(rl.admit(), null);
  t.is(suppressedLine(7), '7 messages suppressed due to excessive rate');
});

test('a rate limit needs a positive rate and burst', (t) => {
  const clock = new FakeClock(0);
  t.throws(() => new LogRateLimit(clock, 0, 1), { instanceOf: RangeError });
  t.throws(() => new LogRateLimit(clock, 1, 0), { instanceOf: RangeError });
});

test('§4.8.5 the flow_mod summary comes 10 s after the first flow mod, then no sooner than 60 s after the previous one, worded as OVS words it', (t) => {
  const clock = new FakeClock(0);
  const lines: string[] = [];
  const r = new FlowModReport(clock, 'br0<->unix#3', (l) => lines.push(l));
  r.record('add');
  clock.advance(4_000);
  r.record('modify');
  r.record('delete_strict');
  clock.advance(5_999);
  t.deepEqual(lines, []);
  clock.advance(1);
  t.deepEqual(lines, ['br0<->unix#3: 3 flow_mods in the 4 s starting 10 s ago (1 adds, 1 deletes, 1 modifications)']);
  // The next report waits for 60 s after the last one was due (at 70 s).
  clock.advance(5_000); // 15 s
  r.record('add');
  clock.advance(54_999);
  t.is(lines.length, 1);
  clock.advance(1); // 70 s
  t.deepEqual(lines.slice(1), ['br0<->unix#3: 1 flow_mods 55 s ago (1 adds)']);
  // A burst at one instant, reported when the session ends.
  clock.advance(200_000);
  for (let i = 0; i < 4; i++) r.record('modify_strict');
  r.flush();
  t.deepEqual(lines.slice(2), ['br0<->unix#3: 4 flow_mods in the last 0 s (4 modifications)']);
  r.flush();
  t.is(lines.length, 3, 'nothing left to report');
  clock.advance(100_000);
  t.is(lines.length, 3, 'no timer left behind');
});
