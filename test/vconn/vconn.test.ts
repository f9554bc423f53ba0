import test from 'ava';
import { decode, type OfpMessage } from '../../src/openflow/index.js';
import { Vconn, type VconnEvent } from '../../src/vconn/vconn.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const kinds = (events: VconnEvent[]): string[] => events.map((e) => e.kind);

test('§2.2 our HELLO: default 1.0-1.5 is a plain 8-byte HELLO of version 0x06', (t) => {
  t.is(Buffer.from(new Vconn().hello()).toString('hex'), '0600000800000000');
  t.is(Buffer.from(new Vconn(0x12).hello()).toString('hex'), '04000010000000000001000800000012');
});

test('§2.4 negotiation: the highest common version wins', (t) => {
  const v = new Vconn();
  const ev = v.receive(hex('0400000800000000'));
  t.deepEqual(ev, [{ kind: 'connected', version: 4 }]);
  t.true(v.isConnected);
  t.is(v.version, 4);
});

test('§2.4 negotiation with a bitmap {1.0, 1.3} against ours 1.0-1.5 gives 1.3', (t) => {
  const v = new Vconn();
  t.deepEqual(v.receive(hex('04000010000000000001000800000012')), [{ kind: 'connected', version: 4 }]);
});

test('§2.4 no common version: HELLO_FAILED INCOMPATIBLE with the exact text, then EPROTO', (t) => {
  const v = new Vconn(0x10); // 1.3 only
  const ev = v.receive(hex('0100000800000000')); // peer 1.0 only
  t.deepEqual(kinds(ev), ['send', 'failed']);
  const sent = ev[0] as Extract<VconnEvent, { kind: 'send' }>;
  const err = decode(sent.bytes) as Extract<OfpMessage, { type: 'error' }>;
  t.is(err.version, 1);
  t.is(err.xid, 0);
  t.is(err.error, 'OFPHFC_INCOMPATIBLE');
  t.is(Buffer.from(err.data).toString('ascii'), 'We support version 0x04, you support version 0x01, no common versions.');
  t.like(ev[1], { kind: 'failed', error: 'EPROTO' });
  t.true(v.isFailed);
});

test('§2.5 a first message that is not HELLO fails with EPROTO', (t) => {
  const v = new Vconn();
  t.like(v.receive(hex('0405000800000001'))[0], { kind: 'failed', error: 'EPROTO', reason: 'received message while expecting hello' });
});

test('§2.5 EOF before HELLO is ECONNRESET; EOF on a boundary after it is EOF', (t) => {
  t.like(new Vconn().end()[0], { kind: 'failed', error: 'ECONNRESET' });
  const v = new Vconn();
  v.receive(hex('0400000800000000'));
  t.like(v.end()[0], { kind: 'failed', error: 'EOF', reason: 'End of file' });
});

test('§2.7 EOF in the middle of a message is EPROTO; a too-short header is EPROTO', (t) => {
  const v = new Vconn();
  v.receive(hex('0400000800000000040200'));
  t.like(v.end()[0], { kind: 'failed', error: 'EPROTO' });
  const w = new Vconn();
  w.receive(hex('0400000800000000'));
  t.like(w.receive(hex('0402000400000000'))[0], { kind: 'failed', error: 'EPROTO' });
});

test('§2.6 a later message of the wrong version gets BAD_VERSION in its own version and the session stays up', (t) => {
  const v = new Vconn();
  v.receive(hex('0100000800000000'));
  t.is(v.version, 1);
  const ev = v.receive(hex('0205000801234567'));
  t.deepEqual(kinds(ev), ['warning', 'send']);
  const sent = (ev[1] as Extract<VconnEvent, { kind: 'send' }>).bytes;
  t.is(Buffer.from(sent).toString('hex'), '0201001401234567000100000205000801234567');
  t.true(v.isConnected);
  const ok = v.receive(hex('0112000800000002'));
  t.like(ok[0], { kind: 'message' });
});

test('§2.6 HELLO, ERROR and ECHO of another version are delivered', (t) => {
  const v = new Vconn();
  v.receive(hex('0100000800000000'));
  const ev = v.receive(hex('0402000800000009'));
  t.is(ev.length, 1);
  t.like(ev[0], { kind: 'message' });
  const m = (ev[0] as Extract<VconnEvent, { kind: 'message' }>).msg as OfpMessage;
  t.is(m.type, 'echo_request');
});

test('§2.9 an undecodable message is delivered with its codec error, not fatal', (t) => {
  const v = new Vconn();
  v.receive(hex('0400000800000000'));
  const ev = v.receive(hex('04ff000800000003'));
  t.is(ev[0]!.kind, 'message');
  const m = (ev[0] as Extract<VconnEvent, { kind: 'message' }>).msg;
  t.is((m as { ofperr?: string }).ofperr, 'OFPBRC_BAD_TYPE');
  t.true(v.isConnected);
});

test('§2.7 HELLO and messages fed one byte at a time', (t) => {
  const v = new Vconn();
  const all: VconnEvent[] = [];
  for (const b of hex('04000008000000000402000c00000007cafebabe')) all.push(...v.receive(Buffer.from([b])));
  t.deepEqual(kinds(all), ['connected', 'message']);
});
