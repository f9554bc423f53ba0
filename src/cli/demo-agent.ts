/**
 * The reference agent that `serve --demo` starts beside the service: the
 * same `ofconnmgr agent` a user would run, as a child process attached
 * over the real Attach stream (not an in-process switch), so that the
 * demo shows the architecture as deployed.  Its output lines reach
 * serve's output prefixed with "agent: "; it is stopped (SIGTERM, then
 * SIGKILL after a grace period) when serve stops.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How long stop() waits for the agent to end its stream and exit before killing it, ms. */
const STOP_GRACE_MS = 3000;

/** This command's own entry point, compiled (dist/cli/main.js) or run from source by tsx (src/cli/main.ts). */
function ownEntryPoint(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url));
}

/** A running demo agent. */
export class DemoAgent {
  private readonly exited: Promise<void>;
  private running = true;

  private constructor(private readonly child: ChildProcess, out: (line: string) => void) {
    let pending = '';
    const relay = (chunk: Buffer): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) if (l !== '') out(`agent: ${l.replace(/^ofconnmgr agent: /, '')}`);
    };
    child.stdout!.on('data', relay);
    child.stderr!.on('data', relay);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.running = false;
        if (pending !== '') out(`agent: ${pending}`);
        if (code !== 0 && signal !== 'SIGTERM') out(`agent: exited (${code ?? signal})`);
        resolve();
      });
    });
  }

  /**
   * Starts `ofconnmgr agent --server 'server' --bridge 'bridge' --control
   * 'control'` with this process's Node.js and its options (so a tsx or
   * telemetry --import carries over).  Its lines go to 'out'.
   */
  static start(server: string, bridge: string, control: string, out: (line: string) => void): DemoAgent {
    const child = spawn(
      process.execPath,
      [...process.execArgv, ownEntryPoint(), 'agent', '--server', server, '--bridge', bridge, '--control', control],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return new DemoAgent(child, out);
  }

  /** The agent's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops the agent (SIGTERM: it half-closes its stream); resolves once it has exited. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
