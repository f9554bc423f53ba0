/**
 * The reliable connection's state machine, without I/O: states VOID,
 * BACKOFF, CONNECTING, ACTIVE, IDLE and DISCONNECTED with Open vSwitch's
 * transitions (reference §1.1), backoff (§1.2), inactivity probes (§1.3)
 * and the admission guess (§1.4).  Time is an argument ('now', in ms) and
 * every decision comes back as RconnAction values for the owner to carry
 * out: open a connection, close one, send a probe, flush the send queue.
 * core.ts is that owner for the send queue and monitors; the driver above
 * it owns the real vconn and arms one timer at nextDeadline().
 *
 * Each attempt to connect gets a session number.  Every report about a
 * connection (connected, failed, message received) names its session, and
 * a report about any session but the current one is ignored, so a late
 * callback from a connection already given up cannot disturb the next.
 */

import { nextBackoff } from './backoff.js';
import { errorText, type ConnectionError } from './errors.js';
import type { RconnEvent, RconnListener, RconnStateName } from './events.js';
import { changedMaxBackoffMs, DEFAULT_PROBE_INTERVAL_S, initialMaxBackoffMs, normalizeProbeInterval } from './settings.js';

/** What the owner of an RconnFsm must do, in the order returned. */
export type RconnAction =
  /** Start opening a connection to 'target'; report its outcome as session 'session'. */
  | { readonly kind: 'connect'; readonly session: number; readonly target: string }
  /** Close session 'session''s connection ('error': why; null when we chose to). */
  | { readonly kind: 'close'; readonly session: number; readonly error: ConnectionError | null }
  /** Queue an ECHO_REQUEST (xid 0, empty body, in 'version') on session 'session' as an inactivity probe (§1.3.2). */
  | { readonly kind: 'send-probe'; readonly session: number; readonly version: number }
  /** Discard every queued message, decrementing their counters (§1.2.2). */
  | { readonly kind: 'flush-queue' };

/** §1.4.1: a connection this old (ms) counts as admitted on any message. */
export const ADMISSION_GRACE_MS = 30_000;

/** §1.1.6: the shortest connect timeout, in ms. */
export const MIN_CONNECT_TIMEOUT_MS = 1000;

// Each state's data lives in that state: a session exists only while
// connecting or connected, admission and activity only while connected.
interface VoidState {
  readonly name: 'VOID';
  readonly entered: number;
}
interface BackoffState {
  readonly name: 'BACKOFF';
  readonly entered: number;
}
interface ConnectingState {
  readonly name: 'CONNECTING';
  readonly entered: number;
  readonly session: number;
}
interface ActiveState {
  readonly name: 'ACTIVE';
  readonly entered: number;
  readonly session: number;
  /** §1.4: the peer has probably admitted us on this connection. */
  probablyAdmitted: boolean;
  /** §1.3.4: last message received or backlog message written; never before 'entered'. */
  lastActivity: number;
}
interface IdleState {
  readonly name: 'IDLE';
  readonly entered: number;
  readonly session: number;
  probablyAdmitted: boolean;
}
interface DisconnectedState {
  readonly name: 'DISCONNECTED';
  readonly entered: number;
}
type FsmState = VoidState | BackoffState | ConnectingState | ActiveState | IdleState | DisconnectedState;
type StateOf<N extends RconnStateName> = Extract<FsmState, { name: N }>;
/** A state as given to enter(), which stamps 'entered'. */
type StateInit = FsmState extends infer S ? (S extends FsmState ? Omit<S, 'entered'> : never) : never;

/** One state's behaviour over time (OVS's timeout_X / run_X pair). */
interface StateHandler<N extends RconnStateName> {
  /** Milliseconds after entering 'state' at which it expires; Infinity: never. */
  timeout(fsm: RconnFsm, state: StateOf<N>): number;
  /** What happens when 'state' has expired at 'now'. */
  expire(fsm: RconnFsm, state: StateOf<N>, now: number, out: RconnAction[]): void;
}

function isConnectedName(name: RconnStateName): boolean {
  return name === 'ACTIVE' || name === 'IDLE';
}

