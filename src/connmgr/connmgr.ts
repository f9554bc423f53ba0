/**
 * The connection manager of one bridge (Open vSwitch's struct connmgr,
 * reference §4): its configured controller targets (ofservice.ts), the
 * sessions they produce (ofconn.ts), its snoop listeners (snoop.ts), its
 * fail mode, the bridge-wide primary election id, and the routing of the
 * datapath's asynchronous events to sessions (async-dispatch.ts).
 *
 * Packet-ins pass through each session's schedulers (packet-in-schedulers.ts,
 * §5) and, with the bridge's packet_buffers setting, its buffers (§6).
 *
 * Configuration is a desired state: setControllers() takes the full map
 * target -> settings and reconciles (§4.2), flushing the flow tables
 * through the datapath port when the bridge gains its first or loses its
 * last primary controller (§4.11).  Fail-open (§7, fail-open-runner.ts)
 * and in-band control (§8, in-band-runner.ts, with the bridge's extra
 * remotes, queue and disable-in-band settings) are run from here; other
 * watchers attach through ConnMgrHooks.  Everything about the
 * datapath goes through the DatapathPort; every event for telemetry goes
 * to the injected listener; time comes from the injected Clock.
 *
 * The receive loop (§4.9) runs in turns: whenever a session has messages
 * waiting, connmgr schedules one turn (setImmediate by default, so socket
 * I/O gets the event loop between turns) and each session handles at most
 * 50 messages in it, in session order; see ofconn.ts.
 *
 * Backpressure with a remote datapath (the agent channel, src/api/agent):
 * pauseDatapathRequests() stops every session reading its socket while
 * the datapath takes no more requests, and the sendQueuesCongested hook
 * says when some session's peer stops taking what is sent to it, so the
 * datapath's events can be held back at their source.
 */

import type { Clock } from '../clock/clock.js';
import type { FlowModMsg } from '../openflow/index.js';
import { NO_BUFFER, OFPP_ANY, OFPP_NORMAL } from '../openflow/index.js';
import { MessageTally, type RconnEvent } from '../rconn/index.js';
import type { Rconn } from '../rconn/rconn.js';
import { ConnectError, type Stream } from '../transport/index.js';
import { wantsFlowRemoved, wantsPacketIn, wantsPortStatus } from './async-dispatch.js';
import {
  activeControllerStatus,
  passiveControllerStatus,
  type ControllerStatus,
} from './controller-status.js';
import type { DatapathEvent, DatapathPort, RequestOrigin } from './datapath-port.js';
import type { ConnMgrEvent, ConnMgrListener, FailMode } from './events.js';
import { DEFAULT_DATAPATH_TIMEOUT_MS, OfConn, type OfConnHost } from './ofconn.js';
import { OfService, type BridgeTransportOptions, type OfServiceHost } from './ofservice.js';
import { EventRateLimit } from './rate-limit.js';
import { FailOpenRunner } from './fail-open-runner.js';
import { checkInBandSettings, InBandRunner, type InBandSettings } from './in-band-runner.js';
import type { InBandRemote } from '../inband/in-band.js';
import type { FailOpenOptions } from '../failopen/fail-open.js';
import { PrimaryElection } from './roles.js';
import { recreateReason, resolveSettings, targetKind, type ConnectionType, type ControllerSettings } from './settings.js';
import { chooseSnoopService, SnoopListeners } from './snoop.js';
import type { Port } from '../openflow/index.js';
import type { RandomRange } from '../pinsched/index.js';
import { DEFAULT_PACKET_BUFFERS, MAX_PACKET_BUFFERS } from '../pktbuf/index.js';

/**
 * Extension points for the modules that watch the controllers (fail-open,
 * §7; in-band, §8).  Each is optional; connmgr calls them at the points
 * where Open vSwitch's connmgr calls into those modules.
 */
export interface ConnMgrHooks {
  /**
   * The set of services or the fail mode changed (§4.2.4, §4.11): in-band
   * recomputes its remotes and fail-open its existence.  Called before any
   * resulting flush.
   */
  servicesChanged?(mgr: ConnMgr): void;
  /** §4.11.3: the flow tables were flushed; fail-open may re-add its rule. */
  flushed?(mgr: ConnMgr): Promise<void> | void;
  /** §7.4: a session is about to handle a received message (fail-open recovery check). */
  beforeDispatch?(mgr: ConnMgr): void;
  /**
   * The sessions' send queues became congested (true: some session holds
   * CONGESTED_SEND_QUEUE or more messages its peer has not taken) or
   * clear again (false).  The agent channel stops reading the agent's
   * events while they are congested.
   */
  sendQueuesCongested?(mgr: ConnMgr, congested: boolean): void;
}

