/**
 * The golden corpus judges the codec (style anchor 13: Ryu's test_parser,
 * wire -> neutral -> wire byte for byte).  Every message of
 * corpus/osken-corpus.json was built or parsed by os-ken and accepted by
 * ovs-ofctl (see corpus/generate.py).  For each one:
 *
 *   - decode() must accept it (a throw is a failure, whatever the kind);
 *   - if its kind is modelled (codec.ts has a family codec for it),
 *     encode() in the same version must give back the same bytes, else the
 *     test says where they differ ("differs at byte N");
 *   - an unmodelled kind must pass through unchanged too (the agent relays
 *     such messages as raw bytes);
 *   - fields os-ken and the neutral form both carry must agree (xid,
 *     version, and per kind the fields listed below).
 *
 * The harness covers new message families on its own: as soon as a family
 * codec lands, its fixtures stop decoding as 'unmodelled' and are held to
 * byte equality.  So that this can never become a test that passes by
 * checking nothing, the summary test fails when fewer fixtures are checked
 * as modelled than MODELLED_FLOOR, or when a kind in REQUIRED_KINDS has no
 * fixture checked.
 *
 * How the floor rises: when a message family lands, run `npx ava
 * test/openflow/golden.test.ts --verbose`; the summary test logs how many
 * fixtures are modelled, per kind.  Set MODELLED_FLOOR to the new total and
 * add the family's neutral types to REQUIRED_KINDS in the same commit.
 */

import test from 'ava';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import { decode, encode, isModelled } from '../../src/openflow/codec.js';
import type { ErrorMsg } from '../../src/openflow/error-msg.js';
import { peerVersions, type HelloMsg } from '../../src/openflow/hello.js';
import { NXET_VENDOR, OFPET_EXPERIMENTER, ofperrEncoding } from '../../src/openflow/ofperr.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { portFrom10 } from '../../src/openflow/port-number.js';
import type { Port } from '../../src/openflow/port.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from '../../src/openflow/multipart.js';
import type { FeaturesReplyMsg } from '../../src/openflow/switch-config.js';
import {
  firstDifference,
  fixtureBytes,
  type GoldenFixture,
  loadGoldenCorpus,
  oskenView,
} from '../support/osken-corpus.js';

/**
 * Fewest fixtures that must be checked as modelled and byte-identical.
 * 163 = every fixture of the kinds modelled when this test was written
 * (hello, error, echo, features, config, barrier, port status/mod,
 * get_async_request).  Raise it as families land (see the file comment).
 */
const MODELLED_FLOOR = 672;

/** Neutral types that must each have at least one fixture checked. */
const REQUIRED_KINDS: readonly string[] = [
  'hello', 'error', 'echo_request', 'echo_reply', 'features_request', 'features_reply',
  'get_config_request', 'get_config_reply', 'set_config', 'barrier_request', 'barrier_reply',
  'port_status', 'port_mod', 'get_async_request',
];

const corpus = loadGoldenCorpus();

// ---------------------------------------------------------------------------
// Comparing os-ken's view with ours.

/** os-ken fields that name something else than a same-named neutral field would. */
const SKIPPED_FIELDS = new Set([
  'type', 'len', 'length', 'version', 'msg_type', 'msg_len', 'xid', 'buf', 'actions_len', 'match_len',
  // The vendor prefix: part of the message's identity, not of its content.
  'vendor', 'subtype', 'experimenter', 'exp_type',
]);

/** Per os-ken class, fields whose numbering differs from the neutral form's by design. */
const SKIPPED_BY_CLASS: Record<string, readonly string[]> = {
  // NX roles count from 0 (other, master, slave); OpenFlow's from 1.
  NXTRoleRequest: ['role'],
  NXTRoleReply: ['role'],
  // NX flow_removed carries table_id + 1.
  NXTFlowRemoved: ['table_id'],
  // os-ken's 'frame' keeps the two pad bytes before the Ethernet frame.
  NXTPacketIn: ['frame'],
  // os-ken reads the cookie property's padding as the cookie; 'metadata' is its raw bytes.
  NXTPacketIn2: ['cookie', 'metadata'],
  // Checked by the error check below (the data's prefix depends on the form).
  OFPErrorMsg: ['data', 'code', 'exp_type', 'experimenter'],
};

