/**
 * Attach, arbitration (P4Runtime's, as the proto says): a hello first,
 * the bridge and its datapath id checked, the highest election id primary
 * (Arbitration code OK) and the others backups (ALREADY_EXISTS), a
 * duplicate id refused, a higher id preempting, a backup promoted when
 * the primary goes; backups' messages refused with a StreamError on a
 * stream that stays open; streams ended when their bridge is deleted.
 * Real grpc-js clients on a loopback port (test/support/test-agent.ts).
 */

import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { startApi, type ApiHarness } from '../support/api-client.js';
import { TestAgent, testSwitch } from '../support/test-agent.js';

const DPID = '00000000000000a1';

async function withBridge(): Promise<ApiHarness> {
  const api = await startApi();
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: DPID } });
  return api;
}

test('the first message must be a hello: anything else ends the stream with INVALID_ARGUMENT', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const agent = TestAgent.open(api.address, { bridge: 'br0', electionId: 1n, noHello: true });
  t.teardown(() => agent.close());
  agent.send({ packet_in: { reason: 'PACKET_IN_NO_MATCH', metadata: [], frame: Buffer.alloc(60) } });
  const status = await agent.ended();
  t.is(status.code, grpc.status.INVALID_ARGUMENT);
  t.regex(status.details, /first message must be a hello, not packet_in/);
  t.is(agent.arbitrations.length, 0);
});

test('a hello for an unknown bridge is NOT_FOUND; a wrong datapath id or missing features INVALID_ARGUMENT', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const unknown = TestAgent.open(api.address, { bridge: 'br9', electionId: 1n });
  const wrongDpid = TestAgent.open(api.address, { bridge: 'br0', electionId: 1n, datapathId: '00000000000000a2' });
  const noFeatures = TestAgent.open(api.address, { bridge: 'br0', electionId: 2n, noHello: true });
  noFeatures.send({ hello: { bridge: 'br0', election_id: { high: '0', low: '2' } } });
  t.teardown(() => [unknown, wrongDpid, noFeatures].forEach((a) => a.close()));
  const s1 = await unknown.ended();
  t.is(s1.code, grpc.status.NOT_FOUND);
  t.is(s1.details, 'hello.bridge: no bridge named "br9"');
  const s2 = await wrongDpid.ended();
  t.is(s2.code, grpc.status.INVALID_ARGUMENT);
  t.regex(s2.details, /^hello\.datapath_id: "00000000000000a2" is not bridge br0's datapath id 00000000000000a1/);
  const s3 = await noFeatures.ended();
  t.is(s3.code, grpc.status.INVALID_ARGUMENT);
  t.is(s3.details, 'hello.features: missing');
  t.is(api.server.bridges.get('br0').agent!.attachedElectionIds.length, 0);
});

test('a bridge served in process (inProcessDatapath) refuses Attach with FAILED_PRECONDITION', async (t) => {
  const api = await startApi({ inProcessDatapath: true });
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: DPID } });
  t.truthy(api.server.bridges.get('br0').referenceSwitch);
  t.is(api.server.bridges.get('br0').agent, null);
  const agent = TestAgent.open(api.address, { bridge: 'br0', electionId: 1n });
  t.teardown(() => agent.close());
  const status = await agent.ended();
  t.is(status.code, grpc.status.FAILED_PRECONDITION);
});

test('the highest election id is primary (code OK); a lower one is told ALREADY_EXISTS with the primary\'s id and stays as a backup', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const primary = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 10n, datapathId: DPID });
  const backup = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 5n });
  t.teardown(() => [primary, backup].forEach((a) => a.close()));
  t.is(primary.arbitrations[0]!.code, grpc.status.OK);
  t.deepEqual(primary.arbitrations[0]!.primary_election_id, { high: '0', low: '10' });
  t.is(backup.arbitrations[0]!.code, grpc.status.ALREADY_EXISTS);
  t.deepEqual(backup.arbitrations[0]!.primary_election_id, { high: '0', low: '10' });
  t.regex(backup.arbitrations[0]!.message, /backup agent of bridge br0: the primary has election id 10/);
  const channel = api.server.bridges.get('br0').agent!;
  t.is(channel.primaryElectionId, 10n);
  t.deepEqual(channel.attachedElectionIds, [10n, 5n]);
  t.is(backup.status, null, 'the backup stays attached');
  t.is(primary.arbitrations.length, 1, 'the primary hears nothing about a backup joining');
});

test('a duplicate election id ends the new stream with INVALID_ARGUMENT; the attached agent is undisturbed', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const first = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 7n });
  const second = TestAgent.open(api.address, { bridge: 'br0', electionId: 7n });
  t.teardown(() => [first, second].forEach((a) => a.close()));
  const status = await second.ended();
  t.is(status.code, grpc.status.INVALID_ARGUMENT);
  t.regex(status.details, /^hello\.election_id: an agent with election id 7 is already attached to bridge br0/);
  t.is(first.status, null);
  t.true(first.isPrimary);
  t.is(api.server.bridges.get('br0').agent!.primaryElectionId, 7n);
});

