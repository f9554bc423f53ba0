/**
 * End to end with real controllers and real processes (issue 6, "Proven
 * by end-to-end tests with real processes"): `ofconnmgr serve` and
 * `ofconnmgr agent` (ports 1, 2 and LOCAL) as separate child processes,
 * the bridge's controller set with `ofconnmgr ctl set-controller`, and a
 * real controller process as the peer: ovs-testcontroller over OpenFlow
 * 1.0 (misses reach it because an OF1.0 session asks for them, §4.8.7)
 * and over OpenFlow 1.3 (which drops misses, so it installs a table-miss
 * flow given with --with-flows), and osken-manager running the project's
 * own OpenFlow 1.3 learning switch (osken_learning_switch.py), which here
 * also asks to be master.
 *
 * Frames go in through the agent's control socket (`inject`); what the
 * switch sent comes back from it (`tx PORT`), with its flows (`dump-flows`)
 * and counters (`stats`: packet_ins_sent).  The first frames between two
 * hosts become packet-ins and are forwarded by the controller's
 * PACKET_OUTs; its FLOW_MODs land in the agent's flow table; later frames
 * are forwarded by those flows with no new packet-in.  `ofconnmgr ctl
 * list-controllers` (table and --json) shows the session as Open vSwitch's
 * Controller table does (§4.12.1): connected, ACTIVE, the role and
 * sec_since_connect.
 *
 * The controller is reached through a recording relay (OpenFlowTap), so
 * the test also knows what the controller itself received and sent: it is
 * ready once our FEATURES_REPLY reached it (ovs-testcontroller drops every
 * packet-in that comes before), and it got exactly the packet-ins the
 * agent counted.
 */

import test, { type ExecutionContext } from 'ava';
import { fileURLToPath } from 'node:url';
import { ControllerProcess, hasOskenManager, hasTestController } from '../support/controller-process.js';
import { arpFrame, BROADCAST, hexOf, MAC_A, MAC_B, tcpFrame } from '../support/frames.js';
import { OpenFlowTap } from '../support/openflow-tap.js';
import {
  agentCtl, control, eventually, flowsOf, ServiceLab, statsOf, type AgentHandle,
} from '../support/service-lab.js';

interface Bench {
  readonly lab: ServiceLab;
  readonly agent: AgentHandle;
  /** The relay in front of the controller: the bridge's controller target. */
  readonly tap: OpenFlowTap;
  /** When `ctl set-controller` was started (ms, this process's clock). */
  readonly configuredAt: number;
}

/**
 * A service with bridge br0, its agent (ports 1 and 2) attached, and
 * 'controller' (behind a relay) as br0's one controller, configured with
 * `ofconnmgr ctl set-controller`.
 */
async function bench(t: ExecutionContext, controller: ControllerProcess): Promise<Bench> {
  t.teardown(() => controller.stop());
  const lab = await ServiceLab.start(t);
  await lab.ctlOk('add-br', 'br0');
  const agent = await lab.startAgent('br0', ['--ports', '2']);
  const tap = await OpenFlowTap.listen(controller.port);
  t.teardown(() => tap.close());
  const configuredAt = Date.now();
  await lab.ctlOk('set-controller', 'br0', tap.target);
  return { lab, agent, tap, configuredAt };
}

const PORTS = ['1', '2', 'LOCAL'] as const;
type PortName = (typeof PORTS)[number];

/** The agent's counters. */
async function stats(b: Bench): Promise<Record<string, number>> {
  return statsOf(await control(b.agent.sock, 'stats'));
}

/** Empties the agent's per-port record of frames sent. */
async function clearTx(b: Bench): Promise<void> {
  for (const p of PORTS) await control(b.agent.sock, 'tx', p);
}

/**
 * Injects 'frame' on 'port' where no flow forwards it yet: the agent sends
 * one packet-in, the controller gets it, and the controller's PACKET_OUT
 * sends the frame out of 'expect' (and nowhere else).
 */
