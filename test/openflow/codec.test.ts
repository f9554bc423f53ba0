import test from 'ava';
import { decode, encode } from '../../src/openflow/codec.js';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { refusalFor, type UnmodelledMsg } from '../../src/openflow/unmodelled.js';

function codecError(t: import('ava').ExecutionContext, hex: string): string {
  const e = t.throws(() => decode(Buffer.from(hex, 'hex')));
  t.true(OfpCodecError.is(e), String(e));
  return (e as OfpCodecError).ofperr;
}

function roundTrip(t: import('ava').ExecutionContext, hex: string): OfpMessage {
  const m = decode(Buffer.from(hex, 'hex'));
  t.is(encode(m).toString('hex'), hex);
  return m;
}

test('§0.1 echo request and reply carry their payload', (t) => {
  const m = roundTrip(t, '0102000c00000005cafebabe');
  t.is(m.type, 'echo_request');
  t.is(roundTrip(t, '04030008000000ff').type, 'echo_reply');
});

test('§0.1 barrier numbers: 18/19 in OF1.0, 20/21 in OF1.1+', (t) => {
  t.is(roundTrip(t, '0112000800000001').type, 'barrier_request');
  t.is(roundTrip(t, '0113000800000001').type, 'barrier_reply');
  t.is(roundTrip(t, '0414000800000001').type, 'barrier_request');
  t.is(roundTrip(t, '0415000800000001').type, 'barrier_reply');
  const m = decode(Buffer.from('0112000800000001', 'hex'));
  t.is(encode(m, 4).toString('hex'), '0414000800000001');
});

test('§4.13.3 FEATURES_REPLY OF1.3 has auxiliary id and no ports', (t) => {
  const hex = '0406002000000002' + 'fedcba9876543210' + '00000000' + 'fe' + '00' + '0000' + '0000004f' + '00000000';
  const m = roundTrip(t, hex);
  t.like(m, { type: 'features_reply', datapathId: 0xfedcba9876543210n, nTables: 254, capabilities: 0x4f, ports: [] });
});

test('§4.13.3 FEATURES_REPLY OF1.0 carries its ports', (t) => {
  const port = '0001' + 'aa55aa550001' + Buffer.from('p1').toString('hex').padEnd(32, '0') + '00000000'.repeat(6);
  const local = 'fffe' + 'aa55aa550000' + Buffer.from('br0').toString('hex').padEnd(32, '0') + '00000001' + '00000000'.repeat(5);
  const hex = '0106008000000002' + 'fedcba9876543210' + '00000100' + 'fe000000' + '000000c7' + '00000fff' + port + local;
  const m = roundTrip(t, hex);
  if (m.type !== 'features_reply') return t.fail();
  t.is(m.ports.length, 2);
  t.like(m.ports[0], { portNo: 1, name: 'p1', hwAddr: 'aa:55:aa:55:00:01' });
  t.like(m.ports[1], { portNo: 0xfffffffe, name: 'br0', config: 1 });
});

test('§4.3.7 SET_CONFIG and GET_CONFIG_REPLY', (t) => {
  t.like(roundTrip(t, '0109000c0123456700040080'), { type: 'set_config', flags: 4, missSendLen: 128 });
  t.like(roundTrip(t, '0408000c000000010000ffff'), { type: 'get_config_reply', flags: 0, missSendLen: 0xffff });
});

test('§2.9 unknown type is BAD_TYPE; stats type BAD_STAT; NX subtype BAD_SUBTYPE', (t) => {
  t.is(codecError(t, '04ff000800000000'), 'OFPBRC_BAD_TYPE');
  t.is(codecError(t, '0116000800000000'), 'OFPBRC_BAD_TYPE');
  t.is(codecError(t, '0412001000000000' + '00630000' + '00000000'), 'OFPBRC_BAD_STAT');
  t.is(codecError(t, '0404001000000000' + '00002320' + '00000063'), 'OFPBRC_BAD_SUBTYPE');
});

test('§2.9 vendor header too short is BAD_LEN; body length mismatch is BAD_LEN', (t) => {
  t.is(codecError(t, '0404000a000000000000'), 'OFPBRC_BAD_LEN');
  t.is(codecError(t, '0404000c0000000000002320'), 'OFPBRC_BAD_LEN');
  t.is(codecError(t, '0405000900000000aa'), 'OFPBRC_BAD_LEN');
  t.is(codecError(t, '0409000a000000000000'), 'OFPBRC_BAD_LEN');
});

test('§2.9 unknown vendors and unmodelled known types decode as unmodelled and re-encode unchanged', (t) => {
  const other = roundTrip(t, '0404001000000003' + '00abcdef' + '01020304') as UnmodelledMsg;
  t.is(other.type, 'unmodelled');
  t.is(refusalFor(other), 'OFPBRC_BAD_VENDOR');
  const queue = roundTrip(t, '0416001000000004' + '00000001' + '00000000') as UnmodelledMsg;
  t.is(queue.rawName, 'OFPT_QUEUE_GET_CONFIG_REQUEST');
  t.is(refusalFor(queue), 'OFPBRC_BAD_TYPE');
});

test('§2.6 an unknown header version is BAD_VERSION', (t) => {
  t.is(codecError(t, '0705000800000000'), 'OFPBRC_BAD_VERSION');
});

test('port status and port mod in OF1.0, OF1.3 and OF1.4', (t) => {
  const name = Buffer.from('p1').toString('hex').padEnd(32, '0');
  roundTrip(t, '010c004000000000' + '00' + '00000000000000' + '0001' + 'aa55aa550001' + name + '00000000'.repeat(6));
  roundTrip(t, '040c005000000000' + '02' + '00000000000000' + '00000001' + '00000000' + 'aa55aa550001' + '0000' + name + '00000001' + '00000004' + '00000000'.repeat(4) + '00002710' + '00002710');
  roundTrip(t, '050c005800000000' + '01' + '00000000000000' + '00000001' + '0048' + '0000' + 'aa55aa550001' + '0000' + name + '00000001' + '00000004' + '00000020' + '00000000' + '00000000'.repeat(4) + '00002710' + '00002710');
  roundTrip(t, '010f002000000000' + '0002' + 'aa55aa550002' + '00000001' + '00000001' + '00000000' + '00000000');
  roundTrip(t, '0410002800000000' + '00000002' + '00000000' + 'aa55aa550002' + '0000' + '00000001' + '00000001' + '00000000' + '00000000');
});
