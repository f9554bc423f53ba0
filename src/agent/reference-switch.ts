/**
 * The reference software switch: an in-memory OpenFlow datapath that
 * implements connmgr's DatapathPort (src/connmgr/datapath-port.ts).  It
 * backs connmgr's tests and the reference agent process.  It owns the
 * ports (switch-ports.ts), the flow tables (flow-table.ts, changed by
 * flow-mod-semantics.ts), the group and meter tables, the MAC learning
 * table of NORMAL, and the timer that expires flows; packets run through
 * pipeline.ts and action-executor.ts.
 *
 * Two faces:
 *  - the datapath port connmgr drives: features(), request() (FLOW_MOD,
 *    PACKET_OUT, PORT_MOD, GROUP_MOD, METER_MOD, TABLE_MOD, multipart
 *    requests, BARRIER), flush(), hidden flows (one at a time, or the
 *    whole set at once, as an agent gets it on attach), and the event listener
 *    that receives packet-in, flow-removed and port-status events, in
 *    order, from a microtask (event-queue.ts);
 *  - the "wire" side an agent or a test drives: inject() a frame on a
 *    port (running the pipeline, and returning what the switch sent out),
 *    a transmit listener for every frame sent, adding and deleting ports,
 *    link up/down, port counters, and missSendsToController, the table-miss setting
 *    connmgr keeps current (reference §4.8.7).
 *
 * Port-status events follow Open vSwitch: a new port is announced (ADD)
 * before its liveness (a MODIFY that sets OFPPS_LIVE); a PORT_MOD that
 * changes a port gives a MODIFY naming the session that sent it
 * (causedBy), and one that takes the port down or up gives a second
 * MODIFY for the link state that follows.  Flows whose group or meter is
 * deleted go with it (OFPRR_GROUP_DELETE / OFPRR_METER_DELETE); every flow
 * removal of a flow with OFPFF_SEND_FLOW_REM raises a flow-removed event
 * (flush() included, as OVS's flush does).
 *
 * Tables are numbered 0 to nTables - 1 (254 by default, as in Open
 * vSwitch) and nameless unless named in the options; TABLE_FEATURES
 * describes them (table-features.ts).
 *
 * request() never rejects for a bad request: refusals are DatapathError
 * (and the codec's OfpCodecError) turned into { ok: false, error }.
 */

import type {
  DatapathEvent, DatapathFeatures, DatapathPacketIn, DatapathPort, DatapathReply, DatapathRequest, HiddenFlow,
} from '../connmgr/datapath-port.js';
import { type Clock, systemClock, type TimerHandle } from '../clock/clock.js';
import type { DescStatsReply } from '../openflow/desc-stats.js';
import type { FlowModMsg } from '../openflow/flow-mod.js';
import type { FlowStats } from '../openflow/flow-stats.js';
import type { GroupModMsg } from '../openflow/group-mod.js';
import { OfpCodecError, type OfpErrName, type OfpMessage, refusalFor } from '../openflow/index.js';
import type { MatchField } from '../openflow/match.js';
import type { MeterModMsg } from '../openflow/meter-mod.js';
import { NO_BUFFER } from '../openflow/packet-in.js';
import type { PacketOutMsg } from '../openflow/packet-out.js';
import type { Port, PortModMsg } from '../openflow/port.js';
import { OFPP_ANY, OFPP_CONTROLLER, OFPP_LOCAL } from '../openflow/port-number.js';
import type { InBandInfo, InBandRemote } from '../inband/in-band.js';
import type { TableModMsg } from '../openflow/table-mod.js';
import { OFPTT_ALL } from '../openflow/table-mod.js';
import { checkActions, checkInstructions, type ActionCheckEnv } from './action-check.js';
import { executeActions, type Traversal } from './action-executor.js';
import { DatapathError, refuse } from './datapath-error.js';
import { fieldOf, toBits } from './field-bits.js';
import { compileMatch, sameMatch } from './flow-match.js';
import { applyFlowMod, wantsFlowRemoved } from './flow-mod-semantics.js';
import {
  FlowEntry, FlowTables, MAX_OPENFLOW_PRIORITY, OFPRR_DELETE, OFPRR_GROUP_DELETE, OFPRR_METER_DELETE,
} from './flow-table.js';
import { GroupTable } from './group-table.js';
import { EventQueue } from './event-queue.js';
import { MacLearningTable, type NormalDecision } from './mac-learning.js';
import { type MeterLimits, MeterTable } from './meter-table.js';
import { answerMultipart, durationSince, flowStatsOf, type StatsSource } from './multipart-replies.js';
import { tableNamesOf } from './table-features.js';
import { isMetadataField, Packet } from './packet.js';
import { runPipeline, type PipelineEnv, type TableMissConfig } from './pipeline.js';
import {
  checkPortSpec, MAX_PORTS, OFPPC_NO_PACKET_IN, OFPPC_PORT_DOWN, OFPPS_LINK_DOWN, OFPPS_LIVE, PORT_CONFIG_BITS_10,
  PORT_CONFIG_BITS_11, type PortCounters, portFromSpec, type PortSpec, SwitchPort,
} from './switch-ports.js';

