/**
 * Packet-in codec speed: decode and re-encode an OF1.3 OFPT_PACKET_IN
 * (64-byte frame, in_port-only OXM match) in a loop bounded in count and
 * time, and fail (exit status 1) below 1,000,000 round trips a second, the
 * rate a busy switch's control channel needs.  Run by `make bench`, never
 * by `make test`.
 */

import { decode, encode } from '../../../src/openflow/codec.js';

const TARGET_PER_SEC = 1_000_000;
const MAX_ROUNDS = 20_000_000;
const MAX_MS = 3_000;
const WARMUP = 200_000;

const frame = Buffer.alloc(64, 0xab);
const header = Buffer.from('040a006a00000007' + 'ffffffff' + '0040' + '00' + '00' + 'ffffffffffffffff' +
  '0001000c' + '80000004' + '00000005' + '00000000' + '0000', 'hex');
const message = Buffer.concat([header, frame]);
if (message.readUInt16BE(2) !== message.length) throw new Error('fixture length');

function roundTrip(): number {
  return encode(decode(message)).length;
}

for (let i = 0; i < WARMUP; i++) roundTrip();

let rounds = 0;
let bytes = 0;
const start = process.hrtime.bigint();
let elapsedMs = 0;
while (rounds < MAX_ROUNDS) {
  for (let i = 0; i < 10_000; i++) bytes += roundTrip();
  rounds += 10_000;
  elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (elapsedMs >= MAX_MS) break;
}
if (bytes !== rounds * message.length) throw new Error('a round trip changed the message length');
const perSec = Math.round(rounds / (elapsedMs / 1000));
console.log(`OF1.3 PACKET_IN decode+encode: ${perSec.toLocaleString('en-US')} per second (${rounds} in ${elapsedMs.toFixed(0)} ms)`);
if (perSec < TARGET_PER_SEC) {
  console.log(`below the ${TARGET_PER_SEC.toLocaleString('en-US')} per second target`);
  process.exit(1);
}
