/**
 * A tiny raw OpenFlow client for tests: connects to a listener over a real
 * loopback socket (node:net, nothing from src/transport), says HELLO in one
 * version, sends raw messages (hex strings as in Open vSwitch's tests, or
 * bytes) and collects what comes back, decoded with our codec and also
 * kept as bytes.  barrier() is `ovs-appctl ofctl/barrier` for tests: it
 * returns every message received before the barrier's reply.
 */

import { connect, createServer, type Server, type Socket } from 'node:net';
import { decode, FrameDecoder, OfpCodecError, type OfpMessage } from '../../src/openflow/index.js';
import { within } from './stream-harness.js';

/** One message received: its bytes and its decoded form (or the decode error). */
export interface Received {
  readonly frame: Buffer;
  readonly msg: OfpMessage | OfpCodecError;
}

/** Barrier request type per version: 18 in OF1.0, 20 later. */
function barrierType(version: number): number {
  return version === 1 ? 18 : 20;
}

export class OfClient {
  readonly received: Received[] = [];
  /** Messages already returned by next()/barrier()/drain(). */
  private taken = 0;
  private closedFlag = false;
  private waiters: Array<() => void> = [];
  private nextXid = 0x7f000000;
  /** Answer the peer's ECHO_REQUESTs (inactivity probes) and keep them out of 'received'. */
  answerEcho = true;

  private constructor(
    private readonly sock: Socket,
    /** The version this client speaks (its HELLO's). */
    readonly version: number,
  ) {
    const frames = new FrameDecoder();
    sock.on('data', (chunk: Buffer) => {
      for (const f of frames.push(chunk)) {
        const frame = Buffer.from(f);
        let msg: OfpMessage | OfpCodecError;
        try {
          msg = decode(frame);
        } catch (e) {
          if (!OfpCodecError.is(e)) throw e;
          msg = e;
        }
        if (!OfpCodecError.is(msg) && msg.type === 'echo_request' && this.answerEcho) {
          // The switch's inactivity probe: answered, never returned.
          this.send(Buffer.concat([Buffer.from([frame[0]!, 3]), frame.subarray(2)]));
          continue;
        }
        this.received.push({ frame, msg });
      }
      this.wake();
    });
    sock.on('close', () => {
      this.closedFlag = true;
      this.wake();
    });
    sock.on('error', () => undefined);
  }

  /**
   * Connects to 127.0.0.1:'port' (or unix socket 'path'), sends HELLO of
   * 'version' (no bitmap), and resolves once the switch's HELLO arrived.
   */
  static async connect(where: number | string, version: number): Promise<OfClient> {
    const sock = typeof where === 'number' ? connect(where, '127.0.0.1') : connect(where);
    await within(new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('error', reject);
    }), 5000, 'the connection');
    return OfClient.handshake(sock, version);
  }

  /** Says HELLO of 'version' on connected 'sock' and resolves once the peer's HELLO arrived. */
  static async handshake(sock: Socket, version: number): Promise<OfClient> {
    const c = new OfClient(sock, version);
    c.sendHex(`${version.toString(16).padStart(2, '0')}00000800000000`);
    const hello = await c.next(2000);
    if (OfpCodecError.is(hello.msg) || hello.msg.type !== 'hello') throw new Error('expected HELLO first');
    return c;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Sends raw bytes. */
  send(bytes: Uint8Array): void {
    this.sock.write(bytes);
  }

  /** Sends a message written in hex (spaces allowed), as Open vSwitch's tests do. */
  sendHex(hex: string): void {
    this.send(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
  }

  /** Resolves with the next message not yet taken (waits at most 'ms'). */
  async next(ms = 3000): Promise<Received> {
    await this.until(() => this.received.length > this.taken || this.closedFlag, ms, 'a message');
    if (this.received.length <= this.taken) throw new Error('connection closed');
    return this.received[this.taken++]!;
  }

  /**
   * Sends a BARRIER_REQUEST and resolves with every message received
   * before its reply (taking them), the reply itself excluded.
   */
  async barrier(ms = 3000): Promise<Received[]> {
    const xid = this.nextXid++;
    const h = Buffer.alloc(8);
    h[0] = this.version;
    h[1] = barrierType(this.version);
    h.writeUInt16BE(8, 2);
    h.writeUInt32BE(xid, 4);
    this.send(h);
    const isReply = (r: Received): boolean => !OfpCodecError.is(r.msg) && r.msg.type === 'barrier_reply' && r.msg.xid === xid;
    await this.until(() => this.received.slice(this.taken).some(isReply) || this.closedFlag, ms, `the barrier reply 0x${xid.toString(16)}`);
    const i = this.received.findIndex((r, k) => k >= this.taken && isReply(r));
    if (i < 0) throw new Error('connection closed before the barrier reply');
    const before = this.received.slice(this.taken, i);
    this.taken = i + 1;
    return before;
  }

  /** Messages received and not yet taken. */
  get pending(): number {
    return this.received.length - this.taken;
  }

  /** Stops reading from the socket (the peer's writes back up in the kernel) until resume(). */
  pause(): void {
    this.sock.pause();
  }

  resume(): void {
    this.sock.resume();
  }

  /** Takes every message received so far. */
  drain(): Received[] {
    const out = this.received.slice(this.taken);
    this.taken = this.received.length;
    return out;
  }

  /** Waits until the connection is closed by the other side. */
  async waitClosed(ms = 3000): Promise<void> {
    await this.until(() => this.closedFlag, ms, 'the connection to close');
  }

  close(): void {
    this.sock.destroy();
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

/**
 * A controller for connmgr's active targets to dial: a TCP server on
 * 127.0.0.1 whose accepted connections become OfClients speaking
 * 'version'.
 */
export class ControllerServer {
  readonly clients: OfClient[] = [];
  private waiters: Array<() => void> = [];
  private taken = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /**
   * Listens on 'port' (default 0: an ephemeral port; a fixed one restarts a
   * controller at the same target); each connection says HELLO in 'version'.
   */
  static async start(version: number, port = 0): Promise<ControllerServer> {
    let self: ControllerServer | null = null;
    const server = createServer((sock) => {
      sock.on('error', () => undefined);
      void OfClient.handshake(sock, version).then((c) => {
        self!.clients.push(c);
        const w = self!.waiters;
        self!.waiters = [];
        for (const f of w) f();
      }, () => sock.destroy());
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    self = new ControllerServer(server, (server.address() as { port: number }).port);
    return self;
  }

  /** The target connmgr dials: tcp:127.0.0.1:PORT. */
  get target(): string {
    return `tcp:127.0.0.1:${this.port}`;
  }

  /** Resolves with the next connection that completed its HELLO. */
  async next(ms = 3000): Promise<OfClient> {
    await within(new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.clients.length > this.taken) resolve();
        else this.waiters.push(check);
      };
      check();
    }), ms, 'a connection from the switch');
    return this.clients[this.taken++]!;
  }

  /** Closes the server and every connection. */
  async close(): Promise<void> {
    for (const c of this.clients) c.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The decoded message of 'r'; throws if it could not be decoded. */
export function msgOf(r: Received): OfpMessage {
  if (OfpCodecError.is(r.msg)) throw new Error(`undecodable message: ${r.msg.message}`);
  return r.msg;
}

/** The neutral types of 'rs', in order: a compact thing to compare. */
export function typesOf(rs: readonly Received[]): string[] {
  return rs.map((r) => (OfpCodecError.is(r.msg) ? 'invalid' : r.msg.type));
}