async function throughController(t: ExecutionContext, b: Bench, port: PortName, frame: Buffer, expect: PortName[]): Promise<void> {
  const hex = hexOf(frame);
  const before = (await stats(b)).packet_ins_sent!;
  const packetInsBefore = b.tap.sent('packet_in', true).length;
  const packetOutsBefore = b.tap.sent('packet_out', false).length;
  await control(b.agent.sock, 'inject', port, hex);
  const sent: Record<string, string[]> = { 1: [], 2: [], LOCAL: [] };
  await eventually(async () => {
    for (const p of PORTS) sent[p]!.push(...await control(b.agent.sock, 'tx', p));
    return sent;
  }, (s) => expect.every((p) => s[p]!.includes(hex)), `the frame from port ${port} to leave by ${expect.join(', ')}`, 15_000);
  t.deepEqual(PORTS.filter((p) => sent[p]!.length > 0), PORTS.filter((p) => expect.includes(p)), `the frame from port ${port} left by ${expect.join(', ')} only`);
  t.true(Object.values(sent).flat().every((f) => f === hex), 'the controller sent the frame back unchanged');
  t.is((await stats(b)).packet_ins_sent, before + 1, 'the agent sent one packet-in');
  const packetIns = b.tap.sent('packet_in', true);
  t.is(packetIns.length, packetInsBefore + 1, 'the controller got one packet-in');
  t.is(hexOf(packetIns.at(-1)!.data), hex, 'the packet-in carries the whole frame');
  t.true(b.tap.sent('packet_out', false).length > packetOutsBefore, 'the controller answered with a PACKET_OUT');
}

/** The learned flows in the agent's table: what `agent-ctl dump-flows` prints, hidden (in-band) and table-miss flows left out. */
function learnedFlows(dump: readonly string[]): string[] {
  return flowsOf(dump).filter((l) => {
    const priority = Number(/priority=(\d+)/.exec(l)?.[1] ?? 32768);
    return priority > 0 && priority <= 65535;
  });
}

async function agentFlows(b: Bench): Promise<string[]> {
  return learnedFlows(await control(b.agent.sock, 'dump-flows'));
}

/**
 * A → B on port 1 and B → A on port 2, 'n' times each, are forwarded by
 * flows: each leaves by the other port, and no packet-in is sent.
 */
async function byFlows(t: ExecutionContext, b: Bench, n: number): Promise<void> {
  const before = (await stats(b)).packet_ins_sent!;
  const packetInsBefore = b.tap.sent('packet_in', true).length;
  await clearTx(b);
  for (let i = 0; i < n; i++) {
    await control(b.agent.sock, 'inject', '1', hexOf(tcpAB));
    await control(b.agent.sock, 'inject', '2', hexOf(tcpBA));
  }
  // A flow forwards inside the inject command, so the frames are out by now.
  t.deepEqual(await control(b.agent.sock, 'tx', '2'), Array<string>(n).fill(hexOf(tcpAB)));
  t.deepEqual(await control(b.agent.sock, 'tx', '1'), Array<string>(n).fill(hexOf(tcpBA)));
  t.deepEqual(await control(b.agent.sock, 'tx', 'LOCAL'), []);
  // Give anything still on its way to the controller the time to arrive.
  await new Promise((r) => setTimeout(r, 300));
  t.is((await stats(b)).packet_ins_sent, before, 'no packet-in once the flows are in');
  t.is(b.tap.sent('packet_in', true).length, packetInsBefore);
}

/**
 * What a user reads of the flows with `ofconnmgr agent-ctl dump-flows`:
 * a flow from each port that matched B's or A's address, carried the 'n'
 * steady frames each way, and idles out after 60 s.
 */
