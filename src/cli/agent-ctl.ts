/**
 * `ofconnmgr agent-ctl --control PATH COMMAND [ARGS...]`: sends one
 * command to a running agent's control socket (agent.ts opens it; the
 * commands are src/agentclient/control-commands.ts's) and prints the
 * answer's data lines on standard output.  An "error: ..." answer, or a
 * socket that cannot be reached, is one line on standard error and exit
 * status 1.  The same exchange works from any program that can write a
 * line to a unix socket and read lines back until "ok" or "error: ...".
 */

import { controlRequest } from '../agentclient/index.js';

/** Output channels of the command, so tests can capture them. */
export interface AgentCtlIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = 'usage: ofconnmgr agent-ctl --control PATH COMMAND [ARGS...] (commands: ofconnmgr agent-ctl --control PATH help)';

/** Runs `agent-ctl` with 'args'; resolves to the exit status (0, or 1 with one line on 'err'). */
export async function agentCtl(args: readonly string[], io: AgentCtlIo): Promise<number> {
  let path: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (words.length === 0 && (a === '--control' || a.startsWith('--control='))) path = a === '--control' ? args[++i] : a.slice('--control='.length);
    else if (words.length === 0 && a.startsWith('--')) {
      io.err(`ofconnmgr agent-ctl: unknown option "${a}" (${USAGE})`);
      return 1;
    } else words.push(a);
  }
  if (!path || words.length === 0) {
    io.err(`ofconnmgr agent-ctl: ${!path ? '--control PATH is required' : 'missing COMMAND'} (${USAGE})`);
    return 1;
  }
  try {
    const reply = await controlRequest(path, words.join(' '));
    for (const l of reply.lines) io.out(l);
    if (reply.error !== undefined) {
      io.err(`ofconnmgr agent-ctl: ${words[0]}: ${reply.error}`);
      return 1;
    }
    return 0;
  } catch (e) {
    io.err(`ofconnmgr agent-ctl: cannot talk to the agent at ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
