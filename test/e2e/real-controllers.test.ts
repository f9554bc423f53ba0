/**
 * End to end with real controllers (issue 5, "Proven by tests"): a
 * ConnMgr whose bridge has one controller target, a real controller
 * process on a free loopback port, and the reference switch with ports 1,
 * 2 and LOCAL behind it.  Frames between two hosts on ports 1 and 2 go to
 * the controller as packet-ins; the controller answers with PACKET_OUTs
 * (which forward those first frames) and FLOW_MODs (which land in the
 * switch's flow table); after that the same traffic is forwarded by the
 * flows, synchronously inside inject(), with no packet-in.
 *
 * Controllers: ovs-testcontroller over OpenFlow 1.0 (misses reach it
 * because an OF1.0 session with controller id 0 asks for them, §4.8.7)
 * and over OpenFlow 1.3 (where a table miss is dropped, so it installs a
 * table-miss flow given with --with-flows); osken-manager running the
 * project's own OpenFlow 1.3 learning switch (osken_learning_switch.py).
 *
 * Each runs twice.  With packet buffering off (packet_buffers 0, today's
 * Open vSwitch) every packet-in carries buffer id 0xffffffff and the whole
 * frame, and the controllers send the frame back in their PACKET_OUTs.
 * With packet_buffers 256 (the seed, §6.2) the packet-ins carry real
 * buffer ids, and the controllers name them in their PACKET_OUTs and
 * FLOW_MODs (ovs-testcontroller puts the id in the FLOW_MOD when it
 * installs a flow, §6.2.4); connmgr hands the datapath the buffered frame.
 * The OpenFlow 1.3 controllers ask for buffering the way OpenFlow 1.3
 * says: a table-miss flow whose output:CONTROLLER max_len is 128 rather
 * than OFPCML_NO_BUFFER.
 *
 * Packet-ins are counted as the datapath raises them (CountingDatapath),
 * and the controller's requests as connmgr hands them to the datapath;
 * what the controller itself received and sent is read off the TCP
 * connection by a relay between them (OpenFlowTap).
 */

import test, { type ExecutionContext } from 'ava';
import { fileURLToPath } from 'node:url';
import { ReferenceSwitch, type Transmission } from '../../src/agent/reference-switch.js';
import { systemClock } from '../../src/clock/clock.js';
import { ConnMgr, type DatapathPort } from '../../src/connmgr/index.js';
import type {
  DatapathEvent, DatapathFeatures, DatapathReply, DatapathRequest, HiddenFlow,
} from '../../src/connmgr/datapath-port.js';
import type { MatchField } from '../../src/openflow/match.js';
import { OFPP_LOCAL } from '../../src/openflow/port-number.js';
import { until } from '../support/connmgr-fixture.js';
import { ControllerProcess, hasOskenManager, hasTestController } from '../support/controller-process.js';
import { arpFrame, BROADCAST, MAC_A, MAC_B, tcpFrame } from '../support/frames.js';
import { OpenFlowTap } from '../support/openflow-tap.js';
import { NO_BUFFER } from '../../src/openflow/index.js';

/**
 * A DatapathPort in front of the reference switch that counts what
 * crosses it: packet-ins raised towards connmgr, and requests (by message
 * type) connmgr passes on from the controller.
 */
class CountingDatapath implements DatapathPort {
  packetIns = 0;
  readonly requests = new Map<string, number>();
  /** Buffer ids of the PACKET_OUTs and FLOW_MODs the controller sent. */
  readonly bufferIds: number[] = [];

  constructor(readonly sw: ReferenceSwitch) {}

  features(): DatapathFeatures {
    return this.sw.features();
  }

  request(req: DatapathRequest): Promise<DatapathReply> {
    this.requests.set(req.msg.type, (this.requests.get(req.msg.type) ?? 0) + 1);
    if (req.msg.type === 'packet_out' || req.msg.type === 'flow_mod') this.bufferIds.push(req.msg.bufferId);
    return this.sw.request(req);
  }

  flush(): Promise<void> {
    return this.sw.flush();
  }

  addHiddenFlow(flow: HiddenFlow): Promise<void> {
    return this.sw.addHiddenFlow(flow);
  }

  deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void> {
    return this.sw.deleteHiddenFlow(priority, match);
  }