async function assertFlowsSeenByUser(t: ExecutionContext, b: Bench, n: number): Promise<void> {
  const flows = learnedFlows(await agentCtl(b.agent.sock, 'dump-flows'));
  const counted = (l: string): number => Number(/n_packets=(\d+)/.exec(l)?.[1]);
  const toB = flows.filter((l) => /in_port=1\b/.test(l) && l.includes(`dl_dst=${MAC_B}`) && l.endsWith('actions=output:2'));
  const toA = flows.filter((l) => /in_port=2\b/.test(l) && l.includes(`dl_dst=${MAC_A}`) && l.endsWith('actions=output:1'));
  t.true(toB.some((l) => counted(l) >= n), `a flow to B forwarded the steady frames:\n${flows.join('\n')}`);
  t.true(toA.some((l) => counted(l) >= n), `a flow to A forwarded the steady frames:\n${flows.join('\n')}`);
  t.true(flows.every((l) => l.includes('idle_timeout=60,')), `learned flows idle out after 60 s:\n${flows.join('\n')}`);
}

/**
 * `ofconnmgr ctl list-controllers br0`, as a table and as --json: the
 * controller's target is connected, ACTIVE, in 'role', and connected no
 * longer ago than the configuration.
 */
async function assertListed(t: ExecutionContext, b: Bench, role: 'other' | 'master'): Promise<void> {
  // Asked again while the session is IDLE: an inactivity probe is out (§1.3.2), as happens on a loaded machine.
  const table = await eventually(() => b.lab.ctlOk('list-controllers', 'br0'), (l) => !/\sIDLE\s/.test(l.join('\n')), 'list-controllers with the session awake', 20_000, 250);
  t.regex(table[0]!, /^target\s+is_connected\s+role\s+state\s+last_error\s+sec_since_connect\s+sec_since_disconnect$/);
  t.is(table.length, 2, table.join('\n'));
  const row = table[1]!.split(/\s+/);
  t.deepEqual(row.slice(0, 5), [b.tap.target, 'true', role, 'ACTIVE', '-'], table.join('\n'));
  t.regex(row[5]!, /^\d+$/, 'sec_since_connect is a whole number of seconds');
  t.is(row[6], '-', 'never disconnected');
  const elapsed = (Date.now() - b.configuredAt) / 1000;
  t.true(Number(row[5]) <= elapsed + 1, `connected ${row[5]} s ago, configured ${elapsed.toFixed(1)} s ago`);

  const [c, ...others] = await b.lab.listControllersAwake('br0');
  t.is(others.length, 0);
  t.like(c, { target: b.tap.target, type: 'primary', is_connected: true, role, sessions: 1, status: { state: 'ACTIVE' } });
  t.regex(c!.status['sec_since_connect'] ?? '', /^\d+$/);
  t.false('last_error' in c!.status, 'no error since it connected');
}

const arpRequest = arpFrame({ src: MAC_A, dst: BROADCAST, spa: '10.0.0.1', tpa: '10.0.0.2' });
const arpReply = arpFrame({ src: MAC_B, dst: MAC_A, op: 2, spa: '10.0.0.2', tpa: '10.0.0.1' });
const tcpAB = tcpFrame({ src: MAC_A, dst: MAC_B });
const tcpBA = tcpFrame({ src: MAC_B, dst: MAC_A, sport: 80, dport: 1234 });
const STEADY = 5;

const tcTest = hasTestController ? test : test.skip;
const oskenTest = hasOskenManager ? test : test.skip;

tcTest('ovs-testcontroller -O OpenFlow10 as br0\'s controller: packet-ins, PACKET_OUTs and exact-match flows in the agent, then forwarding by flows; list-controllers shows it ACTIVE (§4.8.7, §4.12.1)', async (t) => {
  const b = await bench(t, await ControllerProcess.testController(1, [], 20_000));
  // Ready once the agent sends misses to the controller and our FEATURES_REPLY has reached it.
  await eventually(() => control(b.agent.sock, 'stats'), (s) => s[0]!.includes('miss_to_controller=true') && b.tap.sent('features_reply', true).length > 0,
    'misses to go to the controller and the FEATURES_REPLY to reach it', 20_000);
  await clearTx(b);
  await throughController(t, b, '1', arpRequest, ['2', 'LOCAL']);
  t.deepEqual(await agentFlows(b), [], 'a flood installs no flow');
  await throughController(t, b, '2', arpReply, ['1']);
  await throughController(t, b, '1', tcpAB, ['2']);
  // ovs-testcontroller installs exact-match flows: the first B → A TCP frame is a new flow.
  await throughController(t, b, '2', tcpBA, ['1']);
  await eventually(() => agentFlows(b), (f) => f.length === 3, 'three learned flows');
  t.is(b.tap.sent('flow_mod', false).length, 3);
  t.is(b.tap.sent('packet_out', false).length, 4);
  t.is(b.tap.sent('error', true).length, 0, 'no error went back to the controller');
  await byFlows(t, b, STEADY);
  await assertFlowsSeenByUser(t, b, STEADY);
  t.is((await stats(b)).packet_ins_sent, 4);
  await assertListed(t, b, 'other');
});

