/**
 * The service and its switch agents as separate processes, for end-to-end
 * tests (test/e2e/): `ofconnmgr serve` on a loopback port with its state
 * in a temporary directory, `ofconnmgr agent` processes attached to it
 * with their control sockets beside it, and `ofconnmgr ctl` and
 * `ofconnmgr agent-ctl` run as a user runs them.  cli-process.ts spawns
 * the commands; this file knows which commands and lines make a lab.
 *
 * Two ways to reach an agent's control socket: agentCtl() runs the
 * `ofconnmgr agent-ctl` command (what a user types, about two seconds a
 * run on a loaded machine), control() speaks the socket's line protocol
 * from this process (what any program may do, README "ofconnmgr agent
 * and agent-ctl"), for polling and for steps repeated many times.
 */

import type { ExecutionContext } from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlRequest } from '../../src/agentclient/index.js';
import { CliProcess, runCli } from './cli-process.js';
import { freeLoopbackPort } from './loopback.js';

/** What `serve` prints once it serves. */
export const SERVING = /serving ofconnmgr\.v1\.ConnectionManager/;

/**
 * `ofconnmgr serve --listen 127.0.0.1:PORT --state-dir DIR/state` ('port'
 * default: a free one) with 'extra' arguments; resolves once it serves.
 */
export async function startServe(dir: string, extra: string[] = [], port?: number): Promise<{ serve: CliProcess; server: string }> {
  const server = `127.0.0.1:${port ?? await freeLoopbackPort()}`;
  const serve = CliProcess.start(['serve', '--listen', server, '--state-dir', join(dir, 'state'), ...extra]);
  await serve.waitFor(SERVING, 30_000);
  return { serve, server };
}

/** `ofconnmgr agent-ctl --control SOCK WORDS...`, failing the test on an error answer. */
export async function agentCtl(sock: string, ...words: string[]): Promise<string[]> {
  const r = await runCli(['agent-ctl', '--control', sock, ...words]);
  if (r.status !== 0) throw new Error(`agent-ctl ${words.join(' ')}: ${r.stderr}`);
  return r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
}

/** One command on the control socket 'sock' from this process; throws on an "error:" answer. */
export async function control(sock: string, ...words: string[]): Promise<string[]> {
  const r = await controlRequest(sock, words.join(' '));
  if (r.error !== undefined) throw new Error(`control ${words.join(' ')}: ${r.error}`);
  return r.lines;
}

/**
 * The numbers of an agent's `stats` answer: the counters of its second
 * line (requests, packet_ins_sent, ...) and, as 'port.N.rx_packets' and
 * so on, the per-port ones.
 */
export function statsOf(lines: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) {
    const port = /^port (\S+) /.exec(l)?.[1];
    for (const [, k, v] of l.matchAll(/(\w+)=(\d+)\b/g)) out[port === undefined ? k! : `port.${port}.${k!}`] = Number(v);
  }
  return out;
}

/** The flows of an ovs-ofctl dump-flows or an agent's dump-flows, without the changing duration and any reply header. */
export function flowsOf(dump: string | readonly string[]): string[] {
  const lines = typeof dump === 'string' ? dump.split('\n') : dump;
  return lines.filter((l) => l.includes('actions=')).map((l) => l.trim().replace(/duration=[\d.]+s, /, ''));
}

/**
 * Calls 'probe' (every 'everyMs', real time) until 'done' accepts what it
 * resolved with, and resolves with that; throws after 'ms', saying 'what'
 * and the last value seen.
 */
export async function eventually<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 10_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}; last seen: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One `list-controllers --json` entry. */
export interface ListedController {
  readonly target: string;
  readonly type: string;
  readonly is_connected: boolean;
  readonly role: string | null;
  readonly status: Record<string, string>;
  readonly sessions: number;
}

/** A running agent: its process and control socket. */
export interface AgentHandle {
  readonly process: CliProcess;
  readonly sock: string;
}

