/**
 * In-band control through connmgr and the reference switch (reference §8,
 * §4.2.4, §7.7, §10.14): controllers are configured on a bridge whose
 * switch knows its LOCAL address and (some of) its next hops, the fake
 * clock is driven, and the hidden rules are observed where a user would
 * see them: the switch's full flow dump (`bridge/dump-flows`), the
 * hidden-flow operations the switch received, and an OpenFlow client's
 * flow and table statistics.  Controller targets are loopback addresses
 * at a closed port: the controllers never connect, which in-band does not
 * care about.
 */

import { createServer } from 'node:net';
import test from 'ava';
import { ConnMgr, type ConnMgrOptions, type HiddenFlow } from '../../src/connmgr/index.js';
import { ReferenceSwitch } from '../../src/agent/index.js';
import type { InBandInfo, InBandRemote } from '../../src/inband/in-band.js';
import type { MatchField } from '../../src/openflow/match.js';
import { encode, OFPP_ANY, OFPP_LOCAL, OFPP_NORMAL, type MultipartReplyMsg } from '../../src/openflow/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { OfClient, msgOf } from '../support/of-client.js';

const LOCAL_MAC = '0a:00:00:00:00:fe';
const HOP_MAC = '0a:00:00:00:00:01';
const NORMAL = [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }];

/** Lets real socket I/O (connection refusals) happen while the fake clock stands still. */
const io = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

/** A TCP port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The reference switch, recording the hidden-flow operations and flushes connmgr asks for; next hops can be learned later. */
class RecordingSwitch extends ReferenceSwitch {
  readonly ops: string[] = [];
  readonly learned = new Map<string, string>();
  infoCalls = 0;

  override flush(): Promise<void> {
    this.ops.push('flush');
    return super.flush();
  }

  override addHiddenFlow(flow: HiddenFlow): Promise<void> {
    this.ops.push(`add ${describe(flow.priority, flow.match)}`);
    return super.addHiddenFlow(flow);
  }

  override deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void> {
    this.ops.push(`del ${describe(priority, match)}`);
    return super.deleteHiddenFlow(priority, match);
  }

  override async inbandInfo(remotes: readonly InBandRemote[]): Promise<InBandInfo> {
    this.infoCalls++;
    const info = await super.inbandInfo(remotes);
    return { ...info, nextHopMacs: remotes.map((r, i) => info.nextHopMacs[i] ?? this.learned.get(r.ip) ?? null) };
  }

  /** Hidden flows as "priority field=value,...", lowest priority first. */
  hidden(): string[] {
    return this.dumpFlows().filter((f) => f.hidden).sort((a, b) => a.priority - b.priority).map((f) => describe(f.priority, f.match));
  }
}

function describe(priority: number, match: readonly MatchField[]): string {
  return `${priority} ${match.map((f) => ('value' in f ? `${f.field}=${String(f.value)}` : f.field)).join(',')}`;
}

/** The nine rules (a)-(i) of §8.4 for one remote with a known local MAC and next hop. */
function allRules(ip: string, port: number): string[] {
  return [
    `180000 in_port=${OFPP_LOCAL},eth_src=${LOCAL_MAC},eth_type=2048,ip_proto=17,udp_src=68,udp_dst=67`,
    `180001 eth_dst=${LOCAL_MAC},eth_type=2054,arp_op=2`,
    `180002 eth_src=${LOCAL_MAC},eth_type=2054,arp_op=1`,
    `180003 eth_dst=${HOP_MAC},eth_type=2054,arp_op=2`,
    `180004 eth_src=${HOP_MAC},eth_type=2054,arp_op=1`,
    ...remoteRules(ip, port),
  ];
}

/** Rules (f)-(i) of one remote. */
function remoteRules(ip: string, port: number): string[] {
  return [
    `180005 eth_type=2054,arp_op=2,arp_tpa=${ip}`,
    `180006 eth_type=2054,arp_op=1,arp_spa=${ip}`,
    `180007 eth_type=2048,ip_proto=6,ipv4_dst=${ip},tcp_dst=${port}`,
    `180008 eth_type=2048,ip_proto=6,ipv4_src=${ip},tcp_src=${port}`,
  ];
}

interface Rig {
  readonly clock: FakeClock;
  readonly sw: RecordingSwitch;
  readonly mgr: ConnMgr;
  /** A port nothing listens on: controllers there never connect. */
  readonly port: number;
}

async function rig(
  t: { teardown(fn: () => Promise<void>): void },
  nextHops: Record<string, string>,
  options: Partial<ConnMgrOptions> = {},
): Promise<Rig> {
  const clock = new FakeClock(1_000_000);
  const sw = new RecordingSwitch({
    datapathId: 0xf1n, clock, ports: [{ portNo: 1 }, { portNo: 2 }, { portNo: OFPP_LOCAL, hwAddr: LOCAL_MAC }], nextHops,
  });
  const mgr = new ConnMgr({ bridge: 'br0', clock, datapath: sw, ...options });
  t.teardown(() => mgr.destroy());
  return { clock, sw, mgr, port: await closedPort() };
}

