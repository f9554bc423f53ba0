import test from 'ava';
import fc from 'fast-check';
import type { Action } from '../../src/openflow/actions.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import {
  decodeInstructions, encodeInstructions, instructionsToString, type Instruction,
} from '../../src/openflow/instructions.js';
import { encodeOxmMatch } from '../../src/openflow/match.js';
import type { OfpErrName } from '../../src/openflow/ofperr.js';
import { WireReader } from '../../src/openflow/wire-reader.js';
import { WireWriter } from '../../src/openflow/wire-writer.js';
import { hasOsKen, hasOvsOfctl, ofpPrint, oxmFlowMod, python } from '../support/ofp-peers.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex');

function enc(ins: readonly Instruction[], version: number): Buffer {
  const w = new WireWriter();
  encodeInstructions(w, ins, version);
  return w.finish();
}

function dec(b: Uint8Array, version: number): Instruction[] {
  return decodeInstructions(new WireReader(b), b.length, version);
}

function codeOf(fn: () => unknown): OfpErrName | string {
  try {
    fn();
  } catch (e) {
    return OfpCodecError.is(e) ? e.ofperr : `not a codec error: ${String(e)}`;
  }
  return 'no error';
}

function json(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? hex(x) : x));
}

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const someActions: fc.Arbitrary<Action[]> = fc.array(fc.oneof(
  fc.record({ type: fc.constant('output'), port: fc.integer({ min: 0, max: 0xffffffff }), maxLen: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ type: fc.constant('group'), groupId: fc.integer({ min: 0, max: 0xffffffff }) }),
  fc.constant({ type: 'dec_nw_ttl' }),
) as fc.Arbitrary<Action>, { maxLength: 3 });

/** An experimenter instruction (kept opaque). */
const experimenter = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 0xffffffff })).map(([n, id]) => {
  const b = Buffer.alloc(8 * n);
  b.writeUInt16BE(0xffff, 0);
  b.writeUInt16BE(b.length, 2);
  b.writeUInt32BE(id, 4);
  return { type: 'opaque', bytes: new Uint8Array(b) } as Instruction;
});

function arbInstructions(version: number): fc.Arbitrary<Instruction[]> {
  const one: Record<string, fc.Arbitrary<Instruction>> = {
    goto_table: fc.record({ type: fc.constant('goto_table'), tableId: fc.integer({ min: 0, max: 254 }) }),
    write_metadata: fc.record({ type: fc.constant('write_metadata'), metadata: u64, mask: u64 }),
    write_actions: fc.record({ type: fc.constant('write_actions'), actions: someActions }),
    apply_actions: fc.record({ type: fc.constant('apply_actions'), actions: someActions }),
    clear_actions: fc.constant({ type: 'clear_actions' }),
  } as Record<string, fc.Arbitrary<Instruction>>;
  if (version === 4 || version === 5) one.meter = fc.record({ type: fc.constant('meter'), meterId: fc.integer({ min: 0, max: 0xffffffff }) });
  // Each standard type at most once, in any order, plus experimenter instructions.
  return fc.tuple(fc.shuffledSubarray(Object.keys(one)), fc.array(experimenter, { maxLength: 2 }))
    .chain(([kinds, exps]) => fc.tuple(...kinds.map((k) => one[k]!)).map((std) => [...std, ...exps]));
}


/** 'x' with 'version' recorded on every opaque action and instruction, as decoding records it. */
function stampOpaque<T>(x: T, version: number): T {
  if (Array.isArray(x)) return x.map((e) => stampOpaque(e, version)) as T;
  if (x !== null && typeof x === 'object' && !(x instanceof Uint8Array)) {
    const o = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, stampOpaque(v, version)]));
    return ((o as { type?: unknown }).type === 'opaque' ? { ...o, version } : o) as T;
  }
  return x;
}

for (const version of [2, 3, 4, 5, 6]) {
  test(`wire version ${version}: instructions round-trip byte for byte (property)`, (t) => {
    fc.assert(fc.property(arbInstructions(version), (ins) => {
      const wire = enc(ins, version);
      const back = dec(wire, version);
      return json(back) === json(stampOpaque(ins, version)) && hex(enc(back, version)) === hex(wire);
    }), { numRuns: 500 });
    t.pass();
  });
}

test('exact encodings: goto_table, write_metadata, apply_actions, clear_actions, meter', (t) => {
  t.is(hex(enc([{ type: 'goto_table', tableId: 3 }], 4)), '0001000803000000');
  t.is(hex(enc([{ type: 'write_metadata', metadata: 5n, mask: 0xffn }], 4)), '00020018000000000000000000000005' + '00000000000000ff');
  t.is(hex(enc([{ type: 'apply_actions', actions: [{ type: 'output', port: 1, maxLen: 0 }] }], 4)),
    '0004001800000000' + '00000010000000010000000000000000');
  t.is(hex(enc([{ type: 'apply_actions', actions: [] }], 4)), '0004000800000000');
  t.is(hex(enc([{ type: 'clear_actions' }], 4)), '0005000800000000');
  t.is(hex(enc([{ type: 'meter', meterId: 9 }], 4)), '0006000800000009');
});