/** Options of a new ConnMgr. */
export interface ConnMgrOptions {
  /** The bridge's name, used in session names and events. */
  readonly bridge: string;
  readonly clock: Clock;
  /** The switch side. */
  readonly datapath: DatapathPort;
  /** Receives every event, for logs and metrics. */
  readonly listener?: ConnMgrListener;
  /** Time the datapath gets to answer one request, ms (default 30 000). */
  readonly datapathTimeoutMs?: number;
  /** TLS keys for ssl:/pssl: targets, run directory for relative unix paths. */
  readonly transport?: BridgeTransportOptions;
  /**
   * Runs 'fn' soon, after pending I/O (default setImmediate).  Receive
   * turns are scheduled with it; tests may run turns by hand.
   */
  readonly defer?: (fn: () => void) => void;
  readonly hooks?: ConnMgrHooks;
  /** Fail-open's options (§7): its source of random bytes for the bogus packet-ins. */
  readonly failOpen?: FailOpenOptions;
  /**
   * The bridge's packet_buffers setting (§6): 1..256 buffers per primary
   * session with the seed's rules (§6.2), the default being 256; 0 for
   * current Open vSwitch (n_buffers 0, every buffer id refused, §6.1).
   */
  readonly packetBuffers?: number;
  /** Chooses among equally long packet-in queues when a scheduler must drop (§5.3); default Math.random. */
  readonly randomRange?: RandomRange;
  /** §8.2: extra in-band remotes (OVS: the OVSDB managers), IPv4 address and TCP port; default none. */
  readonly inBandRemotes?: readonly InBandRemote[];
  /** §8.4: other_config:in-band-queue, the queue of the in-band rules' set_queue; default none. */
  readonly inBandQueue?: number | null;
  /** §8.1: other_config:disable-in-band; default false. */
  readonly disableInBand?: boolean;
}

/** Bridge-wide counters, totals since the connmgr was made (sessions come and go, these only grow). */
export interface ConnMgrStats {
  /** Packet-ins no session was eligible for (OVS coverage connmgr_async_unsent, §4.5.2). */
  packetInsUnsent: number;
  /** Packet-ins handed to a session's rconn. */
  packetInsSent: number;
  /** Packet-ins dropped because a session's packet-in queue was full (§4.5.2). */
  packetInsQueueOverflow: number;
  /** Queued packet-ins a session's rate limiter dropped to make room (§5.3, §5.5). */
  packetInsRateLimited: number;
}

/** The session id connmgr's own datapath requests carry (the standalone NORMAL flow of §4.11.3); sessions count from 1. */
export const INTERNAL_SESSION_ID = 0;

/**
 * Messages waiting in one session's send queue (its peer not reading)
 * at which the bridge's sessions count as congested (ConnMgrHooks.sendQueuesCongested).
 * Below the default packet-in queue limit (100), so a controller that
 * stops reading congests the bridge before its packet-ins are dropped.
 */
export const CONGESTED_SEND_QUEUE = 50;

