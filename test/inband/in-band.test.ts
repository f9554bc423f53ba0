/**
 * In-band control as a decider (reference §8): the remotes of given
 * targets, the hidden rule sets (a)-(i) for given remotes and MACs, the
 * differences applied run after run, and the rules accepted and matching
 * packets in the reference switch.
 */

import test from 'ava';
import { ReferenceSwitch } from '../../src/agent/index.js';
import {
  InBand,
  inBandRemotes,
  inBandRules,
  type InBandRemote,
} from '../../src/inband/in-band.js';
import { OFPP_LOCAL, OFPP_NORMAL } from '../../src/openflow/port-number.js';
import { FakeClock } from '../support/fake-clock.js';

const LOCAL_MAC = '0a:00:00:00:00:fe';
const HOP_MAC = '0a:00:00:00:00:01';

const brief = (rules: ReturnType<typeof inBandRules>): string[] =>
  rules.map((r) => `${r.priority} ${r.match.map((f) => ('value' in f ? `${f.field}=${String(f.value)}` : 'opaque')).join(',')}`);

test('§8.2 remotes: in-band tcp:/ssl: IPv4 targets (default port 6653) and the extra remotes, no duplicates; passive, unix, IPv6, names and out-of-band never', (t) => {
  const remotes = inBandRemotes(
    [
      { target: 'tcp:192.168.0.10', band: 'in-band' },
      { target: 'ssl:192.168.0.11:6633', band: 'in-band' },
      { target: 'tcp:192.168.0.12', band: 'out-of-band' },
      { target: 'ptcp:6653:192.168.0.13', band: 'in-band' },
      { target: 'unix:/run/c.sock', band: 'in-band' },
      { target: 'tcp:[::1]:6653', band: 'in-band' },
      { target: 'tcp:controller.example:6653', band: 'in-band' },
      { target: 'tcp:192.168.0.10:6653', band: 'in-band' },
    ],
    [{ ip: '10.1.1.1', port: 6640 }, { ip: '192.168.0.11', port: 6633 }],
  );
  t.deepEqual(remotes, [
    { ip: '192.168.0.10', port: 6653 },
    { ip: '192.168.0.11', port: 6633 },
    { ip: '10.1.1.1', port: 6640 },
  ]);
});

test('§8.4 the rule set for one remote with a known local MAC and next hop: (a)-(i) at 180000-180008, actions output:NORMAL', (t) => {
  const rules = inBandRules([{ ip: '192.168.0.10', port: 6653 }], { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC] });
  t.deepEqual(brief(rules), [
    `180000 in_port=${OFPP_LOCAL},eth_src=${LOCAL_MAC},eth_type=2048,ip_proto=17,udp_src=68,udp_dst=67`,
    `180001 eth_dst=${LOCAL_MAC},eth_type=2054,arp_op=2`,
    `180002 eth_src=${LOCAL_MAC},eth_type=2054,arp_op=1`,
    `180003 eth_dst=${HOP_MAC},eth_type=2054,arp_op=2`,
    `180004 eth_src=${HOP_MAC},eth_type=2054,arp_op=1`,
    '180005 eth_type=2054,arp_op=2,arp_tpa=192.168.0.10',
    '180006 eth_type=2054,arp_op=1,arp_spa=192.168.0.10',
    '180007 eth_type=2048,ip_proto=6,ipv4_dst=192.168.0.10,tcp_dst=6653',
    '180008 eth_type=2048,ip_proto=6,ipv4_src=192.168.0.10,tcp_src=6653',
  ]);
  for (const r of rules) t.deepEqual(r.instructions, [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }]);
});

test('§8.4 conditions: no remotes, no rules; unknown local MAC drops (a)-(c); unknown next hop drops (d)-(e); one set per distinct next hop and remote IP', (t) => {
  t.deepEqual(inBandRules([], { localMac: LOCAL_MAC, nextHopMacs: [] }), []);
  const r1 = { ip: '192.168.0.10', port: 6653 };
  t.deepEqual(inBandRules([r1], { localMac: null, nextHopMacs: [null] }).map((r) => r.priority), [180005, 180006, 180007, 180008]);
  const two: InBandRemote[] = [r1, { ip: '192.168.0.10', port: 6640 }, { ip: '192.168.0.20', port: 6653 }];
  const rules = inBandRules(two, { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC, HOP_MAC, HOP_MAC] });
  const count = (p: number): number => rules.filter((r) => r.priority === p).length;
  t.deepEqual([180000, 180001, 180002, 180003, 180004, 180005, 180006, 180007, 180008].map(count), [1, 1, 1, 1, 1, 2, 2, 3, 3]);
});

