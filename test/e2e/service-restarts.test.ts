/**
 * End to end, each side killed and restarted (issue 6, "Proven by
 * end-to-end tests with real processes"), with `ofconnmgr serve` and
 * `ofconnmgr agent` as separate child processes.
 *
 *  - The agent killed (SIGKILL) in the middle of a flow-mod stream, twice:
 *    under `ovs-ofctl add-flows` on the service listener, which stops with
 *    the OpenFlow error it got rather than waiting forever; and under the
 *    bridge's primary controller (a raw OpenFlow 1.3 client in this process
 *    that the service dialled), which streams FLOW_MODs with a barrier at
 *    the end: every FLOW_MOD the dead agent did not answer, and every one
 *    that came after, gets an OFPT_ERROR naming it, the barrier is answered,
 *    and the controller's session stays up through it all.  Once the
 *    restarted agent attaches (empty, as a restarted datapath is) the same
 *    session's FLOW_MODs land in it again.
 *  - The service killed (SIGKILL) and restarted with the same --state-dir:
 *    the configuration comes back (ctl get-controller, get-fail-mode,
 *    list-controllers), ovs-testcontroller gets a new connection, the agent
 *    attaches again by itself, and the service listener answers ovs-ofctl
 *    again.  That the controller's flows then reach the agent is a known
 *    failure (see the test marked failing).
 */

import test, { type ExecutionContext } from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode, type FlowModMsg, type OfpMessage } from '../../src/openflow/index.js';
import { ControllerProcess, hasTestController } from '../support/controller-process.js';
import { arpFrame, BROADCAST, hexOf, MAC_A } from '../support/frames.js';
import { freeLoopbackPort, until } from '../support/loopback.js';
import { ControllerServer, msgOf, type OfClient } from '../support/of-client.js';
import { hasOvsTools, ofctlRun } from '../support/ofctl-monitor.js';
import { OpenFlowTap } from '../support/openflow-tap.js';
import { control, eventually, flowsOf, ServiceLab, statsOf, type AgentHandle } from '../support/service-lab.js';

const peerTest = hasOvsTools ? test : test.skip;
const controllerTest = hasOvsTools && hasTestController ? test : test.skip;

/** An OpenFlow 1.3 FLOW_MOD adding in_port=1 → output:2 at 'priority', with xid 'xid'. */
function flowMod(xid: number, priority: number): Buffer {
  const m: FlowModMsg = {
    type: 'flow_mod', version: 4, xid, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority, bufferId: 0xffffffff, outPort: 0xffffffff, outGroup: 0xffffffff, flags: 0, importance: 0,
    match: [{ field: 'in_port', value: 1 }], instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: 2, maxLen: 0 }] }],
  };
  return encode(m);
}

/** Kills the agent (SIGKILL) once its switch has carried out 'more' requests beyond what it had; resolves with how many it had then. */
async function killMidStream(agent: AgentHandle, more: number): Promise<number> {
  const base = statsOf(await control(agent.sock, 'stats'))['requests']!;
  const seen = await eventually(async () => statsOf(await control(agent.sock, 'stats'))['requests']!, (n) => n >= base + more,
    `the agent to carry out ${more} requests`, 60_000, 5);
  await agent.process.stop('SIGKILL');
  return seen - base;
}

/** The xid of the request an OFPT_ERROR's data carries. */
function failedXid(m: Extract<OfpMessage, { type: 'error' }>): number {
  return Buffer.from(m.data).readUInt32BE(4);
}