/** One bridge's connection manager. */
export class ConnMgr {
  readonly bridge: string;
  readonly stats: ConnMgrStats = { packetInsUnsent: 0, packetInsSent: 0, packetInsQueueOverflow: 0, packetInsRateLimited: 0 };
  /** Every OpenFlow message received and sent by the bridge's sessions, by version and type (for metrics). */
  readonly messages = new MessageTally();
  private readonly clock: Clock;
  private readonly datapath: DatapathPort;
  private readonly listener: ConnMgrListener | undefined;
  private readonly hooks: ConnMgrHooks;
  private readonly defer: (fn: () => void) => void;
  private readonly transport: BridgeTransportOptions;
  private readonly services = new Map<string, OfService>();
  /**
   * Passive targets of the configuration that could not listen, with why
   * (retried at every setControllers()).  Beyond Open vSwitch, which only
   * logs it: controllerStatus() lists them with the reason as last_error,
   * so a configuration that does not work is never silent.
   */
  private readonly listenFailures = new Map<string, { readonly connectionType: ConnectionType; readonly detail: string }>();
  /** Every session, in creation order (§4.9.4: sessions are run in list order). */
  private ofconns: OfConn[] = [];
  private readonly snoops: SnoopListeners;
  private readonly election = new PrimaryElection();
  private readonly connHost: OfConnHost;
  private readonly serviceHost: OfServiceHost;
  /** §4.11.1: connmgr starts secure, so a new standalone bridge counts as a change. */
  private mode: FailMode = 'secure';
  /** Ports as last reported, for §4.5.3's identical-encoding rule. */
  private readonly ports = new Map<number, Port>();
  private nextSessionId = INTERNAL_SESSION_ID + 1;
  private turnScheduled = false;
  /** Some session's send queue holds CONGESTED_SEND_QUEUE messages or more (last reported to the hooks). */
  private congested = false;
  /** Serialises configuration changes (each may wait for listeners and flushes). */
  private configuring: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  /** §7: fail-open, present while standalone with primary controllers. */
  private readonly failOpen: FailOpenRunner;
  /** §8: in-band control, present while there are in-band remotes. */
  private readonly inBand: InBandRunner;
  private inBandSettings: InBandSettings;

  constructor(options: ConnMgrOptions) {
    this.bridge = options.bridge;
    this.clock = options.clock;
    this.datapath = options.datapath;
    this.listener = options.listener;
    this.hooks = options.hooks ?? {};
    this.defer = options.defer ?? ((fn) => void setImmediate(fn));
    this.transport = options.transport ?? {};
    const nBuffers = options.packetBuffers ?? DEFAULT_PACKET_BUFFERS;
    if (!Number.isInteger(nBuffers) || nBuffers < 0 || nBuffers > MAX_PACKET_BUFFERS) {
      throw new RangeError(`${options.bridge}: packet_buffers must be 0..${MAX_PACKET_BUFFERS}, not ${nBuffers}`);
    }
    this.inBandSettings = checkInBandSettings(options.bridge, {
      remotes: options.inBandRemotes ?? [],
      queueId: options.inBandQueue ?? null,
      disabled: options.disableInBand ?? false,
    });
    const errorReplyLimit = new EventRateLimit(10, 10);
    this.connHost = {
      bridge: this.bridge,
      clock: this.clock,
      datapath: this.datapath,
      election: this.election,
      datapathTimeoutMs: options.datapathTimeoutMs ?? DEFAULT_DATAPATH_TIMEOUT_MS,
      nBuffers,
      errorReplyLimit,
      stats: this.stats,
      fragHandling: 0,
      requestsPaused: false,
      sendQueueDrained: () => this.checkCongestion(),
      emit: (event) => this.emit(event),
      demoteOthers: (conn) => this.demoteOthers(conn),
      scheduleTurn: () => this.scheduleTurn(),
      controllerIdChanged: () => this.updateMissWanted(),
      beforeDispatch: () => {
        this.failOpen.maybeRecover();
        this.hooks.beforeDispatch?.(this);
      },
      isFailingOpen: () => this.isFailingOpen,
      ...(options.randomRange ? { randomRange: options.randomRange } : {}),
    };
    this.serviceHost = {
      bridge: this.bridge,
      clock: this.clock,
      transport: this.transport,
      tally: this.messages,
      createSession: (service, rconn, name) => this.createSession(service, rconn, name),
      destroySession: (conn) => this.destroySession(conn),
      rconnEvent: (event: RconnEvent) => this.emit({ type: 'connmgr.rconn', bridge: this.bridge, event }),
      sessionConnected: () => this.updateMissWanted(),
    };
    this.snoops = new SnoopListeners({
      bridge: this.bridge,
      transport: this.transport,
      attach: (stream) => this.attachSnoop(stream),
      emit: (event) => this.emit(event),
    });
    this.failOpen = new FailOpenRunner({
      clock: this.clock,
      datapath: this.datapath,
      services: () => this.services.values(),
      sessions: () => this.ofconns,
      failMode: () => this.mode,
      flush: () => this.flush('fail-open'),
      sendPacketIn: (packetIn) => this.dispatchEvent(packetIn),
      emit: (event) => this.emit({ type: 'connmgr.fail-open', bridge: this.bridge, event }),
      datapathFailed: (e) => this.emit({ type: 'connmgr.hidden-flow-failed', bridge: this.bridge, detail: String(e) }),
    }, options.failOpen);
    this.inBand = new InBandRunner({
      clock: this.clock,
      datapath: this.datapath,
      services: () => this.services.values(),
      settings: () => this.inBandSettings,
      datapathFailed: (e) => this.emit({ type: 'connmgr.hidden-flow-failed', bridge: this.bridge, detail: String(e) }),
    });
    for (const p of this.datapath.features().ports) this.ports.set(p.portNo, p);
    this.datapath.setEventListener((event) => this.dispatchEvent(event));
  }

