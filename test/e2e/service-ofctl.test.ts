/**
 * End to end with Open vSwitch's own client (issue 6, "Proven by
 * end-to-end tests with real processes"): `ofconnmgr serve` and `ofconnmgr
 * agent` as separate child processes, and `ovs-ofctl` as a user runs it.
 *
 *  - On the bridge's service listener (`ctl set-controller br0
 *    ptcp:PORT:127.0.0.1`), `ovs-ofctl -O OpenFlow13` show, add-flows of
 *    1,000 flows from a file, dump-flows, del-flows and probe, and
 *    `ovs-ofctl -O OpenFlow10` show and dump-flows, print what a user
 *    expects: the agent's datapath id and ports, and the flows as they went
 *    in.  What "as they went in" means is ovs-ofctl's own word: `ovs-ofctl
 *    parse-flows` of the same file prints each flow's match and actions as
 *    Open vSwitch normalises them (strip_vlan is pop_vlan in OpenFlow 1.3,
 *    and so on), and dump-flows must print exactly those.  The agent's own
 *    table (`agent-ctl dump-flows`) holds the same flows.
 *  - On a snoop listener (`ctl set-snoop br0 punix:PATH`), `ovs-ofctl
 *    snoop` prints the messages of the controller session (§1.6, §4.10):
 *    the bridge's PACKET_IN and the controller's PACKET_OUT and FLOW_MOD,
 *    as ovs-ofctl prints them.
 */

import test, { type ExecutionContext } from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControllerProcess, hasTestController } from '../support/controller-process.js';
import { arpFrame, BROADCAST, hexOf, MAC_A, MAC_B } from '../support/frames.js';
import { freeLoopbackPort } from '../support/loopback.js';
import { hasOvsTools, OfctlMonitor, ofctlRun } from '../support/ofctl-monitor.js';
import { agentCtl, control, eventually, flowsOf, ServiceLab, type AgentHandle } from '../support/service-lab.js';

const peerTest = hasOvsTools ? test : test.skip;
const snoopTest = hasOvsTools && hasTestController ? test : test.skip;

interface Bench {
  readonly lab: ServiceLab;
  readonly agent: AgentHandle;
  /** The service listener, as ovs-ofctl names it: tcp:127.0.0.1:PORT. */
  readonly listener: string;
  /** The datapath id the agent announced (16 hex digits). */
  readonly dpid: string;
}

/** A service with bridge br0, a service listener, and an agent with ports 1 to 3 attached. */
async function bench(t: ExecutionContext): Promise<Bench> {
  const lab = await ServiceLab.start(t);
  const port = await freeLoopbackPort();
  await lab.ctlOk('add-br', 'br0');
  await lab.ctlOk('set-controller', 'br0', `ptcp:${port}:127.0.0.1`);
  const agent = await lab.startAgent('br0', ['--ports', '3']);
  const dpid = /datapath id ([0-9a-f]{16})/.exec(agent.process.output)?.[1];
  if (dpid === undefined) throw new Error(`the agent did not say its datapath id:\n${agent.process.output}`);
  return { lab, agent, listener: `tcp:127.0.0.1:${port}`, dpid };
}

