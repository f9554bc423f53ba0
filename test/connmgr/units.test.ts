/**
 * The pure pieces of connmgr, one rule at a time: settings and their
 * defaults (§4.1.2, §4.1.3, §5.7), what forces a service to be re-created
 * (§4.2.3, §4.2.5), the async gate (§4.5.1), capability bits per version
 * (§4.13.3), ordered replies (§4.13.5), the timeout error, log rate
 * limits (§9.3, §4.5.2) and the OVS wording of events.
 */

import test from 'ava';
import { asyncGateOpen, wantsPacketIn, type AsyncRecipient } from '../../src/connmgr/async-dispatch.js';
import { describeConnMgrEvent } from '../../src/connmgr/events.js';
import { capabilitiesFor } from '../../src/connmgr/features.js';
import { datapathTimeoutError } from '../../src/connmgr/ofconn.js';
import { EventRateLimit } from '../../src/connmgr/rate-limit.js';
import { ReplyPipeline } from '../../src/connmgr/reply-pipeline.js';
import { recreateReason, resolveSettings, targetKind } from '../../src/connmgr/settings.js';
import { defaultAsyncConfig, NO_COOKIE } from '../../src/openflow/index.js';

test('§4.1.3 §4.1.2 §5.7 settings defaults: type by target kind, 8 s backoff, 5 s probe, in-band, async on, queue 100 (1..512)', (t) => {
  t.like(resolveSettings('tcp:127.0.0.1:6653'), {
    type: 'primary', maxBackoff: 8, probeInterval: 5, band: 'in-band', enableAsyncMsgs: true, allowedVersions: 0, packetInQueueSize: 100,
    rateLimit: 0, burstLimit: 0, dscp: undefined,
  });
  t.is(resolveSettings('punix:/tmp/x').type, 'service');
  t.is(resolveSettings('ptcp:6653', { type: 'primary' }).type, 'primary');
  t.is(resolveSettings('tcp:1.2.3.4', { packetInQueueSize: 512 }).packetInQueueSize, 512);
  t.is(resolveSettings('tcp:1.2.3.4', { packetInQueueSize: 513 }).packetInQueueSize, 100);
  t.is(resolveSettings('tcp:1.2.3.4', { packetInQueueSize: 0 }).packetInQueueSize, 100);
  t.deepEqual(['tcp:a', 'ssl:a', 'unix:/x', 'ptcp:1', 'pssl:', 'punix:/x', 'udp:1', 'nonsense'].map(targetKind),
    ['active', 'active', 'active', 'passive', 'passive', 'passive', null, null]);
});

test('§4.2.3 §4.2.5 a service is re-created for new allowed versions, type or DSCP, reconfigured in place otherwise', (t) => {
  const base = resolveSettings('tcp:1.2.3.4');
  t.is(recreateReason(base, resolveSettings('tcp:1.2.3.4', { probeInterval: 30, maxBackoff: 2, rateLimit: 100, packetInQueueSize: 5 })), null);
  t.is(recreateReason(base, resolveSettings('tcp:1.2.3.4', { allowedVersions: 0x10 })), 'allowedVersions');
  t.is(recreateReason(base, resolveSettings('tcp:1.2.3.4', { type: 'service' })), 'type');
  t.is(recreateReason(base, resolveSettings('tcp:1.2.3.4', { dscp: 10 })), 'dscp');
});

test('§4.5.1 the gate: connected, protocol known, and not a service session with miss_send_len 0', (t) => {
  const s: AsyncRecipient = {
    id: 1, isConnected: true, version: 4, connectionType: 'service', missSendLen: 128, role: 'equal',
    asyncConfig: defaultAsyncConfig(4), controllerId: 0,
  };
  t.true(asyncGateOpen(s));
  t.false(asyncGateOpen({ ...s, isConnected: false }));
  t.false(asyncGateOpen({ ...s, version: undefined }), 'HELLO not done yet');
  t.false(asyncGateOpen({ ...s, missSendLen: 0 }));
  t.true(asyncGateOpen({ ...s, connectionType: 'primary', missSendLen: 0 }), 'miss_send_len 0 does not stop a primary session');
  const pin = {
    type: 'packet_in' as const, reason: 'invalid_ttl' as const, tableId: 0, cookie: NO_COOKIE, metadata: [], frame: new Uint8Array(0), controllerId: 0, maxLen: 0,
  };
  t.false(wantsPacketIn(s, pin), 'INVALID_TTL is off by default');
  t.true(wantsPacketIn(s, { ...pin, reason: 'explicit_miss' }));
  t.false(wantsPacketIn({ ...s, role: 'secondary' }, { ...pin, reason: 'action' }), 'secondaries get no packet-ins by default');
});