  // ---- Observations ---------------------------------------------------------

  /** §4.1.4: at least one primary service is configured, connected or not. */
  get hasControllers(): boolean {
    for (const s of this.services.values()) if (s.settings.type === 'primary') return true;
    return false;
  }

  /** §7.3: the bridge is failing open. */
  get isFailingOpen(): boolean {
    return this.failOpen.isActive;
  }

  /** Resolves once fail-open has carried out everything it decided so far (flushes, hidden rules). */
  failOpenSettled(): Promise<void> {
    return this.failOpen.settled();
  }

  /** §8.2: the in-band remotes (empty while in-band control does not exist). */
  get inBandRemotes(): readonly InBandRemote[] {
    return this.inBand.currentRemotes;
  }

  /** §8: the number of hidden in-band rules connmgr believes installed. */
  get inBandRuleCount(): number {
    return this.inBand.ruleCount;
  }

  /** Resolves once in-band control has carried out every run decided so far. */
  inBandSettled(): Promise<void> {
    return this.inBand.settled();
  }

  /** §4.11.1: the fail mode. */
  get failMode(): FailMode {
    return this.mode;
  }

  /** The configured targets with their services, in configuration order. */
  get controllerTargets(): string[] {
    return [...this.services.keys()];
  }

  /** The service of 'target', if configured. */
  service(target: string): OfService | undefined {
    return this.services.get(target);
  }

  /** Every live session, in list order. */
  get sessions(): readonly OfConn[] {
    return this.ofconns;
  }

  /** Names of the snoop listeners (bound ports filled in). */
  get snoopNames(): string[] {
    return this.snoops.names;
  }

  /**
   * §4.8.7: the bridge wants packet-ins for table misses: some session has
   * controller id 0 and speaks OpenFlow below 1.3 or has not negotiated yet.
   */
  get wantsPacketInOnMiss(): boolean {
    return this.ofconns.some((c) => c.controllerId === 0 && (c.version === undefined || c.version < 4));
  }

  /** True while pauseDatapathRequests(true) holds: no session reads its socket. */
  get datapathRequestsPaused(): boolean {
    return this.connHost.requestsPaused;
  }

  /** True while some session's send queue holds CONGESTED_SEND_QUEUE messages or more. */
  get sendQueuesCongested(): boolean {
    return this.congested;
  }

  /** The bridge's fragment handling mode set by SET_CONFIG (§4.3.7): 0 normal, 1 drop, 2 reassemble, 3 nx-match. */
  get fragHandling(): number {
    return this.connHost.fragHandling;
  }

  /**
   * §4.12: the status of every configured target: active ones from their
   * rconn, passive ones disconnected with no role (§4.12.2).
   */
  controllerStatus(): ControllerStatus[] {
    const out: ControllerStatus[] = [];
    for (const s of this.services.values()) {
      if (s.rconn) {
        const packetIn = s.rconn.isConnected ? (s.currentSession?.packetInSchedulers.stats ?? null) : null;
        out.push(activeControllerStatus(s.target, s.settings.type, s.rconn.status(), s.currentRole, packetIn));
      }
      else out.push(passiveControllerStatus(s.target, s.settings.type, s.sessions.length));
    }
    for (const [target, f] of this.listenFailures) out.push(passiveControllerStatus(target, f.connectionType, 0, f.detail));
    return out;
  }

