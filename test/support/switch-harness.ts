// Driving the reference switch in tests the way connmgr does: neutral
// requests from a pretend session, replies awaited, events collected as
// the switch delivers them, frames it sends recorded; with a fake clock.

import type { ExecutionContext } from 'ava';
import type { DatapathEvent, DatapathReply, DatapathPacketIn, DatapathFlowRemoved, DatapathPortStatus } from '../../src/connmgr/datapath-port.js';
import { ReferenceSwitch, type ReferenceSwitchOptions, type Transmission } from '../../src/agent/reference-switch.js';
import type { Action } from '../../src/openflow/actions.js';
import { type FlowModMsg } from '../../src/openflow/flow-mod.js';
import type { Instruction } from '../../src/openflow/instructions.js';
import type { Match } from '../../src/openflow/match.js';
import type { MultipartReplyBody, MultipartRequestBody } from '../../src/openflow/multipart.js';
import type { OfpMessage } from '../../src/openflow/index.js';
import { OFPP_ANY } from '../../src/openflow/port-number.js';
import { FakeClock } from './fake-clock.js';

export const DPID = 0xfedcba9876543210n;

/** A switch on a fake clock with ports 1-4, recording events and transmissions. */
export class Rig {
  readonly clock: FakeClock;
  readonly sw: ReferenceSwitch;
  readonly events: DatapathEvent[] = [];
  readonly sent: Transmission[] = [];
  private xid = 1;

  constructor(opts: Partial<ReferenceSwitchOptions> = {}) {
    this.clock = new FakeClock(1_000_000);
    this.sw = new ReferenceSwitch({
      datapathId: DPID, clock: this.clock, ports: [1, 2, 3, 4].map((portNo) => ({ portNo })), ...opts,
    });
    this.sw.setEventListener((e) => this.events.push(e));
    this.sw.setTransmitListener((t) => this.sent.push(t));
  }

  /** Sends 'msg' (version and xid filled in) as session 7 would; returns the reply. */
  send(msg: OfpMessage, sessionId = 7): Promise<DatapathReply> {
    return this.sw.request({
      origin: { sessionId, sessionName: `br0<->session${sessionId}`, version: msg.version, role: 'equal', xid: msg.xid },
      msg,
    });
  }

  /** Sends 'msg' and fails the test unless it succeeds. */
  async ok(t: ExecutionContext, msg: OfpMessage): Promise<readonly OfpMessage[]> {
    const r = await this.send(msg);
    if (!r.ok) t.fail(`${msg.type} refused: ${r.error}`);
    return r.ok ? r.replies : [];
  }

  /** The error 'msg' is refused with, or 'ok'. */
  async error(msg: OfpMessage): Promise<string> {
    const r = await this.send(msg);
    return r.ok ? 'ok' : r.error;
  }

  /** Adds a flow (OF1.3 unless 'version' says otherwise). */
  async addFlow(t: ExecutionContext, over: Partial<FlowModMsg>): Promise<void> {
    await this.ok(t, flowMod({ xid: this.xid++, ...over }));
  }

  /** The body of the reply to multipart request body 'body' in 'version'. */
  async stats<B extends MultipartRequestBody>(t: ExecutionContext, body: B, version = 4): Promise<Extract<MultipartReplyBody, { stat: B['stat'] }>> {
    const replies = await this.ok(t, { type: 'multipart_request', version, xid: this.xid++, flags: 0, body });
    const m = replies[0];
    if (m?.type !== 'multipart_reply') throw new Error('no multipart reply');
    return m.body as Extract<MultipartReplyBody, { stat: B['stat'] }>;
  }

  /** Lets queued events be delivered, then takes them. */
  async takeEvents(): Promise<DatapathEvent[]> {
    await settle();
    return this.events.splice(0);
  }

  async packetIns(): Promise<DatapathPacketIn[]> {
    return (await this.takeEvents()).filter((e): e is DatapathPacketIn => e.type === 'packet_in');
  }

  async flowRemoveds(): Promise<DatapathFlowRemoved[]> {
    return (await this.takeEvents()).filter((e): e is DatapathFlowRemoved => e.type === 'flow_removed');
  }

  async portStatuses(): Promise<DatapathPortStatus[]> {
    return (await this.takeEvents()).filter((e): e is DatapathPortStatus => e.type === 'port_status');
  }

  /** Injects 'frame' on 'port' and returns the ports it left by. */
  inject(port: number, frame: Uint8Array): number[] {
    return this.sw.inject(port, frame).map((x) => x.port);
  }
}

/** Waits until microtasks (event delivery) have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A FLOW_MOD: OF1.3 ADD, table 0, priority 0x8000, no timeouts, catch-all, no instructions, unless 'over' says otherwise. */
export function flowMod(over: Partial<FlowModMsg> = {}): FlowModMsg {
  return {
    type: 'flow_mod', version: 4, xid: 1, format: 'standard', cookie: 0n, cookieMask: 0n, tableId: 0, command: 'add',
    idleTimeout: 0, hardTimeout: 0, priority: 0x8000, bufferId: 0xffffffff, outPort: OFPP_ANY, outGroup: 0xffffffff,
    flags: 0, importance: 0, match: [], instructions: [], ...over,
  };
}

export function apply(...actions: Action[]): Instruction[] {
  return [{ type: 'apply_actions', actions }];
}

export function output(port: number, maxLen = 0): Action {
  return { type: 'output', port, maxLen };
}

/** A match of exact fields given as { field: value }. */
export function exact(fields: Record<string, number | bigint | string>): Match {
  return Object.entries(fields).map(([field, value]) => ({ field, value }) as Match[number]);
}
