/**
 * Real peers, in the manner of Open vSwitch's own tests (§10): a connmgr
 * with a ptcp: service listener on 127.0.0.1 over the in-memory reference
 * switch (src/agent), driven by `ovs-ofctl` exactly as tests/ofproto.at
 * drives ovs-vswitchd: detached `ovs-ofctl monitor` sessions fed with
 * `ovs-appctl ofctl/send HEX` and `ofctl/barrier`, `ovs-ofctl packet-out`,
 * `add-flow` and `del-flows` as triggers, ports added and deleted on the
 * switch; the printed monitor logs are compared with the lines the OVS
 * tests expect.  Also `ovs-ofctl show` and `dump-flows` (§10.3) and
 * `ovs-ofctl snoop` while ovs-testcontroller connects (§10.21).
 *
 * One adjustment: port speed and feature lines are left out of the
 * comparison, because they describe the datapath's ports (OVS's dummy
 * netdevs report none, the reference switch reports 10 Gb/s), not
 * anything connmgr does.
 */

import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceSwitch } from '../../src/agent/reference-switch.js';
import { ConnMgr } from '../../src/connmgr/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { serviceBridge, until, type Bridge } from '../support/connmgr-fixture.js';
import { hasOvsTools, ofctl, OfctlMonitor } from '../support/ofctl-monitor.js';

const DPID = 0xfedcba9876543210n;
const FRAME = '0001020304050010203040501234';
const TTL_PACKET =
  '002583dfb4000026b98cb0f908004500003eb7e200000011339bac11370dac100002d7730035002b8f6d86fb0100000100000000000006626c702d7873066e696369726103636f6d00000f00';

const peerTest = hasOvsTools ? test.serial : test.skip;

interface Lab {
  readonly dir: string;
  /** The reference switch's clock (time stands still unless a test moves it). */
  readonly clock: FakeClock;
  readonly sw: ReferenceSwitch;
  readonly b: Bridge<ReferenceSwitch>;
  /** The service target ovs-ofctl connects to. */
  readonly S: string;
  monitor(name: string, options?: string[], args?: string[]): Promise<OfctlMonitor>;
}

