/**
 * Asynchronous messages (§4.5), async configuration (§4.6) and packet-in
 * encoding (§4.7): the gate, masks by role, controller ids, port-status
 * rules, flow-removed, the packet-in queue limit; and the replays of Open
 * vSwitch's "asynchronous message control" tests for OF1.0 and OF1.3
 * (§10.4, §10.6) and "event filtering" (§10.11) with their exact
 * messages.  The scripted datapath raises the events that the OVS tests
 * cause with packet-outs, port changes and flow deletions.
 */

import test from 'ava';
import type { DatapathEvent, DatapathPacketIn, DatapathPortStatus } from '../../src/connmgr/index.js';
import { wirePacketInReason } from '../../src/connmgr/async-encoding.js';
import {
  asyncConfigOf,
  formatMessage,
  NO_COOKIE,
  OFPP_ANY,
  OFPP_CONTROLLER,
  type OfpMessage,
} from '../../src/openflow/index.js';
import { describeAsyncConfig } from '../../src/openflow/async-config.js';
import { serviceBridge, until, type Bridge } from '../support/connmgr-fixture.js';
import { msgOf, typesOf, type OfClient, type Received } from '../support/of-client.js';
import { ScriptedDatapath, testPort } from '../support/scripted-datapath.js';

const FRAME = Buffer.from('0001020304050010203040501234', 'hex');
const TTL_FRAME = Buffer.from(
  '002583dfb4000026b98cb0f908004500003eb7e200000011339bac11370dac100002d7730035002b8f6d86fb0100000100000000000006626c702d7873066e696369726103636f6d00000f00',
  'hex',
);

function packetIn(reason: DatapathPacketIn['reason'], inPort: number, extra: Partial<DatapathPacketIn> = {}): DatapathPacketIn {
  return {
    type: 'packet_in', reason, tableId: 0, cookie: NO_COOKIE, metadata: [{ field: 'in_port', value: inPort }], frame: FRAME,
    controllerId: 0, maxLen: 0xffff, ...extra,
  };
}

const TEST_PORT = testPort(1, 'test', 'aa:55:aa:55:00:0a', 0);
const portStatus = (reason: number, state: number, causedBy?: number): DatapathPortStatus => ({
  type: 'port_status', reason, port: { ...TEST_PORT, state }, ...(causedBy !== undefined ? { causedBy } : {}),
});
const flowRemoved = (reason: number): DatapathEvent => ({
  type: 'flow_removed', reason, tableId: 0, priority: 0x8000, cookie: 0n, match: [], durationSec: 0, durationNsec: 0,
  idleTimeout: 0, hardTimeout: 0, packetCount: 0n, byteCount: 0n,
});

/** Names as the OVS test's check_async arguments name what arrived. */
function token(m: OfpMessage): string {
  switch (m.type) {
    case 'packet_in':
      return `OFPR_${['NO_MATCH', 'ACTION', 'INVALID_TTL', 'ACTION_SET', 'GROUP', 'PACKET_OUT'][m.reason]}`;
    case 'port_status':
      return `OFPPR_${['ADD', 'DELETE', 'MODIFY'][m.reason]}`;
    case 'flow_removed':
      return `OFPRR_${['IDLE_TIMEOUT', 'HARD_TIMEOUT', 'DELETE', 'GROUP_DELETE', 'METER_DELETE', 'EVICTION'][m.reason]}`;
    default:
      return m.type;
  }
}

/** First line as ovs-ofctl's monitor log shows it after the test's sed (no xid; OF1.0 unmarked). */
function line(r: Received): string {
  return formatMessage(msgOf(r)).replace(/ \(xid=0x[0-9a-f]+\)/, '').replace(' (OF1.0)', '');
}

/**
 * §10.4's check_async for OF1.0: the events of a packet-out to CONTROLLER,
 * one with controller(reason=no_match,id=123), a dec_ttl of TTL 1, adding
 * and deleting a port (OVS reports the new port, then its LIVE state),
 * and deleting a send_flow_rem flow.  Returns what the monitor received.
 */
