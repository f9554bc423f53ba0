/**
 * A child process of the codec fuzzer (fuzz-supervisor.ts starts it):
 *
 *   node --import tsx test/support/fuzz-worker.ts SEED START COUNT [trace]
 *
 * runs cases START .. START+COUNT-1 of campaign SEED (codec-fuzz.ts) and
 * writes JSON lines on standard output: {"progress": n} every few thousand
 * cases, {"failure": {...}} for the first failures, and finally {"done":
 * stats, "failures": count}.  With "trace" it also writes each case's
 * index on standard error before running it, so that the supervisor can
 * name the case a hang or crash happened in.
 */

import { writeSync } from 'node:fs';
import { loadFuzzSeeds, newStats, runCase, type FuzzFailure } from './codec-fuzz.js';

/** Cases between progress lines. */
const PROGRESS_EVERY = 5000;
/** Failures written out in full; the rest are only counted. */
const MAX_REPORTED = 50;

const [seedArg, startArg, countArg, mode] = process.argv.slice(2);
const seed = Number(seedArg) >>> 0;
const start = Number(startArg);
const count = Number(countArg);
const trace = mode === 'trace';
if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0) {
  process.stderr.write('usage: fuzz-worker.ts SEED START COUNT [trace]\n');
  process.exit(2);
}

function line(obj: unknown): void {
  writeSync(1, JSON.stringify(obj) + '\n');
}

const seeds = loadFuzzSeeds();
const stats = newStats();
let failures = 0;
const onFailure = (f: FuzzFailure): void => {
  failures++;
  if (failures <= MAX_REPORTED) line({ failure: f });
};
for (let i = 0; i < count; i++) {
  if (trace) writeSync(2, `${start + i}\n`);
  runCase(seeds, seed, start + i, stats, onFailure);
  if ((i + 1) % PROGRESS_EVERY === 0) line({ progress: i + 1 });
}
line({ done: stats, failures });
