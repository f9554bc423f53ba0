/**
 * The reliable connection without I/O: the state machine (fsm.ts), its
 * send queue with packet counters (send-queue.ts) and its monitors
 * (monitors.ts), bound together in Open vSwitch's order (reference
 * §1.1-§1.6).  It carries out the state machine's actions itself, through
 * ports the driver injects: a Connector that opens connections, a
 * SessionPort per connection and a MonitorPort per snoop.  The driver
 * (rconn.ts, over a real vconn) reports what happens on those connections,
 * passes the messages through, and calls run() at nextDeadline() and
 * whenever a backlogged channel drains.
 */

import { encode } from '../openflow/index.js';
import type { ConnectionError } from './errors.js';
import type { RconnListener, RconnStateName } from './events.js';
import { RconnFsm, type ConnectOptions, type RconnAction, type RconnFsmOptions } from './fsm.js';
import type { MessageTally } from './message-tally.js';
import { Monitors, type MonitorPort } from './monitors.js';
import { SendQueue, type FrameSink, type PacketCounter, type SendQueueStats } from './send-queue.js';
import { rconnStatus, type RconnStatus } from './status.js';

/** One session's channel: where queued messages go, and how to end it. */
export interface SessionPort extends FrameSink {
  /**
   * Closes the connection.  Called at most once per session, by the core,
   * after which the core never uses this port again.  Must not call back
   * into the core.
   */
  close(): void;
}

/** Opens connections for reliable rconns (the 'connect' action). */
export interface Connector {
  /**
   * Starts connecting to 'target' as session 'session' and returns that
   * session's port at once; or returns a ConnectionError if the attempt
   * cannot even start (bad target, missing TLS keys: §1.1.5).  The outcome
   * comes later through RconnCore.connected(), connectFailed() or dropped()
   * with the same session number.  Must not block or call back into the
   * core.
   */
  open(session: number, target: string): SessionPort | ConnectionError;
}

/** Options of a new RconnCore. */
export interface RconnCoreOptions extends RconnFsmOptions {
  /** Opens the connections of a reliable rconn. */
  readonly connector: Connector;
  /** Counts the messages received and sent (telemetry); may be shared with other rconns. */
  readonly tally?: MessageTally;
}

/** OFPT_ECHO_REPLY: the same header type in every version. */
const OFPT_ECHO_REPLY = 3;

/** What send() and sendWithLimit() say about a message. */
export type SendStatus =
  /** Queued (and perhaps already written); it will be sent unless the connection drops first. */
  | 'ok'
  /** Not connected: dropped (§1.5.1). */
  | 'ENOTCONN'
  /** Its counter was at the limit: dropped (§1.5.3). */
  | 'EAGAIN';

/**
 * An rconn's logic and bookkeeping.  Every method that takes 'now' may
 * change state; events reach the listener before the method returns.
 */
export class RconnCore {
  private readonly fsm: RconnFsm;
  private readonly queue = new SendQueue();
  private readonly monitors: Monitors;
  private readonly connector: Connector;
  private readonly listener: RconnListener | undefined;
  /**
   * The channel of the state machine's current session.  Once a call
   * returns, 'channel' is null if and only if fsm.currentSession is null,
   * and otherwise its session is fsm.currentSession.
   */
  private channel: { readonly session: number; readonly port: SessionPort } | null = null;
  private readonly tally: MessageTally | undefined;
  /** The inactivity probe awaiting its ECHO_REPLY: its session and when it was sent; null if none. */
  private probe: { readonly session: number; readonly sentAt: number } | null = null;

  constructor(options: RconnCoreOptions) {
    this.fsm = new RconnFsm(options);
    this.connector = options.connector;
    this.listener = options.listener;
    this.tally = options.tally;
    this.monitors = new Monitors((port, error) =>
      this.listener?.({ type: 'rconn.monitor-closed', name: this.fsm.displayName, monitor: port.name, error }),
    );
  }

  // ---- Commands -------------------------------------------------------------

  /** §1.1.3: drops any connection, then dials 'target' reliably, at once. */
  connect(now: number, target: string, options?: ConnectOptions): void {
    this.apply(now, this.fsm.connect(now, target, options));
  }

  /**
   * §1.1.4: drops any connection, then adopts 'port', an accepted
   * connection called 'target', as a new unreliable session in CONNECTING.
   * Returns its session number, for the driver's reports.
   */
  connectUnreliably(now: number, port: SessionPort, target: string, name?: string): number {
    const { session, actions } = this.fsm.connectUnreliably(now, target, name);
    this.apply(now, actions);
    this.channel = { session, port };
    return session;
  }

