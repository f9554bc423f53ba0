/**
 * `ofconnmgr agent` as a user runs it: a real process attached to a
 * scripted Attach service (test/support/scripted-attach.ts), checked by
 * the lines it prints for each change of standing, what the service
 * receives, its control socket, and a clean exit on SIGTERM with the
 * stream half-closed.
 */

import test from 'ava';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { controlRequest } from '../../src/agentclient/control-socket.js';
import { eventFromProto } from '../../src/agentwire/index.js';
import { hexOf, tcpFrame } from '../support/frames.js';
import { until } from '../support/loopback.js';
import { ScriptedAttachService } from '../support/scripted-attach.js';
import { agent } from '../../src/cli/agent.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A running `ofconnmgr agent`, its output gathered line by line. */
class AgentProcess {
  readonly out: string[] = [];
  readonly err: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', main, 'agent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (stream: NodeJS.ReadableStream, into: string[]): void => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => {
        buf += c;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        into.push(...lines);
      });
    };
    collect(this.child.stdout!, this.out);
    collect(this.child.stderr!, this.err);
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  async line(re: RegExp, ms = 30_000): Promise<string> {
    await until(() => this.out.some((l) => re.test(l)), () => `a line matching ${re} (got ${JSON.stringify(this.out)} / ${JSON.stringify(this.err)})`, ms);
    return this.out.find((l) => re.test(l))!;
  }
}

test.serial('ofconnmgr agent attaches, prints its standing, serves its control socket, and half-closes on SIGTERM', async (t) => {
  const svc = await ScriptedAttachService.start();
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-agent-'));
  const control = join(dir, 'agent.ctl');
  const agent = new AgentProcess(['--server', svc.address, '--bridge', 'br7', '--ports', '2', '--election-id', '0x10', '--control', control]);
  try {
    const call = await svc.call(0, 60_000);
    const hello = (await call.next('hello', 60_000)).hello!;
    t.is(hello.bridge, 'br7');
    t.deepEqual(hello.election_id, { high: '0', low: '16' });
    t.is(hello.features!.ports.length, 3);
    t.regex(agent.out[0]!, /^ofconnmgr agent: bridge br7, datapath id [0-9a-f]{16} \(derived from the name\), 2 port\(s\), election id 16, service 127\.0\.0\.1:\d+, control socket /);
    call.arbitrate(6, 99n);
    await agent.line(/br7: attached to 127\.0\.0\.1:\d+ as backup \(election id 16; primary 99\)$/);
    call.arbitrate(0, 16n);
    await agent.line(/br7: attached to 127\.0\.0\.1:\d+ as primary \(election id 16\)$/);
    call.send({ request: { request_id: '1', miss_behaviour: { send_to_controller: true } } });
    await call.next('reply');
    t.deepEqual(await controlRequest(control, `inject 1 ${hexOf(tcpFrame())}`), { lines: [] });
    t.like(eventFromProto(await call.next('packet_in')), { type: 'packet_in', reason: 'implicit_miss' });
    call.send({ error: { code: grpc.status.INVALID_ARGUMENT, message: 'just testing', message_id: '0' } });
    await until(() => agent.err.some((l) => l.includes('service refused a message: INVALID_ARGUMENT: just testing')), 'the stream error line');
    agent.child.kill('SIGTERM');
    await call.until(() => call.halfClosed, 'the half-close', 10_000);
    call.finish();
    t.is(await agent.exited, 0);
    t.deepEqual(agent.out.slice(-3).map((l) => l.replace(/127\.0\.0\.1:\d+/, 'SERVER')), [
      'ofconnmgr agent: stopping',
      'ofconnmgr agent: br7: detached from SERVER (the service closed the stream)',
      'ofconnmgr agent: br7: stopped',
    ]);
  } finally {
    agent.child.kill('SIGKILL');
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.serial('ofconnmgr agent says when it loses the service and when it retries', async (t) => {
  const svc = await ScriptedAttachService.start();
  const agent = new AgentProcess(['--server', svc.address, '--bridge', 'br0', '--dpid', '00000000000000aa']);
  try {
    const call = await svc.call(0, 60_000);
    t.is((await call.next('hello', 60_000)).hello!.datapath_id, '00000000000000aa');
    call.arbitrate(0, 1n);
    await agent.line(/attached to .* as primary/);
    call.fail(grpc.status.UNAVAILABLE, 'restarting');
    await agent.line(/br0: lost connection to 127\.0\.0\.1:\d+: UNAVAILABLE: restarting$/);
    await agent.line(/br0: retrying in 1 s$/);
    const again = await svc.call(1, 10_000);
    await again.next('hello');
    svc.close();
    await agent.line(/br0: retrying in 2 s$/);
    agent.child.kill('SIGINT');
    t.is(await agent.exited, 0);
  } finally {
    agent.child.kill('SIGKILL');
    svc.close();
  }
});

test('ofconnmgr agent refuses bad arguments with one line and exit status 1', async (t) => {
  const cases: [string[], RegExp][] = [
    [[], /--bridge is required/],
    [['--bridge', 'a-name-that-is-too-long'], /--bridge needs a bridge name/],
    [['--bridge', 'br0', '--dpid', '0'], /--dpid needs 1 to 16 hex digits/],
    [['--bridge', 'br0', '--ports', 'many'], /--ports needs a number/],
    [['--bridge', 'br0', '--election-id', '-3'], /--election-id: "-3" is not an election id/],
    [['--bridge', 'br0', '--server', 'nowhere'], /--server needs HOST:PORT/],
    [['--bridge', 'br0', '--tls-cert', 'x'], /--tls-cert and --tls-key go together/],
    [['--bridge', 'br0', '--tls-ca', '/nonexistent/ca.pem'], /cannot read TLS files/],
    [['--bridge', 'br0', '--frobnicate'], /unknown argument "--frobnicate"/],
  ];
  for (const [args, re] of cases) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await agent(args, { out: (l) => out.push(l), err: (l) => err.push(l), stopped: new Promise(() => undefined) });
    t.is(status, 1, args.join(' '));
    t.is(err.length, 1);
    t.regex(err[0]!, re);
    t.deepEqual(out, []);
  }
  // And as a process: the same line on standard error, exit status 1.
  const run = await new Promise<{ status: number; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, 'agent', '--ports', '9999999'], { timeout: 60_000 }, (e, _stdout, stderr) =>
      resolve({ status: e ? ((e as { code?: number }).code ?? 1) : 0, stderr }));
  });
  t.is(run.status, 1);
  t.regex(run.stderr, /^ofconnmgr agent: --ports needs a number from 0 to 4096, not "9999999" \(usage: ofconnmgr agent /);
});
