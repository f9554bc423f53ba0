// Reference §1.2.6, §1.3.1, §1.3.7: how configured values become the
// rconn's probe interval and maximum backoff.
import test from 'ava';
import {
  changedMaxBackoffMs,
  initialMaxBackoffMs,
  maxBackoffFromConfigMs,
  normalizeProbeInterval,
  probeIntervalFromConfigMs,
} from '../../src/rconn/settings.js';

test('§1.3.1 a probe interval of 0 stays off; 1..4 s are raised to 5 s; larger values stay', (t) => {
  t.deepEqual([0, 1, 4, 5, 6, 60].map(normalizeProbeInterval), [0, 5, 5, 5, 6, 60]);
});

test('§1.3.7 inactivity_probe in ms: unset 5 s, 0 off, 1..999 ms 1 s (then 5), otherwise whole seconds', (t) => {
  t.is(probeIntervalFromConfigMs(undefined), 5);
  t.is(probeIntervalFromConfigMs(0), 0);
  t.is(probeIntervalFromConfigMs(1), 1);
  t.is(probeIntervalFromConfigMs(999), 1);
  t.is(normalizeProbeInterval(probeIntervalFromConfigMs(999)), 5);
  t.is(probeIntervalFromConfigMs(1000), 1);
  t.is(probeIntervalFromConfigMs(7999), 7);
  t.is(probeIntervalFromConfigMs(60000), 60);
});

test('§1.2.6 max_backoff: 0 at creation is 8 s; a later change is at least 1 s; config ms divide down, unset 8 s', (t) => {
  t.is(initialMaxBackoffMs(0), 8000);
  t.is(initialMaxBackoffMs(3), 3000);
  t.is(changedMaxBackoffMs(0), 1000);
  t.is(changedMaxBackoffMs(15), 15000);
  t.is(maxBackoffFromConfigMs(undefined), 8);
  t.is(maxBackoffFromConfigMs(1000), 1);
  t.is(maxBackoffFromConfigMs(2500), 2);
  t.is(maxBackoffFromConfigMs(60000), 60);
});
