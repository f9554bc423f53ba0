import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { WireReader } from '../../src/openflow/wire-reader.js';
import { WireWriter } from '../../src/openflow/wire-writer.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** An OF1.3 ECHO_REQUEST with 'n' bytes of payload, each byte 'fill'. */
function echo(n: number, fill: number): OfpMessage {
  return { type: 'echo_request', version: 4, xid: fill, data: new Uint8Array(n).fill(fill) } as OfpMessage;
}

test('encoded messages stay intact while many more are encoded after them', (t) => {
  // Enough messages, of sizes up to past the writer's shared slab, to go through several slabs.
  const kept: { bytes: Buffer; size: number; fill: number }[] = [];
  for (let i = 0; i < 3000; i++) {
    const size = i % 97 === 0 ? 33_000 + i : (i * 37) % 300;
    const fill = i & 0xff;
    kept.push({ bytes: encode(echo(size, fill)), size, fill });
  }
  for (const { bytes, size, fill } of kept) {
    const m = decode(bytes) as OfpMessage & { xid: number; data: Uint8Array };
    if (m.xid !== fill || m.data.length !== size || m.data.some((b) => b !== fill)) {
      t.fail(`message of ${size} bytes filled with ${fill} was overwritten`);
      return;
    }
  }
  t.pass();
});

test('a failed encode leaves later messages and earlier ones correct', (t) => {
  const before = encode(echo(40, 1));
  const bad = { type: 'packet_in', version: 4, xid: 1, format: 'standard', bufferId: 0, totalLen: 0, reason: 0, tableId: 0,
    cookie: 0n, match: [{ field: 'no_such_field', value: 1 }], data: new Uint8Array(0) } as unknown as OfpMessage;
  t.throws(() => encode(bad));
  const after = encode(echo(40, 2));
  t.is(hex(before), '0402003000000001' + '01'.repeat(40));
  t.is(hex(after), '0402003000000002' + '02'.repeat(40));
});

test('writers open at the same time, finished in any order, each keep their own bytes', (t) => {
  // Each command opens a writer, writes to an open one, or finishes or releases one.
  const command = fc.oneof(
    fc.constant<['open']>(['open']),
    fc.tuple(fc.constant('write' as const), fc.nat(), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 255 })),
    fc.tuple(fc.constant('finish' as const), fc.nat()),
    fc.tuple(fc.constant('release' as const), fc.nat()),
  );
  fc.assert(fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
    const open: { w: WireWriter; expect: number[] }[] = [];
    const done: { out: Buffer; expect: number[] }[] = [];
    for (const c of commands) {
      if (c[0] === 'open') {
        open.push({ w: new WireWriter(), expect: [] });
        continue;
      }
      if (open.length === 0) continue;
      const i = c[1] % open.length;
      const o = open[i]!;
      if (c[0] === 'write') {
        const n = c[2] % (o.expect.length > 40_000 ? 1 : 6000);
        o.w.zeros(1).bytes(new Uint8Array(n).fill(c[3])).u16(0xabcd);
        o.expect.push(0, ...new Array<number>(n).fill(c[3]), 0xab, 0xcd);
      } else {
        open.splice(i, 1);
        if (c[0] === 'finish') done.push({ out: o.w.finish(), expect: o.expect });
        else o.w.release();
      }
    }
    for (const o of open) done.push({ out: o.w.finish(), expect: o.expect });
    for (const d of done) {
      if (hex(d.out) !== hex(Uint8Array.from(d.expect))) return false;
    }
    return true;
  }), { numRuns: 200 });
  t.pass();
});

test('length placeholders are patched relative to the writer start', (t) => {
  const first = new WireWriter();
  first.u32(0x11111111);
  const a = first.finish();
  const w = new WireWriter();
  w.u16(0).u16(0xbeef).u32(0);
  w.setU16(0, w.pos);
  w.setU32(4, 0xfeedface);
  t.is(hex(w.finish()), '0008beeffeedface');
  t.is(hex(a), '11111111');
});

test('u64 writes and reads 64-bit values, the 32-bit shortcuts included', (t) => {
  const values = [0n, 1n, 0xffffffffn, 0x100000000n, 0x123456789abcdef0n, 0xfffffffffffffffen, 0xffffffffffffffffn];
  const w = new WireWriter();
  for (const v of values) w.u64(v);
  w.u64(-1n); // taken modulo 2^64
  const out = w.finish();
  t.is(hex(out.subarray(0, 16)), '0000000000000000' + '0000000000000001');
  const r = new WireReader(out);
  for (const v of values) t.is(r.u64(), v);
  t.is(r.u64(), 0xffffffffffffffffn);
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }), (v) => {
    const w2 = new WireWriter();
    w2.u64(v);
    const b = w2.finish();
    return b.readBigUInt64BE(0) === v && new WireReader(b).u64() === v;
  }));
});
