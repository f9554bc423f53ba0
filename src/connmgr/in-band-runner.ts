/**
 * Carries out in-band control (reference §8) for one connmgr: keeps an
 * InBand (src/inband/in-band.ts, the pure decider) exactly while the
 * bridge has in-band remotes (§8.2), asks the datapath port what it knows
 * about reaching them (DatapathPort.inbandInfo(), §8.3), and applies the
 * difference between the wanted and the installed hidden rules through
 * the port's addHiddenFlow()/deleteHiddenFlow() (§8.4, §8.5).  It runs at
 * once when the services or the bridge's in-band settings change, every
 * 1 s on the injected clock while the local MAC or some next hop is
 * unknown and every 10 s once all are known (§8.3), and again after every
 * flush so that its rules come back (§8.6, §7.7).  connmgr.ts calls
 * update(), flushed() and stop() where OVS's connmgr calls in_band_*();
 * fail-open-runner.ts is its sibling for §7.
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import {
  InBand,
  inBandRemotes,
  inBandRules,
  type InBandInfo,
  type InBandRemote,
} from '../inband/in-band.js';
import type { DatapathPort } from './datapath-port.js';
import type { OfService } from './ofservice.js';

/** §8.3: how often in-band runs while the local MAC or a next hop is unknown, ms. */
export const IN_BAND_UNKNOWN_INTERVAL_MS = 1_000;
/** §8.3: how often in-band runs once everything is known, ms. */
export const IN_BAND_KNOWN_INTERVAL_MS = 10_000;

/** The bridge's in-band settings (Bridge other_config, §8.1, §8.2, §8.4). */
export interface InBandSettings {
  /** Extra remotes to keep reachable (OVS: the OVSDB managers), IPv4 addresses. */
  readonly remotes: readonly InBandRemote[];
  /** other_config:in-band-queue: the queue of the rules' set_queue; null for none. */
  readonly queueId: number | null;
  /** other_config:disable-in-band: no in-band control at all, extra remotes included. */
  readonly disabled: boolean;
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/**
 * Checks the bridge's in-band settings: each extra remote an IPv4 address
 * in dotted quads with a TCP port 1..65535, the queue null or an integer
 * 0..0xfffffffe (0xffffffff is OFPQ_ALL).  Returns 'settings' unchanged
 * (remotes copied); throws RangeError naming 'bridge' and the bad value.
 */
export function checkInBandSettings(bridge: string, settings: InBandSettings): InBandSettings {
  for (const r of settings.remotes) {
    const okIp = IPV4.test(r.ip) && r.ip.split('.').every((b) => Number(b) <= 255);
    if (!okIp || !Number.isInteger(r.port) || r.port < 1 || r.port > 65535) {
      throw new RangeError(`${bridge}: in-band remote must be IPv4:port, not ${r.ip}:${r.port}`);
    }
  }
  const q = settings.queueId;
  if (q !== null && (!Number.isInteger(q) || q < 0 || q >= 0xffffffff)) {
    throw new RangeError(`${bridge}: in-band queue must be 0..4294967294, not ${q}`);
  }
  return { remotes: settings.remotes.map((r) => ({ ip: r.ip, port: r.port })), queueId: q, disabled: settings.disabled };
}

/** What the runner needs from its connmgr. */
export interface InBandHost {
  readonly clock: Clock;
  readonly datapath: DatapathPort;
  /** The configured services. */
  services(): Iterable<OfService>;
  settings(): InBandSettings;
  /** A hidden-rule operation failed (a datapath fault, not a controller's). */
  datapathFailed(error: unknown): void;
}

/** The in-band control of one connmgr and the driver that carries out its decisions. */
export class InBandRunner {
  private inBand: InBand | null = null;
  private remotes: InBandRemote[] = [];
  private timer: TimerHandle | null = null;
  /** Runs are carried out one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** A run queued on the chain and not yet started (further requests join it). */
  private queued: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly host: InBandHost) {}

