/**
 * Packet-in codec speed (the connection benchmark is test/bench/packet-in): decode and re-encode an OF1.3 OFPT_PACKET_IN
 * (64-byte frame, in_port-only OXM match) and fail (exit status 1) below
 * 1,000,000 round trips a second, the rate a busy switch's control channel
 * needs.  The loop runs in windows of 200 ms for at most 3 s; the verdict
 * uses the best window, so that other processes taking the CPU for a while
 * do not decide it, and the median is printed beside it.  Run by
 * `make bench`, never by `make test`.
 */

import { decode, encode } from '../../../src/openflow/codec.js';

const TARGET_PER_SEC = 1_000_000;
const WINDOW_MS = 200;
const MAX_MS = 3_000;
const BATCH = 10_000;
const WARMUP = 300_000;

const frame = Buffer.alloc(64, 0xab);
const header = Buffer.from('040a006a00000007' + 'ffffffff' + '0040' + '00' + '00' + 'ffffffffffffffff' +
  '0001000c' + '80000004' + '00000005' + '00000000' + '0000', 'hex');
const message = Buffer.concat([header, frame]);
if (message.readUInt16BE(2) !== message.length) throw new Error('fixture length');

function roundTrip(): number {
  return encode(decode(message)).length;
}

for (let i = 0; i < WARMUP; i++) roundTrip();

const rates: number[] = [];
let total = 0;
const start = process.hrtime.bigint();
const msSince = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
while (msSince(start) < MAX_MS) {
  const windowStart = process.hrtime.bigint();
  let rounds = 0;
  let bytes = 0;
  while (msSince(windowStart) < WINDOW_MS) {
    for (let i = 0; i < BATCH; i++) bytes += roundTrip();
    rounds += BATCH;
  }
  if (bytes !== rounds * message.length) throw new Error('a round trip changed the message length');
  rates.push(rounds / (msSince(windowStart) / 1000));
  total += rounds;
}
rates.sort((a, b) => a - b);
const best = Math.round(rates[rates.length - 1]!);
const median = Math.round(rates[Math.floor(rates.length / 2)]!);
const fmt = (n: number): string => n.toLocaleString('en-US');
console.log(`OF1.3 PACKET_IN decode+encode: best ${fmt(best)}/s, median ${fmt(median)}/s (${fmt(total)} round trips, ${rates.length} windows)`);
if (best < TARGET_PER_SEC) {
  console.log(`below the ${fmt(TARGET_PER_SEC)} per second target`);
  process.exit(1);
}
