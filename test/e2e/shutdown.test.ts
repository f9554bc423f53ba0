/**
 * Graceful shutdown of `ofconnmgr serve` as a real process (issue 7):
 * SIGTERM while an agent (`ofconnmgr agent`) is attached over Attach, the
 * bridge's controllers are connected (ovs-testcontroller and a raw
 * OpenFlow controller in this process) and a service client is on the
 * bridge's ptcp: listener.  The process exits with status 0 well within
 * the deadline; health watchers hear NOT_SERVING first; the agent sees
 * the service end its stream (UNAVAILABLE "shutting down"), not a broken
 * connection, and keeps retrying; every OpenFlow peer sees its TCP
 * connection closed with a FIN (EOF), not reset: ovs-testcontroller's own
 * rconn says "connection closed by peer", and the raw sockets get 'end'
 * and no ECONNRESET.
 */

import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { CliProcess, runCli } from '../support/cli-process.js';
import { ControllerProcess, hasTestController } from '../support/controller-process.js';
import { freeLoopbackPort, until } from '../support/loopback.js';

const run = promisify(execFile);
const controllerTest = hasTestController ? test : test.skip;

/** What a test-side OpenFlow peer saw of its TCP connection. */
class RawPeer {
  /** Set when the peer's FIN came ('end'). */
  eof = false;
  /** The socket error, if any (ECONNRESET for a reset). */
  error: string | null = null;
  closed = false;
  /** Set once the other side's HELLO came. */
  hello = false;
  private buffer = Buffer.alloc(0);

  constructor(readonly sock: Socket) {
    sock.on('data', (b: Buffer) => this.receive(b));
    sock.on('end', () => {
      this.eof = true;
      // Our side closes too, politely.
      sock.end();
    });
    sock.on('error', (e: NodeJS.ErrnoException) => (this.error = e.code ?? e.message));
    sock.on('close', () => (this.closed = true));
    sock.write(Buffer.from('0400000800000001', 'hex')); // HELLO, OpenFlow 1.3
  }

  /** Answers ECHO_REQUESTs (the service's inactivity probes); notes HELLO. */
  private receive(b: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, b]);
    while (this.buffer.length >= 8) {
      const len = this.buffer.readUInt16BE(2);
      if (this.buffer.length < len) return;
      const msg = this.buffer.subarray(0, len);
      this.buffer = this.buffer.subarray(len);
      if (msg[1] === 0) this.hello = true;
      if (msg[1] === 2) {
        const reply = Buffer.from(msg);
        reply[1] = 3;
        this.sock.write(reply);
      }
    }
  }
}

