/**
 * TABLE_FEATURES (OpenFlow 1.3-1.5): the request ovs-ofctl sends before
 * add-flow, del-flows and dump-flows (an empty body), the reply a switch
 * sends (one entry per table, with properties), and a request that asks
 * to change the features.  Judged by Open vSwitch's own bytes (the reply
 * of its tests/ofp-print.at, which must come back byte for byte) and by
 * `ovs-ofctl ofp-print` reading what we encode.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import { decode, encode, encodeAll } from '../../src/openflow/codec.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import { FIELDS, oxmFieldByWire } from '../../src/openflow/oxm.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { type TableFeatureProp, tableFeaturePropNumber, type TableFeatures } from '../../src/openflow/table-features.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { hasOsKen, hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';
import { fixtureBytes, loadGoldenCorpus, oskenView } from '../support/osken-corpus.js';

const withOvs = hasOvsOfctl ? test : test.skip;
const withOsKen = hasOsKen ? test : test.skip;
const OSKEN_SCRIPT = fileURLToPath(new URL('../support/osken-multipart.py', import.meta.url));
const ALL64 = (1n << 64n) - 1n;

// Open vSwitch's tests/ofp-print.at, "OFPST_TABLE_FEATURES request - OF1.3"
// (a reply, flags=[more]): table 0 named "table0", with instruction and
// action ids padded to 8 bytes each, as some switches send them.
const OVS_TABLE0 = [
  '04130940000000d5000c00010000000009300000000000007461626c65300000000000000000000000000000000000000000000000000000',
  'ffffffffffffffffffffffffffffffff00000003000f42400000002c00010008000000000002000800000000000300080000000000040008',
  '000000000005000800000000000000000001002c000100080000000000020008000000000003000800000000000400080000000000050008',
  '0000000000000000000201010102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c',
  '2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061626364',
  '65666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c',
  '9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4',
  'd5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfd000000000000000003010101020304',
  '05060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c',
  '3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f7071727374',
  '75767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabac',
  'adaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4',
  'e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfd00000000000000000400840000000800000000000b000800000000000c0008',
  '00000000000f0008000000000010000800000000001100080000000000120008000000000013000800000000001400080000000000150008',
  '000000000016000800000000001700080000000000180008000000000019000800000000001a000800000000001b00080000000000000000',
  '000500840000000800000000000b000800000000000c000800000000000f0008000000000010000800000000001100080000000000120008',
  '0000000000130008000000000014000800000000001500080000000000160008000000000017000800000000001800080000000000190008',
  '00000000001a000800000000001b00080000000000000000000600840000000800000000000b000800000000000c000800000000000f0008',
  '0000000000100008000000000011000800000000001200080000000000130008000000000014000800000000001500080000000000160008',
  '00000000001700080000000000180008000000000019000800000000001a000800000000001b000800000000000000000007008400000008',
  '00000000000b000800000000000c000800000000000f00080000000000100008000000000011000800000000001200080000000000130008',
  '00000000001400080000000000150008000000000016000800000000001700080000000000180008000000000019000800000000001a0008',
  '00000000001b00080000000000000000000800dc80004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e04800008068000060680000a020000080280000c0280000e018000440480004601',
  '8000480180001604800018048000341080003610800038048000140100000a01800010018000120100013a010001340180002a0280002c04',
  '80002e04800030068000320680001a0280001c020001440280001e02800020028000220280002402800026018000280180003a0180003c01',
  '80003e10800040068000420600000000000a00dc80004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e04800008068000060680000a020000080280000c0280000e018000440480004601',
  '8000480180001604800018048000341080003610800038048000140100000a01800010018000120100013a010001340180002a0280002c04',
  '80002e04800030068000320680001a0280001c020001440280001e02800020028000220280002402800026018000280180003a0180003c01',
  '80003e10800040068000420600000000000c00a880004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e0480000806800006060000080280000c0280000e01800044048000460180001604',
  '80001804800034108000361000000a01800010018000120100013a0180002a0280002c0480002e04800030068000320680001a0280001c02',
  '80001e02800020028000220280002402000d00a880004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e0480000806800006060000080280000c0280000e01800044048000460180001604',
  '80001804800034108000361000000a01800010018000120100013a0180002a0280002c0480002e04800030068000320680001a0280001c02',
  '80001e02800020028000220280002402000e00a880004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e0480000806800006060000080280000c0280000e01800044048000460180001604',
  '80001804800034108000361000000a01800010018000120100013a0180002a0280002c0480002e04800030068000320680001a0280001c02',
  '80001e02800020028000220280002402000f00a880004c0800013e0400014004800004080000000280000004000142040001000400010204',
  '00010404000106040001080400010a0400010c0400010e0480000806800006060000080280000c0280000e01800044048000460180001604',
  '80001804800034108000361000000a01800010018000120100013a0180002a0280002c0480002e04800030068000320680001a0280001c02',
  '80001e02800020028000220280002402',
].join('');

/** The fields a switch like the reference one matches on, by their OXM headers. */
const MATCHABLE = FIELDS.filter((f) => !['in_phy_port', 'pbb_isid', 'pbb_uca', 'ipv6_exthdr', 'actset_output', 'packet_type', 'tun_id'].includes(f.name));
const ACTIONS = [0, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];

