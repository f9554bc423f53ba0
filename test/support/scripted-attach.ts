/**
 * A scripted Attach service for agent tests: a real grpc-js server of
 * ofconnmgr.v1.ConnectionManager on a loopback port whose Attach handler
 * does nothing on its own.  The test reads what the agent sends (in
 * order, with a time limit), and sends arbitrations, requests and stream
 * errors, ends streams with a status, or pauses reading, as the real
 * service (src/api) would or would not.  Other methods answer
 * UNIMPLEMENTED.
 */

import * as grpc from '@grpc/grpc-js';
import { loadApi } from '../../src/api/proto-package.js';
import type { AgentMessage__Output } from '../../src/generated/ofconnmgr/v1/AgentMessage.js';
import type { ServerMessage } from '../../src/generated/ofconnmgr/v1/ServerMessage.js';
import type { ConnectionManagerHandlers } from '../../src/generated/ofconnmgr/v1/ConnectionManager.js';

type AttachStream = grpc.ServerDuplexStream<AgentMessage__Output, ServerMessage>;

/** One Attach stream, as the service sees it. */
export class ScriptedCall {
  /** Every message received, in order. */
  readonly received: AgentMessage__Output[] = [];
  private read = 0;
  private waiters: (() => void)[] = [];
  /** The agent half-closed the stream. */
  halfClosed = false;
  /** The stream is over (finished by either side, or cancelled). */
  closed = false;

  constructor(readonly call: AttachStream) {
    call.on('data', (m: AgentMessage__Output) => {
      this.received.push(m);
      this.wake();
    });
    call.on('end', () => {
      this.halfClosed = true;
      this.wake();
    });
    call.on('cancelled', () => {
      this.closed = true;
      this.wake();
    });
    call.on('error', () => undefined);
    call.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until 'pred' holds, re-checked after each arrival; rejects after 'ms'. */
  async until(pred: () => boolean, what: string, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next message not yet taken (of body 'body' if given, skipping others); rejects after 'ms'. */
  async next(body?: AgentMessage__Output['body'], ms = 5000): Promise<AgentMessage__Output> {
    let found: AgentMessage__Output | undefined;
    await this.until(() => {
      while (this.read < this.received.length) {
        const m = this.received[this.read++]!;
        if (body === undefined || m.body === body) {
          found = m;
          return true;
        }
      }
      return false;
    }, `an agent message${body ? ` with ${body}` : ''}`, ms);
    return found!;
  }

  /** Messages received and not yet taken, taking them. */
  drain(): AgentMessage__Output[] {
    const rest = this.received.slice(this.read);
    this.read = this.received.length;
    return rest;
  }

  send(m: ServerMessage): boolean {
    return this.call.write(m);
  }

  /** Tells the agent where it stands: code 0 (primary) or 6 (ALREADY_EXISTS: backup). */
  arbitrate(code: number, primary: bigint): void {
    this.send({
      arbitration: {
        primary_election_id: { high: (primary >> 64n).toString(), low: (primary & ((1n << 64n) - 1n)).toString() },
        code,
        message: code === 0 ? 'primary' : 'backup',
      },
    });
  }

  /** Ends the stream with OK. */
  finish(): void {
    this.call.end();
  }

  /** Ends the stream with an error status. */
  fail(code: grpc.status, details: string): void {
    this.call.emit('error', { code, details });
  }
}

export class ScriptedAttachService {
  readonly calls: ScriptedCall[] = [];
  private waiters: (() => void)[] = [];

  private port = 0;

  private constructor(private readonly server: grpc.Server) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts on 127.0.0.1 ('port', default any free one), plaintext unless 'credentials' say otherwise. */
  static async start(port = 0, credentials = grpc.ServerCredentials.createInsecure()): Promise<ScriptedAttachService> {
    const server = new grpc.Server();
    const service = new ScriptedAttachService(server);
    const handlers: Partial<ConnectionManagerHandlers> = { Attach: (call) => service.accept(call) };
    server.addService(loadApi().ofconnmgr.v1.ConnectionManager.service, handlers as ConnectionManagerHandlers);
    service.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, credentials, (e, p) => (e ? reject(e) : resolve(p))),
    );
    return service;
  }

  private accept(call: AttachStream): void {
    this.calls.push(new ScriptedCall(call));
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The 'n'th Attach stream (from 0), once it is open; rejects after 'ms'. */
  async call(n: number, ms = 5000): Promise<ScriptedCall> {
    const end = Date.now() + ms;
    while (this.calls.length <= n) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for Attach stream ${n}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.calls[n]!;
  }

  /** Stops at once, cutting every stream (as a killed service would). */
  close(): void {
    this.server.forceShutdown();
  }
}