  setEventListener(listener: ((event: DatapathEvent) => void) | null): void {
    this.sw.setEventListener(listener && ((e) => {
      if (e.type === 'packet_in') this.packetIns++;
      listener(e);
    }));
  }

  get missSendsToController(): boolean {
    return this.sw.missSendsToController;
  }

  set missSendsToController(on: boolean) {
    this.sw.missSendsToController = on;
  }

  count(type: string): number {
    return this.requests.get(type) ?? 0;
  }
}

interface Lab {
  readonly sw: ReferenceSwitch;
  readonly dp: CountingDatapath;
  readonly mgr: ConnMgr;
  /** Frames the switch sent out, in order, however they were caused. */
  readonly sent: Transmission[];
  /** What crossed the controller's TCP connection. */
  readonly tap: OpenFlowTap;
}

/**
 * The bridge: a reference switch (ports 1, 2, LOCAL) behind a ConnMgr
 * with 'packetBuffers' whose one controller is 'controller', reached
 * through a recording relay.
 */
async function lab(t: ExecutionContext, controller: ControllerProcess, packetBuffers: number): Promise<Lab> {
  const sw = new ReferenceSwitch({ datapathId: 0xe2e0000000000001n, ports: [{ portNo: 1, name: 'p1' }, { portNo: 2, name: 'p2' }] });
  const dp = new CountingDatapath(sw);
  const mgr = new ConnMgr({ bridge: 'br0', clock: systemClock, datapath: dp, packetBuffers });
  const sent: Transmission[] = [];
  sw.setTransmitListener((tx) => sent.push(tx));
  const tap = await OpenFlowTap.listen(controller.port);
  t.teardown(async () => {
    await mgr.destroy();
    sw.close();
    await tap.close();
    await controller.stop();
  });
  await mgr.setControllers({ [tap.target]: {} });
  return { sw, dp, mgr, sent, tap };
}

/**
 * What the controller saw of buffering: with 'packetBuffers' 0 every
 * packet-in it got had buffer id 0xffffffff and it named no buffer; with
 * buffers every packet-in had its own real id, and the controller named
 * each of those ids exactly once in a PACKET_OUT or FLOW_MOD, with no
 * error coming back.  The datapath never sees a buffer id: connmgr
 * replaces it by the buffered frame.  Returns the controller's requests
 * that named a buffer, by type.
 */
function assertBuffering(t: ExecutionContext, l: Lab, packetBuffers: number): Record<string, number> {
  const ids = l.tap.sent('packet_in', true).map((m) => m.bufferId);
  t.is(ids.length, l.dp.packetIns, 'the controller got every packet-in');
  const named = [...l.tap.sent('packet_out', false), ...l.tap.sent('flow_mod', false)].filter((m) => m.bufferId !== NO_BUFFER);
  const byType: Record<string, number> = {};
  for (const m of named) byType[m.type] = (byType[m.type] ?? 0) + 1;
  if (packetBuffers === 0) {
    t.true(ids.every((id) => id === NO_BUFFER), 'packet-ins carry no buffer id while buffering is off');
    t.is(named.length, 0, 'the controller names no buffer');
  } else {
    t.true(ids.every((id) => id !== NO_BUFFER && id >>> 8 !== 0xffffff), `real buffer ids: ${ids.map((id) => id.toString(16)).join(' ')}`);
    t.is(new Set(ids).size, ids.length, 'a buffer per packet-in');
    t.deepEqual(named.map((m) => m.bufferId).sort((a, b) => a - b), [...ids].sort((a, b) => a - b),
      'the controller named each buffer once');
  }
  t.is(l.tap.sent('error', true).length, 0, 'no error went back to the controller');
  t.true(l.dp.bufferIds.every((id) => id === NO_BUFFER), 'the datapath gets frames, never buffer ids');
  return byType;
}

/** Waits for the session to 'version' to be up and ready for traffic as 'ready' says. */
async function connected(l: Lab, version: number, ready: () => boolean, what: string): Promise<void> {
  await until(() => l.mgr.sessions.some((s) => s.isConnected && s.version === version), 'the controller session', 8000);
  await until(ready, what, 5000);
}

const learned = (l: Lab): number => l.sw.dumpFlows().filter((f) => f.priority > 0).length;
const hasTableMissFlow = (l: Lab): boolean => l.sw.dumpFlows().some((f) => f.priority === 0 && f.match.length === 0);