async function checkAsync10(b: Bridge<ScriptedDatapath>, c: OfClient): Promise<Received[]> {
  await c.barrier();
  b.dp.emit(packetIn('packet_out', OFPP_CONTROLLER));
  b.dp.emit(packetIn('no_match', OFPP_CONTROLLER, { controllerId: 123 }));
  b.dp.emit(packetIn('invalid_ttl', OFPP_CONTROLLER, { frame: TTL_FRAME }));
  b.dp.emit(portStatus(0, 0));
  b.dp.emit(portStatus(2, 4));
  b.dp.emit(portStatus(1, 4));
  b.dp.emit(flowRemoved(2));
  return c.barrier();
}

test('§10.4 §4.5 §4.6 ofproto - asynchronous message control (OpenFlow 1.0)', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(1);
  const tokens = async (): Promise<string[]> => (await checkAsync10(b, c)).map((r) => token(msgOf(r)));

  // It's a service connection so initially there should be no async messages.
  t.deepEqual(await tokens(), []);
  // Set miss_send_len to 128, turning on packet-ins for our service connection.
  c.sendHex('0109000c0123456700000080');
  const step2 = await checkAsync10(b, c);
  t.deepEqual(step2.map((r) => token(msgOf(r))), ['OFPR_ACTION', 'OFPPR_ADD', 'OFPPR_DELETE', 'OFPRR_DELETE']);
  t.is(line(step2[0]!), 'OFPT_PACKET_IN: total_len=14 in_port=CONTROLLER (via action) data_len=14 (unbuffered)');
  // §4.5.3: the MODIFY only set OF1.1's LIVE bit: an OF1.0 session sees no change.
  // Set miss_send_len to 128 and enable invalid_ttl.
  c.sendHex('0109000c0123456700040080');
  const step3 = await checkAsync10(b, c);
  t.deepEqual(step3.map((r) => token(msgOf(r))), ['OFPR_ACTION', 'OFPR_INVALID_TTL', 'OFPPR_ADD', 'OFPPR_DELETE', 'OFPRR_DELETE']);
  t.is(line(step3[1]!), 'OFPT_PACKET_IN: total_len=76 in_port=CONTROLLER (via invalid_ttl) data_len=76 (unbuffered)');
  // Become secondary, which should disable everything except port status.
  c.sendHex('0104001400000002000023200000000a00000002');
  t.deepEqual((await tokens()).filter((x) => x !== 'role_reply'), ['OFPPR_ADD', 'OFPPR_DELETE']);
  // Use NXT_SET_ASYNC_CONFIG to enable a patchwork of asynchronous messages.
  c.sendHex('01040028000000020000232000000013000000020000000500000005000000020000000200000005');
  t.deepEqual(await tokens(), ['OFPR_INVALID_TTL', 'OFPPR_DELETE', 'OFPRR_DELETE']);
  // Set controller ID 123.
  c.sendHex('01040018000000030000232000000014000000000000007b');
  const step6 = await checkAsync10(b, c);
  t.deepEqual(step6.map((r) => token(msgOf(r))), ['OFPR_NO_MATCH', 'OFPPR_DELETE', 'OFPRR_DELETE']);
  t.is(line(step6[0]!), 'OFPT_PACKET_IN: total_len=14 in_port=CONTROLLER (via no_match) data_len=14 (unbuffered)');
  // Restore controller ID 0.  Become primary.
  c.sendHex('010400180000000300002320000000140000000000000000');
  c.sendHex('0104001400000002000023200000000a00000001');
  t.deepEqual((await tokens()).filter((x) => x !== 'role_reply'), ['OFPR_ACTION', 'OFPPR_ADD']);
});

/**
 * §10.6's check_async for OF1.3: a packet-out to CONTROLLER and a packet
 * sent by write_actions(output(CONTROLLER)) from a flow of cookie 0 on
 * port 10 (action set: "action" in OF1.3), the no_match/id=123 and
 * dec_ttl packet-outs, a port added (ADD, then MOD with LIVE) and deleted,
 * a flow deleted and a flow removed with its group.
 */
