/**
 * Statistics: the switch's answer to each multipart (OpenFlow 1.0
 * "stats") request, built as the neutral reply bodies of
 * src/openflow/multipart.ts.  connmgr re-stamps the reply with the
 * session's version and xid and splits it to fit; this file only says what
 * the switch has.
 *
 *  - DESC: the configured descriptions.
 *  - FLOW / AGGREGATE: the flows a loose selection picks (table or all
 *    tables, match, cookie under its mask, out_port, out_group), never
 *    hidden ones (reference §4.8.6); a table that does not exist is
 *    OFPBRC_BAD_TABLE_ID.
 *  - TABLE: every table with its visible flow count and lookup counters
 *    (in OpenFlow 1.0 also its name, empty unless the switch was given
 *    one, as in Open vSwitch).
 *  - TABLE_FEATURES: with no entries, every table's features
 *    (table-features.ts); with entries, a request to change them, which
 *    this switch refuses with OFPTFFC_EPERM, the error Open vSwitch gives
 *    for a change it cannot make (its tables' features are fixed by what
 *    it executes; Open vSwitch itself accepts only a change of names or
 *    one that gives up nothing).  A request in several parts (REQ_MORE)
 *    does not get here: connmgr refuses it (§4.8.4).
 *  - PORT / PORT_DESC: one port or all; an unknown port gives no entry.
 *  - QUEUE: this switch has no queues: an empty list for all queues of all
 *    or an existing port; OFPQOFC_BAD_PORT / OFPQOFC_BAD_QUEUE otherwise.
 *  - GROUP / GROUP_DESC / GROUP_FEATURES and METER / METER_CONFIG /
 *    METER_FEATURES from group-table.ts and meter-table.ts.
 * Ages are the time since the flow, port, group or meter was created; a
 * flow also reports its idle and hard ages.
 */

import type { DescStatsReply } from '../openflow/desc-stats.js';
import type { FlowStats } from '../openflow/flow-stats.js';
import { OFPG_ALL } from '../openflow/group-stats.js';
import { OFPM_ALL, OFPMF_BURST, OFPMF_KBPS, OFPMF_PKTPS, OFPMF_STATS } from '../openflow/meter-mod.js';
import type { MultipartReplyBody, MultipartRequestBody } from '../openflow/multipart.js';
import type { PortStats } from '../openflow/port-stats.js';
import { OFPP_ANY } from '../openflow/port-number.js';
import { OFPQ_ALL } from '../openflow/queue-stats.js';
import { refuse } from './datapath-error.js';
import { compileMatch } from './flow-match.js';
import { type FlowEntry, type FlowTables, TABLE_ALL } from './flow-table.js';
import { GROUP_KINDS, type GroupTable } from './group-table.js';
import type { MeterTable } from './meter-table.js';
import type { SwitchPort } from './switch-ports.js';
import { MAX_TABLE_ENTRIES, tableFeaturesOf } from './table-features.js';

/** OFPFW10_ALL: every OpenFlow 1.0 field can be wildcarded. */
const OFPFW10_ALL = 0x3fffff;

/** OFPGFC_SELECT_WEIGHT | SELECT_LIVENESS | CHAINING. */
const GROUP_CAPABILITIES = 0x1 | 0x2 | 0x4;
/** OFPAT_* (OpenFlow 1.1+ numbering) actions a bucket may hold. */
const BUCKET_ACTIONS = [0, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25].reduce((bits, n) => bits | (1 << n), 0);
/** OFPMBT_DROP and OFPMBT_DSCP_REMARK. */
const METER_BAND_TYPES = (1 << 1) | (1 << 2);
const OFPG_MAX = 0xffffff00;

/** Everything statistics read. */
export interface StatsSource {
  readonly tables: FlowTables;
  readonly groups: GroupTable;
  readonly meters: MeterTable;
  readonly desc: Omit<DescStatsReply, 'stat'>;
  /** Names of the tables that have one. */
  readonly tableNames: ReadonlyMap<number, string>;
  /** Every port, by number. */
  ports(): readonly SwitchPort[];
  now(): number;
}

/** Seconds and nanoseconds since 'since' (milliseconds of the clock). */
export function durationSince(since: number, now: number): { durationSec: number; durationNsec: number } {
  const ms = Math.max(0, now - since);
  return { durationSec: Math.floor(ms / 1000), durationNsec: (ms % 1000) * 1_000_000 };
}

/** Whole seconds since 'since' (milliseconds of the clock). */
function secondsSince(since: number, now: number): number {
  return Math.floor(Math.max(0, now - since) / 1000);
}

/**
 * One FLOW statistics entry for 'f', with its idle age (since a packet
 * last matched it) and hard age (since it was added or last modified), as
 * Open vSwitch reports them in NXST_FLOW.
 */
export function flowStatsOf(f: FlowEntry, now: number): FlowStats {
  return {
    tableId: f.tableId, ...durationSince(f.created, now), priority: f.priority, idleTimeout: f.idleTimeout,
    hardTimeout: f.hardTimeout, flags: f.flags, importance: f.importance, cookie: f.cookie,
    packetCount: f.packetCount, byteCount: f.byteCount, match: f.match, instructions: f.instructions,
    idleAge: secondsSince(f.lastUsed, now), hardAge: secondsSince(f.modified, now),
  };
}

function selectFlows(src: StatsSource, q: Extract<MultipartRequestBody, { stat: 'flow' | 'aggregate' }>): FlowEntry[] {
  if (q.tableId !== TABLE_ALL && !src.tables.hasTable(q.tableId)) refuse('OFPBRC_BAD_TABLE_ID', `table ${q.tableId} does not exist`);
  return src.tables.select({
    tableId: q.tableId, match: compileMatch(q.match, 'lenient'), strict: false, priority: 0, cookie: q.cookie,
    cookieMask: q.cookieMask, outPort: q.outPort, outGroup: q.outGroup, includeHidden: false,
  });
}