/**
 * Injects 'frame' on 'port' where no flow forwards it yet: inject()
 * itself sends nothing, one packet-in goes to the controller, and the
 * controller's PACKET_OUT sends the frame out of 'expect'.  Returns the
 * ports it left by.
 */
async function throughController(t: ExecutionContext, l: Lab, port: number, frame: Buffer, expect: number[]): Promise<void> {
  const before = l.dp.packetIns;
  const from = l.sent.length;
  t.deepEqual(l.sw.inject(port, frame), [], 'no flow forwards it yet');
  // The datapath raises events from the event loop, not inside inject().
  await until(() => l.dp.packetIns > before, `a packet-in for the frame from port ${port}`);
  t.is(l.dp.packetIns, before + 1, 'one packet-in');
  // Generous: the whole suite runs beside it.  On a time-out, say what did happen: a rare
  // failure of the OF1.0 ovs-testcontroller case under full-suite load is not yet understood.
  await until(() => l.sent.length - from >= expect.length && l.dp.count('packet_out') >= l.dp.packetIns,
    () => `the controller to forward the frame from port ${port} (so far: ${l.dp.packetIns} packet-ins, ` +
      `${l.dp.count('packet_out')} packet-outs, ${l.sent.length - from} frames out)`, 10_000);
  const out = l.sent.slice(from);
  t.deepEqual(out.map((s) => s.port).sort((a, b) => a - b), [...expect].sort((a, b) => a - b));
  t.true(out.every((s) => Buffer.from(s.frame).equals(frame)), 'the controller sent the frame back unchanged');
}

/** A → B and B → A are forwarded by flows: synchronously, 'n' times each way, without packet-ins. */
async function byFlows(t: ExecutionContext, l: Lab, n: number): Promise<void> {
  const before = l.dp.packetIns;
  for (let i = 0; i < n; i++) {
    t.deepEqual(l.sw.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B })).map((s) => s.port), [2]);
    t.deepEqual(l.sw.inject(2, tcpFrame({ src: MAC_B, dst: MAC_A, sport: 80, dport: 1234 })).map((s) => s.port), [1]);
  }
  // Give the controller time to show anything it still had to say.
  await new Promise((r) => setTimeout(r, 200));
  t.is(l.dp.packetIns, before, 'no packet-in once the flows are in');
}

/** The flows that carried the steady traffic: each counts every frame of it. */
function assertFlowCounts(t: ExecutionContext, l: Lab, n: number): void {
  const flows = l.sw.dumpFlows().filter((f) => f.priority > 0);
  const inPort = (p: number) => flows.filter((f) => f.match.some((m) => m.field === 'in_port' && 'value' in m && Number(m.value) === p));
  t.true(inPort(1).some((f) => f.packetCount >= BigInt(n)), 'a flow from port 1 forwarded the steady A → B frames');
  t.true(inPort(2).some((f) => f.packetCount >= BigInt(n)), 'a flow from port 2 forwarded the steady B → A frames');
  t.true(flows.every((f) => f.idleTimeout === 60), 'learned flows idle out after 60 s');
}

const arpRequest = arpFrame({ src: MAC_A, dst: BROADCAST, spa: '10.0.0.1', tpa: '10.0.0.2' });
const arpReply = arpFrame({ src: MAC_B, dst: MAC_A, op: 2, spa: '10.0.0.2', tpa: '10.0.0.1' });
const tcpAB = tcpFrame({ src: MAC_A, dst: MAC_B });
const tcpBA = tcpFrame({ src: MAC_B, dst: MAC_A, sport: 80, dport: 1234 });
const STEADY = 5;

const tcTest = hasTestController ? test.serial : test.skip;
const oskenTest = hasOskenManager ? test.serial : test.skip;

/** The two settings every controller runs with: today's OVS and the seed's default. */
const BUFFERING = [0, 256] as const;
const buffering = (n: number): string => (n === 0 ? 'buffering off, §6.1' : `packet_buffers ${n}, §6.2.4 §6.2.5`);

