/**
 * End to end with ofconnmgr's own processes: `ofconnmgr serve` and
 * `ofconnmgr agent` as separate child processes talking gRPC (Attach),
 * and Open vSwitch's `ovs-ofctl` on the bridge's service listener as the
 * OpenFlow peer.  What ovs-ofctl adds lands in the agent's switch (its
 * control socket shows it), frames injected through the control socket
 * are forwarded by those flows or reach ovs-ofctl as packet-ins, and both
 * sides survive the other's restart: a restarted agent starts empty (as
 * a restarted datapath does) and is served again without restarting the
 * service; a restarted service is found again by the agent and serves it
 * (its restored configuration flushes the tables, as a restarted
 * ovs-vswitchd starts with empty ones).  With ovs-testcontroller as the
 * bridge's controller, a frame injected into the agent becomes a
 * packet-in at the controller, whose PACKET_OUTs and FLOW_MODs come back
 * to the agent's switch.  And the agent speaks TLS to a service that does.
 */

import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliProcess, runCli } from '../support/cli-process.js';
import { agentCtl, flowsOf, startServe } from '../support/service-lab.js';
import { arpFrame, hexOf, MAC_A, MAC_B, tcpFrame } from '../support/frames.js';
import { freeLoopbackPort, until } from '../support/loopback.js';
import { hasOvsTools, OfctlMonitor, ofctl } from '../support/ofctl-monitor.js';
import { ControllerProcess, hasTestController } from '../support/controller-process.js';
import { TestPki } from '../support/test-pki.js';

const peerTest = hasOvsTools ? test : test.skip;
const controllerTest = hasTestController ? test : test.skip;

