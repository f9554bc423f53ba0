import test from 'ava';
import { decode, encode } from '../../src/openflow/codec.js';
import { describeVersionSet, helloFor, incompatibleText, negotiate, peerVersions, type HelloMsg } from '../../src/openflow/hello.js';

test('§2.2 default HELLO (1.0-1.5) is 8 bytes, version 0x06, no element', (t) => {
  t.is(encode(helloFor(0x7e)).toString('hex'), '0600000800000000');
});

test('§2.2 HELLO for {1.0, 1.3} is 16 bytes, version 0x04, bitmap 0x12', (t) => {
  t.is(encode(helloFor(0x12)).toString('hex'), '04000010000000000001000800000012');
});

test('§2.2 HELLO for 1.0 only is plain 8 bytes of version 0x01', (t) => {
  t.is(encode(helloFor(0x02)).toString('hex'), '0100000800000000');
});

test('§2.3 peer versions default to 1.0 up to the header version', (t) => {
  const m = decode(Buffer.from('0400000800000000', 'hex')) as HelloMsg;
  t.is(peerVersions(m), 0x1e);
});

test('§2.3 a version bitmap element replaces the set; bit 0 is cleared with a warning', (t) => {
  const m = decode(Buffer.from('04000010000000000001000800000013', 'hex')) as HelloMsg;
  const warnings: string[] = [];
  t.is(peerVersions(m, warnings), 0x12);
  t.is(warnings.length, 1);
});

test('§2.3 unknown element types and an empty bitmap leave the set and warn', (t) => {
  const unknown = decode(Buffer.from('040000100000000000070008aabbccdd', 'hex')) as HelloMsg;
  const w1: string[] = [];
  t.is(peerVersions(unknown, w1), 0x1e);
  t.deepEqual(w1, ['unknown data in hello']);
  const empty = decode(Buffer.from('04000010000000000001000800000000', 'hex')) as HelloMsg;
  const w2: string[] = [];
  t.is(peerVersions(empty, w2), 0x1e);
  t.is(w2.length, 1);
});

test('§2.3 a malformed element is kept as trailing bytes and re-encoded unchanged', (t) => {
  const bytes = Buffer.from('0400000e0000000000010020aaaa', 'hex');
  const m = decode(bytes) as HelloMsg;
  t.truthy(m.trailing);
  t.is(encode(m).toString('hex'), bytes.toString('hex'));
  t.is(peerVersions(m), 0x1e);
});

test('§2.3 a HELLO of a future version still decodes', (t) => {
  const m = decode(Buffer.from('0900000800000000', 'hex')) as HelloMsg;
  t.is(m.version, 9);
  t.is(peerVersions(m), 0x3fe);
});

test('§2.4 negotiation picks the highest common version', (t) => {
  t.is(negotiate(0x7e, 0x12), 4);
  t.is(negotiate(0x02, 0x7e), 1);
  t.is(negotiate(0x10, 0x02), -1);
});

test('§2.4 INCOMPATIBLE text words the version sets as OVS does', (t) => {
  t.is(describeVersionSet(0x02), 'version 0x01');
  t.is(describeVersionSet(0x7e), 'version 0x06 and earlier');
  t.is(describeVersionSet(0x12), 'versions 0x01, 0x04');
  t.is(describeVersionSet(0), 'no versions');
  t.is(incompatibleText(0x10, 0x02), 'We support version 0x04, you support version 0x01, no common versions.');
});
