// Properties of the rconn core under arbitrary sequences of commands,
// reports (current and stale), sends and time steps (reference §1.1-§1.6):
// the invariants that every transcript relies on hold after every step.
import test from 'ava';
import fc from 'fast-check';
import { RconnCore, type SessionPort } from '../../src/rconn/core.js';
import type { ConnectionError } from '../../src/rconn/errors.js';
import type { MonitorPort } from '../../src/rconn/monitors.js';
import { PacketCounter, type SendResult } from '../../src/rconn/send-queue.js';

/** Throws, naming the broken invariant, unless 'ok'. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}

class Channel implements SessionPort, MonitorPort {
  blocked = false;
  failNext: ConnectionError | null = null;
  closes = 0;
  queuedBytes = 0;
  constructor(readonly name: string) {}
  trySend(frame: Uint8Array): SendResult {
    if (this.closes > 0) throw new Error(`${this.name}: write after close`);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      return e;
    }
    if (this.blocked) return 'again';
    this.queuedBytes += frame.length;
    return 'sent';
  }
  close(): void {
    this.closes++;
  }
}

const errorArb = fc.constantFrom<ConnectionError>('EOF', 'ECONNREFUSED', 'ECONNRESET', 'EPROTO', 'ETIMEDOUT', 'EPIPE');
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.WeightedArbitrary<T> => ({ weight, arbitrary });
const opArb = fc.oneof(
  w(2, fc.record({ op: fc.constant('connect' as const), unix: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('accept' as const) })),
  w(1, fc.record({ op: fc.constant('open-error' as const), error: fc.option(errorArb, { nil: null, freq: 2 }) })),
  w(5, fc.record({ op: fc.constant('connected' as const), version: fc.integer({ min: 1, max: 6 }), stale: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('connect-failed' as const), error: errorArb, stale: fc.boolean() })),
  w(2, fc.record({ op: fc.constant('dropped' as const), error: errorArb, stale: fc.boolean() })),
  w(3, fc.record({ op: fc.constant('received' as const), admission: fc.boolean(), stale: fc.boolean() })),
  w(5, fc.record({ op: fc.constant('send' as const), len: fc.integer({ min: 8, max: 200 }), limit: fc.option(fc.integer({ min: 0, max: 4 })) })),
  w(3, fc.record({ op: fc.constant('block' as const), blocked: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('write-error' as const), error: errorArb })),
  w(3, fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20_000 }) })),
  w(3, fc.record({ op: fc.constant('run' as const) })),
  w(1, fc.record({ op: fc.constant('reconnect' as const) })),
  w(1, fc.record({ op: fc.constant('disconnect' as const) })),
  w(1, fc.record({ op: fc.constant('set-probe' as const), seconds: fc.integer({ min: 0, max: 40 }) })),
  w(1, fc.record({ op: fc.constant('monitor-add' as const) })),
  w(1, fc.record({ op: fc.constant('monitor-eof' as const), index: fc.nat() })),
);

test('§1.1-§1.6 invariants hold after every step of any sequence', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20 }), fc.array(opArb, { minLength: 20, maxLength: 120, size: 'max' }), (maxBackoff, ops) => {
      let now = 1000;
      let openError: ConnectionError | null = null;
      const channels = new Map<number, Channel>();
      const monitors: Channel[] = [];
      const counter = new PacketCounter();
      const core = new RconnCore({
        now,
        maxBackoff,
        connector: {
          open(session) {
            if (openError) return openError;
            const c = new Channel(`session ${session}`);
            channels.set(session, c);
            return c;
          },
        },
      });
      const maxBackoffMs = (maxBackoff === 0 ? 8 : maxBackoff) * 1000;
      let reliable = false;
      for (const op of ops) {
        const current = core.currentSession ?? 0;
        const session = (stale: boolean): number => (stale ? Math.max(0, current - 1) : current);
        switch (op.op) {
          case 'connect':
            core.connect(now, 'tcp:127.0.0.1:6653', { needsProbes: !op.unix });
            reliable = true;
            break;
          case 'accept': {
            const c = new Channel('accepted');
            channels.set(core.connectUnreliably(now, c, 'tcp:127.0.0.1:40000'), c);
            reliable = false;
            break;
          }
          case 'open-error':
            openError = op.error;
            break;
          case 'connected':
            core.connected(now, session(op.stale), op.version);
            break;
          case 'connect-failed':
            core.connectFailed(now, session(op.stale), op.error);
            break;
          case 'dropped':
            core.dropped(now, session(op.stale), op.error);
            break;
          case 'received':
            core.received(now, session(op.stale), new Uint8Array(8), op.admission);
            break;
          case 'send': {
            const frame = new Uint8Array(op.len);
            if (op.limit === null) core.send(now, frame, counter);
            else core.sendWithLimit(now, frame, counter, op.limit);
            break;
          }
          case 'block':
            if (channels.has(current)) channels.get(current)!.blocked = op.blocked;
            break;
          case 'write-error':
            if (channels.has(current)) channels.get(current)!.failNext = op.error;
            break;
          case 'advance':
            now += op.ms;
            break;
          case 'run':
            core.run(now);
            // Nothing is left due right after run().
            check(core.nextDeadline(now) > now, 'something still due right after run()');
            break;
          case 'reconnect':
            core.reconnect(now);
            break;
          case 'disconnect':
            core.disconnect(now);
            reliable = false;
            break;
          case 'set-probe':
            core.setProbeInterval(op.seconds);
            break;
          case 'monitor-add': {
            const m = new Channel(`m${monitors.length}`);
            if (core.addMonitor(m)) monitors.push(m);
            else check(m.closes === 1, 'a refused monitor is closed at once');
            break;
          }
          case 'monitor-eof':
            if (monitors.length > 0) core.monitorFailed(monitors.splice(op.index % monitors.length, 1)[0]!, 'EOF');
            break;
        }
        const s = core.status(now);
        const live = s.state === 'CONNECTING' || s.state === 'ACTIVE' || s.state === 'IDLE';
        const where = `after ${JSON.stringify(op)} in ${s.state}`;
        // A session exists exactly while connecting or connected; its port is open, every other is closed once.
        check((core.currentSession !== null) === live, `session iff connecting or connected, ${where}`);
        for (const [id, c] of channels) {
          check(c.closes === (live && id === core.currentSession ? 0 : 1), `${c.name} closed ${c.closes} times, ${where}`);
        }
        // §1.1.1, §1.1.10
        check(s.isConnected === (s.state === 'ACTIVE' || s.state === 'IDLE'), `connected iff ACTIVE or IDLE, ${where}`);
        check(s.seqno % 2 === 1 === s.isConnected, `seqno ${s.seqno} odd iff connected, ${where}`);
        check(!s.isAdmitted || s.isConnected, `admitted only while connected, ${where}`);
        check(s.isReliable === reliable || s.state === 'VOID', `reliable flag, ${where}`);
        // §1.2.3: backoff is 0 or between 1 s and the maximum.
        check(s.backoffMs === 0 || (s.backoffMs >= 1000 && s.backoffMs <= maxBackoffMs), `backoff ${s.backoffMs}, ${where}`);
        // §1.5: the one counter counts what is queued (all but probes); a reliable rconn keeps no queue unless connected.
        check(counter.packets <= s.txqlen, `counter ${counter.packets} vs txqlen ${s.txqlen}, ${where}`);
        check(!s.isReliable || s.isConnected || s.txqlen === 0, `reliable and not connected with a queue, ${where}`);
        // §1.6.1, §1.6.4
        check(s.monitors === monitors.length && s.monitors <= 8, `monitor count, ${where}`);
        check(monitors.every((m) => m.closes === 0), `an attached monitor was closed, ${where}`);
        check(core.nextDeadline(now) >= now, `deadline in the past, ${where}`);
      }
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass();
});

test('§1.2.3 §1.2.4 with a refusing peer, every wait is 1 s, doubles, and never passes the maximum', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (maxBackoff, attempts) => {
      let now = 0;
      const core = new RconnCore({ now, maxBackoff, connector: { open: () => new Channel('s') } });
      core.connect(now, 'tcp:127.0.0.1:6653');
      const waits: number[] = [];
      for (let i = 0; i < attempts; i++) {
        core.connectFailed(now, core.currentSession!, 'ECONNREFUSED');
        const wait = core.nextDeadline(now) - now;
        waits.push(wait);
        now += wait;
        core.run(now);
      }
      // 1 s first; then doubling while below half the maximum; then the maximum.
      let expected = 1000;
      for (const w of waits) {
        if (w !== expected) return false;
        expected = expected < (maxBackoff * 1000) / 2 ? Math.max(1000, 2 * expected) : maxBackoff * 1000;
      }
      return true;
    }),
    { numRuns: 200 },
  );
  t.pass();
});