/** Options of a new RconnFsm. */
export interface RconnFsmOptions {
  /** Creation time, ms. */
  readonly now: number;
  /** Inactivity probe interval in seconds (0: off); default 5; normalised as §1.3.1. */
  readonly probeInterval?: number;
  /** Maximum backoff in seconds; 0 or absent: 8 (§1.2.6). */
  readonly maxBackoff?: number;
  /** Receives events (events.ts) after each call that changed something. */
  readonly listener?: RconnListener;
}

/** Options of RconnFsm.connect(). */
export interface ConnectOptions {
  /** Name for logs and events; default: the target. */
  readonly name?: string;
  /**
   * False for targets whose streams need no inactivity probes (unix:,
   * punix:): the probe interval becomes 0 (§1.1.3, §1.3.6).  Default true.
   */
  readonly needsProbes?: boolean;
}

/**
 * One rconn's state machine.  Create it, then connect() (reliable: dial
 * 'target' and redial after failures) or connectUnreliably() (adopt an
 * accepted connection; when it ends, it ends).  Feed it the outcome of each
 * action and every message received, call run(now) whenever
 * nextDeadline(now) is reached, and carry out the actions each call returns.
 */
export class RconnFsm {
  private static readonly HANDLERS: { readonly [N in RconnStateName]: StateHandler<N> } = {
    VOID: { timeout: () => Infinity, expire: () => undefined },
    DISCONNECTED: { timeout: () => Infinity, expire: () => undefined },
    BACKOFF: {
      // §1.2.3: BACKOFF ends when 'backoff' ms have passed in it.
      timeout: (fsm) => fsm.backoff,
      expire: (fsm, _state, now, out) => fsm.attempt(now, out),
    },
    CONNECTING: {
      // §1.1.6: connect + HELLO must finish within max(1 s, backoff).
      timeout: (fsm) => Math.max(MIN_CONNECT_TIMEOUT_MS, fsm.backoff),
      expire: (fsm, _state, now, out) => {
        fsm.emit({ type: 'rconn.connect-timed-out', name: fsm.name, quiet: !fsm.loggingAttempts() });
        fsm.backoffDeadline = Infinity; // A timeout never resets the backoff.
        fsm.fail(now, 'ETIMEDOUT', out, true);
      },
    },
    ACTIVE: {
      // §1.3.2: probe after 'probeInterval' s without activity.
      timeout: (fsm, s) =>
        fsm.probeInterval === 0 ? Infinity : Math.max(s.lastActivity, s.entered) + fsm.probeInterval * 1000 - s.entered,
      expire: (fsm, s, now, out) => {
        const base = Math.max(s.lastActivity, s.entered);
        fsm.emit({ type: 'rconn.idle', name: fsm.name, seconds: Math.trunc((now - base) / 1000) });
        // Enter IDLE before the probe goes out: sending it may fail and
        // disconnect, and that must not be undone by a later transition.
        fsm.enter(now, { name: 'IDLE', session: s.session, probablyAdmitted: s.probablyAdmitted });
        out.push({ kind: 'send-probe', session: s.session, version: fsm.version });
      },
    },
    IDLE: {
      // §1.3.3: no message within another interval: give up.  With probing
      // turned off meanwhile, an IDLE connection simply waits (OVS would
      // time it out at once).
      timeout: (fsm) => (fsm.probeInterval === 0 ? Infinity : fsm.probeInterval * 1000),
      expire: (fsm, s, now, out) => {
        fsm.emit({ type: 'rconn.probe-timeout', name: fsm.name, seconds: Math.trunc((now - s.entered) / 1000) });
        fsm.fail(now, 'ETIMEDOUT', out, true);
      },
    },
  };

