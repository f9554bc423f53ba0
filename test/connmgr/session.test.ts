/**
 * Per-session state and defaults (§4.3) and the requests the connection
 * layer answers itself (§4.13), the secondary check (§4.4.6), datapath
 * requests with their ordering, re-stamping, errors and timeouts
 * (§4.13.5, §4.13.7) and error replies (§9), against raw OpenFlow clients
 * on a real loopback service listener and a scripted datapath.
 */

import test from 'ava';
import type { DatapathRequest } from '../../src/connmgr/index.js';
import {
  encode,
  type ErrorMsg,
  messageName,
  type OfpMessage,
  type Port,
} from '../../src/openflow/index.js';
import type { FlowStats } from '../../src/openflow/flow-stats.js';
import type { MultipartRequestMsg } from '../../src/openflow/multipart.js';
import { serviceBridge, until } from '../support/connmgr-fixture.js';
import { msgOf, typesOf, type Received } from '../support/of-client.js';
import { hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';
import { LOCAL_PORT, testFeatures, testPort } from '../support/scripted-datapath.js';

function errorOf(r: Received): ErrorMsg {
  const m = msgOf(r);
  if (m.type !== 'error') throw new Error(`expected an error, got ${m.type}`);
  return m;
}

/** The (type, code) numbers of an ERROR reply as sent. */
function errorNumbers(r: Received): [number, number] {
  return [r.frame.readUInt16BE(8), r.frame.readUInt16BE(10)];
}

function hex(m: OfpMessage): string {
  return encode(m).toString('hex');
}

test('§4.13.2 ECHO_REQUEST gets its payload back with the same xid and version; ECHO_REPLY and NXT_FLOW_AGE get nothing', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('0402000c0000abcd 01020304');
  c.sendHex('0403000800000001');
  c.sendHex('04040010000000020000232000000012');
  const got = await c.barrier();
  t.deepEqual(typesOf(got), ['echo_reply']);
  t.is(got[0]!.frame.toString('hex'), '0403000c0000abcd01020304');
});

test('§4.13.3 FEATURES_REPLY from the datapath, per version: ports only in OF1.0-1.2, action bitmap only in OF1.0, n_buffers 0', async (t) => {
  const ports: Port[] = [LOCAL_PORT, testPort(1, 'p1', '00:00:00:00:00:01')];
  const b = await serviceBridge({ packetBuffers: 0 });
  b.dp.featuresValue = testFeatures(ports);
  t.teardown(() => b.close());
  const expectCaps: Record<number, number> = {
    1: 0x1 | 0x2 | 0x4 | 0x40 | 0x80, // ARP_MATCH_IP, no GROUP_STATS (that bit is STP in 1.0)
    3: 0x1 | 0x2 | 0x4 | 0x8 | 0x40, // no ARP_MATCH_IP from 1.2
    4: 0x1 | 0x2 | 0x4 | 0x8 | 0x40,
    5: 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x200, // BUNDLES from 1.4
  };
  for (const v of [1, 3, 4, 5]) {
    const c = await b.connect(v);
    c.sendHex(`0${v}05000800000042`);
    const [r] = await c.barrier();
    const m = msgOf(r!);
    t.like(m, {
      type: 'features_reply', version: v, xid: 0x42, datapathId: 0xfedcba9876543210n, nBuffers: 0, nTables: 254, auxiliaryId: 0,
      capabilities: expectCaps[v], actions: v === 1 ? 0xfff : 0,
    }, `OF version ${v}`);
    t.is((m as unknown as { ports: Port[] }).ports.length, v <= 3 ? 2 : 0);
    if (v === 1 && hasOvsOfctl) {
      // §10.3: what `ovs-ofctl show` prints for an Open vSwitch bridge.
      const text = ofpPrint(r!.frame);
      t.regex(text, /n_tables:254, n_buffers:0/);
      t.regex(text, /capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP/);
      t.regex(text, /LOCAL\(br0\): addr:aa:55:aa:55:00:00/);
    }
  }
});

