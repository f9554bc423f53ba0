import test from 'ava';
import { decode, encode } from '../../src/openflow/codec.js';
import { errorReply, type ErrorMsg } from '../../src/openflow/error-msg.js';
import { ofperrEncoding } from '../../src/openflow/ofperr.js';

const req10 = Buffer.from('0105000801234567', 'hex');

test('§9.1 an error reply carries the request version, xid and whole request', (t) => {
  const m = errorReply(Buffer.from('0205000801234567', 'hex'), 'OFPBRC_BAD_VERSION');
  t.is(encode(m).toString('hex'), '0201001401234567000100000205000801234567');
});

test('§9.4 IS_SECONDARY is (1,5) in OF1.0-1.1 and (1,10) in OF1.2+', (t) => {
  t.deepEqual(ofperrEncoding('OFPBRC_IS_SECONDARY', 1), { form: 'standard', type: 1, code: 5 });
  t.deepEqual(ofperrEncoding('OFPBRC_IS_SECONDARY', 2), { form: 'standard', type: 1, code: 5 });
  t.deepEqual(ofperrEncoding('OFPBRC_IS_SECONDARY', 4), { form: 'standard', type: 1, code: 10 });
});

test('§9.2 a Nicira error in OF1.0 uses NXET_VENDOR with vendor, type, code', (t) => {
  const m = errorReply(req10, 'NXBRC_MUST_BE_ZERO');
  const hex = encode(m).toString('hex');
  t.is(hex, '0101001c01234567' + 'b0c20000' + '00002320' + '0001' + '0203' + req10.toString('hex'));
  const back = decode(Buffer.from(hex, 'hex')) as ErrorMsg;
  t.is(back.error, 'NXBRC_MUST_BE_ZERO');
  t.is(Buffer.from(back.data).toString('hex'), req10.toString('hex'));
});

test('§9.2 an error without a standard number in OF1.2+ is an experimenter error', (t) => {
  const req = Buffer.from('0405000801234567', 'hex');
  const hex = encode(errorReply(req, 'NXBRC_MUST_BE_ZERO')).toString('hex');
  t.is(hex, '0401001801234567' + 'ffff0004' + '00002320' + req.toString('hex'));
  t.is((decode(Buffer.from(hex, 'hex')) as ErrorMsg).error, 'NXBRC_MUST_BE_ZERO');
});

test('§4.6.3 ONF async-config errors in OF1.3, standard ones in OF1.4', (t) => {
  t.deepEqual(ofperrEncoding('OFPACFC_UNSUPPORTED', 4), { form: 'experimenter', experimenter: 0x4f4e4600, expType: 2371 });
  t.deepEqual(ofperrEncoding('OFPACFC_UNSUPPORTED', 5), { form: 'standard', type: 15, code: 1 });
});

test('§9.2 an error with no encoding in the version becomes NXBRC_UNENCODABLE_ERROR', (t) => {
  const hex = encode(errorReply(req10, 'OFPSCFC_BAD_FLAGS')).toString('hex');
  t.is(hex.slice(16, 40), 'b0c20000' + '00002320' + '0001' + '0209');
});

test('§9.1 the data is truncated so the error stays within 65535 bytes', (t) => {
  const big = Buffer.alloc(0xffff);
  big.set(Buffer.from('04', 'hex'));
  const bytes = encode(errorReply(big, 'OFPBRC_BAD_TYPE'));
  t.is(bytes.length, 0xffff);
  t.is(bytes.readUInt16BE(2), 0xffff);
});

test('§9 unknown error numbers round-trip raw', (t) => {
  const hex = '0401000c00000001' + '00630007';
  const m = decode(Buffer.from(hex, 'hex')) as ErrorMsg;
  t.deepEqual(m.error, { errType: 0x63, errCode: 7 });
  t.is(encode(m).toString('hex'), hex);
});