tcTest('ovs-testcontroller -O OpenFlow13 as br0\'s controller: its table-miss flow, packet-ins, OXM flows in the agent, then forwarding by flows; list-controllers shows it ACTIVE (§4.12.1)', async (t) => {
  const b = await bench(t, await ControllerProcess.testController(4, ['priority=0 actions=CONTROLLER:65535'], 20_000));
  const tableMiss = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535';
  await eventually(() => control(b.agent.sock, 'dump-flows'), (f) => flowsOf(f).includes(tableMiss), 'the table-miss flow in the agent', 20_000);
  t.regex((await control(b.agent.sock, 'stats'))[0]!, /miss_to_controller=false/, 'an OF1.3 session asks for no implicit misses');
  await clearTx(b);
  await throughController(t, b, '1', arpRequest, ['2', 'LOCAL']);
  await throughController(t, b, '2', arpReply, ['1']);
  await throughController(t, b, '1', tcpAB, ['2']);
  await throughController(t, b, '2', tcpBA, ['1']);
  await eventually(() => agentFlows(b), (f) => f.length === 3, 'three learned flows');
  t.is(b.tap.sent('error', true).length, 0, 'no error went back to the controller');
  await byFlows(t, b, STEADY);
  await assertFlowsSeenByUser(t, b, STEADY);
  t.is((await stats(b)).packet_ins_sent, 4);
  await assertListed(t, b, 'other');
});

oskenTest('osken-manager with the project\'s OpenFlow 1.3 learning switch as br0\'s master controller: packet-ins, (in_port, eth_src, eth_dst) flows in the agent, then forwarding by flows; list-controllers shows it ACTIVE as master (§4.4.3, §4.12.1)', async (t) => {
  const app = fileURLToPath(new URL('osken_learning_switch.py', import.meta.url));
  const b = await bench(t, await ControllerProcess.osken(app, 4, { LEARNING_SWITCH_ROLE: 'master' }, 30_000));
  const tableMiss = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535';
  await eventually(() => control(b.agent.sock, 'dump-flows'), (f) => flowsOf(f).includes(tableMiss), 'the app\'s table-miss flow in the agent', 20_000);
  t.like(b.tap.sent('role_reply', true).at(-1), { role: 'primary' }, 'the service made it master');
  await clearTx(b);
  await throughController(t, b, '1', arpRequest, ['2', 'LOCAL']);
  t.deepEqual(await agentFlows(b), [], 'a flood installs no flow');
  await throughController(t, b, '2', arpReply, ['1']);
  await eventually(() => agentFlows(b), (f) => f.length === 1, 'the B → A flow');
  await throughController(t, b, '1', tcpAB, ['2']);
  await eventually(() => agentFlows(b), (f) => f.length === 2, 'the A → B flow');
  // The app's flows match addresses only: B → A TCP already has its flow from the ARP reply.
  t.is(b.tap.sent('flow_mod', false).length, 3, 'the table-miss flow and two learned flows');
  t.is(b.tap.sent('packet_out', false).length, 3);
  t.is(b.tap.sent('error', true).length, 0, 'no error went back to the controller');
  await byFlows(t, b, STEADY);
  await assertFlowsSeenByUser(t, b, STEADY);
  t.is((await stats(b)).packet_ins_sent, 3);
  await assertListed(t, b, 'master');
});
