/**
 * The agent's control socket as a user drives it: a real unix socket in
 * front of a real reference switch, spoken to line by line (controlRequest
 * and a raw socket) and through `ofconnmgr agent-ctl` as a process.  The
 * agent client is a stand-in here (its standing and counters, and a gate
 * for backpressure); agent-client.test.ts drives the real one.
 */

import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReferenceSwitch } from '../../src/agent/reference-switch.js';
import type { AgentClientCounters } from '../../src/agentclient/agent-client.js';
import { ControlCommands, type ControlledAgent } from '../../src/agentclient/control-commands.js';
import { ControlServer, controlRequest, MAX_LINE_CHARS } from '../../src/agentclient/control-socket.js';
import { TransmitCapture } from '../../src/agentclient/tx-capture.js';
import { hexOf, tcpFrame } from '../support/frames.js';
import { apply, exact, flowMod, output } from '../support/switch-harness.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A stand-in for the agent client: a primary whose stream is writable unless 'gate' holds it. */
class StandInAgent implements ControlledAgent {
  role = 'primary' as const;
  primary = 1n;
  fragHandling = 2;
  counters: AgentClientCounters = {
    attempts: 1, requests: 3, requestsFailed: 0, packetInsSent: 7, flowRemovedsSent: 0, portStatusesSent: 1,
    eventsDropped: 0, streamErrors: 0, backpressured: 0,
  };
  gate: Promise<void> | undefined;
  whenWritable(): Promise<void> {
    return this.gate ?? Promise.resolve();
  }
}

