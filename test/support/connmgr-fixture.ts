/**
 * A bridge for connmgr tests: a ConnMgr on a FakeClock over a
 * ScriptedDatapath (or any DatapathPort), with one passive service
 * listener on 127.0.0.1 and an event recorder, plus a way to connect raw
 * OpenFlow clients to it.  Time stands still unless the test advances the
 * clock, so no inactivity probe or backoff interferes.
 */

import { ConnMgr, type ConnMgrEvent, type ConnMgrHooks, type ControllerSettings, type DatapathPort } from '../../src/connmgr/index.js';
import { FakeClock } from './fake-clock.js';
import { OfClient } from './of-client.js';
import { ScriptedDatapath } from './scripted-datapath.js';

/** The passive service target every fixture bridge listens on. */
export const SERVICE_TARGET = 'ptcp:0:127.0.0.1';

export interface Bridge<D extends DatapathPort> {
  readonly mgr: ConnMgr;
  readonly dp: D;
  readonly clock: FakeClock;
  readonly events: ConnMgrEvent[];
  /** TCP port of the service listener. */
  readonly port: number;
  /** Connects a raw client speaking 'version' to the service listener; resolves once its session is established. */
  connect(version: number): Promise<OfClient>;
  /** Closes the clients and the connmgr. */
  close(): Promise<void>;
}

/** Options of serviceBridge(). */
export interface BridgeOptions<D extends DatapathPort> {
  readonly datapath?: D;
  /** Settings of the service listener (default: a service-type listener). */
  readonly settings?: ControllerSettings;
  /** More controllers to configure along with the listener. */
  readonly more?: Record<string, ControllerSettings>;
  readonly datapathTimeoutMs?: number;
  readonly bridge?: string;
  /** The bridge's packet_buffers (ConnMgrOptions.packetBuffers); default 256. */
  readonly packetBuffers?: number;
  /** Turn scheduler (ConnMgrOptions.defer); default setImmediate. */
  readonly defer?: (fn: () => void) => void;
  /** ConnMgrOptions.hooks. */
  readonly hooks?: ConnMgrHooks;
}

/** Builds a bridge with a ptcp: service listener (reference §10: tests talk to the service socket). */
export async function serviceBridge<D extends DatapathPort = ScriptedDatapath>(options: BridgeOptions<D> = {}): Promise<Bridge<D>> {
  const dp = (options.datapath ?? new ScriptedDatapath()) as D;
  const clock = new FakeClock(1_000_000);
  const events: ConnMgrEvent[] = [];
  const mgr = new ConnMgr({
    bridge: options.bridge ?? 'br0',
    clock,
    datapath: dp,
    listener: (e) => events.push(e),
    ...(options.datapathTimeoutMs !== undefined ? { datapathTimeoutMs: options.datapathTimeoutMs } : {}),
    ...(options.defer ? { defer: options.defer } : {}),
    ...(options.packetBuffers !== undefined ? { packetBuffers: options.packetBuffers } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  await mgr.setControllers({ [SERVICE_TARGET]: options.settings ?? {}, ...options.more });
  const port = mgr.service(SERVICE_TARGET)?.port;
  if (!port) throw new Error('the service listener did not open');
  const clients: OfClient[] = [];
  return {
    mgr, dp, clock, events, port,
    async connect(version: number): Promise<OfClient> {
      const c = await OfClient.connect(port, version);
      clients.push(c);
      // A round trip, so that the switch has finished the HELLO exchange
      // and the session is established before the test goes on.
      await c.barrier();
      return c;
    },
    async close(): Promise<void> {
      for (const c of clients) c.close();
      await mgr.destroy();
    },
  };
}

export { until } from './loopback.js';

/**
 * A turn scheduler a test can stop: while 'manual' is set, turns wait in
 * 'queue' until the test runs them with step(); otherwise they run with
 * setImmediate as in production.
 */
export class ManualTurns {
  manual = false;
  readonly queue: Array<() => void> = [];

  readonly defer = (fn: () => void): void => {
    if (this.manual) this.queue.push(fn);
    else setImmediate(fn);
  };

  /** Runs the turns queued so far (those they schedule wait for the next step). */
  step(): number {
    const fns = this.queue.splice(0);
    for (const fn of fns) fn();
    return fns.length;
  }

  /** Back to automatic turns, running anything queued. */
  release(): void {
    this.manual = false;
    for (const fn of this.queue.splice(0)) setImmediate(fn);
  }
}