test('decode errors: lengths, unknown and version-specific types, duplicates, actions inside', (t) => {
  const cases: Array<[string, number, OfpErrName]> = [
    ['0001000803000000', 1, 'OFPBIC_UNKNOWN_INST'],
    ['0001000403000000', 4, 'OFPBIC_BAD_LEN'],
    ['000100100300000000000000', 4, 'OFPBIC_BAD_LEN'],
    ['0001000c0300000000000000', 4, 'OFPBIC_BAD_LEN'],
    ['00020010000000000000000000000005', 4, 'OFPBIC_BAD_LEN'],
    ['000100', 4, 'OFPBIC_BAD_LEN'],
    ['0008000800000000', 4, 'OFPBIC_UNKNOWN_INST'],
    ['0007000800000000', 4, 'OFPBIC_UNKNOWN_INST'],
    ['0006000800000009', 3, 'OFPBIC_UNKNOWN_INST'],
    ['0006000800000009', 2, 'OFPBIC_UNKNOWN_INST'],
    ['00010008030000000001000804000000', 4, 'OFPBIC_DUP_INST'],
    ['0004001000000000 000000080000000', 4, 'OFPBIC_BAD_LEN'],
    ['0004001000000000 0000000800000001', 4, 'OFPBAC_BAD_LEN'],
    ['0004001000000000 0063000800000000', 4, 'OFPBAC_BAD_TYPE'],
  ];
  for (const [h, v, err] of cases) t.is(codeOf(() => dec(bytes(h), v)), err, `${h} in version ${v}`);
});

test('experimenter and OF1.5 stat_trigger instructions are kept whole', (t) => {
  const exp = bytes('ffff0010000023200000000000000000');
  t.deepEqual(dec(exp, 4), [{ type: 'opaque', bytes: new Uint8Array(exp), version: 4 }]);
  const st = bytes('0007001000000000 0000000000000000');
  t.deepEqual(dec(st, 6).map((i) => i.type), ['opaque']);
  t.is(hex(enc(dec(st, 6), 6)), hex(st));
});

test('encode errors: OF1.0, meter before OF1.3, bad table, duplicates', (t) => {
  t.is(codeOf(() => enc([{ type: 'goto_table', tableId: 1 }], 1)), 'OFPBIC_UNSUP_INST');
  t.is(hex(enc([], 1)), '');
  t.is(codeOf(() => enc([{ type: 'meter', meterId: 1 }], 3)), 'OFPBIC_UNSUP_INST');
  t.is(codeOf(() => enc([{ type: 'meter', meterId: 1 }], 6)), 'OFPBIC_UNSUP_INST');
  t.is(codeOf(() => enc([{ type: 'goto_table', tableId: 255 }], 4)), 'OFPBIC_BAD_TABLE_ID');
  t.is(codeOf(() => enc([{ type: 'clear_actions' }, { type: 'clear_actions' }], 4)), 'OFPBIC_DUP_INST');
  t.is(codeOf(() => enc([{ type: 'opaque', bytes: new Uint8Array(12) }], 4)), 'OFPBIC_BAD_LEN');
  t.is(codeOf(() => enc([{ type: 'apply_actions', actions: [{ type: 'enqueue', port: 1, queueId: 1 }] }], 4)), 'OFPBAC_BAD_TYPE');
});

test('instructionsToString writes a flow\'s actions as ovs-ofctl does', (t) => {
  t.is(instructionsToString([], 4), 'drop');
  t.is(instructionsToString([{ type: 'apply_actions', actions: [] }], 4), 'drop');
  t.is(instructionsToString([
    { type: 'meter', meterId: 1 },
    { type: 'apply_actions', actions: [{ type: 'output', port: 1, maxLen: 0 }] },
    { type: 'clear_actions' },
    { type: 'write_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] },
    { type: 'write_metadata', metadata: 5n, mask: 0xffn },
    { type: 'goto_table', tableId: 3 },
  ], 4), 'meter:1,output:1,clear_actions,write_actions(output:2),write_metadata:0x5/0xff,goto_table:3');
});

test('ovs-ofctl reads our instructions in an OF1.3 FLOW_MOD as the same text', (t) => {
  if (!hasOvsOfctl) return t.log('ovs-ofctl not installed') as unknown as void;
  const ins: Instruction[] = [
    { type: 'meter', meterId: 1 },
    { type: 'apply_actions', actions: [{ type: 'output', port: 1, maxLen: 0 }] },
    { type: 'clear_actions' },
    { type: 'write_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] },
    { type: 'write_metadata', metadata: 5n, mask: 0xffn },
    { type: 'goto_table', tableId: 3 },
  ];
  const mw = new WireWriter();
  encodeOxmMatch(mw, []);
  const out = ofpPrint(oxmFlowMod(4, mw.finish(), enc(ins, 4)));
  t.is(out.trim(), `OFPT_FLOW_MOD (OF1.3) (xid=0x0): ADD actions=${instructionsToString(ins, 4)}`);
});

test('os-ken serialises OF1.3 instructions to the same bytes as we do', (t) => {
  if (!hasOsKen) return t.log('os-ken not installed') as unknown as void;
  const code = `
from os_ken.ofproto import ofproto_v1_3_parser as p, ofproto_v1_3 as o
ins = [p.OFPInstructionMeter(7), p.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, [p.OFPActionOutput(3, 0)]),
       p.OFPInstructionActions(o.OFPIT_CLEAR_ACTIONS, []), p.OFPInstructionActions(o.OFPIT_WRITE_ACTIONS, [p.OFPActionGroup(2)]),
       p.OFPInstructionWriteMetadata(0x10, 0xf0), p.OFPInstructionGotoTable(4)]
out = bytearray()
for i in ins:
    i.serialize(out, len(out))
print(bytes(out).hex())`;
  const ours: Instruction[] = [
    { type: 'meter', meterId: 7 },
    { type: 'apply_actions', actions: [{ type: 'output', port: 3, maxLen: 0 }] },
    { type: 'clear_actions' },
    { type: 'write_actions', actions: [{ type: 'group', groupId: 2 }] },
    { type: 'write_metadata', metadata: 0x10n, mask: 0xf0n },
    { type: 'goto_table', tableId: 4 },
  ];
  const theirs = python(code);
  t.is(hex(enc(ours, 4)), theirs);
  t.deepEqual(dec(bytes(theirs), 4), ours);
});