test('§8.2 §8.4 §4.2.4 an in-band controller gets the hidden rules (a)-(i) at 180000-180008, actions NORMAL; out-of-band and passive targets get none', async (t) => {
  const { sw, mgr, port } = await rig(t, { '127.0.0.1': HOP_MAC });
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {}, [`tcp:127.0.0.1:${port}`]: { band: 'out-of-band' } });
  await mgr.inBandSettled();
  t.deepEqual(mgr.inBandRemotes, []);
  t.deepEqual(sw.hidden(), [], 'out-of-band and passive: no in-band rules');

  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {}, [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  t.deepEqual(mgr.inBandRemotes, [{ ip: '127.0.0.1', port }]);
  const flows = sw.dumpFlows();
  t.deepEqual(sw.hidden(), allRules('127.0.0.1', port));
  t.is(flows.length, 9);
  for (const f of flows) {
    t.like(f, { tableId: 0, hidden: true });
    t.deepEqual(f.instructions, NORMAL);
  }
  t.is(mgr.inBandRuleCount, 9);
});

test('§8.2 §4.11.3 the first in-band controller: the flush comes first, the rules after it; removing the controller deletes them (§8.2)', async (t) => {
  const { sw, mgr, port } = await rig(t, { '127.0.0.1': HOP_MAC });
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  t.is(sw.ops[0], 'flush', '§4.11.4 the first controller flushes');
  t.deepEqual(sw.hidden(), allRules('127.0.0.1', port));
  sw.ops.length = 0;
  await mgr.setControllers({});
  await mgr.inBandSettled();
  t.deepEqual(sw.dumpFlows(), []);
  t.deepEqual(mgr.inBandRemotes, []);
  t.is(mgr.inBandRuleCount, 0);
  t.true(sw.ops.filter((o) => o.startsWith('del ')).length === 9 && sw.ops.every((o) => !o.startsWith('add ')), sw.ops.join('\n'));
});

test('§8.5 changing the targets applies only the difference; a settings change that keeps the remotes changes nothing', async (t) => {
  const { sw, mgr, port } = await rig(t, { '127.0.0.1': HOP_MAC, '127.0.0.2': HOP_MAC });
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  sw.ops.length = 0;
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: { probeInterval: 10 } });
  await mgr.inBandSettled();
  t.deepEqual(sw.ops, [], 'same remotes: no hidden-flow operation');

  await mgr.setControllers({ [`tcp:127.0.0.2:${port}`]: {} });
  await mgr.inBandSettled();
  t.deepEqual(sw.ops, [...remoteRules('127.0.0.1', port).map((r) => `del ${r}`), ...remoteRules('127.0.0.2', port).map((r) => `add ${r}`)]);
  t.deepEqual(sw.hidden(), allRules('127.0.0.2', port));

  sw.ops.length = 0;
  await mgr.setControllers({ [`tcp:127.0.0.2:${port}`]: {}, 'tcp:127.0.0.2': {} });
  await mgr.inBandSettled();
  t.deepEqual(sw.ops, [
    'add 180007 eth_type=2048,ip_proto=6,ipv4_dst=127.0.0.2,tcp_dst=6653',
    'add 180008 eth_type=2048,ip_proto=6,ipv4_src=127.0.0.2,tcp_src=6653',
  ], 'a second port on the same address (default 6653): only its TCP rules');
});

test('§8.3 runs every 1 s while a next hop is unknown, every 10 s once known; a learned next hop adds (d) and (e)', async (t) => {
  const { clock, sw, mgr, port } = await rig(t, {});
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  const start = sw.infoCalls;
  t.deepEqual(sw.hidden().map((r) => r.slice(0, 6)), ['180000', '180001', '180002', '180005', '180006', '180007', '180008'], 'no next hop yet: no (d), (e)');
  clock.advance(999);
  await mgr.inBandSettled();
  t.is(sw.infoCalls, start, 'not before 1 s');
  clock.advance(1);
  await mgr.inBandSettled();
  t.is(sw.infoCalls, start + 1, 'again at 1 s');
  sw.learned.set('127.0.0.1', HOP_MAC);
  sw.ops.length = 0;
  clock.advance(1_000);
  await mgr.inBandSettled();
  t.is(sw.infoCalls, start + 2);
  t.deepEqual(sw.ops, [`add 180003 eth_dst=${HOP_MAC},eth_type=2054,arp_op=2`, `add 180004 eth_src=${HOP_MAC},eth_type=2054,arp_op=1`]);
  t.deepEqual(sw.hidden(), allRules('127.0.0.1', port));
  clock.advance(9_999);
  await mgr.inBandSettled();
  t.is(sw.infoCalls, start + 2, 'everything known: not before 10 s');
  clock.advance(1);
  await mgr.inBandSettled();
  t.is(sw.infoCalls, start + 3, 'again at 10 s');
  t.is(sw.ops.length, 2, 'nothing changed: nothing applied');
});