  /**
   * The passive targets of the last setControllers() that could not
   * listen, each with why ("ptcp:6634:127.0.0.1: Address already in
   * use"); empty when every listener opened.  Retried at the next call.
   */
  get listenErrors(): string[] {
    return [...this.listenFailures].map(([target, f]) => (f.detail.startsWith(target) ? f.detail : `${target}: ${f.detail}`));
  }

  // ---- Configuration (§4.2, §4.10, §4.11) --------------------------------------

  /**
   * §4.2: makes the configured controllers those of 'desired' (target ->
   * settings): new targets get a service (active: dialling at once;
   * passive: listening, a failure being reported and retried at the next
   * call; other prefixes: reported and skipped); gone targets lose theirs
   * with every session; targets whose allowed versions, type or DSCP
   * changed are re-created; the others are reconfigured in place and keep
   * their sessions.  Then the hooks hear of it and, if the bridge gained
   * its first or lost its last primary controller, the flow tables are
   * flushed (§4.11.3).  Calls are serialised; resolves when done.
   */
  setControllers(desired: ReadonlyMap<string, ControllerSettings> | Readonly<Record<string, ControllerSettings>>): Promise<void> {
    const map = desired instanceof Map ? desired : new Map(Object.entries(desired));
    return this.serialised(() => this.reconcile(map));
  }

  /**
   * §4.11: sets the fail mode.  A change is reported to the hooks
   * (fail-open existence) and, while the bridge has no primary
   * controllers, flushes the flow tables.  Resolves when done.
   */
  setFailMode(mode: FailMode): Promise<void> {
    return this.serialised(async () => {
      if (mode === this.mode) return;
      this.mode = mode;
      this.emit({ type: 'connmgr.fail-mode', bridge: this.bridge, mode });
      this.failOpen.update();
      this.hooks.servicesChanged?.(this);
      if (!this.hasControllers) await this.flush('fail-mode');
    });
  }

  /**
   * §8.2: makes 'remotes' the bridge's extra in-band remotes (OVS: the
   * OVSDB managers; loopback and out-of-band ones are the caller's to
   * leave out).  In-band control recomputes its remotes and runs.
   * Rejects with RangeError for a remote that is not IPv4:port.
   */
  setInBandRemotes(remotes: readonly InBandRemote[]): Promise<void> {
    return this.setInBand({ ...this.inBandSettings, remotes });
  }

  /**
   * §8.4: sets other_config:in-band-queue: the in-band rules get
   * set_queue:'queueId' before output:NORMAL (null: no queue).  The rules
   * are replaced on the run that follows.  Rejects with RangeError for a
   * queue outside 0..0xfffffffe.
   */
  setInBandQueue(queueId: number | null): Promise<void> {
    return this.setInBand({ ...this.inBandSettings, queueId });
  }

  /** §8.1: sets other_config:disable-in-band; true deletes every in-band rule, extra remotes' included. */
  setInBandDisabled(disabled: boolean): Promise<void> {
    return this.setInBand({ ...this.inBandSettings, disabled });
  }

  private setInBand(next: InBandSettings): Promise<void> {
    return this.serialised(() => {
      this.inBandSettings = checkInBandSettings(this.bridge, next);
      this.inBand.update();
      return Promise.resolve();
    });
  }

  /**
   * §4.10.1: replaces the snoop listeners with 'targets' (passive
   * targets).  Resolves with the first listen error, or null.
   */
  setSnoops(targets: readonly string[]): Promise<ConnectError | null> {
    return this.serialised(() => this.snoops.set(targets));
  }

  /**
   * Backpressure from the datapath: while 'paused', no session reads its
   * socket (controllers' requests back up in TCP); each session goes on
   * with the messages it has already read, within its own limits (§4.9.1).
   * For a datapath that cannot take more requests now, such as the agent
   * channel whose stream pushed back.  Sessions created meanwhile start
   * paused.
   */
  pauseDatapathRequests(paused: boolean): void {
    if (paused === this.connHost.requestsPaused) return;
    this.connHost.requestsPaused = paused;
    for (const conn of this.ofconns) conn.refreshReading();
  }

  /** §4.2.6: every session's connection is dropped (active ones redial, accepted ones end). */
  reconnectAll(): void {
    for (const s of this.services.values()) s.reconnect();
  }