peerTest('serve and agent as processes: ovs-ofctl flows reach the agent\'s switch, injected frames are forwarded or become packet-ins, and each side survives the other\'s restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-e2e-agent-'));
  const grpcPort = await freeLoopbackPort();
  const ofPort = await freeLoopbackPort();
  const server = `127.0.0.1:${grpcPort}`;
  const S = `tcp:127.0.0.1:${ofPort}`;
  const sock = join(dir, 'br0.ctl');
  const serveArgs = ['serve', '--listen', server, '--state-dir', join(dir, 'state')];
  let serve = CliProcess.start(serveArgs);
  let agent: CliProcess | undefined;
  let monitor: OfctlMonitor | undefined;
  try {
    await serve.waitFor(/serving ofconnmgr\.v1\.ConnectionManager/, 30_000);
    for (const args of [['add-br', 'br0'], ['set-controller', 'br0', `ptcp:${ofPort}:127.0.0.1`]]) {
      const r = await runCli(['ctl', '--server', server, ...args]);
      t.is(r.status, 0, r.stderr);
    }
    agent = CliProcess.start(['agent', '--server', server, '--bridge', 'br0', '--ports', '3', '--control', sock]);
    await agent.waitFor(/br0: attached to 127\.0\.0\.1:\d+ as primary \(election id 1\)/, 30_000);

    // The agent's ports, as the service reports them from its hello.
    const show = await ofctl(dir, '-O', 'OpenFlow13', 'show', S);
    for (const port of [' 1(p1): addr:', ' 2(p2): addr:', ' 3(p3): addr:', ' LOCAL(br0): addr:']) t.true(show.includes(port), show);

    // A bridge in standalone mode without controllers starts with Open vSwitch's NORMAL flow.
    const NORMAL = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL';
    t.deepEqual(flowsOf(await ofctl(dir, '-O', 'OpenFlow13', 'dump-flows', S)), [NORMAL]);
    // --no-names: ovs-ofctl 3.1 would first ask for table names (TABLE_FEATURES), which the switch does not answer.
    await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', S, 'priority=100,in_port=1,actions=output:2');
    // Replaces the NORMAL flow (same priority and match).
    await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', S, 'priority=0,actions=CONTROLLER:65535');
    t.deepEqual(flowsOf(await ofctl(dir, '-O', 'OpenFlow13', 'dump-flows', S)), [
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=100,in_port=1 actions=output:2',
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535',
    ]);
    t.deepEqual((await agentCtl(sock, 'dump-flows')).map((l) => l.replace(/duration=[\d.]+s, /, '')), [
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=100,in_port=1 actions=output:2',
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535',
    ]);

    // A frame on port 1 leaves by port 2.
    const frame = hexOf(tcpFrame({ src: MAC_A, dst: MAC_B }));
    await agentCtl(sock, 'inject', '1', frame);
    t.deepEqual(await agentCtl(sock, 'tx', '2'), [frame]);
    t.regex(flowsOf(await ofctl(dir, '-O', 'OpenFlow13', 'dump-flows', S))[0]!, /n_packets=1, /);

    // A frame on port 3 misses, and the table-miss flow sends it to a monitoring ovs-ofctl.
    monitor = await OfctlMonitor.start(dir, 'monitor', S, ['-O', 'OpenFlow13'], ['65535']);
    await monitor.setOutputFile();
    const arp = arpFrame({ src: MAC_B });
    await agentCtl(sock, 'inject', '3', hexOf(arp));
    await until(() => /OFPT_PACKET_IN/.test(monitor!.output()), () => `a packet-in at ovs-ofctl monitor: ${monitor!.output()}`, 10_000);
    t.regex(monitor.output(), new RegExp(`OFPT_PACKET_IN \\(OF1\\.3\\).* total_len=${arp.length} in_port=3 \\(via no_match\\)`));
    t.regex((await agentCtl(sock, 'stats'))[1]!, /packet_ins_sent=1 /);

    // The agent restarts: a new, empty datapath, served without restarting the service.
    t.is(await agent.stop('SIGTERM'), 0);
    t.regex(agent.output, /br0: stopped/);
    agent = CliProcess.start(['agent', '--server', server, '--bridge', 'br0', '--ports', '3', '--control', sock]);
    await agent.waitFor(/as primary/, 30_000);
    t.deepEqual(flowsOf(await ofctl(dir, '-O', 'OpenFlow13', 'dump-flows', S)), [NORMAL]);
    await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', S, 'priority=100,in_port=2,actions=output:3');

    // The service restarts: the agent says so, retries, and is served again with its flows.
    await monitor.stop();
    monitor = undefined;
    t.is(await serve.stop('SIGTERM'), 0);
    await agent.waitFor(/br0: (lost connection to|detached from|the service at) 127\.0\.0\.1:\d+/, 15_000);
    await agent.waitFor(/br0: retrying in 1 s/, 15_000);
    serve = CliProcess.start(serveArgs);
    await serve.waitFor(/serving/, 30_000);
    await until(() => (agent!.output.match(/as primary/g) ?? []).length === 2, () => `a second attach:\n${agent!.output}`, 30_000);
    // The restored bridge's configuration flushed the tables, as a restarted ovs-vswitchd starts empty;
    // the agent is served again: a flow added now reaches its switch.
    t.deepEqual(flowsOf(await ofctl(dir, '-O', 'OpenFlow13', 'dump-flows', S)), [NORMAL]);
    await ofctl(dir, '-O', 'OpenFlow13', '--no-names', 'add-flow', S, 'priority=7,in_port=3,actions=output:1');
    t.deepEqual((await agentCtl(sock, 'dump-flows')).map((l) => l.replace(/duration=[\d.]+s, /, '')), [
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=7,in_port=3 actions=output:1',
      NORMAL,
    ]);
    t.is(await agent.stop('SIGINT'), 0);
  } finally {
    await monitor?.stop();
    await agent?.stop('SIGKILL');
    await serve.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

controllerTest('a frame injected into the agent reaches ovs-testcontroller as a packet-in; its PACKET_OUTs and flows come back to the agent\'s switch', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-e2e-agent-'));
  const sock = join(dir, 'br0.ctl');
  const controller = await ControllerProcess.testController(1);
  const { serve, server } = await startServe(dir);
  let agent: CliProcess | undefined;
  try {
    for (const args of [['add-br', 'br0'], ['set-controller', 'br0', controller.target]]) {
      const r = await runCli(['ctl', '--server', server, ...args]);
      t.is(r.status, 0, r.stderr);
    }
    agent = CliProcess.start(['agent', '--server', server, '--bridge', 'br0', '--ports', '3', '--control', sock]);
    await agent.waitFor(/as primary/, 30_000);
    // The learning switch floods what it has not learnt: a broadcast from A on port 1 leaves by ports 2 and 3.
    // (Injected again until the controller's session is up: before that a miss has nowhere to go.)
    const hello = hexOf(arpFrame({ src: MAC_A }));
    let flooded: string[] = [];
    for (let i = 0; i < 40 && flooded.length === 0; i++) {
      await agentCtl(sock, 'inject', '1', hello);
      await new Promise((resolve) => setTimeout(resolve, 250));
      flooded = await agentCtl(sock, 'tx', '2');
    }
    t.true(flooded.includes(hello), 'flooded to port 2');
    t.true((await agentCtl(sock, 'tx', '3')).includes(hello), 'flooded to port 3');
    t.deepEqual(await agentCtl(sock, 'tx', '1'), [], 'not back where it came from');
    // B answers A: the controller knows A is on port 1, installs a flow for it and sends the frame there.
    const reply = hexOf(tcpFrame({ src: MAC_B, dst: MAC_A }));
    await agentCtl(sock, 'inject', '2', reply);
    let toA: string[] = [];
    for (let i = 0; i < 40 && !toA.includes(reply); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      toA = [...toA, ...(await agentCtl(sock, 'tx', '1'))];
    }
    t.true(toA.includes(reply));
    let flows: string[] = [];
    for (let i = 0; i < 40 && !flows.some((l) => l.includes(`dl_dst=${MAC_A}`)); i++) {
      flows = await agentCtl(sock, 'dump-flows');
      if (!flows.some((l) => l.includes(`dl_dst=${MAC_A}`))) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    t.true(flows.some((l) => l.includes(`dl_dst=${MAC_A}`) && l.includes('actions=output:1')), flows.join('\n'));
    // Later frames to A are forwarded by that flow, without a packet-in.
    const before = Number(/packet_ins_sent=(\d+)/.exec((await agentCtl(sock, 'stats'))[1]!)![1]);
    await agentCtl(sock, 'inject', '2', reply);
    t.deepEqual(await agentCtl(sock, 'tx', '1'), [reply]);
    t.is(Number(/packet_ins_sent=(\d+)/.exec((await agentCtl(sock, 'stats'))[1]!)![1]), before);
  } finally {
    await agent?.stop('SIGKILL');
    await serve.stop('SIGKILL');
    await controller.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the agent attaches over TLS to a service that serves TLS', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-e2e-agent-'));
  const pki = new TestPki();
  let agent: CliProcess | undefined;
  let serve: CliProcess | undefined;
  try {
    const ca = pki.authority('e2e-ca');
    const leaf = pki.issue(ca, 'localhost');
    const started = await startServe(dir, ['--tls-cert', leaf.cert, '--tls-key', leaf.key]);
    serve = started.serve;
    const server = started.server.replace('127.0.0.1', 'localhost');
    const ctl = await runCli(['ctl', '--server', started.server, 'add-br', 'br0']);
    t.not(ctl.status, 0, 'a plaintext client is refused');
    agent = CliProcess.start(['agent', '--server', server, '--bridge', 'br0', '--tls-ca', ca.cert]);
    await agent.waitFor(/cannot attach to localhost:\d+: NOT_FOUND/, 30_000);
    t.regex(agent.output, /service localhost:\d+ \(TLS\)/);
  } finally {
    await agent?.stop('SIGKILL');
    await serve?.stop('SIGKILL');
    pki.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
