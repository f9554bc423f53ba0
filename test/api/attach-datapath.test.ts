/**
 * The agent channel as the bridge's datapath: controllers' requests over
 * real OpenFlow sessions (ovs-ofctl, and the raw test client) reach the
 * primary agent as structured DatapathRequests, and its replies reach the
 * controllers; no agent, or an agent gone mid-request, gives the OpenFlow
 * error the proto names while the sessions stay up; a new agent resumes
 * with connmgr's state replayed; port lists become port-status events;
 * bad events get StreamErrors without disturbing anything else.  The
 * agents are grpc-js clients with a ReferenceSwitch behind them
 * (test/support/test-agent.ts).
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { encode, OFPP_LOCAL, type OfpMessage } from '../../src/openflow/index.js';
import type { ApiServerOptions } from '../../src/api/index.js';
import { startApi, type ApiHarness } from '../support/api-client.js';
import { msgOf, OfClient, typesOf } from '../support/of-client.js';
import { TestAgent, testSwitch } from '../support/test-agent.js';
import { hasOvsOfctl } from '../support/ofp-peers.js';
import { ethernet, MAC_A, MAC_B } from '../support/frames.js';
import { until } from '../support/loopback.js';

const run = promisify(execFile);
const DPID = 0xa1n;
const SERVICE = 'ptcp:0:127.0.0.1';

interface Served {
  readonly api: ApiHarness;
  /** The TCP port of the bridge's ptcp: listener (a primary-type target, so sessions get async messages). */
  readonly port: number;
}

async function served(t: { teardown(fn: () => Promise<void> | void): void }, options: ApiServerOptions = {}): Promise<Served> {
  const api = await startApi(options);
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: DPID.toString(16).padStart(16, '0') } });
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: SERVICE, type: 'PRIMARY' }] });
  const port = api.server.bridges.get('br0').mgr.service(SERVICE)?.port;
  if (!port) throw new Error('the listener did not open');
  return { api, port };
}

/** An OF1.3 FLOW_MOD adding an empty flow of priority 1 to 'tableId'. */
function flowMod(xid: number, tableId: number): Buffer {
  return encode({
    type: 'flow_mod', version: 4, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority: 1, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [], instructions: [],
  });
}

const portDescRequest = (xid: number): string => `04120010${xid.toString(16).padStart(8, '0')}000d000000000000`;

function errorOf(m: OfpMessage): string {
  if (m.type !== 'error') throw new Error(`expected an error, got ${m.type}`);
  return typeof m.error === 'string' ? m.error : `type ${m.error.errType} code ${m.error.errCode}`;
}

const ofctlTest = hasOvsOfctl ? test : test.skip;

ofctlTest('ovs-ofctl add-flow and dump-flows through the service listener reach the agent\'s switch and come back', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const target = `tcp:127.0.0.1:${port}`;
  // ovs-ofctl first asks for the table features (for table names), which reach the agent structured.
  await run('ovs-ofctl', ['-O', 'OpenFlow13', 'add-flow', target, 'priority=5,in_port=1,actions=output:2']);
  t.true(sw.dumpFlows().some((f) => f.priority === 5 && !f.hidden), 'the flow is in the agent\'s switch');
  const sessionOps = agent.opsOf('request').filter((o) => o.op.kind === 'request' && o.op.request.origin.sessionId !== 0);
  const flowMods = sessionOps.filter((o) => o.op.kind === 'request' && o.op.request.msg.type === 'flow_mod');
  t.is(flowMods.length, 1, 'one structured FLOW_MOD with its session as origin');
  t.true(sessionOps.some((o) => o.op.kind === 'request' && o.op.request.msg.type === 'multipart_request' && o.op.request.msg.body.stat === 'table_features'),
    'the table features request reached the agent structured');
  const dump = await run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-flows', target]);
  t.regex(dump.stdout, /priority=5,in_port=1 actions=output:2/);
  // The agent's 254 tables come back through the agent channel and the service's splitting (MORE).
  const features = await run('ovs-ofctl', ['-O', 'OpenFlow13', 'dump-table-features', target]);
  t.regex(features.stdout, /^ {2}table 0:\n {4}metadata: match=0xffffffffffffffff write=0xffffffffffffffff\n {4}max_entries=1000000\n/);
  t.regex(features.stdout, /\n {2}tables 1\.\.\.252: ditto\n\n {2}table 253:\n/);
  const show = await run('ovs-ofctl', ['-O', 'OpenFlow13', 'show', target]);
  t.regex(show.stdout, /dpid:00000000000000a1/);
  t.regex(show.stdout, /n_tables:254/);
  t.regex(show.stdout, / 1\(p1\): addr:/);
  t.regex(show.stdout, / 2\(p2\): addr:/);
});

