/**
 * Statistics replies on the agent channel: the neutral MULTIPART_REPLY of
 * src/openflow/multipart.ts (every kind its MultipartReplyBody models) as
 * the proto's MultipartReply, one oneof case per kind, and back.  The
 * agent writes them in answer to multipart-request.ts's requests; the
 * service reads them, so the reader checks what the codec will need to
 * write each entry in any version: widths (a table id in 8 bits, a
 * priority in 16, ...), 64-bit counters as uint64 strings, text that fits
 * OpenFlow's fixed fields, property lists, ages given whole or not at all,
 * exactly four per-type entries in the group features, flow entries'
 * idle and hard ages given or not (the reply's NXM format does not travel:
 * connmgr takes it from the request).  Ports, buckets,
 * meter bands, matches, instructions and table features are read by
 * their own files.
 */

import type { DescStatsReply } from '../openflow/desc-stats.js';
import type { FlowStats } from '../openflow/flow-stats.js';
import type { BucketCounter, GroupDesc, GroupStats } from '../openflow/group-stats.js';
import type { MeterConfig, MeterStats } from '../openflow/meter-stats.js';
import type { MultipartReplyBody, MultipartReplyMsg } from '../openflow/multipart.js';
import type { PortStats } from '../openflow/port-stats.js';
import type { QueueStats } from '../openflow/queue-stats.js';
import type { TableStats } from '../openflow/table-stats.js';
import type { BucketCounter__Output as PbCounterOut } from '../generated/ofconnmgr/v1/BucketCounter.js';
import type { DescStats__Output as PbDescOut } from '../generated/ofconnmgr/v1/DescStats.js';
import type { FlowStats as PbFlowStats, FlowStats__Output as PbFlowStatsOut } from '../generated/ofconnmgr/v1/FlowStats.js';
import type { GroupDesc__Output as PbGroupDescOut } from '../generated/ofconnmgr/v1/GroupDesc.js';
import type { GroupFeatures__Output as PbGroupFeaturesOut } from '../generated/ofconnmgr/v1/GroupFeatures.js';
import type { GroupStats__Output as PbGroupStatsOut } from '../generated/ofconnmgr/v1/GroupStats.js';
import type { MeterConfig__Output as PbMeterConfigOut } from '../generated/ofconnmgr/v1/MeterConfig.js';
import type { MeterFeatures__Output as PbMeterFeaturesOut } from '../generated/ofconnmgr/v1/MeterFeatures.js';
import type { MeterStats__Output as PbMeterStatsOut } from '../generated/ofconnmgr/v1/MeterStats.js';
import type { MultipartReply as PbMultipartReply, MultipartReply__Output as PbMultipartReplyOut } from '../generated/ofconnmgr/v1/MultipartReply.js';
import type { PortStats as PbPortStats, PortStats__Output as PbPortStatsOut } from '../generated/ofconnmgr/v1/PortStats.js';
import type { QueueStats as PbQueueStats, QueueStats__Output as PbQueueStatsOut } from '../generated/ofconnmgr/v1/QueueStats.js';
import type { TableStats as PbTableStats, TableStats__Output as PbTableStatsOut } from '../generated/ofconnmgr/v1/TableStats.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import type { MessageStamp } from './datapath-message.js';
import { bucketsFromProto, bucketToProto } from './group-mod.js';
import { instructionsFromProto, instructionsToProto } from './instructions.js';
import { matchFromProto, matchToProto } from './match-field.js';
import { meterBandsFromProto, meterBandToProto } from './meter-mod.js';
import { portsFromProto, portToProto } from './ports.js';
import { bytesCopy, checkProperties, describe, fixedTextFrom, listFrom, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';
import { tableFeaturesFromProto, tableFeaturesToProto } from './table-features.js';

/* Lengths of OpenFlow's fixed text fields, NUL included. */
const DESC_STR_LEN = 256;
const SERIAL_NUM_LEN = 32;
const TABLE_NAME_LEN = 32;
/** Entries per group type in the group features (all, select, indirect, fast failover). */
const GROUP_TYPES = 4;

/* ---------------------------------------------------------------------- */
/* Shared readers.                                                         */

/** An age given whole (seconds and nanoseconds) or not at all: {} when absent. */
function ageFrom(sec: unknown, nsec: unknown, path: string): { durationSec?: number; durationNsec?: number } {
  const hasSec = sec !== undefined && sec !== null;
  const hasNsec = nsec !== undefined && nsec !== null;
  if (!hasSec && !hasNsec) return {};
  if (hasSec !== hasNsec) {
    throw new AgentWireError(fieldPath(path, hasSec ? 'duration_nsec' : 'duration_sec'), 'an age needs both duration_sec and duration_nsec, or neither');
  }
  return { durationSec: uintFrom(sec, 32, fieldPath(path, 'duration_sec')), durationNsec: uintFrom(nsec, 32, fieldPath(path, 'duration_nsec')) };
}

/** The age fields of a neutral entry, for the proto (absent stays absent). */
function ageToProto(e: { durationSec?: number; durationNsec?: number }): { duration_sec?: number; duration_nsec?: number } {
  return e.durationSec === undefined || e.durationNsec === undefined ? {} : { duration_sec: e.durationSec, duration_nsec: e.durationNsec };
}

/** OpenFlow 1.4+ properties of an entry: checked, and left out when empty. */
function extraFrom(v: Uint8Array | null | undefined, path: string): { extraProperties?: Uint8Array } {
  const b = bytesCopy(v);
  if (b.length === 0) return {};
  checkProperties(b, path);
  return { extraProperties: b };
}

/** Entries of list message 'list' at 'path' (entries at "path.entries[i]"), each read by 'read'. */
function entriesFrom<P, E>(list: { entries: P[] } | null | undefined, path: string, what: string, read: (p: P, at: string) => E): E[] {
  const l = required(list, path, what);
  return listFrom(l.entries).map((p, i) => read(p, `${fieldPath(path, 'entries')}[${i}]`));
}

function counterFrom(p: PbCounterOut, path: string): BucketCounter {
  return { packetCount: uint64From(p.packet_count, fieldPath(path, 'packet_count')), byteCount: uint64From(p.byte_count, fieldPath(path, 'byte_count')) };
}

function countersFrom(list: readonly PbCounterOut[] | null | undefined, path: string): BucketCounter[] {
  return listFrom(list).map((c, i) => counterFrom(c, `${path}[${i}]`));
}

/* ---------------------------------------------------------------------- */
/* Entries, to the proto.                                                  */

function flowStatsToProto(e: FlowStats): PbFlowStats {
  const out: PbFlowStats = {
    table_id: e.tableId, duration_sec: e.durationSec, duration_nsec: e.durationNsec, priority: e.priority, idle_timeout: e.idleTimeout,
    hard_timeout: e.hardTimeout, flags: e.flags, importance: e.importance, cookie: uint64ToProto(e.cookie),
    packet_count: uint64ToProto(e.packetCount), byte_count: uint64ToProto(e.byteCount), match: matchToProto(e.match),
    instructions: instructionsToProto(e.instructions),
  };
  if (e.idleAge !== undefined) out.idle_age = e.idleAge;
  if (e.hardAge !== undefined) out.hard_age = e.hardAge;
  return out;
}

function tableStatsToProto(e: TableStats): PbTableStats {
  const out: PbTableStats = {
    table_id: e.tableId, active_count: e.activeCount, lookup_count: uint64ToProto(e.lookupCount), matched_count: uint64ToProto(e.matchedCount),
  };
  if (e.name !== undefined) out.name = e.name;
  if (e.wildcards !== undefined) out.wildcards = e.wildcards;
  if (e.maxEntries !== undefined) out.max_entries = e.maxEntries;
  return out;
}

function portStatsToProto(e: PortStats): PbPortStats {
  return {
    port_no: e.portNo, rx_packets: uint64ToProto(e.rxPackets), tx_packets: uint64ToProto(e.txPackets), rx_bytes: uint64ToProto(e.rxBytes),
    tx_bytes: uint64ToProto(e.txBytes), rx_dropped: uint64ToProto(e.rxDropped), tx_dropped: uint64ToProto(e.txDropped),
    rx_errors: uint64ToProto(e.rxErrors), tx_errors: uint64ToProto(e.txErrors), rx_frame_err: uint64ToProto(e.rxFrameErr),
    rx_over_err: uint64ToProto(e.rxOverErr), rx_crc_err: uint64ToProto(e.rxCrcErr), collisions: uint64ToProto(e.collisions),
    ...ageToProto(e), extra_properties: e.extraProperties ?? new Uint8Array(0),
  };
}

function queueStatsToProto(e: QueueStats): PbQueueStats {
  return {
    port_no: e.portNo, queue_id: e.queueId, tx_bytes: uint64ToProto(e.txBytes), tx_packets: uint64ToProto(e.txPackets),
    tx_errors: uint64ToProto(e.txErrors), ...ageToProto(e), extra_properties: e.extraProperties ?? new Uint8Array(0),
  };
}

const countersToProto = (c: readonly BucketCounter[]): { packet_count: string; byte_count: string }[] =>
  c.map((x) => ({ packet_count: uint64ToProto(x.packetCount), byte_count: uint64ToProto(x.byteCount) }));

/** A neutral reply body as the proto's oneof case. */
function bodyToProto(b: MultipartReplyBody): PbMultipartReply {
  switch (b.stat) {
    case 'desc':
      return { desc: { mfr_desc: b.mfrDesc, hw_desc: b.hwDesc, sw_desc: b.swDesc, serial_num: b.serialNum, dp_desc: b.dpDesc } };
    case 'flow': return { flow: { entries: b.entries.map(flowStatsToProto) } };
    case 'aggregate':
      return { aggregate: { packet_count: uint64ToProto(b.packetCount), byte_count: uint64ToProto(b.byteCount), flow_count: b.flowCount } };
    case 'table': return { table: { entries: b.entries.map(tableStatsToProto) } };
    case 'port': return { port: { entries: b.entries.map(portStatsToProto) } };
    case 'port_desc': return { port_desc: { entries: b.entries.map(portToProto) } };
    case 'queue': return { queue: { entries: b.entries.map(queueStatsToProto) } };
    case 'group':
      return {
        group: {
          entries: b.entries.map((e) => ({
            group_id: e.groupId, ref_count: e.refCount, packet_count: uint64ToProto(e.packetCount), byte_count: uint64ToProto(e.byteCount),
            ...ageToProto(e), buckets: countersToProto(e.buckets),
          })),
        },
      };
    case 'group_desc':
      return { group_desc: { entries: b.entries.map((e) => ({ group_type: e.groupType, group_id: e.groupId, buckets: e.buckets.map(bucketToProto) })) } };
    case 'group_features':
      return { group_features: { types: b.types, capabilities: b.capabilities, max_groups: [...b.maxGroups], actions: [...b.actions] } };
    case 'meter':
      return {
        meter: {
          entries: b.entries.map((e) => ({
            meter_id: e.meterId, flow_count: e.flowCount, packet_in_count: uint64ToProto(e.packetInCount), byte_in_count: uint64ToProto(e.byteInCount),
            duration_sec: e.durationSec, duration_nsec: e.durationNsec, bands: countersToProto(e.bands),
          })),
        },
      };
    case 'meter_config':
      return { meter_config: { entries: b.entries.map((e) => ({ flags: e.flags, meter_id: e.meterId, bands: e.bands.map(meterBandToProto) })) } };
    case 'meter_features':
      return {
        meter_features: { max_meter: b.maxMeter, band_types: b.bandTypes, capabilities: b.capabilities, max_bands: b.maxBands, max_color: b.maxColor },
      };
    case 'table_features': return { table_features: tableFeaturesToProto(b.entries) };
  }
}

/** A neutral MULTIPART_REPLY as a proto MultipartReply. */
export function multipartReplyToProto(m: MultipartReplyMsg): PbMultipartReply {
  return { flags: m.flags, ...bodyToProto(m.body) };
}

/* ---------------------------------------------------------------------- */
/* Entries, from the proto.                                                */

function descFrom(p: PbDescOut, path: string): DescStatsReply {
  const at = (k: string): string => fieldPath(path, k);
  return {
    stat: 'desc', mfrDesc: fixedTextFrom(p.mfr_desc, DESC_STR_LEN, at('mfr_desc')), hwDesc: fixedTextFrom(p.hw_desc, DESC_STR_LEN, at('hw_desc')),
    swDesc: fixedTextFrom(p.sw_desc, DESC_STR_LEN, at('sw_desc')), serialNum: fixedTextFrom(p.serial_num, SERIAL_NUM_LEN, at('serial_num')),
    dpDesc: fixedTextFrom(p.dp_desc, DESC_STR_LEN, at('dp_desc')),
  };
}

function flowStatsFrom(p: PbFlowStatsOut, path: string): FlowStats {
  const at = (k: string): string => fieldPath(path, k);
  const e: { -readonly [K in keyof FlowStats]: FlowStats[K] } = {
    tableId: uintFrom(p.table_id, 8, at('table_id')), durationSec: uintFrom(p.duration_sec, 32, at('duration_sec')),
    durationNsec: uintFrom(p.duration_nsec, 32, at('duration_nsec')), priority: uintFrom(p.priority, 16, at('priority')),
    idleTimeout: uintFrom(p.idle_timeout, 16, at('idle_timeout')), hardTimeout: uintFrom(p.hard_timeout, 16, at('hard_timeout')),
    flags: uintFrom(p.flags, 16, at('flags')), importance: uintFrom(p.importance, 16, at('importance')), cookie: uint64From(p.cookie, at('cookie')),
    packetCount: uint64From(p.packet_count, at('packet_count')), byteCount: uint64From(p.byte_count, at('byte_count')),
    match: matchFromProto(p.match, at('match')), instructions: instructionsFromProto(p.instructions, at('instructions')),
  };
  // Ages of any 32-bit size: the NXST_FLOW encoder writes 65534 s and more as 65534.
  if (p.idle_age !== undefined && p.idle_age !== null) e.idleAge = uintFrom(p.idle_age, 32, at('idle_age'));
  if (p.hard_age !== undefined && p.hard_age !== null) e.hardAge = uintFrom(p.hard_age, 32, at('hard_age'));
  return e;
}

function tableStatsFrom(p: PbTableStatsOut, path: string): TableStats {
  const at = (k: string): string => fieldPath(path, k);
  const e: { -readonly [K in keyof TableStats]: TableStats[K] } = {
    tableId: uintFrom(p.table_id, 8, at('table_id')), activeCount: uintFrom(p.active_count, 32, at('active_count')),
    lookupCount: uint64From(p.lookup_count, at('lookup_count')), matchedCount: uint64From(p.matched_count, at('matched_count')),
  };
  if (p.name !== undefined && p.name !== null) e.name = fixedTextFrom(p.name, TABLE_NAME_LEN, at('name'));
  if (p.wildcards !== undefined && p.wildcards !== null) e.wildcards = uintFrom(p.wildcards, 32, at('wildcards'));
  if (p.max_entries !== undefined && p.max_entries !== null) e.maxEntries = uintFrom(p.max_entries, 32, at('max_entries'));
  return e;
}

function portStatsFrom(p: PbPortStatsOut, path: string): PortStats {
  const c = (k: keyof PbPortStatsOut & string): bigint => uint64From(p[k], fieldPath(path, k));
  return {
    portNo: uintFrom(p.port_no, 32, fieldPath(path, 'port_no')), rxPackets: c('rx_packets'), txPackets: c('tx_packets'), rxBytes: c('rx_bytes'),
    txBytes: c('tx_bytes'), rxDropped: c('rx_dropped'), txDropped: c('tx_dropped'), rxErrors: c('rx_errors'), txErrors: c('tx_errors'),
    rxFrameErr: c('rx_frame_err'), rxOverErr: c('rx_over_err'), rxCrcErr: c('rx_crc_err'), collisions: c('collisions'),
    ...ageFrom(p.duration_sec, p.duration_nsec, path), ...extraFrom(p.extra_properties, fieldPath(path, 'extra_properties')),
  };
}

function queueStatsFrom(p: PbQueueStatsOut, path: string): QueueStats {
  const at = (k: string): string => fieldPath(path, k);
  return {
    portNo: uintFrom(p.port_no, 32, at('port_no')), queueId: uintFrom(p.queue_id, 32, at('queue_id')), txBytes: uint64From(p.tx_bytes, at('tx_bytes')),
    txPackets: uint64From(p.tx_packets, at('tx_packets')), txErrors: uint64From(p.tx_errors, at('tx_errors')),
    ...ageFrom(p.duration_sec, p.duration_nsec, path), ...extraFrom(p.extra_properties, at('extra_properties')),
  };
}

function groupStatsFrom(p: PbGroupStatsOut, path: string): GroupStats {
  const at = (k: string): string => fieldPath(path, k);
  return {
    groupId: uintFrom(p.group_id, 32, at('group_id')), refCount: uintFrom(p.ref_count, 32, at('ref_count')),
    packetCount: uint64From(p.packet_count, at('packet_count')), byteCount: uint64From(p.byte_count, at('byte_count')),
    ...ageFrom(p.duration_sec, p.duration_nsec, path), buckets: countersFrom(p.buckets, at('buckets')),
  };
}

function groupDescFrom(p: PbGroupDescOut, path: string): GroupDesc {
  const at = (k: string): string => fieldPath(path, k);
  return { groupType: uintFrom(p.group_type, 8, at('group_type')), groupId: uintFrom(p.group_id, 32, at('group_id')), buckets: bucketsFromProto(p.buckets, at('buckets')) };
}

/** Exactly four 32-bit values, one per group type. */
function perGroupType(list: readonly number[] | null | undefined, path: string): [number, number, number, number] {
  const l = listFrom(list);
  if (l.length !== GROUP_TYPES) throw new AgentWireError(path, `${l.length} values given; one per group type (all, select, indirect, fast failover) is 4`);
  const [a, b, c, d] = l.map((v, i) => uintFrom(v, 32, `${path}[${i}]`));
  return [a!, b!, c!, d!];
}

function groupFeaturesFrom(p: PbGroupFeaturesOut, path: string): MultipartReplyBody {
  const at = (k: string): string => fieldPath(path, k);
  return {
    stat: 'group_features', types: uintFrom(p.types, 32, at('types')), capabilities: uintFrom(p.capabilities, 32, at('capabilities')),
    maxGroups: perGroupType(p.max_groups, at('max_groups')), actions: perGroupType(p.actions, at('actions')),
  };
}

function meterStatsFrom(p: PbMeterStatsOut, path: string): MeterStats {
  const at = (k: string): string => fieldPath(path, k);
  return {
    meterId: uintFrom(p.meter_id, 32, at('meter_id')), flowCount: uintFrom(p.flow_count, 32, at('flow_count')),
    packetInCount: uint64From(p.packet_in_count, at('packet_in_count')), byteInCount: uint64From(p.byte_in_count, at('byte_in_count')),
    durationSec: uintFrom(p.duration_sec, 32, at('duration_sec')), durationNsec: uintFrom(p.duration_nsec, 32, at('duration_nsec')),
    bands: countersFrom(p.bands, at('bands')),
  };
}

function meterConfigFrom(p: PbMeterConfigOut, path: string): MeterConfig {
  const at = (k: string): string => fieldPath(path, k);
  return { flags: uintFrom(p.flags, 16, at('flags')), meterId: uintFrom(p.meter_id, 32, at('meter_id')), bands: meterBandsFromProto(p.bands, at('bands')) };
}

function meterFeaturesFrom(p: PbMeterFeaturesOut, path: string): MultipartReplyBody {
  const at = (k: string): string => fieldPath(path, k);
  return {
    stat: 'meter_features', maxMeter: uintFrom(p.max_meter, 32, at('max_meter')), bandTypes: uintFrom(p.band_types, 32, at('band_types')),
    capabilities: uintFrom(p.capabilities, 32, at('capabilities')), maxBands: uintFrom(p.max_bands, 8, at('max_bands')),
    maxColor: uintFrom(p.max_color, 8, at('max_color')),
  };
}

/** The neutral body of the oneof case 'p.body' at 'path'. */
function bodyFromProto(p: PbMultipartReplyOut, path: string): MultipartReplyBody {
  const body = p.body;
  const at = fieldPath(path, body ?? '');
  switch (body) {
    case 'desc': return descFrom(required(p.desc, at, 'the description'), at);
    case 'flow': return { stat: 'flow', entries: entriesFrom(p.flow, at, 'the flow list', flowStatsFrom) };
    case 'aggregate': {
      const a = required(p.aggregate, at, 'the aggregate');
      return {
        stat: 'aggregate', packetCount: uint64From(a.packet_count, fieldPath(at, 'packet_count')),
        byteCount: uint64From(a.byte_count, fieldPath(at, 'byte_count')), flowCount: uintFrom(a.flow_count, 32, fieldPath(at, 'flow_count')),
      };
    }
    case 'table': return { stat: 'table', entries: entriesFrom(p.table, at, 'the table list', tableStatsFrom) };
    case 'port': return { stat: 'port', entries: entriesFrom(p.port, at, 'the port statistics list', portStatsFrom) };
    case 'port_desc': return { stat: 'port_desc', entries: portsFromProto(required(p.port_desc, at, 'the port list').entries, fieldPath(at, 'entries')) };
    case 'queue': return { stat: 'queue', entries: entriesFrom(p.queue, at, 'the queue list', queueStatsFrom) };
    case 'group': return { stat: 'group', entries: entriesFrom(p.group, at, 'the group list', groupStatsFrom) };
    case 'group_desc': return { stat: 'group_desc', entries: entriesFrom(p.group_desc, at, 'the group description list', groupDescFrom) };
    case 'group_features': return groupFeaturesFrom(required(p.group_features, at, 'the group features'), at);
    case 'meter': return { stat: 'meter', entries: entriesFrom(p.meter, at, 'the meter list', meterStatsFrom) };
    case 'meter_config': return { stat: 'meter_config', entries: entriesFrom(p.meter_config, at, 'the meter configuration list', meterConfigFrom) };
    case 'meter_features': return meterFeaturesFrom(required(p.meter_features, at, 'the meter features'), at);
    case 'table_features': return { stat: 'table_features', entries: tableFeaturesFromProto(p.table_features, at) };
    case undefined:
      throw new AgentWireError(path, 'no statistics kind given (none of the MultipartReply cases is set)');
    default:
      throw new AgentWireError(path, `unknown statistics kind ${describe(body)}`);
  }
}

/**
 * The neutral MULTIPART_REPLY of proto 'p' at 'path', stamped with 's'.
 * Throws AgentWireError for flags beyond 16 bits, no kind given, or an
 * entry the readers above refuse (see the file comment).
 */
export function multipartReplyFromProto(p: PbMultipartReplyOut, path: string, s: MessageStamp): MultipartReplyMsg {
  const body = bodyFromProto(p, path);
  return { type: 'multipart_reply', version: s.version, xid: s.xid, flags: uintFrom(p.flags, 16, fieldPath(path, 'flags')), body };
}
