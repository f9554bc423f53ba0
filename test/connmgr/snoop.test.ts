/**
 * Snoops (§4.10): listeners whose clients mirror the best controller
 * session, chosen by role; at most 8 per rconn (§1.6.1); replacing the
 * listener list; no controller to snoop.  Real unix sockets in a temporary
 * directory and real TCP controllers on loopback.
 */

import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnMgr, type ConnMgrEvent } from '../../src/connmgr/index.js';
import { chooseSnoopService } from '../../src/connmgr/snoop.js';
import { FakeClock } from '../support/fake-clock.js';
import { until } from '../support/connmgr-fixture.js';
import { ControllerServer, OfClient, msgOf } from '../support/of-client.js';
import { ScriptedDatapath } from '../support/scripted-datapath.js';

async function setup(t: import('ava').ExecutionContext, controllers: number): Promise<{
  mgr: ConnMgr; events: ConnMgrEvent[]; dir: string; ctls: ControllerServer[]; snoop: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'connmgr-snoop-'));
  const events: ConnMgrEvent[] = [];
  const mgr = new ConnMgr({ bridge: 'br0', clock: new FakeClock(1000), datapath: new ScriptedDatapath(), listener: (e) => events.push(e) });
  const ctls: ControllerServer[] = [];
  for (let i = 0; i < controllers; i++) ctls.push(await ControllerServer.start(4));
  t.teardown(async () => {
    await mgr.destroy();
    for (const c of ctls) await c.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const snoop = join(dir, 'br0.snoop');
  t.is(await mgr.setSnoops([`punix:${snoop}`]), null);
  return { mgr, events, dir, ctls, snoop };
}

test('§4.10.2 chooses the active service whose session has the best role, the first on ties, a disconnected one if nothing better', (t) => {
  const s = (kind: 'active' | 'passive', currentRole: 'primary' | 'equal' | 'secondary' | null, name: string) => ({ kind, currentRole, name });
  t.is(chooseSnoopService([s('active', 'secondary', 'a'), s('active', 'equal', 'b'), s('active', 'equal', 'c')])?.name, 'b');
  t.is(chooseSnoopService([s('active', 'equal', 'a'), s('passive', null, 'p'), s('active', 'primary', 'b')])?.name, 'b');
  t.is(chooseSnoopService([s('active', null, 'a'), s('active', null, 'b')])?.name, 'a');
  t.is(chooseSnoopService([s('passive', null, 'p')]), undefined);
});

test('§4.10.2 §1.6.2 a snoop client mirrors the primary controller\'s session: what it receives and what is sent to it', async (t) => {
  const { mgr, ctls, snoop } = await setup(t, 2);
  await mgr.setControllers({ [ctls[0]!.target]: {}, [ctls[1]!.target]: {} });
  const c1 = await ctls[0]!.next();
  const c2 = await ctls[1]!.next();
  await c1.barrier();
  c2.sendHex('0404001400000001000023200000000a00000001'); // NX role primary
  await c2.barrier();
  const spy = await OfClient.connect(snoop, 4);
  spy.answerEcho = false;
  t.teardown(() => spy.close());
  const watched = mgr.service(ctls[1]!.target)!.rconn!;
  await until(() => watched.status().monitors === 1, 'the monitor');
  t.is(mgr.service(ctls[0]!.target)!.rconn!.status().monitors, 0);
  await new Promise((r) => setTimeout(r, 20));
  c2.sendHex('0402000c0000004261626364');
  await c2.barrier();
  await until(() => spy.received.filter((r) => msgOf(r).xid === 0x42).length >= 2, 'the copies');
  const copies = spy.drain().map((r) => msgOf(r)).filter((m) => m.xid === 0x42);
  t.like(copies[0], { type: 'echo_request', xid: 0x42 });
  t.like(copies[1], { type: 'echo_reply', xid: 0x42 });
});

test('§4.10.2 with no active controller the snoop client is closed and it is reported', async (t) => {
  const { mgr, events, snoop } = await setup(t, 0);
  await mgr.setControllers({ 'ptcp:0:127.0.0.1': {} });
  const spy = await OfClient.connect(snoop, 1).catch(() => null);
  if (spy) await spy.waitClosed();
  t.true(events.some((e) => e.type === 'connmgr.snoop-no-controller'));
});

test('§1.6.1 at most 8 snoops per controller connection: the 9th is closed', async (t) => {
  const { mgr, ctls, snoop } = await setup(t, 1);
  await mgr.setControllers({ [ctls[0]!.target]: {} });
  await (await ctls[0]!.next()).barrier();
  const spies: OfClient[] = [];
  t.teardown(() => spies.forEach((s) => s.close()));
  for (let i = 0; i < 8; i++) spies.push(await OfClient.connect(snoop, 4));
  const rconn = mgr.service(ctls[0]!.target)!.rconn!;
  await until(() => rconn.status().monitors === 8, 'eight monitors');
  const ninth = await OfClient.connect(snoop, 4).catch(() => null);
  if (ninth) await ninth.waitClosed();
  t.is(rconn.status().monitors, 8);
});

test('§4.10.1 setSnoops replaces the listeners and returns the first listen error', async (t) => {
  const { mgr, events, dir, snoop } = await setup(t, 0);
  const other = join(dir, 'other.snoop');
  const err = await mgr.setSnoops([`punix:${other}`, 'ptcp:99999', 'punix:/nonexistent-dir/x']);
  t.truthy(err);
  t.is(err!.code, 'EAFNOSUPPORT');
  t.deepEqual(mgr.snoopNames, [`punix:${other}`]);
  t.is(events.filter((e) => e.type === 'connmgr.snoop-listen-failed').length, 2);
  await t.throwsAsync(OfClient.connect(snoop, 1), undefined, 'the old listener is closed');
});
