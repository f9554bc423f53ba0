/**
 * Codec speed: decode+encode rate on one core for an OF1.3 PACKET_IN
 * (64-byte frame, in_port-only match) and an OF1.3 FLOW_MOD (5-field match,
 * 3 actions), printed beside os-ken's parser on the same bytes in the same
 * run.  Targets (issue "Project foundation and the OpenFlow wire codec"):
 * at least 1,000,000 PACKET_IN decode+encode per second, and at least 20x
 * os-ken for both messages.  Exits non-zero when a target is missed.
 *
 * The machine may be shared, so both sides are measured the same way, in
 * ROUNDS rounds that alternate os-ken (osken_bench.py, Debian's
 * /usr/bin/python3) and ours, each round a fresh process per side (a
 * process's own luck, where the JIT or the scheduler put it, varies by
 * some 10%).  A process measures each message in WINDOWS windows of
 * WINDOW_SECONDS after a warm-up, and takes each window's rate per second
 * of CPU time the process used (what one core does when it has the core:
 * the verdict) and per wall-clock second.  The best and the median window
 * over all rounds are printed, so that other processes taking the CPU for
 * a while decide neither side.  Our CPU time counts every thread of the
 * process (V8's compiler and garbage collector helpers too), which can
 * only favour os-ken; os-ken is single-threaded.
 *
 * os-ken is a controller library and does not serialise switch-to-
 * controller messages, so its figure is decode only (a comparison that
 * favours os-ken).  Environment: OFCONNMGR_BENCH_ROUNDS (default 3),
 * OFCONNMGR_BENCH_WINDOWS (default 4 per round) and
 * OFCONNMGR_BENCH_WINDOW_SECONDS (default 0.5).  Run by `make bench`,
 * never by `make test`.  With --measure it is one of our measuring
 * processes: it prints what osken_bench.py prints, for our codec.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '../../../src/openflow/index.js';

const SAMPLES: Record<string, string> = {
  // xid 0, unbuffered, total_len 64, reason no_match, table 0, cookie 0, match in_port=1, 64 bytes of 0xab.
  packet_in_of13_64:
    '040a006a00000000ffffffff0040000000000000000000000001000c8000000400000001000000000000' + 'ab'.repeat(64),
  // ADD priority=100,tcp,in_port=1,nw_src=10.0.0.0/8,tp_dst=80 cookie:0x1234 idle:60 send_flow_rem
  // actions=set_field:aa:bb:cc:dd:ee:ff->eth_dst,dec_ttl,output:2
  flow_mod_of13_5f3a:
    '040e009000000042000000000000123400000000000000000000003c00000064ffffffffffffffffffffffff0001000000010029800000040000000180000a0208008000140106800017080a000000ff00000080001c0200500000000000000000040030000000000019001080000606aabbccddeeff0000001800080000000000000010000000020000000000000000',
};

const PACKET_IN_TARGET = 1_000_000;
const RATIO_TARGET = 20;
const ROUNDS = Number(process.env.OFCONNMGR_BENCH_ROUNDS ?? 3);
const WINDOWS = Number(process.env.OFCONNMGR_BENCH_WINDOWS ?? 4);
const WINDOW_SECONDS = Number(process.env.OFCONNMGR_BENCH_WINDOW_SECONDS ?? 0.5);
const BATCH = 5_000;
const WARMUP = 300_000;

/** Per-window rates (messages per second) of one message: per CPU second used and per wall-clock second. */
interface Windows {
  readonly cpu: number[];
  readonly wall: number[];
}

/** Seconds of CPU time this process has used (all threads). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Window rates of decode followed by encode of 'frame' in this process. */
function measureOurs(frame: Buffer): Windows {
  const check = encode(decode(frame));
  if (!check.equals(frame)) throw new Error('re-encoding differs from the input');
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes += encode(decode(frame)).length;
  const cpu: number[] = [];
  const wall: number[] = [];
  const windowNs = BigInt(Math.round(WINDOW_SECONDS * 1e9));
  for (let w = 0; w < WINDOWS; w++) {
    let n = 0;
    const cpuStart = cpuSeconds();
    const start = process.hrtime.bigint();
    let now = start;
    while (now - start < windowNs) {
      for (let i = 0; i < BATCH; i++) bytes += encode(decode(frame)).length;
      n += BATCH;
      now = process.hrtime.bigint();
    }
    cpu.push(n / (cpuSeconds() - cpuStart));
    wall.push(n / (Number(now - start) / 1e9));
  }
  // Using the lengths keeps the work observable, so the optimiser cannot drop it.
  if (bytes % frame.length !== 0) throw new Error('a round trip changed the message length');
  return { cpu, wall };
}

