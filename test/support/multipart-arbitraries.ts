// fast-check arbitraries of neutral multipart messages, per kind and wire
// version, holding only what that version can carry (so that encode then
// decode must give the same neutral value back).

import fc from 'fast-check';
import type { Action } from '../../src/openflow/actions.js';
import type { AggregateStatsReply, FlowStats, FlowStatsReply, FlowStatsRequest } from '../../src/openflow/flow-stats.js';
import type { Instruction } from '../../src/openflow/instructions.js';
import type { Match } from '../../src/openflow/match.js';
import type { MeterBand } from '../../src/openflow/meter-stats.js';
import type { MultipartReplyBody, MultipartReplyMsg, MultipartRequestBody, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import type { Port } from '../../src/openflow/port.js';
import { COUNTER_UNAVAILABLE } from '../../src/openflow/port-stats.js';
import type { OxmId, TableFeatureProp, TableFeatures } from '../../src/openflow/table-features.js';
import { oxmMatchArb } from './flow-arbitraries.js';

export const u8 = fc.integer({ min: 0, max: 0xff });
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffffffff });
export const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constant(COUNTER_UNAVAILABLE));

/** A port number 'version' can carry (OF1.0: 16-bit, reserved range mapped). */
export function portNo(version: number): fc.Arbitrary<number> {
  return version === 1
    ? fc.oneof(fc.integer({ min: 0, max: 0xfeff }), fc.integer({ min: 0xffffff00, max: 0xffffffff }))
    : u32;
}

/** Latin-1 text without NUL, at most 'max' characters. */
export function fixedText(max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: max });
}

const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));

/** A known duration (not both halves all ones), or none where 'version' has none. */
function duration(present: boolean): fc.Arbitrary<{ durationSec?: number; durationNsec?: number }> {
  return present ? fc.record({ durationSec: fc.integer({ min: 0, max: 0xfffffffe }), durationNsec: u32 }) : fc.constant({});
}

/** TLV properties of 8-byte multiples (type 1 or experimenter), as OF1.4+ entries keep them. */
const properties = fc
  .array(fc.tuple(fc.constantFrom(1, 0xffff), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 2 })
  .chain((specs) =>
    fc.tuple(...specs.map(([type, words]) => fc.uint8Array({ minLength: words * 8 - 4, maxLength: words * 8 - 4 }).map((body) => {
      const p = Buffer.alloc(words * 8);
      p.writeUInt16BE(type, 0);
      p.writeUInt16BE(words * 8, 2);
      Buffer.from(body).copy(p, 4);
      return p;
    }))),
  )
  .map((ps) => new Uint8Array(Buffer.concat(ps)));

function withOptional<T extends object>(base: fc.Arbitrary<T>, key: string, value: fc.Arbitrary<unknown>, when: boolean): fc.Arbitrary<T> {
  if (!when) return base;
  return fc.tuple(base, fc.option(value, { nil: undefined })).map(([b, v]) => (v === undefined ? b : { ...b, [key]: v }));
}

export function port(version: number): fc.Arbitrary<Port> {
  const base = fc.record({
    portNo: portNo(version), hwAddr: mac, name: fixedText(15), config: u32, state: u32,
    curr: u32, advertised: u32, supported: u32, peer: u32,
    currSpeed: version === 1 ? fc.constant(0) : u32, maxSpeed: version === 1 ? fc.constant(0) : u32,
  });
  return withOptional(base, 'extraProperties', properties, version >= 5);
}

const meterBand: fc.Arbitrary<MeterBand> = fc.oneof(
  fc.record({ type: fc.constant('drop' as const), rate: u32, burstSize: u32 }),
  fc.record({ type: fc.constant('dscp_remark' as const), rate: u32, burstSize: u32, precLevel: u8 }),
  fc.record({
    type: fc.constant('experimenter' as const), rate: u32, burstSize: u32, experimenter: u32,
    data: fc.nat(3).chain((n) => fc.uint8Array({ minLength: 8 * n, maxLength: 8 * n })),
  }),
);

const counters = { packetCount: u64, byteCount: u64 };

const ipv4 = fc.tuple(u8, u8, u8, u8).map((b) => b.join('.'));

