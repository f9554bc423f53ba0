/**
 * The body text of statistics/multipart messages for printer.ts, in the
 * words `ovs-ofctl ofp-print` uses (same field names, port and group
 * names, "?" for counters a switch does not keep, durations printed as
 * Open vSwitch prints them), folded onto one line: entries are separated
 * by "; ", and table features that repeat the table before are "ditto",
 * as Open vSwitch prints them.
 */

import type { DescStatsReply } from './desc-stats.js';
import { type FlowStats, type FlowStatsRequest, OFPTT_ALL } from './flow-stats.js';
import { formatBucket } from './group-bucket.js';
import { GROUP_TYPE_NAMES, type GroupDesc, type GroupFeaturesReply, type GroupStats, OFPG_ALL, OFPG_ANY } from './group-stats.js';
import { instructionsToString } from './instructions.js';
import { matchToString } from './match.js';
import { type MeterBand, type MeterConfig, type MeterFeaturesReply, type MeterStats, OFPM_ALL } from './meter-stats.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from './multipart.js';
import { OFPSF_MORE } from './multipart-kind.js';
import { oxmFieldByWire } from './oxm.js';
import type { Port } from './port.js';
import { OFPP_ANY, portName } from './port-number.js';
import { COUNTER_UNAVAILABLE, type PortStats } from './port-stats.js';
import { OFPQ_ALL, type QueueStats } from './queue-stats.js';
import type { OxmId, TableFeatureProp, TableFeatures } from './table-features.js';
import { OFPTC14_EVICTION, OFPTC14_VACANCY_EVENTS } from './table-mod.js';
import type { TableStats } from './table-stats.js';

/** A duration as Open vSwitch prints it: whole seconds, then milliseconds if exact, else the nanoseconds needed. */
export function formatDuration(sec: number, nsec: number): string {
  if (nsec === 0) return `${sec}s`;
  if (nsec % 1000000 === 0) return `${sec}.${String(nsec / 1000000).padStart(3, '0')}s`;
  return `${sec}.${String(nsec).padStart(9, '0').replace(/0+$/, '')}s`;
}