  /** §1.1.8: if connected, drops the connection (a reliable rconn then redials). */
  reconnect(now: number): void {
    this.apply(now, this.fsm.reconnect(now));
  }

  /** §1.1.9: closes any connection and returns to VOID; the queue is flushed. */
  disconnect(now: number): void {
    this.apply(now, this.fsm.disconnect(now));
  }

  /**
   * Closes the connection, flushes the queue and closes every monitor
   * (§1.6.4).  The core ends in VOID and should be dropped afterwards.
   */
  destroy(now: number): void {
    this.monitors.closeAll();
    this.disconnect(now);
  }

  /**
   * Does what is due at 'now': the state machine's timeouts (backoff over,
   * connect timeout, probe, probe timeout), then, while connected, writes
   * the send queue's backlog until the channel pushes back (§1.3.4 b).
   */
  run(now: number): void {
    this.apply(now, this.fsm.run(now));
    for (let r: string = 'sent'; r === 'sent' && this.fsm.isConnected && this.queue.length > 0; ) {
      r = this.writeHead(now, true);
    }
  }

  /** When run() must be called next (ms, >= now), or Infinity. */
  nextDeadline(now: number): number {
    return this.fsm.nextDeadline(now);
  }

  /** §1.3.1: the inactivity probe interval in seconds (0: off; else at least 5). */
  setProbeInterval(seconds: number): void {
    this.fsm.setProbeInterval(seconds);
  }

  /** §1.2.6: the maximum backoff in seconds (at least 1); a longer current wait is cut down. */
  setMaxBackoff(now: number, seconds: number): void {
    this.fsm.setMaxBackoff(now, seconds);
  }

  /** Sets the name used in events. */
  setName(name: string): void {
    this.fsm.setName(name);
  }

  // ---- Reports about the current session -------------------------------------

  /**
   * Session 'session' is established with 'version' (HELLO done).  Returns
   * false, changing nothing, for a session that is not the one connecting.
   */
  connected(now: number, session: number, version: number): boolean {
    return this.fsm.connected(now, session, version);
  }

  /** Session 'session' failed while connecting; ignored for any other session. */
  connectFailed(now: number, session: number, error: ConnectionError): void {
    this.apply(now, this.fsm.connectFailed(now, session, error));
  }

  /** Session 'session' closed ('EOF') or failed; ignored for any other session. */
  dropped(now: number, session: number, error: ConnectionError): void {
    this.apply(now, this.fsm.dropped(now, session, error));
  }

  /**
   * A message arrived on session 'session'.  If that is the connected
   * session: copies it to every monitor (§1.6.2), updates activity and the
   * admission guess ('admission': see admission.ts) and returns true: the
   * caller processes the message.  Otherwise returns false: drop it.  The
   * ECHO_REPLY (xid 0) to an inactivity probe is reported with its round
   * trip time ('rconn.probe-reply').
   */
  received(now: number, session: number, frame: Uint8Array, admission: boolean): boolean {
    if (!this.fsm.isConnected || this.fsm.currentSession !== session) return false;
    this.monitors.copy(frame);
    this.tally?.countIn(frame);
    if (this.probe !== null && frame[1] === OFPT_ECHO_REPLY && frame.length >= 8 && readXid(frame) === 0) {
      const probe = this.probe;
      this.probe = null;
      if (probe.session === session) {
        this.listener?.({ type: 'rconn.probe-reply', name: this.fsm.displayName, ms: now - probe.sentAt });
      }
    }
    return this.fsm.received(now, session, admission);
  }

  // ---- Sending -----------------------------------------------------------------

  /**
   * §1.5.1: sends 'frame' (one message, already encoded in the connection's
   * version).  Not connected: drops it and returns 'ENOTCONN'.  Otherwise
   * copies it to the monitors, counts it in 'counter' (if given) until it
   * leaves the queue, appends it to the queue and, if the queue was empty,
   * writes it at once; returns 'ok'.  The frame must not be modified
   * afterwards.
   */
  send(now: number, frame: Uint8Array, counter: PacketCounter | null = null): SendStatus {
    if (!this.fsm.isConnected) return 'ENOTCONN';
    this.monitors.copy(frame);
    this.tally?.countOut(frame);
    this.queue.enqueue(frame, counter);
    if (this.queue.length === 1) this.writeHead(now, false);
    return 'ok';
  }

  /**
   * §1.5.3: as send(), but first drops 'frame' and returns 'EAGAIN' if
   * 'counter' already counts 'limit' or more queued messages.
   */
  sendWithLimit(now: number, frame: Uint8Array, counter: PacketCounter, limit: number): SendStatus {
    if (counter.packets >= limit) {
      this.queue.countOverflow();
      return 'EAGAIN';
    }
    return this.send(now, frame, counter);
  }