/** Table 'id' of 'n' tables, with every property OpenFlow 1.3 requires. */
function table(id: number, n: number, name = ''): TableFeatures {
  const exact = MATCHABLE.map((f) => ({ header: f.oxm.header }));
  const next = Array.from({ length: n - 1 - id }, (_, i) => id + 1 + i);
  const properties: TableFeatureProp[] = [
    { type: 'instructions', instructionTypes: next.length ? [1, 2, 3, 4, 5, 6] : [2, 3, 4, 5, 6] },
    { type: 'next_tables', tableIds: next },
    { type: 'write_actions', actionTypes: ACTIONS },
    { type: 'apply_actions', actionTypes: ACTIONS },
    { type: 'match', fields: MATCHABLE.map((f) => ({ header: f.maskable ? f.oxm.maskedHeader : f.oxm.header })) },
    { type: 'wildcards', fields: exact },
    { type: 'write_setfield', fields: exact.slice(0, 10) },
    { type: 'apply_setfield', fields: exact.slice(0, 10) },
  ];
  return { tableId: id, command: 0, name, metadataMatch: ALL64, metadataWrite: ALL64, capabilities: 0, maxEntries: 1_000_000, properties };
}

function reply(version: number, entries: readonly TableFeatures[], flags = 0): MultipartReplyMsg {
  return { type: 'multipart_reply', version, xid: 0x42, flags, body: { stat: 'table_features', entries } };
}

function request(version: number, entries: readonly TableFeatures[]): MultipartRequestMsg {
  return { type: 'multipart_request', version, xid: 0x43, flags: 0, body: { stat: 'table_features', entries } };
}

function ovsPrint(b: Uint8Array): string {
  return ofpPrint(b).replace(/\s+/g, ' ').trim();
}

function tripNeutral(t: ExecutionContext, m: MultipartReplyMsg | MultipartRequestMsg): void {
  t.true(sameNeutral(decode(encode(m)), m), `${m.type} of version ${m.version}`);
}

// ---------------------------------------------------------------- requests

test('the request ovs-ofctl sends (an empty body) decodes as a table_features request in OF1.3-1.5 and round-trips', (t) => {
  for (const v of ['04', '05', '06']) {
    const m = roundTripHex(t, `${v}12001000000001000c000000000000`);
    t.like(m, { type: 'multipart_request', xid: 1, flags: 0, body: { stat: 'table_features', entries: [] } });
  }
});

withOvs('ovs-ofctl reads our empty request as OFPST_TABLE_FEATURES request', (t) => {
  for (const [v, of] of [[4, '1.3'], [5, '1.4'], [6, '1.5']] as const) {
    t.is(ovsPrint(encode(request(v, []))), `OFPST_TABLE_FEATURES request (OF${of}) (xid=0x43):`);
  }
});

