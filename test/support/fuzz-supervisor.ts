/**
 * Runs a fuzz campaign of the codec (codec-fuzz.ts) over several child
 * processes (fuzz-worker.ts), one range of cases each, and watches them: a
 * child that reports no progress for 'stallMs', or dies without finishing,
 * is killed and its last range of cases is replayed with tracing to name
 * the case that hung or crashed it.  Used by robustness.test.ts and by the
 * standalone fuzz-campaign.ts (make fuzz).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  addStats,
  type FuzzFailure,
  type FuzzSeeds,
  type FuzzStats,
  loadFuzzSeeds,
  makeCase,
  newStats,
  type Strategy,
} from './codec-fuzz.js';

export interface FuzzPlan {
  /** Campaign seed; case i is a function of (seed, i) only. */
  readonly seed: number;
  /** Cases to run: 0 .. cases-1. */
  readonly cases: number;
  /** Child processes at a time. */
  readonly workers: number;
  /** A child silent for this long is considered hung. */
  readonly stallMs: number;
  /** Largest range of cases given to one child. */
  readonly rangeSize?: number;
  /** Stop the campaign after this many hangs or crashes (default 3): each costs a stall and a replay. */
  readonly maxHangs?: number;
  /** Called as cases complete (across all children). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A case that hung or crashed its process. */
export interface FuzzHang {
  readonly seed: number;
  /** The case, or undefined if the replay did not reproduce the problem. */
  readonly index: number | undefined;
  readonly strategy?: Strategy;
  readonly streamHex?: string;
  /** What happened, with the range that was replayed. */
  readonly note: string;
}

export interface FuzzOutcome {
  readonly stats: FuzzStats;
  /** The first failures reported (each child reports up to 50). */
  readonly failures: readonly FuzzFailure[];
  /** All failures counted. */
  readonly failureCount: number;
  readonly hangs: readonly FuzzHang[];
  readonly elapsedMs: number;
}

const WORKER = fileURLToPath(new URL('./fuzz-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ChildResult {
  /** Cases the child reported as done (from its last progress or done line). */
  done: number;
  stats?: FuzzStats;
  failures: FuzzFailure[];
  failureCount: number;
  /** 'ok', or why the child did not finish. */
  end: 'ok' | 'stalled' | 'crashed';
  detail: string;
  /** For traced runs: the last case index written before the end. */
  lastTraced?: number;
}

function startChild(seed: number, start: number, count: number, trace: boolean): ChildProcess {
  const args = ['--import', 'tsx', WORKER, String(seed), String(start), String(count), ...(trace ? ['trace'] : [])];
  return spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs one child over [start, start+count) and watches it. */
function runChild(
  seed: number, start: number, count: number, trace: boolean, stallMs: number, onProgress: (n: number) => void,
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = startChild(seed, start, count, trace);
    const res: ChildResult = { done: 0, failures: [], failureCount: 0, end: 'ok', detail: '' };
    let carry = '';
    let errCarry = '';
    let stderrTail = '';
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        res.end = 'stalled';
        res.detail = `no progress for ${stallMs} ms`;
        child.kill('SIGKILL');
      }, stallMs);
    };
    arm();
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (carry + chunk.toString('utf8')).split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) {
        if (!l) continue;
        const msg = JSON.parse(l) as { progress?: number; failure?: FuzzFailure; done?: FuzzStats; failures?: number };
        if (msg.progress !== undefined) {
          onProgress(msg.progress - res.done);
          res.done = msg.progress;
          arm();
        } else if (msg.failure) {
          res.failures.push(msg.failure);
        } else if (msg.done) {
          onProgress(count - res.done);
          res.done = count;
          res.stats = msg.done;
          res.failureCount = msg.failures ?? 0;
          finished = true;
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = errCarry + chunk.toString('utf8');
      if (trace) {
        const lines = text.split('\n');
        errCarry = lines.pop() ?? '';
        for (const l of lines) {
          if (/^\d+$/.test(l)) res.lastTraced = Number(l);
          else stderrTail = (stderrTail + l + '\n').slice(-2000);
        }
        arm();
      } else {
        stderrTail = (stderrTail + text).slice(-2000);
      }
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (res.end === 'ok' && !finished) {
        res.end = 'crashed';
        res.detail = `exited with ${signal ?? code} before finishing: ${stderrTail.trim()}`;
      }
      resolve(res);
    });
  });
}