async function checkAsync13(b: Bridge<ScriptedDatapath>, c: OfClient): Promise<Received[]> {
  await c.barrier();
  b.dp.emit(packetIn('packet_out', OFPP_ANY));
  b.dp.emit(packetIn('action_set', 10, { cookie: 0n }));
  b.dp.emit(packetIn('no_match', OFPP_ANY, { controllerId: 123 }));
  b.dp.emit(packetIn('invalid_ttl', OFPP_ANY, { frame: TTL_FRAME }));
  b.dp.emit(portStatus(0, 0));
  b.dp.emit(portStatus(2, 4));
  b.dp.emit(portStatus(1, 4));
  b.dp.emit(flowRemoved(2));
  b.dp.emit(flowRemoved(3));
  return c.barrier();
}

test('§10.6 §4.5 §4.6 §4.7.1 ofproto - asynchronous message control (OpenFlow 1.3)', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const tokens = async (): Promise<string[]> =>
    (await checkAsync13(b, c)).map((r) => token(msgOf(r))).filter((x) => x !== 'role_reply');
  t.deepEqual(await tokens(), []);
  c.sendHex('0409000c0123456700000080');
  const step2 = await checkAsync13(b, c);
  t.deepEqual(step2.map((r) => token(msgOf(r))), [
    'OFPR_ACTION', 'OFPR_ACTION', 'OFPPR_ADD', 'OFPPR_MODIFY', 'OFPPR_DELETE', 'OFPRR_DELETE', 'OFPRR_GROUP_DELETE',
  ]);
  t.deepEqual(step2.slice(0, 2).map(line), [
    'OFPT_PACKET_IN (OF1.3): total_len=14 in_port=ANY (via action) data_len=14 (unbuffered)',
    'OFPT_PACKET_IN (OF1.3): cookie=0x0 total_len=14 in_port=10 (via action) data_len=14 (unbuffered)',
  ]);
  // Become secondary (OF 1.3), which should disable everything except port status.
  c.sendHex('041800180000000200000003000000000000000000000001');
  t.deepEqual(await tokens(), ['OFPPR_ADD', 'OFPPR_MODIFY', 'OFPPR_DELETE']);
  // Use OF 1.3 OFPT_SET_ASYNC to enable a patchwork of asynchronous messages.
  c.sendHex('041c00200000000200000002000000050000000500000002000000020000000d');
  t.deepEqual(await tokens(), ['OFPR_INVALID_TTL', 'OFPPR_DELETE', 'OFPRR_DELETE', 'OFPRR_GROUP_DELETE']);
  // Set controller ID 123.
  c.sendHex('04040018000000030000232000000014000000000000007b');
  t.deepEqual(await tokens(), ['OFPR_NO_MATCH', 'OFPPR_DELETE', 'OFPRR_DELETE', 'OFPRR_GROUP_DELETE']);
  // Restore controller ID 0.  Become primary (OF 1.3).
  c.sendHex('040400180000000300002320000000140000000000000000');
  c.sendHex('041800180000000400000002000000000000000000000002');
  t.deepEqual(await tokens(), ['OFPR_ACTION', 'OFPR_ACTION', 'OFPPR_ADD', 'OFPPR_MODIFY']);
});

test('§10.11 §4.6.1 §4.6.7 ofproto - event filtering (OpenFlow 1.3): GET_ASYNC reports the default, even to a service session with miss_send_len 0', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('041a00080000000a');
  const [r] = await c.barrier();
  const m = msgOf(r!);
  t.like(m, { type: 'get_async_reply', xid: 0x0a, layout: 'legacy' });
  t.is(
    describeAsyncConfig(asyncConfigOf(m as never)),
    'primary: PACKET_IN: no_match action PORT_STATUS: add delete modify FLOW_REMOVED: idle hard delete group_delete ' +
      'ROLE_STATUS: (off) TABLE_STATUS: (off) REQUESTFORWARD: (off) ' +
      'secondary: PACKET_IN: (off) PORT_STATUS: add delete modify FLOW_REMOVED: (off) ' +
      'ROLE_STATUS: (off) TABLE_STATUS: (off) REQUESTFORWARD: (off)',
  );
  t.is(r!.frame.toString('hex'), '041b0020' + '0000000a' + '00000003' + '00000000' + '00000007' + '00000007' + '0000000f' + '00000000');
});