  // ---- Monitors ------------------------------------------------------------------

  /**
   * §1.6.1: attaches snoop channel 'port'; it receives copies from now on,
   * across reconnections.  With 8 monitors already attached, closes 'port'
   * at once and returns false.
   */
  addMonitor(port: MonitorPort): boolean {
    const added = this.monitors.add(port);
    const name = this.fsm.displayName;
    this.listener?.({ type: added ? 'rconn.monitor-added' : 'rconn.monitor-rejected', name, monitor: port.name });
    return added;
  }

  /** §1.6.3: a message from monitor 'port' is read and dropped; it never reaches the session. */
  monitorReceived(port: MonitorPort, frame: Uint8Array): void {
    this.monitors.discardInput(port, frame);
  }

  /** §1.6.3: monitor 'port''s channel failed or closed ('EOF'): it is closed and removed. */
  monitorFailed(port: MonitorPort, error: ConnectionError): void {
    this.monitors.failed(port, error);
  }

  // ---- Observations ----------------------------------------------------------------

  get stateName(): RconnStateName {
    return this.fsm.stateName;
  }
  /** When the current state was entered, ms. */
  get stateEntered(): number {
    return this.fsm.stateEntered;
  }
  get isConnected(): boolean {
    return this.fsm.isConnected;
  }
  get isAlive(): boolean {
    return this.fsm.isAlive;
  }
  get isAdmitted(): boolean {
    return this.fsm.isAdmitted;
  }
  /** The session connecting or connected, or null. */
  get currentSession(): number | null {
    return this.fsm.currentSession;
  }
  /** Version of the current or last connection, -1 if never connected. */
  get version(): number {
    return this.fsm.negotiatedVersion;
  }
  /** Messages waiting in the send queue. */
  get txqlen(): number {
    return this.queue.length;
  }
  /** Coverage totals of the send queue. */
  get queueStats(): Readonly<SendQueueStats> {
    return this.queue.stats;
  }
  /** Names of the attached monitors. */
  get monitorNames(): string[] {
    return this.monitors.names;
  }
  /** Messages received from monitors and dropped. */
  get monitorInputDiscarded(): number {
    return this.monitors.inputDiscarded;
  }
  /** §1.4.3: 0 if admitted, else seconds since last admitted. */
  failureDuration(now: number): number {
    return this.fsm.failureDuration(now);
  }
  /** failureDuration() in milliseconds (fail-open times its trigger with it, §7.2). */
  failureDurationMs(now: number): number {
    return this.fsm.failureDurationMs(now);
  }
  /** The status snapshot at 'now' (status.ts). */
  status(now: number): RconnStatus {
    return rconnStatus(this.fsm, now, this.queue.length, this.monitors.size);
  }

  // ---- Internals -------------------------------------------------------------------

  /** Carries out the state machine's actions in order. */
  private apply(now: number, actions: readonly RconnAction[]): void {
    for (const action of actions) {
      switch (action.kind) {
        case 'connect': {
          const opened = this.connector.open(action.session, action.target);
          if (typeof opened === 'string') {
            this.apply(now, this.fsm.openFailed(now, action.session, opened));
          } else {
            this.channel = { session: action.session, port: opened };
          }
          break;
        }
        case 'close':
          if (this.channel?.session === action.session) {
            const { port } = this.channel;
            this.channel = null;
            port.close();
          }
          break;
        case 'send-probe':
          if (this.fsm.currentSession === action.session) {
            const sent = this.send(now, encode({ type: 'echo_request', version: action.version, xid: 0, data: new Uint8Array(0) }));
            if (sent === 'ok') this.probe = { session: action.session, sentAt: now };
          }
          break;
        case 'flush-queue':
          this.queue.flush();
          break;
      }
    }
  }

  /**
   * Offers the queue's oldest message to the connected session's channel.
   * A message taken from a backlog ('backlog') counts as activity; a
   * channel error other than 'again' drops the connection (§1.5.2).
   */
  private writeHead(now: number, backlog: boolean): string {
    const channel = this.channel;
    if (channel === null) throw new Error('rconn core: connected without a channel');
    const result = this.queue.offerHead(channel.port);
    if (result === 'sent') {
      if (backlog) this.fsm.backlogWritten(now, channel.session);
    } else if (result !== 'again' && result !== 'empty') {
      this.dropped(now, channel.session, result);
    }
    return result;
  }
}

/** The xid of the message header at the start of 'frame' (at least 8 bytes). */
function readXid(frame: Uint8Array): number {
  return ((frame[4]! << 24) | (frame[5]! << 16) | (frame[6]! << 8) | frame[7]!) >>> 0;
}
