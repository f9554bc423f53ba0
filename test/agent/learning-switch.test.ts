// The pieces together: a learning-switch controller (the logic of
// ovs-testcontroller and of os-ken's simple_switch_13) driving the
// reference switch as a controller would through connmgr: it receives
// packet-in events, answers with FLOW_MOD and PACKET_OUT, and everything
// it sends goes through the OpenFlow codec (encoded, then decoded, as
// connmgr would receive it from the wire).  After the first exchange,
// traffic between known hosts is forwarded by flows, with no packet-in.

import test from 'ava';
import type { DatapathEvent, DatapathPacketIn } from '../../src/connmgr/datapath-port.js';
import { decode, encode } from '../../src/openflow/codec.js';
import type { OfpMessage } from '../../src/openflow/index.js';
import type { Match } from '../../src/openflow/match.js';
import { OFPP_ANY, OFPP_CONTROLLER, OFPP_FLOOD, OFPP_LOCAL } from '../../src/openflow/port-number.js';
import { fieldOf, fromBits } from '../../src/agent/field-bits.js';
import { parseFrame } from '../../src/agent/packet-parser.js';
import { arpFrame, BROADCAST, MAC_A, MAC_B, MAC_C, tcpFrame } from '../support/frames.js';
import { apply, flowMod, output, Rig, settle } from '../support/switch-harness.js';

/** A MAC-learning controller speaking OpenFlow 'version' to the switch. */
class LearningController {
  readonly macToPort = new Map<string, number>();
  packetIns = 0;
  private xid = 100;
  private work: Promise<unknown> = Promise.resolve();

  constructor(private readonly rig: Rig, private readonly version: number) {}

  /** Sends 'msg' as it would cross the wire: encoded in the session's version, then decoded. */
  private send(msg: OfpMessage): Promise<unknown> {
    const wire = decode(encode({ ...msg, xid: this.xid++ }, this.version));
    return this.rig.send(wire).then((r) => {
      if (!r.ok) throw new Error(`${msg.type} refused: ${r.error}`);
    });
  }

  start(): Promise<unknown> {
    this.rig.sw.setEventListener((e) => this.onEvent(e));
    if (this.version === 1) {
      // OpenFlow 1.0 controller with id 0: connmgr asks for packet-ins on misses (§4.8.7).
      this.rig.sw.missSendsToController = true;
      return Promise.resolve();
    }
    // OpenFlow 1.3: a table-miss flow sends misses to the controller.
    return this.send(flowMod({ version: this.version, priority: 0, match: [], instructions: apply(output(OFPP_CONTROLLER, 0xffff)) }));
  }

  private onEvent(e: DatapathEvent): void {
    if (e.type === 'packet_in') this.work = this.work.then(() => this.onPacketIn(e));
  }

  private async onPacketIn(pin: DatapathPacketIn): Promise<void> {
    this.packetIns++;
    const inPort = pin.metadata.find((f) => f.field === 'in_port');
    const port = inPort && 'value' in inPort ? Number(inPort.value) : OFPP_ANY;
    const key = parseFrame(pin.frame).key;
    const src = fromBits(fieldOf('eth_src'), key.get('eth_src')!) as string;
    const dst = fromBits(fieldOf('eth_dst'), key.get('eth_dst')!) as string;
    this.macToPort.set(src, port);
    const out = this.macToPort.get(dst) ?? OFPP_FLOOD;
    if (out !== OFPP_FLOOD) {
      const match: Match = [{ field: 'in_port', value: port }, { field: 'eth_dst', value: dst }, { field: 'eth_src', value: src }];
      await this.send(flowMod({ version: this.version, priority: 1, idleTimeout: 60, match, instructions: apply(output(out)) }));
    }
    await this.send({ type: 'packet_out', version: this.version, xid: 0, bufferId: 0xffffffff, inPort: port, metadata: [], actions: [output(out)], data: pin.frame });
  }

  /** Waits until every packet-in raised so far has been answered. */
  async idle(): Promise<void> {
    await settle();
    await this.work;
    await settle();
  }
}

for (const [version, name] of [[4, 'OpenFlow 1.3 (table-miss flow)'], [1, 'OpenFlow 1.0 (packet-in on miss)']] as const) {
  test(`a learning-switch controller over ${name}: first packets through the controller, then flows`, async (t) => {
    const rig = new Rig();
    const ctl = new LearningController(rig, version);
    await ctl.start();

    // h1 (port 1) looks for h2: broadcast, flooded by the controller.
    rig.sw.inject(1, arpFrame({ src: MAC_A, dst: BROADCAST, spa: '10.0.0.1', tpa: '10.0.0.2' }));
    await ctl.idle();
    t.deepEqual(rig.sent.splice(0).map((s) => s.port), [2, 3, 4, OFPP_LOCAL]);
    t.is(ctl.packetIns, 1);

    // h2 (port 2) answers h1: the controller knows h1, installs 2->1 and sends the reply on.
    rig.sw.inject(2, arpFrame({ src: MAC_B, dst: MAC_A, op: 2, spa: '10.0.0.2', tpa: '10.0.0.1' }));
    await ctl.idle();
    t.deepEqual(rig.sent.splice(0).map((s) => s.port), [1]);
    // h1 talks to h2: installs 1->2.
    rig.sw.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B }));
    await ctl.idle();
    t.deepEqual(rig.sent.splice(0).map((s) => s.port), [2]);
    t.is(ctl.packetIns, 3);

    // From now on the flows forward without the controller.
    for (let i = 0; i < 5; i++) {
      t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B, sport: 2000 + i })), [2]);
      t.deepEqual(rig.inject(2, tcpFrame({ src: MAC_B, dst: MAC_A, dport: 2000 + i })), [1]);
    }
    await ctl.idle();
    t.is(ctl.packetIns, 3, 'no packet-in once the flows are in');

    // A third host is still unknown: its traffic goes through the controller.
    rig.sent.length = 0;
    rig.sw.inject(3, tcpFrame({ src: MAC_C, dst: MAC_A }));
    await ctl.idle();
    t.is(ctl.packetIns, 4);
    t.deepEqual(rig.sent.map((s) => s.port), [1]);

    const flows = await rig.stats(t, { stat: 'flow', tableId: 0xff, outPort: OFPP_ANY, outGroup: 0xffffffff, cookie: 0n, cookieMask: 0n, match: [] }, version);
    const learned = flows.entries.filter((f) => f.priority === 1);
    t.deepEqual(learned.map((f) => Number(f.packetCount)).sort(), [0, 5, 5]);
    t.true(learned.every((f) => f.idleTimeout === 60));

    // Idle flows expire; the controller learns again through packet-ins.
    rig.clock.advance(60_000);
    t.deepEqual(rig.inject(1, tcpFrame({ src: MAC_A, dst: MAC_B })), []);
    await ctl.idle();
    t.is(ctl.packetIns, 5);
  });
}
