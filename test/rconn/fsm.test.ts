// The state machine on its own (fsm.ts): the actions each call returns, the
// order of events, and nextDeadline.  The transcripts exercise the same
// rules through core.ts; these pin the contract the core relies on.
import test from 'ava';
import type { RconnEvent } from '../../src/rconn/events.js';
import { RconnFsm } from '../../src/rconn/fsm.js';

function recording(now = 0): { fsm: RconnFsm; seen: string[] } {
  const seen: string[] = [];
  const fsm: RconnFsm = new RconnFsm({ now, listener: (e: RconnEvent) => seen.push(`${e.type}@${fsm.stateName}`) });
  return { fsm, seen };
}

test('§1.1.3 §1.1.5 connect returns one connect action with a fresh session number', (t) => {
  const { fsm } = recording();
  t.deepEqual(fsm.connect(0, 'tcp:127.0.0.1:6653'), [{ kind: 'connect', session: 1, target: 'tcp:127.0.0.1:6653' }]);
  t.is(fsm.currentSession, 1);
  t.is(fsm.stateName, 'CONNECTING');
});

test('§1.2.2 a reliable failure closes the session and flushes the queue; §1.2.7 an unreliable one only closes', (t) => {
  const { fsm } = recording();
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  t.deepEqual(fsm.connectFailed(5, 1, 'ECONNREFUSED'), [
    { kind: 'close', session: 1, error: 'ECONNREFUSED' },
    { kind: 'flush-queue' },
  ]);
  const { session, actions } = fsm.connectUnreliably(6, 'unix#4');
  t.deepEqual(actions, [{ kind: 'flush-queue' }]);
  t.true(fsm.connected(7, session, 4));
  t.deepEqual(fsm.dropped(8, session, 'EOF'), [{ kind: 'close', session, error: 'EOF' }]);
  t.is(fsm.stateName, 'DISCONNECTED');
});

test('§1.1.5 an open failure returns no close (there is nothing to close) and no flush', (t) => {
  const { fsm } = recording();
  fsm.connect(0, 'ssl:127.0.0.1:6653');
  t.deepEqual(fsm.openFailed(0, 1, 'ENOPROTOOPT'), []);
  t.is(fsm.stateName, 'BACKOFF');
  t.is(fsm.lastDisconnectedAt, null);
});

test('§1.3.2 the probe action names the session and the negotiated version', (t) => {
  const { fsm } = recording();
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  fsm.connected(10, 1, 4);
  t.deepEqual(fsm.run(5009), []);
  t.deepEqual(fsm.run(5010), [{ kind: 'send-probe', session: 1, version: 4 }]);
  t.is(fsm.stateName, 'IDLE');
});

test('§1.1.9 disconnect from a connected state closes with no error and flushes', (t) => {
  const { fsm } = recording();
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  fsm.connected(10, 1, 4);
  t.deepEqual(fsm.disconnect(20), [{ kind: 'close', session: 1, error: null }, { kind: 'flush-queue' }]);
  t.deepEqual(fsm.disconnect(30), []);
});

test('events reach the listener only after the state change that caused them is complete', (t) => {
  const { fsm, seen } = recording();
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  fsm.connectFailed(0, 1, 'ECONNREFUSED');
  t.deepEqual(seen, [
    'rconn.connecting@CONNECTING',
    'rconn.state@CONNECTING',
    'rconn.connect-failed@BACKOFF',
    'rconn.disconnected@BACKOFF',
    'rconn.state@BACKOFF',
  ]);
});

test('nextDeadline is never before now, and Infinity when nothing is pending', (t) => {
  const { fsm } = recording();
  t.is(fsm.nextDeadline(0), Infinity);
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  t.is(fsm.nextDeadline(0), 1000);
  t.is(fsm.nextDeadline(2500), 2500);
  fsm.run(2500);
  t.is(fsm.stateName, 'BACKOFF');
  t.is(fsm.nextDeadline(2500), 3500);
});

test('late reports: a stale session number changes nothing and returns no actions', (t) => {
  const { fsm, seen } = recording();
  fsm.connect(0, 'tcp:127.0.0.1:6653');
  fsm.run(1000);
  fsm.run(2000);
  t.is(fsm.currentSession, 2);
  seen.length = 0;
  t.false(fsm.connected(2001, 1, 4));
  t.deepEqual(fsm.connectFailed(2001, 1, 'ECONNREFUSED'), []);
  t.deepEqual(fsm.openFailed(2001, 1, 'ECONNREFUSED'), []);
  t.deepEqual(fsm.dropped(2001, 1, 'EOF'), []);
  t.false(fsm.received(2001, 1, true));
  t.false(fsm.backlogWritten(2001, 1));
  t.deepEqual(seen, []);
  t.is(fsm.stateName, 'CONNECTING');
});
