// Ports: features, port-status events in Open vSwitch's order, PORT_MOD.

import test from 'ava';
import { ReferenceSwitch } from '../../src/agent/reference-switch.js';
import type { PortModMsg } from '../../src/openflow/port.js';
import { OFPP_LOCAL } from '../../src/openflow/port-number.js';
import { tcpFrame } from '../support/frames.js';
import { DPID, Rig } from '../support/switch-harness.js';

const LIVE = 4;
const LINK_DOWN = 1;
const PORT_DOWN = 1;

function portMod(rig: Rig, portNo: number, config: number, mask: number, version = 4): PortModMsg {
  const hwAddr = rig.sw.features().ports.find((p) => p.portNo === portNo)?.hwAddr ?? '00:00:00:00:00:00';
  return { type: 'port_mod', version, xid: 3, portNo, hwAddr, config, mask, advertise: 0 };
}

test('features: datapath id, 254 tables, capabilities, every port with LOCAL last', (t) => {
  const rig = new Rig({ bridgeName: 'br7' });
  const f = rig.sw.features();
  t.is(f.datapathId, DPID);
  t.is(f.nTables, 254);
  t.is(f.capabilities & 0xcf, 0xcf);
  t.deepEqual(f.ports.map((p) => p.portNo), [1, 2, 3, 4, OFPP_LOCAL]);
  const local = f.ports.at(-1)!;
  t.is(local.name, 'br7');
  t.like(f.ports[0], { name: 'p1', config: 0, state: LIVE, curr: 0x40, currSpeed: 10_000_000 });
  t.regex(f.ports[0]!.hwAddr, /^02:(?:[0-9a-f]{2}:){4}[0-9a-f]{2}$/);
  t.not(f.ports[0]!.hwAddr, f.ports[1]!.hwAddr);
  t.throws(() => new ReferenceSwitch({ datapathId: 1n, ports: [{ portNo: 0 }] }), { instanceOf: RangeError });
  t.throws(() => new ReferenceSwitch({ datapathId: 1n, ports: [{ portNo: 1 }, { portNo: 1 }] }), { instanceOf: RangeError });
  // The LOCAL port of Open vSwitch's test bridges: its own address, administratively down.
  const ovsLike = new ReferenceSwitch({ datapathId: 1n, ports: [{ portNo: OFPP_LOCAL, hwAddr: 'AA:55:AA:55:00:00', config: PORT_DOWN }] });
  t.like(ovsLike.features().ports, [{ portNo: OFPP_LOCAL, name: 'br0', hwAddr: 'aa:55:aa:55:00:00', config: PORT_DOWN, state: LINK_DOWN }]);
  t.throws(() => new ReferenceSwitch({ datapathId: 1n, ports: [{ portNo: 0xff00 }] }), { instanceOf: RangeError });
});

test('adding a port: ADD, then MODIFY setting LIVE (as OVS); deleting it: DELETE', async (t) => {
  const rig = new Rig();
  const desc = rig.sw.addPort({ portNo: 10, name: 'tap10', hwAddr: '02:00:00:00:10:10' });
  t.like(desc, { portNo: 10, name: 'tap10', state: LIVE });
  rig.sw.deletePort(10);
  const ev = await rig.portStatuses();
  t.deepEqual(ev.map((e) => [e.reason, e.port.portNo, e.port.state, e.causedBy]), [[0, 10, 0, undefined], [2, 10, LIVE, undefined], [1, 10, LIVE, undefined]]);
  t.throws(() => rig.sw.addPort({ portNo: 1 }), { instanceOf: RangeError });
  t.throws(() => rig.sw.deletePort(OFPP_LOCAL), { instanceOf: RangeError });
  t.throws(() => rig.sw.inject(10, tcpFrame()), { instanceOf: RangeError });
});

test('PORT_MOD port down: MODIFY naming the session (config), then MODIFY for the link (§4.5.3); up again likewise', async (t) => {
  const rig = new Rig();
  await rig.ok(t, portMod(rig, 2, PORT_DOWN, PORT_DOWN));
  let ev = await rig.portStatuses();
  t.deepEqual(ev.map((e) => [e.reason, e.port.config, e.port.state, e.causedBy]), [[2, PORT_DOWN, LIVE, 7], [2, PORT_DOWN, LINK_DOWN, undefined]]);
  t.deepEqual(rig.inject(2, tcpFrame()), []);
  await rig.ok(t, portMod(rig, 2, 0, PORT_DOWN));
  ev = await rig.portStatuses();
  t.deepEqual(ev.map((e) => [e.port.config, e.port.state, e.causedBy]), [[0, LINK_DOWN, 7], [0, LIVE, undefined]]);
  // A PORT_MOD that changes nothing says nothing.
  await rig.ok(t, portMod(rig, 2, 0, PORT_DOWN));
  t.deepEqual(await rig.portStatuses(), []);
});

test('PORT_MOD refusals and ignored bits: BAD_PORT, BAD_HW_ADDR; OF1.0-only bits ignored in OF1.3', async (t) => {
  const rig = new Rig();
  t.is(await rig.error(portMod(rig, 99, 0, 1)), 'OFPPMFC_BAD_PORT');
  t.is(await rig.error({ ...portMod(rig, 1, 1, 1), hwAddr: '02:00:00:00:00:99' }), 'OFPPMFC_BAD_HW_ADDR');
  await rig.ok(t, portMod(rig, 1, 0x10, 0x10));
  t.deepEqual(await rig.portStatuses(), []);
  await rig.ok(t, portMod(rig, 1, 0x10, 0x10, 1));
  const [e] = await rig.portStatuses();
  t.like(e!.port, { portNo: 1, config: 0x10 });
  t.is((await rig.stats(t, { stat: 'port_desc' })).entries.find((p) => p.portNo === 1)!.config, 0x10);
});

test('link state changes raise MODIFY; PORT statistics count traffic and drops', async (t) => {
  const rig = new Rig();
  rig.sw.setLinkState(3, false);
  rig.sw.setLinkState(3, false);
  rig.sw.setLinkState(3, true);
  t.deepEqual((await rig.portStatuses()).map((e) => e.port.state), [LINK_DOWN, LIVE]);
  rig.inject(1, tcpFrame());
  rig.clock.advance(2_500);
  const all = (await rig.stats(t, { stat: 'port', portNo: 0xffffffff })).entries;
  t.deepEqual(all.map((p) => p.portNo), [1, 2, 3, 4, OFPP_LOCAL]);
  t.like(all[0], { rxPackets: 1n, rxBytes: BigInt(tcpFrame().length), txPackets: 0n, durationSec: 2, durationNsec: 500_000_000 });
  t.deepEqual((await rig.stats(t, { stat: 'port', portNo: 77 })).entries, []);
});