ofctlTest('§4.3.4 plain ovs-ofctl -O OpenFlow10 add-flow, dump-flows and dump-aggregate (NXT_FLOW_MOD, NXST_FLOW, NXST_AGGREGATE) through the agent channel: flows OF1.0\'s match cannot express, with their ages', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const target = `tcp:127.0.0.1:${port}`;
  const O = ['-O', 'OpenFlow10'];
  await run('ovs-ofctl', [...O, 'add-flow', target, 'reg0=5,tun_id=0x10,actions=output:1']);
  await run('ovs-ofctl', [...O, 'add-flow', target, 'priority=7,ipv6,ipv6_src=2001:db8::1,actions=drop']);
  const dump = (await run('ovs-ofctl', [...O, 'dump-flows', target])).stdout;
  t.regex(dump, /^NXST_FLOW reply \(xid=0x[0-9a-f]+\):\n/);
  t.regex(dump, /\n cookie=0x0, duration=[\d.]+s, table=0, n_packets=0, n_bytes=0, idle_age=\d+, reg0=0x5,tun_id=0x10 actions=output:1\n/);
  t.regex(dump, /\n cookie=0x0, duration=[\d.]+s, table=0, n_packets=0, n_bytes=0, idle_age=\d+, priority=7,ipv6,ipv6_src=2001:db8::1 actions=drop\n/);
  t.regex((await run('ovs-ofctl', [...O, 'dump-flows', target, 'reg0=5'])).stdout, /^NXST_FLOW reply \(xid=0x[0-9a-f]+\):\n cookie=0x0, [^\n]*reg0=0x5,tun_id=0x10 actions=output:1\n$/);
  t.regex((await run('ovs-ofctl', [...O, 'dump-aggregate', target])).stdout, /^NXST_AGGREGATE reply \(xid=0x[0-9a-f]+\): packet_count=0 byte_count=0 flow_count=2\n$/);
  // The agent was asked the neutral statistics question: no format, the NXM-only filter in the match.
  const stats = agent.opsOf('request').flatMap((o) => (o.op.kind === 'request' && o.op.request.msg.type === 'multipart_request' ? [o.op.request.msg.body] : []));
  t.true(stats.some((b) => b.stat === 'flow' && b.match.length === 1 && b.match[0]!.field === 'reg0'), 'the filtered flow request reached the agent');
  t.true(stats.every((b) => !('format' in b)));
});

test('a FLOW_MOD the switch refuses gets the agent\'s OpenFlow error; a multipart request the agent\'s reply, with the request\'s xid', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  c.send(flowMod(0x42, 254));
  c.sendHex(portDescRequest(0x43));
  const got = await c.barrier();
  t.deepEqual(typesOf(got), ['error', 'multipart_reply']);
  t.is(msgOf(got[0]!).xid, 0x42);
  t.is(errorOf(msgOf(got[0]!)), 'OFPBRC_BAD_TABLE_ID');
  const reply = msgOf(got[1]!);
  t.is(reply.xid, 0x43);
  if (reply.type !== 'multipart_reply' || reply.body.stat !== 'port_desc') throw new Error('expected a port description');
  t.deepEqual(reply.body.entries.map((p) => p.name), ['p1', 'p2', 'br0']);
  const kinds = agent.opsOf('request').map((o) => (o.op.kind === 'request' ? o.op.request.msg.type : ''));
  t.true(kinds.includes('flow_mod') && kinds.includes('multipart_request'));
});

