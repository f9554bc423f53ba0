// PACKET_OUT: actions on a controller's packet, output:TABLE through the
// pipeline, packet-in reasons, refusals.

import test from 'ava';
import type { Action } from '../../src/openflow/actions.js';
import type { PacketOutMsg } from '../../src/openflow/packet-out.js';
import { OFPP_ANY, OFPP_CONTROLLER, OFPP_FLOOD, OFPP_LOCAL, OFPP_TABLE } from '../../src/openflow/port-number.js';
import { hexOf, tcpFrame } from '../support/frames.js';
import { apply, exact, output, Rig } from '../support/switch-harness.js';

function packetOut(actions: Action[], over: Partial<PacketOutMsg> = {}): PacketOutMsg {
  return { type: 'packet_out', version: 4, xid: 5, bufferId: 0xffffffff, inPort: OFPP_CONTROLLER, metadata: [], actions, data: tcpFrame(), ...over };
}

test('output to ports, FLOOD from a real in_port, LOCAL', async (t) => {
  const rig = new Rig();
  await rig.ok(t, packetOut([output(3), output(OFPP_LOCAL)]));
  t.deepEqual(rig.sent.map((s) => s.port), [3, OFPP_LOCAL]);
  t.is(hexOf(rig.sent[0]!.frame), hexOf(tcpFrame()));
  rig.sent.length = 0;
  await rig.ok(t, packetOut([output(OFPP_FLOOD)], { inPort: 2 }));
  t.deepEqual(rig.sent.map((s) => s.port), [1, 3, 4, OFPP_LOCAL]);
  rig.sent.length = 0;
  await rig.ok(t, packetOut([output(OFPP_FLOOD)], { inPort: OFPP_ANY, version: 1 }));
  t.deepEqual(rig.sent.map((s) => s.port), [1, 2, 3, 4, OFPP_LOCAL]);
  const ports = (await rig.stats(t, { stat: 'port', portNo: 3 })).entries;
  t.like(ports[0], { txPackets: 3n, rxPackets: 0n }, 'output:3 and two floods');
});

test('output:TABLE runs the packet through the tables as if it came from in_port', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { match: exact({ in_port: 1 }), instructions: apply(output(4)) });
  await rig.ok(t, packetOut([output(OFPP_TABLE)], { inPort: 1 }));
  t.deepEqual(rig.sent.map((s) => s.port), [4]);
  const [flow] = (await rig.stats(t, { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] })).entries;
  t.is(flow!.packetCount, 1n);
});

test('packet-ins a PACKET_OUT sets off have reason packet_out, also through the tables; misses stay implicit_miss', async (t) => {
  const rig = new Rig();
  rig.sw.missSendsToController = true;
  await rig.addFlow(t, { match: exact({ in_port: 2 }), cookie: 8n, instructions: apply(output(OFPP_CONTROLLER, 0xffff)) });
  await rig.ok(t, packetOut([output(OFPP_CONTROLLER, 0xffff)]));
  await rig.ok(t, packetOut([output(OFPP_TABLE)], { inPort: 2 }));
  await rig.ok(t, packetOut([output(OFPP_TABLE)], { inPort: 3 }));
  const pins = await rig.packetIns();
  t.deepEqual(pins.map((p) => [p.reason, p.cookie]), [['packet_out', 0xffffffffffffffffn], ['packet_out', 8n], ['implicit_miss', 0n]]);
  t.deepEqual(pins[0]!.metadata, [{ field: 'in_port', value: OFPP_CONTROLLER }]);
});

test('OF1.5 pipeline fields given with the packet are set before the actions run', async (t) => {
  const rig = new Rig();
  await rig.addFlow(t, { match: exact({ reg0: 7 }), instructions: apply(output(2)) });
  await rig.ok(t, packetOut([output(OFPP_TABLE)], { version: 6, inPort: 1, metadata: exact({ reg0: 7 }) }));
  t.deepEqual(rig.sent.map((s) => s.port), [2]);
});

test('refusals: in_port out of range, bad output port, unknown group', async (t) => {
  const rig = new Rig();
  t.is(await rig.error(packetOut([output(1)], { inPort: 0xff00 })), 'OFPBRC_BAD_PORT');
  t.is(await rig.error(packetOut([output(1)], { inPort: OFPP_TABLE })), 'OFPBRC_BAD_PORT');
  t.is(await rig.error(packetOut([output(0xffffff00)])), 'OFPBAC_BAD_OUT_PORT');
  t.is(await rig.error(packetOut([{ type: 'group', groupId: 4 }])), 'OFPBAC_BAD_OUT_GROUP');
  t.is(await rig.error(packetOut([output(1)], { bufferId: 12, data: new Uint8Array(0) })), 'OFPBRC_BUFFER_UNKNOWN');
  t.is(await rig.error(packetOut([output(1)], { bufferId: 12 })), 'ok', 'connmgr attached the buffered packet');
  rig.sent.length = 0;
  t.deepEqual(rig.sent, []);
});