/** `ovs-ofctl ARGS` in the lab's directory, failing the test unless it exits 0; resolves with its standard output. */
async function ofctlOk(t: ExecutionContext, b: Bench, args: string[], timeoutMs = 10_000): Promise<string> {
  const r = await ofctlRun(b.lab.dir, args, timeoutMs);
  if (r.status !== 0) t.fail(`ovs-ofctl ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The agent's ports as `agent-ctl ports` prints them: number, name and address. */
async function agentPorts(b: Bench): Promise<{ no: string; name: string; addr: string }[]> {
  return (await agentCtl(b.agent.sock, 'ports')).map((l) => {
    const [no, name, addr] = l.split(' ');
    return { no: no!, name: name!, addr: addr! };
  });
}

/** What `ovs-ofctl show` prints of a port: " 1(p1): addr:..." and " LOCAL(br0): addr:...". */
function shownPorts(show: string): string[] {
  return show.split('\n').filter((l) => /^ \S+\(\S+\): addr:/.test(l)).map((l) => l.trim());
}

const NORMAL = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL';

/** Flow i of the 1,000: seven shapes of match and action, in tables 0 and 1, a few with a cookie or a hard timeout. */
function flowLine(i: number): { text: string; table: number; cookie: number; hard: number } {
  const hi = (i >> 8) & 0xff;
  const lo = i & 0xff;
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  const priority = 1000 + i;
  const shapes: [number, number, number, string][] = [
    // [table, cookie, hard timeout, the rest]
    [0, i, 0, `ip,nw_dst=10.${hi}.${lo}.1,actions=output:1`],
    [0, 0, 0, `tcp,nw_src=10.1.${hi}.${lo},tp_dst=${i},actions=output:2`],
    [0, 0, 0, `in_port=3,dl_src=02:00:00:00:${hex2(hi)}:${hex2(lo)},actions=CONTROLLER:128`],
    [0, 0, 0, `udp,nw_src=192.168.${hi}.${lo},tp_src=${i},actions=drop`],
    [0, 0, 3600, `ipv6,ipv6_dst=2001:db8::${i.toString(16)},actions=set_field:aa:55:aa:55:00:02->eth_dst,output:2`],
    [1, 0, 0, `dl_vlan=${(i % 4094) + 1},actions=strip_vlan,output:3`],
    [1, 0x5000 + i, 0, `arp,arp_tpa=10.2.${hi}.${lo},actions=output:1,output:2`],
  ];
  const [table, cookie, hard, rest] = shapes[i % shapes.length]!;
  const text = [table ? `table=${table}` : '', cookie ? `cookie=0x${cookie.toString(16)}` : '', hard ? `hard_timeout=${hard}` : '', `priority=${priority}`, rest]
    .filter((w) => w !== '').join(',');
  return { text, table, cookie, hard };
}

/**
 * The dump-flows lines a user expects for 'flows' (after add-flows of
 * them): each flow's match and actions as `ovs-ofctl parse-flows` prints
 * them, with its table, cookie, zero counters and hard timeout.
 */
async function expectedDump(t: ExecutionContext, b: Bench, file: string, flows: ReturnType<typeof flowLine>[]): Promise<string[]> {
  const parsed = (await ofctlOk(t, b, ['-O', 'OpenFlow13', 'parse-flows', file])).split('\n').filter((l) => l.startsWith('OFPT_FLOW_MOD'));
  t.is(parsed.length, flows.length, 'ovs-ofctl parses every flow of the file');
  return parsed.map((l, i) => {
    const m = /: ADD (?:table:\d+ )?(\S+) .*?actions=(.*)$/.exec(l);
    if (!m) throw new Error(`unexpected parse-flows line: ${l}`);
    const f = flows[i]!;
    return `cookie=0x${f.cookie.toString(16)}, table=${f.table}, n_packets=0, n_bytes=0, ${f.hard ? `hard_timeout=${f.hard}, ` : ''}${m[1]} actions=${m[2]}`;
  });
}

peerTest('ovs-ofctl -O OpenFlow13 on the service listener: show prints the agent\'s datapath and ports; add-flows of 1,000 flows from a file, dump-flows prints them as parse-flows does, del-flows leaves none; probe answers (§4.13.3, §4.11.4)', async (t) => {
  t.timeout(180_000);
  const b = await bench(t);
  const S = b.listener;

  const show = await ofctlOk(t, b, ['-O', 'OpenFlow13', 'show', S]);
  t.regex(show, new RegExp(`^OFPT_FEATURES_REPLY \\(OF1\\.3\\) \\(xid=0x[0-9a-f]+\\): dpid:${b.dpid}\nn_tables:254, n_buffers:0\ncapabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS\n`));
  t.regex(show, /\nOFPST_PORT_DESC reply \(OF1\.3\)/);
  const ports = await agentPorts(b);
  t.deepEqual(shownPorts(show), ports.map((p) => `${p.no}(${p.name}): addr:${p.addr}`), show);
  t.deepEqual(ports.map((p) => p.no), ['1', '2', '3', 'LOCAL']);
  t.is((show.match(/ state: {6}LIVE\n/g) ?? []).length, 4, 'every port is up');
  // A service session starts with miss_send_len 0 (§4.3.1).
  t.regex(show, /\nOFPT_GET_CONFIG_REPLY \(OF1\.3\) \(xid=0x[0-9a-f]+\): frags=normal miss_send_len=0\n$/);

  // A standalone bridge without primary controllers has the NORMAL flow (§4.11.4).
  t.deepEqual(flowsOf(await ofctlOk(t, b, ['-O', 'OpenFlow13', 'dump-flows', S])), [NORMAL]);

  const flows = Array.from({ length: 1000 }, (_, i) => flowLine(i));
  const file = join(b.lab.dir, 'flows.txt');
  writeFileSync(file, flows.map((f) => f.text).join('\n') + '\n');
  const expected = await expectedDump(t, b, file, flows);
  await ofctlOk(t, b, ['-O', 'OpenFlow13', 'add-flows', S, file], 120_000);
  const dump = await ofctlOk(t, b, ['-O', 'OpenFlow13', 'dump-flows', S], 30_000);
  const dumped = flowsOf(dump);
  t.is(dumped.length, 1001, 'the 1,000 flows and the NORMAL flow, one line each');
  t.deepEqual([...dumped].sort(), [...expected, NORMAL].sort());
  // ... and they are the agent's: its own table holds the same flows (compared by table, cookie,
  // priority and actions: the agent writes a match's protocol out, "dl_type=0x0800" where
  // ovs-ofctl says "ip").
  const key = (l: string): string => l.replace(/n_packets=.*priority=(\d+)\S*/, 'priority=$1');
  t.deepEqual(flowsOf(await control(b.agent.sock, 'dump-flows')).map(key).sort(), [...expected, NORMAL].map(key).sort());
  // One table at a time, as a user narrows a dump.
  t.is(flowsOf(await ofctlOk(t, b, ['-O', 'OpenFlow13', 'dump-flows', S, 'table=1'])).length, flows.filter((f) => f.table === 1).length);

  await ofctlOk(t, b, ['-O', 'OpenFlow13', 'del-flows', S], 30_000);
  const after = await ofctlOk(t, b, ['-O', 'OpenFlow13', 'dump-flows', S]);
  t.deepEqual(flowsOf(after), [], after);
  t.regex(after, /^OFPST_FLOW reply \(OF1\.3\) \(xid=0x[0-9a-f]+\):\n$/);
  t.deepEqual(await control(b.agent.sock, 'dump-flows'), [], 'the agent\'s table is empty');

  // probe: an ECHO round trip; it prints nothing and exits 0.
  t.is(await ofctlOk(t, b, ['-O', 'OpenFlow13', 'probe', S]), '');
});

peerTest('ovs-ofctl -O OpenFlow10 on the service listener: show prints the features, actions and ports; add-flow and dump-flows -F OpenFlow10 print the flows (§4.13.3)', async (t) => {
  const b = await bench(t);
  const S = b.listener;
  const show = await ofctlOk(t, b, ['-O', 'OpenFlow10', 'show', S]);
  t.regex(show, new RegExp(`^OFPT_FEATURES_REPLY \\(xid=0x[0-9a-f]+\\): dpid:${b.dpid}\nn_tables:254, n_buffers:0\n` +
    'capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP\n' +
    'actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst\n'));
  const ports = await agentPorts(b);
  t.deepEqual(shownPorts(show), ports.map((p) => `${p.no}(${p.name}): addr:${p.addr}`), show);
  t.regex(show, /\nOFPT_GET_CONFIG_REPLY \(xid=0x[0-9a-f]+\): frags=normal miss_send_len=0\n$/);

  await ofctlOk(t, b, ['-O', 'OpenFlow10', 'add-flow', S, 'priority=100,in_port=1,tcp,tp_dst=80,actions=mod_vlan_vid:7,output:2']);
  await ofctlOk(t, b, ['-O', 'OpenFlow10', 'add-flow', S, 'cookie=0x99,priority=90,dl_dst=aa:55:aa:55:00:02,actions=output:3']);
  const dump = await ofctlOk(t, b, ['-O', 'OpenFlow10', '-F', 'OpenFlow10', 'dump-flows', S]);
  t.regex(dump, /^OFPST_FLOW reply \(xid=0x[0-9a-f]+\):\n/);
  t.deepEqual(flowsOf(dump).sort(), [
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=100,tcp,in_port=1,tp_dst=80 actions=mod_vlan_vid:7,output:2',
    'cookie=0x99, table=0, n_packets=0, n_bytes=0, priority=90,dl_dst=aa:55:aa:55:00:02 actions=output:3',
    NORMAL,
  ].sort());
});

// ovs-ofctl's OpenFlow 1.0 dumps prefer the NXM flow format: NXT_SET_FLOW_FORMAT nxm (§4.3.4),
// then NXST_FLOW, answered in that format through the agent.
(hasOvsTools ? test : test.skip)('ovs-ofctl -O OpenFlow10 dump-flows (the NXM flow format ovs-ofctl chooses) prints the flows', async (t) => {
  const b = await bench(t);
  const r = await ofctlRun(b.lab.dir, ['-O', 'OpenFlow10', 'dump-flows', b.listener]);
  t.is(r.status, 0, r.stderr + r.stdout);
  // The NXM dump adds idle_age (seconds since the flow was last used, or made), as Open vSwitch's does.
  const flows = flowsOf(r.stdout);
  t.is(flows.length, 1, r.stdout);
  t.regex(flows[0]!, /^cookie=0x0, table=0, n_packets=0, n_bytes=0, idle_age=\d+, priority=0 actions=NORMAL$/);
});

snoopTest('ovs-ofctl snoop on the snoop listener prints the controller session: the bridge\'s PACKET_IN, the controller\'s PACKET_OUT and FLOW_MOD (§1.6.2, §4.10.2)', async (t) => {
  const controller = await ControllerProcess.testController(4, ['priority=0 actions=CONTROLLER:65535'], 20_000);
  t.teardown(() => controller.stop());
  const b = await bench(t);
  await b.lab.ctlOk('set-controller', 'br0', controller.target);
  const snoopPath = join(b.lab.dir, 'br0.snoop');
  await b.lab.ctlOk('set-snoop', 'br0', `punix:${snoopPath}`);
  const tableMiss = 'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=0 actions=CONTROLLER:65535';
  await eventually(() => control(b.agent.sock, 'dump-flows'), (f) => flowsOf(f).includes(tableMiss), 'the controller\'s table-miss flow', 20_000);

  const snoop = await OfctlMonitor.snoop(b.lab.dir, 'snoop', `unix:${snoopPath}`);
  t.teardown(() => snoop.stop());
  await snoop.setOutputFile();
  // A broadcast from A floods (no flow): injected until the snoop, once attached, shows its packet-in.
  const arpRequest = arpFrame({ src: MAC_A, dst: BROADCAST, spa: '10.0.0.1', tpa: '10.0.0.2' });
  await eventually(async () => {
    await control(b.agent.sock, 'inject', '1', hexOf(arpRequest));
    await new Promise((r) => setTimeout(r, 300));
    return snoop.output();
  }, (out) => out.includes('OFPT_PACKET_IN'), 'a packet-in in the snoop', 20_000, 0);
  // B answers: the controller learns both and installs a flow towards A.
  const arpReply = arpFrame({ src: MAC_B, dst: MAC_A, op: 2, spa: '10.0.0.2', tpa: '10.0.0.1' });
  await control(b.agent.sock, 'inject', '2', hexOf(arpReply));
  const out = await eventually(async () => snoop.output(), (o) => o.includes('OFPT_FLOW_MOD') && /in_port=2 actions=output:1 data_len=42/.test(o),
    'the controller\'s FLOW_MOD and PACKET_OUT in the snoop', 15_000);
  const arpA = `arp,vlan_tci=0x0000,dl_src=${MAC_A},dl_dst=${BROADCAST},arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_op=1,arp_sha=${MAC_A},arp_tha=00:00:00:00:00:00`;
  t.regex(out, new RegExp(`OFPT_PACKET_IN \\(OF1\\.3\\) \\(xid=0x0\\): cookie=0x0 total_len=42 in_port=1 \\(via no_match\\) data_len=42 \\(unbuffered\\)\n${arpA}\n`));
  t.regex(out, new RegExp(`OFPT_PACKET_OUT \\(OF1\\.3\\) \\(xid=0x[0-9a-f]+\\): in_port=1 actions=FLOOD data_len=42\n${arpA}\n`));
  t.regex(out, new RegExp(`OFPT_PACKET_IN \\(OF1\\.3\\) \\(xid=0x0\\): cookie=0x0 total_len=42 in_port=2 \\(via no_match\\) data_len=42 \\(unbuffered\\)\n`));
  t.regex(out, new RegExp(`OFPT_FLOW_MOD \\(OF1\\.3\\) \\(xid=0x[0-9a-f]+\\): ADD priority=1,arp,in_port=2,vlan_tci=0x0000/0x1fff,dl_src=${MAC_B},dl_dst=${MAC_A},` +
    'arp_spa=10.0.0.2,arp_tpa=10.0.0.1,arp_op=2 idle:60 actions=output:1\n'));
  // ... and the flow the snoop saw going by is the agent's.
  t.true(flowsOf(await control(b.agent.sock, 'dump-flows')).some((l) => l.includes(`dl_dst=${MAC_A}`) && l.endsWith('actions=output:1')));
});