function portStatsOf(p: SwitchPort, now: number): PortStats {
  const c = p.counters;
  return {
    portNo: p.portNo, rxPackets: c.rxPackets, txPackets: c.txPackets, rxBytes: c.rxBytes, txBytes: c.txBytes,
    rxDropped: c.rxDropped, txDropped: c.txDropped, rxErrors: 0n, txErrors: 0n, rxFrameErr: 0n, rxOverErr: 0n,
    rxCrcErr: 0n, collisions: 0n, ...durationSince(p.created, now),
  };
}

/**
 * The reply body to request body 'q' of wire 'version'.  Throws
 * DatapathError for a request the switch refuses (see the file comment);
 * a kind it does not know is OFPBRC_BAD_STAT.
 */
export function answerMultipart(q: MultipartRequestBody, src: StatsSource, version: number): MultipartReplyBody {
  const now = src.now();
  switch (q.stat) {
    case 'desc':
      return { stat: 'desc', ...src.desc };
    case 'flow':
      return { stat: 'flow', entries: selectFlows(src, q).map((f) => flowStatsOf(f, now)) };
    case 'aggregate': {
      const flows = selectFlows(src, q);
      return {
        stat: 'aggregate', packetCount: flows.reduce((s, f) => s + f.packetCount, 0n),
        byteCount: flows.reduce((s, f) => s + f.byteCount, 0n), flowCount: flows.length,
      };
    }
    case 'table':
      return {
        stat: 'table',
        entries: Array.from({ length: src.tables.nTables }, (_, tableId) => {
          const c = src.tables.tableCounters(tableId);
          return {
            tableId, activeCount: src.tables.activeCount(tableId), lookupCount: c.lookups, matchedCount: c.matches,
            name: src.tableNames.get(tableId) ?? '', wildcards: OFPFW10_ALL, maxEntries: MAX_TABLE_ENTRIES,
          };
        }),
      };
    case 'table_features':
      if (q.entries.length > 0) refuse('OFPTFFC_EPERM', 'this switch does not change its tables\' features');
      return { stat: 'table_features', entries: tableFeaturesOf(src.tables.nTables, src.tableNames, version) };
    case 'port':
      return { stat: 'port', entries: src.ports().filter((p) => q.portNo === OFPP_ANY || p.portNo === q.portNo).map((p) => portStatsOf(p, now)) };
    case 'port_desc': {
      const want = q.portNo ?? OFPP_ANY;
      return { stat: 'port_desc', entries: src.ports().filter((p) => want === OFPP_ANY || p.portNo === want).map((p) => p.desc) };
    }
    case 'queue':
      if (q.portNo !== OFPP_ANY && !src.ports().some((p) => p.portNo === q.portNo)) refuse('OFPQOFC_BAD_PORT', `port ${q.portNo} does not exist`);
      if (q.queueId !== OFPQ_ALL) refuse('OFPQOFC_BAD_QUEUE', `queue ${q.queueId} does not exist`);
      return { stat: 'queue', entries: [] };
    case 'group': {
      const flows = src.tables.all();
      return {
        stat: 'group',
        entries: src.groups.all().filter((g) => q.groupId === OFPG_ALL || g.groupId === q.groupId).map((g) => ({
          groupId: g.groupId, refCount: flows.filter((f) => f.usesGroup(g.groupId)).length, packetCount: g.packetCount,
          byteCount: g.byteCount, ...durationSince(g.created, now), buckets: g.bucketCounters.map((c) => ({ ...c })),
        })),
      };
    }
    case 'group_desc':
      return {
        stat: 'group_desc',
        entries: src.groups.all().map((g) => ({ groupType: GROUP_KINDS.indexOf(g.kind), groupId: g.groupId, buckets: g.buckets })),
      };
    case 'group_features':
      return {
        stat: 'group_features', types: 0xf, capabilities: GROUP_CAPABILITIES,
        maxGroups: [OFPG_MAX, OFPG_MAX, OFPG_MAX, OFPG_MAX], actions: [BUCKET_ACTIONS, BUCKET_ACTIONS, BUCKET_ACTIONS, BUCKET_ACTIONS],
      };
    case 'meter': {
      const flows = src.tables.all();
      return {
        stat: 'meter',
        entries: src.meters.all().filter((m) => q.meterId === OFPM_ALL || m.meterId === q.meterId).map((m) => ({
          meterId: m.meterId, flowCount: flows.filter((f) => f.meterId === m.meterId).length, packetInCount: m.packetCount,
          byteInCount: m.byteCount, ...durationSince(m.created, now), bands: m.bands.map(() => ({ packetCount: 0n, byteCount: 0n })),
        })),
      };
    }
    case 'meter_config':
      return {
        stat: 'meter_config',
        entries: src.meters.all().filter((m) => q.meterId === OFPM_ALL || m.meterId === q.meterId).map((m) => ({
          flags: m.flags, meterId: m.meterId,
          bands: m.bands,
        })),
      };
    case 'meter_features':
      return {
        stat: 'meter_features', maxMeter: src.meters.limits.maxMeters, bandTypes: METER_BAND_TYPES,
        capabilities: OFPMF_KBPS | OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS, maxBands: src.meters.limits.maxBands, maxColor: 0,
      };
    default:
      return refuse('OFPBRC_BAD_STAT', `statistics kind ${(q as { stat: string }).stat} is not supported`);
  }
}
