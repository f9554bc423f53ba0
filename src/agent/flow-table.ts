/**
 * The flow tables: per table, flow entries ordered by priority, with the
 * lookup a packet does, the selections a FLOW_MOD or a statistics request
 * makes (loose or strict, filtered by cookie, output port and group, as
 * Open vSwitch's collect_rules_loose/strict do), overlap detection, table
 * counters, and which flows have timed out.  What each FLOW_MOD command
 * does with these is flow-mod-semantics.ts; running a packet through the
 * tables is pipeline.ts.  Times are milliseconds of the switch's Clock.
 *
 * Hidden flows (priority above 65535, reference §4.8.6: fail-open and
 * in-band rules that connmgr installs) live in table 0 like any other and
 * win lookups by their priority, but OpenFlow requests never select them
 * and table statistics do not count them.
 *
 * Among flows of equal priority that all match a packet, the oldest wins
 * (OpenFlow leaves this undefined; this keeps lookups deterministic).
 */

import type { Instruction } from '../openflow/instructions.js';
import type { Match } from '../openflow/match.js';
import { OFPP_ANY, OFPP_CONTROLLER } from '../openflow/port-number.js';
import { OFPG_ANY } from '../openflow/group-mod.js';
import type { PacketKey } from './field-bits.js';
import { type CompiledMatch, isLooseMatch, matchesKey, matchesOverlap, sameMatch } from './flow-match.js';

/** OFPTT_ALL: every table. */
export const TABLE_ALL = 0xff;
/** Highest priority an OpenFlow request can give; above it flows are hidden. */
export const MAX_OPENFLOW_PRIORITY = 0xffff;

/** OFPRR_* reasons a flow leaves a table. */
export const OFPRR_IDLE_TIMEOUT = 0;
export const OFPRR_HARD_TIMEOUT = 1;
export const OFPRR_DELETE = 2;
export const OFPRR_GROUP_DELETE = 3;
export const OFPRR_METER_DELETE = 4;

/** What a flow is made of when it is installed. */
export interface FlowSpec {
  readonly tableId: number;
  readonly priority: number;
  /** The match as the controller gave it (reported back in statistics and flow-removed). */
  readonly match: Match;
  readonly compiled: CompiledMatch;
  readonly cookie: bigint;
  readonly idleTimeout: number;
  readonly hardTimeout: number;
  /** OFPFF_* flags as given (send_flow_rem, check_overlap, reset_counts, ...). */
  readonly flags: number;
  readonly importance: number;
  readonly instructions: readonly Instruction[];
}

/** Every action a flow's instructions can run (apply and write lists). */
function actionsOf(instructions: readonly Instruction[]) {
  return instructions.flatMap((i) => (i.type === 'apply_actions' || i.type === 'write_actions' ? i.actions : []));
}

/** One installed flow, with its counters and times. */
export class FlowEntry implements FlowSpec {
  readonly tableId: number;
  readonly priority: number;
  readonly match: Match;
  readonly compiled: CompiledMatch;
  cookie: bigint;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  importance: number;
  instructions: readonly Instruction[];
  /** When the flow was added (durations count from here). */
  created: number;
  /** When it was added or last modified (the hard timeout counts from here, as in OVS). */
  modified: number;
  /** When a packet last hit it, or when it was added if none has (a MODIFY does not count, as in OVS). */
  lastUsed: number;
  packetCount = 0n;
  byteCount = 0n;
  /** Insertion order, for stable ordering among equal priorities. */
  readonly seq: number;

  constructor(spec: FlowSpec, now: number, seq: number) {
    this.tableId = spec.tableId;
    this.priority = spec.priority;
    this.match = spec.match;
    this.compiled = spec.compiled;
    this.cookie = spec.cookie;
    this.idleTimeout = spec.idleTimeout;
    this.hardTimeout = spec.hardTimeout;
    this.flags = spec.flags;
    this.importance = spec.importance;
    this.instructions = spec.instructions;
    this.created = now;
    this.modified = now;
    this.lastUsed = now;
    this.seq = seq;
  }