/** OFPC_* capabilities (OF1.1+ meaning, plus OVS's ARP_MATCH_IP bit 7): flow, table, port, group, queue stats, ARP match. */
export const SWITCH_CAPABILITIES = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80;
/** OF1.0 action bitmap: output through enqueue (OFPAT10_OUTPUT..OFPAT10_ENQUEUE). */
export const SWITCH_OF10_ACTIONS = 0xfff;

/** How to build a switch. */
export interface ReferenceSwitchOptions {
  readonly datapathId: bigint;
  /** Name of the LOCAL port (default "br0"). */
  readonly bridgeName?: string;
  /**
   * Ports present from the start (no port-status events for them).  LOCAL
   * is always there; a spec for OFPP_LOCAL here sets its name, address,
   * config or link instead of the defaults.
   */
  readonly ports?: readonly PortSpec[];
  /** Number of flow tables (default 254, as in Open vSwitch). */
  readonly nTables?: number;
  /** Default systemClock. */
  readonly clock?: Clock;
  /** DESC statistics strings (defaults name this software). */
  readonly desc?: Partial<Omit<DescStatsReply, 'stat'>>;
  /** How long NORMAL remembers an address (default 300 000 ms). */
  readonly macAgingMs?: number;
  /**
   * Names of flow tables, by table id (Open vSwitch's Flow_Table name):
   * at most 31 Latin-1 characters.  Tables not named have none.
   */
  readonly tableNames?: Readonly<Record<number, string>>;
  /** Meter table limits (default 1024 meters of at most 8 bands). */
  readonly meterLimits?: MeterLimits;
  /**
   * The switch's static routing and ARP knowledge for in-band control
   * (reference §8.3): remote IPv4 address -> MAC of its next hop.  Remotes
   * not listed have no known next hop.
   */
  readonly nextHops?: Readonly<Record<string, string>>;
}

/** A frame the switch sent out of a port. */
export interface Transmission {
  readonly port: number;
  readonly frame: Uint8Array;
}

/** A flow as `ovs-appctl bridge/dump-flows` would show it: hidden flows included. */
export type FlowSnapshot = FlowStats & { readonly hidden: boolean };

const DEFAULT_DESC: Omit<DescStatsReply, 'stat'> = {
  mfrDesc: 'ofconnmgr project',
  hwDesc: 'ofconnmgr reference software switch',
  swDesc: 'ofconnmgr 0.1.0',
  serialNum: 'None',
  dpDesc: 'None',
};

export class ReferenceSwitch implements DatapathPort {
  /**
   * The table-miss setting (reference §4.8.7): when true, a packet no flow
   * matches (in a table with the default miss config) goes to the
   * controller as an 'implicit_miss' packet-in; when false it is dropped.
   * connmgr sets it; it starts false.
   */
  missSendsToController = false;

