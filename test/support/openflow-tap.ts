/**
 * A loopback TCP relay between a switch and an OpenFlow controller that
 * records, decoded, every message crossing it in either direction, so an
 * end-to-end test can say what the controller actually received (for
 * example the buffer ids of its packet-ins) and what it answered, without
 * asking the switch side.  Bytes are relayed unchanged; recording splits
 * the stream at OpenFlow header lengths and decodes with the project's
 * codec (a message it cannot decode is recorded as null).
 */

import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { decode, type OfpMessage } from '../../src/openflow/index.js';

/** One recorded message: 'toController' is true for switch → controller. */
export interface TappedMessage {
  readonly toController: boolean;
  readonly msg: OfpMessage | null;
}

/** Splits a byte stream into OpenFlow frames (8-byte header, 16-bit length at offset 2). */
class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const len = this.pending.readUInt16BE(2);
      if (len < 8 || this.pending.length < len) break;
      this.onFrame(this.pending.subarray(0, len));
      this.pending = this.pending.subarray(len);
    }
  }
}

/** The relay: listen() on a free loopback port, pointing at the controller on 'controllerPort'. */
export class OpenFlowTap {
  /** Every message seen, in the order each direction delivered it. */
  readonly messages: TappedMessage[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  /**
   * Resolves with a relay listening on 127.0.0.1 (a kernel-chosen port)
   * that connects each accepted switch connection to 127.0.0.1:'controllerPort'.
   */
  static async listen(controllerPort: number): Promise<OpenFlowTap> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const tap = new OpenFlowTap(server, (server.address() as { port: number }).port);
    server.on('connection', (sw) => tap.relay(sw, controllerPort));
    return tap;
  }

  /** The target a switch configures to reach the controller through the relay. */
  get target(): string {
    return `tcp:127.0.0.1:${this.port}`;
  }

  /** The messages of type 'type' that went in the given direction. */
  sent<T extends OfpMessage['type']>(type: T, toController: boolean): Extract<OfpMessage, { type: T }>[] {
    return this.messages
      .filter((m) => m.toController === toController && m.msg?.type === type)
      .map((m) => m.msg as Extract<OfpMessage, { type: T }>);
  }

  /** Closes the listener and every relayed connection. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(sw: Socket, controllerPort: number): void {
    const ctl = createConnection({ host: '127.0.0.1', port: controllerPort });
    for (const s of [sw, ctl]) {
      this.sockets.add(s);
      s.setNoDelay(true);
      s.on('error', () => { sw.destroy(); ctl.destroy(); });
      s.on('close', () => { this.sockets.delete(s); sw.destroy(); ctl.destroy(); });
    }
    const record = (toController: boolean) => new FrameSplitter((frame) => {
      let msg: OfpMessage | null = null;
      try {
        msg = decode(frame);
      } catch {
        msg = null;
      }
      this.messages.push({ toController, msg });
    });
    const up = record(true);
    const down = record(false);
    sw.on('data', (b: Buffer) => { up.push(b); ctl.write(b); });
    ctl.on('data', (b: Buffer) => { down.push(b); sw.write(b); });
  }
}