/**
 * A match 'version' can carry and that decodes back unchanged: OF1.0's
 * fields in the order its fixed layout reads them, OXM ones with their
 * prerequisites before them.
 */
export function match(version: number): fc.Arbitrary<Match> {
  if (version === 1) {
    return fc.oneof(
      fc.constant([]),
      portNo(1).map((p): Match => [{ field: 'in_port', value: p }]),
      fc.tuple(mac, ipv4).map(([m, ip]): Match => [
        { field: 'eth_src', value: m }, { field: 'eth_type', value: 0x0800 }, { field: 'ipv4_dst', value: ip },
      ]),
    );
  }
  return fc.oneof(
    fc.constant([]),
    fc.integer({ min: 1, max: 0xfffffeff }).map((p): Match => [{ field: 'in_port', value: p }]),
    fc.tuple(mac, fc.integer({ min: 0, max: 32 }), ipv4, u16).map(([m, len, ip, tp]): Match => [
      { field: 'eth_dst', value: m },
      { field: 'eth_type', value: 0x0800 },
      len === 32 ? { field: 'ipv4_src', value: ip } : {
        field: 'ipv4_src',
        value: ip.split('.').map(Number).map((o, i) => o & (0xff << Math.max(0, 8 - Math.max(0, len - 8 * i))) & 0xff).join('.'),
        mask: [0, 1, 2, 3].map((i) => (0xff << Math.max(0, 8 - Math.max(0, len - 8 * i))) & 0xff).join('.'),
      },
      { field: 'ip_proto', value: 6 },
      { field: 'tcp_dst', value: tp },
    ]),
  );
}

/** Output actions (ports that 'version' can carry). */
function actions(version: number, minLength: number): fc.Arbitrary<Action[]> {
  const port = version === 1 ? fc.integer({ min: 1, max: 0xfeff }) : fc.integer({ min: 1, max: 0xfffffeff });
  return fc.array(fc.record({ type: fc.constant('output' as const), port, maxLen: u16 }), { minLength, maxLength: 3 });
}

/** Instructions 'version' can carry: OF1.0 only one apply-actions list (or none). */
export function instructions(version: number): fc.Arbitrary<Instruction[]> {
  if (version === 1) {
    return fc.oneof(fc.constant<Instruction[]>([]), actions(1, 1).map((a): Instruction[] => [{ type: 'apply_actions', actions: a }]));
  }
  const some: fc.Arbitrary<Instruction>[] = [
    actions(version, 0).map((a): Instruction => ({ type: 'apply_actions', actions: a })),
    fc.constant<Instruction>({ type: 'clear_actions' }),
    actions(version, 0).map((a): Instruction => ({ type: 'write_actions', actions: a })),
    fc.integer({ min: 1, max: 254 }).map((tableId): Instruction => ({ type: 'goto_table', tableId })),
  ];
  if (version >= 4) some.push(fc.integer({ min: 1, max: 0xffff0000 }).map((meterId): Instruction => ({ type: 'meter', meterId })));
  // At most one instruction of each type.
  return fc.subarray(some.map((_, i) => i), { maxLength: 3 }).chain((idx) => (idx.length ? fc.tuple(...idx.map((i) => some[i]!)) : fc.constant<Instruction[]>([])));
}

export function flowStats(version: number): fc.Arbitrary<FlowStats> {
  return fc.record({
    tableId: u8, durationSec: u32, durationNsec: u32, priority: u16, idleTimeout: u16, hardTimeout: u16,
    flags: version >= 4 ? u16 : fc.constant(0), importance: version >= 5 ? u16 : fc.constant(0),
    cookie: u64, packetCount: u64, byteCount: u64, match: match(version), instructions: instructions(version),
  });
}

function bucket(version: number): fc.Arbitrary<{ weight: number; watchPort: number; watchGroup: number; actions: Action[] }> {
  return fc.record({ weight: u16, watchPort: u32, watchGroup: u32, actions: actions(version, 0) });
}