  readonly datapathId: bigint;
  readonly bridgeName: string;
  private readonly clock: Clock;
  private readonly tables: FlowTables;
  private readonly groups = new GroupTable();
  private readonly meters: MeterTable;
  private readonly macs: MacLearningTable;
  private readonly ports = new Map<number, SwitchPort>();
  /** Whether each port's link (carrier) is up, apart from its config. */
  private readonly carrier = new Map<number, boolean>();
  private readonly missConfig = new Map<number, TableMissConfig>();
  private readonly events = new EventQueue<DatapathEvent>();
  private readonly desc: Omit<DescStatsReply, 'stat'>;
  private transmitListener: ((t: Transmission) => void) | null = null;
  /** Frames sent while inject() runs, returned by it. */
  private collecting: Transmission[] | undefined;
  private expiryTimer: TimerHandle | undefined;
  private expiryAt = Infinity;
  private closed = false;
  private readonly pipelineEnv: PipelineEnv;
  private readonly statsSource: StatsSource;
  private readonly nextHops: ReadonlyMap<string, string>;

  constructor(opts: ReferenceSwitchOptions) {
    this.datapathId = opts.datapathId;
    this.bridgeName = opts.bridgeName ?? 'br0';
    this.clock = opts.clock ?? systemClock;
    this.tables = new FlowTables(opts.nTables ?? 254);
    this.meters = new MeterTable(opts.meterLimits ?? { maxMeters: 1024, maxBands: 8 });
    this.macs = new MacLearningTable(opts.macAgingMs ?? 300_000);
    this.desc = { ...DEFAULT_DESC, ...opts.desc };
    const specs = opts.ports ?? [];
    const local: PortSpec[] = specs.some((p) => p.portNo === OFPP_LOCAL) ? [] : [{ portNo: OFPP_LOCAL }];
    for (const spec of [...local, ...specs]) {
      checkPortSpec(spec);
      if (this.ports.has(spec.portNo)) throw new RangeError(`port ${spec.portNo} given twice`);
      const port = new SwitchPort(portFromSpec(spec, this.datapathId, this.bridgeName), this.clock.now());
      this.carrier.set(spec.portNo, spec.linkUp ?? true);
      port.desc = { ...port.desc, state: this.linkState(port) };
      this.ports.set(spec.portNo, port);
    }
    this.nextHops = new Map(Object.entries(opts.nextHops ?? {}).map(([ip, mac]) => [ip, mac.toLowerCase()]));
    this.pipelineEnv = this.makePipelineEnv();
    this.statsSource = {
      tables: this.tables, groups: this.groups, meters: this.meters, desc: this.desc, tableNames: tableNamesOf(opts.tableNames ?? {}, this.tables.nTables),
      ports: () => this.sortedPorts(), now: () => this.clock.now(),
    };
  }

  /* ------------------------------------------------------------------ */
  /* DatapathPort.                                                       */

  /** Datapath id, tables, capabilities and every port (LOCAL last). */
  features(): DatapathFeatures {
    return {
      datapathId: this.datapathId, nTables: this.tables.nTables, capabilities: SWITCH_CAPABILITIES,
      actions: SWITCH_OF10_ACTIONS, ports: this.sortedPorts().map((p) => p.desc),
    };
  }

  /** Carries out one datapath request (see the file comment); never rejects for a bad request. */
  request(req: DatapathRequest): Promise<DatapathReply> {
    try {
      const replies = this.handle(req);
      this.scheduleExpiry();
      return Promise.resolve({ ok: true, replies });
    } catch (e) {
      const error = errorNameOf(e);
      if (error === undefined) throw e;
      return Promise.resolve({ ok: false, error });
    }
  }

  /** Deletes every flow (hidden ones included), group and meter (reference §4.11.3). */
  flush(): Promise<void> {
    for (const f of this.tables.all()) this.removeFlow(f, OFPRR_DELETE);
    this.groups.clear();
    this.meters.clear();
    this.scheduleExpiry();
    return Promise.resolve();
  }

