/**
 * Packet buffers (reference §6.2) as transcripts on caller time: the id
 * layout, round robin, the 5 s reuse guard, cookie wrapping and every
 * retrieve outcome.
 */

import test from 'ava';
import { NO_BUFFER } from '../../src/openflow/index.js';
import { NULL_BUFFER_ID, PacketBuffers } from '../../src/pktbuf/index.js';

const pkt = (n: number): Uint8Array => Uint8Array.from([n, n, n]);

test('§6.2.2 §6.2.3 ids: slot in the low 8 bits, cookie above it starting at 1; slots used round robin', (t) => {
  const pb = new PacketBuffers(256);
  const ids = [0, 1, 2, 255].map(() => 0);
  for (let i = 0; i < 256; i++) {
    const id = pb.save(pkt(i), 1, 0);
    if (i === 0) ids[0] = id;
    if (i === 1) ids[1] = id;
    if (i === 2) ids[2] = id;
    if (i === 255) ids[3] = id;
  }
  t.deepEqual(ids, [0x100, 0x101, 0x102, 0x1ff]);
  // Slot 0 again, 5 s later: cookie 2.
  t.is(pb.save(pkt(9), 1, 5000), 0x200);
  t.is(pb.held, 256);
});

test('§6.2.3 a slot holding a packet saved less than 5 s ago is not overwritten: NO_BUFFER, and the turn moves on', (t) => {
  const pb = new PacketBuffers(2);
  t.is(pb.save(pkt(1), 1, 1000), 0x100);
  t.is(pb.save(pkt(2), 1, 1000), 0x101);
  t.is(pb.save(pkt(3), 1, 5999), NO_BUFFER);
  // The refusal used slot 0's turn: slot 1 (filled at 1000) is next, also too young.
  t.is(pb.save(pkt(4), 1, 5999), NO_BUFFER);
  t.is(pb.save(pkt(5), 1, 6000), 0x200);
  // A retrieved slot is free at once.
  t.like(pb.retrieve(0x101), { ok: true });
  t.is(pb.save(pkt(6), 1, 6000), 0x201);
});

test('§6.2.2 cookies wrap to 0 after 0xfffffe, so 0xffffffff is never an id', (t) => {
  const pb = new PacketBuffers(1, 0xfffffd);
  t.is(pb.save(pkt(1), 1, 0), 0xfffffe00);
  t.is(pb.save(pkt(2), 1, 5000), 0x00000000);
  t.is(pb.save(pkt(3), 1, 10_000), 0x00000100);
  t.like(pb.retrieve(0x100), { ok: true, packet: { frame: pkt(3), inPort: 1 } });
});

test('§6.2.4 retrieve: the packet once, then BUFFER_EMPTY; stale cookie BUFFER_UNKNOWN; null cookie and NO_BUFFER OK without a packet', (t) => {
  const pb = new PacketBuffers(4);
  const frame = pkt(7);
  const id = pb.save(frame, 3, 0);
  frame[0] = 99; // the pool kept its own copy
  t.deepEqual(pb.retrieve(id), { ok: true, packet: { frame: pkt(7), inPort: 3 } });
  t.like(pb.retrieve(id), { ok: false, error: 'OFPBRC_BUFFER_EMPTY', detail: 'attempt to reuse buffer 00000100' });
  t.like(pb.retrieve(0x200), { ok: false, error: 'OFPBRC_BUFFER_UNKNOWN', detail: 'cookie mismatch: 00000200 != 00000100' });
  t.like(pb.retrieve(0x105), { ok: false, error: 'OFPBRC_BUFFER_UNKNOWN' });
  t.like(pb.retrieve(NULL_BUFFER_ID), { ok: true, packet: null });
  t.deepEqual(pb.retrieve(NO_BUFFER), { ok: true, packet: null });
  // Reuse after 5 s bumps the cookie: the old id no longer names the new packet.
  for (let i = 0; i < 4; i++) pb.save(pkt(i), 1, 5000);
  t.like(pb.retrieve(id), { ok: false, error: 'OFPBRC_BUFFER_UNKNOWN' });
  t.throws(() => new PacketBuffers(0), { instanceOf: RangeError });
  t.throws(() => new PacketBuffers(257), { instanceOf: RangeError });
});