function counter(n: bigint): string {
  return n === COUNTER_UNAVAILABLE ? '?' : n.toString();
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function flagsText(flags: number): string {
  if (!flags) return '';
  const unknown = flags & ~OFPSF_MORE;
  return 'flags=' + (flags & OFPSF_MORE ? '[more]' : '') + (unknown ? `[***unknown flags 0x${unknown.toString(16).padStart(4, '0')}***]` : '');
}

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

function groupName(id: number): string {
  return id === OFPG_ALL ? 'ALL' : id === 0xffffffff ? 'ANY' : String(id);
}

function meterName(id: number): string {
  return id === OFPM_ALL ? 'all' : id === 0xfffffffe ? 'controller' : id === 0xfffffffd ? 'slowpath' : String(id);
}

/** The default flow priority, which ovs-ofctl leaves out. */
const OFP_DEFAULT_PRIORITY = 0x8000;

/** A match with its priority in front, as ovs-ofctl writes it ("priority=100,in_port=1"). */
function matchWithPriority(match: string, priority: number): string {
  if (priority === OFP_DEFAULT_PRIORITY) return match;
  return match ? `priority=${priority},${match}` : `priority=${priority}`;
}

function flowRequestText(q: FlowStatsRequest<'flow' | 'aggregate'>, version: number): string {
  return join(
    q.tableId !== OFPTT_ALL ? `table=${q.tableId}` : '',
    q.outPort !== OFPP_ANY ? `out_port=${portName(q.outPort, version)}` : '',
    q.outGroup !== OFPG_ANY ? `out_group=${q.outGroup}` : '',
    q.cookieMask !== 0n ? `cookie=${hex64(q.cookie)}/${hex64(q.cookieMask)}` : '',
    matchToString(q.match, version),
  );
}

function hex64(n: bigint): string {
  return `0x${n.toString(16)}`;
}

const FLOW_FLAG_NAMES: Record<number, string> = {
  1: 'send_flow_rem', 2: 'check_overlap', 4: 'reset_counts', 8: 'no_packet_counts', 16: 'no_byte_counts',
};

function flowText(f: FlowStats, version: number): string {
  const timeouts = (f.idleTimeout ? `idle_timeout=${f.idleTimeout}, ` : '') + (f.hardTimeout ? `hard_timeout=${f.hardTimeout}, ` : '');
  const flags = bitWords(f.flags, FLOW_FLAG_NAMES);
  const importance = f.importance ? `importance=${f.importance}, ` : '';
  // Ages as ovs-ofctl prints them: the hard age only when it is not the flow's duration.
  const ages = (f.idleAge !== undefined ? `idle_age=${f.idleAge}, ` : '') +
    (f.hardAge !== undefined && f.hardAge !== f.durationSec ? `hard_age=${f.hardAge}, ` : '');
  return `cookie=${hex64(f.cookie)}, duration=${formatDuration(f.durationSec, f.durationNsec)}, table=${f.tableId}, ` +
    `n_packets=${f.packetCount}, n_bytes=${f.byteCount}, ${timeouts}${flags ? flags + ' ' : ''}${importance}${ages}` +
    join(matchWithPriority(matchToString(f.match, version), f.priority), `actions=${instructionsToString(f.instructions, version)}`);
}

function groupDescText(g: GroupDesc, version: number): string {
  const buckets = g.buckets.map((b) => ',' + formatBucket(b, g.groupType === 1 ? 1 : 0, version)).join('');
  return `group_id=${g.groupId},type=${GROUP_TYPE_NAMES[g.groupType] ?? g.groupType}${buckets}`;
}

function requestText(m: MultipartRequestMsg): string {
  const b = m.body;
  switch (b.stat) {
    case 'flow':
    case 'aggregate':
      return flowRequestText(b, m.version);
    case 'port':
      return `port_no=${portName(b.portNo)}`;
    case 'port_desc':
      return `port=${portName(b.portNo ?? OFPP_ANY)}`;
    case 'queue':
      return `port=${portName(b.portNo)} queue=${b.queueId === OFPQ_ALL ? 'ALL' : b.queueId}`;
    case 'group':
      return `group_id=${groupName(b.groupId)}`;
    case 'meter':
    case 'meter_config':
      return `meter=${meterName(b.meterId)}`;
    case 'table_features':
      return tableFeaturesListText(b.entries);
    default:
      return '';
  }
}

function descText(d: DescStatsReply): string {
  return `Manufacturer: ${d.mfrDesc}; Hardware: ${d.hwDesc}; Software: ${d.swDesc}; Serial Num: ${d.serialNum}; DP Description: ${d.dpDesc}`;
}

function tableText(t: TableStats): string {
  const name = t.name ? ` ("${t.name}")` : '';
  const max = t.maxEntries !== undefined ? `, max_entries=${t.maxEntries}` : '';
  return `table ${t.tableId}${name}: active=${t.activeCount}, lookup=${t.lookupCount}, matched=${t.matchedCount}${max}`;
}

/** OFPIT_* names, by number. */
const INSTRUCTION_NAMES: Record<number, string> = {
  1: 'goto_table', 2: 'write_metadata', 3: 'write_actions', 4: 'apply_actions', 5: 'clear_actions', 6: 'meter', 7: 'stat_trigger',
  0xffff: 'experimenter',
};

/** OFPAT_* names (OpenFlow 1.1+ numbering), by number. */
const ACTION_NAMES: Record<number, string> = {
  0: 'output', 1: 'set_vlan_vid', 2: 'set_vlan_pcp', 3: 'set_dl_src', 4: 'set_dl_dst', 5: 'set_nw_src', 6: 'set_nw_dst',
  7: 'set_nw_tos', 8: 'set_nw_ecn', 9: 'set_tp_src', 10: 'set_tp_dst', 11: 'copy_ttl_out', 12: 'copy_ttl_in',
  13: 'set_mpls_label', 14: 'set_mpls_tc', 15: 'set_mpls_ttl', 16: 'dec_mpls_ttl', 17: 'push_vlan', 18: 'pop_vlan',
  19: 'push_mpls', 20: 'pop_mpls', 21: 'set_queue', 22: 'group', 23: 'set_nw_ttl', 24: 'dec_nw_ttl', 25: 'set_field',
  26: 'push_pbb', 27: 'pop_pbb', 28: 'copy_field', 29: 'meter', 0xffff: 'experimenter',
};

const TABLE_FEATURES_COMMANDS = ['replace', 'modify', 'enable', 'disable'];

/** An OXM id by the name Open vSwitch gives its field, "/" after a masked one; unknown ones as their header. */
function oxmIdText(f: OxmId): string {
  const known = f.experimenter === undefined ? oxmFieldByWire(f.header >>> 16, (f.header >>> 9) & 0x7f) : undefined;
  const name = known ? known.field.ovsName : `0x${f.header.toString(16).padStart(8, '0')}${f.experimenter === undefined ? '' : `:0x${f.experimenter.toString(16)}`}`;
  return f.header & 0x100 ? `${name}/` : name;
}

/** Table ids as ranges: "1-3,7". */
function tableRanges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(',') || 'none';
}

