/**
 * Small helpers for tests that use real loopback sockets: a free port, and
 * waiting (in real time, polling the event loop) for a condition.
 */

import { createServer } from 'node:net';

/**
 * Resolves with a TCP port on 127.0.0.1 that was free a moment ago (the
 * kernel chose it for a listener that is closed again before resolving).
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits (real time, polling the event loop) until 'pred' holds; throws after 'ms'. */
export async function until(pred: () => boolean, what: string | (() => string), ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