test('no agent: requests wait for one for holdMs, then get EPERM (MULTIPART_REPLY_TIMEOUT for OF1.3 multipart); the session stays up; FEATURES shows the LOCAL port only', async (t) => {
  const { port } = await served(t, { agentHoldMs: 300 });
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  const started = Date.now();
  c.sendHex(portDescRequest(7));
  c.send(flowMod(8, 0));
  const got = await c.barrier();
  t.true(Date.now() - started >= 250, 'after the hold, not at once');
  t.deepEqual(got.map((r) => errorOf(msgOf(r))), ['OFPBRC_MULTIPART_REPLY_TIMEOUT', 'OFPBRC_EPERM']);
  c.sendHex('0405000800000009');
  const features = msgOf(await c.next());
  if (features.type !== 'features_reply') throw new Error('expected a FEATURES_REPLY');
  t.is(features.datapathId, DPID);
  t.is(features.nTables, 254);
  t.false(c.closed);
});

test('requests sent before any agent attaches are carried out by the first one, in order, after the replay of connmgr\'s state (a restarted service loses nothing its controllers send first)', async (t) => {
  const { api, port } = await served(t, { agentHoldMs: 20_000 });
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  c.send(flowMod(0x21, 0));
  c.send(flowMod(0x22, 1));
  c.sendHex(portDescRequest(0x23));
  const channel = api.server.bridges.get('br0').agent!;
  await until(() => channel.heldRequests === 3, 'the three requests waiting for an agent');
  t.is(c.pending, 0, 'no answer while no agent is attached');
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  // The agent's ports replace the detached LOCAL port first: PORT_STATUS messages, xid 0.
  const seen: OfpMessage[] = [];
  for (let m = msgOf(await c.next()); ; m = msgOf(await c.next())) {
    seen.push(m);
    if (m.xid === 0x23) break;
  }
  t.deepEqual([...new Set(seen.map((m) => m.type))].sort(), ['multipart_reply', 'port_status'], 'port status, then the port description; no error');
  const kinds = agent.ops.map((o) => (o.op.kind === 'request' ? `request ${o.op.request.origin.xid.toString(16)}` : o.op.kind));
  const firstHeld = kinds.indexOf('request 21');
  t.true(firstHeld > kinds.indexOf('hidden_flow_set'), `the replay first: ${kinds.join(', ')}`);
  t.deepEqual(kinds.slice(firstHeld, firstHeld + 3), ['request 21', 'request 22', 'request 23'], 'in the order sent');
  t.deepEqual(sw.dumpFlows().filter((f) => f.priority === 1).map((f) => f.tableId).sort(), [0, 1], 'both flows are in the agent\'s switch');
  t.is(channel.heldRequests, 0);
});

test('the agent goes mid-request: the controller gets the OpenFlow error, the session stays up; a new agent resumes with the hidden flows replayed', async (t) => {
  const { api, port } = await served(t);
  const first = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw: testSwitch(DPID, 'br0') });
  t.teardown(() => first.close());
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  // In-band control (a tcp: controller, in-band by default) makes connmgr install hidden flows.
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: SERVICE, type: 'PRIMARY' }, { target: 'tcp:192.0.2.1:6653' }] });
  const channel = api.server.bridges.get('br0').agent!;
  await until(() => channel.hiddenFlows.length > 0 && channel.unansweredRequests === 0, 'in-band\'s hidden flows');
  first.hold = true;
  c.sendHex(portDescRequest(0x51));
  await first.waitFor(() => first.ops.some((o) => o.op.kind === 'request' && o.op.request.origin.xid === 0x51), 'the request at the agent');
  t.is(c.pending, 0, 'unanswered while the agent holds it');
  first.cancel();
  const err = msgOf(await c.next());
  t.is(err.xid, 0x51);
  t.is(errorOf(err), 'OFPBRC_MULTIPART_REPLY_TIMEOUT');
  t.deepEqual(typesOf(await c.barrier()), [], 'the session is up');
  const sw = testSwitch(DPID, 'br0');
  const second = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => second.close());
  await second.waitFor(() => second.opsOf('hidden_flow_set').length === 1, 'the replay');
  await until(() => sw.dumpFlows().filter((f) => f.hidden).length === channel.hiddenFlows.length, 'the hidden flows in the new switch');
  const replayed = second.ops.findIndex((o) => o.op.kind === 'hidden_flow_set');
  const firstRequest = second.ops.findIndex((o) => o.op.kind === 'request' && o.op.request.origin.sessionId !== 0);
  t.true(firstRequest === -1 || firstRequest > replayed, 'no controller request before the replay');
  c.sendHex(portDescRequest(0x52));
  const again = msgOf(await c.next());
  t.is(again.type, 'multipart_reply', 'service resumed without a restart');
});