/** os-ken classes whose view is the raw experimenter message, not its meaning. */
const RAW_VIEW_CLASSES = new Set(['OFPExperimenter']);

/**
 * Fields that must be present and equal in the neutral form for these
 * os-ken classes (families that exist); any other os-ken scalar field is
 * compared when the neutral form has a same-named (camelCase) field.
 */
const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  OFPEchoRequest: ['data'],
  OFPEchoReply: ['data'],
  OFPSwitchFeatures: ['datapath_id', 'n_buffers', 'n_tables', 'capabilities'],
  OFPSetConfig: ['flags', 'miss_send_len'],
  OFPGetConfigReply: ['flags', 'miss_send_len'],
  OFPPortMod: ['port_no', 'hw_addr', 'config', 'mask', 'advertise'],
  // Families in progress when this was written: the names are the obvious
  // camelCase ones (totalLen, generationId); adjust here if a family differs.
  OFPPacketIn: ['total_len'],
  OFPFlowMod: ['priority', 'cookie'],
  OFPFlowRemoved: ['priority', 'cookie', 'packet_count', 'byte_count'],
  OFPRoleRequest: ['generation_id'],
  OFPRoleReply: ['generation_id'],
};

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** os-ken fields whose neutral counterpart has another name, by os-ken class. */
const RENAMED: Record<string, Record<string, string>> = {
  NXTFlowModTableId: { set: 'enable' },
};

/** The neutral field name for os-ken's 'field' of class 'cls'. */
function neutralName(cls: string, field: string): string {
  return RENAMED[cls]?.[field] ?? camel(field);
}

function asBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  return undefined;
}

function isPortField(field: string): boolean {
  return field === 'port_no' || field === 'in_port' || field === 'out_port' || field === 'port';
}

type Comparison = 'equal' | 'differs' | 'absent' | 'incomparable';

/**
 * Compares os-ken's value 'theirs' of 'field' with our 'ours' for a
 * message of 'version': integers as integers (OF1.0 port numbers mapped to
 * 32 bits), byte strings (base64 in os-ken's JSON) as bytes, text as text.
 */
function compareValue(field: string, theirs: unknown, ours: unknown, version: number): Comparison {
  if (ours === undefined) return 'absent';
  if (typeof ours === 'boolean') {
    const t = asBigInt(theirs);
    return t === undefined ? 'incomparable' : (t !== 0n) === ours ? 'equal' : 'differs';
  }
  if (ours instanceof Uint8Array) {
    if (typeof theirs !== 'string') return 'incomparable';
    return Buffer.from(theirs, 'base64').equals(Buffer.from(ours)) ? 'equal' : 'differs';
  }
  if (typeof ours === 'number' || typeof ours === 'bigint') {
    let t = asBigInt(theirs);
    if (t === undefined) return 'incomparable';
    if (version === 1 && isPortField(field)) t = BigInt(portFrom10(Number(t)));
    return t === asBigInt(ours) ? 'equal' : 'differs';
  }
  if (typeof ours === 'string' && typeof theirs === 'string') {
    return ours.toLowerCase() === theirs.toLowerCase() ? 'equal' : 'differs';
  }
  return 'incomparable';
}

/** os-ken's class and fields, looking through OF1.0's OFPVendor wrapper of NX messages. */
function innerView(f: GoldenFixture): { cls: string; fields: Record<string, unknown> } {
  const v = oskenView(f);
  const data = v.fields.data;
  if (v.cls === 'OFPVendor' && data !== null && typeof data === 'object') {
    const [cls, fields] = Object.entries(data as Record<string, Record<string, unknown>>)[0]!;
    return { cls, fields };
  }
  return v;
}

interface FieldReport {
  /** Fields compared and found equal. */
  compared: number;
  /** Human-readable disagreements; any entry fails the fixture. */
  mismatches: string[];
  /** os-ken fields with no same-named neutral field (logged, not failed). */
  unmapped: string[];
  /** os-ken fields whose neutral namesake holds another representation, e.g. a name for a number (logged). */
  incomparable: string[];
}

