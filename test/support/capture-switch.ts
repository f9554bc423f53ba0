// A stand-in switch for tests: it listens on a loopback port, lets
// `ovs-ofctl add-flows` (or another command, say dump-flows) connect,
// answers HELLO, ECHO and BARRIER, refuses statistics requests, and
// records every other message ovs-ofctl sends (the statistics requests
// too, when asked), so tests can decode what Open vSwitch itself encodes.
// Bounded: one connection, a 10 s limit.

import { execFile } from 'node:child_process';
import { createServer, type Socket } from 'node:net';

const OFPT_HELLO = 0;
const OFPT_ECHO_REQUEST = 2;

/** BARRIER_REQUEST -> BARRIER_REPLY types per version (1.0: 18/19, 1.1+: 20/21). */
function barrierReply(version: number, type: number): number | undefined {
  if (version === 1) return type === 18 ? 19 : undefined;
  return type === 20 ? 21 : undefined;
}

function reply(sock: Socket, version: number, type: number, xid: number, body: Uint8Array = new Uint8Array(0)): void {
  const h = Buffer.alloc(8);
  h[0] = version;
  h[1] = type;
  h.writeUInt16BE(8 + body.length, 2);
  h.writeUInt32BE(xid, 4);
  sock.write(Buffer.concat([h, body]));
}

/**
 * Listens on a loopback port as a switch of wire 'version' for one
 * ovs-ofctl run: 'run' gets the target and must resolve when ovs-ofctl
 * has finished.  Returns the messages it sent after HELLO (barriers and
 * echoes excluded), each a whole message.  Stats/multipart requests are
 * answered with an error (OFPBRC_BAD_STAT) and kept only if 'keepStats'.
 */
async function capture(version: number, keepStats: boolean, run: (target: string, got: Buffer[]) => Promise<void>): Promise<Buffer[]> {
  const got: Buffer[] = [];
  const server = createServer();
  server.on('connection', (sock) => {
    reply(sock, version, OFPT_HELLO, 0);
    let buf = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 8) {
        const len = buf.readUInt16BE(2);
        if (len < 8 || buf.length < len) break;
        const msg = buf.subarray(0, len);
        buf = buf.subarray(len);
        const type = msg[1]!;
        const xid = msg.readUInt32BE(4);
        const barrier = barrierReply(msg[0]!, type);
        if (type === OFPT_HELLO) continue;
        const statsRequest = msg[0] === 1 ? 16 : 18;
        if (type === OFPT_ECHO_REQUEST) {
          reply(sock, msg[0]!, 3, xid, msg.subarray(8));
        } else if (type === statsRequest) {
          // A stats/multipart request (table features, ...): refused, OFPBRC_BAD_STAT / BAD_MULTIPART.
          if (keepStats) got.push(Buffer.from(msg));
          reply(sock, msg[0]!, 1, xid, Buffer.concat([Buffer.from([0, 1, 0, 2]), msg.subarray(0, 64)]));
        } else if (barrier !== undefined) {
          reply(sock, msg[0]!, barrier, xid);
        } else {
          got.push(Buffer.from(msg));
        }
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    await run(`tcp:127.0.0.1:${port}`, got);
  } finally {
    server.close();
  }
  return got;
}

/**
 * Runs `ovs-ofctl -O 'protocol' [extra] add-flows tcp:127.0.0.1:PORT -`
 * with 'flows' (one per line) on stdin against a switch that speaks wire
 * version 'version', and returns the messages it sent after HELLO
 * (barriers excluded), each a whole message.
 */
export async function captureOvsOfctl(version: number, protocol: string, flows: readonly string[],
  extra: readonly string[] = []): Promise<Buffer[]> {
  return capture(version, false, (target, got) => new Promise<void>((resolve, reject) => {
    const child = execFile('ovs-ofctl', ['-O', protocol, '--no-names', ...extra, 'add-flows', target, '-'],
      { timeout: 10_000 }, (err, _stdout, stderr) => (err ? reject(new Error(`${err.message} (code ${String(err.code)}, signal ${String(err.signal)}): ${stderr}; got ${got.map((m) => m.toString("hex")).join(" ")}`)) : resolve()));
    child.stdin!.end(flows.join('\n') + '\n');
  }));
}

/**
 * Runs `ovs-ofctl -O 'protocol' COMMAND tcp:127.0.0.1:PORT [args]` (say
 * dump-flows with a filter) against a switch of wire 'version' that
 * refuses every statistics request, and returns what ovs-ofctl sent after
 * HELLO (barriers excluded), the statistics requests included.  ovs-ofctl
 * reports the refusal; its exit status is not checked.
 */
export async function captureOvsOfctlRequest(version: number, protocol: string, command: string,
  args: readonly string[] = []): Promise<Buffer[]> {
  return capture(version, true, (target) => new Promise<void>((resolve) => {
    execFile('ovs-ofctl', ['-O', protocol, '--no-names', command, target, ...args], { timeout: 10_000 }, () => resolve());
  }));
}
