/**
 * Real OpenFlow controllers as child processes for end-to-end tests:
 * ovs-testcontroller and osken-manager, each listening on a free loopback
 * TCP port.  A controller is spawned asynchronously (never spawnSync, so
 * the test's event loop, and with it connmgr, keeps running), its
 * readiness is probed with `ovs-ofctl probe` (an OpenFlow ECHO round trip)
 * and it is killed when the test ends or, failing that, when this process
 * exits.  Nothing here knows about connmgr; test/e2e/ puts the pieces
 * together.
 */

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freeLoopbackPort } from './loopback.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether ovs-testcontroller and ovs-ofctl are installed (Debian openvswitch-testcontroller, openvswitch-common). */
export const hasTestController = ['/usr/bin/ovs-testcontroller', '/usr/bin/ovs-ofctl'].every((p) => existsSync(p));
/** Whether osken-manager (Debian python3-os-ken, run by /usr/bin/python3) is installed. */
export const hasOskenManager = existsSync('/usr/bin/osken-manager') && existsSync('/usr/bin/python3');

/** ovs-ofctl's -O name of OpenFlow wire version 'version'. */
export function ofctlProtocol(version: number): string {
  const names: Record<number, string> = { 1: 'OpenFlow10', 2: 'OpenFlow11', 3: 'OpenFlow12', 4: 'OpenFlow13', 5: 'OpenFlow14', 6: 'OpenFlow15' };
  const name = names[version];
  if (!name) throw new RangeError(`no OpenFlow version ${version}`);
  return name;
}

export { freeLoopbackPort };

/** Every controller still running, killed if this process exits before the test stops them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A running controller process. */
export class ControllerProcess {
  /** Everything it wrote to standard output and error, for failure messages. */
  output = '';
  private exited: Promise<void>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly name: string,
    /** Its listening port on 127.0.0.1. */
    readonly port: number,
    /** Its temporary directory (unixctl socket, flow files); removed by stop(). */
    readonly dir: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    child.stdout?.on('data', (b: Buffer) => this.append(b));
    child.stderr?.on('data', (b: Buffer) => this.append(b));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        this.exitCode = code;
        running.delete(child);
        resolve();
      });
      child.on('error', (e) => {
        this.output += `spawn failed: ${e.message}\n`;
        this.exitCode = -1;
        running.delete(child);
        resolve();
      });
    });
  }

  private append(b: Buffer): void {
    if (this.output.length < 64_000) this.output += b.toString('utf8');
  }

  /**
   * Starts `ovs-testcontroller -O <version> ptcp:PORT:127.0.0.1` with its
   * unixctl socket in a new temporary directory and console logging off.
   * 'flows' (ovs-ofctl add-flow syntax, one a line) are given with
   * --with-flows: the controller installs them on every switch that
   * connects.  Resolves once the controller answers `ovs-ofctl probe`;
   * rejects (after stopping it) if it does not within 'readyMs'.
   */
  static async testController(version: number, flows: readonly string[] = [], readyMs = 5000): Promise<ControllerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-tc-'));
    const port = await freeLoopbackPort();
    const args = ['-O', ofctlProtocol(version), '-vconsole:off', '-vsyslog:off', `--unixctl=${join(dir, 'tc.ctl')}`];
    if (flows.length > 0) {
      writeFileSync(join(dir, 'flows.txt'), flows.join('\n') + '\n');
      args.push('--with-flows', join(dir, 'flows.txt'));
    }
    args.push(`ptcp:${port}:127.0.0.1`);
    const child = spawn('ovs-testcontroller', args, {
      cwd: dir, env: { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const c = new ControllerProcess('ovs-testcontroller', port, dir, child);
    await c.waitReady(version, readyMs);
    return c;
  }

  /**
   * Starts `osken-manager --ofp-listen-host 127.0.0.1 --ofp-tcp-listen-port
   * PORT APP` (os-ken apps speak the versions they declare; 'version' is
   * what the readiness probe uses; 'env' is added to the app's
   * environment).  Resolves once it answers `ovs-ofctl probe`; rejects
   * (after stopping it) if not within 'readyMs'.
   */
  static async osken(app: string, version: number, env: Readonly<Record<string, string>> = {}, readyMs = 10_000): Promise<ControllerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-osken-'));
    const port = await freeLoopbackPort();
    const child = spawn('/usr/bin/python3', ['/usr/bin/osken-manager', '--ofp-listen-host', '127.0.0.1',
      '--ofp-tcp-listen-port', String(port), '--nouse-syslog', app], {
      cwd: dir, env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const c = new ControllerProcess('osken-manager', port, dir, child);
    await c.waitReady(version, readyMs);
    return c;
  }

  /** The controller's target as a switch configures it. */
  get target(): string {
    return `tcp:127.0.0.1:${this.port}`;
  }

  /** Probes until an ECHO round trip succeeds; stops the process and throws after 'ms'. */
  private async waitReady(version: number, ms: number): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      if (this.exitCode !== undefined) {
        await this.stop();
        throw new Error(`${this.name} exited (${this.exitCode}) before listening:\n${this.output}`);
      }
      if (await probe(version, this.port)) return;
      if (Date.now() > end) {
        await this.stop();
        throw new Error(`${this.name} did not answer on port ${this.port} within ${ms} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 2 s) and removes its directory. */
  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One `ovs-ofctl -O <version> probe` of the controller on 'port': resolves true when it answered. */
function probe(version: number, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('ovs-ofctl', ['-O', ofctlProtocol(version), '-t', '2', '-vconsole:off', 'probe', `tcp:127.0.0.1:${port}`],
      { timeout: 3000 }, (err) => resolve(err === null));
  });
}
