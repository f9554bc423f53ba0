/**
 * Codec speed: decode+encode rate on one core for an OF1.3 PACKET_IN
 * (64-byte frame, in_port-only match) and an OF1.3 FLOW_MOD (5-field match,
 * 3 actions), printed beside os-ken's parser on the same bytes in the same
 * run.  Targets (issue "Project foundation and the OpenFlow wire codec"):
 * at least 1,000,000 PACKET_IN decode+encode per second, and at least 20x
 * os-ken.  Exits non-zero when a target is missed.
 *
 * os-ken is a controller library and does not serialise switch-to-
 * controller messages, so its figure is decode only (a comparison that
 * favours os-ken).
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '../../../src/openflow/index.js';

const SAMPLES: Record<string, string> = {
  packet_in_of13_64:
    '040a006a00000000ffffffff0040000000000000000000000001000c8000000400000001000000000000' + 'ab'.repeat(64),
  flow_mod_of13_5f3a:
    '040e009000000042000000000000123400000000000000000000003c00000064ffffffffffffffffffffffff0001000000010029800000040000000180000a0208008000140106800017080a000000ff00000080001c0200500000000000000000040030000000000019001080000606aabbccddeeff0000001800080000000000000010000000020000000000000000',
};

const SECONDS = Number(process.env.OFCONNMGR_BENCH_SECONDS ?? 2);

/** Messages per second of decode followed by encode of 'frame', over about SECONDS. */
function ourRate(frame: Buffer): number {
  const check = encode(decode(frame));
  if (!check.equals(frame)) throw new Error('re-encoding differs from the input');
  for (let i = 0; i < 200_000; i++) encode(decode(frame)); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 10_000; i++) encode(decode(frame));
    n += 10_000;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

function oskenRates(): Map<string, number> {
  const script = fileURLToPath(new URL('./osken_bench.py', import.meta.url));
  const input = Object.entries(SAMPLES).map(([k, v]) => `${k} ${v}`).join('\n') + '\n';
  const r = spawnSync('/usr/bin/python3', [script, String(SECONDS)], { input, encoding: 'utf8', timeout: 120_000 });
  const rates = new Map<string, number>();
  if (r.status !== 0) {
    process.stderr.write(`os-ken benchmark failed: ${r.stderr}\n`);
    return rates;
  }
  for (const line of r.stdout.trim().split('\n')) {
    const [name, rate] = line.split(' ');
    rates.set(name!, Number(rate));
  }
  return rates;
}

const osken = oskenRates();
let ok = true;
console.log('message                 ofconnmgr msg/s   os-ken decode msg/s   ratio');
for (const [name, hexText] of Object.entries(SAMPLES)) {
  const ours = ourRate(Buffer.from(hexText, 'hex'));
  const theirs = osken.get(name) ?? NaN;
  const ratio = ours / theirs;
  console.log(`${name.padEnd(22)}  ${ours.toFixed(0).padStart(15)}   ${theirs.toFixed(0).padStart(19)}   ${ratio.toFixed(1)}x`);
  if (name.startsWith('packet_in')) {
    if (ours < 1_000_000) {
      console.log(`  MISSED: PACKET_IN decode+encode ${ours.toFixed(0)}/s < 1,000,000/s`);
      ok = false;
    }
  }
  if (!(ratio >= 20)) {
    console.log(`  MISSED: ${name} is ${ratio.toFixed(1)}x os-ken, target 20x`);
    ok = false;
  }
}
process.exitCode = ok ? 0 : 1;
