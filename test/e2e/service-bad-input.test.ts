/**
 * End to end, bad input through the API (issue 6, "Proven by end-to-end
 * tests with real processes"): one `ofconnmgr serve` process with bridge
 * br0, its `ofconnmgr agent` process (election id 5) and an OpenFlow 1.0
 * controller session (a raw OpenFlow client listening in this process, the
 * bridge's controller by `ofconnmgr ctl set-controller`).  Each bad input
 * gets its own gRPC status, as a user sees it, and nothing else is
 * disturbed: after each, the same controller session (never reconnected)
 * still gets the agent's packet-ins, its FLOW_MODs still land in the
 * agent's table, the agent is still the primary, and the configuration is
 * what it was (nothing half applied).
 *
 *  - malformed targets (`ctl set-controller` with "tcp:", "bogus:1", a
 *    port above 65535): INVALID_ARGUMENT naming the entry;
 *  - an unknown bridge (ctl calls, an agent for it): NOT_FOUND;
 *  - a second agent with a lower election id: a backup (Arbitration
 *    ALREADY_EXISTS), the first stays primary; one with the same id is
 *    refused with INVALID_ARGUMENT;
 *  - a PacketIn for a port the datapath does not have: a StreamError
 *    INVALID_ARGUMENT on that agent's stream, which stays open.  That one
 *    runs on a second bridge br1 with a scripted agent (a gRPC Attach client
 *    in this process), since a higher election id on br0 would preempt.
 *
 * The tests share the service and run in order (test.serial).
 */

import * as grpc from '@grpc/grpc-js';
import test, { type ExecutionContext } from 'ava';
import { eventToProto } from '../../src/agentwire/index.js';
import { encode, type FlowModMsg } from '../../src/openflow/index.js';
import { CliProcess } from '../support/cli-process.js';
import { arpFrame, hexOf, MAC_A } from '../support/frames.js';
import { ControllerServer, msgOf, type OfClient } from '../support/of-client.js';
import { control, eventually, flowsOf, ServiceLab, type AgentHandle } from '../support/service-lab.js';
import { TestAgent, testSwitch } from '../support/test-agent.js';

let lab: ServiceLab;
let agent: AgentHandle;
let controller: ControllerServer;
let session: OfClient;
/** How many times stillWorking() ran: each run uses its own frame and flow. */
let checks = 0;

test.before(async () => {
  lab = await ServiceLab.start(null);
  await lab.ctlOk('add-br', 'br0');
  agent = await lab.startAgent('br0', ['--ports', '2', '--election-id', '5']);
  controller = await ControllerServer.start(1);
  await lab.ctlOk('set-controller', 'br0', controller.target);
  session = await controller.next(20_000);
  await session.barrier();
  // An OpenFlow 1.0 session with controller id 0 wants table misses (§4.8.7): the agent hears it.
  await eventually(() => control(agent.sock, 'stats'), (s) => s[0]!.includes('miss_to_controller=true'), 'misses to go to the controller');
});

test.after.always(async () => {
  await controller?.close();
  await lab?.close();
});

/** An OpenFlow 1.0 FLOW_MOD adding in_port=2 → output:1 at 'priority'. */
function flowMod(priority: number): Buffer {
  const m: FlowModMsg = {
    type: 'flow_mod', version: 1, xid: 0x100 + priority, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [{ field: 'in_port', value: 2 }], instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 1, maxLen: 0 }] }],
  };
  return encode(m);
}

/** Takes the session's messages until the packet-in carrying 'frame'; throws on anything but packet-ins and port status. */
async function packetInOf(c: OfClient, frame: Buffer): Promise<void> {
  for (;;) {
    const m = msgOf(await c.next(10_000));
    if (m.type === 'packet_in' && Buffer.from(m.data).equals(frame)) return;
    if (m.type !== 'packet_in' && m.type !== 'port_status') throw new Error(`unexpected ${m.type} on the controller session`);
  }
}

/**
 * br0 is undisturbed: the same controller session (no reconnection) gets
 * a packet-in for a frame injected into the agent, a FLOW_MOD it sends
 * lands in the agent's table, the agent is br0's primary with election id
 * 5, and br0's controller is still the one configured, connected.
 */
async function stillWorking(t: ExecutionContext): Promise<void> {
  const n = ++checks;
  t.false(session.closed, 'the controller session is up');
  t.is(controller.clients.length, 1, 'and was never reconnected');
  const frame = arpFrame({ src: MAC_A, spa: `10.0.9.${n}` });
  await control(agent.sock, 'inject', '1', hexOf(frame));
  await packetInOf(session, frame);
  session.send(flowMod(100 + n));
  t.deepEqual((await session.barrier(10_000)).map((r) => msgOf(r).type).filter((x) => x !== 'packet_in' && x !== 'port_status'), [], 'no error');
  t.true(flowsOf(await control(agent.sock, 'dump-flows')).includes(`cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=${100 + n},in_port=2 actions=output:1`),
    'the FLOW_MOD landed in the agent\'s table');
  t.regex((await control(agent.sock, 'stats'))[0]!, /^agent state=primary election_id=5 primary_election_id=5 /);
  const listed = await lab.listControllersAwake('br0');
  t.is(listed.length, 1, 'br0\'s configuration is unchanged');
  t.like(listed[0], { target: controller.target, is_connected: true, sessions: 1, status: { state: 'ACTIVE' } });
}

test.serial('br0 works before any bad input', async (t) => {
  await stillWorking(t);
});

