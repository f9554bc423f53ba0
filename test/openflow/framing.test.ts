import test from 'ava';
import { FrameDecoder } from '../../src/openflow/framing.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';

const hello = Buffer.from('0400001000000000000100080000001204', 'hex').subarray(0, 16);
const echo = Buffer.from('0402000c00000007deadbeef', 'hex');
const barrier = Buffer.from('0414000800000009', 'hex');
const stream = Buffer.concat([hello, echo, barrier]);

test('§2.7 framing: every split point of a three-message buffer yields the same messages', (t) => {
  for (let i = 0; i <= stream.length; i++) {
    for (let j = i; j <= stream.length; j++) {
      const d = new FrameDecoder();
      const got = [...d.push(stream.subarray(0, i)), ...d.push(stream.subarray(i, j)), ...d.push(stream.subarray(j))];
      t.deepEqual(got.map((b) => b.toString('hex')), [hello, echo, barrier].map((b) => b.toString('hex')), `split ${i},${j}`);
      t.is(d.buffered, 0);
    }
  }
});

test('§2.7 framing: one byte at a time', (t) => {
  const d = new FrameDecoder();
  const got: string[] = [];
  for (const byte of stream) got.push(...d.push(Buffer.from([byte])).map((b) => b.toString('hex')));
  t.deepEqual(got, [hello, echo, barrier].map((b) => b.toString('hex')));
});

test('§2.7 framing: a partial message stays buffered until complete', (t) => {
  const d = new FrameDecoder();
  t.deepEqual(d.push(echo.subarray(0, 9)), []);
  t.is(d.buffered, 9);
  t.is(d.push(echo.subarray(9)).length, 1);
});

test('§2.7 framing: a length below 8 is a fatal BAD_LEN, and the decoder stays failed', (t) => {
  const d = new FrameDecoder();
  const bad = Buffer.from('0400000700000000', 'hex');
  const e = t.throws(() => d.push(Buffer.concat([echo, bad])));
  t.true(OfpCodecError.is(e));
  t.is((e as OfpCodecError).ofperr, 'OFPBRC_BAD_LEN');
  t.regex(e!.message, /too-short ofp_header/);
  t.throws(() => d.push(echo));
});

test('§2.7 framing: a 65535-byte message passes whole', (t) => {
  const big = Buffer.alloc(0xffff);
  big.writeUInt8(4, 0);
  big.writeUInt8(2, 1);
  big.writeUInt16BE(0xffff, 2);
  const d = new FrameDecoder();
  const got = [...d.push(big.subarray(0, 30000)), ...d.push(big.subarray(30000))];
  t.is(got.length, 1);
  t.is(got[0]!.length, 0xffff);
});
