/**
 * Packet buffers through connmgr (reference §6): the bridge's
 * packet_buffers setting in FEATURES_REPLY, buffered table-miss
 * packet-ins capped at miss_send_len and unbuffered action packet-ins
 * capped at max_len (§6.2.5), and PACKET_OUT / FLOW_MOD naming a buffer
 * carrying the buffered packet to the datapath (§6.2.4); with 0, current
 * Open vSwitch (§6.1).
 */

import test from 'ava';
import type { DatapathPacketIn } from '../../src/connmgr/index.js';
import { encode, NO_BUFFER, NO_COOKIE, OFPP_ANY, type OfpMessage } from '../../src/openflow/index.js';
import { OFPP_TABLE } from '../../src/openflow/port-number.js';
import { serviceBridge } from '../support/connmgr-fixture.js';
import { msgOf } from '../support/of-client.js';

const FRAME = Buffer.from(Array.from({ length: 200 }, (_, i) => i & 0xff));

function packetIn(reason: DatapathPacketIn['reason'], maxLen = 0xffff): DatapathPacketIn {
  return { type: 'packet_in', reason, tableId: 0, cookie: NO_COOKIE, metadata: [{ field: 'in_port', value: 3 }], frame: FRAME, controllerId: 0, maxLen };
}

const packetOut = (bufferId: number): OfpMessage => ({
  type: 'packet_out', version: 4, xid: 9, bufferId, inPort: 0xfffffffd, metadata: [], actions: [{ type: 'output', port: 1, maxLen: 0 }], data: new Uint8Array(0),
});

const flowMod = (bufferId: number): OfpMessage => ({
  type: 'flow_mod', version: 4, xid: 10, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add', idleTimeout: 0,
  hardTimeout: 0, priority: 5, bufferId, outPort: OFPP_ANY, outGroup: 0xffffffff, flags: 0, importance: 0, match: [],
  instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] }],
});

test('§6.2.1 §6.2.5 §4.13.3 default 256 buffers: n_buffers 256, a miss is buffered with miss_send_len bytes, an action packet-in unbuffered up to max_len', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('0405000800000001');
  t.like(msgOf((await c.barrier())[0]!), { type: 'features_reply', nBuffers: 256 });
  b.dp.emit(packetIn('no_match'));
  b.dp.emit(packetIn('action', 50));
  b.dp.emit(packetIn('no_match'));
  const [miss, action, miss2] = (await c.barrier()).map(msgOf);
  t.like(miss, { type: 'packet_in', bufferId: 0x100, totalLen: 200 });
  t.deepEqual(Buffer.from((miss as { data: Uint8Array }).data), FRAME.subarray(0, 128));
  t.like(action, { type: 'packet_in', bufferId: NO_BUFFER, totalLen: 200 });
  t.is((action as { data: Uint8Array }).data.length, 50);
  t.like(miss2, { bufferId: 0x101 });
});

test('§6.2.5 §4.7.1 §6.2.6 OF1.3 table-miss flow packet-ins (NO_MATCH on the wire) are buffered with max_len bytes, unless max_len is OFPCML_NO_BUFFER; below OF1.3 they are ACTION, unbuffered', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c13 = await b.connect(4);
  b.dp.emit(packetIn('explicit_miss', 60));
  b.dp.emit(packetIn('explicit_miss', 0xffff));
  const [buffered, whole] = (await c13.barrier()).map(msgOf);
  t.like(buffered, { type: 'packet_in', bufferId: 0x100, totalLen: 200 });
  t.deepEqual(Buffer.from((buffered as { data: Uint8Array }).data), FRAME.subarray(0, 60));
  t.like(whole, { type: 'packet_in', bufferId: NO_BUFFER, totalLen: 200 });
  t.is((whole as { data: Uint8Array }).data.length, 200);

  const b10 = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b10.close());
  const c10 = await b10.connect(1);
  b10.dp.emit(packetIn('explicit_miss', 60));
  const [action] = (await c10.barrier()).map(msgOf);
  t.like(action, { type: 'packet_in', bufferId: NO_BUFFER, totalLen: 200 });
  t.is((action as { data: Uint8Array }).data.length, 60);
});

test('§6.2.4 PACKET_OUT naming a buffer carries the packet to the datapath once; then BUFFER_EMPTY; a stale id BUFFER_UNKNOWN', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  b.dp.emit(packetIn('no_match'));
  await c.barrier();
  c.send(encode(packetOut(0x100)));
  t.deepEqual(await c.barrier(), []);
  const req = b.dp.requests.at(-1)!.msg;
  t.like(req, { type: 'packet_out', bufferId: NO_BUFFER, inPort: 0xfffffffd });
  t.deepEqual(Buffer.from((req as { data: Uint8Array }).data), FRAME);
  c.send(encode(packetOut(0x100)));
  t.like(msgOf((await c.barrier())[0]!), { type: 'error', error: 'OFPBRC_BUFFER_EMPTY' });
  c.send(encode(packetOut(0x201)));
  t.like(msgOf((await c.barrier())[0]!), { type: 'error', error: 'OFPBRC_BUFFER_UNKNOWN' });
  t.is(b.dp.requests.length, 1);
});

test('§6.2.4 FLOW_MOD add naming a buffer: the flow mod without it, then the packet as a PACKET_OUT to TABLE from its input port', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  b.dp.emit(packetIn('no_match'));
  await c.barrier();
  c.send(encode(flowMod(0x100)));
  t.deepEqual(await c.barrier(), []);
  const [fm, po] = b.dp.requests.map((r) => r.msg);
  t.like(fm, { type: 'flow_mod', command: 'add', bufferId: NO_BUFFER, priority: 5 });
  t.like(po, { type: 'packet_out', bufferId: NO_BUFFER, inPort: 3, actions: [{ type: 'output', port: OFPP_TABLE }] });
  t.deepEqual(Buffer.from((po as { data: Uint8Array }).data), FRAME);
});

test('§6.1 packet_buffers 0: n_buffers 0, whole unbuffered packet-ins, every buffer id BUFFER_UNKNOWN', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' }, packetBuffers: 0 });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('0405000800000001');
  t.like(msgOf((await c.barrier())[0]!), { type: 'features_reply', nBuffers: 0 });
  b.dp.emit(packetIn('no_match'));
  b.dp.emit(packetIn('action', 50));
  for (const m of (await c.barrier()).map(msgOf)) {
    t.like(m, { type: 'packet_in', bufferId: NO_BUFFER });
    t.is((m as { data: Uint8Array }).data.length, 200);
  }
  c.send(encode(packetOut(0x100)));
  c.send(encode(flowMod(0x100)));
  t.deepEqual((await c.barrier()).map((r) => (msgOf(r) as { error?: string }).error), ['OFPBRC_BUFFER_UNKNOWN', 'OFPBRC_BUFFER_UNKNOWN']);
  t.is(b.dp.requests.length, 0);
});
