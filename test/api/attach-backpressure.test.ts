/**
 * Backpressure through the agent channel, both ways, with no unbounded
 * buffer: an agent that stops reading makes the service stop reading the
 * controllers' sockets (the requests back up in TCP, not in memory) until
 * its stream drains; a controller that stops reading congests its
 * session's send queue and the service stops reading the agent's stream
 * (HTTP/2 flow control holds the agent's writes) until it drains.
 */

import test from 'ava';
import { eventToProto } from '../../src/agentwire/index.js';
import { OFCONN_REPLY_MAX } from '../../src/connmgr/index.js';
import { encode, NO_BUFFER, OFPP_CONTROLLER } from '../../src/openflow/index.js';
import { startApi, type ApiHarness } from '../support/api-client.js';
import { OfClient, typesOf } from '../support/of-client.js';
import { TestAgent, testSwitch } from '../support/test-agent.js';
import { until } from '../support/loopback.js';

const SERVICE = 'ptcp:0:127.0.0.1';
const BIG = 60_000;

async function served(t: { teardown(fn: () => Promise<void> | void): void }): Promise<{ api: ApiHarness; port: number }> {
  const api = await startApi();
  t.teardown(() => api.close());
  await api.call('createBridge', { bridge: { name: 'br0', datapath_id: '00000000000000b1' } });
  await api.call('setControllers', { bridge: 'br0', controllers: [{ target: SERVICE, type: 'PRIMARY' }] });
  const port = api.server.bridges.get('br0').mgr.service(SERVICE)?.port;
  if (!port) throw new Error('the listener did not open');
  return { api, port };
}

/** An OF1.3 PACKET_OUT of a 60 000-byte frame from CONTROLLER to port 1. */
function bigPacketOut(xid: number): Buffer {
  return encode({
    type: 'packet_out', version: 4, xid, bufferId: NO_BUFFER, inPort: OFPP_CONTROLLER, metadata: [],
    actions: [{ type: 'output', port: 1, maxLen: 0 }], data: new Uint8Array(BIG).fill(0x5a),
  });
}

test('an agent that stops reading: the primary\'s stream fills, the controllers\' sockets stop being read, nothing piles up; all goes through after', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(0xb1n, 'br0');
  let sent = 0;
  sw.setTransmitListener(() => sent++);
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  await c.barrier();
  const bridge = api.server.bridges.get('br0');
  const channel = bridge.agent!;
  const session = bridge.mgr.sessions[0]!;
  agent.pause();
  const n = 200;
  for (let i = 0; i < n; i++) c.send(bigPacketOut(i + 1));
  await until(() => channel.isRequestsPaused, 'the primary\'s stream to push back', 10_000);
  t.true(bridge.mgr.datapathRequestsPaused);
  await until(() => session.isReadingPaused, 'the session to stop reading');
  await new Promise((r) => setTimeout(r, 300));
  const waiting = channel.unansweredRequests;
  t.true(waiting < OFCONN_REPLY_MAX / 2, `${waiting} requests in flight: held by the channel's backpressure, not by the session's own limit of ${OFCONN_REPLY_MAX}`);
  t.true(session.repliesOwed < OFCONN_REPLY_MAX);
  await new Promise((r) => setTimeout(r, 200));
  t.is(channel.unansweredRequests, waiting, 'nothing more is read while the agent does not read');
  agent.resume();
  await until(() => sent === n, `all ${n} packet-outs carried out by the agent's switch`, 20_000);
  t.deepEqual(typesOf(await c.barrier(10_000)), []);
  t.false(channel.isRequestsPaused);
  t.false(session.isReadingPaused);
});

test('a controller that stops reading: its send queue congests, the service stops reading the agent\'s stream; the agent resumes once the controller reads', async (t) => {
  const { api, port } = await served(t);
  const sw = testSwitch(0xb1n, 'br0');
  const agent = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n, sw });
  t.teardown(() => agent.close());
  const c = await OfClient.connect(port, 4);
  t.teardown(() => c.close());
  await c.barrier();
  const bridge = api.server.bridges.get('br0');
  const channel = bridge.agent!;
  const session = bridge.mgr.sessions[0]!;
  c.pause();
  const packetIn = eventToProto({
    type: 'packet_in', reason: 'action', tableId: 0, cookie: 0n, metadata: [{ field: 'in_port', value: 1 }],
    frame: new Uint8Array(BIG).fill(0xa5), controllerId: 0, maxLen: 0xffff,
  });
  // The agent writes as a well-behaved gRPC client does: when write()
  // says no, it waits for 'drain'.  'blocked': it has waited over 500 ms.
  let written = 0;
  let blocked = false;
  let stop = false;
  const writer = (async () => {
    while (!stop && written < 2000) {
      const paced = agent.sendPaced(packetIn);
      const done = await Promise.race([paced.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 500))]);
      if (!done) {
        blocked = true;
        await paced;
        blocked = false;
      }
      written++;
    }
  })();
  await until(() => channel.isEventsPaused, 'the service to stop reading the agent', 20_000);
  t.true(bridge.mgr.sendQueuesCongested);
  await until(() => blocked, 'the agent\'s writes to be held back', 20_000);
  const handled = session.stats.packetInsSent + session.stats.packetInsDropped;
  await new Promise((r) => setTimeout(r, 300));
  t.is(session.stats.packetInsSent + session.stats.packetInsDropped, handled, 'no more packet-ins taken while the controller does not read');
  t.true(blocked && written < 2000, `the agent wrote ${written} packet-ins and is held back`);
  c.resume();
  await until(() => !blocked, 'the agent\'s writes to go again', 20_000);
  const resumedAt = written;
  await until(() => written > resumedAt + 10, 'more packet-ins from the agent', 20_000);
  stop = true;
  await writer;
  await until(() => !channel.isEventsPaused && !bridge.mgr.sendQueuesCongested, 'the congestion to clear', 20_000);
});