for (const buffers of BUFFERING) {
  tcTest(`ovs-testcontroller -O OpenFlow10: first frames through packet-ins, then exact-match flows (§4.8.7, ${buffering(buffers)})`, async (t) => {
    t.timeout(15_000);
    const l = await lab(t, await ControllerProcess.testController(1), buffers);
    // Ready once misses go to the controller and our FEATURES_REPLY has gone to it: ovs-testcontroller's
    // learning switch drops every packet-in that arrives before the reply (learning-switch.c,
    // S_FEATURES_REPLY).  What crossed the wire says so; counting features() calls did not (ConnMgr
    // itself reads the features when it is made), which let a packet-in overtake the reply under load.
    await connected(l, 1, () => l.sw.missSendsToController && l.tap.sent('features_reply', true).length > 0,
      'misses to go to the controller and the FEATURES_REPLY to reach it');
    await throughController(t, l, 1, arpRequest, [2, OFPP_LOCAL]);
    t.is(learned(l), 0, 'a flood installs no flow');
    await throughController(t, l, 2, arpReply, [1]);
    await throughController(t, l, 1, tcpAB, [2]);
    // ovs-testcontroller installs exact-match flows: the first B → A TCP frame is a new flow.
    await throughController(t, l, 2, tcpBA, [1]);
    await until(() => learned(l) === 3, 'three learned flows');
    t.is(l.dp.count('flow_mod'), 3);
    t.is(l.dp.count('packet_out'), 4);
    const named = assertBuffering(t, l, buffers);
    // With buffers it sends the learned frames by naming their buffers in the FLOW_MODs.
    if (buffers > 0) t.deepEqual(named, { packet_out: 1, flow_mod: 3 });
    await byFlows(t, l, STEADY);
    assertFlowCounts(t, l, STEADY);
    t.is(l.dp.packetIns, 4);
  });

  tcTest(`ovs-testcontroller -O OpenFlow13: table-miss flow, packet-ins, then exact-match OXM flows (${buffering(buffers)})`, async (t) => {
    t.timeout(15_000);
    const maxLen = buffers === 0 ? 65535 : 128;
    const l = await lab(t, await ControllerProcess.testController(4, [`priority=0 actions=CONTROLLER:${maxLen}`]), buffers);
    await connected(l, 4, () => hasTableMissFlow(l), 'the table-miss flow');
    t.false(l.sw.missSendsToController, 'an OF1.3 session asks for no implicit misses');
    await throughController(t, l, 1, arpRequest, [2, OFPP_LOCAL]);
    await throughController(t, l, 2, arpReply, [1]);
    await throughController(t, l, 1, tcpAB, [2]);
    await throughController(t, l, 2, tcpBA, [1]);
    await until(() => learned(l) === 3, 'three learned flows');
    const named = assertBuffering(t, l, buffers);
    if (buffers > 0) t.deepEqual(named, { packet_out: 1, flow_mod: 3 });
    await byFlows(t, l, STEADY);
    assertFlowCounts(t, l, STEADY);
    t.is(l.dp.packetIns, 4);
  });

  oskenTest(`osken-manager with the project's OpenFlow 1.3 learning switch: packet-ins, then (in_port, eth_src, eth_dst) flows (${buffering(buffers)})`, async (t) => {
    t.timeout(15_000);
    const app = fileURLToPath(new URL('osken_learning_switch.py', import.meta.url));
    const env: Record<string, string> = buffers === 0 ? {} : { LEARNING_SWITCH_MAX_LEN: '128' };
    const l = await lab(t, await ControllerProcess.osken(app, 4, env), buffers);
    await connected(l, 4, () => hasTableMissFlow(l), 'the app\'s table-miss flow');
    await throughController(t, l, 1, arpRequest, [2, OFPP_LOCAL]);
    t.is(learned(l), 0, 'a flood installs no flow');
    await throughController(t, l, 2, arpReply, [1]);
    await until(() => learned(l) === 1, 'the B → A flow');
    await throughController(t, l, 1, tcpAB, [2]);
    await until(() => learned(l) === 2, 'the A → B flow');
    // The app's flows match addresses only: B → A TCP already has its flow from the ARP reply.
    t.deepEqual(l.sw.inject(2, tcpBA).map((s) => s.port), [1]);
    t.is(l.dp.count('flow_mod'), 3, 'the table-miss flow and two learned flows');
    t.is(l.dp.count('packet_out'), 3);
    const named = assertBuffering(t, l, buffers);
    // The app sends every packet on with a PACKET_OUT, naming the buffer when there is one.
    if (buffers > 0) t.deepEqual(named, { packet_out: 3 });
    await byFlows(t, l, STEADY);
    assertFlowCounts(t, l, STEADY);
    t.is(l.dp.packetIns, 3);
  });
}