function tablePropText(p: TableFeatureProp): string {
  switch (p.type) {
    case 'instructions':
    case 'instructions_miss':
      return `${p.type}=${p.instructionTypes.map((t) => INSTRUCTION_NAMES[t] ?? String(t)).join(',')}`;
    case 'next_tables':
    case 'next_tables_miss':
      return `${p.type}=${tableRanges(p.tableIds)}`;
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      return `${p.type}=${p.actionTypes.map((t) => ACTION_NAMES[t] ?? String(t)).join(',')}`;
    case 'raw':
      return `property${p.propType}(${p.payload.length} bytes)`;
    default:
      return `${p.type}=${p.fields.map(oxmIdText).join(',')}`;
  }
}

/** The description of 't' after "table N": its name and everything but the table id. */
function tableFeaturesText(t: TableFeatures): string {
  const caps = t.capabilities & (OFPTC14_EVICTION | OFPTC14_VACANCY_EVENTS);
  return join(
    t.name ? `("${t.name}"):` : ':',
    t.command ? `command=${TABLE_FEATURES_COMMANDS[t.command] ?? t.command}` : '',
    `metadata match=${hex64(t.metadataMatch)} write=${hex64(t.metadataWrite)}`,
    t.capabilities ? `capabilities=${hex(t.capabilities)}${caps & OFPTC14_EVICTION ? '(eviction)' : ''}${caps & OFPTC14_VACANCY_EVENTS ? '(vacancy_events)' : ''}` : '',
    `max_entries=${t.maxEntries}`,
    ...t.properties.map(tablePropText),
  );
}

/**
 * True if 'b' describes the same features as 'a', the table before it.
 * As for Open vSwitch, a goto_table may only go forward, so 'b' not
 * reaching itself where 'a' reaches it is no difference.
 */
function sameTableFeatures(a: TableFeatures, b: TableFeatures): boolean {
  if (a.command !== b.command || a.metadataMatch !== b.metadataMatch || a.metadataWrite !== b.metadataWrite ||
    a.capabilities !== b.capabilities || a.maxEntries !== b.maxEntries || a.properties.length !== b.properties.length) return false;
  return a.properties.every((pa, i) => {
    const pb = b.properties[i]!;
    if ((pa.type === 'next_tables' || pa.type === 'next_tables_miss') && pb.type === pa.type && b.tableId === a.tableId + 1) {
      return tablePropText({ ...pa, tableIds: pa.tableIds.filter((id) => id !== b.tableId) }) === tablePropText(pb);
    }
    return tablePropText(pa) === tablePropText(pb);
  });
}

/**
 * Every table's features, in Open vSwitch's manner: a table that says the
 * same as the one before is "ditto" (with its name, if it has one), and a
 * run of unnamed ones "tables 1...253: ditto".
 */
function tableFeaturesListText(entries: readonly TableFeatures[]): string {
  const out: string[] = [];
  let ditto: [number, number] | undefined;
  const flush = (): void => {
    if (ditto) out.push(ditto[0] === ditto[1] ? `table ${ditto[0]}: ditto` : `tables ${ditto[0]}...${ditto[1]}: ditto`);
    ditto = undefined;
  };
  entries.forEach((t, i) => {
    const same = i > 0 && sameTableFeatures(entries[i - 1]!, t);
    if (same && !t.name) {
      ditto = ditto ? [ditto[0], t.tableId] : [t.tableId, t.tableId];
      return;
    }
    flush();
    if (same) out.push(`table ${t.tableId} ("${t.name}"): ditto`);
    else out.push(`table ${t.tableId} ${tableFeaturesText(t)}`.replace(/^(table \d+) :/, '$1:'));
  });
  flush();
  return out.join('; ');
}

function durationText(e: { durationSec?: number; durationNsec?: number }): string {
  return e.durationSec === undefined ? '' : ` duration=${formatDuration(e.durationSec, e.durationNsec ?? 0)}`;
}

function portStatsText(p: PortStats): string {
  return `port ${portName(p.portNo)}: rx pkts=${counter(p.rxPackets)}, bytes=${counter(p.rxBytes)}, drop=${counter(p.rxDropped)}, ` +
    `errs=${counter(p.rxErrors)}, frame=${counter(p.rxFrameErr)}, over=${counter(p.rxOverErr)}, crc=${counter(p.rxCrcErr)} ` +
    `tx pkts=${counter(p.txPackets)}, bytes=${counter(p.txBytes)}, drop=${counter(p.txDropped)}, errs=${counter(p.txErrors)}, ` +
    `coll=${counter(p.collisions)}${durationText(p)}`;
}

function portDescText(p: Port): string {
  return `${portName(p.portNo)}(${p.name}): addr:${p.hwAddr} config:${hex(p.config)} state:${hex(p.state)}` +
    (p.curr ? ` current:${hex(p.curr)}` : '') + (p.currSpeed || p.maxSpeed ? ` speed: ${p.currSpeed / 1000} Mbps now, ${p.maxSpeed / 1000} Mbps max` : '');
}