peerTest('the agent killed in the middle of a flow-mod stream: ovs-ofctl add-flows stops with an OpenFlow error; the controller\'s FLOW_MODs in flight get errors, the rest wait and land in the restarted agent, its session staying up', async (t) => {
  t.timeout(240_000);
  const lab = await ServiceLab.start(t);
  const listen = await freeLoopbackPort();
  const controller = await ControllerServer.start(4);
  t.teardown(() => controller.close());
  await lab.ctlOk('add-br', 'br0');
  let agent = await lab.startAgent('br0', ['--ports', '2']);
  await lab.ctlOk('set-controller', 'br0', controller.target, `ptcp:${listen}:127.0.0.1`);
  const session: OfClient = await controller.next(20_000);
  await session.barrier(10_000);
  const S = `tcp:127.0.0.1:${listen}`;

  // 1. ovs-ofctl add-flows of 4,000 flows; the agent dies under it.
  const file = join(lab.dir, 'flows.txt');
  writeFileSync(file, Array.from({ length: 4000 }, (_, i) => `priority=${i + 1},in_port=2,actions=output:1`).join('\n') + '\n');
  const adding = ofctlRun(lab.dir, ['-O', 'OpenFlow13', 'add-flows', S, file], 120_000);
  const done = await killMidStream(agent, 300);
  const r = await adding;
  t.is(r.status, 1, `ovs-ofctl add-flows fails (the agent carried out ${done} requests before it died): ${r.stderr}`);
  t.regex(r.stderr, /^OFPT_ERROR \(OF1\.3\) \(xid=0x[0-9a-f]+\): OFPBRC_EPERM\nOFPT_FLOW_MOD \(OF1\.3\) \(xid=0x[0-9a-f]+\): ADD priority=\d+,in_port=2 actions=output:1\n/);

  // The controller's session is still up without an agent: its FLOW_MOD waits for the next one.
  t.false(session.closed);
  session.send(flowMod(0x10, 5));

  // 2. The agent is back and carries out the waiting FLOW_MOD; the controller streams 4,000
  // FLOW_MODs and a barrier, and the agent dies again.
  agent = await lab.startAgent('br0', ['--ports', '2']);
  t.deepEqual((await session.barrier(20_000)).map(msgOf).filter((m) => m.type === 'error'), [], 'the waiting FLOW_MOD was carried out');
  t.true(flowsOf(await control(agent.sock, 'dump-flows')).some((f) => f.includes('priority=5,in_port=1 actions=output:2')));
  const N = 4000;
  const XID0 = 0x1000;
  session.send(Buffer.concat(Array.from({ length: N }, (_, i) => flowMod(XID0 + i, 1000 + i))));
  const carried = await killMidStream(agent, 300);
  const barrier = session.barrier(60_000);
  // 3. The agent restarts (empty, as a restarted datapath): what the dead one left unanswered
  // got errors; what had not reached it yet waited and lands in the new one.
  agent = await lab.startAgent('br0', ['--ports', '2']);
  const answers = (await barrier).map(msgOf);
  const errors = answers.filter((m): m is Extract<OfpMessage, { type: 'error' }> => m.type === 'error');
  t.deepEqual(answers.filter((m) => m.type !== 'error' && m.type !== 'port_status').map((m) => m.type), [], 'errors only (and port status)');
  t.true(errors.length > 0, `FLOW_MODs in flight when the agent died got errors (it had carried out ${carried})`);
  t.true(errors.every((m) => m.error === 'OFPBRC_EPERM' && m.xid === failedXid(m)), 'each error is OFPBRC_EPERM and names its FLOW_MOD');
  const failed = errors.map(failedXid).sort((a, b) => a - b);
  t.is(new Set(failed).size, failed.length, 'one error per FLOW_MOD');
  t.deepEqual(failed, Array.from({ length: failed.at(-1)! - failed[0]! + 1 }, (_, i) => failed[0]! + i), 'the FLOW_MODs in flight, a run');
  t.true(failed[0]! > XID0, `the agent died mid-stream: it had answered the first ${failed[0]! - XID0} (counted ${carried} requests)`);
  const landed = flowsOf(await control(agent.sock, 'dump-flows')).map((f) => Number(/priority=(\d+)/.exec(f)?.[1]));
  const expected = Array.from({ length: XID0 + N - 1 - failed.at(-1)! }, (_, i) => 1000 + failed.at(-1)! + 1 - XID0 + i);
  t.deepEqual(landed.filter((p) => p >= 1000 && p < 1000 + N).sort((a, b) => a - b), expected, 'every FLOW_MOD after those landed in the new agent, none twice, none lost');
  t.false(session.closed, 'the controller session stayed up');
  t.is(controller.clients.length, 1, 'and was never reconnected');

  // The same session's FLOW_MODs and ovs-ofctl's land in the new agent.
  session.send(flowMod(0x20, 77));
  t.deepEqual((await session.barrier(10_000)).map(msgOf).filter((m) => m.type === 'error'), []);
  t.true(flowsOf(await control(agent.sock, 'dump-flows')).includes('cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=77,in_port=1 actions=output:2'));
  const add = await ofctlRun(lab.dir, ['-O', 'OpenFlow13', 'add-flow', S, 'priority=78,in_port=2,actions=output:1']);
  t.is(add.status, 0, add.stderr);
  const top = flowsOf((await ofctlRun(lab.dir, ['-O', 'OpenFlow13', 'dump-flows', S])).stdout).filter((f) => /priority=7[78],/.test(f));
  t.deepEqual(top, [
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=78,in_port=2 actions=output:1',
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=77,in_port=1 actions=output:2',
  ]);
  const [listed] = await lab.listControllersAwake('br0');
  t.like(listed, { target: controller.target, is_connected: true, status: { state: 'ACTIVE' } });
  t.false('sec_since_disconnect' in listed!.status, 'the controller was never disconnected');
});