/**
 * Runs one measuring process ('command' 'args', samples on stdin) and adds
 * the window rates of its lines "NAME CPU,CPU,... WALL,WALL,... [NOTE]" to
 * 'into'.  Returns false (with a message on stderr) if it failed.
 */
function runMeasurer(what: string, command: string, args: string[], into: Map<string, Windows>): boolean {
  const input = Object.entries(SAMPLES).map(([k, v]) => `${k} ${v}`).join('\n') + '\n';
  const r = spawnSync(command, args, { input, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) {
    process.stderr.write(`${what} benchmark failed: ${r.error?.message ?? r.stderr}\n`);
    return false;
  }
  for (const line of r.stdout.trim().split('\n')) {
    const [name, cpu, wall] = line.split(' ');
    const w = into.get(name!) ?? { cpu: [], wall: [] };
    w.cpu.push(...cpu!.split(',').map(Number));
    w.wall.push(...wall!.split(',').map(Number));
    into.set(name!, w);
  }
  return true;
}

/** The best and the (lower) median of 'rates'; NaN for none. */
function bestAndMedian(rates: readonly number[]): { best: number; median: number } {
  const sorted = [...rates].sort((a, b) => a - b);
  return { best: sorted.length ? sorted[sorted.length - 1]! : NaN, median: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN };
}

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const col = (s: string, w: number): string => s.padStart(w);

function main(): void {
  const script = fileURLToPath(import.meta.url);
  const oskenScript = fileURLToPath(new URL('./osken_bench.py', import.meta.url));
  const ours = new Map<string, Windows>();
  const theirs = new Map<string, Windows>();
  for (let round = 0; round < ROUNDS; round++) {
    runMeasurer('os-ken', '/usr/bin/python3', [oskenScript, String(WINDOWS), String(WINDOW_SECONDS)], theirs);
    // Our side in a fresh Node process too, with this process's loader flags (tsx).
    if (!runMeasurer('ofconnmgr', process.execPath, [...process.execArgv, script, '--measure'], ours)) process.exit(2);
  }
  const none: Windows = { cpu: [], wall: [] };
  console.log(`${ROUNDS} rounds x ${WINDOWS} windows of ${WINDOW_SECONDS} s, each side in a fresh process per round;`);
  console.log('messages per second, best window (median window)');
  let ok = true;
  for (const clock of ['cpu', 'wall'] as const) {
    console.log(clock === 'cpu' ? 'per second of CPU time used (the verdict):' : 'per wall-clock second:');
    console.log(`  ${'message'.padEnd(20)} ${col('ofconnmgr decode+encode', 27)} ${col('os-ken decode', 23)} ${col('ratio', 13)}`);
    for (const name of Object.keys(SAMPLES)) {
      const a = bestAndMedian((ours.get(name) ?? none)[clock]);
      const b = bestAndMedian((theirs.get(name) ?? none)[clock]);
      const ratio = a.best / b.best;
      console.log(`  ${name.padEnd(20)} ${col(`${fmt(a.best)} (${fmt(a.median)})`, 27)} ${col(`${fmt(b.best)} (${fmt(b.median)})`, 23)} ` +
        col(`${ratio.toFixed(1)}x (${(a.median / b.median).toFixed(1)}x)`, 13));
      if (clock !== 'cpu') continue;
      if (name.startsWith('packet_in') && !(a.best >= PACKET_IN_TARGET)) {
        console.log(`  MISSED: PACKET_IN decode+encode ${fmt(a.best)}/s < ${fmt(PACKET_IN_TARGET)}/s`);
        ok = false;
      }
      if (!(ratio >= RATIO_TARGET)) {
        console.log(`  MISSED: ${name} is ${ratio.toFixed(1)}x os-ken, target ${RATIO_TARGET}x`);
        ok = false;
      }
    }
  }
  process.exitCode = ok ? 0 : 1;
}

/** --measure: read "NAME HEX" lines on stdin, print "NAME CPU,... WALL,..." for each (as osken_bench.py does). */
function measureMain(): void {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (input += chunk));
  process.stdin.on('end', () => {
    for (const line of input.trim().split('\n')) {
      const [name, hexText] = line.split(' ');
      const w = measureOurs(Buffer.from(hexText!, 'hex'));
      console.log(`${name} ${w.cpu.map((x) => x.toFixed(0)).join(',')} ${w.wall.map((x) => x.toFixed(0)).join(',')}`);
    }
  });
}

if (process.argv.includes('--measure')) measureMain();
else main();