/** The scalar fields of os-ken's view that the generic comparison considers. */
function scalarFields(f: GoldenFixture): Array<[string, unknown]> {
  const { cls, fields } = innerView(f);
  if (RAW_VIEW_CLASSES.has(cls)) return [];
  const skipped = new Set(SKIPPED_BY_CLASS[cls] ?? []);
  return Object.entries(fields).filter(([field, v]) =>
    !SKIPPED_FIELDS.has(field) && !skipped.has(field) && v !== null && typeof v !== 'object');
}

/** The generic comparison of os-ken's scalar fields with same-named neutral fields. */
function compareFields(f: GoldenFixture, m: OfpMessage, report: FieldReport): void {
  const { cls, fields } = innerView(f);
  const ours = m as unknown as Record<string, unknown>;
  const required = new Set(REQUIRED_FIELDS[cls] ?? []);
  for (const [field, theirs] of scalarFields(f)) {
    const name = neutralName(cls, field);
    const c = compareValue(field, theirs, ours[name], f.version);
    if (c === 'equal') report.compared++;
    else if (c === 'differs') report.mismatches.push(`${field}: os-ken ${String(theirs)}, ours ${String(ours[name])}`);
    else if (required.has(field)) report.mismatches.push(`${field}: os-ken ${String(theirs)}, neutral field ${name} ${c}`);
    else if (c === 'absent') report.unmapped.push(field);
    else report.incomparable.push(field);
  }
  for (const field of required) {
    if (!(field in fields)) report.mismatches.push(`os-ken view lacks required field ${field}`);
  }
}

function comparePort(prefix: string, theirs: Record<string, unknown>, p: Port, version: number, report: FieldReport): void {
  const inner = (Object.values(theirs)[0] ?? {}) as Record<string, unknown>;
  const pairs: Array<[string, unknown]> = [
    ['port_no', p.portNo], ['hw_addr', p.hwAddr], ['name', p.name], ['config', p.config], ['state', p.state],
  ];
  const props = inner.properties as Array<Record<string, Record<string, unknown>>> | undefined;
  const speeds = version >= 5 ? (props?.[0] ? Object.values(props[0])[0] : undefined) : inner;
  if (speeds) {
    pairs.push(['curr', p.curr], ['advertised', p.advertised], ['supported', p.supported], ['peer', p.peer]);
    if (version >= 2) pairs.push(['curr_speed', p.currSpeed], ['max_speed', p.maxSpeed]);
  }
  for (const [field, ours] of pairs) {
    const src = ['curr', 'advertised', 'supported', 'peer', 'curr_speed', 'max_speed'].includes(field) ? speeds! : inner;
    const c = compareValue(field, src[field], ours, version);
    if (c === 'equal') report.compared++;
    else report.mismatches.push(`${prefix}.${field}: os-ken ${String(src[field])}, ours ${String(ours)} (${c})`);
  }
}

/** Checks of the kinds whose os-ken view is nested or version-shaped. */
function compareSpecial(f: GoldenFixture, m: OfpMessage, report: FieldReport): void {
  const { cls, fields } = innerView(f);
  if (cls === 'OFPHello' && m.type === 'hello') {
    const els = (fields.elements ?? []) as Array<Record<string, { versions?: number[] }>>;
    const versions = els.map((e) => Object.values(e)[0]?.versions).find((v) => v !== undefined);
    const expected = versions
      ? versions.reduce((bm, v) => (bm | (1 << v)) >>> 0, 0)
      : peerVersions({ type: 'hello', version: f.version, xid: 0, elements: [] } as HelloMsg);
    const ours = peerVersions(m);
    if (ours === expected) report.compared++;
    else report.mismatches.push(`hello versions: os-ken 0x${expected.toString(16)}, ours 0x${ours.toString(16)}`);
  }
  if (cls === 'OFPErrorMsg' && m.type === 'error') compareError(f, fields, m, report);
  if (cls === 'OFPPortStatus' && m.type === 'port_status') {
    comparePort('desc', fields.desc as Record<string, unknown>, m.port, f.version, report);
  }
  if (cls === 'OFPSwitchFeatures' && m.type === 'features_reply') compareFeaturePorts(fields, m, f.version, report);
  if ((cls === 'NXFlowStatsRequest' || cls === 'NXAggregateStatsRequest') && m.type === 'multipart_request') compareNxRequest(fields, m, report);
  if ((cls === 'NXFlowStatsReply' || cls === 'NXAggregateStatsReply') && m.type === 'multipart_reply') compareNxReply(fields, m, report);
}

