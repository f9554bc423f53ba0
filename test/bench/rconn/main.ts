/**
 * rconn benchmarks (issue "Reliable OpenFlow connections", section "Speed
 * and memory"), each bounded in count and time:
 *
 * 1. Memory: 10,000 concurrent accepted sessions on one ptcp: listener, the
 *    clients in a second process; RSS growth per idle ACTIVE session.
 *    Target: at most 20 KB.
 * 2. Throughput: one ACTIVE session pushing 64-byte OpenFlow frames to a
 *    sink process, frames per second, beside a bare net.Socket loop writing
 *    the same pre-encoded frames to the same sink in the same run.  Target:
 *    at least 70% of the bare loop.
 *
 * Run with --expose-gc (make bench does) so the memory figures are taken
 * after a full collection.  Exits non-zero when a target is missed.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../../src/clock/clock.js';
import { encode } from '../../../src/openflow/index.js';
import { Rconn } from '../../../src/rconn/rconn.js';
import { listen } from '../../../src/transport/index.js';

const SESSIONS = Number(process.env.OFCONNMGR_BENCH_SESSIONS ?? 10_000);
const FRAMES = Number(process.env.OFCONNMGR_BENCH_FRAMES ?? 2_000_000);
const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));
const gc = (globalThis as { gc?: () => void }).gc;

function child(script: string, args: string[]): { proc: ChildProcess; lines: AsyncIterator<string> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', here(script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  async function* lines(): AsyncGenerator<string> {
    let buf = '';
    for await (const chunk of proc.stdout!) {
      buf += String(chunk);
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        yield buf.slice(0, i);
        buf = buf.slice(i + 1);
      }
    }
  }
  return { proc, lines: lines() };
}

async function expectLine(lines: AsyncIterator<string>, prefix: string, what: string): Promise<string> {
  const timer = setTimeout(() => {
    process.stderr.write(`timed out waiting for ${what}\n`);
    process.exit(2);
  }, 120_000);
  for (;;) {
    const r = await lines.next();
    if (r.done) throw new Error(`child ended before ${what}`);
    if (r.value.startsWith(prefix)) {
      clearTimeout(timer);
      return r.value.slice(prefix.length);
    }
  }
}

function rssAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

async function memoryPerSession(): Promise<number> {
  const sessions: Rconn[] = [];
  const answerEcho = (rc: Rconn) => (m: unknown): void => {
    const msg = m as { type?: string; version: number; xid: number; data: Uint8Array };
    if (msg.type === 'echo_request') rc.send(encode({ type: 'echo_reply', version: msg.version, xid: msg.xid, data: msg.data }));
  };
  const lst = await listen('ptcp:0:127.0.0.1', {
    backlog: 4096,
    onAccept: (stream) => {
      const rc: Rconn = new Rconn({ clock: systemClock, onMessage: (m) => answerEcho(rc)(m) });
      rc.adopt(stream);
      sessions.push(rc);
    },
  });
  // Warm the code paths with a few sessions, then take the baseline.
  const warm = child('clients.ts', [String(lst.port), '50', '60000']);
  await expectLine(warm.lines, 'connected ', 'warm-up clients');
  while (sessions.filter((s) => s.isConnected).length < 50) await new Promise((r) => setTimeout(r, 10));
  warm.proc.stdin!.end();
  await new Promise((r) => warm.proc.on('exit', r));
  while (sessions.some((s) => s.isAlive)) await new Promise((r) => setTimeout(r, 10));
  sessions.forEach((s) => s.destroy());
  sessions.length = 0;
  await new Promise((r) => setTimeout(r, 200));
  const before = rssAfterGc();

  const clients = child('clients.ts', [String(lst.port), String(SESSIONS), '300000']);
  await expectLine(clients.lines, 'connected ', 'all clients');
  const start = Date.now();
  while (sessions.filter((s) => s.isConnected).length < SESSIONS) {
    if (Date.now() - start > 60_000) throw new Error(`only ${sessions.filter((s) => s.isConnected).length} sessions ACTIVE`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const after = rssAfterGc();
  const perSession = (after - before) / SESSIONS;
  const heap = process.memoryUsage();
  console.log(`sessions ACTIVE: ${SESSIONS}; RSS ${(before / 2 ** 20).toFixed(1)} MiB -> ${(after / 2 ** 20).toFixed(1)} MiB; heap used ${(heap.heapUsed / 2 ** 20).toFixed(1)} MiB`);
  clients.proc.stdin!.end();
  await new Promise((r) => clients.proc.on('exit', r));
  sessions.forEach((s) => s.destroy());
  await lst.close();
  return perSession;
}

const frame = encode({ type: 'echo_request', version: 4, xid: 0, data: Buffer.alloc(56, 0xab) });

/** Frames per second through a bare net.Socket, honouring backpressure. */
async function bareRate(port: number, sink: AsyncIterator<string>): Promise<number> {
  const sock = connect(port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < FRAMES) {
    while (sent < FRAMES && sock.write(frame)) sent++;
    if (sent < FRAMES) {
      sent++;
      await new Promise((r) => sock.once('drain', r));
    }
  }
  sock.end();
  const bytes = Number(await expectLine(sink, 'bytes ', 'sink byte count'));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (bytes !== FRAMES * frame.length) throw new Error(`sink got ${bytes} bytes, expected ${FRAMES * frame.length}`);
  return FRAMES / seconds;
}

/** Frames per second through an ACTIVE Rconn, sending whenever its queue is drained. */
async function rconnRate(port: number, sink: AsyncIterator<string>): Promise<number> {
  let drained: (() => void) | null = null;
  const rc = new Rconn({ clock: systemClock, probeInterval: 0, onDrained: () => drained?.() });
  rc.connect(`tcp:127.0.0.1:${port}`);
  while (!rc.isConnected) await new Promise((r) => setTimeout(r, 5));
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < FRAMES) {
    while (sent < FRAMES && rc.txqlen === 0) {
      if (rc.send(frame) !== 'ok') throw new Error('send failed');
      sent++;
    }
    if (rc.txqlen > 0) await new Promise<void>((r) => (drained = r));
  }
  // The sink counts bytes until the connection ends: our HELLO (8 bytes) came first.
  rc.destroy();
  const bytes = Number(await expectLine(sink, 'bytes ', 'sink byte count'));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (bytes !== FRAMES * frame.length + 8) throw new Error(`sink got ${bytes} bytes, expected ${FRAMES * frame.length + 8}`);
  return FRAMES / seconds;
}

let ok = true;
const perSession = await memoryPerSession();
console.log(`RSS per idle session: ${(perSession / 1024).toFixed(1)} KB (target <= 20 KB)`);
if (perSession > 20 * 1024) {
  console.log('  MISSED: more than 20 KB per session');
  ok = false;
}

const sink = child('sink.ts', ['openflow']);
const port = Number(await expectLine(sink.lines, 'port ', 'sink port'));
const rates: Array<[number, number]> = [];
for (let round = 0; round < 3; round++) rates.push([await bareRate(port, sink.lines), await rconnRate(port, sink.lines)]);
sink.proc.stdin!.end();
const bare = Math.max(...rates.map(([b]) => b));
const ours = Math.max(...rates.map(([, r]) => r));
console.log(`64-byte frames/s to a sink (best of 3): bare net.Socket ${bare.toFixed(0)}, rconn ${ours.toFixed(0)} = ${((ours / bare) * 100).toFixed(0)}% (target >= 70%)`);
if (ours < 0.7 * bare) {
  console.log('  MISSED: rconn below 70% of the bare socket');
  ok = false;
}
process.exitCode = ok ? 0 : 1;
