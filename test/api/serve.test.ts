/**
 * `ofconnmgr serve` (src/cli/serve.ts): it binds, says where, serves
 * health, stops when asked; bad arguments are one clear line and status 1;
 * --demo saves its bridge to the state file at once.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { serve } from '../../src/cli/serve.js';

function capture(): { out: string[]; err: string[]; io: { out(l: string): void; err(l: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

test('serve --listen 127.0.0.1:0: prints its address, answers health, stops with status 0', async (t) => {
  const c = capture();
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-serve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const done = serve(['--listen', '127.0.0.1:0', '--state-dir', join(dir, 'var'), '--metrics-listen', 'off'], { ...c.io, stopped, logDestination: { write: () => undefined } });
  const deadline = Date.now() + 5000;
  while (c.out.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const m = /on (127\.0\.0\.1:\d+) /.exec(c.out[0] ?? '');
  if (!m) throw new Error(`no address in ${JSON.stringify(c.out)}`);
  const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
  const health = new Health(m[1]!, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    check(req: { service: string }, cb: (e: grpc.ServiceError | null, r?: { status: string }) => void): void;
  };
  const status = await new Promise<string>((resolve, reject) => health.check({ service: '' }, (e, r) => (e ? reject(e) : resolve(r!.status))));
  health.close();
  t.is(status, 'SERVING');
  stop();
  t.is(await done, 0);
  t.is(c.out.at(-1), 'ofconnmgr: stopping');
});

test('serve with a bad --listen or an unknown argument: one line on stderr, status 1', async (t) => {
  for (const args of [['--listen', 'nowhere'], ['--bogus']]) {
    const c = capture();
    t.is(await serve(args, { ...c.io, stopped: Promise.resolve() }), 1);
    t.is(c.err.length, 1);
    t.regex(c.err[0]!, /^ofconnmgr serve: /);
  }
});

test('serve with a corrupt state file: refuses to start, naming the file, status 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-serve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'state.json'), '{"format": 1, "bridges": [');
  const c = capture();
  t.is(await serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--metrics-listen', 'off'], { ...c.io, stopped: Promise.resolve() }), 1);
  t.deepEqual(c.out, []);
  t.is(c.err.length, 1);
  t.true(c.err[0]!.startsWith(`ofconnmgr serve: state file ${join(dir, 'state.json')}: not valid JSON`), c.err[0]);
});

test.serial('serve --demo: the demo bridge br0 and its service listener are in the state file at once, served by the reference agent process', async (t) => {
  const c = capture();
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-serve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const done = serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--demo', '--metrics-listen', 'off'], { ...c.io, stopped, logDestination: { write: () => undefined } });
  const deadline = Date.now() + 20_000;
  const attached = (): boolean => c.out.some((l) => /^agent: br0: attached to 127\.0\.0\.1:\d+ as primary/.test(l));
  while (!attached() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.true(c.out.some((l) => /^ofconnmgr: bridge br0 \(served by the reference agent, pid \d+: ofconnmgr agent --server 127\.0\.0\.1:\d+ --bridge br0 --control .*br0\.ctl\)/.test(l)), c.out.join('\n'));
  t.true(attached(), `the agent process attached as primary:\n${c.out.join('\n')}`);
  const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { bridges: { bridge: { name: string }; controllers: { target: string }[] }[] };
  t.deepEqual(saved.bridges.map((b) => [b.bridge.name, b.controllers.map((x) => x.target)]), [['br0', ['ptcp:6634:127.0.0.1']]]);
  stop();
  t.is(await done, 0);
});

test.serial('serve --demo --in-process-datapath: br0 has a built-in switch and no agent is started', async (t) => {
  const c = capture();
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-serve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const done = serve(['--listen', '127.0.0.1:0', '--state-dir', dir, '--demo', '--in-process-datapath', '--metrics-listen', 'off'], { ...c.io, stopped, logDestination: { write: () => undefined } });
  const deadline = Date.now() + 5000;
  while (!c.out.includes('try:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  t.true(c.out.some((l) => l.startsWith('ofconnmgr: bridge br0 (in-process reference switch), service listener ptcp:6634:127.0.0.1')), c.out.join('\n'));
  stop();
  t.is(await done, 0);
  t.false(c.out.some((l) => l.startsWith('agent: ')));
});