/** A service whose process was killed and started again, with what it served before. */
interface Restarted {
  readonly lab: ServiceLab;
  readonly agent: AgentHandle;
  /** The relay in front of ovs-testcontroller (the bridge's controller target). */
  readonly tap: OpenFlowTap;
  /** The service listener, tcp:127.0.0.1:PORT. */
  readonly listener: string;
}

const TABLE_MISS = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535';

/**
 * br0 (fail mode secure) with its agent, ovs-testcontroller -O OpenFlow13
 * (which installs a table-miss flow) and a service listener; the service
 * is killed with SIGKILL once the controller's flow is in the agent, and
 * started again with the same state directory and address.
 */
async function restartedService(t: ExecutionContext): Promise<Restarted> {
  t.timeout(240_000);
  const tc = await ControllerProcess.testController(4, ['priority=0 actions=CONTROLLER:65535'], 20_000);
  t.teardown(() => tc.stop());
  const tap = await OpenFlowTap.listen(tc.port);
  t.teardown(() => tap.close());
  const lab = await ServiceLab.start(t);
  const listen = await freeLoopbackPort();
  await lab.ctlOk('add-br', 'br0');
  await lab.ctlOk('set-fail-mode', 'br0', 'secure');
  const agent = await lab.startAgent('br0', ['--ports', '2']);
  await lab.ctlOk('set-controller', 'br0', tap.target, `ptcp:${listen}:127.0.0.1`);
  await eventually(async () => flowsOf(await control(agent.sock, 'dump-flows')), (f) => f.includes(TABLE_MISS), 'the controller\'s table-miss flow', 20_000);
  t.is(tap.sent('hello', true).length, 1, 'one connection to the controller');

  t.is(await lab.serve.stop('SIGKILL'), 'SIGKILL');
  await agent.process.waitFor(/br0: lost connection to 127\.0\.0\.1:\d+/, 20_000);
  await lab.startServe();
  await lab.serve.waitFor(/state file .* \(1 bridge\(s\) restored\)/);
  return { lab, agent, tap, listener: `tcp:127.0.0.1:${listen}` };
}

controllerTest('the service killed and restarted with the same state directory: configuration restored, ovs-testcontroller reconnected, the agent attached again by itself, the service listener answers', async (t) => {
  const { lab, agent, tap, listener } = await restartedService(t);
  t.deepEqual(await lab.ctlOk('get-controller', 'br0'), [tap.target, `ptcp:${listener.split(':')[2]}:127.0.0.1`]);
  t.deepEqual(await lab.ctlOk('get-fail-mode', 'br0'), ['secure']);
  await until(() => tap.sent('hello', true).length === 2, () => `a second connection to the controller (${tap.sent('hello', true).length})`, 20_000);
  await until(() => (agent.process.output.match(/as primary/g) ?? []).length === 2, () => `the agent to attach again:\n${agent.process.output}`, 30_000);
  const [listed] = await lab.listControllersAwake('br0');
  t.like(listed, { target: tap.target, is_connected: true, role: 'other', status: { state: 'ACTIVE' } });
  // The service listener answers again, with the agent's ports.
  const show = await ofctlRun(lab.dir, ['-O', 'OpenFlow13', 'show', listener]);
  t.is(show.status, 0, show.stderr);
  t.regex(show.stdout, / 1\(p1\): addr:.*\n[\s\S]* 2\(p2\): addr:/);
  t.is((await ofctlRun(lab.dir, ['-O', 'OpenFlow13', 'probe', listener])).status, 0);
});

// The restarted service reconnects its controllers before the agent attaches again (by design),
// so ovs-testcontroller sends its table-miss FLOW_MOD while no agent serves the bridge.  The
// request waits for the agent (agent-channel.ts: up to 20 s) and reaches it after the replay of
// connmgr's state, as a restarted ovs-vswitchd would have it: no error, and packet-ins again.
(hasOvsTools && hasTestController ? test.serial : test.skip)('after the service restarts, the controller\'s reinstalled table-miss flow reaches the agent and frames are packet-ins again', async (t) => {
  const { agent, tap } = await restartedService(t);
  await until(() => (agent.process.output.match(/as primary/g) ?? []).length === 2, () => `the agent to attach again:\n${agent.process.output}`, 30_000);
  t.deepEqual(tap.sent('error', true).map((m) => m.error), [], 'no error to the controller');
  await eventually(async () => flowsOf(await control(agent.sock, 'dump-flows')), (f) => f.includes(TABLE_MISS), 'the table-miss flow installed again', 25_000);
  const frame = arpFrame({ src: MAC_A, dst: BROADCAST });
  await control(agent.sock, 'inject', '1', hexOf(frame));
  t.deepEqual(await eventually(async () => control(agent.sock, 'tx', '2'), (f) => f.length > 0, 'the frame flooded to port 2', 20_000), [hexOf(frame)]);
});