/** Adds one comparison of os-ken's 'theirs' with our 'ours' under 'what'. */
function check(report: FieldReport, what: string, theirs: unknown, ours: unknown, version = 1): void {
  const c = compareValue(what, theirs, ours, version);
  if (c === 'equal') report.compared++;
  else report.mismatches.push(`${what}: os-ken ${String(theirs)}, ours ${String(ours)} (${c})`);
}

/** NXST_FLOW / NXST_AGGREGATE requests: the filter (os-ken keeps the NXM match as a ClsRule's flow values). */
function compareNxRequest(fields: Record<string, unknown>, m: MultipartRequestMsg, report: FieldReport): void {
  const b = m.body;
  if ((b.stat !== 'flow' && b.stat !== 'aggregate') || b.format !== 'nxm') {
    report.mismatches.push(`decoded as ${b.stat} in format ${'format' in b ? String(b.format) : 'standard'}, not an NXM flow statistics request`);
    return;
  }
  check(report, 'out_port', fields.out_port, b.outPort);
  check(report, 'table_id', fields.table_id, b.tableId);
  const flow = ((fields.rule as Record<string, Record<string, Record<string, Record<string, unknown>>>>).ClsRule!.flow!.Flow)!;
  for (const mf of b.match) {
    if (mf.field === 'in_port') check(report, 'in_port', flow.in_port, mf.value);
    if (mf.field === 'reg0') check(report, 'regs[0]', (flow.regs as unknown[])[0], mf.value);
    if (mf.field === 'tun_id') check(report, 'tun_id', flow.tun_id, mf.value);
    if (mf.field === 'eth_type') check(report, 'dl_type', flow.dl_type, mf.value);
  }
}

/** NXST_FLOW / NXST_AGGREGATE replies: every entry's numbers (the ages os-ken gives as on the wire: age + 1, 0 unknown). */
function compareNxReply(fields: Record<string, unknown>, m: MultipartReplyMsg, report: FieldReport): void {
  const theirs = (fields.body as Array<Record<string, Record<string, unknown>>>).map((e) => Object.values(e)[0]!);
  const b = m.body;
  if (b.stat === 'aggregate' && b.format === 'nxm') {
    check(report, 'packet_count', theirs[0]!.packet_count, b.packetCount);
    check(report, 'byte_count', theirs[0]!.byte_count, b.byteCount);
    check(report, 'flow_count', theirs[0]!.flow_count, b.flowCount);
    return;
  }
  if (b.stat !== 'flow' || b.format !== 'nxm' || b.entries.length !== theirs.length) {
    report.mismatches.push(`decoded as ${b.stat} with ${'entries' in b ? b.entries.length : '?'} entries, os-ken ${theirs.length} NXST entries`);
    return;
  }
  b.entries.forEach((e, i) => {
    const o = theirs[i]!;
    const pairs: Array<[string, unknown]> = [
      ['table_id', e.tableId], ['duration_sec', e.durationSec], ['duration_nsec', e.durationNsec], ['priority', e.priority],
      ['idle_timeout', e.idleTimeout], ['hard_timeout', e.hardTimeout], ['cookie', e.cookie], ['packet_count', e.packetCount],
      ['byte_count', e.byteCount], ['idle_age', e.idleAge === undefined ? 0 : e.idleAge + 1], ['hard_age', e.hardAge === undefined ? 0 : e.hardAge + 1],
    ];
    for (const [field, ours] of pairs) check(report, `entry ${i} ${field}`, o[field], ours);
  });
}

