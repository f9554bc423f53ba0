/**
 * One configured controller target (Open vSwitch's struct ofservice,
 * reference §4.1.2, §4.1.5): an active target (tcp:, ssl:, unix:) owns one
 * reliable rconn that dials and redials, with at most one session (ofconn)
 * while it is connected; a passive target (ptcp:, pssl:, punix:) owns a
 * listener whose every accepted stream becomes an unreliable rconn with
 * its own session, destroyed when that connection ends.  Sessions are
 * named `<bridge><-><target>` (§4.1.6).  connmgr.ts creates, reconfigures
 * (§4.3.3) and destroys services; the sessions themselves are built by
 * connmgr through the OfServiceHost port, which also receives the rconn
 * events for telemetry.
 */

import type { Clock } from '../clock/clock.js';
import type { MessageTally, RconnEvent } from '../rconn/index.js';
import { Rconn } from '../rconn/rconn.js';
import { listen, type Listener, type OpenOptions, type Stream } from '../transport/index.js';
import type { OfConn } from './ofconn.js';
import type { SessionRole } from './roles.js';
import type { ServiceSettings } from './settings.js';

/** Transport options shared by every service of a bridge: TLS keys, run directory. */
export type BridgeTransportOptions = Pick<OpenOptions, 'tls' | 'runDir'>;

/** What a service needs from its bridge. */
export interface OfServiceHost {
  readonly bridge: string;
  readonly clock: Clock;
  readonly transport: BridgeTransportOptions;
  /** Counts the messages of every rconn of the bridge. */
  readonly tally?: MessageTally;
  /** Creates (and registers) the session of 'service' on 'rconn', named 'name'. */
  createSession(service: OfService, rconn: Rconn, name: string): OfConn;
  /** Ends (and unregisters) 'conn'; the service deals with its rconn. */
  destroySession(conn: OfConn): void;
  /** An event of one of the service's rconns. */
  rconnEvent(event: RconnEvent): void;
  /** An accepted session finished its HELLO exchange (its version is now known). */
  sessionConnected(conn: OfConn): void;
}

/** Name of a session of 'bridge' with a peer or target called 'target' (§4.1.6). */
export function sessionName(bridge: string, target: string): string {
  return `${bridge}<->${target}`;
}

/** A configured target and the sessions it produces. */
export class OfService {
  /** The settings in force; reconfigure() replaces them (§4.2.3). */
  settings: ServiceSettings;
  /** Active services: the reliable rconn; null for passive ones. */
  readonly rconn: Rconn | null;
  /** Active services: the session while connected. */
  private activeConn: OfConn | null = null;
  /** Passive services: the listener; null for active ones. */
  private readonly listener: Listener | null;
  /** Passive services: each accepted session and its rconn. */
  private readonly accepted = new Map<Rconn, OfConn>();
  private destroyed = false;

  private constructor(
    private readonly host: OfServiceHost,
    readonly target: string,
    readonly kind: 'active' | 'passive',
    settings: ServiceSettings,
    listener: Listener | null,
  ) {
    this.settings = settings;
    this.listener = listener;
    this.rconn = kind === 'active' ? this.dial() : null;
  }

  /**
   * §4.2.2: an active service for 'target', dialling at once (the rconn
   * redials with backoff; a bad target fails at open, §1.1.5, and keeps
   * retrying).
   */
  static active(host: OfServiceHost, target: string, settings: ServiceSettings): OfService {
    return new OfService(host, target, 'active', settings, null);
  }

  /**
   * §4.2.2: a passive service listening on 'target'.  Rejects with the
   * transport's ConnectError when it cannot listen (bad target, address in
   * use, missing TLS keys).
   */
  static async passive(host: OfServiceHost, target: string, settings: ServiceSettings): Promise<OfService> {
    let service: OfService | null = null;
    const pending: Stream[] = [];
    const listener = await listen(target, {
      onAccept: (stream) => {
        if (service) service.accept(stream);
        else pending.push(stream);
      },
      ...(settings.dscp !== undefined ? { dscp: settings.dscp } : {}),
      ...host.transport,
    });
    service = new OfService(host, target, 'passive', settings, listener);
    for (const s of pending) service.accept(s);
    return service;
  }

  /** The name the listener reports (with the bound port for ptcp:0), or the target. */
  get boundName(): string {
    return this.listener?.name ?? this.target;
  }

  /** The bound TCP port of a ptcp:/pssl: listener, else null. */
  get port(): number | null {
    return this.listener?.port ?? null;
  }

  /** Every live session of this service. */
  get sessions(): OfConn[] {
    if (this.kind === 'active') return this.activeConn ? [this.activeConn] : [];
    return [...this.accepted.values()];
  }