/**
 * A service and its agents in one temporary directory, all stopped (by
 * SIGKILL, by their own pids) and the directory removed when the test ends.
 */
export class ServiceLab {
  serve!: CliProcess;
  private readonly children = new Set<CliProcess>();

  private constructor(
    /** The temporary directory: state, control sockets, files a test writes. */
    readonly dir: string,
    /** The service's API address, 127.0.0.1:PORT (kept across restarts). */
    readonly server: string,
    private readonly serveExtra: readonly string[],
  ) {}

  /**
   * Starts `serve` on a free port (metrics off, so that labs running side
   * by side do not compete for 9464; 'serveExtra' adds arguments), and
   * registers the lab's teardown with 't' (with null, for a lab that
   * several tests share, the caller calls close()).
   */
  static async start(t: ExecutionContext | null, serveExtra: readonly string[] = []): Promise<ServiceLab> {
    const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-e2e-'));
    const lab = new ServiceLab(dir, `127.0.0.1:${await freeLoopbackPort()}`, ['--metrics-listen', 'off', ...serveExtra]);
    t?.teardown(() => lab.close());
    await lab.startServe();
    return lab;
  }

  /** Starts `serve` again (after stopServe()) on the same address and state directory; resolves once it serves. */
  async startServe(): Promise<CliProcess> {
    const port = Number(this.server.split(':')[1]);
    this.serve = this.track((await startServe(this.dir, [...this.serveExtra], port)).serve);
    return this.serve;
  }

  /** `ofconnmgr ctl --server ADDR ARGS...`: exit status and output. */
  ctl(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    return runCli(['ctl', '--server', this.server, ...args]);
  }

  /** `ofconnmgr ctl --server ADDR ARGS...`, throwing unless it exits 0; resolves with its lines. */
  async ctlOk(...args: string[]): Promise<string[]> {
    const r = await this.ctl(...args);
    if (r.status !== 0) throw new Error(`ofconnmgr ctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
  }

  /** `ofconnmgr ctl list-controllers --json BRIDGE`, parsed. */
  async listControllers(bridge: string): Promise<ListedController[]> {
    return (JSON.parse((await this.ctlOk('--json', 'list-controllers', bridge)).join('\n')) as { controllers: ListedController[] }).controllers;
  }

  /**
   * listControllers(), asked again (for up to 'ms') while a connected
   * target's state is IDLE.  A session that received nothing for its
   * probe interval (5 s) is IDLE until the peer answers the inactivity
   * probe (§1.3.2, §1.3.4); on a loaded machine a test can ask at that
   * moment, which is not what it means to check.
   */
  async listControllersAwake(bridge: string, ms = 20_000): Promise<ListedController[]> {
    return eventually(() => this.listControllers(bridge), (cs) => cs.every((c) => c.status['state'] !== 'IDLE'),
      `no controller of ${bridge} IDLE`, ms, 250);
  }

  /**
   * Starts `ofconnmgr agent --bridge BRIDGE --control DIR/BRIDGE-N.ctl`
   * with 'args' (e.g. --ports 2, --election-id 5) and resolves once it
   * prints 'ready' (default: attached as primary).
   */
  async startAgent(bridge: string, args: readonly string[] = [], ready: RegExp = /as primary/): Promise<AgentHandle> {
    const sock = join(this.dir, `${bridge}-${this.children.size}.ctl`);
    const process = this.track(CliProcess.start(['agent', '--server', this.server, '--bridge', bridge, '--control', sock, ...args]));
    await process.waitFor(ready, 30_000);
    return { process, sock };
  }

  /** Tracks 'p' so that close() ends it. */
  track(p: CliProcess): CliProcess {
    this.children.add(p);
    return p;
  }

  /** Kills every process of the lab and removes its directory. */
  async close(): Promise<void> {
    await Promise.all([...this.children].map((p) => p.stop('SIGKILL')));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