test('§4.6.1 §4.6.7 OF1.4 GET_ASYNC: all twelve properties, the default per version (flow-removed adds meter delete and eviction)', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(5);
  c.sendHex('051a000800000001');
  const m = msgOf((await c.barrier())[0]!);
  t.like(m, { type: 'get_async_reply', layout: 'properties' });
  t.is((m as unknown as { props: unknown[] }).props.length, 12);
  const cfg = asyncConfigOf(m as never);
  t.is(cfg.primary.packet_in & 0x3f, 0x3b, 'no_match action action_set group packet_out');
  t.is(cfg.primary.flow_removed, 0x3f);
  t.is(cfg.secondary.port_status, 7);
  t.is(cfg.secondary.packet_in, 0);
});

test('§4.6.1 enable_async_msgs false: nothing asynchronous at all, port status included', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary', enableAsyncMsgs: false } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  b.dp.emit(packetIn('action', 1));
  b.dp.emit(portStatus(0, 0));
  t.deepEqual(await c.barrier(), []);
  c.sendHex('041a000800000001');
  const cfg = asyncConfigOf(msgOf((await c.barrier())[0]!) as never);
  t.is(cfg.primary.port_status, 0);
});

test('§4.6.3 property SET_ASYNC changes only the listed masks; an unknown property is UNSUPPORTED, a disallowed bit INVALID (ONF codes in OF1.3)', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c5 = await b.connect(5);
  // OF1.4 SET_ASYNC: TABLE_STATUS primary (type 9) = VACANCY_DOWN|UP (0x18).
  c5.sendHex('051c001000000001' + '0009000800000018');
  c5.sendHex('051a000800000002');
  const cfg = asyncConfigOf(msgOf((await c5.barrier())[0]!) as never);
  t.is(cfg.primary.table_status, 0x18);
  t.is(cfg.primary.port_status, 7, 'the rest stays at the default');
  c5.sendHex('051c001000000003' + '000c000800000001'); // type 12: unknown
  c5.sendHex('051c001000000004' + '0002000800000008'); // PORT_STATUS secondary bit 3: not allowed
  const errs = await c5.barrier();
  t.deepEqual(errs.map((r) => [(msgOf(r) as { error: string }).error, r.frame.readUInt16BE(8), r.frame.readUInt16BE(10)]), [
    ['OFPACFC_UNSUPPORTED', 15, 1],
    ['OFPACFC_INVALID', 15, 0],
  ]);
  const c4 = await b.connect(4);
  // NXT_SET_ASYNC_CONFIG2 in OF1.3 with an unknown property: ONF experimenter error 2371.
  c4.sendHex('0404001800000005000023200000001b' + '000c000800000001');
  const [e4] = await c4.barrier();
  t.like(msgOf(e4!), { error: 'OFPACFC_UNSUPPORTED' });
  t.deepEqual([e4!.frame.readUInt16BE(8), e4!.frame.readUInt16BE(10), e4!.frame.readUInt32BE(12)], [0xffff, 2371, 0x4f4e4600]);
});