  /** The current state and its data. */
  private state: FsmState;
  /** What connect() dials; 'void' when nothing is configured. */
  private target = 'void';
  /** Human-readable name for events. */
  private name = 'void';
  /** True after connect(): failures lead to BACKOFF and a new attempt. */
  private reliable = false;
  /** Current backoff in ms; 0 until the first failure. */
  private backoff = 0;
  /** Maximum backoff in ms. */
  private maxBackoff: number;
  /** A disconnection at or after this time resets the backoff (§1.2.3). */
  private backoffDeadline = -Infinity;
  /** When the last connection was established / ended; null: never. */
  private lastConnected: number | null = null;
  private lastDisconnected: number | null = null;
  /** Changes each time the rconn becomes connected or stops being connected (§1.1.10). */
  private seqno = 0;
  /** Why the rconn last disconnected; null: never failed, or we asked for it. */
  private lastError: ConnectionError | null = null;
  /** Last time the peer probably admitted us (§1.4); creation time at first. */
  private lastAdmitted: number;
  /** Seconds of inactivity before a probe; 0: off. */
  private probeInterval: number;
  /** Version negotiated on the current or last connection; -1: never connected. */
  private version = -1;
  /** Session numbers handed out so far. */
  private sessions = 0;
  /** Events waiting for the current call to finish changing state. */
  private readonly pending: RconnEvent[] = [];
  private readonly listener: RconnListener | undefined;

  constructor(options: RconnFsmOptions) {
    this.state = { name: 'VOID', entered: options.now };
    this.maxBackoff = initialMaxBackoffMs(options.maxBackoff ?? 0);
    this.probeInterval = normalizeProbeInterval(options.probeInterval ?? DEFAULT_PROBE_INTERVAL_S);
    this.lastAdmitted = options.now;
    this.listener = options.listener;
  }

  // ---- Commands from the owner ----------------------------------------------

  /**
   * §1.1.3: drops any current connection (as disconnect()), then dials
   * 'target' reliably, starting at once with no wait.  Returns the actions:
   * the old session's close and queue flush, if any, then 'connect'.
   */
  connect(now: number, target: string, options: ConnectOptions = {}): RconnAction[] {
    const out: RconnAction[] = [];
    this.toVoid(now, out);
    this.target = target;
    this.name = options.name ?? target;
    this.reliable = true;
    if (options.needsProbes === false) this.probeInterval = 0;
    this.attempt(now, out);
    return this.settle(out);
  }

  /**
   * §1.1.4: drops any current connection, then adopts an already accepted
   * connection called 'target' (e.g. "tcp:127.0.0.1:40123") as a new
   * session in CONNECTING (its HELLO exchange is still to come).  It will
   * never be redialled.  Returns the new session number and the actions
   * ending the old session, if any.
   */
  connectUnreliably(now: number, target: string, name: string = target): { session: number; actions: RconnAction[] } {
    const out: RconnAction[] = [];
    this.toVoid(now, out);
    this.target = target;
    this.name = name;
    this.reliable = false;
    const session = ++this.sessions;
    this.enter(now, { name: 'CONNECTING', session });
    return { session, actions: this.settle(out) };
  }

  /**
   * §1.1.8: if connected, drops the connection as if it had failed with no
   * error (a reliable rconn backs off and redials).  Otherwise does nothing.
   */
  reconnect(now: number): RconnAction[] {
    const out: RconnAction[] = [];
    if (this.isConnected) {
      this.emit({ type: 'rconn.disconnecting', name: this.name });
      this.fail(now, null, out, true);
    }
    return this.settle(out);
  }

  /**
   * §1.1.9: closes any connection and returns to VOID: target and name
   * "void", backoff 0.  The send queue is flushed as well (OVS leaves it in
   * place, to be sent on whatever connection comes next; we never carry
   * messages from one peer to another).
   */
  disconnect(now: number): RconnAction[] {
    const out: RconnAction[] = [];
    this.toVoid(now, out);
    return this.settle(out);
  }

  /**
   * Acts on every deadline that has passed by 'now': ends BACKOFF with a new
   * attempt, times out CONNECTING, sends a probe from ACTIVE, gives up on
   * IDLE.  Repeats until the state stops changing.  Returns the actions.
   */
  run(now: number): RconnAction[] {
    const out: RconnAction[] = [];
    // Each pass either leaves the state alone (and stops) or moves it on;
    // no state expires at once after being entered, so a few passes suffice.
    for (let pass = 0; pass < 6; pass++) {
      const before = this.state;
      if (now < before.entered + this.timeout()) break;
      this.handler().expire(this, before, now, out);
      if (this.state === before) break;
    }
    return this.settle(out);
  }