test('§4.3.1 §4.3.7 GET_CONFIG: service default miss_send_len 0; SET_CONFIG stores it per session, the fragment mode per bridge, the TTL flag in OF1.0-1.2', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c1 = await b.connect(1);
  const c2 = await b.connect(3);
  c1.sendHex('0107000800000001');
  t.like(msgOf((await c1.barrier())[0]!), { type: 'get_config_reply', flags: 0, missSendLen: 0 });
  // frag=drop (1) | INVALID_TTL_TO_CONTROLLER (4), miss_send_len 200.
  c1.send(encode({ type: 'set_config', version: 1, xid: 2, flags: 5, missSendLen: 200 }));
  c1.sendHex('0107000800000003');
  t.like(msgOf((await c1.barrier())[0]!), { flags: 5, missSendLen: 200 });
  t.is(b.mgr.fragHandling, 1);
  t.true(b.events.some((e) => e.type === 'connmgr.frag-handling' && e.mode === 1));
  // The other session sees the bridge's fragment mode but its own miss_send_len and TTL flag.
  c2.sendHex('0307000800000004');
  t.like(msgOf((await c2.barrier())[0]!), { flags: 1, missSendLen: 0 });
  t.is(b.mgr.sessions[0]!.asyncConfig.primary.packet_in & 4, 4, 'the TTL flag sets INVALID_TTL in the primary packet-in mask');
});

test('§4.3.7 SET_CONFIG with a flag the version lacks: SWITCH_CONFIG_FAILED BAD_FLAGS (10,0), nothing changes', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const bad = encode({ type: 'set_config', version: 4, xid: 7, flags: 0, missSendLen: 99 });
  bad.writeUInt16BE(4, 8); // INVALID_TTL_TO_CONTROLLER does not exist in OF1.3
  c.send(bad);
  c.sendHex('0407000800000008');
  const [err, cfg] = await c.barrier();
  t.is(errorOf(err!).error, 'OFPSCFC_BAD_FLAGS');
  t.deepEqual(errorNumbers(err!), [10, 0]);
  t.deepEqual(Buffer.from(errorOf(err!).data), bad, '§9.1: the whole request as data');
  t.like(msgOf(cfg!), { missSendLen: 0 });
});

test('§4.3.7 a primary-type session in the secondary role does not change the fragment mode, but its miss_send_len is stored', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('041800180000000100000003000000000000000000000001'); // secondary, generation 1
  c.send(encode({ type: 'set_config', version: 4, xid: 2, flags: 2, missSendLen: 300 }));
  c.sendHex('0407000800000003');
  const got = await c.barrier();
  t.deepEqual(typesOf(got), ['role_reply', 'get_config_reply']);
  t.like(msgOf(got[1]!), { flags: 0, missSendLen: 300 });
  t.is(b.mgr.fragHandling, 0);
});

test('§4.3.4 NXT_SET_FLOW_FORMAT: NXM makes flow-removed NXT_FLOW_REMOVED; other values are EPERM', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(1);
  const removed = {
    type: 'flow_removed' as const, reason: 2, tableId: 3, priority: 100, cookie: 5n, match: [{ field: 'in_port' as const, value: 1 }],
    durationSec: 1, durationNsec: 0, idleTimeout: 0, hardTimeout: 0, packetCount: 0n, byteCount: 0n,
  };
  b.dp.emit(removed);
  t.like(msgOf((await c.barrier())[0]!), { type: 'flow_removed', format: 'standard', tableId: 0xff });
  c.sendHex('0104001400000001000023200000000c00000002'); // NXT_SET_FLOW_FORMAT nxm
  await c.barrier();
  b.dp.emit(removed);
  t.like(msgOf((await c.barrier())[0]!), { type: 'flow_removed', format: 'nxm', tableId: 3 });
  const bad = '0104001400000009000023200000000c00000001';
  c.sendHex(bad);
  const [err] = await c.barrier();
  t.is(errorOf(err!).error, 'OFPBRC_EPERM');
  t.deepEqual(errorNumbers(err!), [1, 5]);
  t.is(Buffer.from(errorOf(err!).data).toString('hex'), bad);
});

