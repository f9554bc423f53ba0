// The Clock contract (src/clock/clock.ts) for both implementations: the
// FakeClock the tests drive, and the system clock the service runs on.
import test from 'ava';
import { systemClock } from '../../src/clock/clock.js';
import { FakeClock } from '../support/fake-clock.js';

test('FakeClock: time stands still until advanced', (t) => {
  const clock = new FakeClock(500);
  t.is(clock.now(), 500);
  clock.advance(250);
  t.is(clock.now(), 750);
  t.throws(() => clock.advance(-1), { instanceOf: RangeError });
  t.throws(() => clock.advance(Infinity), { instanceOf: RangeError });
});

test('FakeClock: advance fires due timers in order of due time, ties in order set, each at its own time', (t) => {
  const clock = new FakeClock(0);
  const fired: string[] = [];
  const at = (name: string) => () => fired.push(`${name}@${clock.now()}`);
  clock.setTimer(300, at('c'));
  clock.setTimer(100, at('a'));
  clock.setTimer(100, at('b'));
  clock.setTimer(1000, at('late'));
  clock.advance(300);
  t.deepEqual(fired, ['a@100', 'b@100', 'c@300']);
  t.is(clock.pending, 1);
  t.is(clock.nextDue(), 1000);
});

test('FakeClock: a timer set by a firing timer fires in the same advance if it falls due; cancel stops one', (t) => {
  const clock = new FakeClock(0);
  const fired: number[] = [];
  clock.setTimer(10, () => {
    fired.push(clock.now());
    clock.setTimer(10, () => fired.push(clock.now()));
    clock.setTimer(500, () => fired.push(clock.now()));
  });
  const cancelled = clock.setTimer(15, () => fired.push(-1));
  cancelled.cancel();
  cancelled.cancel();
  clock.advance(100);
  t.deepEqual(fired, [10, 20]);
  t.is(clock.now(), 100);
  t.is(clock.pending, 1);
  clock.setTimer(-5, () => fired.push(clock.now()));
  clock.advance(0);
  t.deepEqual(fired, [10, 20, 100]);
});

test('FakeClock: a timer that re-arms itself forever is stopped by the firing cap', (t) => {
  const clock = new FakeClock(0);
  const rearm = (): void => void clock.setTimer(0, rearm);
  clock.setTimer(0, rearm);
  t.throws(() => clock.advance(1, 1000), { message: /more than 1000 timers/ });
});

test('systemClock: now() is whole, monotonic milliseconds; a timer fires after its delay and can be cancelled', async (t) => {
  const start = systemClock.now();
  t.true(Number.isInteger(start));
  const cancelledFired = { value: false };
  systemClock.setTimer(5, () => (cancelledFired.value = true)).cancel();
  const elapsed = await new Promise<number>((resolve) => systemClock.setTimer(20, () => resolve(systemClock.now() - start)));
  t.true(elapsed >= 18, `fired after ${elapsed} ms`);
  t.true(systemClock.now() >= start);
  t.false(cancelledFired.value);
});
