/**
 * The unix: and punix: providers (Open vSwitch's lib/stream-unix.c):
 * unix-domain stream sockets.  They need no inactivity probes (§1.1.3,
 * §1.3.6) and have no IP header, so no DSCP.  Relative paths are resolved
 * against OpenOptions/ListenOptions.runDir (Open vSwitch: its run
 * directory).  punix: removes a stale socket file left by a process that
 * died, refuses to steal a path another process is listening on, listens
 * with backlog 64 and removes its socket file when closed (§3.4).  Node
 * does not report the bound name of a unix peer, so every accepted peer is
 * named `unix#N`, N counting from 0 in this process.
 */

import { lstat, stat, unlink } from 'node:fs/promises';
import { Server, Socket, createConnection } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { DEFAULT_BACKLOG, abortError } from './inet-socket.js';
import { ServerListener } from './socket-listener.js';
import { SocketStream } from './socket-stream.js';
import { ConnectError, errnoOf } from './stream-error.js';
import type { ActiveProvider, PassiveProvider, StreamStatus } from './stream.js';

/** Longest socket path the kernel takes (sizeof sun_path - 1 on Linux). */
export const UNIX_PATH_MAX = 107;

const UNIX_STATUS: StreamStatus = { localName: '', dscp: null, dscpApplied: false };

/** Counter behind the `unix#N` names of accepted peers. */
let nextPeerNumber = 0;

/** Resolves 'path' against 'runDir' and checks its length; throws ConnectError (ENAMETOOLONG). */
function socketPath(targetText: string, path: string, runDir: string | undefined): string {
  const full = resolvePath(runDir ?? process.cwd(), path);
  const bytes = Buffer.byteLength(full);
  if (bytes > UNIX_PATH_MAX) {
    throw new ConnectError('ENAMETOOLONG', targetText, `socket path ${full} is ${bytes} bytes long; the limit is ${UNIX_PATH_MAX}`);
  }
  return full;
}

/** Connects to the unix socket at 'path'; rejects with ConnectError. */
function connectUnix(targetText: string, path: string, signal: AbortSignal | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(targetText, signal));
      return;
    }
    const socket = createConnection({ path });
    const cleanup = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (e: unknown): void => {
      cleanup();
      socket.destroy();
      const { code, detail } = errnoOf(e);
      reject(new ConnectError(code, targetText, `connecting to ${path}: ${detail}`, { cause: e }));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(abortError(targetText, signal!));
    };
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Makes 'path' free for a new listener: nothing there is fine; a socket
 * nobody listens on any more (connecting is refused) is removed; a socket
 * someone listens on is EADDRINUSE; any other kind of file is EEXIST.
 */
async function clearStaleSocket(targetText: string, path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (e) {
    const { code, detail } = errnoOf(e);
    if (code === 'ENOENT') return;
    throw new ConnectError(code, targetText, detail, { cause: e });
  }
  if (!info.isSocket()) {
    throw new ConnectError('EEXIST', targetText, `${path} exists and is not a socket; not removing it`);
  }
  try {
    const probe = await connectUnix(targetText, path, undefined);
    probe.destroy();
    throw new ConnectError('EADDRINUSE', targetText, `another process is listening on ${path}`);
  } catch (e) {
    if (ConnectError.is(e) && e.code === 'EADDRINUSE') throw e;
  }
  try {
    await unlink(path);
  } catch (e) {
    const { code, detail } = errnoOf(e);
    if (code !== 'ENOENT') throw new ConnectError(code, targetText, `removing stale socket ${path}: ${detail}`, { cause: e });
  }
}

export const unixProvider: ActiveProvider<'unix'> = {
  kind: 'active',
  prefix: 'unix',
  needsProbes: false,
  async open(target, options) {
    const path = socketPath(target.text, target.path, options.runDir);
    const socket = await connectUnix(target.text, path, options.signal);
    return new SocketStream(socket, { name: target.text, peerName: path, needsProbes: false, status: UNIX_STATUS });
  },
};

export const punixProvider: PassiveProvider<'punix'> = {
  kind: 'passive',
  prefix: 'punix',
  needsProbes: false,
  async listen(target, options) {
    const path = socketPath(target.text, target.path, options.runDir);
    await clearStaleSocket(target.text, path);
    let listener: ServerListener | null = null;
    const server = new Server();
    server.on('connection', (socket: Socket) => {
      if (listener?.closed) {
        socket.destroy();
        return;
      }
      const name = `unix#${nextPeerNumber++}`;
      options.onAccept(new SocketStream(socket, { name, peerName: name, needsProbes: false, status: UNIX_STATUS }));
    });
    let listening = false;
    await new Promise<void>((resolve, reject) => {
      server.on('error', (e: unknown) => {
        const { code, detail } = errnoOf(e);
        if (!listening) {
          reject(new ConnectError(code, target.text, `binding ${path}: ${detail}`, { cause: e }));
        } else if (!listener?.closed) {
          options.onAcceptError?.(new ConnectError(code, target.text, `accept: ${detail}`, { cause: e }));
        }
      });
      server.listen({ path, backlog: options.backlog ?? DEFAULT_BACKLOG }, () => {
        listening = true;
        resolve();
      });
    });
    const ino = await stat(path).then(
      (s) => s.ino,
      () => null,
    );
    listener = new ServerListener(server, {
      name: target.text,
      port: null,
      needsProbes: false,
      afterClose: async () => {
        // libuv removes the file itself; remove it here only if it is still ours.
        const now = await stat(path).catch(() => null);
        if (now && ino !== null && now.ino === ino) await unlink(path).catch(() => undefined);
      },
    });
    return listener;
  },
};