test('§4.3.4 NXT_FLOW_MOD_TABLE_ID: without it an OF1.0 flow mod names no table (OFPTT_ALL) and a table byte is a bad command; with it the byte is the table', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(1);
  const fm = (tableId: number, xid: number): Buffer => encode({
    type: 'flow_mod', version: 1, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId, command: 'add', idleTimeout: 0,
    hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0, match: [], instructions: [],
  });
  c.send(fm(0, 1));
  c.send(fm(2, 2));
  const got = await c.barrier();
  t.is(errorOf(got[0]!).error, 'OFPFMFC_BAD_COMMAND');
  t.is(b.dp.requests.length, 1);
  t.like(b.dp.requests[0]!.msg, { type: 'flow_mod', tableId: 0xff });
  c.sendHex('0104001800000003000023200000000f0100000000000000'); // enable
  c.send(fm(2, 4));
  t.deepEqual(await c.barrier(), []);
  t.like(b.dp.requests[1]!.msg, { type: 'flow_mod', tableId: 2 });
});

test('§4.3.5 NXT_SET_PACKET_IN_FORMAT: NXT_PACKET_IN honoured in any version; NXT_PACKET_IN2 and unknown values are EPERM', async (t) => {
  const b = await serviceBridge({ settings: { type: 'primary' } });
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const pin = {
    type: 'packet_in' as const, reason: 'action' as const, tableId: 0, cookie: 0x10n, metadata: [{ field: 'in_port' as const, value: 1 }],
    frame: Buffer.alloc(60, 0xab), controllerId: 0, maxLen: 0xffff,
  };
  b.dp.emit(pin);
  t.like(msgOf((await c.barrier())[0]!), { type: 'packet_in', format: 'standard' });
  c.sendHex('0404001400000001000023200000001000000001');
  await c.barrier();
  b.dp.emit(pin);
  const [nxt] = await c.barrier();
  t.like(msgOf(nxt!), { type: 'packet_in', format: 'nxt', cookie: 0x10n, totalLen: 60, bufferId: 0xffffffff });
  for (const format of ['00000002', '00000003']) {
    c.sendHex(`04040014000000020000232000000010${format}`);
    const [err] = await c.barrier();
    t.is(errorOf(err!).error, 'OFPBRC_EPERM', `format ${format}`);
  }
});

test('§4.3.6 NXT_SET_CONTROLLER_ID: nonzero padding is NXBRC_MUST_BE_ZERO', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(1);
  c.sendHex('01040018000000030000232000000014000000000001007b');
  const [err] = await c.barrier();
  t.is(errorOf(err!).error, 'NXBRC_MUST_BE_ZERO');
  t.is(b.mgr.sessions[0]!.controllerId, 0);
  c.sendHex('01040018000000040000232000000014000000000000007b');
  t.deepEqual(await c.barrier(), []);
  t.is(b.mgr.sessions[0]!.controllerId, 123);
});

test('§4.13.6 §9.4 switch-to-controller and reply messages from a controller get BAD_TYPE with the message as data', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const msgs = [
    '0400000800000001', // HELLO after negotiation
    '0401000c0000000200000000', // ERROR
    hex({ type: 'features_reply', version: 4, xid: 3, datapathId: 1n, nBuffers: 0, nTables: 254, auxiliaryId: 0, capabilities: 0x47, actions: 0, ports: [] }),
    '0408000c0000000400000080', // GET_CONFIG_REPLY
    '0415000800000005', // BARRIER_REPLY
    '041b002000000006000000000000000000000000000000000000000000000000', // GET_ASYNC_REPLY
    '0413001000000007000d000000000000', // PORT_DESC reply
    '041f0010000000080000000000000000', // OFPT_TABLE_STATUS does not exist in 1.3: BAD_TYPE too
  ];
  for (const m of msgs) c.sendHex(m);
  const got = await c.barrier();
  t.is(got.length, msgs.length);
  got.forEach((r, i) => {
    t.is(errorOf(r).error, 'OFPBRC_BAD_TYPE', msgs[i]);
    t.deepEqual(errorNumbers(r), [1, 1]);
    t.is(Buffer.from(errorOf(r).data).toString('hex'), msgs[i]!);
    t.is(r.frame.readUInt32BE(4), i + 1, 'the request\'s xid');
  });
});

