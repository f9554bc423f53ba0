/**
 * A long robustness campaign of the codec, run by `make fuzz` (never by
 * `make test`): the same cases as robustness.test.ts (random and mutated
 * frames through FrameDecoder, decode(), encode() and back), many more of
 * them, under a fresh seed each run unless one is given.
 *
 *   OFCONNMGR_FUZZ_ITERATIONS  cases to run (default 20,000,000)
 *   OFCONNMGR_FUZZ_SEED        campaign seed, decimal or 0x-hex (default: random, printed)
 *   OFCONNMGR_FUZZ_WORKERS     child processes (default: one per CPU)
 *
 * Prints progress every few seconds and a summary; exits with status 1 if
 * anything other than OfpCodecError escaped, an invariant broke, or a case
 * hung or crashed its process.  Each problem is printed with the seed, the
 * case number and its bytes; rerunning with that seed replays it.
 */

import { randomInt } from 'node:crypto';
import { cpus } from 'node:os';
import { describeFailure, describeHang, runFuzzCampaign } from '../support/fuzz-supervisor.js';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(v) || v < 0) {
    process.stderr.write(`${name}=${raw} is not a non-negative integer\n`);
    process.exit(2);
  }
  return v;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

async function main(): Promise<void> {
  const cases = envInt('OFCONNMGR_FUZZ_ITERATIONS', 20_000_000);
  const seed = envInt('OFCONNMGR_FUZZ_SEED', randomInt(0x7fffffff)) >>> 0;
  const workers = Math.max(1, envInt('OFCONNMGR_FUZZ_WORKERS', cpus().length));
  process.stdout.write(`codec fuzz campaign: seed 0x${seed.toString(16)}, ${cases.toLocaleString('en')} cases, ${workers} workers\n`);

  const t0 = Date.now();
  let lastPrint = t0;
  const outcome = await runFuzzCampaign({
    seed,
    cases,
    workers,
    stallMs: 30_000,
    rangeSize: Math.min(1_000_000, Math.max(1, Math.ceil(cases / workers))),
    maxHangs: 5,
    onProgress(done, total) {
      const now = Date.now();
      if (now - lastPrint < 5000 && done < total) return;
      lastPrint = now;
      const rate = done / Math.max(1, (now - t0) / 1000);
      const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
      process.stdout.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases ` +
        `(${Math.floor((100 * done) / Math.max(1, total))}%), ${Math.round(rate).toLocaleString('en')} cases/s, ETA ${duration(eta)}\n`);
    },
  });

  const s = outcome.stats;
  const list = (o: Record<string, number>): string =>
    Object.entries(o).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ');
  process.stdout.write(`\nsummary (seed 0x${seed.toString(16)}, ${duration(outcome.elapsedMs)}):\n` +
    `  cases ${s.cases.toLocaleString('en')}, frames ${s.frames.toLocaleString('en')}, decoded ${s.decoded.toLocaleString('en')}, ` +
    `framing errors ${s.framingErrors.toLocaleString('en')}, encoder refusals ${s.encodeRefusals.toLocaleString('en')}\n` +
    `  strategies: ${list(s.byStrategy)}\n  refused by decode(): ${list(s.rejected)}\n  decoded as: ${list(s.decodedByType)}\n` +
    `  failures: ${outcome.failureCount}, hangs or crashes: ${outcome.hangs.length}\n`);
  for (const f of outcome.failures.slice(0, 10)) process.stdout.write(`\nFAILURE ${describeFailure(f)}\n`);
  for (const h of outcome.hangs) process.stdout.write(`\nHANG ${describeHang(h)}\n`);
  process.exitCode = outcome.failureCount > 0 || outcome.hangs.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz campaign could not run: ${String(e)}\n`);
  process.exitCode = 2;
});