  /** §8.2: the current remotes (empty while in-band does not exist). */
  get currentRemotes(): readonly InBandRemote[] {
    return this.remotes;
  }

  /** Number of in-band rules believed installed (OVS's in_band_count_rules). */
  get ruleCount(): number {
    return this.inBand?.ruleCount ?? 0;
  }

  /**
   * §4.2.4, §8.2: recomputes the remotes from the services and the
   * settings.  With remotes (and a datapath that can tell about them,
   * DatapathPort.inbandInfo) in-band exists and runs now; without, an
   * existing in-band deletes its rules and goes away.  Call after each
   * change of services or in-band settings, before any flush.
   */
  update(): void {
    if (this.stopped) return;
    const s = this.host.settings();
    const targets = [...this.host.services()].map((svc) => ({ target: svc.target, band: svc.settings.band }));
    const remotes = s.disabled || !this.host.datapath.inbandInfo ? [] : inBandRemotes(targets, s.remotes);
    this.remotes = remotes;
    if (remotes.length > 0) {
      this.inBand ??= new InBand();
      void this.kick();
    } else if (this.inBand) {
      const ib = this.inBand;
      this.inBand = null;
      this.cancelTimer();
      this.enqueue(() => this.apply(ib, []));
    }
  }

  /** Runs in-band now (services, settings or its time came) and re-arms the timer; resolves when the run is done. */
  kick(): Promise<void> {
    if (this.stopped || !this.inBand) return Promise.resolve();
    this.cancelTimer();
    if (this.queued) return this.queued;
    const run = this.enqueue(async () => {
      this.queued = null;
      await this.runOnce();
    });
    this.queued = run;
    return run;
  }

  /** §8.6: after a flush: nothing of in-band's is installed any more; re-adds its rules; resolves when they are in. */
  flushed(): Promise<void> {
    if (!this.inBand) return Promise.resolve();
    this.inBand.flushed();
    return this.kick();
  }

  /** Resolves when every run decided so far has been carried out (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Stops the timer and forgets in-band without touching the datapath (connmgr is going away). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    this.inBand = null;
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run;
    return run;
  }

  /** One run (§8.3-§8.5): ask the datapath, build the wanted set, apply the difference, set the next wake-up. */
  private async runOnce(): Promise<void> {
    const ib = this.inBand;
    const remotes = this.remotes;
    const getInfo = this.host.datapath.inbandInfo?.bind(this.host.datapath);
    if (this.stopped || !ib || !getInfo) return;
    let info: InBandInfo;
    try {
      info = await getInfo(remotes);
    } catch (e) {
      this.host.datapathFailed(e);
      info = { localMac: null, nextHopMacs: remotes.map(() => null) };
    }
    // The remotes or in-band itself may have changed while the datapath answered: a later run follows.
    if (this.stopped || this.inBand !== ib || this.remotes !== remotes) return;
    await this.apply(ib, inBandRules(remotes, info, this.host.settings().queueId));
    if (this.stopped || this.inBand !== ib) return;
    const allKnown = info.localMac !== null && info.nextHopMacs.every((m) => m !== null);
    const delay = allKnown ? IN_BAND_KNOWN_INTERVAL_MS : IN_BAND_UNKNOWN_INTERVAL_MS;
    this.cancelTimer();
    this.timer = this.host.clock.setTimer(delay, () => {
      this.timer = null;
      void this.kick();
    });
  }

  /** §8.5: makes 'wanted' the rules of 'ib' in the datapath: deletions first, then additions. */
  private async apply(ib: InBand, wanted: Parameters<InBand['run']>[0]): Promise<void> {
    const changes = ib.run(wanted);
    for (const d of changes.delete) {
      try {
        await this.host.datapath.deleteHiddenFlow(d.priority, d.match);
      } catch (e) {
        this.host.datapathFailed(e);
      }
    }
    for (const f of changes.add) {
      try {
        await this.host.datapath.addHiddenFlow(f);
      } catch (e) {
        this.host.datapathFailed(e);
      }
    }
  }
}