test('§9 an undecodable message is answered with the codec\'s error, the whole message as data, and the session stays up', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(1);
  c.sendHex('0105000c00000001deadbeef'); // FEATURES_REQUEST with a body
  c.sendHex('0104001000000002000023200000ffff'); // Nicira, unknown subtype
  c.sendHex('01040010000000030000abcd00000001'); // unknown vendor
  c.sendHex('01ee000800000004'); // unknown type
  const got = await c.barrier();
  t.deepEqual(got.map((r) => errorOf(r).error), ['OFPBRC_BAD_LEN', 'OFPBRC_BAD_SUBTYPE', 'OFPBRC_BAD_VENDOR', 'OFPBRC_BAD_TYPE']);
  t.is(Buffer.from(errorOf(got[0]!).data).toString('hex'), '0105000c00000001deadbeef');
});

test('§9.1 a request of 65535 bytes comes back truncated only as far as the 64 KiB limit requires', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const big = Buffer.alloc(65535, 0x5a);
  big.writeUInt8(4, 0);
  big.writeUInt8(10, 1); // PACKET_IN from a controller: BAD_TYPE
  big.writeUInt16BE(65535, 2);
  big.writeUInt32BE(9, 4);
  c.send(big);
  const [r] = await c.barrier();
  t.is(r!.frame.length, 65535);
  t.deepEqual(Buffer.from(errorOf(r!).data), big.subarray(0, 65535 - 12));
});

test('§9.3 error replies are reported at most 10 per minute (burst 10), the next report counting the suppressed ones', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(1);
  for (let i = 0; i < 15; i++) c.sendHex('01ee000800000000');
  t.is((await c.barrier()).length, 15, 'every error is sent');
  const reports = (): Array<{ suppressed: number; request: string; error: string; session: string }> =>
    b.events.filter((e) => e.type === 'connmgr.error-reply') as never;
  t.is(reports().length, 10);
  t.like(reports()[0], { error: 'OFPBRC_BAD_TYPE', request: 'invalid', suppressed: 0 });
  b.clock.advance(6000); // one token
  c.sendHex('01ee000800000000');
  await c.barrier();
  t.is(reports().length, 11);
  t.is(reports()[10]!.suppressed, 5);
});

test('§4.4.6 §9.2 a secondary gets IS_SECONDARY for state changes, (1,5) in OF1.0 and (1,10) in OF1.2+, and may still read state', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const stateChanges: Record<number, string[]> = {
    1: [
      '010d001800000001ffffffffffff00080000000800010000', // PACKET_OUT to port 1
      '010f002000000002000100000000000100000000000000000000000000000000', // PORT_MOD
    ],
    4: [
      '040f0010000000030000000000000001', // GROUP_MOD add all group 1
      '04110010000000040000000000000000', // TABLE_MOD
      '041d0010000000050000000100000001', // METER_MOD add kbps meter 1
    ],
  };
  for (const [v, msgs] of Object.entries(stateChanges)) {
    const version = Number(v);
    const c = await b.connect(version);
    c.sendHex(`0${version}04001400000000000023200000000a00000002`); // NX role secondary
    for (const m of msgs) c.sendHex(m);
    c.sendHex(`0${version}05000800000063`); // FEATURES_REQUEST: allowed
    const got = await c.barrier();
    t.is(typesOf(got)[0], 'role_reply');
    const errs = got.slice(1, 1 + msgs.length);
    for (const [i, r] of errs.entries()) {
      // OF1.0 has one code (1,5) for both EPERM and IS_SLAVE; a decoder names it EPERM.
      t.is(errorOf(r).error, version === 1 ? 'OFPBRC_EPERM' : 'OFPBRC_IS_SECONDARY', `${version}: ${msgs[i]}`);
      t.deepEqual(errorNumbers(r), version === 1 ? [1, 5] : [1, 10]);
    }
    t.is(typesOf(got).at(-1), 'features_reply');
  }
  t.is(b.dp.requests.length, 0, 'nothing reached the datapath');
});