  /**
   * Adds hidden flow 'flow' to table 0, replacing one of the same priority
   * and match.  Rejects with an Error for a priority of 65535 or less or a
   * match or instructions the switch refuses (a connmgr bug, not a
   * controller's request).
   */
  addHiddenFlow(flow: HiddenFlow): Promise<void> {
    try {
      const entry = this.hiddenEntry(flow);
      const old = this.tables.findExact(0, flow.priority, entry.compiled);
      if (old) this.tables.replace(old, entry);
      else this.tables.insert(entry);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * Makes 'flows' the switch's full set of hidden flows (what connmgr
   * sends a datapath that attaches: reference §4.11, §8.3): every hidden
   * flow not in the set (by priority and match) goes, every flow of the
   * set is added or replaced, as addHiddenFlow() would.  All or nothing:
   * rejects with an Error, changing nothing, if any flow of the set would
   * be refused (priority of 65535 or less, a match or instructions the
   * switch refuses, the same priority and match twice).
   */
  replaceHiddenFlows(flows: readonly HiddenFlow[]): Promise<void> {
    try {
      const entries: FlowEntry[] = [];
      for (const flow of flows) entries.push(this.hiddenEntry(flow));
      for (let i = 0; i < entries.length; i++) {
        for (let j = 0; j < i; j++) {
          if (entries[j]!.priority === entries[i]!.priority && sameMatch(entries[j]!.compiled, entries[i]!.compiled)) {
            throw new RangeError(`hidden flow ${i} repeats the priority and match of hidden flow ${j}`);
          }
        }
      }
      for (const f of this.tables.all()) if (f.hidden) this.tables.remove(f);
      for (const e of entries) this.tables.insert(e);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Deletes the hidden flow with exactly 'priority' and 'match', if there is one. */
  deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void> {
    try {
      const f = this.tables.findExact(0, priority, compileMatch(match, 'lenient'));
      if (f?.hidden) this.tables.remove(f);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * In-band control's view (reference §8.3): the LOCAL port's address and,
   * per remote, the next-hop MAC from the static 'nextHops' table (null
   * for a remote not in it).
   */
  inbandInfo(remotes: readonly InBandRemote[]): Promise<InBandInfo> {
    const local = this.ports.get(OFPP_LOCAL);
    return Promise.resolve({
      localMac: local ? local.desc.hwAddr : null,
      nextHopMacs: remotes.map((r) => this.nextHops.get(r.ip) ?? null),
    });
  }

  setEventListener(listener: ((event: DatapathEvent) => void) | null): void {
    this.events.setListener(listener);
  }

  /* ------------------------------------------------------------------ */
  /* The wire side.                                                      */

  /**
   * A frame arrives on port 'portNo': runs the pipeline and returns the
   * frames the switch sent out because of it, in order (they also go to
   * the transmit listener).  A port that is down or has NO_RECV drops it
   * (counted in rx_dropped).  Throws RangeError for a port the switch
   * does not have, or a frame shorter than an Ethernet header.
   */
  inject(portNo: number, frame: Uint8Array): Transmission[] {
    const port = this.ports.get(portNo);
    if (!port) throw new RangeError(`no port ${portNo}`);
    if (frame.length < 14) throw new RangeError(`a frame of ${frame.length} bytes is shorter than an Ethernet header`);
    const out: Transmission[] = [];
    if (!port.canReceive) {
      port.counters.rxDropped++;
      return out;
    }
    port.counters.rxPackets++;
    port.counters.rxBytes += BigInt(frame.length);
    const outer = this.collecting;
    this.collecting = out;
    try {
      runPipeline(new Packet(new Uint8Array(frame), portNo), this.pipelineEnv, { tableId: 0, inPacketOut: false, depth: 0 });
    } finally {
      this.collecting = outer;
    }
    return out;
  }

  /** Sets (or with null removes) the listener called, synchronously, for every frame sent out of a port. */
  setTransmitListener(listener: ((t: Transmission) => void) | null): void {
    this.transmitListener = listener;
  }

  /**
   * Adds a port and raises port-status ADD (then MODIFY with OFPPS_LIVE if
   * its link is up).  Throws RangeError for a number in use or invalid.
   */
  addPort(spec: PortSpec): Port {
    checkPortSpec(spec);
    if (this.ports.has(spec.portNo)) throw new RangeError(`port ${spec.portNo} exists`);
    const port = new SwitchPort(portFromSpec(spec, this.datapathId, this.bridgeName), this.clock.now());
    this.ports.set(spec.portNo, port);
    this.carrier.set(spec.portNo, spec.linkUp ?? true);
    this.portStatus(0, port.desc);
    this.refreshLinkState(port);
    return port.desc;
  }

  /** Deletes port 'portNo' and raises port-status DELETE.  Throws RangeError for LOCAL or a missing port. */
  deletePort(portNo: number): void {
    const port = this.ports.get(portNo);
    if (!port || portNo === OFPP_LOCAL) throw new RangeError(`cannot delete port ${portNo}`);
    this.ports.delete(portNo);
    this.carrier.delete(portNo);
    this.macs.forgetPort(portNo);
    this.portStatus(1, port.desc);
  }

  /** Sets the link (carrier) of port 'portNo' up or down; a change raises port-status MODIFY. */
  setLinkState(portNo: number, up: boolean): void {
    const port = this.ports.get(portNo);
    if (!port) throw new RangeError(`no port ${portNo}`);
    this.carrier.set(portNo, up);
    this.refreshLinkState(port);
  }

  /** Every flow, hidden ones included, as statistics show them (`bridge/dump-flows`). */
  dumpFlows(): FlowSnapshot[] {
    const now = this.clock.now();
    return this.tables.all().map((f) => ({ ...flowStatsOf(f, now), hidden: f.hidden }));
  }

  /** Every port (LOCAL last) with a copy of its counters, as PORT statistics count them. */
  portCounters(): { readonly port: Port; readonly counters: Readonly<PortCounters> }[] {
    return this.sortedPorts().map((p) => ({ port: p.desc, counters: { ...p.counters } }));
  }

  /** Stops the expiry timer; the switch must not be used afterwards. */
  close(): void {
    this.closed = true;
    this.expiryTimer?.cancel();
    this.expiryTimer = undefined;
  }

  /* ------------------------------------------------------------------ */
  /* Requests.                                                           */

  private handle(req: DatapathRequest): OfpMessage[] {
    const m = req.msg;
    switch (m.type) {
      case 'flow_mod':
        this.flowMod(m);
        return [];
      case 'packet_out':
        this.packetOut(m);
        return [];
      case 'port_mod':
        this.portMod(m, req.origin.sessionId);
        return [];
      case 'group_mod':
        this.groupMod(m);
        return [];
      case 'meter_mod':
        this.meterMod(m);
        return [];
      case 'table_mod':
        this.tableMod(m);
        return [];
      case 'multipart_request':
        return [{ type: 'multipart_reply', version: m.version, xid: m.xid, flags: 0, body: answerMultipart(m.body, this.statsSource, m.version) }];
      case 'barrier_request':
        return [{ type: 'barrier_reply', version: m.version, xid: m.xid }];
      case 'unmodelled':
        return refuse(refusalFor(m), `${m.rawName} is not a datapath request this switch handles`);
      default:
        return refuse('OFPBRC_BAD_TYPE', `${m.type} is not a datapath request`);
    }
  }

  private flowMod(m: FlowModMsg): void {
    applyFlowMod(m, {
      tables: this.tables, check: this.checkEnv(), now: () => this.clock.now(),
      removed: (f, reason) => this.flowRemoved(f, reason),
    });
  }

  /**
   * PACKET_OUT: runs the actions on the packet as if it came from in_port
   * (which must be a port number below 0xff00, LOCAL, CONTROLLER or ANY,
   * else OFPBRC_BAD_PORT); output:TABLE runs it through the tables.  A
   * buffer id without data means connmgr had no such buffer to attach:
   * OFPBRC_BUFFER_UNKNOWN.
   */
  private packetOut(m: PacketOutMsg): void {
    const inPort = m.inPort;
    if (m.bufferId !== NO_BUFFER && m.data.length === 0) refuse('OFPBRC_BUFFER_UNKNOWN', `buffer ${m.bufferId}`);
    if (inPort >= MAX_PORTS && inPort !== OFPP_LOCAL && inPort !== OFPP_CONTROLLER && inPort !== OFPP_ANY) {
      refuse('OFPBRC_BAD_PORT', `packet-out from port ${inPort}`);
    }
    checkActions(m.actions, this.checkEnv());
    const p = new Packet(new Uint8Array(m.data), inPort);
    for (const f of m.metadata) {
      if (f.field === 'opaque') continue;
      const name = f.field === 'tun_id' ? 'tunnel_id' : f.field;
      const bits = toBits(fieldOf(f.field), f.value);
      if (isMetadataField(name) && bits !== undefined) p.setMeta(name, bits);
    }
    const t: Traversal = { inPacketOut: true, depth: 0, tableId: 0, flow: undefined };
    executeActions(m.actions, p, t, 'apply', this.pipelineEnv);
  }

  private portMod(m: PortModMsg, sessionId: number): void {
    const port = this.ports.get(m.portNo);
    if (!port) refuse('OFPPMFC_BAD_PORT', `no port ${m.portNo}`);
    if (m.hwAddr.toLowerCase() !== port.desc.hwAddr) refuse('OFPPMFC_BAD_HW_ADDR', `port ${m.portNo} has address ${port.desc.hwAddr}`);
    const bits = m.version === 1 ? PORT_CONFIG_BITS_10 : PORT_CONFIG_BITS_11;
    const mask = m.mask & bits;
    const config = (port.desc.config & ~mask) | (m.config & mask);
    const advertised = m.advertise ? m.advertise : port.desc.advertised;
    if (config === port.desc.config && advertised === port.desc.advertised) return;
    port.desc = { ...port.desc, config, advertised };
    this.portStatus(2, port.desc, sessionId);
    this.refreshLinkState(port);
  }

  private groupMod(m: GroupModMsg): void {
    const env = this.checkEnv();
    const deleted = this.groups.apply(m, this.clock.now(), (b) => checkActions(b.actions, env));
    for (const id of deleted) {
      for (const f of this.tables.all()) if (f.usesGroup(id)) this.removeFlow(f, OFPRR_GROUP_DELETE);
    }
  }

  private meterMod(m: MeterModMsg): void {
    const deleted = this.meters.apply(m, this.clock.now());
    for (const id of deleted) {
      for (const f of this.tables.all()) if (f.meterId === id) this.removeFlow(f, OFPRR_METER_DELETE);
    }
  }

  /**
   * TABLE_MOD: a table that does not exist is OFPTMFC_BAD_TABLE.  The
   * OpenFlow 1.1/1.2 table-miss bits set the tables' miss config (OVS
   * ignores them from 1.3 on); the OpenFlow 1.4 eviction and vacancy bits
   * are accepted and change nothing (tables here are unbounded).
   */
  private tableMod(m: TableModMsg): void {
    if (m.tableId !== OFPTT_ALL && !this.tables.hasTable(m.tableId)) refuse('OFPTMFC_BAD_TABLE', `table ${m.tableId} does not exist`);
    const ids = m.tableId === OFPTT_ALL ? [...Array(this.tables.nTables).keys()] : [m.tableId];
    const miss: TableMissConfig = (['controller', 'continue', 'drop', 'default'] as const)[m.config & 3]!;
    if (m.version === 2 || m.version === 3) for (const id of ids) this.missConfig.set(id, miss);
  }

  /* ------------------------------------------------------------------ */
  /* Internals.                                                          */

  /** The table-0 entry of hidden flow 'flow'; throws for one the switch refuses. */
  private hiddenEntry(flow: HiddenFlow): FlowEntry {
    if (!Number.isInteger(flow.priority) || flow.priority <= MAX_OPENFLOW_PRIORITY) {
      throw new RangeError(`hidden flow priority ${flow.priority} is not above ${MAX_OPENFLOW_PRIORITY}`);
    }
    const compiled = compileMatch(flow.match, 'strict');
    checkInstructions(flow.instructions, 0, this.checkEnv());
    return new FlowEntry({
      tableId: 0, priority: flow.priority, match: flow.match, compiled, cookie: 0n, idleTimeout: 0, hardTimeout: 0,
      flags: 0, importance: 0, instructions: flow.instructions,
    }, this.clock.now(), this.tables.nextSeq());
  }

  private sortedPorts(): SwitchPort[] {
    return [...this.ports.values()].sort((a, b) => a.portNo - b.portNo);
  }

  private checkEnv(): ActionCheckEnv {
    return {
      nTables: this.tables.nTables,
      groupExists: (id) => this.groups.has(id),
      meterExists: (id) => this.meters.has(id),
    };
  }

  /** OFPPS_* state from carrier and config: LIVE when up, LINK_DOWN otherwise; other bits kept. */
  private linkState(port: SwitchPort): number {
    const up = (this.carrier.get(port.portNo) ?? true) && !(port.desc.config & OFPPC_PORT_DOWN);
    return (port.desc.state & ~(OFPPS_LINK_DOWN | OFPPS_LIVE)) | (up ? OFPPS_LIVE : OFPPS_LINK_DOWN);
  }

  private refreshLinkState(port: SwitchPort): void {
    const state = this.linkState(port);
    if (state === port.desc.state) return;
    port.desc = { ...port.desc, state };
    this.portStatus(2, port.desc);
  }

  private portStatus(reason: number, port: Port, causedBy?: number): void {
    this.events.push(causedBy === undefined
      ? { type: 'port_status', reason, port }
      : { type: 'port_status', reason, port, causedBy });
  }

  /** Removes 'f' and raises flow-removed with 'reason' if it asked for it. */
  private removeFlow(f: FlowEntry, reason: number): void {
    if (this.tables.remove(f)) this.flowRemoved(f, reason);
  }

  private flowRemoved(f: FlowEntry, reason: number): void {
    if (!wantsFlowRemoved(f)) return;
    this.events.push({
      type: 'flow_removed', reason, tableId: f.tableId, priority: f.priority, cookie: f.cookie, match: f.match,
      ...durationSince(f.created, this.clock.now()), idleTimeout: f.idleTimeout, hardTimeout: f.hardTimeout,
      packetCount: f.packetCount, byteCount: f.byteCount,
    });
  }

  /** Arms the one timer for the earliest flow deadline. */
  private scheduleExpiry(): void {
    if (this.closed) return;
    const next = this.tables.nextDeadline();
    if (next === this.expiryAt) return;
    this.expiryTimer?.cancel();
    this.expiryTimer = undefined;
    this.expiryAt = next;
    if (next === Infinity) return;
    this.expiryTimer = this.clock.setTimer(next - this.clock.now(), () => {
      this.expiryTimer = undefined;
      this.expiryAt = Infinity;
      for (const { flow, reason } of this.tables.expired(this.clock.now())) this.removeFlow(flow, reason);
      this.scheduleExpiry();
    });
  }

  private transmit(portNo: number, p: Packet): void {
    const port = this.ports.get(portNo);
    if (!port) return;
    if (!port.canTransmit) {
      port.counters.txDropped++;
      return;
    }
    const frame = new Uint8Array(p.frame);
    port.counters.txPackets++;
    port.counters.txBytes += BigInt(frame.length);
    const t: Transmission = { port: portNo, frame };
    this.collecting?.push(t);
    this.transmitListener?.(t);
  }

  private floodPorts(inPort: number, all: boolean): number[] {
    return this.sortedPorts().filter((p) => p.portNo !== inPort && (all || p.floods)).map((p) => p.portNo);
  }

  private normal(p: Packet): NormalDecision {
    const learnable = this.ports.has(p.inPort);
    return this.macs.decide(p.key(), p.inPort, learnable, this.clock.now());
  }

  private packetIn(e: DatapathPacketIn): void {
    this.events.push(e);
  }

  /** What the pipeline and actions use of the switch. */
  private makePipelineEnv(): PipelineEnv {
    return {
      now: () => this.clock.now(),
      groups: this.groups,
      tables: this.tables,
      meters: this.meters,
      transmit: (port, p) => this.transmit(port, p),
      floodPorts: (inPort, all) => this.floodPorts(inPort, all),
      portLive: (port) => ((this.ports.get(port)?.desc.state ?? 0) & OFPPS_LIVE) !== 0,
      normal: (p) => this.normal(p),
      packetIn: (e) => this.packetIn(e),
      resubmit: (p, from) => runPipeline(p, this.pipelineEnv, { tableId: 0, inPacketOut: from.inPacketOut, depth: from.depth + 1 }),
      missSendsToController: () => this.missSendsToController,
      tableMissConfig: (id) => this.missConfig.get(id) ?? 'default',
      portAllowsPacketIn: (port) => !((this.ports.get(port)?.desc.config ?? 0) & OFPPC_NO_PACKET_IN),
    };
  }
}

/** The OpenFlow error a refusal carries, or undefined if 'e' is not a refusal. */
function errorNameOf(e: unknown): OfpErrName | undefined {
  if (DatapathError.is(e)) return e.ofperr;
  if (OfpCodecError.is(e)) return e.ofperr;
  return undefined;
}