test('§4.6.2 §4.6.5 legacy SET_ASYNC replaces everything, drops disallowed bits, and widens ACTION below OF1.4', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  // OF1.3 SET_ASYNC (legacy layout): packet_in primary ACTION|0x80 (0x80 not allowed), everything else 0.
  c.sendHex('041c0020000000020000008200000000000000000000000000000000' + '00000000');
  await c.barrier();
  const s = b.mgr.sessions[0]!;
  t.is(s.asyncConfig.primary.packet_in, 0x02 | 0x08 | 0x10 | 0x20, 'ACTION widened to ACTION_SET, GROUP, PACKET_OUT; 0x80 dropped');
  t.is(s.asyncConfig.primary.port_status, 0);
  t.is(s.asyncConfig.primary.role_status, 0);
  // §4.6.6: a service session with miss_send_len 0 now gets async messages.
  t.is(s.missSendLen, 128);
  b.dp.emit(packetIn('group', 1));
  t.deepEqual((await c.barrier()).map((r) => token(msgOf(r))), ['OFPR_ACTION']);
});

test('§4.6.6 any SET_ASYNC variant on a service session with miss_send_len 0 sets it to 128; a set one is kept', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(1);
  c.sendHex('01040028000000020000232000000013000000020000000500000005000000020000000200000005');
  c.sendHex('0107000800000003');
  t.like(msgOf((await c.barrier())[0]!), { missSendLen: 128 });
  c.sendHex('0109000c0000000400000010');
  c.sendHex('01040028000000050000232000000013000000020000000500000005000000020000000200000005');
  c.sendHex('0107000800000006');
  t.like(msgOf((await c.barrier())[0]!), { missSendLen: 16 });
});

test('§4.7.1 the wire reason of each internal reason, per version', (t) => {
  const table: Array<[DatapathPacketIn['reason'], number[]]> = [
    // versions 1.0 1.2 1.3 1.4 1.5
    ['no_match', [0, 0, 0, 0, 0]],
    ['action', [1, 1, 1, 1, 1]],
    ['invalid_ttl', [2, 2, 2, 2, 2]],
    ['explicit_miss', [1, 1, 0, 0, 0]],
    ['implicit_miss', [0, 0, 0, 0, 0]],
    ['action_set', [1, 1, 1, 3, 3]],
    ['group', [1, 1, 1, 4, 4]],
    ['packet_out', [1, 1, 1, 5, 5]],
  ];
  for (const [reason, wire] of table) {
    t.deepEqual([1, 3, 4, 5, 6].map((v) => wirePacketInReason(reason, v)), wire, reason);
  }
});

test('§4.7.2 §4.7.5 packet-ins carry the whole frame, buffer_id NO_BUFFER, and what each version\'s standard form can hold', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const big = Buffer.alloc(1500, 7);
  const ev = packetIn('action', 3, {
    tableId: 2, cookie: 0xabcn, frame: big, metadata: [{ field: 'in_port', value: 3 }, { field: 'metadata', value: 5n }],
  });
  const seen: Record<number, OfpMessage> = {};
  for (const v of [1, 3, 4]) {
    const c = await b.connect(v);
    c.sendHex(`0${v}09000c0000000100000040`); // miss_send_len 64 does not truncate (§4.7.5)
    await c.barrier();
    b.dp.emit(ev);
    const got = await c.barrier();
    seen[v] = msgOf(got.find((r) => msgOf(r).type === 'packet_in')!);
    c.close();
  }
  for (const v of [1, 3, 4]) t.like(seen[v], { bufferId: 0xffffffff, totalLen: 1500, data: big });
  t.like(seen[1], { tableId: 0, cookie: NO_COOKIE });
  t.deepEqual((seen[1] as unknown as { match: unknown[] }).match, [{ field: 'in_port', value: 3 }], 'OF1.0 carries in_port only');
  t.like(seen[3], { tableId: 2, cookie: NO_COOKIE });
  t.is((seen[3] as unknown as { match: unknown[] }).match.length, 2);
  t.like(seen[4], { tableId: 2, cookie: 0xabcn });
});