function compareError(f: GoldenFixture, fields: Record<string, unknown>, m: ErrorMsg, report: FieldReport): void {
  const type = Number(fields.type);
  const data = Buffer.from(String(fields.data ?? ''), 'base64');
  // The bytes after the (type, code) pair, as os-ken sees them, less the
  // vendor or experimenter prefix the neutral form folds into the name.
  let expectedData = data;
  if (type === NXET_VENDOR && typeof m.error === 'string') expectedData = data.subarray(8);
  if (type === OFPET_EXPERIMENTER) {
    const exp = Number(fields.experimenter);
    const enc = typeof m.error === 'string' ? ofperrEncoding(m.error, f.version) : undefined;
    const ok = typeof m.error === 'string'
      ? enc?.form === 'experimenter' && enc.experimenter === exp && enc.expType === Number(fields.exp_type)
      : m.error.experimenter === exp && m.error.errCode === Number(fields.exp_type);
    if (ok) report.compared++;
    else report.mismatches.push(`experimenter error: os-ken ${exp}/${String(fields.exp_type)}, ours ${JSON.stringify(m.error)}`);
  } else if (typeof m.error === 'string') {
    const enc = ofperrEncoding(m.error, f.version);
    const ok = enc?.form === 'standard'
      ? enc.type === type && enc.code === Number(fields.code)
      : enc?.form === 'vendor' && type === NXET_VENDOR && data.readUInt32BE(0) === enc.vendor &&
        data.readUInt16BE(4) === enc.type && data.readUInt16BE(6) === enc.code;
    if (ok) report.compared++;
    else report.mismatches.push(`error ${m.error} is not (${type}, ${String(fields.code)}) in version ${f.version}`);
  } else if (m.error.errType === type && m.error.errCode === Number(fields.code)) {
    report.compared++;
  } else {
    report.mismatches.push(`error numbers: os-ken (${type}, ${String(fields.code)}), ours ${JSON.stringify(m.error)}`);
  }
  if (Buffer.from(m.data).equals(expectedData)) report.compared++;
  else report.mismatches.push(`error data: os-ken ${expectedData.toString('hex')}, ours ${Buffer.from(m.data).toString('hex')}`);
}

function compareFeaturePorts(fields: Record<string, unknown>, m: FeaturesReplyMsg, version: number, report: FieldReport): void {
  const theirs = fields.ports as Record<string, Record<string, unknown>> | undefined;
  if (theirs === undefined) {
    if (m.ports.length === 0) report.compared++;
    else report.mismatches.push(`features ports: os-ken none, ours ${m.ports.length}`);
    return;
  }
  // os-ken keys its ports by number, so compare them as a set.
  const byNo = new Map<number, Record<string, unknown>>();
  for (const p of Object.values(theirs)) {
    const inner = Object.values(p)[0] as Record<string, unknown>;
    byNo.set(version === 1 ? portFrom10(Number(inner.port_no)) : Number(inner.port_no), p);
  }
  if (byNo.size !== m.ports.length) report.mismatches.push(`features ports: os-ken ${byNo.size}, ours ${m.ports.length}`);
  for (const p of m.ports) {
    const t = byNo.get(p.portNo);
    if (t) comparePort(`ports[${p.portNo}]`, t, p, version, report);
    else report.mismatches.push(`features port ${p.portNo} not in os-ken's view`);
  }
}

// ---------------------------------------------------------------------------
// The check of one fixture, shared by the per-fixture tests and the summary.

interface Verdict {
  /** The neutral type, or 'unmodelled'; undefined if decoding threw. */
  kind?: string;
  rawName?: string;
  /** What went wrong; empty when the fixture passes. */
  problems: string[];
  fields: FieldReport;
}