/** An OXM id: a header of any class but the experimenter one, or one of it with its experimenter id. */
const oxmId: fc.Arbitrary<OxmId> = fc.oneof(
  u32.filter((h) => h >>> 16 !== 0xffff).map((header) => ({ header })),
  fc.tuple(fc.integer({ min: 0, max: 0xffff }), u32).map(([low, experimenter]) => ({ header: (0xffff0000 | low) >>> 0, experimenter })),
);

/**
 * A table feature property that decodes back as itself: the structured
 * kinds with any ids, and raw ones of types without a structured form or
 * with a payload that has none (an 8-byte action id).
 */
const tableFeatureProp: fc.Arbitrary<TableFeatureProp> = fc.oneof(
  fc.record({ type: fc.constantFrom('instructions' as const, 'instructions_miss' as const), instructionTypes: fc.array(u16, { maxLength: 6 }) }),
  fc.record({ type: fc.constantFrom('next_tables' as const, 'next_tables_miss' as const), tableIds: fc.array(u8, { maxLength: 10 }) }),
  fc.record({
    type: fc.constantFrom('write_actions' as const, 'write_actions_miss' as const, 'apply_actions' as const, 'apply_actions_miss' as const),
    actionTypes: fc.array(u16, { maxLength: 6 }),
  }),
  fc.record({
    type: fc.constantFrom('match' as const, 'wildcards' as const, 'write_setfield' as const, 'write_setfield_miss' as const, 'apply_setfield' as const, 'apply_setfield_miss' as const),
    fields: fc.array(oxmId, { maxLength: 6 }),
  }),
  fc.record({
    type: fc.constant('raw' as const),
    propType: fc.oneof(fc.constantFrom(9, 11, 0xfffe, 0xffff), fc.integer({ min: 16, max: 0xfffd })),
    payload: fc.uint8Array({ maxLength: 20 }),
  }),
  fc.constant<TableFeatureProp>({ type: 'raw', propType: 6, payload: Uint8Array.from([0, 0, 0, 8, 0, 0, 0, 0]) }),
);

/** One table's features as 'version' carries them (a command only in OF1.5). */
export function tableFeatures(version: number): fc.Arbitrary<TableFeatures> {
  return fc.record({
    tableId: fc.integer({ min: 0, max: 254 }), command: version >= 6 ? fc.integer({ min: 0, max: 3 }) : fc.constant(0),
    name: fixedText(31), metadataMatch: u64, metadataWrite: u64, capabilities: u32, maxEntries: u32,
    properties: fc.array(tableFeatureProp, { maxLength: 4 }),
  });
}

