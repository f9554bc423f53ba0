/**
 * Fail-open as a decider (reference §7): transcripts on a scripted clock
 * and a scripted view of the controllers (one active primary service whose
 * failure duration counts from its last admission), checking the actions
 * returned at each step.
 */

import test from 'ava';
import {
  BOGUS_PACKET_IN_INTERVAL_MS,
  FAIL_OPEN_PRIORITY,
  FailOpen,
  bogusPacketIn,
  describeFailOpenEvent,
  type FailOpenAction,
  type FailOpenPort,
} from '../../src/failopen/fail-open.js';
import { OFPP_LOCAL, OFPP_NORMAL } from '../../src/openflow/port-number.js';

/** One scripted primary controller: admitted at 'lastAdmitted', connected or not. */
class ScriptedControllers implements FailOpenPort {
  now = 0;
  probeInterval = 5;
  lastAdmitted = 0;
  connected = false;
  admitted = false;
  activeServices = 1;
  maxProbeInterval(): number {
    return this.probeInterval;
  }
  failureDurationMs(): number | null {
    if (this.activeServices === 0) return null;
    return this.admitted ? 0 : this.now - this.lastAdmitted;
  }
  anyPrimaryConnected(): boolean {
    return this.connected;
  }
  anyPrimaryAdmitted(): boolean {
    return this.admitted;
  }
  admit(): void {
    this.connected = true;
    this.admitted = true;
    this.lastAdmitted = this.now;
  }
  disconnect(): void {
    this.connected = false;
    this.admitted = false;
  }
}

const counter = (): ((b: Uint8Array) => void) => {
  let n = 0;
  return (b) => {
    for (let i = 0; i < b.length; i++) b[i] = ++n & 0xff;
  };
};

const kinds = (actions: readonly FailOpenAction[]): string[] => actions.map((a) => (a.type === 'event' ? a.event.type : a.type));

test('§7.2 §7.3 with default 5 s probes fail-open triggers at exactly 15 s of failure, not at 14.999 s: event, then flush; the flush adds the hidden rule', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c);
  t.is(fo.triggerSeconds(), 15);
  t.is(fo.nextWakeAt(0), 15_000);
  c.now = 14_999;
  t.deepEqual(fo.run(c.now), []);
  t.false(fo.isActive);
  c.now = 15_000;
  const actions = fo.run(c.now);
  t.deepEqual(actions, [{ type: 'event', event: { type: 'fail-open.activated', seconds: 15 } }, { type: 'flush' }]);
  t.true(fo.isActive);
  t.is(
    describeFailOpenEvent({ type: 'fail-open.activated', seconds: 15 }),
    "Could not connect to controller (or switch failed controller's post-connection admission control policy) for 15 seconds, failing open",
  );
  const added = fo.flushed();
  t.deepEqual(added, [
    {
      type: 'add-flow',
      flow: { priority: 0xf0f0f0, match: [], instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }] },
    },
  ]);
  t.is(FAIL_OPEN_PRIORITY, 15790320);
  // Running again does not activate twice.
  c.now = 16_000;
  t.deepEqual(fo.run(c.now), []);
});

test('§7.2 with 6 s probes fail-open triggers at 18 s; failures counted from the last admission', (t) => {
  const c = new ScriptedControllers();
  c.probeInterval = 6;
  c.now = 3_000;
  c.admit();
  const fo = new FailOpen(c);
  t.is(fo.nextWakeAt(c.now), Infinity, 'an admitted controller never triggers by itself');
  c.now = 10_000;
  c.disconnect(); // last admitted at 3 s
  t.is(fo.nextWakeAt(c.now), 21_000);
  c.now = 20_999;
  t.deepEqual(fo.run(c.now), []);
  c.now = 21_000;
  t.deepEqual(kinds(fo.run(c.now)), ['fail-open.activated', 'flush']);
});

test('§7.2 fail-open needs some failure: no active primary service, or a fresh one (0 s), never triggers, even with probes off', (t) => {
  const c = new ScriptedControllers();
  c.probeInterval = 0;
  const fo = new FailOpen(c);
  t.is(fo.triggerSeconds(), 0);
  t.deepEqual(fo.run(0), []);
  t.deepEqual(fo.flushed(), [], 'a flush with no failure adds no rule');
  t.is(fo.nextWakeAt(0), 1_000, 'probes off: 1 s of failure triggers');
  c.now = 999;
  t.deepEqual(fo.run(c.now), []);
  c.now = 1_000;
  t.deepEqual(kinds(fo.run(c.now)), ['fail-open.activated', 'flush']);
  const none = new ScriptedControllers();
  none.activeServices = 0;
  none.now = 100_000;
  const fo2 = new FailOpen(none);
  t.deepEqual(fo2.run(none.now), []);
  t.is(fo2.nextWakeAt(none.now), Infinity);
});