function judge(f: GoldenFixture): Verdict {
  const fields: FieldReport = { compared: 0, mismatches: [], unmapped: [], incomparable: [] };
  const bytes = fixtureBytes(f);
  let m: OfpMessage;
  try {
    m = decode(bytes);
  } catch (e) {
    const what = OfpCodecError.is(e) ? `${e.ofperr} (${e.message})` : `non-codec exception ${String(e)}`;
    return { problems: [`decode threw ${what}`], fields };
  }
  const problems: string[] = [];
  if (m.xid !== f.xid) problems.push(`xid ${m.xid}, expected ${f.xid}`);
  if (m.version !== f.version) problems.push(`version ${m.version}, expected ${f.version}`);
  if (m.type !== 'unmodelled' && !isModelled(m.type)) problems.push(`decoded type ${m.type} has no codec`);
  let out: Buffer | undefined;
  try {
    out = encode(m, f.version);
  } catch (e) {
    problems.push(`re-encoding threw ${OfpCodecError.is(e) ? e.ofperr : 'non-codec exception'}: ${String(e)}`);
  }
  if (out) {
    const diff = firstDifference(out, bytes);
    if (diff) problems.push(`${diff}\n  ours:   ${out.toString('hex')}\n  os-ken: ${f.hex}`);
  }
  if (m.type !== 'unmodelled') {
    compareFields(f, m, fields);
    compareSpecial(f, m, fields);
    problems.push(...fields.mismatches);
  }
  return { kind: m.type, rawName: m.type === 'unmodelled' ? m.rawName : undefined, problems, fields };
}

const verdicts = new Map<string, Verdict>();
function verdictOf(f: GoldenFixture): Verdict {
  let v = verdicts.get(f.name);
  if (!v) {
    v = judge(f);
    verdicts.set(f.name, v);
  }
  return v;
}

for (const f of corpus.fixtures) {
  test(`golden ${f.name}`, (t) => {
    const v = verdictOf(f);
    if (v.fields.unmapped.length > 0) t.log(`os-ken fields without a neutral counterpart: ${v.fields.unmapped.join(', ')}`);
    if (v.fields.incomparable.length > 0) t.log(`os-ken fields held differently in the neutral form: ${v.fields.incomparable.join(', ')}`);
    if (v.problems.length > 0) t.fail(`${v.kind ?? 'undecodable'}: ${v.problems.join('; ')}`);
    else t.pass();
  });
}

test('golden corpus summary: modelled fixtures reach the floor and every required kind is checked', (t) => {
  const perKind = new Map<string, number>();
  const fieldsPerKind = new Map<string, number>();
  const namesakesPerKind = new Map<string, number>();
  const unmodelled = new Map<string, number>();
  let modelled = 0;
  for (const f of corpus.fixtures) {
    const v = verdictOf(f);
    if (v.kind === undefined || v.problems.length > 0) continue;
    if (v.kind === 'unmodelled') {
      unmodelled.set(v.rawName!, (unmodelled.get(v.rawName!) ?? 0) + 1);
      continue;
    }
    modelled++;
    perKind.set(v.kind, (perKind.get(v.kind) ?? 0) + 1);
    fieldsPerKind.set(v.kind, (fieldsPerKind.get(v.kind) ?? 0) + v.fields.compared);
    namesakesPerKind.set(v.kind, (namesakesPerKind.get(v.kind) ?? 0) + v.fields.compared + v.fields.incomparable.length);
  }
  const kinds = [...perKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n} (${fieldsPerKind.get(k)} fields)`);
  t.log(`os-ken ${corpus.osKenVersion}, ${corpus.fixtures.length} fixtures: ${modelled} modelled and byte-identical, ` +
    `${[...unmodelled.values()].reduce((a, b) => a + b, 0)} unmodelled`);
  t.log(`modelled: ${kinds.join(', ')}`);
  t.log(`unmodelled: ${[...unmodelled].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  t.true(modelled >= MODELLED_FLOOR, `only ${modelled} fixtures checked as modelled; the floor is ${MODELLED_FLOOR}`);
  for (const kind of REQUIRED_KINDS) {
    t.true((perKind.get(kind) ?? 0) > 0, `no fixture of ${kind} was checked`);
  }
  // A modelled kind whose os-ken view has scalar fields must share at least
  // one field name with the neutral form: sharing none means the
  // comparison silently checks nothing, and this file's maps need updating.
  for (const [kind, n] of namesakesPerKind) {
    const hasFields = corpus.fixtures.some((f) => verdictOf(f).kind === kind && scalarFields(f).length > 0);
    if (hasFields) t.true(n > 0, `no os-ken field of ${kind} has a namesake in the neutral form`);
  }
});