test('§6.1 a PACKET_OUT or FLOW_MOD add naming a buffer is BUFFER_UNKNOWN: no packet is ever buffered', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  const po = encode({ type: 'packet_out', version: 4, xid: 1, bufferId: 7, inPort: 0xfffffffd, metadata: [], actions: [], data: new Uint8Array(0) });
  c.send(po);
  const [err] = await c.barrier();
  t.is(errorOf(err!).error, 'OFPBRC_BUFFER_UNKNOWN');
  t.deepEqual(errorNumbers(err!), [1, 8]);
  t.is(b.dp.requests.length, 0);
});

test('§4.13.7 datapath requests reach the port in order with the session as origin; replies are re-stamped with the request\'s version and xid', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  b.dp.answerer = (req: DatapathRequest) => req.msg.type === 'multipart_request'
    ? { ok: true, replies: [{ type: 'multipart_reply', version: 4, xid: 0, flags: 0, body: {
        stat: 'desc', mfrDesc: 'Nicira, Inc.', hwDesc: 'Open vSwitch', swDesc: '3.7', serialNum: 'None', dpDesc: 'None',
      } }] }
    : { ok: true, replies: [] };
  const c = await b.connect(1);
  c.send(encode({
    type: 'flow_mod', version: 1, xid: 0x11, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add', idleTimeout: 0,
    hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0, match: [], instructions: [],
  }));
  c.sendHex('0110000c0000001200000000'); // DESC stats request
  const got = await c.barrier();
  t.deepEqual(typesOf(got), ['multipart_reply']);
  const reply = got[0]!;
  t.is(reply.frame[0], 1, 'OF1.0, the session\'s version');
  t.is(reply.frame.readUInt32BE(4), 0x12, 'the request\'s xid');
  t.like(msgOf(reply), { body: { stat: 'desc', hwDesc: 'Open vSwitch' } });
  t.deepEqual(b.dp.requests.map((r) => r.msg.type), ['flow_mod', 'multipart_request']);
  const session = b.mgr.sessions[0]!;
  t.deepEqual(b.dp.requests.map((r) => r.origin), [
    { sessionId: session.id, sessionName: session.name, version: 1, role: 'equal', xid: 0x11 },
    { sessionId: session.id, sessionName: session.name, version: 1, role: 'equal', xid: 0x12 },
  ]);
});

test('§4.13.7 a long multipart answer is split to fit, every part but the last flagged MORE', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const ports = Array.from({ length: 1500 }, (_, i) => testPort(i + 1, `p${i + 1}`));
  b.dp.answerer = () => ({ ok: true, replies: [
    { type: 'multipart_reply', version: 4, xid: 0, flags: 0, body: { stat: 'port_desc', entries: ports.slice(0, 1100) } },
    { type: 'multipart_reply', version: 4, xid: 0, flags: 0, body: { stat: 'port_desc', entries: ports.slice(1100) } },
  ] });
  const c = await b.connect(4);
  c.sendHex('041200100000002a000d000000000000');
  const got = await c.barrier();
  t.true(got.length >= 3, `${got.length} parts`);
  t.true(got.every((r) => r.frame.length <= 65535 && r.frame.readUInt32BE(4) === 0x2a));
  t.deepEqual(got.map((r) => r.frame.readUInt16BE(10) & 1), [...got.slice(1).map(() => 1), 0]);
  const total = got.reduce((n, r) => n + (msgOf(r) as unknown as { body: { entries: unknown[] } }).body.entries.length, 0);
  t.is(total, 1500);
});

