/**
 * The agent's control socket: a unix-domain socket that carries the
 * line-oriented commands of control-commands.ts, and its client side.
 *
 * Framing: a command is one line ending in "\n"; its answer is zero or
 * more data lines and a last line "ok" or "error: MESSAGE".  Each
 * connection's commands run one at a time, in order; a connection that
 * sends faster than its commands run is paused (at most
 * MAX_QUEUED_LINES lines wait), a line longer than MAX_LINE_CHARS ends
 * the connection, and at most MAX_CONNECTIONS connections are open at
 * once, so nothing grows without bound.  Anyone who can open the socket
 * file drives the switch: it is created with the process's umask, under
 * a path the operator chose.
 */

import { connect, createServer, type Server, type Socket } from 'node:net';
import { lstat, unlink } from 'node:fs/promises';
import type { ControlAnswer } from './control-commands.js';

/** The longest command line accepted (an `inject` of the largest frame fits). */
export const MAX_LINE_CHARS = 65536;
/** Lines a connection may have waiting before it is paused. */
export const MAX_QUEUED_LINES = 16;
/** Control connections open at once. */
export const MAX_CONNECTIONS = 16;

/** Runs one command line (control-commands.ts's ControlCommands.run). */
export type ControlHandler = (line: string) => Promise<ControlAnswer>;

/** The text an answer travels as: its data lines, then "ok" or "error: MESSAGE", each ending in "\n". */
export function formatAnswer(a: ControlAnswer): string {
  const last = a.error === undefined ? 'ok' : `error: ${a.error.replace(/\n/g, ' ')}`;
  return [...a.lines, last].map((l) => l + '\n').join('');
}

/** One connection: splits lines, runs them in order, pauses the socket while too many wait. */
function serveConnection(socket: Socket, handler: ControlHandler): void {
  let buffered = '';
  const queue: string[] = [];
  let running = false;
  let closing = false;

  const runNext = async (): Promise<void> => {
    if (running) return;
    running = true;
    while (queue.length > 0 && !closing) {
      const line = queue.shift()!;
      if (queue.length < MAX_QUEUED_LINES && socket.isPaused()) socket.resume();
      let answer: ControlAnswer;
      try {
        answer = await handler(line);
      } catch (e) {
        answer = { lines: [], error: `internal error: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (socket.destroyed) return;
      socket.write(formatAnswer(answer));
      if (answer.close) {
        closing = true;
        socket.end();
      }
    }
    running = false;
  };

  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    if (closing) return;
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).replace(/\r$/, '');
      buffered = buffered.slice(nl + 1);
      if (line.trim() !== '') queue.push(line);
    }
    if (buffered.length > MAX_LINE_CHARS) {
      closing = true;
      socket.end(formatAnswer({ lines: [], error: `a line longer than ${MAX_LINE_CHARS} characters` }));
      return;
    }
    if (queue.length >= MAX_QUEUED_LINES) socket.pause();
    void runNext();
  });
  socket.on('error', () => socket.destroy());
}

/** A listening control socket. */
export class ControlServer {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** The socket file. */
    readonly path: string,
  ) {}

  /**
   * Listens on unix socket 'path', running each command line with
   * 'handler'.  A socket file left behind by a process that is gone is
   * replaced; one another process still listens on, or a file that is not
   * a socket, is not: rejects with an Error saying so (or with the listen
   * error).
   */
  static async listen(path: string, handler: ControlHandler): Promise<ControlServer> {
    const server = createServer();
    server.maxConnections = MAX_CONNECTIONS;
    const cs = new ControlServer(server, path);
    server.on('connection', (socket) => {
      cs.sockets.add(socket);
      socket.on('close', () => cs.sockets.delete(socket));
      serveConnection(socket, handler);
    });
    try {
      await listenOn(server, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      if (!(await lstat(path)).isSocket()) throw new Error(`${path} exists and is not a socket`);
      if (await someoneListens(path)) throw new Error(`another process listens on control socket ${path}`);
      await unlink(path);
      await listenOn(server, path);
    }
    return cs;
  }

  /** Stops listening, ends every connection and removes the socket file. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await unlink(this.path).catch(() => undefined);
  }
}

function listenOn(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen(path, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function someoneListens(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** What a command got back. */
export interface ControlReply {
  readonly lines: string[];
  /** undefined on "ok"; the MESSAGE of "error: MESSAGE" otherwise. */
  readonly error?: string;
}

/**
 * Sends one command line to the control socket at 'path' and resolves
 * with its answer.  Rejects if the socket cannot be reached, closes
 * before the answer's last line, or takes longer than 'timeoutMs'.
 */
export function controlRequest(path: string, line: string, timeoutMs = 10_000): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const lines: string[] = [];
    let buffered = '';
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      f();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`no answer from ${path} in ${timeoutMs} ms`))), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(line.replace(/\n/g, ' ') + '\n'));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const l = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (l === 'ok') return settle(() => resolve({ lines }));
        if (l.startsWith('error: ')) return settle(() => resolve({ lines, error: l.slice('error: '.length) }));
        lines.push(l);
      }
    });
    socket.on('error', (e) => settle(() => reject(e)));
    socket.on('close', () => settle(() => reject(new Error(`${path} closed before answering`))));
  });
}
