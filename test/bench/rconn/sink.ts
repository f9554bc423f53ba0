/**
 * A byte sink for the throughput benchmark, run as its own process:
 * listens on 127.0.0.1 (port printed as "port N"), reads and discards
 * everything from each connection, counting bytes, and prints
 * "bytes N" when the connection ends.  The first 8 bytes the ofconnmgr
 * side sends on an OpenFlow connection are its HELLO; the sink answers
 * with an OF1.3 HELLO when told to (argument "openflow").
 */

import { createServer } from 'node:net';

const openflow = process.argv[2] === 'openflow';
const server = createServer((sock) => {
  let bytes = 0;
  if (openflow) sock.write(Buffer.from('0400000800000000', 'hex'));
  sock.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  sock.on('end', () => {
    process.stdout.write(`bytes ${bytes}\n`);
    sock.end();
  });
  sock.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