test('§8.6 §7.7 §4.11.3 fail-open activation flushes the in-band rules too; they are re-added, above the fail-open rule', async (t) => {
  const { clock, sw, mgr, port } = await rig(t, { '127.0.0.1': HOP_MAC });
  await mgr.setFailMode('standalone');
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  t.deepEqual(sw.hidden(), allRules('127.0.0.1', port));
  sw.ops.length = 0;
  for (let i = 0; i < 15 && !mgr.isFailingOpen; i++) {
    clock.advance(1_000);
    await io();
    await mgr.failOpenSettled();
  }
  t.true(mgr.isFailingOpen, 'never admitted: fails open after 15 s');
  await mgr.inBandSettled();
  t.is(sw.ops[0], 'flush');
  t.is(sw.ops.filter((o) => o.startsWith('add 18000')).length, 9, 'every in-band rule re-added after the flush');
  t.deepEqual(sw.dumpFlows().map((f) => f.priority), [0xf0f0f0, 180008, 180007, 180006, 180005, 180004, 180003, 180002, 180001, 180000]);
});

test('§8.4 the in-band queue: set_queue before output:NORMAL in every rule; unset again, plain NORMAL', async (t) => {
  const { sw, mgr, port } = await rig(t, { '127.0.0.1': HOP_MAC }, { inBandQueue: 3 });
  await mgr.setControllers({ [`tcp:127.0.0.1:${port}`]: {} });
  await mgr.inBandSettled();
  const queued = (q: number) => [{ type: 'apply_actions', actions: [{ type: 'set_queue', queueId: q }, { type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }];
  t.is(sw.dumpFlows().length, 9);
  for (const f of sw.dumpFlows()) t.deepEqual(f.instructions, queued(3));
  await mgr.setInBandQueue(7);
  await mgr.inBandSettled();
  t.is(sw.dumpFlows().length, 9, 'replaced, not duplicated');
  for (const f of sw.dumpFlows()) t.deepEqual(f.instructions, queued(7));
  await mgr.setInBandQueue(null);
  await mgr.inBandSettled();
  for (const f of sw.dumpFlows()) t.deepEqual(f.instructions, NORMAL);
  await t.throwsAsync(mgr.setInBandQueue(0xffffffff), { instanceOf: RangeError });
});

test('§8.1 §8.2 extra remotes get rules without any controller; disable-in-band removes every rule, extra ones included', async (t) => {
  const { sw, mgr } = await rig(t, { '192.0.2.1': HOP_MAC });
  await mgr.setInBandRemotes([{ ip: '192.0.2.1', port: 6640 }]);
  await mgr.inBandSettled();
  t.deepEqual(sw.hidden(), allRules('192.0.2.1', 6640));
  await mgr.setInBandDisabled(true);
  await mgr.inBandSettled();
  t.deepEqual(sw.dumpFlows(), []);
  t.deepEqual(mgr.inBandRemotes, []);
  await mgr.setInBandDisabled(false);
  await mgr.inBandSettled();
  t.is(sw.hidden().length, 9);
  await mgr.setInBandRemotes([]);
  await mgr.inBandSettled();
  t.deepEqual(sw.dumpFlows(), []);
  await t.throwsAsync(mgr.setInBandRemotes([{ ip: '2001:db8::1', port: 6640 }]), { instanceOf: RangeError });
});

test('§10.14 §4.8.6 hidden rules not in table stats: OpenFlow flow stats are empty and table 0 shows active_count 0 while the switch holds the in-band rules', async (t) => {
  const { clock, sw, mgr, port } = await rig(t, {});
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {}, [`tcp:127.0.0.1:${port}`]: {} });
  clock.advance(5_000);
  await io();
  await mgr.inBandSettled();
  t.true(sw.hidden().length > 0 && sw.hidden().every((r) => r.includes('127.0.0.1') || r.includes(LOCAL_MAC)));
  t.true(sw.hidden().some((r) => r.includes('127.0.0.1')));
  const listen = mgr.service('ptcp:0:127.0.0.1')?.port;
  if (!listen) return t.fail('no listener');
  const c = await OfClient.connect(listen, 4);
  t.teardown(() => Promise.resolve(c.close()));
  c.send(encode({
    type: 'multipart_request', version: 4, xid: 1, flags: 0,
    body: { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] },
  }));
  c.send(encode({ type: 'multipart_request', version: 4, xid: 2, flags: 0, body: { stat: 'table' } }));
  const [flows, tables] = (await c.barrier()).map((r) => msgOf(r) as MultipartReplyMsg);
  t.like(flows!.body, { stat: 'flow', entries: [] });
  const body = tables!.body;
  if (body.stat !== 'table') return t.fail(`expected table stats, got ${body.stat}`);
  t.like(body.entries[0], { tableId: 0, activeCount: 0 });
});