test.serial('ctl set-controller with a malformed target: INVALID_ARGUMENT naming the entry, nothing applied, br0 undisturbed (§3)', async (t) => {
  const cases: [string[], number, RegExp][] = [
    [['tcp:'], 0, /: host must be specified$/],
    [[controller.target, 'bogus:1'], 1, /: unsupported prefix "bogus:"/],
    [['tcp:127.0.0.1:99999'], 0, /: bad port number "99999" \(greater than 65535\)$/],
  ];
  for (const [targets, entry, why] of cases) {
    const r = await lab.ctl('set-controller', 'br0', ...targets);
    t.is(r.status, 1, `set-controller ${targets.join(' ')}`);
    t.is(r.stdout, '');
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    t.is(lines.length, 1, `one line: ${r.stderr}`);
    t.true(lines[0]!.startsWith(`ofconnmgr ctl: set-controller: INVALID_ARGUMENT: controllers[${entry}].target: "${targets[entry]}"`), lines[0]);
    t.regex(lines[0]!, why);
    t.deepEqual(await lab.ctlOk('get-controller', 'br0'), [controller.target], 'nothing applied');
    await stillWorking(t);
  }
});

test.serial('an unknown bridge: NOT_FOUND from ctl and for an agent, br0 undisturbed', async (t) => {
  for (const args of [['set-controller', 'nosuch', 'tcp:127.0.0.1:6653'], ['list-controllers', 'nosuch'], ['get-controller', 'nosuch'], ['set-snoop', 'nosuch']]) {
    const r = await lab.ctl(...args);
    t.is(r.status, 1, args.join(' '));
    t.regex(r.stderr, new RegExp(`^ofconnmgr ctl: ${args[0]}: NOT_FOUND: .*"nosuch".*\n$`));
  }
  const stray = lab.track(CliProcess.start(['agent', '--server', lab.server, '--bridge', 'nosuch']));
  await stray.waitFor(/nosuch: cannot attach to 127\.0\.0\.1:\d+: NOT_FOUND: .*nosuch/, 30_000);
  t.is(await stray.stop('SIGTERM'), 0);
  await stillWorking(t);
});

test.serial('a second agent with a lower election id is a backup (ALREADY_EXISTS) and the first stays primary; one with the same id is refused with INVALID_ARGUMENT; br0 undisturbed', async (t) => {
  const backup = await lab.startAgent('br0', ['--ports', '2', '--election-id', '2'], /as (backup|primary)/);
  t.regex(backup.process.output, /br0: attached to 127\.0\.0\.1:\d+ as backup \(election id 2; primary 5\)/);
  t.regex((await control(backup.sock, 'stats'))[0]!, /^agent state=backup election_id=2 primary_election_id=5 /);
  await stillWorking(t);
  t.deepEqual(await control(backup.sock, 'dump-flows'), [], 'the backup\'s switch got none of the controller\'s flows');

  // The same Arbitration seen by a gRPC client: code ALREADY_EXISTS, the primary's id.
  const scripted = await TestAgent.attach(lab.server, { bridge: 'br0', electionId: 3n, features: { n_tables: 254, ports: [] } });
  t.teardown(() => scripted.close());
  t.is(scripted.arbitrations[0]!.code, grpc.status.ALREADY_EXISTS);
  t.is(scripted.arbitrations[0]!.primary_election_id?.low, '5');
  scripted.close();

  const twin = lab.track(CliProcess.start(['agent', '--server', lab.server, '--bridge', 'br0', '--election-id', '5']));
  await twin.waitFor(/br0: cannot attach to 127\.0\.0\.1:\d+: INVALID_ARGUMENT: hello\.election_id: an agent with election id 5 is already attached to bridge br0/, 30_000);
  t.is(await twin.stop('SIGTERM'), 0);
  await stillWorking(t);

  t.is(await backup.process.stop('SIGTERM'), 0);
  await stillWorking(t);
});

test.serial('a PacketIn for a port the datapath does not have: StreamError INVALID_ARGUMENT on br1\'s agent stream, which goes on; br0 undisturbed', async (t) => {
  await lab.ctlOk('add-br', 'br1');
  const br1Controller = await ControllerServer.start(1);
  t.teardown(() => br1Controller.close());
  await lab.ctlOk('set-controller', 'br1', br1Controller.target);
  const c = await br1Controller.next(20_000);
  const sw = testSwitch(0xb1n, 'br1', 2);
  const scripted = await TestAgent.attach(lab.server, { bridge: 'br1', electionId: 1n, sw });
  t.teardown(() => scripted.close());
  t.true(scripted.isPrimary);
  await scripted.waitFor(() => sw.missSendsToController, 'br1\'s misses to go to its controller', 10_000);

  const frame = arpFrame({ src: MAC_A, spa: '10.0.8.1' });
  scripted.send({ message_id: 42, ...eventToProto({ type: 'packet_in', reason: 'no_match', tableId: 0, cookie: 0xffffffffffffffffn,
    metadata: [{ field: 'in_port', value: 99 }], frame, controllerId: 0, maxLen: 0xffff }) });
  const err = await scripted.next((m) => m.body === 'error', 10_000);
  t.is(err.error!.code, grpc.status.INVALID_ARGUMENT);
  t.is(err.error!.message, 'packet_in.metadata: in_port 99 is not a port of the datapath');
  t.is(err.error!.message_id, '42');
  // The stream goes on: a packet-in from a real port reaches br1's controller.
  sw.inject(1, frame);
  await packetInOf(c, frame);
  t.is(scripted.status, null, 'the Attach call was not ended');
  t.true(scripted.isPrimary);
  await stillWorking(t);
});
