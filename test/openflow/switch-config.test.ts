import test from 'ava';
import { OfpCodecError } from '../../src/openflow/codec-error.js';
import { decode, encode } from '../../src/openflow/codec.js';

test('§4.3.7 invalid_ttl_to_controller is a SET_CONFIG flag of OF1.0-1.2 only; OF1.3+ cannot express it', (t) => {
  const m = decode(Buffer.from('0109000c0000008100040080', 'hex'));
  t.is(encode(m, 3).toString('hex'), '0309000c0000008100040080');
  for (const v of [4, 5, 6]) {
    const e = t.throws(() => encode(m, v));
    t.true(OfpCodecError.is(e));
    t.is((e as OfpCodecError).ofperr, 'OFPSCFC_BAD_FLAGS');
  }
  t.is(encode({ ...m, flags: 1 } as typeof m, 4).toString('hex'), '0409000c0000008100010080');
});