/**
 * Replays cases [from, to) with tracing to find the one that hangs or
 * crashes; returns the hang record.
 */
async function locate(seeds: FuzzSeeds, seed: number, from: number, to: number, stallMs: number, what: string): Promise<FuzzHang> {
  const res = await runChild(seed, from, to - from, true, stallMs, () => undefined);
  const range = `cases ${from}..${to - 1}`;
  if (res.end === 'ok' || res.lastTraced === undefined) {
    return { seed, index: undefined, note: `${what} in ${range}; the traced replay ${res.end === 'ok' ? 'finished normally' : res.detail}` };
  }
  const c = makeCase(seeds, seed, res.lastTraced);
  return {
    seed, index: res.lastTraced, strategy: c.strategy, streamHex: c.bytes.toString('hex'),
    note: `${what}; replay of ${range} ${res.end} at case ${res.lastTraced}: ${res.detail}`,
  };
}

/**
 * Runs the campaign 'plan' and returns what it found.  Never rejects for
 * what the codec does; rejects only if child processes cannot be started.
 */
export async function runFuzzCampaign(plan: FuzzPlan): Promise<FuzzOutcome> {
  const t0 = Date.now();
  const seeds = loadFuzzSeeds();
  const rangeSize = plan.rangeSize ?? Math.max(1, Math.ceil(plan.cases / plan.workers));
  const ranges: Array<[number, number]> = [];
  for (let s = 0; s < plan.cases; s += rangeSize) ranges.push([s, Math.min(plan.cases, s + rangeSize)]);
  const stats = newStats();
  const failures: FuzzFailure[] = [];
  const hangs: FuzzHang[] = [];
  let failureCount = 0;
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    plan.onProgress?.(done, plan.cases);
  };

  const maxHangs = plan.maxHangs ?? 3;
  const runRange = async (from: number, to: number): Promise<void> => {
    while (from < to && hangs.length < maxHangs) {
      const res = await runChild(plan.seed, from, to - from, false, plan.stallMs, progress);
      if (res.stats) addStats(stats, res.stats);
      failures.push(...res.failures);
      // A child that did not finish never sent its count: count what it reported.
      failureCount += Math.max(res.failureCount, res.failures.length);
      if (res.end === 'ok') return;
      // Hung or crashed somewhere after its last progress report.
      const blockStart = from + res.done;
      const blockEnd = Math.min(to, blockStart + 5000);
      const hang = await locate(seeds, plan.seed, blockStart, blockEnd, plan.stallMs, `worker ${res.end} (${res.detail})`);
      hangs.push(hang);
      from = hang.index !== undefined ? hang.index + 1 : blockEnd;
    }
  };

  let next = 0;
  const lanes = Array.from({ length: Math.min(plan.workers, ranges.length) }, async () => {
    while (next < ranges.length && hangs.length < maxHangs) {
      const [from, to] = ranges[next++]!;
      await runRange(from, to);
    }
  });
  await Promise.all(lanes);
  return { stats, failures, failureCount, hangs, elapsedMs: Date.now() - t0 };
}

/** A failure in words, with what is needed to replay it. */
export function describeFailure(f: FuzzFailure): string {
  return `seed 0x${f.seed.toString(16)} case ${f.index} (${f.strategy}), ${f.stage}: ${f.error}\n` +
    `  frame:  ${f.frameHex}\n  stream: ${f.streamHex}`;
}

/** A hang in words, with what is needed to replay it. */
export function describeHang(h: FuzzHang): string {
  return `seed 0x${h.seed.toString(16)} case ${h.index ?? '?'}${h.strategy ? ` (${h.strategy})` : ''}: ${h.note}` +
    (h.streamHex ? `\n  stream: ${h.streamHex}` : '');
}