  /**
   * The time (ms, >= 'now') by which run() must be called next, or Infinity
   * if nothing will happen until some other event.
   */
  nextDeadline(now: number): number {
    const deadline = this.state.entered + this.timeout();
    return deadline === Infinity ? Infinity : Math.max(now, deadline);
  }

  /** §1.3.1: sets the inactivity probe interval in seconds (0: off; else at least 5). */
  setProbeInterval(seconds: number): void {
    this.probeInterval = normalizeProbeInterval(seconds);
  }

  /**
   * §1.2.6: sets the maximum backoff in seconds (at least 1).  A BACKOFF
   * wait longer than the new maximum is cut down to it.
   */
  setMaxBackoff(now: number, seconds: number): void {
    this.maxBackoff = changedMaxBackoffMs(seconds);
    if (this.state.name === 'BACKOFF' && this.backoff > this.maxBackoff) {
      this.backoff = this.maxBackoff;
      this.backoffDeadline = Math.min(this.backoffDeadline, now + this.maxBackoff);
    }
  }

  /** Sets the name used in events. */
  setName(name: string): void {
    this.name = name;
  }

  // ---- Reports from the owner about a session ---------------------------------

  /**
   * §1.1.6: session 'session' finished connecting (for OpenFlow: HELLO done)
   * with 'version'.  Enters ACTIVE.  Returns false, changing nothing, if
   * 'session' is not the one in CONNECTING.
   */
  connected(now: number, session: number, version: number): boolean {
    if (this.state.name !== 'CONNECTING' || this.state.session !== session) return false;
    this.emit({ type: 'rconn.connected', name: this.name, version, reliable: this.reliable });
    this.enter(now, { name: 'ACTIVE', session, probablyAdmitted: false, lastActivity: now });
    this.version = version;
    this.lastConnected = now;
    this.settle([]);
    return true;
  }

  /**
   * §1.1.6: session 'session' failed while connecting (refused, TLS or HELLO
   * failure, ...).  Disconnects with 'error'.  Ignored (no actions) unless
   * 'session' is the one in CONNECTING.
   */
  connectFailed(now: number, session: number, error: ConnectionError): RconnAction[] {
    const out: RconnAction[] = [];
    if (this.state.name === 'CONNECTING' && this.state.session === session) {
      this.emit({ type: 'rconn.connect-failed', name: this.name, error, quiet: !this.loggingAttempts(), atOpen: false });
      this.fail(now, error, out, true);
    }
    return this.settle(out);
  }

  /**
   * §1.1.5: the 'connect' action for 'session' could not even start (bad
   * target, missing TLS keys, ...); there is no connection to close.
   * Disconnects with 'error' without counting it as a session: the backoff
   * cannot reset and last_disconnected stays.  Ignored unless 'session' is
   * the one in CONNECTING.
   */
  openFailed(now: number, session: number, error: ConnectionError): RconnAction[] {
    const out: RconnAction[] = [];
    if (this.state.name === 'CONNECTING' && this.state.session === session) {
      this.emit({ type: 'rconn.connect-failed', name: this.name, error, quiet: false, atOpen: true });
      this.backoffDeadline = Infinity;
      this.fail(now, error, out, false);
    }
    return this.settle(out);
  }

  /**
   * §1.1.7: session 'session''s connection closed ('EOF') or failed while
   * connecting or connected.  Disconnects with 'error'.  Ignored unless
   * 'session' is the current one.
   */
  dropped(now: number, session: number, error: ConnectionError): RconnAction[] {
    const out: RconnAction[] = [];
    if (this.currentSession === session) {
      if (error === 'EOF') this.emit({ type: 'rconn.peer-closed', name: this.name, reliable: this.reliable });
      else this.emit({ type: 'rconn.dropped', name: this.name, error });
      this.fail(now, error, out, true);
    }
    return this.settle(out);
  }

