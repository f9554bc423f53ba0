/**
 * The bridges a service holds: for each, its settings (conversion.ts's
 * BridgeConfig), its datapath and its connection manager (src/connmgr).
 *
 * A bridge's datapath is its agent channel (agent/agent-channel.ts): the
 * DatapathPort that switch agents serve over Attach, present from the
 * bridge's creation so that controllers are served before any agent
 * attaches.  With the inProcessDatapath option it is instead an
 * in-process ReferenceSwitch (src/agent), the software switch the
 * reference agent runs on the far side of Attach: for tests and demos
 * that want a datapath without a separate agent.  Nothing above this
 * file depends on which it is.
 *
 * The registry wires each connmgr to its channel: backpressure both ways
 * (connmgr's pauseDatapathRequests and sendQueuesCongested hook), and the
 * fragment handling mode from connmgr's 'connmgr.frag-handling' event.
 * It also feeds each bridge's BridgeChanges (bridge-changes.ts) from the
 * connmgr's events.
 *
 * Changes of one bridge run one after another (operate()): a deletion
 * waits for the changes before it, and the changes after it find no
 * bridge (NOT_FOUND); a bridge of the same name can be created again once
 * the deletion is done.
 */

import * as grpc from '@grpc/grpc-js';
import { ConnMgr, type ConnMgrEvent, type ConnMgrListener, type ControllerSettings, type ControllerStatus, type DatapathPort } from '../connmgr/index.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { ReferenceSwitch } from '../agent/index.js';
import { DEFAULT_IN_BAND, type InBandConfig, type BridgeConfig } from './conversion.js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import { RequestError } from './request-error.js';
import { AgentChannel } from './agent/agent-channel.js';
import type { AgentChannelListener } from './agent/events.js';
import type { RequestWatcher } from './agent/request-watch.js';
import { BridgeChanges } from './bridge-changes.js';

/** One bridge: its settings, its datapath and its connection manager. */
export interface BridgeEntry {
  config: BridgeConfig;
  /** The controllers last set, in their API form (what the state file saves). */
  controllers: readonly Controller__Output[];
  /** The snoop targets last set. */
  snoops: readonly string[];
  /** The in-band settings last set (SetInBand). */
  inBand: InBandConfig;
  /** What connmgr drives: 'agent' or 'referenceSwitch', whichever the bridge has. */
  readonly datapath: DatapathPort;
  /** The agent channel agents attach to; null with the inProcessDatapath option. */
  readonly agent: AgentChannel | null;
  /** The in-process switch of the inProcessDatapath option; null otherwise. */
  readonly referenceSwitch: ReferenceSwitch | null;
  readonly mgr: ConnMgr;
  /** The bridge's connmgr events and its deletion, for watchers. */
  readonly changes: BridgeChanges;
}

/** Options of a BridgeRegistry. */
export interface BridgeRegistryOptions {
  /** Default systemClock. */
  readonly clock?: Clock;
  /** Receives every connmgr event of every bridge. */
  readonly listener?: ConnMgrListener;
  /**
   * Every bridge gets an in-process ReferenceSwitch as its datapath and
   * no agent channel (Attach refuses it), as before the agent channel
   * existed.  Default false.
   */
  readonly inProcessDatapath?: boolean;
  /** Receives every agent channel event of every bridge (and refused Attach streams). */
  readonly agentListener?: AgentChannelListener;
  /** How long an agent gets to answer one request (AgentChannelOptions.requestTimeoutMs). */
  readonly agentRequestTimeoutMs?: number;
  /** How long a controller's request waits for an agent while none is attached (AgentChannelOptions.holdMs). */
  readonly agentHoldMs?: number;
  /** Follows every controller request relayed to an agent, of every bridge (AgentChannelOptions.watchRequest). */
  readonly watchAgentRequest?: RequestWatcher;
}

/** The bridges of one service, by name. */
export class BridgeRegistry {
  private readonly bridges = new Map<string, BridgeEntry>();
  /** The tail of each bridge's chain of changes (operate()). */
  private readonly chains = new Map<BridgeEntry, Promise<unknown>>();
  /** Deletions in progress, by name: a create of the name waits for them. */
  private readonly deleting = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private readonly listener: ConnMgrListener | undefined;
  private readonly inProcess: boolean;
  readonly agentListener: AgentChannelListener | undefined;
  private readonly agentRequestTimeoutMs: number | undefined;
  private readonly agentHoldMs: number | undefined;
  private readonly watchAgentRequest: RequestWatcher | undefined;

  constructor(options: BridgeRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.listener = options.listener;
    this.inProcess = options.inProcessDatapath ?? false;
    this.agentListener = options.agentListener;
    this.agentRequestTimeoutMs = options.agentRequestTimeoutMs;
    this.agentHoldMs = options.agentHoldMs;
    this.watchAgentRequest = options.watchAgentRequest;
  }

  /** True if bridges get an in-process ReferenceSwitch rather than an agent channel. */
  get inProcessDatapath(): boolean {
    return this.inProcess;
  }