async function lab(t: ExecutionContext, ports: Array<{ portNo: number; name: string }> = [], tableNames?: Record<number, string>): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'connmgr-ofctl-'));
  const clock = new FakeClock(0);
  const sw = new ReferenceSwitch({ datapathId: DPID, clock, ports, ...(tableNames ? { tableNames } : {}) });
  // The replays are of current Open vSwitch: no packet buffers (§6.1).
  const b = await serviceBridge({ datapath: sw, packetBuffers: 0 });
  const monitors: OfctlMonitor[] = [];
  t.teardown(async () => {
    for (const m of monitors) await m.stop();
    await b.close();
    sw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const S = `tcp:127.0.0.1:${b.port}`;
  return {
    dir, clock, sw, b, S,
    async monitor(name, options = [], args = []) {
      const m = await OfctlMonitor.start(dir, name, S, options, args);
      monitors.push(m);
      return m;
    },
  };
}

/** The OVS test's sed over a monitor log, less the port lines that describe the datapath's netdevs. */
function normalise(log: string): string {
  return log
    .split('\n')
    .map((l) => l.replace(/ \(xid=0x[0-9a-fA-F]*\)/, '').replace(/ *duration.*/, '').replace(/00:0.$/, '00:0x'))
    .filter((l) => !/^\s+(current|advertised|supported|peer|speed):/.test(l) && !l.startsWith('OFPT_BARRIER_REPLY'))
    .join('\n')
    .trim();
}

function expected(text: string): string {
  return normalise(text);
}

/**
 * OVS's check_async: a barrier, a fresh output file, the triggers, then
 * (our addition, to know when everything arrived) a barrier whose reply
 * the comparison leaves out.
 */
async function checkAsync(m: OfctlMonitor, triggers: () => Promise<void>): Promise<string> {
  await m.barrier();
  await m.setOutputFile();
  await triggers();
  await m.barrier();
  return normalise(m.output());
}

const PIN10 = (via: string, len = 14): string => `OFPT_PACKET_IN: total_len=${len} in_port=CONTROLLER (via ${via}) data_len=${len} (unbuffered)`;
const PKT14 = 'vlan_tci=0x0000,dl_src=00:10:20:30:40:50,dl_dst=00:01:02:03:04:05,dl_type=0x1234';
const PKT76 = 'udp,vlan_tci=0x0000,dl_src=00:26:b9:8c:b0:f9,dl_dst=00:25:83:df:b4:00,nw_src=172.17.55.13,nw_dst=172.16.0.2,nw_tos=0,nw_ecn=0,nw_ttl=0,nw_frag=no,tp_src=55155,tp_dst=53 udp_csum:8f6d';
const PORT = (head: string, state: string): string => `${head}: addr:aa:55:aa:55:00:0x\n     config:     0\n     state:      ${state}`;

peerTest('§10.4 ofproto - asynchronous message control (OpenFlow 1.0), with ovs-ofctl monitor', async (t) => {
  const l = await lab(t);
  const m = await l.monitor('c1', ['-P', 'standard']);
  const triggers = async (): Promise<void> => {
    await ofctl(l.dir, '-v', 'packet-out', l.S, 'controller', 'controller', FRAME);
    await ofctl(l.dir, '-v', 'packet-out', l.S, 'controller', 'controller(reason=no_match,id=123)', FRAME);
    await ofctl(l.dir, 'packet-out', l.S, `in_port=controller packet=${TTL_PACKET} actions=dec_ttl`);
    l.sw.addPort({ portNo: 1, name: 'test', hwAddr: 'aa:55:aa:55:00:0a' });
    await ofctl(l.dir, 'show', l.S);
    l.sw.deletePort(1);
    await ofctl(l.dir, 'add-flow', l.S, 'send_flow_rem,actions=drop');
    await ofctl(l.dir, '--strict', 'del-flows', l.S, '');
  };
  const pinAction = `${PIN10('action')}\n${PKT14}`;
  const pinNoMatch = `${PIN10('no_match')}\n${PKT14}`;
  const pinTtl = `${PIN10('invalid_ttl', 76)}\n${PKT76}`;
  const add = PORT('OFPT_PORT_STATUS: ADD: 1(test)', '0');
  const del = PORT('OFPT_PORT_STATUS: DEL: 1(test)', '0');
  const removed = 'OFPT_FLOW_REMOVED:  reason=delete';

  // It's a service connection so initially there should be no async messages.
  t.is(await checkAsync(m, triggers), '', 'check_async 1');
  // Set miss_send_len to 128, turning on packet-ins for our service connection.
  await m.send('0109000c0123456700000080');
  t.is(await checkAsync(m, triggers), expected([pinAction, add, del, removed].join('\n')), 'check_async 2');
  // Set miss_send_len to 128 and enable invalid_ttl.
  await m.send('0109000c0123456700040080');
  t.is(await checkAsync(m, triggers), expected([pinAction, pinTtl, add, del, removed].join('\n')), 'check_async 3');
  // Become secondary, which should disable everything except port status.
  await m.send('0104001400000002000023200000000a00000002');
  t.is(await checkAsync(m, triggers), expected([add, del].join('\n')), 'check_async 4');
  // Use NXT_SET_ASYNC_CONFIG to enable a patchwork of asynchronous messages.
  await m.send('01040028000000020000232000000013000000020000000500000005000000020000000200000005');
  t.is(await checkAsync(m, triggers), expected([pinTtl, del, removed].join('\n')), 'check_async 5');
  // Set controller ID 123.
  await m.send('01040018000000030000232000000014000000000000007b');
  t.is(await checkAsync(m, triggers), expected([pinNoMatch, del, removed].join('\n')), 'check_async 6');
  // Restore controller ID 0.  Become primary.
  await m.send('010400180000000300002320000000140000000000000000');
  await m.send('0104001400000002000023200000000a00000001');
  t.is(await checkAsync(m, triggers), expected([pinAction, add].join('\n')), 'check_async 7');
});

peerTest('§10.6 ofproto - asynchronous message control (OpenFlow 1.3), with ovs-ofctl monitor', async (t) => {
  const l = await lab(t, [{ portNo: 10, name: 'p1' }]);
  const m = await l.monitor('c1', ['-O', 'OpenFlow13', '-P', 'standard']);
  let index = 0;
  const O = ['-O', 'OpenFlow13'];
  const triggers = async (): Promise<void> => {
    await ofctl(l.dir, ...O, '-v', 'packet-out', l.S, 'none', 'controller', FRAME);
    await ofctl(l.dir, ...O, 'add-flow', l.S, 'in_port=10 actions=write_actions(output(CONTROLLER))');
    l.sw.inject(10, Buffer.from(FRAME, 'hex'));
    await ofctl(l.dir, ...O, '-v', 'packet-out', l.S, 'none', 'controller(reason=no_match,id=123)', FRAME);
    await ofctl(l.dir, ...O, 'packet-out', l.S, 'none', 'dec_ttl', TTL_PACKET);
    l.sw.addPort({ portNo: index, name: 'test', hwAddr: 'aa:55:aa:55:00:0a' });
    await ofctl(l.dir, ...O, 'show', l.S);
    l.sw.deletePort(index);
    await ofctl(l.dir, ...O, 'add-flow', l.S, 'send_flow_rem,actions=drop');
    await ofctl(l.dir, ...O, '--strict', 'del-flows', l.S, '');
    await ofctl(l.dir, ...O, 'add-group', l.S, 'group_id=1234,type=all,bucket=output:10');
    await ofctl(l.dir, ...O, 'add-flow', l.S, 'send_flow_rem,actions=group:1234');
    await ofctl(l.dir, ...O, '--strict', 'del-groups', l.S, 'group_id=1234');
  };
  const step = (n: number): number => (index = n);
  const pinAction = [
    `OFPT_PACKET_IN (OF1.3): total_len=14 in_port=ANY (via action) data_len=14 (unbuffered)\n${PKT14}`,
    `OFPT_PACKET_IN (OF1.3): cookie=0x0 total_len=14 in_port=10 (via action) data_len=14 (unbuffered)\n${PKT14}`,
  ].join('\n');
  const pinNoMatch = `OFPT_PACKET_IN (OF1.3): total_len=14 in_port=ANY (via no_match) data_len=14 (unbuffered)\n${PKT14}`;
  const pinTtl = `OFPT_PACKET_IN (OF1.3): total_len=76 in_port=ANY (via invalid_ttl) data_len=76 (unbuffered)\n${PKT76}`;
  const add = (): string => `${PORT(`OFPT_PORT_STATUS (OF1.3): ADD: ${index}(test)`, '0')}\n${PORT(`OFPT_PORT_STATUS (OF1.3): MOD: ${index}(test)`, 'LIVE')}`;
  const del = (): string => PORT(`OFPT_PORT_STATUS (OF1.3): DEL: ${index}(test)`, 'LIVE');
  const removed = 'OFPT_FLOW_REMOVED (OF1.3):  reason=delete table_id=0';
  const groupRemoved = 'OFPT_FLOW_REMOVED (OF1.3):  reason=group_delete table_id=0';

  step(1);
  t.is(await checkAsync(m, triggers), '', 'check_async 1');
  await m.send('0409000c0123456700000080');
  step(2);
  t.is(await checkAsync(m, triggers), expected([pinAction, add(), del(), removed, groupRemoved].join('\n')), 'check_async 2');
  // Become secondary (OF 1.3), which should disable everything except port status.
  await m.send('041800180000000200000003000000000000000000000001');
  step(3);
  t.is(await checkAsync(m, triggers), expected([add(), del()].join('\n')), 'check_async 3');
  // Use OF 1.3 OFPT_SET_ASYNC to enable a patchwork of asynchronous messages.
  await m.send('041c00200000000200000002000000050000000500000002000000020000000d');
  step(4);
  t.is(await checkAsync(m, triggers), expected([pinTtl, del(), removed, groupRemoved].join('\n')), 'check_async 4');
  // Set controller ID 123.
  await m.send('04040018000000030000232000000014000000000000007b');
  step(5);
  t.is(await checkAsync(m, triggers), expected([pinNoMatch, del(), removed, groupRemoved].join('\n')), 'check_async 5');
  // Restore controller ID 0.  Become primary (OF 1.3).
  await m.send('040400180000000300002320000000140000000000000000');
  await m.send('041800180000000400000002000000000000000000000002');
  step(6);
  t.is(await checkAsync(m, triggers), expected([pinAction, add()].join('\n')), 'check_async 6');
});

peerTest('§4.3.5 ovs-ofctl monitor without -P: NXT_PACKET_IN2 is refused, it falls back to NXT_PACKET_IN on OF1.0 and to the standard form on OF1.3', async (t) => {
  const l = await lab(t);
  const m10 = await l.monitor('c10', [], ['128']);
  const m13 = await l.monitor('c13', ['-O', 'OpenFlow13'], ['128']);
  for (const m of [m10, m13]) {
    await m.barrier();
    await m.setOutputFile();
  }
  await ofctl(l.dir, 'packet-out', l.S, 'controller', 'controller', FRAME);
  for (const m of [m10, m13]) await m.barrier();
  t.regex(normalise(m10.output()), /^NXT_PACKET_IN: total_len=14 in_port=CONTROLLER \(via action\) data_len=14 \(unbuffered\)/);
  t.regex(normalise(m13.output()), /^OFPT_PACKET_IN \(OF1.3\): total_len=14 in_port=CONTROLLER \(via action\) data_len=14 \(unbuffered\)/);
});

for (const [of, v] of [['1.2', '03'], ['1.3', '04'], ['1.4', '05']] as const) {
  peerTest(`§10.9 ofproto - controller role (OpenFlow ${of}), with two ovs-ofctl monitors`, async (t) => {
    const l = await lab(t);
    const name = `OpenFlow${of.replace('.', '')}`;
    const c = [await l.monitor('c1', ['-O', name]), await l.monitor('c2', ['-O', name])];
    const expout: string[][] = [[], []];
    const experr: string[][] = [[], []];
    for (const i of [0, 1]) {
      await c[i]!.barrier();
      await c[i]!.setOutputFile();
      await c[i]!.send(`${v}1800180000000200000000000000000000000000000000`);
      experr[i]!.push(`send: OFPT_ROLE_REQUEST (OF${of}): role=nochange`);
      expout[i]!.push(`OFPT_ROLE_REPLY (OF${of}): role=equal`);
    }
    await c[0]!.send(`${v}1800180000000300000003000000008000000000000002`);
    experr[0]!.push(`send: OFPT_ROLE_REQUEST (OF${of}): role=secondary generation_id=9223372036854775810`);
    expout[0]!.push(`OFPT_ROLE_REPLY (OF${of}): role=secondary generation_id=9223372036854775810`);
    await c[1]!.send(`${v}1800180000000300000002000000008000000000000003`);
    experr[1]!.push(`send: OFPT_ROLE_REQUEST (OF${of}): role=primary generation_id=9223372036854775811`);
    expout[1]!.push(`OFPT_ROLE_REPLY (OF${of}): role=primary generation_id=9223372036854775811`);
    await c[0]!.send(`${v}1800180000000400000002000000000000000000000003`);
    experr[0]!.push(`send: OFPT_ROLE_REQUEST (OF${of}): role=primary generation_id=3`);
    expout[0]!.push(`OFPT_ERROR (OF${of}): OFPRRFC_STALE`, `OFPT_ROLE_REQUEST (OF${of}): role=primary generation_id=3`);
    await c[0]!.send(`${v}1800180000000500000002000000000000000000000001`);
    experr[0]!.push(`send: OFPT_ROLE_REQUEST (OF${of}): role=primary generation_id=1`);
    expout[0]!.push(`OFPT_ROLE_REPLY (OF${of}): role=primary generation_id=1`);
    if (of === '1.3') expout[1]!.push('ONFT_ROLE_STATUS (OF1.3): role=secondary generation_id=1 reason=primary_request');
    if (of === '1.4') expout[1]!.push('OFPT_ROLE_STATUS (OF1.4): role=secondary generation_id=1 reason=primary_request');
    for (const i of [0, 1]) {
      await c[i]!.barrier();
      expout[i]!.push(`OFPT_BARRIER_REPLY (OF${of}):`);
    }
    for (const i of [0, 1]) {
      const log = c[i]!.output().split('\n').filter(Boolean).map((x) => x.replace(/ \(xid=0x[0-9a-fA-F]*\)/, ''));
      t.deepEqual(log.filter((x) => !x.startsWith('send:')), expout[i]!, `c${i + 1} received`);
      t.deepEqual(log.filter((x) => x.startsWith('send:')), experr[i]!, `c${i + 1} sent`);
    }
  });
}

peerTest('§10.11 ofproto - event filtering (OpenFlow 1.3), with ovs-ofctl monitor', async (t) => {
  const l = await lab(t);
  const m = await l.monitor('c1', ['-O', 'OpenFlow13']);
  await m.barrier();
  await m.setOutputFile();
  await m.send('041a00080000000a');
  await m.barrier();
  const log = m.output().split('\n').map((x) => x.replace(/ \(xid=0x[0-9a-fA-F]*\)/, '')).join('\n').trim();
  t.is(log, `send: OFPT_GET_ASYNC_REQUEST (OF1.3):
OFPT_GET_ASYNC_REPLY (OF1.3):
 primary:
       PACKET_IN: no_match action
     PORT_STATUS: add delete modify
    FLOW_REMOVED: idle hard delete group_delete
     ROLE_STATUS: (off)
    TABLE_STATUS: (off)
  REQUESTFORWARD: (off)

 secondary:
       PACKET_IN: (off)
     PORT_STATUS: add delete modify
    FLOW_REMOVED: (off)
     ROLE_STATUS: (off)
    TABLE_STATUS: (off)
  REQUESTFORWARD: (off)
OFPT_BARRIER_REPLY (OF1.3):`);
});

peerTest('§10.3 ovs-ofctl show prints the reference switch\'s features and config; dump-flows its flows (OF1.0 and OF1.3)', async (t) => {
  const l = await lab(t, [{ portNo: 1, name: 'p1' }]);
  const show10 = await ofctl(l.dir, 'show', l.S);
  t.regex(show10, /^OFPT_FEATURES_REPLY \(xid=0x[0-9a-f]+\): dpid:fedcba9876543210\nn_tables:254, n_buffers:0\n/);
  t.regex(show10, /capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP\n/);
  t.regex(show10, /\n 1\(p1\): addr:/);
  t.regex(show10, /\n LOCAL\(br0\): addr:/);
  t.regex(show10, /OFPT_GET_CONFIG_REPLY \(xid=0x[0-9a-f]+\): frags=normal miss_send_len=0\n$/);
  const show13 = await ofctl(l.dir, '-O', 'OpenFlow13', 'show', l.S);
  t.regex(show13, /^OFPT_FEATURES_REPLY \(OF1.3\) \(xid=0x[0-9a-f]+\): dpid:fedcba9876543210\nn_tables:254, n_buffers:0\n/);
  t.regex(show13, /capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS\n/);
  t.regex(show13, /OFPST_PORT_DESC reply \(OF1.3\)/);
  t.regex(show13, /\n 1\(p1\): addr:.*\n[\s\S]*\n LOCAL\(br0\): addr:/);
  t.regex(show13, /OFPT_GET_CONFIG_REPLY \(OF1.3\) \(xid=0x[0-9a-f]+\): frags=normal miss_send_len=0\n$/);

  await ofctl(l.dir, '-O', 'OpenFlow13', 'add-flow', l.S, 'table=2,priority=7,cookie=0x5,ip,nw_dst=10.0.0.1,actions=output:1');
  await ofctl(l.dir, 'add-flow', l.S, 'priority=3,in_port=1,actions=drop');
  const flows = flowLines(await ofctl(l.dir, '-O', 'OpenFlow13', 'dump-flows', l.S));
  t.deepEqual(flows, [
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=3,in_port=1 actions=drop',
    'cookie=0x5, table=2, n_packets=0, n_bytes=0, priority=7,ip,nw_dst=10.0.0.1 actions=output:1',
  ]);
  // OF1.0 in the OF1.0 flow format (OFPST_FLOW; without -F ovs-ofctl asks with NXST_FLOW, below).
  const flows10 = await ofctl(l.dir, '-F', 'openflow10', 'dump-flows', l.S);
  t.regex(flows10, /^OFPST_FLOW reply \(xid=0x[0-9a-f]+\):\n/);
  t.regex(flows10, /priority=3,in_port=1 actions=drop/);
});

peerTest('§4.3.4 §10.3 plain ovs-ofctl -O OpenFlow10 dump-flows and dump-aggregate (NXST_FLOW, NXST_AGGREGATE) show every flow as Open vSwitch does, those OF1.0\'s match cannot express included; with filters too; mod-flows and del-flows by cookie', async (t) => {
  const l = await lab(t, [{ portNo: 1, name: 'p1' }, { portNo: 2, name: 'p2' }]);
  const O = ['-O', 'OpenFlow10'];
  // ovs-ofctl sends the flows OF1.0's ofp_match cannot express (a register, tun_id, IPv6) as NXT_FLOW_MOD.
  await ofctl(l.dir, ...O, 'add-flow', l.S, 'priority=3,in_port=1,actions=drop');
  await ofctl(l.dir, ...O, 'add-flow', l.S, 'reg0=5,tun_id=0x10,actions=output:1');
  await ofctl(l.dir, ...O, 'add-flow', l.S, 'priority=7,ipv6,ipv6_src=2001:db8::1,actions=drop');
  await ofctl(l.dir, ...O, 'add-flow', l.S, 'cookie=0x5,priority=9,tcp,nw_src=10.0.0.0/8,tp_dst=80,idle_timeout=60,actions=output:2');
  await ofctl(l.dir, ...O, 'add-flow', l.S, 'cookie=0x6,in_port=2,ipv6,ipv6_dst=fe80::1,actions=output:1');
  l.clock.advance(5000);
  // The lines a real Open vSwitch 3.1 prints for the same flows, 5 s on (durations left out).
  const all = [
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, idle_age=5, priority=3,in_port=1 actions=drop',
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, idle_age=5, priority=7,ipv6,ipv6_src=2001:db8::1 actions=drop',
    'cookie=0x0, table=0, n_packets=0, n_bytes=0, idle_age=5, reg0=0x5,tun_id=0x10 actions=output:1',
    'cookie=0x5, table=0, n_packets=0, n_bytes=0, idle_timeout=60, idle_age=5, priority=9,tcp,nw_src=10.0.0.0/8,tp_dst=80 actions=output:2',
    'cookie=0x6, table=0, n_packets=0, n_bytes=0, idle_age=5, ipv6,in_port=2,ipv6_dst=fe80::1 actions=output:1',
  ];
  const dump = await ofctl(l.dir, ...O, 'dump-flows', l.S);
  t.regex(dump, /^NXST_FLOW reply \(xid=0x[0-9a-f]+\):\n cookie=0x[0-9a-f]+, duration=5s, table=0, /);
  t.deepEqual(flowLines(dump), all);
  t.regex(await ofctl(l.dir, ...O, 'dump-aggregate', l.S), /^NXST_AGGREGATE reply \(xid=0x[0-9a-f]+\): packet_count=0 byte_count=0 flow_count=5\n$/);
  // Filters travel in the NXM match: a port, a register, IPv6, a cookie under a mask, an output port, a table.
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'in_port=1')), [all[0]]);
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'reg0=5')), [all[2]]);
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'ipv6')), [all[1], all[4]]);
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'cookie=0x4/0xfc')), [all[3], all[4]]);
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'out_port=1')), [all[2], all[4]]);
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'table=1')), []);
  t.regex(await ofctl(l.dir, ...O, 'dump-aggregate', l.S, 'in_port=2'), /: packet_count=0 byte_count=0 flow_count=1\n$/);
  // A flow modified 5 s after it was added: its hard age starts again, its idle age goes on; an OF1.0
  // modify without a cookie gives it cookie 0 (all as Open vSwitch does).
  await ofctl(l.dir, ...O, 'mod-flows', l.S, 'in_port=2,ipv6,ipv6_dst=fe80::1,actions=output:2');
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'in_port=2')),
    ['cookie=0x0, table=0, n_packets=0, n_bytes=0, idle_age=5, hard_age=0, ipv6,in_port=2,ipv6_dst=fe80::1 actions=output:2']);
  // del-flows with an NXM-only match goes by NXT_FLOW_MOD, and dump-flows sees the result.
  await ofctl(l.dir, ...O, 'del-flows', l.S, 'reg0=5');
  t.regex(await ofctl(l.dir, ...O, 'dump-aggregate', l.S), /flow_count=4\n$/);
  // mod-flows and del-flows by cookie: the filter rides in the NXT_FLOW_MOD's NXM match; a modify keeps the cookie.
  await ofctl(l.dir, ...O, 'mod-flows', l.S, 'cookie=0x5/-1,actions=output:1');
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'cookie=0x5/-1')),
    ['cookie=0x5, table=0, n_packets=0, n_bytes=0, idle_timeout=60, idle_age=5, hard_age=0, priority=9,tcp,nw_src=10.0.0.0/8,tp_dst=80 actions=output:1']);
  await ofctl(l.dir, ...O, 'del-flows', l.S, 'cookie=0x4/0xfc');
  t.deepEqual(flowLines(await ofctl(l.dir, ...O, 'dump-flows', l.S, 'cookie=0x5/-1')), []);
  t.regex(await ofctl(l.dir, ...O, 'dump-aggregate', l.S), /flow_count=3\n$/);
});