  /** True for connmgr's hidden flows (priority above 65535). */
  get hidden(): boolean {
    return this.priority > MAX_OPENFLOW_PRIORITY;
  }

  /** True for a table-miss flow: priority 0, matching everything (OVS's rule_is_table_miss). */
  get isTableMiss(): boolean {
    return this.priority === 0 && this.compiled.entries.length === 0;
  }

  /** True if an output action of the flow sends to 'port' (OFPP_ANY: always true). */
  outputsTo(port: number): boolean {
    if (port === OFPP_ANY) return true;
    return actionsOf(this.instructions).some((a) =>
      ((a.type === 'output' || a.type === 'enqueue') && a.port === port) || (a.type === 'controller' && port === OFPP_CONTROLLER));
  }

  /** True if a group action of the flow names 'group' (OFPG_ANY: always true). */
  usesGroup(group: number): boolean {
    if (group === OFPG_ANY) return true;
    return actionsOf(this.instructions).some((a) => a.type === 'group' && a.groupId === group);
  }

  /** The meter of the flow's meter instruction, if it has one. */
  get meterId(): number | undefined {
    const m = this.instructions.find((i) => i.type === 'meter');
    return m?.type === 'meter' ? m.meterId : undefined;
  }

  /** Counts one packet of 'bytes' bytes hitting the flow at 'now'. */
  hit(bytes: number, now: number): void {
    this.packetCount++;
    this.byteCount += BigInt(bytes);
    this.lastUsed = now;
  }

  /** When the flow expires and why, or undefined if it has no timeout. */
  deadline(): { at: number; reason: number } | undefined {
    const hard = this.hardTimeout ? this.modified + this.hardTimeout * 1000 : Infinity;
    const idle = this.idleTimeout ? this.lastUsed + this.idleTimeout * 1000 : Infinity;
    if (hard === Infinity && idle === Infinity) return undefined;
    // On a tie the hard timeout is the reason, as OVS checks it first.
    return hard <= idle ? { at: hard, reason: OFPRR_HARD_TIMEOUT } : { at: idle, reason: OFPRR_IDLE_TIMEOUT };
  }
}

/** Which flows a FLOW_MOD or a statistics request selects. */
export interface FlowSelection {
  /** One table, or TABLE_ALL. */
  readonly tableId: number;
  readonly match: CompiledMatch;
  /** Strict: same priority and same match.  Loose: any flow at least as specific as 'match'. */
  readonly strict: boolean;
  /** For strict selections. */
  readonly priority: number;
  readonly cookie: bigint;
  readonly cookieMask: bigint;
  /** OFPP_ANY for no restriction. */
  readonly outPort: number;
  /** OFPG_ANY for no restriction. */
  readonly outGroup: number;
  /** Hidden flows are selected only when asked for (connmgr's own operations). */
  readonly includeHidden: boolean;
}

/** Lookup counters of one table. */
interface TableCounters {
  lookups: bigint;
  matches: bigint;
}

export class FlowTables {
  /** Per table, flows by descending priority, then ascending seq. */
  private readonly tables: FlowEntry[][];
  private readonly counters: TableCounters[];
  private seq = 0;

  /** 'nTables' tables, numbered 0 to nTables - 1. */
  constructor(readonly nTables: number) {
    this.tables = Array.from({ length: nTables }, () => []);
    this.counters = Array.from({ length: nTables }, () => ({ lookups: 0n, matches: 0n }));
  }

  /** The next insertion sequence number (for new FlowEntry objects). */
  nextSeq(): number {
    return this.seq++;
  }

  /** True if 'tableId' names a table (TABLE_ALL does not). */
  hasTable(tableId: number): boolean {
    return Number.isInteger(tableId) && tableId >= 0 && tableId < this.nTables;
  }