  /**
   * Creates the bridge 'config' describes, with no controllers and no
   * snoops, in its fail mode, after any deletion of that name in
   * progress.  Throws RequestError(ALREADY_EXISTS) if the name is taken.
   */
  async create(config: BridgeConfig): Promise<BridgeEntry> {
    const pendingDelete = this.deleting.get(config.name);
    if (pendingDelete) await pendingDelete;
    if (this.bridges.has(config.name)) {
      throw new RequestError(grpc.status.ALREADY_EXISTS, `bridge.name: a bridge named "${config.name}" exists`);
    }
    const changes = new BridgeChanges();
    let mgr: ConnMgr | null = null;
    const agent = this.inProcess
      ? null
      : new AgentChannel({
          bridge: config.name,
          datapathId: config.datapathId,
          clock: this.clock,
          pauseRequests: (paused) => mgr?.pauseDatapathRequests(paused),
          ...(this.agentRequestTimeoutMs !== undefined ? { requestTimeoutMs: this.agentRequestTimeoutMs } : {}),
          ...(this.agentHoldMs !== undefined ? { holdMs: this.agentHoldMs } : {}),
          ...(this.agentListener ? { listener: this.agentListener } : {}),
          ...(this.watchAgentRequest ? { watchRequest: this.watchAgentRequest } : {}),
        });
    const referenceSwitch = this.inProcess ? new ReferenceSwitch({ datapathId: config.datapathId, bridgeName: config.name, clock: this.clock }) : null;
    const datapath: DatapathPort = agent ?? referenceSwitch!;
    const listener = (event: ConnMgrEvent): void => {
      this.listener?.(event);
      if (event.type === 'connmgr.frag-handling') agent?.setFragHandling(event.mode);
      changes.notify(event);
    };
    const connmgr = new ConnMgr({
      bridge: config.name,
      clock: this.clock,
      datapath,
      packetBuffers: config.packetBuffers,
      listener,
      ...(agent ? { hooks: { sendQueuesCongested: (_: ConnMgr, congested: boolean) => agent.pauseEvents(congested) } } : {}),
    });
    mgr = connmgr;
    const entry: BridgeEntry = { config, controllers: [], snoops: [], inBand: DEFAULT_IN_BAND, datapath, agent, referenceSwitch, mgr: connmgr, changes };
    // Registered before the first await, so a concurrent create of the
    // same name is refused.
    this.bridges.set(config.name, entry);
    await this.operate(config.name, () => connmgr.setFailMode(config.failMode));
    return entry;
  }

  /** The bridge named 'name'; throws RequestError(NOT_FOUND). */
  get(name: string): BridgeEntry {
    const b = this.bridges.get(name);
    if (!b) throw RequestError.noBridge(name);
    return b;
  }

  /** The bridge named 'name', or undefined. */
  find(name: string): BridgeEntry | undefined {
    return this.bridges.get(name);
  }

  /** Every bridge, in name order. */
  list(): BridgeEntry[] {
    return [...this.bridges.values()].sort((a, b) => (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
  }

  /**
   * Runs 'fn' on the bridge named 'name' once every earlier change of
   * that bridge has finished; resolves or rejects as 'fn' does.  Throws
   * (rejects with) RequestError(NOT_FOUND) if there is no such bridge, now
   * or when its turn comes (a deletion came first).
   */
  operate<T>(name: string, fn: (entry: BridgeEntry) => Promise<T> | T): Promise<T> {
    let entry: BridgeEntry;
    try {
      entry = this.get(name);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    const run = (this.chains.get(entry) ?? Promise.resolve()).then(() => {
      if (this.bridges.get(name) !== entry) throw RequestError.noBridge(name);
      return fn(entry);
    });
    const tail = run.catch(() => undefined);
    this.chains.set(entry, tail);
    void tail.then(() => {
      if (this.chains.get(entry) === tail) this.chains.delete(entry);
    });
    return run;
  }

  /**
   * Closes and forgets the bridge named 'name' after the changes before
   * it: its watchers and agents' streams end (NOT_FOUND, "bridge ... was
   * deleted"), then its controllers, sessions and listeners close.
   * Throws RequestError(NOT_FOUND), also to a second concurrent call.
   */
  delete(name: string): Promise<void> {
    return this.operate(name, async (entry) => {
      this.bridges.delete(name);
      const done = this.finish(entry);
      this.deleting.set(name, done);
      try {
        await done;
      } finally {
        if (this.deleting.get(name) === done) this.deleting.delete(name);
      }
    });
  }

  private async finish(entry: BridgeEntry): Promise<void> {
    const gone = `bridge: bridge "${entry.config.name}" was deleted`;
    entry.changes.deleted();
    entry.agent?.close(grpc.status.NOT_FOUND, gone);
    await entry.mgr.destroy();
    entry.referenceSwitch?.close();
  }

  /** Makes 'desired' the controllers of the bridge 'name' (already validated); NOT_FOUND if unknown. */
  async setControllers(name: string, desired: ReadonlyMap<string, ControllerSettings>): Promise<void> {
    await this.operate(name, (b) => b.mgr.setControllers(desired));
  }

  /** The status of each controller of 'name' (§4.12); NOT_FOUND if unknown. */
  controllerStatus(name: string): ControllerStatus[] {
    return this.get(name).mgr.controllerStatus();
  }

  /** Closes every bridge. */
  async close(): Promise<void> {
    for (const name of [...this.bridges.keys()]) {
      await this.delete(name).catch((e: unknown) => {
        if (!(e instanceof RequestError)) throw e;
      });
    }
    await Promise.all([...this.deleting.values()]);
  }
}
