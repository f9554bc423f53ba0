/**
 * The codec against hostile input (reference §2.7, §2.9, §9): a million
 * random and mutated byte streams (truncations, length lies, bit flips and
 * splices of golden corpus messages, random bodies behind every known
 * message identity, plain random bytes), each fed to FrameDecoder in
 * random chunks, every frame to decode(), every decoded message back to
 * encode() in its own and in another version, and our own output to
 * decode() again.  Nothing may escape but OfpCodecError, nothing may hang,
 * our output must read back, and re-encoding it must change nothing.
 *
 * The campaign is seeded: a failure prints the seed, the case number and
 * the bytes, and `OFCONNMGR_FUZZ_SEED=0x... make fuzz` (or a case run by
 * hand with codec-fuzz.ts's runCase) replays it.  The work is spread over
 * child processes watched for hangs (test/support/fuzz-supervisor.ts).
 */

import { cpus } from 'node:os';
import test from 'ava';
import { describeFailure, describeHang, runFuzzCampaign } from '../support/fuzz-supervisor.js';

/** Fixed so that the suite is reproducible; `make fuzz` explores other seeds. */
const SEED = 0x5eed0f1a;
const CASES = 1_000_000;
/**
 * A hang is caught per case by the supervisor's stall detector (stallMs);
 * the whole campaign (about 15 s on two idle cores) is only bounded by this
 * generous timeout: speed is for benchmarks, not for make test.
 */
const TIMEOUT_MS = 240_000;

test('§2.9 a million hostile frames: only OfpCodecError escapes, nothing hangs, our output reads back unchanged', async (t) => {
  t.timeout(TIMEOUT_MS);
  const outcome = await runFuzzCampaign({
    seed: SEED,
    cases: CASES,
    workers: Math.max(2, Math.min(4, cpus().length)),
    stallMs: 15_000,
  });
  const s = outcome.stats;
  const top = Object.entries(s.rejected).sort(([, a], [, b]) => b - a).slice(0, 6).map(([k, n]) => `${k} ${n}`);
  t.log(`seed 0x${SEED.toString(16)}: ${s.cases} cases, ${s.frames} frames in ${outcome.elapsedMs} ms; ` +
    `${s.decoded} decoded, ${s.framingErrors} framing errors, refused: ${top.join(', ')}`);
  t.log(`decoded as: ${Object.entries(s.decodedByType).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  t.deepEqual(outcome.hangs.map(describeHang), [], 'a case hung or crashed its process');
  t.is(outcome.failureCount, 0,
    `${outcome.failureCount} failure(s); first ones:\n${outcome.failures.slice(0, 5).map(describeFailure).join('\n\n')}`);
  t.true(s.cases >= CASES, `only ${s.cases} of ${CASES} cases ran`);
  t.true(s.frames >= CASES, `only ${s.frames} frames reached decode()`);
  // A campaign that never gets past the header would prove little.
  t.true(s.decoded > CASES / 2, `only ${s.decoded} frames decoded`);
});