test('a higher election id preempts: the old primary is told ALREADY_EXISTS, the new one OK and then the replay', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const old = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n });
  const high = (1n << 64n) + 3n;
  const next = await TestAgent.attach(api.address, { bridge: 'br0', electionId: high });
  t.teardown(() => [old, next].forEach((a) => a.close()));
  await old.waitFor(() => old.arbitrations.length === 2, 'the old primary to be told');
  t.is(old.arbitrations[1]!.code, grpc.status.ALREADY_EXISTS);
  t.deepEqual(old.arbitrations[1]!.primary_election_id, { high: '1', low: '3' });
  t.true(next.isPrimary);
  await next.waitFor(() => next.ops.length >= 5, 'the replay');
  t.deepEqual(next.ops.map((o) => o.op.kind), ['flush', 'hidden_flow_set', 'miss_behaviour', 'frag_handling', 'request'],
    'the bridge was flushed (standalone, §4.11.3) while no agent served it, and the scripted old primary never answered: the flush is still owed');
  t.is(api.server.bridges.get('br0').agent!.primaryElectionId, high);
});

test('when the primary goes, the highest backup is promoted, told OK, and receives the replay (hidden flows included)', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const sw = testSwitch(0xa1n, 'br0');
  const primary = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 30n, sw });
  const low = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 10n });
  const mid = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 20n });
  t.teardown(() => [primary, low, mid].forEach((a) => a.close()));
  const channel = api.server.bridges.get('br0').agent!;
  const flow = { priority: 0x10001, match: [{ field: 'eth_type', value: 0x0806 } as const], instructions: [] };
  await channel.addHiddenFlow(flow);
  t.true(sw.dumpFlows().some((f) => f.hidden && f.priority === 0x10001), 'the primary installed it');
  primary.end();
  await mid.waitFor(() => mid.isPrimary, 'the promotion');
  await low.waitFor(() => low.arbitrations.length === 2, 'the other backup to hear of it');
  t.is(low.arbitrations[1]!.code, grpc.status.ALREADY_EXISTS);
  t.deepEqual(low.arbitrations[1]!.primary_election_id, { high: '0', low: '20' });
  await mid.waitFor(() => mid.opsOf('request').length === 1, 'the replay');
  t.deepEqual(mid.ops.map((o) => o.op.kind), ['hidden_flow_set', 'miss_behaviour', 'frag_handling', 'request'],
    'the first primary carried out the flush: none is owed; connmgr\'s own NORMAL flow follows the state');
  const normal = mid.ops[3]!.op;
  t.like(normal.kind === 'request' ? normal.request : null, { origin: { sessionId: 0 }, msg: { type: 'flow_mod', priority: 0, tableId: 0, match: [] } });
  const set = mid.ops[0]!.op;
  t.deepEqual(set.kind === 'hidden_flow_set' ? set.flows : null, [flow]);
  t.is(low.ops.length, 0, 'a backup receives no requests');
  t.is(channel.primaryElectionId, 20n);
  t.deepEqual(channel.attachedElectionIds, [20n, 10n]);
});

test('messages from a backup get a StreamError (PERMISSION_DENIED, echoing message_id); the stream stays open', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  const primary = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 2n });
  const backup = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n });
  t.teardown(() => [primary, backup].forEach((a) => a.close()));
  backup.send({ message_id: 77, port_status: { reason: 2, port: { port_no: 0xfffffffe, hw_addr: '00:00:00:00:00:a1', name: 'br0' } } });
  const err = await backup.next((m) => m.body === 'error');
  t.is(err.error!.code, grpc.status.PERMISSION_DENIED);
  t.is(err.error!.message_id, '77');
  t.regex(err.error!.message, /^port_status: this agent \(election id 1\) is a backup; the primary has election id 2/);
  backup.send({ message_id: 78, hello: backup.hello() });
  const again = await backup.next((m) => m.body === 'error');
  t.is(again.error!.code, grpc.status.INVALID_ARGUMENT);
  t.is(again.error!.message, 'hello: this stream is attached already');
  t.is(backup.status, null);
  t.deepEqual(api.server.bridges.get('br0').agent!.attachedElectionIds, [2n, 1n]);
});

test('DeleteBridge ends its agents\' streams with NOT_FOUND; the agents of other bridges are undisturbed', async (t) => {
  const api = await withBridge();
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br1' } });
  const a = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n });
  const b = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 2n });
  const other = await TestAgent.attach(api.address, { bridge: 'br1', electionId: 1n });
  t.teardown(() => [a, b, other].forEach((x) => x.close()));
  await api.call('deleteBridge', { bridge: 'br0' });
  for (const x of [a, b]) {
    const s = await x.ended();
    t.is(s.code, grpc.status.NOT_FOUND);
    t.is(s.details, 'bridge: bridge "br0" was deleted');
  }
  t.is(other.status, null);
  t.true(other.isPrimary);
});