  /**
   * §1.3.4, §1.4.1: a message arrived on connected session 'session';
   * 'admission' says whether its kind counts as admission (admission.ts).
   * Updates the admission guess, counts as activity, and returns IDLE to
   * ACTIVE.  Returns false, changing nothing, if 'session' is not the
   * current connected session.
   */
  received(now: number, session: number, admission: boolean): boolean {
    const s = this.state;
    if ((s.name !== 'ACTIVE' && s.name !== 'IDLE') || s.session !== session) return false;
    if (s.probablyAdmitted || admission || now - (this.lastConnected ?? now) >= ADMISSION_GRACE_MS) {
      if (!s.probablyAdmitted) this.emit({ type: 'rconn.admitted', name: this.name });
      s.probablyAdmitted = true;
      this.lastAdmitted = now;
    }
    if (s.name === 'ACTIVE') {
      s.lastActivity = now;
    } else {
      this.enter(now, { name: 'ACTIVE', session, probablyAdmitted: s.probablyAdmitted, lastActivity: now });
    }
    this.settle([]);
    return true;
  }

  /**
   * §1.3.4: a message that had waited in the send queue was written on
   * session 'session'; that counts as activity.  (A message written at once
   * because the queue was empty does not: do not report it.)  Returns false
   * if 'session' is not the current connected session.
   */
  backlogWritten(now: number, session: number): boolean {
    const s = this.state;
    if ((s.name !== 'ACTIVE' && s.name !== 'IDLE') || s.session !== session) return false;
    if (s.name === 'ACTIVE') s.lastActivity = Math.max(s.lastActivity, now);
    return true;
  }

  // ---- Observations -----------------------------------------------------------

  /** The state's name (§1.1.1). */
  get stateName(): RconnStateName {
    return this.state.name;
  }
  /** When the current state was entered, ms. */
  get stateEntered(): number {
    return this.state.entered;
  }
  /** The session connecting or connected, or null in VOID, BACKOFF and DISCONNECTED. */
  get currentSession(): number | null {
    const s = this.state;
    return s.name === 'CONNECTING' || s.name === 'ACTIVE' || s.name === 'IDLE' ? s.session : null;
  }
  /** ACTIVE or IDLE. */
  get isConnected(): boolean {
    return isConnectedName(this.state.name);
  }
  /** Neither VOID nor DISCONNECTED: connected, or going to be. */
  get isAlive(): boolean {
    return this.state.name !== 'VOID' && this.state.name !== 'DISCONNECTED';
  }
  get isReliable(): boolean {
    return this.reliable;
  }
  /** §1.4.3: connected, and admitted since this connection began. */
  get isAdmitted(): boolean {
    return this.isConnected && this.lastConnected !== null && this.lastAdmitted >= this.lastConnected;
  }
  /** §1.4.3: 0 if admitted, else whole seconds since the last admission (or creation). */
  failureDuration(now: number): number {
    return this.isAdmitted ? 0 : Math.trunc((now - this.lastAdmitted) / 1000);
  }
  /** failureDuration() in milliseconds: 0 if admitted, else ms since the last admission (or creation). */
  failureDurationMs(now: number): number {
    return this.isAdmitted ? 0 : Math.max(0, now - this.lastAdmitted);
  }
  get targetName(): string {
    return this.target;
  }
  get displayName(): string {
    return this.name;
  }
  /** Current backoff, ms. */
  get backoffMs(): number {
    return this.backoff;
  }
  /** Maximum backoff, whole seconds. */
  get maxBackoffSeconds(): number {
    return Math.trunc(this.maxBackoff / 1000);
  }
  /** Probe interval, seconds (0: off). */
  get probeIntervalSeconds(): number {
    return this.probeInterval;
  }
  /** Version of the current or last connection, -1 if never connected. */
  get negotiatedVersion(): number {
    return this.version;
  }
  get connectionSeqno(): number {
    return this.seqno;
  }
  /** Why the rconn last disconnected (null: never failed, or we asked). */
  get lastErrorCode(): ConnectionError | null {
    return this.lastError;
  }
  /** The same in OVS's words ("Connection refused", "End of file"; '' for none). */
  lastErrorText(): string {
    return errorText(this.lastError);
  }
  /** When the last connection was established / ended, ms; null: never. */
  get lastConnectedAt(): number | null {
    return this.lastConnected;
  }
  get lastDisconnectedAt(): number | null {
    return this.lastDisconnected;
  }