/** The flows of a dump-flows output, durations left out, sorted. */
function flowLines(dump: string): string[] {
  return dump.split('\n').filter((x) => x.startsWith(' ')).map((x) => x.replace(/ duration=[^,]*,/, '').trim()).sort();
}

for (const [of, name] of [['1.3', 'OpenFlow13'], ['1.4', 'OpenFlow14']] as const) {
  peerTest(`§10.3 plain ovs-ofctl add-flow, add-flows FILE, del-flows and dump-flows (OpenFlow ${of}): the table features request it sends first is answered`, async (t) => {
    const l = await lab(t, [{ portNo: 1, name: 'p1' }, { portNo: 2, name: 'p2' }]);
    await ofctl(l.dir, '-O', name, 'add-flow', l.S, 'in_port=1,actions=output:2');
    const file = join(l.dir, 'flows.txt');
    writeFileSync(file, 'table=1,priority=10,ip,nw_src=10.0.0.1,actions=drop\n# a comment\npriority=5,in_port=p2,actions=output:p1\n');
    await ofctl(l.dir, '-O', name, 'add-flows', l.S, file);
    t.deepEqual(flowLines(await ofctl(l.dir, '-O', name, 'dump-flows', l.S)), [
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, in_port=1 actions=output:2',
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=5,in_port=2 actions=output:1',
      'cookie=0x0, table=1, n_packets=0, n_bytes=0, priority=10,ip,nw_src=10.0.0.1 actions=drop',
    ]);
    // Names on request: the ports'.
    t.deepEqual(flowLines(await ofctl(l.dir, '-O', name, '--names', 'dump-flows', l.S, 'table=0')), [
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, in_port=p1 actions=output:p2',
      'cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=5,in_port=p2 actions=output:p1',
    ]);
    await ofctl(l.dir, '-O', name, 'del-flows', l.S, 'in_port=1');
    await ofctl(l.dir, '-O', name, '--strict', 'del-flows', l.S, 'table=1,priority=10,ip,nw_src=10.0.0.1');
    t.deepEqual(flowLines(await ofctl(l.dir, '-O', name, 'dump-flows', l.S)), ['cookie=0x0, table=0, n_packets=0, n_bytes=0, priority=5,in_port=2 actions=output:1']);
    await ofctl(l.dir, '-O', name, 'del-flows', l.S);
    t.deepEqual(flowLines(await ofctl(l.dir, '-O', name, 'dump-flows', l.S)), []);
  });
}

