// output:NORMAL, the MAC-learning switch: the fresh standalone bridge's
// "priority=0 actions=NORMAL" (reference §4.11.3) forwarding traffic.

import test from 'ava';
import { OFPP_LOCAL, OFPP_NORMAL } from '../../src/openflow/port-number.js';
import { arpFrame, BROADCAST, ethernet, MAC_A, MAC_B, MAC_C, tcpFrame, udpFrame } from '../support/frames.js';
import { apply, output, Rig } from '../support/switch-harness.js';

async function normalRig(t: Parameters<Rig['ok']>[0], macAgingMs?: number): Promise<Rig> {
  const rig = new Rig(macAgingMs === undefined ? {} : { macAgingMs });
  await rig.addFlow(t, { priority: 0, match: [], instructions: apply(output(OFPP_NORMAL)) });
  return rig;
}

test('unknown and broadcast destinations flood; learned ones go to one port; replies need no flooding', async (t) => {
  const rig = await normalRig(t);
  t.deepEqual(rig.inject(1, arpFrame({ src: MAC_A, dst: BROADCAST })), [2, 3, 4, OFPP_LOCAL]);
  t.deepEqual(rig.inject(2, arpFrame({ src: MAC_B, dst: MAC_A, op: 2 })), [1], 'A was learned on port 1');
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B })), [2], 'B was learned on port 2');
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_C })), [2, 3, 4, OFPP_LOCAL], 'C is unknown');
  // A frame to an address learned on its own input port goes nowhere.
  t.deepEqual(rig.inject(2, tcpFrame({ src: MAC_C, dst: MAC_B })), []);
  // A station that moves is learned again.
  t.deepEqual(rig.inject(4, tcpFrame({ src: MAC_B, dst: MAC_A })), [1]);
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B })), [4]);
});

test('learning is per VLAN; tags are forwarded as they are', async (t) => {
  const rig = await normalRig(t);
  rig.inject(1, udpFrame({ src: MAC_A, dst: BROADCAST, vlan: { vid: 10 } }));
  t.deepEqual(rig.inject(2, udpFrame({ src: MAC_B, dst: MAC_A, vlan: { vid: 10 } })), [1]);
  t.deepEqual(rig.inject(2, udpFrame({ src: MAC_B, dst: MAC_A, vlan: { vid: 20 } })), [1, 3, 4, OFPP_LOCAL], 'A is unknown in VLAN 20');
  const [out] = rig.sw.inject(2, udpFrame({ src: MAC_B, dst: MAC_A, vlan: { vid: 10 } }));
  t.is(Buffer.from(out!.frame).readUInt16BE(14) & 0xfff, 10);
});

test('entries age out (300 s by default); multicast sources are not learned; 802.1D reserved addresses are dropped', async (t) => {
  const rig = await normalRig(t, 60_000);
  rig.inject(1, tcpFrame({ src: MAC_A, dst: BROADCAST }));
  rig.clock.advance(59_999);
  t.deepEqual(rig.inject(2, tcpFrame({ src: MAC_B, dst: MAC_A })), [1]);
  rig.clock.advance(1);
  t.deepEqual(rig.inject(2, tcpFrame({ src: MAC_B, dst: MAC_A })), [1, 3, 4, OFPP_LOCAL]);
  rig.inject(3, tcpFrame({ src: '01:00:5e:00:00:01', dst: BROADCAST }));
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: '01:00:5e:00:00:01' })), [2, 3, 4, OFPP_LOCAL]);
  t.deepEqual(rig.inject(1, ethernet({ src: MAC_A, dst: '01:80:c2:00:00:00' }, 0x0026, Buffer.alloc(40))), []);
});

test('a deleted port is forgotten; down ports neither receive nor send', async (t) => {
  const rig = await normalRig(t);
  rig.inject(3, tcpFrame({ src: MAC_C, dst: BROADCAST }));
  rig.sw.deletePort(3);
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_C })), [2, 4, OFPP_LOCAL]);
  rig.sw.setLinkState(4, false);
  t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: BROADCAST })), [2, OFPP_LOCAL]);
  t.deepEqual(rig.inject(4, tcpFrame({ src: MAC_B, dst: BROADCAST })), []);
  const [p4] = (await rig.stats(t, { stat: 'port', portNo: 4 })).entries;
  t.like(p4, { rxDropped: 1n, txDropped: 1n, rxPackets: 0n });
});