test('§4.5.2 packet-ins go only to sessions whose controller id matches; xid 0 (§4.5.8); no eligible session is counted', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c0 = await b.connect(4);
  const c7 = await b.connect(4);
  c7.sendHex('040400180000000300002320000000140000000000000007');
  await c7.barrier();
  b.dp.emit(packetIn('action', 1, { controllerId: 7 }));
  b.dp.emit(packetIn('action', 1));
  const got0 = await c0.barrier();
  const got7 = await c7.barrier();
  t.deepEqual(got0.map((r) => msgOf(r).xid), [0]);
  t.deepEqual(got7.map((r) => msgOf(r).xid), [0]);
  t.is(b.mgr.stats.packetInsUnsent, 0);
  b.dp.emit(packetIn('action', 1, { controllerId: 99 }));
  t.is(b.mgr.stats.packetInsUnsent, 1);
});

test('§4.5.2 §5.7 a full packet-in queue drops packet-ins (counted, reported at most 5 a minute), nobody gets an error', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary', packetInQueueSize: 2 } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const big = Buffer.alloc(60_000, 1);
  // The client stops reading: once the kernel's socket buffers are full the
  // rconn queues packet-ins, up to the limit of 2, and drops the rest.
  c.pause();
  const s = b.mgr.sessions[0]!;
  let emitted = 0;
  while (s.stats.packetInsDropped < 10 && emitted < 2000) {
    b.dp.emit(packetIn('action', 1, { frame: big }));
    emitted++;
    if (emitted % 50 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  t.is(s.stats.packetInsDropped, 10);
  t.is(s.stats.packetInsSent + s.stats.packetInsDropped, emitted);
  t.is(s.packetInCounter.packets, 2);
  const reports = b.events.filter((e) => e.type === 'connmgr.packet-in-overflow');
  t.is(reports.length, Math.min(5, s.stats.packetInsDropped));
  c.resume();
  const got = await c.barrier(10_000);
  t.is(got.length, s.stats.packetInsSent);
  t.true(got.every((r) => msgOf(r).type === 'packet_in'));
});

test('§4.5.3 the session that changed a port with PORT_MOD gets no port status for it unless it speaks OF1.5', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c13 = await b.connect(4);
  const c15 = await b.connect(6);
  const other = await b.connect(4);
  const [s13, s15] = b.mgr.sessions;
  b.dp.emit(portStatus(2, 1, s13!.id));
  b.dp.emit(portStatus(2, 0, s15!.id));
  t.deepEqual(typesOf(await c13.barrier()), ['port_status'], 'caused by the other session');
  t.deepEqual(typesOf(await c15.barrier()), ['port_status', 'port_status'], 'OF1.5 hears of its own change');
  t.deepEqual(typesOf(await other.barrier()), ['port_status', 'port_status']);
});

test('§4.5.3 a MODIFY that looks the same in a session\'s version is not sent to it', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c10 = await b.connect(1);
  const c13 = await b.connect(4);
  b.dp.emit(portStatus(0, 0));
  b.dp.emit(portStatus(2, 4)); // LIVE: OF1.1+ only
  b.dp.emit(portStatus(2, 5)); // LINK_DOWN: both
  t.deepEqual((await c10.barrier()).map((r) => token(msgOf(r))), ['OFPPR_ADD', 'OFPPR_MODIFY']);
  t.deepEqual((await c13.barrier()).map((r) => token(msgOf(r))), ['OFPPR_ADD', 'OFPPR_MODIFY', 'OFPPR_MODIFY']);
});

test('§4.8.7 table misses go to the controllers while some session has controller id 0 and speaks OF1.0-1.2', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  t.false(b.dp.missSendsToController);
  const c13 = await b.connect(4);
  t.false(b.dp.missSendsToController, 'OF1.3+ sessions want misses dropped');
  const c10 = await b.connect(1);
  t.true(b.dp.missSendsToController);
  c10.sendHex('01040018000000030000232000000014000000000000007b');
  await c10.barrier();
  t.false(b.dp.missSendsToController, 'controller id 123');
  c10.sendHex('010400180000000400002320000000140000000000000000');
  await c10.barrier();
  t.true(b.dp.missSendsToController);
  c10.close();
  await until(() => b.mgr.sessions.length === 1, 'the session to end');
  t.false(b.dp.missSendsToController);
  t.truthy(c13);
});