peerTest('§10.3 ovs-ofctl dump-table-features prints the reference switch\'s 254 tables; table names given to the switch work in add-flow and --names dump-flows', async (t) => {
  const l = await lab(t, [{ portNo: 1, name: 'p1' }], { 0: 'classifier', 5: 'egress' });
  const features = await ofctl(l.dir, '-O', 'OpenFlow13', 'dump-table-features', l.S);
  t.regex(features, /^ {2}table 0 \("classifier"\):\n {4}metadata: match=0xffffffffffffffff write=0xffffffffffffffff\n {4}max_entries=1000000\n {4}instructions \(table miss and others\):\n {6}next tables: 1-253\n {6}instructions: meter apply_actions clear_actions write_actions write_metadata goto_table\n/);
  t.regex(features, /\n {8}actions: output group set_field strip_vlan push_vlan mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue\n/);
  t.regex(features, /\n {2}tables 1\.\.\.4: ditto\n\n {2}table 5 \("egress"\): ditto\n {2}tables 6\.\.\.252: ditto\n\n {2}table 253:\n/);
  // OpenFlow 1.5: the same tables, without the meter instruction (an action there).
  t.regex(await ofctl(l.dir, '-O', 'OpenFlow15', 'dump-table-features', l.S), /\n {6}instructions: apply_actions clear_actions write_actions write_metadata goto_table\n/);
  // A table may be named where a number goes.
  await ofctl(l.dir, '-O', 'OpenFlow13', 'add-flow', l.S, 'table=egress,priority=3,actions=drop');
  t.deepEqual(flowLines(await ofctl(l.dir, '-O', 'OpenFlow13', '--names', 'dump-flows', l.S)), ['cookie=0x0, table=egress, n_packets=0, n_bytes=0, priority=3 actions=drop']);
  t.deepEqual(flowLines(await ofctl(l.dir, '-O', 'OpenFlow13', 'dump-flows', l.S)), ['cookie=0x0, table=5, n_packets=0, n_bytes=0, priority=3 actions=drop']);
});