test('§4.3.4 §4.13.7 NXST_FLOW and NXST_AGGREGATE reach the datapath as the neutral statistics requests; the answers go back in the request\'s format, split with MORE', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  // Flows whose matches OF1.0's ofp_match cannot express (a register, an IPv6 address): NXM can.
  const flow = (i: number): FlowStats => ({
    tableId: 0, durationSec: i, durationNsec: 0, priority: i, idleTimeout: 0, hardTimeout: 0, flags: 0, importance: 0, cookie: BigInt(i),
    packetCount: 0n, byteCount: 0n, idleAge: 1,
    match: [{ field: 'reg0', value: i }, { field: 'eth_type', value: 0x86dd }, { field: 'ipv6_src', value: '2001:db8::1' }],
    instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 1, maxLen: 0 }] }],
  });
  const flows = Array.from({ length: 1200 }, (_, i) => flow(i));
  b.dp.answerer = (req: DatapathRequest) => {
    if (req.msg.type !== 'multipart_request') return { ok: true, replies: [] };
    if (req.msg.body.stat === 'aggregate') {
      return { ok: true, replies: [{ type: 'multipart_reply', version: 1, xid: 0, flags: 0, body: { stat: 'aggregate', packetCount: 7n, byteCount: 420n, flowCount: 1200 } }] };
    }
    return { ok: true, replies: [
      { type: 'multipart_reply', version: 1, xid: 0, flags: 0, body: { stat: 'flow', entries: flows.slice(0, 700) } },
      { type: 'multipart_reply', version: 1, xid: 0, flags: 0, body: { stat: 'flow', entries: flows.slice(700) } },
    ] };
  };
  const c = await b.connect(1);
  const request = (xid: number, stat: 'flow' | 'aggregate', format?: 'nxm'): MultipartRequestMsg => ({
    type: 'multipart_request', version: 1, xid, flags: 0,
    body: {
      stat, ...(format ? { format } : {}), tableId: 0xff, outPort: 0xffffffff, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n,
      match: format ? [{ field: 'reg0', value: 5 }] : [],
    },
  });
  c.send(encode(request(0x21, 'flow', 'nxm')));
  const got = await c.barrier();
  // The datapath saw one neutral flow statistics request: no format.
  t.deepEqual(b.dp.requests.map((r) => r.msg), [{
    type: 'multipart_request', version: 1, xid: 0x21, flags: 0,
    body: { stat: 'flow', tableId: 0xff, outPort: 0xffffffff, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [{ field: 'reg0', value: 5 }] },
  }]);
  t.true(got.length >= 3, `${got.length} parts`);
  t.true(got.every((r) => r.frame.length <= 65535 && r.frame.readUInt32BE(4) === 0x21 && r.frame[0] === 1));
  t.deepEqual(got.map((r) => messageName(msgOf(r))), got.map(() => 'NXST_FLOW_REPLY'));
  t.deepEqual(got.map((r) => r.frame.readUInt16BE(10) & 1), [...got.slice(1).map(() => 1), 0]);
  const entries = got.flatMap((r) => { const m = msgOf(r); return m.type === 'multipart_reply' && m.body.stat === 'flow' ? m.body.entries : []; });
  t.deepEqual(entries.map((e) => e.cookie), flows.map((f) => f.cookie));
  t.like(entries[5], { idleAge: 1, match: flows[5]!.match });
  if (hasOvsOfctl) t.regex(ofpPrint(got[0]!.frame), /^NXST_FLOW reply \(xid=0x21\): flags=\[more\]\n cookie=0x0, duration=0s, table=0, n_packets=0, n_bytes=0, idle_age=1, priority=0,ipv6,reg0=0,ipv6_src=2001:db8::1 actions=output:1\n/);

  c.send(encode(request(0x22, 'aggregate', 'nxm')));
  const [agg] = await c.barrier();
  t.is(messageName(msgOf(agg!)), 'NXST_AGGREGATE_REPLY');
  t.like(msgOf(agg!), { xid: 0x22, body: { stat: 'aggregate', format: 'nxm', flowCount: 1200 } });
  // The same question in the standard format gets the standard reply, which cannot express these flows.
  c.send(encode(request(0x23, 'aggregate')));
  const [std] = await c.barrier();
  t.is(messageName(msgOf(std!)), 'OFPST_AGGREGATE_REPLY');
  c.send(encode(request(0x24, 'flow')));
  const [refused] = await c.barrier();
  t.like(errorOf(refused!), { error: 'OFPBMC_BAD_FIELD', xid: 0x24 });
});

test('§4.13.7 §9.1 a datapath error comes back as ERROR in the session\'s version with the whole request as data', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  b.dp.answerer = () => ({ ok: false, error: 'OFPBAC_BAD_OUT_PORT' });
  const c = await b.connect(4);
  const po = encode({
    type: 'packet_out', version: 4, xid: 0x77, bufferId: 0xffffffff, inPort: 0xfffffffd, metadata: [],
    actions: [{ type: 'output', port: 99, maxLen: 0 }], data: Buffer.alloc(64, 1),
  });
  c.send(po);
  const [err] = await c.barrier();
  t.is(errorOf(err!).error, 'OFPBAC_BAD_OUT_PORT');
  t.deepEqual(errorNumbers(err!), [2, 4]);
  t.is(err!.frame.readUInt32BE(4), 0x77);
  t.deepEqual(Buffer.from(errorOf(err!).data), po);
});

