/**
 * ofconnmgr's own commands (`serve`, `agent`, `ctl`) as real child
 * processes for end-to-end tests: spawned asynchronously with
 * `node --import tsx src/cli/main.ts ...` (so the test's event loop keeps
 * running), their output collected line by line so a test can wait for a
 * line, signalled and awaited, and killed when the test process exits if
 * a test left one behind.  Nothing here knows what the commands do;
 * test/e2e/ puts them together with the real OpenFlow peers.
 */

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Every child still running, killed if this process exits before the test stops them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A running `ofconnmgr` command. */
export class CliProcess {
  /** Everything it wrote, standard output and error interleaved, for failure messages. */
  output = '';
  /** Its exit code (or the signal's name) once it has exited. */
  exitStatus: number | string | undefined;
  private readonly exited: Promise<void>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly args: readonly string[], private readonly child: ChildProcess) {
    running.add(child);
    const append = (b: Buffer): void => {
      this.output += b.toString();
      for (const w of [...this.waiters]) w();
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitStatus = code ?? signal ?? 'unknown';
        running.delete(child);
        for (const w of [...this.waiters]) w();
        resolve();
      });
    });
  }

  /** Starts `ofconnmgr ARGS...` with 'env' added to this process's environment. */
  static start(args: readonly string[], env: Record<string, string> = {}): CliProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    return new CliProcess(args, child);
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Resolves with the first match of 'pattern' in the output (seen so far
   * or still to come); rejects after 'timeoutMs', or at once if the
   * process exits without printing it, quoting what it did print.
   */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = pattern.exec(this.output);
        if (m) {
          done();
          resolve(m);
          return true;
        }
        if (this.exitStatus !== undefined) {
          done();
          reject(new Error(`ofconnmgr ${this.args.join(' ')} exited (${this.exitStatus}) without printing ${pattern}:\n${this.output}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} from ofconnmgr ${this.args.join(' ')}:\n${this.output}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** Sends 'signal' and resolves with the exit status once it has exited (SIGKILL after 'graceMs'). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<number | string> {
    if (this.exitStatus === undefined) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exitStatus!;
  }
}

/** Runs `ofconnmgr ARGS...` to completion: its exit status, standard output and standard error. */
export function runCli(args: readonly string[], timeoutMs = 30_000): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end();
  });
}
