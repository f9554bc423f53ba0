/**
 * Real Open vSwitch clients for tests, run as child processes without
 * blocking the event loop (our listeners must keep answering): `ovs-ofctl`
 * one-shot commands, and `ovs-ofctl monitor` (or `snoop`) sessions
 * detached in the manner of Open vSwitch's own tests (--detach, --pidfile,
 * --unixctl in a temporary directory), driven with `ovs-appctl -t CTL
 * ofctl/send HEX`, `ofctl/barrier` and `ofctl/set-output-file`.  Every
 * process started here is ended here, by its own pid.
 */

import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True if ovs-ofctl and ovs-appctl are installed. */
export const hasOvsTools = ['/usr/bin/ovs-ofctl', '/usr/bin/ovs-appctl'].every((p) => existsSync(p));

/** Environment for OVS tools: their run and log directories in 'dir', so nothing touches the system's. */
function ovsEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir };
}

/** Runs `ovs-ofctl ARGS` (10 s at most) and resolves with its standard output. */
export async function ofctl(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('ovs-ofctl', args, { env: ovsEnv(dir), timeout: 10_000 });
  return stdout;
}

/** What one `ovs-ofctl` run did: its exit status (null if killed) and output. */
export interface OfctlRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ovs-ofctl ARGS` ('timeoutMs' at most, then SIGTERM) and resolves
 * with its exit status and output, whatever the status: for commands a
 * test expects to fail, or that may take long.
 */
export function ofctlRun(dir: string, args: readonly string[], timeoutMs = 10_000): Promise<OfctlRun> {
  return new Promise((resolve) => {
    execFile('ovs-ofctl', args, { env: ovsEnv(dir), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: unknown }) | null;
      resolve({ status: e === null ? 0 : typeof e.code === 'number' ? e.code : null, stdout, stderr });
    });
  });
}

/** A detached `ovs-ofctl monitor` (or `snoop`) session. */
export class OfctlMonitor {
  private constructor(
    private readonly dir: string,
    readonly name: string,
    private readonly pid: number,
  ) {}

  /** Path of its unixctl socket. */
  get ctl(): string {
    return join(this.dir, `${this.name}.ctl`);
  }

  /** Path of the file it prints to after setOutputFile(). */
  get log(): string {
    return join(this.dir, `${this.name}.log`);
  }

  /**
   * Starts `ovs-ofctl OPTIONS monitor TARGET ARGS --detach` named 'name'
   * in 'dir'; resolves once it is connected and detached.
   */
  static start(dir: string, name: string, target: string, options: string[] = [], args: string[] = []): Promise<OfctlMonitor> {
    return OfctlMonitor.detach(dir, name, 'monitor', target, options, args);
  }

  /**
   * Starts `ovs-ofctl OPTIONS snoop TARGET --detach` named 'name' in 'dir'
   * (TARGET: a snoop listener, e.g. unix:PATH); resolves once it is
   * connected and detached.  It prints what it sees after setOutputFile().
   */
  static snoop(dir: string, name: string, target: string, options: string[] = []): Promise<OfctlMonitor> {
    return OfctlMonitor.detach(dir, name, 'snoop', target, options, []);
  }

  private static async detach(dir: string, name: string, command: 'monitor' | 'snoop', target: string, options: string[], args: string[]): Promise<OfctlMonitor> {
    const pidfile = join(dir, `${name}.pid`);
    const argv = [...options, command, target, ...args, '--detach', '--no-chdir', `--pidfile=${pidfile}`, `--unixctl=${join(dir, `${name}.ctl`)}`];
    // The daemon keeps whatever standard streams it is given: give it none,
    // and wait for the parent's exit (it exits once the daemon is ready).
    await new Promise<void>((resolve, reject) => {
      const child = spawn('ovs-ofctl', argv, { env: ovsEnv(dir), stdio: 'ignore' });
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`ovs-ofctl ${command} did not detach: ${argv.join(' ')}`));
      }, 10_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`ovs-ofctl ${command} exited with ${code}: ${argv.join(' ')}`));
      });
    });
    const pid = Number(readFileSync(pidfile, 'utf8').trim());
    return new OfctlMonitor(dir, name, pid);
  }

  /** `ovs-appctl -t CTL COMMAND ARGS`. */
  async appctl(command: string, ...args: string[]): Promise<string> {
    const { stdout } = await run('ovs-appctl', ['-t', this.ctl, command, ...args], { env: ovsEnv(this.dir), timeout: 10_000 });
    return stdout;
  }

  /** Sends one raw message, as `ofctl/send HEX`. */
  send(hex: string): Promise<string> {
    return this.appctl('ofctl/send', hex);
  }

  /** `ofctl/barrier`: resolves once the barrier reply came back. */
  barrier(): Promise<string> {
    return this.appctl('ofctl/barrier');
  }

  /** `ofctl/set-output-file LOG`: what it prints from now on goes (only) there. */
  setOutputFile(): Promise<string> {
    return this.appctl('ofctl/set-output-file', this.log);
  }

  /** What it printed to its output file so far. */
  output(): string {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8') : '';
  }

  /** Asks it to exit, then makes sure by signalling its pid. */
  async stop(): Promise<void> {
    await this.appctl('exit').catch(() => undefined);
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}