  /** Active services: the role of the current session, or null when not connected (§4.10.2, §4.12). */
  get currentRole(): SessionRole | null {
    return this.rconn?.isConnected && this.activeConn ? this.activeConn.role : null;
  }

  /** Active services: the current session, if connected. */
  get currentSession(): OfConn | null {
    return this.activeConn;
  }

  private dial(): Rconn {
    const s = this.settings;
    const rconn = new Rconn({
      clock: this.host.clock,
      probeInterval: s.probeInterval,
      maxBackoff: s.maxBackoff,
      allowedVersions: s.allowedVersions,
      openOptions: { ...this.host.transport, ...(s.dscp !== undefined ? { dscp: s.dscp } : {}) },
      listener: (event) => this.host.rconnEvent(event),
      ...(this.host.tally ? { tally: this.host.tally } : {}),
      onMessage: (msg, frame) => this.activeConn?.receive(msg, frame),
      onStateChange: () => this.runActive(),
      onDrained: () => this.activeConn?.drained(),
    });
    rconn.connect(this.target, sessionName(this.host.bridge, this.target));
    return rconn;
  }

  /**
   * §4.1.5: a session exists exactly while the reliable rconn is
   * connected.  A new session re-applies the configured probe interval,
   * which rconn zeroed for unix: targets (§1.3.6).
   */
  private runActive(): void {
    const rconn = this.rconn;
    if (this.destroyed || !rconn) return;
    if (rconn.isConnected && !this.activeConn) {
      rconn.core.setProbeInterval(this.settings.probeInterval);
      this.activeConn = this.host.createSession(this, rconn, sessionName(this.host.bridge, this.target));
    } else if (!rconn.isConnected && this.activeConn) {
      const conn = this.activeConn;
      this.activeConn = null;
      this.host.destroySession(conn);
    }
  }

  /** §4.1.5: an accepted stream becomes an unreliable rconn and a session. */
  private accept(stream: Stream): void {
    if (this.destroyed) {
      stream.close();
      return;
    }
    const s = this.settings;
    let conn: OfConn | null = null;
    const reap = (): void => queueMicrotask(() => this.reap(rconn));
    const rconn: Rconn = new Rconn({
      clock: this.host.clock,
      probeInterval: s.probeInterval,
      allowedVersions: s.allowedVersions,
      listener: (event) => {
        this.host.rconnEvent(event);
        if (event.type === 'rconn.state' && event.to === 'DISCONNECTED') reap();
      },
      ...(this.host.tally ? { tally: this.host.tally } : {}),
      onMessage: (msg, frame) => conn?.receive(msg, frame),
      onStateChange: () => {
        if (!rconn.isAlive) reap();
        else if (rconn.isConnected && conn) this.host.sessionConnected(conn);
      },
      onDrained: () => conn?.drained(),
    });
    const name = sessionName(this.host.bridge, stream.name);
    rconn.adopt(stream, name);
    conn = this.host.createSession(this, rconn, name);
    this.accepted.set(rconn, conn);
  }

  /** Destroys the session of 'rconn' once its connection has ended (§4.1.5). */
  private reap(rconn: Rconn): void {
    const conn = this.accepted.get(rconn);
    if (!conn || rconn.isAlive) return;
    this.accepted.delete(rconn);
    this.host.destroySession(conn);
    rconn.destroy();
  }

  /**
   * §4.2.3, §4.3.3: takes 'settings' in place (the caller has checked with
   * recreateReason() that this is possible): maximum backoff and probe
   * interval reach the rconns at once, whether connected or not (OVS
   * would wait for the next session, §4.2.5); the packet-in queue limit and
   * async switch are read live by the sessions.
   */
  reconfigure(settings: ServiceSettings): void {
    this.settings = settings;
    const now = this.host.clock.now();
    if (this.rconn) {
      this.rconn.core.setMaxBackoff(now, settings.maxBackoff === 0 ? 8 : settings.maxBackoff);
      this.rconn.core.setProbeInterval(settings.probeInterval);
      this.rconn.kick();
    }
    for (const rconn of this.accepted.keys()) {
      rconn.core.setProbeInterval(settings.probeInterval);
      rconn.kick();
    }
  }

  /**
   * §4.2.6, §1.1.8: drops every connection of the service that is up: an
   * active one redials, accepted ones end.
   */
  reconnect(): void {
    this.rconn?.reconnect();
    for (const rconn of this.accepted.keys()) rconn.reconnect();
  }

  /** Closes the listener or the rconn and ends every session.  Idempotent. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.activeConn) {
      const conn = this.activeConn;
      this.activeConn = null;
      this.host.destroySession(conn);
    }
    this.rconn?.destroy();
    for (const [rconn, conn] of this.accepted) {
      this.host.destroySession(conn);
      rconn.destroy();
    }
    this.accepted.clear();
    await this.listener?.close();
  }
}