test('§7.3 while active, "Still in fail-open mode" each time the failure passed the last report by more than 60 s', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c);
  c.now = 15_000;
  fo.run(c.now);
  t.is(fo.nextWakeAt(c.now), 76_000);
  c.now = 75_999;
  t.deepEqual(fo.run(c.now), []);
  c.now = 76_000;
  t.deepEqual(fo.run(c.now), [{ type: 'event', event: { type: 'fail-open.still-active', seconds: 76 } }]);
  t.is(describeFailOpenEvent({ type: 'fail-open.still-active', seconds: 76 }), 'Still in fail-open mode after 76 seconds disconnected from controller');
  c.now = 136_000;
  t.deepEqual(fo.run(c.now), []);
  c.now = 137_000;
  t.deepEqual(kinds(fo.run(c.now)), ['fail-open.still-active']);
});

test('§7.4 recovery: only when active and a primary session is admitted; deletes only the fail-open rule, no flush', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c);
  c.admit();
  t.deepEqual(fo.maybeRecover(), [], 'not active: nothing to recover');
  c.disconnect();
  c.now = 15_000;
  fo.run(c.now);
  fo.flushed();
  t.true(fo.hasRule);
  c.now = 20_000;
  c.connected = true; // connected, not yet admitted
  t.deepEqual(fo.maybeRecover(), []);
  c.admit();
  t.deepEqual(fo.maybeRecover(), [
    { type: 'event', event: { type: 'fail-open.recovered' } },
    { type: 'delete-flow', priority: 0xf0f0f0, match: [] },
  ]);
  t.is(describeFailOpenEvent({ type: 'fail-open.recovered' }), 'No longer in fail-open mode');
  t.false(fo.isActive);
  t.false(fo.hasRule);
  t.deepEqual(fo.maybeRecover(), []);
});

test('§7.1 destroying an active fail-open recovers; an inactive one does nothing', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c);
  t.deepEqual(fo.destroy(), []);
  c.now = 15_000;
  fo.run(c.now);
  t.deepEqual(kinds(fo.destroy()), ['fail-open.recovered', 'delete-flow']);
});

test('§7.5 bogus packet-ins every 2 s while active and a primary controller is connected (not admitted), none while disconnected', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c, { randomBytes: counter() });
  c.now = 15_000;
  fo.run(c.now);
  t.is(fo.nextWakeAt(c.now), 76_000, 'disconnected: no packet-in scheduled');
  c.now = 16_500;
  c.connected = true;
  t.deepEqual(fo.run(c.now), [], 'the run that finds a controller connected schedules the first one 2 s later');
  t.is(fo.nextWakeAt(c.now), 18_500);
  const sent: number[] = [];
  for (let now = 16_501; now <= 24_500; now += 1) {
    c.now = now;
    if (now < fo.nextWakeAt(now)) continue;
    for (const a of fo.run(now)) if (a.type === 'packet-in') sent.push(now);
  }
  t.deepEqual(sent, [18_500, 20_500, 22_500, 24_500]);
  t.is(BOGUS_PACKET_IN_INTERVAL_MS, 2000);
  c.connected = false;
  c.now = 26_500;
  t.deepEqual(fo.run(c.now), []);
  c.now = 30_000;
  t.deepEqual(fo.run(c.now), []);
});

test('§7.5 the bogus packet-in: broadcast RARP request from a Nicira-OUI address, in_port LOCAL, reason no_match, cookie all ones', (t) => {
  const c = new ScriptedControllers();
  const fo = new FailOpen(c, { randomBytes: counter() });
  c.now = 15_000;
  c.connected = true;
  fo.run(c.now);
  c.now = 17_000;
  const pin = fo.run(c.now).find((a) => a.type === 'packet-in');
  if (pin?.type !== 'packet-in') return t.fail('no packet-in');
  const p = pin.packetIn;
  t.like(p, { reason: 'no_match', tableId: 0, cookie: 0xffffffffffffffffn, controllerId: 0, maxLen: 0xffff });
  t.deepEqual(p.metadata, [{ field: 'in_port', value: OFPP_LOCAL }]);
  t.is(Buffer.from(p.frame).toString('hex'),
    'ffffffffffff' + '002320010203' + '8035' + '0001' + '0800' + '06' + '04' + '0003' +
    '002320010203' + '00000000' + '002320010203' + '00000000');
  t.deepEqual(bogusPacketIn(new Uint8Array([0, 0x23, 0x20, 1, 2, 3])).frame, p.frame);
  c.now = 19_000;
  const next = fo.run(c.now).find((a) => a.type === 'packet-in');
  if (next?.type !== 'packet-in') return t.fail('no second packet-in');
  t.is(Buffer.from(next.packetIn.frame.subarray(6, 12)).toString('hex'), '002320040506', 'a fresh random address each time');
});
