/**
 * The controller end of the packet-in benchmark, run as its own process
 * so that its work does not share the measured process's event loop.
 * Listens on 127.0.0.1 (prints "port N").  On each connection it speaks
 * just enough OpenFlow 1.3 for a switch to send it packet-ins: a HELLO,
 * SET_CONFIG with miss_send_len 0xffff (whole packets), a BARRIER_REQUEST
 * (prints "ready ID" when its reply comes back, so the SET_CONFIG has been
 * applied), and ECHO_REPLY to every ECHO_REQUEST.  It counts the
 * OFPT_PACKET_IN messages and bytes of each connection and, when the
 * connection ends, prints "conn ID pins N bytes B ms T", where T is the
 * time from the first packet-in to the last.  Ends when its stdin ends.
 */

import { createServer } from 'node:net';

const OFPT_ECHO_REQUEST = 2;
const OFPT_PACKET_IN = 10;
const OFPT_BARRIER_REPLY = 21;
const BARRIER_XID = 0x5e7c0f16;

let nextId = 1;
const server = createServer((sock) => {
  const id = nextId++;
  let pins = 0;
  let pinBytes = 0;
  let first = 0n;
  let last = 0n;
  let pending: Buffer = Buffer.alloc(0);
  sock.setNoDelay(true);
  sock.write(Buffer.concat([
    Buffer.from('0400000800000001', 'hex'),
    // OFPT_SET_CONFIG: flags 0 (frag normal), miss_send_len 0xffff.
    Buffer.from('0409000c000000020000ffff', 'hex'),
    Buffer.from(`04140008${BARRIER_XID.toString(16)}`, 'hex'),
  ]));
  sock.on('data', (chunk: Buffer) => {
    const buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let off = 0;
    while (buf.length - off >= 8) {
      const len = buf.readUInt16BE(off + 2);
      if (len < 8) {
        sock.destroy();
        return;
      }
      if (buf.length - off < len) break;
      const type = buf[off + 1]!;
      if (type === OFPT_PACKET_IN) {
        if (pins === 0) first = process.hrtime.bigint();
        pins++;
        pinBytes += len;
        last = process.hrtime.bigint();
      } else if (type === OFPT_ECHO_REQUEST) {
        const reply = Buffer.from(buf.subarray(off, off + len));
        reply[1] = 3;
        sock.write(reply);
      } else if (type === OFPT_BARRIER_REPLY && buf.readUInt32BE(off + 4) === BARRIER_XID) {
        process.stdout.write(`ready ${id}\n`);
      }
      off += len;
    }
    pending = off < buf.length ? Buffer.from(buf.subarray(off)) : Buffer.alloc(0);
  });
  const report = (): void => {
    process.stdout.write(`conn ${id} pins ${pins} bytes ${pinBytes} ms ${Number(last - first) / 1e6}\n`);
  };
  sock.once('close', report);
  sock.on('end', () => sock.end());
  sock.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