withOvs('a request that sets features: ovs-ofctl reads its entries, OF1.5 with its command', (t) => {
  const set13 = request(4, [table(0, 2, 'classifier'), table(1, 2)]);
  tripNeutral(t, set13);
  const text = ovsPrint(encode(set13));
  t.regex(text, /^OFPST_TABLE_FEATURES request \(OF1\.3\) \(xid=0x43\): table 0 \("classifier"\): metadata: match=0xffffffffffffffff/);
  t.notRegex(text, /decode error|\*\*\*/);
  // OF1.5: a modify with no properties, which OpenFlow 1.5 allows (features left as they are).
  const modify = request(6, [{ ...table(3, 4, 'acl'), command: 1, properties: [] }]);
  tripNeutral(t, modify);
  t.regex(ovsPrint(encode(modify)), /^OFPST_TABLE_FEATURES request \(OF1\.5\) \(xid=0x43\): command: modify table 3 \("acl"\): metadata: match=0xffffffffffffffff write=0xffffffffffffffff eviction: not supported vacancy events: not supported max_entries=1000000$/);
});

// ---------------------------------------------------------------- replies

test('Open vSwitch\'s own reply comes back byte for byte: padded ids kept raw, the rest structured', (t) => {
  const m = roundTripHex(t, OVS_TABLE0) as MultipartReplyMsg;
  t.like(m, { version: 4, xid: 0xd5, flags: 1 });
  if (m.body.stat !== 'table_features') throw new Error(m.body.stat);
  t.is(m.body.entries.length, 1);
  const e = m.body.entries[0]!;
  t.like(e, { tableId: 0, command: 0, name: 'table0', metadataMatch: ALL64, metadataWrite: ALL64, capabilities: 3, maxEntries: 1_000_000 });
  t.deepEqual(e.properties.map((p) => (p.type === 'raw' ? `raw${p.propType}` : p.type)), [
    'raw0', 'raw1', 'next_tables', 'next_tables_miss', 'raw4', 'raw5', 'raw6', 'raw7',
    'match', 'wildcards', 'write_setfield', 'write_setfield_miss', 'apply_setfield', 'apply_setfield_miss',
  ]);
  const next = e.properties[2]!;
  t.deepEqual(next.type === 'next_tables' ? next.tableIds : [], Array.from({ length: 253 }, (_, i) => i + 1));
  const match = e.properties[8]!;
  if (match.type !== 'match') throw new Error(match.type);
  t.is(match.fields.length, 54);
  // tun_id (NXM_NX_TUN_ID, masked), then NXM_NX_TUN_IPV4_SRC and _DST.
  t.deepEqual(match.fields.slice(0, 3), [{ header: 0x80004c08 }, { header: 0x00013e04 }, { header: 0x00014004 }]);
  t.regex(formatMessage(m), /^OFPMP_TABLE_FEATURES_REPLY \(OF1\.3\) \(xid=0xd5\): flags=\[more\] table 0 \("table0"\): metadata match=0xffffffffffffffff write=0xffffffffffffffff capabilities=0x3 max_entries=1000000 property0\(40 bytes\) property1\(40 bytes\) next_tables=1-253 next_tables_miss=1-253 property4\(128 bytes\)/);
});

/** What os-ken's to_jsondict() says of one entry, as the neutral form would say it. */
interface OskenEntry {
  readonly OFPTableFeaturesStats: {
    readonly table_id: number; readonly name: string; readonly max_entries: number; readonly metadata_match: number | string;
    readonly properties: readonly Record<string, { readonly type: number; readonly [k: string]: unknown }>[];
  };
}

/** os-ken's view of a property, in the neutral form's terms: ids as numbers, OXM ids as "name" or "name/". */
function oskenProp(p: Record<string, { readonly type: number; readonly [k: string]: unknown }>): unknown {
  const [, v] = Object.entries(p)[0]!;
  const ids = (k: string): number[] => (v[k] as Record<string, { type: number }>[]).map((x) => Object.values(x)[0]!.type);
  if ('instruction_ids' in v) return [v.type, ids('instruction_ids')];
  if ('action_ids' in v) return [v.type, ids('action_ids')];
  if ('table_ids' in v) return [v.type, v.table_ids];
  const oxm = (v.oxm_ids as Record<string, { type: string; hasmask: number }>[]).map((x) => Object.values(x)[0]!);
  // os-ken's OpenFlow 1.3 parser does not know OXM basic field 42 (tcp_flags, which Open vSwitch
  // reads in every version) and names it by class and number: 0x8000 << 7 | 42.
  return [v.type, oxm.map((o) => `${o.type === 'field_4194346' ? 'tcp_flags' : o.type}${o.hasmask ? '/' : ''}`)];
}