test('a PacketIn for a port the datapath does not have gets a StreamError; the stream and the other sessions go on', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const c1 = await OfClient.connect(port, 1);
  const c2 = await OfClient.connect(port, 1);
  t.teardown(() => [c1, c2].forEach((c) => c.close()));
  await c1.barrier();
  await c2.barrier();
  // OF1.0 sessions want table misses: the agent hears it as the miss behaviour.
  await until(() => sw.missSendsToController, 'the miss behaviour');
  agent.send({
    message_id: 9,
    packet_in: { reason: 'PACKET_IN_NO_MATCH', metadata: [{ field: 'in_port', value: { number: 77 } }], frame: ethernet({}, 0x88b5, Buffer.alloc(50)), max_len: 0xffff },
  });
  const err = await agent.next((m) => m.body === 'error');
  t.is(err.error!.code, grpc.status.INVALID_ARGUMENT);
  t.is(err.error!.message, 'packet_in.metadata: in_port 77 is not a port of the datapath');
  t.is(err.error!.message_id, '9');
  sw.inject(1, ethernet({ src: MAC_A, dst: MAC_B }, 0x88b5, Buffer.alloc(50)));
  for (const c of [c1, c2]) {
    const pi = msgOf(await c.next());
    if (pi.type !== 'packet_in') throw new Error(`expected a packet-in, got ${pi.type}`);
    t.deepEqual(pi.match, [{ field: 'in_port', value: 1 }]);
  }
  t.is(agent.status, null);
  t.true(agent.isPrimary);
});

test('a new primary\'s ports replace the old ones: each difference reaches the controllers as PORT_STATUS', async (t) => {
  const { api, port } = await served(t);
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  await c.barrier();
  const a = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw: testSwitch(DPID, 'br0', 2) });
  t.teardown(() => a.close());
  const statuses = async (n: number): Promise<Array<[number, number]>> => {
    const out: Array<[number, number]> = [];
    while (out.length < n) {
      const m = msgOf(await c.next());
      if (m.type === 'port_status') out.push([m.reason, m.port.portNo]);
    }
    return out;
  };
  t.deepEqual(await statuses(3), [[0, 1], [0, 2], [2, OFPP_LOCAL]], 'ports 1 and 2 added; LOCAL modified (the agent\'s link is up)');
  const b = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 2n, sw: testSwitch(DPID, 'br0', 3, { ports: [{ portNo: 1, name: 'p1', config: 1 }, { portNo: 3, name: 'p3' }] }) });
  t.teardown(() => b.close());
  t.deepEqual(await statuses(3), [[1, 2], [0, 3], [2, 1]], 'port 2 deleted, 3 added, 1 modified');
  const features = api.server.bridges.get('br0').datapath.features();
  t.deepEqual(features.ports.map((p) => p.portNo), [1, 3, OFPP_LOCAL]);
});

test('SET_CONFIG\'s fragment handling reaches the agent as FragHandling; the agent\'s port-status keeps the bridge\'s port list', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(DPID, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  c.sendHex('0409000c0000000100010080');
  await c.barrier();
  await agent.waitFor(() => agent.fragHandling === 1, 'FragHandling drop');
  sw.addPort({ portNo: 9, name: 'p9' });
  await until(() => api.server.bridges.get('br0').datapath.features().ports.some((p) => p.portNo === 9), 'port 9 in the bridge');
  const statuses: number[] = [];
  while (statuses.length < 1) {
    const m = msgOf(await c.next());
    if (m.type === 'port_status') statuses.push(m.port.portNo);
  }
  t.deepEqual(statuses, [9]);
});
