/**
 * Test helpers for transport streams: collect what a Stream delivers, wait
 * for its terminal event, and queue what a Listener accepts, each with a
 * deadline so that a broken stream fails the test instead of hanging it.
 */

import type { ConnectError, Stream, StreamError } from '../../src/transport/index.js';

/** Rejects after 'ms' with 'what' in the message unless 'p' settles first. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** Everything a stream delivered, and how it ended. */
export class StreamRecorder {
  readonly chunks: Buffer[] = [];
  ending: { kind: 'end' } | { kind: 'error'; error: StreamError } | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly stream: Stream) {
    stream.on('data', (chunk) => {
      this.chunks.push(chunk);
      this.wake();
    });
    stream.on('end', () => {
      this.ending = { kind: 'end' };
      this.wake();
    });
    stream.on('error', (error) => {
      this.ending = { kind: 'error', error };
      this.wake();
    });
  }

  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Resolves with the first 'n' bytes once they arrived. */
  async bytes(n: number, ms = 5000): Promise<Buffer> {
    await this.until(() => this.received.length >= n || this.ending !== null, ms, `${n} bytes on ${this.stream.name}`);
    if (this.received.length < n) throw new Error(`${this.stream.name} ended after ${this.received.length} of ${n} bytes`);
    return this.received.subarray(0, n);
  }

  /** Resolves with how the stream ended. */
  async ended(ms = 5000): Promise<NonNullable<StreamRecorder['ending']>> {
    await this.until(() => this.ending !== null, ms, `the end of ${this.stream.name}`);
    return this.ending!;
  }

  private until(done: () => boolean, ms: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return within(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (done()) resolve();
          else this.waiters.push(check);
        };
        this.waiters.push(check);
      }),
      ms,
      what,
    );
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Collects what a listener accepts or refuses; pass its methods as ListenOptions. */
export class AcceptQueue {
  readonly streams: Stream[] = [];
  readonly errors: ConnectError[] = [];
  private waiters: Array<() => void> = [];

  readonly onAccept = (stream: Stream): void => {
    this.streams.push(stream);
    this.wake();
  };

  readonly onAcceptError = (error: ConnectError): void => {
    this.errors.push(error);
    this.wake();
  };

  /** Resolves with the next accepted stream (in arrival order). */
  async next(ms = 5000): Promise<Stream> {
    await this.until(() => this.streams.length > this.taken, ms, 'an accepted stream');
    return this.streams[this.taken++]!;
  }

  /** Resolves with the next refused connection. */
  async nextError(ms = 5000): Promise<ConnectError> {
    await this.until(() => this.errors.length > this.errorsTaken, ms, 'an accept error');
    return this.errors[this.errorsTaken++]!;
  }

  private taken = 0;
  private errorsTaken = 0;

  private until(done: () => boolean, ms: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return within(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (done()) resolve();
          else this.waiters.push(check);
        };
        this.waiters.push(check);
      }),
      ms,
      what,
    );
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Waits 'ms' of real time; only for checking that something does NOT happen. */
export function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
