/**
 * ServerListener: the one Listener implementation, over a listening Node
 * net.Server, in the way Open vSwitch's new_fd_pstream() serves ptcp and
 * punix.  The passive providers (tcp.ts, tls.ts, unix.ts) bind the server
 * and decide how accepted sockets become Streams; this file owns the
 * listener's name, its closing, and the rule that nothing is delivered
 * after close().
 */

import type { Server } from 'node:net';
import type { Listener } from './stream.js';

/** What a provider tells a ServerListener about its server. */
export interface ServerListenerInit {
  readonly name: string;
  readonly port: number | null;
  readonly needsProbes: boolean;
  /** Runs after the server stopped listening (punix: removes the socket file); must not throw. */
  readonly afterClose?: () => Promise<void>;
}

export class ServerListener implements Listener {
  readonly name: string;
  readonly port: number | null;
  readonly needsProbes: boolean;

  private readonly server: Server;
  private readonly afterClose: (() => Promise<void>) | undefined;
  /** Set by close(); the promise every later close() returns. */
  private closing: Promise<void> | null = null;

  /** Takes ownership of 'server', which must be listening. */
  constructor(server: Server, init: ServerListenerInit) {
    this.server = server;
    this.name = init.name;
    this.port = init.port;
    this.needsProbes = init.needsProbes;
    this.afterClose = init.afterClose;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /**
   * See Listener.close().  Node's server.close() releases the listening
   * socket at once but reports completion only when every connection it
   * ever accepted is gone; those belong to their owners now, so this
   * resolves once the listening socket itself is released.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = new Promise<void>((resolve) => {
        this.server.removeAllListeners('connection');
        this.server.close();
        setImmediate(resolve);
      }).then(async () => {
        try {
          await this.afterClose?.();
        } catch {
          // Contract: close() never rejects.
        }
      });
    }
    return this.closing;
  }
}