  /**
   * The flow of table 'tableId' that a packet with key 'key' hits: the
   * highest priority match, or undefined on a miss.  Counts the lookup.
   */
  lookup(tableId: number, key: PacketKey): FlowEntry | undefined {
    const c = this.counters[tableId]!;
    c.lookups++;
    for (const f of this.tables[tableId]!) {
      if (matchesKey(f.compiled, key)) {
        c.matches++;
        return f;
      }
    }
    return undefined;
  }

  /** Adds 'f' to its table (the caller has removed any flow it replaces). */
  insert(f: FlowEntry): void {
    const t = this.tables[f.tableId]!;
    let i = t.length;
    while (i > 0 && t[i - 1]!.priority < f.priority) i--;
    t.splice(i, 0, f);
  }

  /** Removes 'f' from its table; false if it was not there. */
  remove(f: FlowEntry): boolean {
    const t = this.tables[f.tableId]!;
    const i = t.indexOf(f);
    if (i < 0) return false;
    t.splice(i, 1);
    return true;
  }

  /** Puts 'next' where 'old' was (same table, priority and match). */
  replace(old: FlowEntry, next: FlowEntry): void {
    const t = this.tables[old.tableId]!;
    const i = t.indexOf(old);
    if (i < 0) this.insert(next);
    else t[i] = next;
  }

  /** The flow of table 'tableId' with exactly 'priority' and 'match', if any. */
  findExact(tableId: number, priority: number, match: CompiledMatch): FlowEntry | undefined {
    return this.tables[tableId]!.find((f) => f.priority === priority && sameMatch(f.compiled, match));
  }

  /** True if a flow of table 'tableId' with 'priority' could match a packet 'match' matches. */
  overlaps(tableId: number, priority: number, match: CompiledMatch): boolean {
    return this.tables[tableId]!.some((f) => f.priority === priority && matchesOverlap(f.compiled, match));
  }

  /** The flows 'sel' selects, by table, then priority (highest first), then age. */
  select(sel: FlowSelection): FlowEntry[] {
    const out: FlowEntry[] = [];
    const ids = sel.tableId === TABLE_ALL ? this.tables.keys() : [sel.tableId];
    for (const id of ids) {
      for (const f of this.tables[id]!) {
        if (f.hidden && !sel.includeHidden) continue;
        if (((f.cookie ^ sel.cookie) & sel.cookieMask) !== 0n) continue;
        if (sel.strict ? f.priority !== sel.priority || !sameMatch(f.compiled, sel.match) : !isLooseMatch(f.compiled, sel.match)) continue;
        if (!f.outputsTo(sel.outPort) || !f.usesGroup(sel.outGroup)) continue;
        out.push(f);
      }
    }
    return out;
  }

  /** Every flow (hidden ones included), by table, then priority, then age. */
  all(): FlowEntry[] {
    return this.tables.flat();
  }

  /** Number of flows in table 'tableId' that OpenFlow sees (hidden ones not counted). */
  activeCount(tableId: number): number {
    return this.tables[tableId]!.filter((f) => !f.hidden).length;
  }

  /** Lookups and matches counted in table 'tableId'. */
  tableCounters(tableId: number): { readonly lookups: bigint; readonly matches: bigint } {
    return this.counters[tableId]!;
  }

  /** Every flow whose deadline is at or before 'now', with the reason it expires. */
  expired(now: number): { flow: FlowEntry; reason: number }[] {
    const out: { flow: FlowEntry; reason: number }[] = [];
    for (const f of this.all()) {
      const d = f.deadline();
      if (d && d.at <= now) out.push({ flow: f, reason: d.reason });
    }
    return out;
  }

  /** The earliest deadline of any flow, or Infinity if no flow has a timeout. */
  nextDeadline(): number {
    let next = Infinity;
    for (const t of this.tables) for (const f of t) next = Math.min(next, f.deadline()?.at ?? Infinity);
    return next;
  }
}