interface Rig {
  readonly sw: ReferenceSwitch;
  readonly agent: StandInAgent;
  readonly server: ControlServer;
  readonly path: string;
  ask(line: string): ReturnType<typeof controlRequest>;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-control-'));
  const path = join(dir, 'agent.ctl');
  const sw = new ReferenceSwitch({ datapathId: 0x42n, bridgeName: 'br0', ports: [1, 2, 3].map((portNo) => ({ portNo })) });
  const capture = new TransmitCapture(4);
  sw.setTransmitListener((t) => capture.record(t));
  const agent = new StandInAgent();
  const commands = new ControlCommands({ sw, agent, capture, electionId: 1n });
  const server = await ControlServer.listen(path, (line) => commands.run(line));
  const res = await sw.request({
    origin: { sessionId: 1, sessionName: 'test', version: 4, role: 'equal', xid: 1 },
    msg: flowMod({ priority: 100, match: exact({ in_port: 1 }), instructions: apply(output(2)) }),
  });
  if (!res.ok) throw new Error(res.error);
  return {
    sw, agent, server, path,
    ask: (line) => controlRequest(path, line),
    close: async () => {
      await server.close();
      sw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ofconnmgr(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', main, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('inject runs a frame through the switch; tx returns what each port sent since the last tx', async (t) => {
  const r = await rig();
  try {
    const frame = hexOf(tcpFrame());
    t.deepEqual(await r.ask(`inject 1 ${frame}`), { lines: [] });
    t.deepEqual(await r.ask(`inject 1 ${frame.toUpperCase()}`), { lines: [] });
    t.deepEqual(await r.ask('tx 2'), { lines: [frame, frame] });
    t.deepEqual(await r.ask('tx 2'), { lines: [] });
    t.deepEqual(await r.ask('tx 3'), { lines: [] });
    // The ring keeps 4 frames a port; the 2 older ones are reported as dropped.
    for (let i = 0; i < 6; i++) await r.ask(`inject 1 ${frame}`);
    t.deepEqual(await r.ask('tx 2'), { lines: ['dropped 2', frame, frame, frame, frame] });
  } finally {
    await r.close();
  }
});

test('dump-flows, ports, link and stats show the switch as ovs-ofctl would', async (t) => {
  const r = await rig();
  try {
    await r.ask(`inject 1 ${hexOf(tcpFrame())}`);
    await r.sw.addHiddenFlow({ priority: 180000, match: exact({ in_port: 3 }), instructions: apply(output(1)) });
    const flows = (await r.ask('dump-flows')).lines;
    t.is(flows.length, 2);
    t.regex(flows[0]!, /^cookie=0x0, duration=[\d.]+s, table=0, n_packets=0, n_bytes=0, priority=180000,in_port=3 actions=output:1$/);
    t.regex(flows[1]!, /^cookie=0x0, duration=[\d.]+s, table=0, n_packets=1, n_bytes=\d+, priority=100,in_port=1 actions=output:2$/);
    t.deepEqual((await r.ask('ports')).lines, [
      '1 p1 02:00:00:42:00:01 link=up config=0x0',
      '2 p2 02:00:00:42:00:02 link=up config=0x0',
      '3 p3 02:00:00:42:00:03 link=up config=0x0',
      'LOCAL br0 02:00:00:42:00:00 link=up config=0x0',
    ]);
    t.deepEqual(await r.ask('link 2 down'), { lines: [] });
    t.is((await r.ask('ports')).lines[1], '2 p2 02:00:00:42:00:02 link=down config=0x0');
    await r.ask(`inject 1 ${hexOf(tcpFrame())}`);
    t.deepEqual((await r.ask('tx 2')).lines.length, 1); // the frame sent before the link went down
    const stats = (await r.ask('stats')).lines;
    t.is(stats[0], 'agent state=primary election_id=1 primary_election_id=1 frag_handling=reassemble miss_to_controller=false');
    t.regex(stats[1]!, /^agent attempts=1 requests=3 requests_failed=0 packet_ins_sent=7 .*port_statuses_sent=1 /);
    t.regex(stats.find((l) => l.startsWith('port 1 '))!, /rx_packets=2 tx_packets=0 /);
    t.regex(stats.find((l) => l.startsWith('port 2 '))!, /rx_packets=0 tx_packets=1 .* tx_dropped=1$/);
    t.truthy(stats.find((l) => l.startsWith('port LOCAL ')));
    t.true((await r.ask('help')).lines.some((l) => l.startsWith('inject PORT HEX')));
  } finally {
    await r.close();
  }
});

test('bad commands answer "error: ..." and change nothing', async (t) => {
  const r = await rig();
  try {
    t.deepEqual(await r.ask('inject 9 ' + hexOf(tcpFrame())), { lines: [], error: 'no port 9' });
    t.regex((await r.ask('inject 1 abc')).error!, /even number of hex digits/);
    t.regex((await r.ask('inject 1 0011')).error!, /shorter than an Ethernet header/);
    t.regex((await r.ask('inject 1')).error!, /inject needs PORT HEX/);
    t.regex((await r.ask('inject 70000 00')).error!, /not a switch port/);
    t.regex((await r.ask('link 1 sideways')).error!, /"up" or "down"/);
    t.regex((await r.ask('tx')).error!, /tx needs PORT/);
    t.regex((await r.ask('frobnicate')).error!, /unknown command "frobnicate"/);
    const stats = (await r.ask('stats')).lines;
    t.regex(stats.find((l) => l.startsWith('port 1 '))!, /rx_packets=0 /);
  } finally {
    await r.close();
  }
});

test('inject waits while the Attach stream is congested, and runs once it drains', async (t) => {
  const r = await rig();
  try {
    let open!: () => void;
    r.agent.gate = new Promise((resolve) => (open = resolve));
    let answered = false;
    const pending = r.ask(`inject 1 ${hexOf(tcpFrame())}`).then((a) => {
      answered = true;
      return a;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    t.false(answered);
    t.is(r.sw.portCounters()[0]!.counters.rxPackets, 0n);
    open();
    t.deepEqual(await pending, { lines: [] });
    t.is(r.sw.portCounters()[0]!.counters.rxPackets, 1n);
  } finally {
    await r.close();
  }
});

test('one connection: commands answered in order; quit closes it; an overlong line ends it', async (t) => {
  const r = await rig();
  try {
    const s = connect(r.path);
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (c: string) => (text += c));
    const closed = new Promise<void>((resolve) => s.on('close', () => resolve()));
    s.write(`tx 2\ninject 1 ${hexOf(tcpFrame())}\ntx 2\r\n\nbogus\nquit\nports\n`);
    await closed;
    t.is(text, `ok\nok\n${hexOf(tcpFrame())}\nok\nerror: unknown command "bogus" (try "help")\nok\n`);

    const long = connect(r.path);
    let reply = '';
    long.setEncoding('utf8');
    long.on('data', (c: string) => (reply += c));
    const longClosed = new Promise<void>((resolve) => long.on('close', () => resolve()));
    long.on('error', () => undefined);
    long.write('inject 1 ' + '0'.repeat(MAX_LINE_CHARS + 10));
    await longClosed;
    t.is(reply, `error: a line longer than ${MAX_LINE_CHARS} characters\n`);
  } finally {
    await r.close();
  }
});

test('a socket file left behind is replaced; one a live process listens on, or a plain file, is refused', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-control-'));
  try {
    const stale = join(dir, 'stale.ctl');
    const other = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => console.log('up'))`]);
    await once(other.stdout, 'data');
    await t.throwsAsync(ControlServer.listen(stale, () => Promise.resolve({ lines: [] })), { message: /another process listens/ });
    // Killed, it leaves its socket file behind.
    other.kill('SIGKILL');
    await once(other, 'exit');
    t.true(existsSync(stale));
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'keep me');
    await t.throwsAsync(ControlServer.listen(plain, () => Promise.resolve({ lines: [] })), { message: /is not a socket/ });
    t.is(readFileSync(plain, 'utf8'), 'keep me');
    const cs = await ControlServer.listen(stale, () => Promise.resolve({ lines: ['hi'] }));
    t.deepEqual(await controlRequest(stale, 'anything'), { lines: ['hi'] });
    await cs.close();
    await t.throwsAsync(controlRequest(stale, 'anything'), { code: 'ENOENT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ofconnmgr agent-ctl prints the answer, or one error line with exit status 1', async (t) => {
  const r = await rig();
  try {
    const frame = hexOf(tcpFrame());
    const inj = await ofconnmgr(['agent-ctl', '--control', r.path, 'inject', '1', frame]);
    t.is(inj.status, 0, inj.stderr);
    t.is(inj.stdout, '');
    const tx = await ofconnmgr(['agent-ctl', '--control', r.path, 'tx', '2']);
    t.is(tx.stdout, frame + '\n');
    const bad = await ofconnmgr(['agent-ctl', '--control', r.path, 'inject', '9', frame]);
    t.is(bad.status, 1);
    t.is(bad.stderr, 'ofconnmgr agent-ctl: inject: no port 9\n');
    const none = await ofconnmgr(['agent-ctl', '--control', join(r.path + '.missing'), 'ports']);
    t.is(none.status, 1);
    t.regex(none.stderr, /^ofconnmgr agent-ctl: cannot talk to the agent at .*ENOENT/);
    const usage = await ofconnmgr(['agent-ctl', 'ports']);
    t.is(usage.status, 1);
    t.regex(usage.stderr, /--control PATH is required/);
  } finally {
    await r.close();
  }
});