test('§4.13.3 capability bits per version: ARP_MATCH_IP to 1.1, PORT_BLOCKED from 1.2, BUNDLES and FLOW_MONITORING from 1.4, GROUP_STATS from 1.1', (t) => {
  const all = 0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400;
  t.is(capabilitiesFor(all, 1), 0x1 | 0x2 | 0x4 | 0x20 | 0x40 | 0x80);
  t.is(capabilitiesFor(all, 2), 0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x40 | 0x80);
  t.is(capabilitiesFor(all, 3), 0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x40 | 0x100);
  t.is(capabilitiesFor(all, 4), 0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x40 | 0x100);
  t.is(capabilitiesFor(all, 5), all & ~0x80);
  t.is(capabilitiesFor(all, 6), all & ~0x80);
});

test('§4.13.5 ordered replies: a filled slot waits for every earlier one; empty answers take no room; cleared pipelines send nothing', (t) => {
  const sent: string[] = [];
  const p = new ReplyPipeline((frames) => sent.push(...frames.map((f) => Buffer.from(f).toString())));
  const a = p.reserve();
  const b = p.reserve();
  p.answer([Buffer.from('barrier')]);
  t.is(p.unanswered, 2);
  b.fill([Buffer.from('b1'), Buffer.from('b2')]);
  t.deepEqual(sent, []);
  t.true(a.fill([]));
  t.deepEqual(sent, ['b1', 'b2', 'barrier']);
  t.false(a.fill([Buffer.from('again')]), 'a slot is filled once');
  t.is(p.unanswered, 0);
  const c = p.reserve();
  p.clear();
  t.false(c.fill([Buffer.from('late')]));
  p.answer([Buffer.from('after')]);
  t.deepEqual(sent, ['b1', 'b2', 'barrier']);
});

test('the datapath-timeout error: MULTIPART_REPLY_TIMEOUT for stats from OF1.3, EPERM otherwise', (t) => {
  const mp = { type: 'multipart_request' as const, version: 4, xid: 1, flags: 0, body: { stat: 'desc' as const } };
  t.is(datapathTimeoutError(mp), 'OFPBRC_MULTIPART_REPLY_TIMEOUT');
  t.is(datapathTimeoutError({ ...mp, version: 1 }), 'OFPBRC_EPERM');
  t.is(datapathTimeoutError({ type: 'unmodelled', version: 5, xid: 1, rawName: 'OFPMP_TABLE_DESC_REQUEST', ofpType: 18, stat: 14, body: new Uint8Array(0) }),
    'OFPBRC_MULTIPART_REPLY_TIMEOUT');
  t.is(datapathTimeoutError({ type: 'barrier_request', version: 4, xid: 1 }), 'OFPBRC_EPERM');
});

test('§9.3 §4.5.2 rate limits: a burst, then the rate per minute, each allowed event counting those suppressed before it', (t) => {
  const rl = new EventRateLimit(10, 10);
  const results = Array.from({ length: 12 }, () => rl.admit(0));
  t.deepEqual(results, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null]);
  t.is(rl.admit(5999), null);
  t.is(rl.admit(6000), 3);
  t.is(rl.admit(6000), null);
  t.is(rl.admit(600_000), 1, 'refilled to the burst, no more');
  const five = new EventRateLimit(5, 5);
  t.is([0, 0, 0, 0, 0, 0].map(() => five.admit(1)).filter((x) => x !== null).length, 5);
});

test('events read as Open vSwitch logs them', (t) => {
  t.is(describeConnMgrEvent({ type: 'connmgr.controller-added', bridge: 'br0', target: 'tcp:1.2.3.4:6653', connectionType: 'primary' }),
    'br0: added primary controller "tcp:1.2.3.4:6653"');
  t.is(describeConnMgrEvent({ type: 'connmgr.controller-removed', bridge: 'br0', target: 'ptcp:6653', connectionType: 'service' }),
    'br0: removed service controller "ptcp:6653"');
  t.is(describeConnMgrEvent({ type: 'connmgr.controller-reinitialized', bridge: 'br0', target: 'ptcp:6653', setting: 'allowedVersions' }),
    'br0: Changes to controller "ptcp:6653" expects re-initialization: Re-initializing now.');
  t.is(describeConnMgrEvent({ type: 'connmgr.error-reply', session: 'br0<->unix#3', error: 'OFPBRC_BAD_TYPE', request: 'OFPT_HELLO', suppressed: 0 }),
    'br0<->unix#3: sending OFPBRC_BAD_TYPE error reply to OFPT_HELLO message');
  t.is(describeConnMgrEvent({ type: 'connmgr.packet-in-overflow', session: 'br0<->tcp:1.2.3.4:6653', suppressed: 0 }),
    'br0<->tcp:1.2.3.4:6653: dropping packet-in due to queue overflow');
  t.is(describeConnMgrEvent({ type: 'connmgr.snoop-no-controller', bridge: 'br0', snoop: 'unix#4' }), 'br0: no controller connection to snoop');
});
