/**
 * The client side of the rconn benchmark, run as its own process: opens
 * COUNT OpenFlow 1.3 connections to 127.0.0.1:PORT (at most 200 connecting
 * at once), greets each with HELLO, answers ECHO requests, and keeps them
 * open until stdin closes or DEADLINE_MS passes.  Prints "connected N" once
 * all are open.  Arguments: PORT COUNT DEADLINE_MS.
 */

import { connect, type Socket } from 'node:net';

const [port, count, deadlineMs] = process.argv.slice(2).map(Number) as [number, number, number];
const HELLO = Buffer.from('0400000800000000', 'hex');
const sockets: Socket[] = [];
let open = 0;
let started = 0;

function answerEchoes(sock: Socket): void {
  let pending: Buffer = Buffer.alloc(0);
  sock.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
    while (pending.length >= 8) {
      const len = pending.readUInt16BE(2);
      if (pending.length < len) break;
      if (pending[1] === 2) {
        const reply = Buffer.from(pending.subarray(0, len));
        reply[1] = 3;
        sock.write(reply);
      }
      pending = pending.subarray(len);
    }
  });
}

function startOne(): void {
  if (started >= count) return;
  started++;
  const sock = connect(port, '127.0.0.1', () => {
    sock.write(HELLO);
    open++;
    if (open === count) process.stdout.write(`connected ${open}\n`);
    startOne();
  });
  sock.on('error', (e) => {
    process.stderr.write(`client error: ${e.message}\n`);
    process.exit(1);
  });
  answerEchoes(sock);
  sockets.push(sock);
}

for (let i = 0; i < 200; i++) startOne();
const stop = (): void => {
  for (const s of sockets) s.destroy();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, deadlineMs).unref();