function queueText(q: QueueStats): string {
  const d = q.durationSec === undefined ? '?' : formatDuration(q.durationSec, q.durationNsec ?? 0);
  return `port ${portName(q.portNo)} queue ${q.queueId}: bytes=${counter(q.txBytes)}, pkts=${counter(q.txPackets)}, errors=${counter(q.txErrors)}, duration=${d}`;
}

function groupStatsText(g: GroupStats): string {
  const d = g.durationSec === undefined ? '' : `,duration=${formatDuration(g.durationSec, g.durationNsec ?? 0)}`;
  const buckets = g.buckets.map((b, i) => `,bucket${i}:packet_count=${b.packetCount},byte_count=${b.byteCount}`).join('');
  return `group_id=${g.groupId}${d},ref_count=${g.refCount},packet_count=${g.packetCount},byte_count=${g.byteCount}${buckets}`;
}

function groupFeaturesText(f: GroupFeaturesReply): string {
  const perType = GROUP_TYPE_NAMES.map((name, i) => `${name} group: max_groups=${hex(f.maxGroups[i]!)} actions=${hex(f.actions[i]!)}`);
  return `Types: ${hex(f.types)} Capabilities: ${hex(f.capabilities)}; ${perType.join('; ')}`;
}

function meterStatsText(s: MeterStats): string {
  const bands = s.bands.map((b, i) => ` ${i}: packet_count:${b.packetCount} byte_count:${b.byteCount}`).join('');
  return `meter:${s.meterId} flow_count:${s.flowCount} packet_in_count:${s.packetInCount} byte_in_count:${s.byteInCount} ` +
    `duration:${formatDuration(s.durationSec, s.durationNsec)} bands:${bands}`;
}

const METER_FLAG_NAMES: Record<number, string> = { 1: 'kbps', 2: 'pktps', 4: 'burst', 8: 'stats' };

function bitWords(bits: number, names: Record<number, string>): string {
  return Object.entries(names).filter(([b]) => bits & Number(b)).map(([, n]) => n).join(' ');
}

function bandText(b: MeterBand): string {
  const extra = b.type === 'dscp_remark' ? ` prec_level=${b.precLevel}` : b.type === 'experimenter' ? ` experimenter=${hex(b.experimenter)}` : '';
  return `type=${b.type} rate=${b.rate} burst_size=${b.burstSize}${extra}`;
}

function meterConfigText(c: MeterConfig): string {
  return join(`meter=${c.meterId}`, bitWords(c.flags, METER_FLAG_NAMES), `bands=${c.bands.map(bandText).join(' ')}`);
}

function meterFeaturesText(f: MeterFeaturesReply): string {
  return `max_meter:${f.maxMeter} max_bands:${f.maxBands} max_color:${f.maxColor} ` +
    `band_types: ${bitWords(f.bandTypes, { 2: 'drop', 4: 'dscp_remark' })} capabilities: ${bitWords(f.capabilities, METER_FLAG_NAMES)}`;
}

function replyText(m: MultipartReplyMsg): string {
  const b = m.body;
  switch (b.stat) {
    case 'desc':
      return descText(b);
    case 'flow':
      return b.entries.map((f) => flowText(f, m.version)).join('; ');
    case 'aggregate':
      return `packet_count=${b.packetCount} byte_count=${b.byteCount} flow_count=${b.flowCount}`;
    case 'group_desc':
      return b.entries.map((g) => groupDescText(g, m.version)).join('; ');
    case 'table':
      return b.entries.map(tableText).join('; ');
    case 'table_features':
      return tableFeaturesListText(b.entries);
    case 'port':
      return `${b.entries.length} ports: ${b.entries.map(portStatsText).join('; ')}`;
    case 'port_desc':
      return b.entries.map(portDescText).join('; ');
    case 'queue':
      return `${b.entries.length} queues: ${b.entries.map(queueText).join('; ')}`;
    case 'group':
      return b.entries.map(groupStatsText).join('; ');
    case 'group_features':
      return groupFeaturesText(b);
    case 'meter':
      return b.entries.map(meterStatsText).join('; ');
    case 'meter_config':
      return b.entries.map(meterConfigText).join('; ');
    case 'meter_features':
      return meterFeaturesText(b);
    default:
      return '';
  }
}

/** The body text of a multipart request: flags, then the request's filter, as ovs-ofctl shows them. */
export function formatMultipartRequest(m: MultipartRequestMsg): string {
  return join(flagsText(m.flags), requestText(m));
}

/** The body text of a multipart reply (or one part of it): flags, then every entry. */
export function formatMultipartReply(m: MultipartReplyMsg): string {
  return join(flagsText(m.flags), replyText(m));
}