  /** Closes every service, session and snoop listener and detaches from the datapath. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.failOpen.stop();
    this.inBand.stop();
    this.datapath.setEventListener(null);
    await this.configuring.catch(() => undefined);
    const services = [...this.services.values()];
    this.services.clear();
    await Promise.all(services.map((s) => s.destroy()));
    await this.snoops.close();
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.configuring.catch(() => undefined).then(() => {
      if (this.destroyed) throw new Error(`${this.bridge}: connmgr destroyed`);
      return fn();
    });
    this.configuring = run;
    return run;
  }

  private async reconcile(desired: ReadonlyMap<string, ControllerSettings>): Promise<void> {
    const had = this.hasControllers;
    this.listenFailures.clear();
    for (const [target, settings] of desired) {
      if (!this.services.has(target)) await this.addService(target, settings, true);
    }
    for (const [target, service] of [...this.services]) {
      const wanted = desired.get(target);
      if (wanted === undefined) {
        this.services.delete(target);
        this.emit({ type: 'connmgr.controller-removed', bridge: this.bridge, target, connectionType: service.settings.type });
        await service.destroy();
        continue;
      }
      const next = resolveSettings(target, wanted);
      const why = recreateReason(service.settings, next);
      if (why === null) {
        service.reconfigure(next);
        for (const conn of service.sessions) conn.applyRateLimits();
        continue;
      }
      this.emit({ type: 'connmgr.controller-reinitialized', bridge: this.bridge, target, setting: why });
      this.services.delete(target);
      await service.destroy();
      await this.addService(target, wanted, false);
    }
    this.inBand.update();
    this.failOpen.update();
    this.hooks.servicesChanged?.(this);
    if (had !== this.hasControllers) await this.flush('controllers');
  }

  /** §4.2.2: creates the service of 'target'; 'announce' reports it as added. */
  private async addService(target: string, settings: ControllerSettings, announce: boolean): Promise<void> {
    const resolved = resolveSettings(target, settings);
    const kind = targetKind(target);
    let service: OfService;
    if (kind === 'active') {
      service = OfService.active(this.serviceHost, target, resolved);
    } else if (kind === 'passive') {
      try {
        service = await OfService.passive(this.serviceHost, target, resolved);
      } catch (e) {
        const error = ConnectError.is(e) ? e : new ConnectError('EINVAL', target, String(e));
        this.listenFailures.set(target, { connectionType: resolved.type, detail: error.message });
        this.emit({ type: 'connmgr.listen-failed', bridge: this.bridge, target, error: error.code, detail: error.message });
        return;
      }
      if (this.destroyed) {
        await service.destroy();
        return;
      }
    } else {
      this.emit({ type: 'connmgr.controller-unsupported', bridge: this.bridge, target });
      return;
    }
    this.services.set(target, service);
    if (announce) this.emit({ type: 'connmgr.controller-added', bridge: this.bridge, target, connectionType: resolved.type });
  }

  /**
   * §4.11.3: deletes every flow, group and meter through the datapath,
   * lets fail-open, in-band and the hooks re-add what they own, and, with no primary
   * controller on a standalone bridge, adds the visible catch-all flow
   * "table 0, priority 0, actions=NORMAL".
   */
  private async flush(cause: 'controllers' | 'fail-mode' | 'fail-open'): Promise<void> {
    await this.datapath.flush();
    this.emit({ type: 'connmgr.flushed', bridge: this.bridge, cause });
    await this.failOpen.flushed();
    await this.inBand.flushed();
    await this.hooks.flushed?.(this);
    if (!this.hasControllers && this.mode === 'standalone') {
      const origin: RequestOrigin = { sessionId: INTERNAL_SESSION_ID, sessionName: this.bridge, version: 4, role: 'primary', xid: 0 };
      await this.datapath.request({ origin, msg: normalFlow() });
    }
  }

  // ---- Sessions ------------------------------------------------------------------

  private createSession(service: OfService, rconn: Rconn, name: string): OfConn {
    const conn = new OfConn(this.connHost, this.nextSessionId++, name, service, rconn, new EventRateLimit(5, 5));
    this.ofconns.push(conn);
    this.emit({ type: 'connmgr.session-created', bridge: this.bridge, session: name, connectionType: conn.connectionType });
    this.updateMissWanted();
    // The service registers the session when this returns; fail-open looks after that.
    queueMicrotask(() => this.failOpen.kick());
    return conn;
  }

