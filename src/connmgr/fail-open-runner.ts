/**
 * Carries out fail-open (reference §7) for one connmgr: keeps a FailOpen
 * (src/failopen/fail-open.ts, the pure decider) exactly while the bridge
 * is standalone with primary controllers (§7.1, §4.11.2), answers its
 * FailOpenPort from the bridge's services and sessions, runs it at the
 * time it asks for on the injected clock and whenever sessions come or go,
 * and performs what it decides: flushes through connmgr (so every flush
 * hook runs), hidden-rule changes through the datapath port, bogus
 * packet-ins through connmgr's asynchronous dispatch, events to the
 * listener.  connmgr.ts calls update(), kick(), flushed() and
 * maybeRecover() at the points where OVS's connmgr calls fail_open_*().
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import {
  FailOpen,
  type FailOpenAction,
  type FailOpenEvent,
  type FailOpenOptions,
  type FailOpenPort,
} from '../failopen/fail-open.js';
import type { DatapathPacketIn, DatapathPort } from './datapath-port.js';
import type { FailMode } from './events.js';
import type { OfConn } from './ofconn.js';
import type { OfService } from './ofservice.js';

/** What the runner needs from its connmgr. */
export interface FailOpenHost {
  readonly clock: Clock;
  readonly datapath: DatapathPort;
  /** The configured services and the live sessions. */
  services(): Iterable<OfService>;
  sessions(): readonly OfConn[];
  failMode(): FailMode;
  /** §4.11.3: flush flows, groups and meters, then run the flush hooks. */
  flush(): Promise<void>;
  /** §7.5: route 'packetIn' as the datapath's packet-ins are routed. */
  sendPacketIn(packetIn: DatapathPacketIn): void;
  emit(event: FailOpenEvent): void;
  /** A hidden-rule operation failed (a datapath fault, not a controller's). */
  datapathFailed(error: unknown): void;
}

/** The smallest nonzero probe interval connmgr applies, seconds (§1.3.1). */
const MIN_PROBE_INTERVAL_S = 5;

/** The fail-open of one connmgr and the driver that carries out its decisions. */
export class FailOpenRunner {
  private failOpen: FailOpen | null = null;
  private timer: TimerHandle | null = null;
  /** Actions are carried out one after another, in the order decided. */
  private chain: Promise<void> = Promise.resolve();
  private readonly port: FailOpenPort;
  private stopped = false;

  constructor(
    private readonly host: FailOpenHost,
    private readonly options: FailOpenOptions = {},
  ) {
    this.port = {
      maxProbeInterval: () => {
        let max = 0;
        for (const s of host.services()) {
          const p = s.settings.probeInterval;
          if (s.settings.type === 'primary' && p > 0) max = Math.max(max, p, MIN_PROBE_INTERVAL_S);
        }
        return max;
      },
      failureDurationMs: () => {
        const now = host.clock.now();
        let min: number | null = null;
        for (const s of host.services()) {
          if (s.settings.type !== 'primary' || !s.rconn) continue;
          const d = s.rconn.core.failureDurationMs(now);
          min = min === null ? d : Math.min(min, d);
        }
        return min;
      },
      anyPrimaryConnected: () => {
        for (const s of host.services()) if (s.settings.type === 'primary' && s.sessions.length > 0) return true;
        return false;
      },
      anyPrimaryAdmitted: () => host.sessions().some((c) => c.connectionType === 'primary' && c.rconn.core.isAdmitted),
    };
  }

  /** Whether the bridge is failing open (§7.3). */
  get isActive(): boolean {
    return this.failOpen?.isActive ?? false;
  }

  /**
   * §7.1: creates the fail-open when the bridge is standalone with a
   * primary controller, destroys it (recovering if active) otherwise.
   * Call after each change of services or fail mode, before any flush.
   */
  update(): void {
    if (this.stopped) return;
    let primary = false;
    for (const s of this.host.services()) if (s.settings.type === 'primary') primary = true;
    const wanted = primary && this.host.failMode() === 'standalone';
    if (wanted && !this.failOpen) {
      this.failOpen = new FailOpen(this.port, this.options);
      this.kick();
    } else if (!wanted && this.failOpen) {
      const fo = this.failOpen;
      this.failOpen = null;
      this.cancelTimer();
      this.carry(fo.destroy());
    } else {
      this.kick();
    }
  }

  /** Runs the fail-open now (sessions or services changed, or its time came) and re-arms the timer. */
  kick(): void {
    if (this.stopped || !this.failOpen) return;
    const fo = this.failOpen;
    const now = this.host.clock.now();
    this.carry(fo.run(now));
    this.cancelTimer();
    const wake = fo.nextWakeAt(now);
    if (wake !== Infinity) this.timer = this.host.clock.setTimer(wake - now, () => this.kick());
  }

  /** §7.3: after a flush: adds the rule if failing; resolves when it is in. */
  flushed(): Promise<void> {
    if (!this.failOpen) return Promise.resolve();
    return this.perform(this.failOpen.flushed());
  }

  /** §7.4: before dispatching a received message: recovery if due. */
  maybeRecover(): void {
    if (this.failOpen) this.carry(this.failOpen.maybeRecover());
  }

  /** Resolves when every decided action has been carried out (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Stops the timer and forgets the fail-open without touching the datapath (connmgr is going away). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    this.failOpen = null;
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Queues 'actions' after those decided before. */
  private carry(actions: FailOpenAction[]): void {
    if (actions.length === 0) return;
    this.chain = this.chain.then(() => this.perform(actions));
  }

  private async perform(actions: readonly FailOpenAction[]): Promise<void> {
    for (const a of actions) {
      try {
        switch (a.type) {
          case 'flush':
            await this.host.flush();
            break;
          case 'add-flow':
            await this.host.datapath.addHiddenFlow(a.flow);
            break;
          case 'delete-flow':
            await this.host.datapath.deleteHiddenFlow(a.priority, a.match);
            break;
          case 'packet-in':
            this.host.sendPacketIn(a.packetIn);
            break;
          case 'event':
            this.host.emit(a.event);
            break;
        }
      } catch (e) {
        this.host.datapathFailed(e);
      }
    }
  }
}