function ourProp(p: TableFeatureProp): unknown {
  switch (p.type) {
    case 'instructions':
    case 'instructions_miss':
      return [tableFeaturePropNumber(p), p.instructionTypes];
    case 'write_actions':
    case 'write_actions_miss':
    case 'apply_actions':
    case 'apply_actions_miss':
      return [tableFeaturePropNumber(p), p.actionTypes];
    case 'next_tables':
    case 'next_tables_miss':
      return [tableFeaturePropNumber(p), p.tableIds];
    case 'raw':
      return [p.propType, 'raw'];
    default:
      return [tableFeaturePropNumber(p), p.fields.map((f) => `${oxmFieldByWire(f.header >>> 16, (f.header >>> 9) & 0x7f)?.field.name ?? f.header}${f.header & 0x100 ? '/' : ''}`)];
  }
}

test('the golden corpus\'s table features (built by os-ken, accepted by ovs-ofctl) decode to what os-ken says they hold', (t) => {
  const fixtures = loadGoldenCorpus().fixtures.filter((f) => /multipart_(request|reply)\/table_features_/.test(f.name) || f.name.endsWith('/table_features'));
  t.true(fixtures.length >= 4, fixtures.map((f) => f.name).join(' '));
  for (const f of fixtures) {
    const m = decode(fixtureBytes(f));
    t.is(encode(m).toString('hex'), f.hex, f.name);
    if ((m.type !== 'multipart_request' && m.type !== 'multipart_reply') || m.body.stat !== 'table_features') throw new Error(`${f.name} decoded as ${m.type}`);
    const theirs = (oskenView(f).fields.body as readonly OskenEntry[]).map((e) => e.OFPTableFeaturesStats);
    t.deepEqual(m.body.entries.map((e) => [e.tableId, e.name, e.maxEntries, String(e.metadataMatch), e.properties.map(ourProp)]),
      theirs.map((e) => [e.table_id, e.name, e.max_entries, String(e.metadata_match), e.properties.map(oskenProp)]), f.name);
  }
});

withOsKen('os-ken parses our OF1.3 reply and finds our tables, names and properties', (t) => {
  const entries = [table(0, 3, 'classifier'), table(1, 3), { ...table(2, 3), properties: [...table(2, 3).properties, { type: 'next_tables_miss' as const, tableIds: [] }] }];
  const r = spawnSync('/usr/bin/python3', [OSKEN_SCRIPT, 'parse'], { input: encode(reply(4, entries)).toString('hex') + '\n', encoding: 'utf8', timeout: 60_000 });
  t.is(r.status, 0, r.stderr);
  const [parsed] = JSON.parse(r.stdout) as Record<string, { body: readonly OskenEntry[] } | undefined>[];
  const view = parsed!.OFPTableFeaturesStatsReply;
  if (!view) throw new Error(`os-ken did not parse it: ${r.stdout.slice(0, 200)}`);
  // The helper prints 64-bit integers as JSON numbers: compared as the doubles JSON.parse makes of them.
  t.deepEqual(view.body.map((e) => e.OFPTableFeaturesStats).map((e) => [e.table_id, e.name, e.max_entries, Number(e.metadata_match), e.properties.map(oskenProp)]),
    entries.map((e) => [e.tableId, e.name, e.maxEntries, Number(e.metadataMatch), e.properties.map(ourProp)]));
});