test('§8.4 the in-band queue: set_queue:Q before output:NORMAL', (t) => {
  const [rule] = inBandRules([{ ip: '10.0.0.1', port: 6653 }], { localMac: null, nextHopMacs: [null] }, 7);
  t.deepEqual(rule!.instructions, [{ type: 'apply_actions', actions: [{ type: 'set_queue', queueId: 7 }, { type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }]);
});

test('§8.5 §8.6 each run applies only the difference; a flush makes the next run add everything again', (t) => {
  const ib = new InBand();
  const r1 = { ip: '192.168.0.10', port: 6653 };
  const r2 = { ip: '192.168.0.20', port: 6653 };
  const first = ib.run(inBandRules([r1], { localMac: LOCAL_MAC, nextHopMacs: [null] }));
  t.is(first.add.length, 7);
  t.deepEqual(first.delete, []);
  t.deepEqual(ib.run(inBandRules([r1], { localMac: LOCAL_MAC, nextHopMacs: [null] })), { add: [], delete: [] }, 'nothing changed: nothing to do');
  const learned = ib.run(inBandRules([r1], { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC] }));
  t.deepEqual(learned.add.map((r) => r.priority), [180003, 180004], 'the next hop became known');
  t.deepEqual(learned.delete, []);
  const moved = ib.run(inBandRules([r2], { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC] }));
  t.deepEqual(moved.add.map((r) => r.priority), [180005, 180006, 180007, 180008]);
  t.deepEqual(moved.delete.map((r) => r.priority).sort(), [180005, 180006, 180007, 180008]);
  t.true(moved.delete.every((d) => JSON.stringify(d.match).includes('192.168.0.10')));
  const queued = ib.run(inBandRules([r2], { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC] }, 3));
  t.is(queued.add.length, 9, 'new actions: every rule is replaced');
  t.deepEqual(queued.delete, []);
  ib.flushed();
  t.is(ib.ruleCount, 0);
  t.is(ib.run(inBandRules([r2], { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC] }, 3)).add.length, 9);
  const gone = ib.run([]);
  t.is(gone.delete.length, 9, 'no remotes left: every rule goes');
  t.is(ib.ruleCount, 0);
});

test('§8.3 §8.4 §4.8.6 through the reference switch: its LOCAL address and static next hops give rules it accepts as hidden flows, and they forward ARP by NORMAL', async (t) => {
  const clock = new FakeClock(0);
  const sw = new ReferenceSwitch({
    datapathId: 1n, clock, ports: [{ portNo: 1 }, { portNo: 2 }, { portNo: OFPP_LOCAL, hwAddr: LOCAL_MAC }],
    nextHops: { '192.168.0.10': HOP_MAC },
  });
  const remotes = [{ ip: '192.168.0.10', port: 6653 }, { ip: '192.168.0.30', port: 6653 }];
  const info = await sw.inbandInfo(remotes);
  t.deepEqual(info, { localMac: LOCAL_MAC, nextHopMacs: [HOP_MAC, null] });
  const ib = new InBand();
  const changes = ib.run(inBandRules(remotes, info));
  for (const f of changes.add) await sw.addHiddenFlow(f);
  const flows = sw.dumpFlows();
  t.is(flows.length, 5 + 4 * 2);
  t.true(flows.every((f) => f.hidden && f.priority >= 180000 && f.priority <= 180008));
  // An ARP request from the remote 192.168.0.30 on port 1 floods by NORMAL (no table entry would otherwise take it).
  const arp = Buffer.from(
    'ffffffffffff' + '0a0000000030' + '0806' + '0001080006040001' + '0a0000000030' + 'c0a8001e' + '000000000000' + 'c0a80001', 'hex');
  const out = sw.inject(1, arp).map((x) => x.port).sort((a, b) => a - b);
  t.deepEqual(out, [2, OFPP_LOCAL]);
  for (const d of ib.run([]).delete) await sw.deleteHiddenFlow(d.priority, d.match);
  t.deepEqual(sw.dumpFlows(), []);
});