test('§4.13.5 BARRIER_REPLY waits until the datapath has answered every earlier request of the session, and answers stay in request order', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  b.dp.answerer = () => 'hold';
  const c = await b.connect(4);
  c.sendHex('0412001000000001000d000000000000'); // PORT_DESC request, held
  c.sendHex('0405000800000002'); // FEATURES_REQUEST, answered by connmgr
  c.sendHex('0414000800000003'); // BARRIER_REQUEST
  await until(() => b.dp.held.length === 1, 'the held request');
  await new Promise((r) => setTimeout(r, 50));
  t.deepEqual(c.drain(), [], 'nothing may overtake the unanswered request');
  b.dp.release({ ok: false, error: 'OFPBRC_EPERM' });
  await until(() => c.received.length >= 4, 'the answers');
  const got = c.drain();
  t.deepEqual(got.map((r) => [msgOf(r).type, msgOf(r).xid]), [['error', 1], ['features_reply', 2], ['barrier_reply', 3]]);
});

test('§4.13.7 a datapath that does not answer in time gives the requester an error (MULTIPART_REPLY_TIMEOUT for stats in 1.3+, EPERM otherwise); a late answer is dropped', async (t) => {
  const b = await serviceBridge({ datapathTimeoutMs: 5000 });
  t.teardown(() => b.close());
  b.dp.answerer = () => 'hold';
  const c = await b.connect(4);
  c.sendHex('0412001000000001000d000000000000');
  const fm = encode({
    type: 'flow_mod', version: 4, xid: 2, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add', idleTimeout: 0,
    hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0, match: [], instructions: [],
  });
  c.send(fm);
  await until(() => b.dp.held.length === 2, 'the held requests');
  b.clock.advance(4999);
  await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(c.drain(), []);
  b.clock.advance(1);
  const got = await c.barrier();
  t.deepEqual(got.map((r) => errorOf(r).error), ['OFPBRC_MULTIPART_REPLY_TIMEOUT', 'OFPBRC_EPERM']);
  t.deepEqual(Buffer.from(errorOf(got[1]!).data), fm);
  b.dp.release();
  b.dp.release();
  await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(c.drain(), [], 'late answers are dropped');
  t.is(b.events.filter((e) => e.type === 'connmgr.datapath-timeout').length, 2);
  t.is(b.events.filter((e) => e.type === 'connmgr.datapath-late-answer').length, 2);
});

test('§4.8.4 a modelled multipart request in several parts is BAD_STAT; unmodelled requests go to the datapath raw; bundles are refused here', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  b.dp.answerer = (req) => ({ ok: false, error: req.msg.type === 'unmodelled' ? 'OFPBRC_BAD_TYPE' : 'OFPBRC_EPERM' });
  const c = await b.connect(5);
  c.sendHex('0512001000000001000d000100000000'); // PORT_DESC with REQ_MORE
  c.sendHex('0516000800000002'); // QUEUE_GET_CONFIG_REQUEST does not exist in 1.4 -> undecodable
  c.sendHex('0512001000000003000e000000000000'); // TABLE_DESC request: unmodelled, datapath work
  c.sendHex('05210010000000040000000100000000'); // BUNDLE_CONTROL open
  c.sendHex('0512001000000005000c000100000000'); // TABLE_FEATURES with REQ_MORE: not reassembled here either
  const got = await c.barrier();
  t.deepEqual(got.map((r) => errorOf(r).error), ['OFPBRC_BAD_STAT', 'OFPBRC_BAD_TYPE', 'OFPBRC_BAD_TYPE', 'OFPBRC_BAD_TYPE', 'OFPBRC_BAD_STAT']);
  t.deepEqual(b.dp.requests.map((r) => [r.msg.type, (r.msg as { rawName?: string }).rawName]), [['unmodelled', 'OFPMP_TABLE_DESC_REQUEST']]);
});