withOvs('ovs-ofctl reads our reply in OF1.3, 1.4 and 1.5: names, next tables, instructions, actions, matching, ditto', (t) => {
  for (const [v, of] of [[4, '1.3'], [5, '1.4'], [6, '1.5']] as const) {
    const m = reply(v, [table(0, 4), table(1, 4, 'named'), table(2, 4), table(3, 4)]);
    tripNeutral(t, m);
    const text = ovsPrint(encode(m));
    t.notRegex(text, /decode error|\*\*\*/, `OF${of}`);
    t.regex(text, new RegExp(`^OFPST_TABLE_FEATURES reply \\(OF${of.replace('.', '\\.')}\\) \\(xid=0x42\\): table 0: ` +
      'metadata: match=0xffffffffffffffff write=0xffffffffffffffff (eviction: not supported vacancy events: not supported )?' +
      'max_entries=1000000 instructions \\(table miss and others\\): ' +
      'next tables: 1-3 instructions: (meter )?apply_actions clear_actions write_actions write_metadata goto_table ' +
      'Write-Actions and Apply-Actions features: actions: output group set_field strip_vlan push_vlan mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue'));
    t.regex(text, /matching: arbitrary mask: .*\bmetadata\b.* exact match or wildcard: in_port_oxm .*\beth_type\b/);
    t.regex(text, /table 1 \("named"\): ditto table 2: ditto/);
    // The last table cannot go to another: no goto_table, no next tables.
    t.regex(text, /table 3: .*instructions: (meter )?apply_actions clear_actions write_actions write_metadata \(same actions\) \(same matching\)$/);
    // Our printer, on one line, says the same.
    t.true(formatMessage(m).split('; ').slice(1).join('; ').startsWith('table 1 ("named"): ditto; table 2: ditto; table 3: ' +
      'metadata match=0xffffffffffffffff write=0xffffffffffffffff max_entries=1000000 ' +
      'instructions=write_metadata,write_actions,apply_actions,clear_actions,meter next_tables=none ' +
      'write_actions=output,set_mpls_ttl,dec_mpls_ttl,push_vlan,pop_vlan,push_mpls,pop_mpls,set_queue,group,set_nw_ttl,dec_nw_ttl,set_field apply_actions='));
  }
});

test('properties kept raw: experimenter and unknown types, ids that are not 4 bytes, an OXM id cut short; experimenter OXM ids are structured', (t) => {
  const props: TableFeatureProp[] = [
    { type: 'raw', propType: 0xfffe, payload: Uint8Array.from([0, 0, 0x23, 0x20, 0, 0, 0, 1, 9, 9]) },
    { type: 'raw', propType: 9, payload: new Uint8Array(0) },
    { type: 'raw', propType: 4, payload: Uint8Array.from([0, 0, 0, 8, 0, 0, 0, 0]) },
    { type: 'raw', propType: 8, payload: Uint8Array.from([0x80, 0, 0, 4, 0x80]) },
    { type: 'match', fields: [{ header: 0xffff0104, experimenter: 0x4f4e4600 }, { header: 0x80000004 }] },
    { type: 'next_tables_miss', tableIds: [] },
  ];
  const m = reply(4, [{ ...table(0, 1), properties: props }]);
  const bytes = encode(m);
  // 64 + 16 (10-byte experimenter payload) + 8 + 16 + 16 (5-byte payload) + 16 (12-byte payload) + 8.
  t.is(bytes.length, 16 + 64 + 16 + 8 + 16 + 16 + 16 + 8);
  t.is(bytes.readUInt16BE(16), bytes.length - 16);
  tripNeutral(t, m);
});

test('errors: entries and properties of bad length, table 255, an OF1.5 command that does not exist', (t) => {
  const good = encode(reply(4, [{ ...table(0, 1), properties: [{ type: 'next_tables', tableIds: [1, 2] }] }])).toString('hex');
  const entry = good.slice(32);
  const msg = (v: string, body: string): string => `${v}13${(16 + body.length / 2).toString(16).padStart(4, '0')}00000042000c000000000000${body}`;
  t.is(msg('04', entry), good);
  // An entry shorter than 64 bytes, not a multiple of 8, longer than what is left, or a body of 8 bytes.
  t.is(decodeErrorOf(t, msg('04', '0038' + entry.slice(4))), 'OFPBPC_BAD_LEN');
  t.is(decodeErrorOf(t, msg('04', '0049' + entry.slice(4))), 'OFPBPC_BAD_LEN');
  t.is(decodeErrorOf(t, msg('04', '0050' + entry.slice(4))), 'OFPBPC_BAD_LEN');
  t.is(decodeErrorOf(t, msg('04', '0000000000000000')), 'OFPBPC_BAD_LEN');
  // A property of length 2, and one whose padding runs past the entry.
  t.is(decodeErrorOf(t, msg('04', entry.slice(0, 128) + '00020002' + '00000000')), 'OFPBPC_BAD_LEN');
  t.is(decodeErrorOf(t, msg('04', entry.slice(0, 128) + '0002000c' + '01020000')), 'OFPBPC_BAD_LEN');
  // Table 255.
  t.is(decodeErrorOf(t, msg('04', entry.slice(0, 4) + 'ff' + entry.slice(6))), 'OFPTFFC_BAD_TABLE');
  // OF1.5 command 4; in OF1.3 the same byte is padding.
  t.is(decodeErrorOf(t, msg('06', entry.slice(0, 6) + '04' + entry.slice(8))), 'OFPTFFC_BAD_COMMAND');
  t.like(decode(Buffer.from(msg('04', entry.slice(0, 6) + '04' + entry.slice(8)), 'hex')), { body: { entries: [{ command: 0 }] } });
});