controllerTest('SIGTERM to serve with an agent attached and controller sessions up: status 0 within the deadline, NOT_SERVING, the agent\'s stream ended by the service, every TCP session closed with EOF', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-shutdown-'));
  const server = `127.0.0.1:${await freeLoopbackPort()}`;
  const healthAddress = `127.0.0.1:${await freeLoopbackPort()}`;
  const ofPort = await freeLoopbackPort();
  const rawControllers: RawPeer[] = [];
  const ctlServer: Server = createServer((sock) => rawControllers.push(new RawPeer(sock)));
  await new Promise<void>((r) => ctlServer.listen(0, '127.0.0.1', () => r()));
  const rawCtlTarget = `tcp:127.0.0.1:${(ctlServer.address() as { port: number }).port}`;
  const tc = await ControllerProcess.testController(4);
  const serve = CliProcess.start(['serve', '--listen', server, '--state-dir', join(dir, 'state'), '--health-listen', healthAddress, '--metrics-listen', 'off']);
  const live: { agent?: CliProcess; client?: RawPeer } = {};
  const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
  const health = new Health(healthAddress, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }>;
  };
  t.teardown(async () => {
    health.close();
    live.client?.sock.destroy();
    for (const c of rawControllers) c.sock.destroy();
    await new Promise<void>((r) => ctlServer.close(() => r()));
    await live.agent?.stop('SIGKILL');
    await serve.stop('SIGKILL');
    await tc.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  await serve.waitFor(/serving ofconnmgr\.v1\.ConnectionManager/, 30_000);
  for (const args of [['add-br', 'br0'], ['set-controller', 'br0', rawCtlTarget, tc.target, `ptcp:${ofPort}:127.0.0.1`]]) {
    const r = await runCli(['ctl', '--server', server, ...args]);
    t.is(r.status, 0, r.stderr);
  }
  const agent = CliProcess.start(['agent', '--server', server, '--bridge', 'br0']);
  live.agent = agent;
  await agent.waitFor(/br0: attached to 127\.0\.0\.1:\d+ as primary/, 30_000);
  // ovs-testcontroller's rconn logs how its switch connection ends (closed by peer, or dropped) on standard error.
  await run('ovs-appctl', ['-t', join(tc.dir, 'tc.ctl'), 'vlog/set', 'rconn:console:dbg'], { timeout: 5000 });
  const client = new RawPeer(connect(ofPort, '127.0.0.1'));
  live.client = client;
  await until(() => client.hello && rawControllers.some((c) => c.hello), 'the service client\'s and the raw controller\'s HELLO', 10_000);
  const connected = async (): Promise<boolean> => {
    const r = await runCli(['ctl', '--server', server, '--json', 'list-controllers', 'br0']);
    const list = (JSON.parse(r.stdout) as { controllers: Array<{ target: string; is_connected: boolean }> }).controllers;
    return [rawCtlTarget, tc.target].every((target) => list.some((c) => c.target === target && c.is_connected));
  };
  for (let i = 0; !(await connected()); i++) {
    if (i === 50) t.fail('the controllers did not connect');
    await new Promise((r) => setTimeout(r, 100));
  }
  const statuses: string[] = [];
  const watch = health.watch({ service: '' });
  watch.on('data', (m: { status: string }) => statuses.push(m.status));
  watch.on('error', () => undefined);
  await until(() => statuses.length > 0, 'the health watch');
  t.deepEqual(statuses, ['SERVING']);
  const tcBefore = tc.output.length;

  const start = Date.now();
  const status = await serve.stop('SIGTERM', 10_000);
  const elapsed = Date.now() - start;
  t.is(status, 0, serve.output);
  t.log(`serve exited ${elapsed} ms after SIGTERM`);
  t.true(elapsed < 5000, `exited after ${elapsed} ms`);
  t.regex(serve.output, /ofconnmgr: stopping/);
  t.deepEqual(statuses.slice(0, 2), ['SERVING', 'NOT_SERVING'], 'health watchers hear NOT_SERVING');

  // The agent: the service ended its stream (UNAVAILABLE "shutting down"); it keeps trying.
  await agent.waitFor(/br0: the service at 127\.0\.0\.1:\d+ ended the stream: it is shutting down\n/, 5000);
  await agent.waitFor(/br0: retrying in 1 s/, 5000);
  t.is(agent.exitStatus, undefined, 'the agent still runs');
  await agent.waitFor(/br0: cannot attach to 127\.0\.0\.1:\d+: UNAVAILABLE/, 5000);

  // Every OpenFlow peer: a FIN, no reset.
  await until(() => client.closed && rawControllers.every((c) => c.closed), 'the raw sessions to close', 5000);
  t.deepEqual([client.eof, client.error], [true, null], 'the service client got EOF');
  for (const c of rawControllers) t.deepEqual([c.eof, c.error], [true, null], 'the raw controller got EOF');
  await until(() => /connection closed by peer|connection dropped/.test(tc.output.slice(tcBefore)), () => `ovs-testcontroller's word on it:\n${tc.output}`, 5000);
  t.regex(tc.output.slice(tcBefore), /connection closed by peer/);
  t.notRegex(tc.output.slice(tcBefore), /connection dropped/);
});