  // ---- Internals ----------------------------------------------------------------

  /** The one place that changes state (OVS's state_transition). */
  private enter(now: number, next: StateInit): void {
    const from = this.state.name;
    if (isConnectedName(from) !== isConnectedName(next.name)) this.seqno++;
    this.state = { ...next, entered: now } as FsmState;
    this.emit({ type: 'rconn.state', name: this.name, from, to: next.name });
  }

  private handler(): StateHandler<RconnStateName> {
    return RconnFsm.HANDLERS[this.state.name] as StateHandler<RconnStateName>;
  }

  private timeout(): number {
    return this.handler().timeout(this, this.state);
  }

  /** §1.2.5: connection attempts are reported until the backoff reaches its maximum. */
  private loggingAttempts(): boolean {
    return this.backoff < this.maxBackoff;
  }

  /** §1.1.5: starts a connection attempt (OVS's reconnect()). */
  private attempt(now: number, out: RconnAction[]): void {
    this.emit({ type: 'rconn.connecting', name: this.name, quiet: !this.loggingAttempts() });
    const session = ++this.sessions;
    out.push({ kind: 'connect', session, target: this.target });
    this.backoffDeadline = now + this.backoff;
    this.enter(now, { name: 'CONNECTING', session });
  }

  /**
   * §1.2: records 'error', closes the session (if 'opened'), then backs off
   * (reliable) or ends in DISCONNECTED (unreliable).
   */
  private fail(now: number, error: ConnectionError | null, out: RconnAction[], opened: boolean): void {
    this.lastError = error;
    const session = this.currentSession;
    if (session !== null && opened) out.push({ kind: 'close', session, error });
    this.emit({ type: 'rconn.disconnected', name: this.name, error, reliable: this.reliable });
    if (!this.reliable) {
      this.lastDisconnected = now;
      this.enter(now, { name: 'DISCONNECTED' });
      return;
    }
    if (session !== null && opened) {
      this.lastDisconnected = now;
      out.push({ kind: 'flush-queue' });
    }
    const logging = this.loggingAttempts();
    const step = nextBackoff(now, this.backoff, this.maxBackoff, this.backoffDeadline);
    this.backoff = step.backoff;
    if (step.kind === 'doubled') {
      this.emit({ type: 'rconn.backoff', name: this.name, seconds: Math.trunc(step.backoff / 1000) });
    } else if (step.kind === 'capped' && logging) {
      this.emit({ type: 'rconn.backoff-capped', name: this.name });
    }
    this.backoffDeadline = now + this.backoff;
    this.enter(now, { name: 'BACKOFF' });
  }

  /** OVS's rconn_disconnect__: back to VOID, closing and flushing whatever there was. */
  private toVoid(now: number, out: RconnAction[]): void {
    if (this.state.name === 'VOID') return;
    const session = this.currentSession;
    if (session !== null) out.push({ kind: 'close', session, error: null });
    out.push({ kind: 'flush-queue' });
    this.target = 'void';
    this.name = 'void';
    this.reliable = false;
    this.backoff = 0;
    this.backoffDeadline = -Infinity;
    this.enter(now, { name: 'VOID' });
  }

  private emit(event: RconnEvent): void {
    this.pending.push(event);
  }

  /** Delivers the events of a finished call, then hands back its actions. */
  private settle(out: RconnAction[]): RconnAction[] {
    if (this.pending.length > 0) {
      const events = this.pending.splice(0);
      if (this.listener) for (const e of events) this.listener(e);
    }
    return out;
  }
}