/** Which kinds each version models, for requests and replies. */
const METERS = ['meter', 'meter_config', 'meter_features'] as const;
export const REQUEST_KINDS: Record<number, readonly MultipartRequestBody['stat'][]> = {
  1: ['desc', 'flow', 'aggregate', 'table', 'port', 'queue'],
  2: ['desc', 'table', 'port', 'queue', 'group', 'group_desc'],
  3: ['desc', 'flow', 'aggregate', 'table', 'port', 'queue', 'group', 'group_desc', 'group_features'],
  4: ['desc', 'flow', 'aggregate', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_desc', 'group_features', ...METERS],
  5: ['desc', 'flow', 'aggregate', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_desc', 'group_features', ...METERS],
  6: ['desc', 'flow', 'aggregate', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_features', ...METERS],
};
export const REPLY_KINDS: Record<number, readonly MultipartReplyBody['stat'][]> = {
  1: ['desc', 'flow', 'aggregate', 'table', 'port', 'queue'],
  2: ['desc', 'aggregate', 'port', 'queue', 'group', 'group_desc'],
  3: ['desc', 'flow', 'aggregate', 'port', 'queue', 'group', 'group_desc', 'group_features'],
  4: ['desc', 'flow', 'aggregate', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_desc', 'group_features', ...METERS],
  5: ['desc', 'flow', 'aggregate', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_desc', 'group_features', ...METERS],
  6: ['desc', 'table', 'table_features', 'port', 'port_desc', 'queue', 'group', 'group_features', ...METERS],
};

/** A request body of kind 'stat' that 'version' can carry. */
export function requestBody(stat: MultipartRequestBody['stat'], version: number): fc.Arbitrary<MultipartRequestBody> {
  switch (stat) {
    case 'desc':
    case 'table':
    case 'group_desc':
    case 'group_features':
    case 'meter_features':
      return fc.constant({ stat });
    case 'flow':
    case 'aggregate':
      return version === 1
        ? fc.record({ stat: fc.constant(stat), tableId: u8, outPort: portNo(1), outGroup: fc.constant(0xffffffff), cookie: fc.constant(0n), cookieMask: fc.constant(0n), match: match(1) })
        : fc.record({ stat: fc.constant(stat), tableId: u8, outPort: u32, outGroup: u32, cookie: u64, cookieMask: u64, match: match(version) });
    case 'port':
      // OF1.0's OFPP_ALL and OFPP_ANY both mean "all" only for QUEUE; PORT keeps the number.
      return fc.record({ stat: fc.constant(stat), portNo: portNo(version) });
    case 'port_desc':
      return version >= 6 ? fc.record({ stat: fc.constant(stat), portNo: u32 }) : fc.constant({ stat });
    case 'queue':
      return fc.record({
        stat: fc.constant(stat),
        portNo: portNo(version).filter((p) => version > 1 || p !== 0xfffffffc),
        queueId: u32,
      });
    case 'group':
      return fc.record({ stat: fc.constant(stat), groupId: u32 });
    case 'meter':
    case 'meter_config':
      return fc.record({ stat: fc.constant(stat), meterId: u32 });
    case 'table_features':
      return fc.array(tableFeatures(version), { maxLength: 3 }).map((entries) => ({ stat, entries }));
    default:
      throw new Error(`no arbitrary for ${stat}`);
  }
}

/** A reply body of kind 'stat' that 'version' can carry. */
export function replyBody(stat: MultipartReplyBody['stat'], version: number, maxEntries = 4): fc.Arbitrary<MultipartReplyBody> {
  const list = <E>(entry: fc.Arbitrary<E>): fc.Arbitrary<MultipartReplyBody> =>
    fc.array(entry, { maxLength: maxEntries }).map((entries) => ({ stat, entries }) as MultipartReplyBody);
  switch (stat) {
    case 'desc':
      return fc.record({
        stat: fc.constant(stat), mfrDesc: fixedText(255), hwDesc: fixedText(255), swDesc: fixedText(255),
        serialNum: fixedText(31), dpDesc: fixedText(255),
      });
    case 'flow':
      return list(flowStats(version));
    case 'aggregate':
      return fc.record({ stat: fc.constant(stat), packetCount: u64, byteCount: u64, flowCount: u32 });
    case 'group_desc':
      return list(fc.record({ groupType: u8, groupId: u32, buckets: fc.array(bucket(version), { maxLength: 3 }) }));
    case 'table':
      return list(version === 1
        ? fc.record({ tableId: u8, activeCount: u32, lookupCount: u64, matchedCount: u64, name: fixedText(31), wildcards: u32, maxEntries: u32 })
        : fc.record({ tableId: u8, activeCount: u32, lookupCount: u64, matchedCount: u64 }));
    case 'port': {
      const base = fc.tuple(
        fc.record({
          portNo: portNo(version), rxPackets: u64, txPackets: u64, rxBytes: u64, txBytes: u64,
          rxDropped: u64, txDropped: u64, rxErrors: u64, txErrors: u64,
          rxFrameErr: u64, rxOverErr: u64, rxCrcErr: u64, collisions: u64,
        }),
        duration(version >= 4),
      ).map(([c, d]) => ({ ...c, ...d }));
      return list(withOptional(base, 'extraProperties', properties, version >= 5));
    }
    case 'port_desc':
      return list(port(version));
    case 'queue': {
      const base = fc.tuple(
        fc.record({ portNo: portNo(version), queueId: u32, txBytes: u64, txPackets: u64, txErrors: u64 }),
        duration(version >= 4),
      ).map(([c, d]) => ({ ...c, ...d }));
      return list(withOptional(base, 'extraProperties', fc.uint8Array({ minLength: 8, maxLength: 24 }).filter((b) => b.length % 8 === 0), version >= 5));
    }
    case 'group':
      return list(fc.tuple(
        fc.record({ groupId: u32, refCount: u32, packetCount: u64, byteCount: u64, buckets: fc.array(fc.record(counters), { maxLength: 3 }) }),
        duration(version >= 4),
      ).map(([g, d]) => ({ ...g, ...d })));
    case 'group_features':
      return fc.record({
        stat: fc.constant(stat), types: u32, capabilities: u32,
        maxGroups: fc.tuple(u32, u32, u32, u32), actions: fc.tuple(u32, u32, u32, u32),
      });
    case 'meter':
      return list(fc.record({
        meterId: u32, flowCount: u32, packetInCount: u64, byteInCount: u64, durationSec: u32, durationNsec: u32,
        bands: fc.array(fc.record(counters), { maxLength: 3 }),
      }));
    case 'meter_config':
      return list(fc.record({ flags: u16, meterId: u32, bands: fc.array(meterBand, { maxLength: 3 }) }));
    case 'meter_features':
      return fc.record({ stat: fc.constant(stat), maxMeter: u32, bandTypes: u32, capabilities: u32, maxBands: u8, maxColor: u8 });
    case 'table_features':
      return list(tableFeatures(version));
    default:
      throw new Error(`no arbitrary for ${stat}`);
  }
}

/** A whole request message of 'version'. */
export function requestMsg(version: number, body: fc.Arbitrary<MultipartRequestBody>): fc.Arbitrary<MultipartRequestMsg> {
  return fc.record({ type: fc.constant('multipart_request' as const), version: fc.constant(version), xid: u32, flags: u16, body });
}

/** A whole reply message of 'version'. */
export function replyMsg(version: number, body: fc.Arbitrary<MultipartReplyBody>): fc.Arbitrary<MultipartReplyMsg> {
  return fc.record({ type: fc.constant('multipart_reply' as const), version: fc.constant(version), xid: u32, flags: u16, body });
}

/* Nicira flow statistics (NXST_FLOW, NXST_AGGREGATE): OpenFlow 1.0 with NXM matches. */

/** A cookie filter NXM carries back unchanged: none, or a nonzero mask with the cookie inside it. */
const nxmCookie = fc.oneof(
  fc.constant({ cookie: 0n, cookieMask: 0n }),
  fc.tuple(u64, fc.bigInt({ min: 1n, max: (1n << 64n) - 1n })).map(([c, m]) => ({ cookie: c & m, cookieMask: m })),
);

/** An NXST_FLOW or NXST_AGGREGATE request body (format 'nxm'). */
export function nxmRequestBody<S extends 'flow' | 'aggregate'>(stat: S): fc.Arbitrary<FlowStatsRequest<S>> {
  return fc.tuple(u8, portNo(1), nxmCookie, oxmMatchArb).map(([tableId, outPort, c, match]) => ({
    stat, format: 'nxm' as const, tableId, outPort, outGroup: 0xffffffff, ...c, match,
  }));
}

/** One NXST_FLOW entry: an NXM match, no flags or importance (OF1.0 reports none), ages known or not. */
export const nxmFlowStats: fc.Arbitrary<FlowStats> = fc.tuple(
  flowStats(1),
  oxmMatchArb,
  fc.option(fc.integer({ min: 0, max: 65534 }), { nil: undefined }),
  fc.option(fc.integer({ min: 0, max: 65534 }), { nil: undefined }),
).map(([f, match, idleAge, hardAge]) => ({
  ...f, match, ...(idleAge === undefined ? {} : { idleAge }), ...(hardAge === undefined ? {} : { hardAge }),
}));

/** An NXST_FLOW or NXST_AGGREGATE reply body (format 'nxm'). */
export function nxmReplyBody(stat: 'flow' | 'aggregate'): fc.Arbitrary<FlowStatsReply | AggregateStatsReply> {
  return stat === 'flow'
    ? fc.array(nxmFlowStats, { maxLength: 4 }).map((entries) => ({ stat, format: 'nxm' as const, entries }))
    : fc.record({ stat: fc.constant(stat), format: fc.constant('nxm' as const), packetCount: u64, byteCount: u64, flowCount: u32 });
}
