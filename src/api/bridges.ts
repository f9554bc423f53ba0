/**
 * The bridges a service holds: for each, its settings (conversion.ts's
 * BridgeConfig) and its connection manager (src/connmgr).  Until the agent
 * channel (the Attach stream) exists, every bridge's datapath is an
 * in-process ReferenceSwitch (src/agent): the software switch the
 * reference agent will run on the far side of Attach.  The agent channel
 * replaces it later; nothing above this file depends on which it is.
 */

import { ConnMgr, type ConnMgrListener, type ControllerSettings, type ControllerStatus } from '../connmgr/index.js';
import { systemClock, type Clock } from '../clock/clock.js';
import { ReferenceSwitch } from '../agent/index.js';
import { status } from '@grpc/grpc-js';
import type { BridgeConfig } from './conversion.js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import { RequestError } from './request-error.js';

/** One bridge: its settings, its datapath and its connection manager. */
export interface BridgeEntry {
  config: BridgeConfig;
  /** The controllers last set, in their API form (what the state file saves). */
  controllers: readonly Controller__Output[];
  /** The snoop targets last set. */
  snoops: readonly string[];
  readonly datapath: ReferenceSwitch;
  readonly mgr: ConnMgr;
}

/** Options of a BridgeRegistry. */
export interface BridgeRegistryOptions {
  /** Default systemClock. */
  readonly clock?: Clock;
  /** Receives every connmgr event of every bridge. */
  readonly listener?: ConnMgrListener;
}

/** The bridges of one service, by name. */
export class BridgeRegistry {
  private readonly bridges = new Map<string, BridgeEntry>();
  private readonly clock: Clock;
  private readonly listener: ConnMgrListener | undefined;

  constructor(options: BridgeRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.listener = options.listener;
  }

  /**
   * Creates the bridge 'config' describes, with no controllers and no
   * snoops, in its fail mode.  Throws RequestError(ALREADY_EXISTS) if the
   * name is taken.
   */
  async create(config: BridgeConfig): Promise<BridgeEntry> {
    if (this.bridges.has(config.name)) {
      throw new RequestError(status.ALREADY_EXISTS, `bridge.name: a bridge named "${config.name}" exists`);
    }
    const datapath = new ReferenceSwitch({ datapathId: config.datapathId, bridgeName: config.name, clock: this.clock });
    const mgr = new ConnMgr({
      bridge: config.name,
      clock: this.clock,
      datapath,
      packetBuffers: config.packetBuffers,
      ...(this.listener ? { listener: this.listener } : {}),
    });
    const entry: BridgeEntry = { config, controllers: [], snoops: [], datapath, mgr };
    // Registered before the first await, so a concurrent create of the
    // same name is refused.
    this.bridges.set(config.name, entry);
    await mgr.setFailMode(config.failMode);
    return entry;
  }

  /** The bridge named 'name'; throws RequestError(NOT_FOUND). */
  get(name: string): BridgeEntry {
    const b = this.bridges.get(name);
    if (!b) throw RequestError.noBridge(name);
    return b;
  }

  /** Every bridge, in name order. */
  list(): BridgeEntry[] {
    return [...this.bridges.values()].sort((a, b) => (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0));
  }

  /** Closes and forgets the bridge named 'name'; throws RequestError(NOT_FOUND). */
  async delete(name: string): Promise<void> {
    const b = this.get(name);
    this.bridges.delete(name);
    await b.mgr.destroy();
    b.datapath.close();
  }

  /** Makes 'desired' the controllers of the bridge 'name' (already validated); NOT_FOUND if unknown. */
  async setControllers(name: string, desired: ReadonlyMap<string, ControllerSettings>): Promise<void> {
    await this.get(name).mgr.setControllers(desired);
  }

  /** The status of each controller of 'name' (§4.12); NOT_FOUND if unknown. */
  controllerStatus(name: string): ControllerStatus[] {
    return this.get(name).mgr.controllerStatus();
  }

  /** Closes every bridge. */
  async close(): Promise<void> {
    for (const name of [...this.bridges.keys()]) await this.delete(name);
  }
}