  private destroySession(conn: OfConn): void {
    const i = this.ofconns.indexOf(conn);
    if (i < 0) return;
    this.ofconns.splice(i, 1);
    conn.destroy();
    this.emit({ type: 'connmgr.session-destroyed', bridge: this.bridge, session: conn.name });
    this.updateMissWanted();
    this.failOpen.kick();
    this.checkCongestion();
  }

  /** Tells the hooks when the sessions' send queues become congested or clear again. */
  private checkCongestion(): void {
    if (this.destroyed) return;
    const congested = this.ofconns.some((c) => c.rconn.txqlen >= CONGESTED_SEND_QUEUE);
    if (congested === this.congested) return;
    this.congested = congested;
    this.hooks.sendQueuesCongested?.(this, congested);
  }

  /** §4.8.7: tells a datapath that has the setting whether table misses go to the controllers. */
  private updateMissWanted(): void {
    if (!('missSendsToController' in this.datapath)) return;
    const want = this.wantsPacketInOnMiss;
    if (this.datapath.missSendsToController !== want) this.datapath.missSendsToController = want;
  }

  /** §4.4.2, §4.4.5: every session other than 'conn' that is primary becomes secondary. */
  private demoteOthers(conn: OfConn): void {
    for (const other of this.ofconns) {
      if (other !== conn && other.role === 'primary') other.demote();
    }
  }

  // ---- Receive turns (§4.9) --------------------------------------------------------

  private scheduleTurn(): void {
    if (this.turnScheduled || this.destroyed) return;
    this.turnScheduled = true;
    this.defer(() => {
      this.turnScheduled = false;
      this.runTurn();
    });
  }

  /**
   * One pass over every session in list order (§4.9.1, §4.9.4), each
   * handling at most 50 messages; schedules another pass if any has more
   * it could handle now.
   */
  runTurn(): void {
    let more = false;
    for (const conn of [...this.ofconns]) {
      if (conn.isDestroyed) continue;
      if (conn.runTurn()) more = true;
    }
    if (more) this.scheduleTurn();
  }

  // ---- Asynchronous messages (§4.5) -------------------------------------------------

  private dispatchEvent(event: DatapathEvent): void {
    if (this.destroyed) return;
    this.routeEvent(event);
    this.checkCongestion();
  }

  private routeEvent(event: DatapathEvent): void {
    switch (event.type) {
      case 'packet_in': {
        let eligible = false;
        for (const conn of this.ofconns) {
          if (!wantsPacketIn(conn, event)) continue;
          eligible = true;
          conn.sendPacketIn(event);
        }
        if (!eligible) this.stats.packetInsUnsent++;
        return;
      }
      case 'port_status': {
        const before = this.ports.get(event.port.portNo);
        for (const conn of this.ofconns) {
          if (wantsPortStatus(conn, event, before)) conn.sendPortStatus(event);
        }
        if (event.reason === 1) this.ports.delete(event.port.portNo);
        else this.ports.set(event.port.portNo, event.port);
        return;
      }
      case 'flow_removed':
        for (const conn of this.ofconns) {
          if (wantsFlowRemoved(conn, event)) conn.sendFlowRemoved(event);
        }
        return;
    }
  }

  // ---- Snoops (§4.10) ------------------------------------------------------------------

  private attachSnoop(stream: Stream): void {
    const service = chooseSnoopService(this.services.values());
    if (!service?.rconn) {
      this.emit({ type: 'connmgr.snoop-no-controller', bridge: this.bridge, snoop: stream.name });
      stream.close();
      return;
    }
    service.rconn.addMonitor(stream);
  }

  private emit(event: ConnMgrEvent): void {
    this.listener?.(event);
  }
}

/** §4.11.3: the visible standalone flow, table 0, priority 0, match all, actions=NORMAL. */
function normalFlow(): FlowModMsg {
  return {
    type: 'flow_mod',
    version: 4,
    xid: 0,
    format: 'standard',
    cookie: 0n,
    cookieMask: 0n,
    tableId: 0,
    command: 'add',
    idleTimeout: 0,
    hardTimeout: 0,
    priority: 0,
    bufferId: NO_BUFFER,
    outPort: OFPP_ANY,
    outGroup: 0xffffffff,
    flags: 0,
    importance: 0,
    match: [],
    instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }],
  };
}