peerTest('§10.21 ovs-ofctl snoop: a snoop attached before the controller exists sees the FEATURES exchange and SET_CONFIG', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'connmgr-snoop-'));
  const clock = new FakeClock(0);
  const sw = new ReferenceSwitch({ datapathId: DPID, clock });
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: sw });
  const pids: number[] = [];
  t.teardown(async () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await mgr.destroy();
    sw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const controller = join(dir, 'testcontroller');
  await mgr.setControllers({ [`unix:${controller}`]: {} });
  t.is(await mgr.setSnoops([`punix:${join(dir, 'br0.snoop')}`]), null);

  const out = join(dir, 'snoopbr0.txt');
  const fd = openSync(out, 'w');
  await detach('ovs-ofctl', ['-vsyslog:off', '--detach', '--no-chdir', `--unixctl=${join(dir, 'snoop.ctl')}`,
    `--pidfile=${join(dir, 'snoop.pid')}`, 'snoop', `unix:${join(dir, 'br0.snoop')}`], dir, fd);
  closeSync(fd);
  pids.push(Number(readFileSync(join(dir, 'snoop.pid'), 'utf8')));
  await until(() => mgr.service(`unix:${controller}`)!.rconn!.status().monitors === 1, 'the snoop to attach');

  await detach('ovs-testcontroller', ['-vsyslog:off', '-O', 'OpenFlow13', '--detach', '--no-chdir',
    `--pidfile=${join(dir, 'tc.pid')}`, `punix:${controller}`], dir, 'ignore');
  pids.push(Number(readFileSync(join(dir, 'tc.pid'), 'utf8')));
  await until(() => existsSync(controller), 'the controller socket');
  // The controller was missing: connmgr is backing off.  Move time on until it reconnects.
  for (let i = 0; i < 40 && !mgr.service(`unix:${controller}`)!.rconn!.isConnected; i++) {
    clock.advance(1000);
    await new Promise((r) => setTimeout(r, 50));
  }
  const text = (): string => readFileSync(out, 'utf8');
  await until(() => /OFPT_FEATURES_REQUEST/.test(text()) && /OFPT_FEATURES_REPLY/.test(text()) && /OFPT_SET_CONFIG/.test(text()), 'the handshake in the snoop', 10_000);
  t.regex(text(), /OFPT_FEATURES_REPLY \(OF1.3\) \(xid=0x[0-9a-f]+\): dpid:fedcba9876543210/);
  t.regex(text(), /OFPT_SET_CONFIG \(OF1.3\) \(xid=0x[0-9a-f]+\): frags=normal miss_send_len=128/);
});

/** Runs an OVS daemon with --detach: resolves when the parent exits (the daemon is ready). */
function detach(cmd: string, args: string[], dir: string, out: number | 'ignore'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, OVS_RUNDIR: dir, OVS_LOGDIR: dir }, stdio: ['ignore', out, out] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${cmd} did not detach`));
    }, 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited with ${code}`));
    });
  });
}