test('encoding errors: a command before OF1.5, table 255, ids wider than their field, OF1.2', (t) => {
  t.is(codecErrorOf(t, () => encode(request(4, [{ ...table(0, 1), command: 1 }]))), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode(reply(6, [{ ...table(0, 1), command: 9 }]))), 'OFPTFFC_BAD_COMMAND');
  t.is(codecErrorOf(t, () => encode(reply(4, [table(255, 256)]))), 'OFPTFFC_BAD_TABLE');
  t.is(codecErrorOf(t, () => encode(reply(4, [{ ...table(0, 1), properties: [{ type: 'next_tables', tableIds: [256] }] }]))), 'OFPBPC_BAD_VALUE');
  t.is(codecErrorOf(t, () => encode(reply(4, [{ ...table(0, 1), properties: [{ type: 'instructions', instructionTypes: [0x10000] }] }]))), 'OFPBPC_BAD_VALUE');
  t.is(codecErrorOf(t, () => encode(reply(4, [{ ...table(0, 1), properties: [{ type: 'match', fields: [{ header: 0xffff0104 }] }] }]))), 'OFPBPC_BAD_VALUE');
  t.is(codecErrorOf(t, () => encode(reply(4, [{ ...table(0, 1), properties: [{ type: 'match', fields: [{ header: 0x80000004, experimenter: 1 }] }] }]))), 'OFPBPC_BAD_VALUE');
  t.is(codecErrorOf(t, () => encode(reply(4, [{ ...table(0, 1), name: 'n'.repeat(32) }]))), 'OFPBRC_BAD_LEN');
  t.is(codecErrorOf(t, () => encode(reply(3, []))), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode(request(3, []))), 'OFPBRC_BAD_VERSION');
});

// ---------------------------------------------------------------- splitting

test('split: 254 tables of Open vSwitch\'s size become parts within 65535 bytes, MORE on all but the last, whole again when joined', (t) => {
  const entries = Array.from({ length: 254 }, (_, i) => table(i, 254));
  const m = reply(4, entries);
  t.is(codecErrorOf(t, () => encode(m)), 'OFPBRC_BAD_LEN');
  const parts = encodeAll(m);
  t.true(parts.length >= 4, `${parts.length} parts`);
  const decoded = parts.map((p) => decode(p) as MultipartReplyMsg);
  parts.forEach((p, i) => {
    t.true(p.length <= 65535);
    t.is(decoded[i]!.flags, i < parts.length - 1 ? 1 : 0);
    t.is(decoded[i]!.xid, 0x42);
  });
  const all = decoded.flatMap((d) => (d.body.stat === 'table_features' ? d.body.entries : []));
  t.true(sameNeutral(all, entries));
});

withOvs('split: ovs-ofctl reads the first and the last part of the 254-table reply', (t) => {
  const parts = encodeAll(reply(5, Array.from({ length: 254 }, (_, i) => table(i, 254))));
  const first = ovsPrint(parts[0]!);
  t.regex(first, /^OFPST_TABLE_FEATURES reply \(OF1\.4\) \(xid=0x42\): flags=\[more\] table 0: /);
  t.notRegex(first, /decode error|\*\*\*/);
  const last = ovsPrint(parts.at(-1)!);
  t.notRegex(last, /flags=|decode error|\*\*\*/);
  t.regex(last, /table 253: .*instructions: (meter )?apply_actions clear_actions write_actions write_metadata /);
});
