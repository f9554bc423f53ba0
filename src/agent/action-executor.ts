/**
 * Running actions on a packet: the switch's interpreter for the neutral
 * actions of actions.ts, and the OpenFlow action set that write_actions
 * fills.  pipeline.ts calls it for apply_actions and, at the end of the
 * pipeline, for the action set; reference-switch.ts for PACKET_OUT.  Header
 * changes are frame-editor.ts's; where packets go is the switch's, through
 * ExecutionEnv.
 *
 * Semantics, as in Open vSwitch's ofproto-dpif-xlate.c:
 *  - output to a port sends a copy of the packet as it is at that point;
 *    output to the input port by its number does nothing (IN_PORT does
 *    it); FLOOD and ALL skip the input port (FLOOD also ports with
 *    NO_FLOOD); NORMAL is the MAC-learning switch of mac-learning.ts;
 *    TABLE runs a copy through the tables from table 0; LOCAL is the
 *    bridge's own port.
 *  - output to CONTROLLER raises a packet-in whose reason says where it
 *    came from: 'packet_out' for anything a PACKET_OUT set off (even after
 *    output:TABLE), 'group' from a group bucket, 'action_set' from the
 *    action set, else 'action', which becomes 'explicit_miss' when the
 *    flow is a table-miss flow.  The Nicira controller action gives its
 *    own reason (only 'action' becomes 'explicit_miss'), id and max_len.
 *  - dec_nw_ttl / dec_mpls_ttl on a TTL of 0 or 1 raise an 'invalid_ttl'
 *    packet-in (controller id 0) and stop the packet: no later action,
 *    no further table, no action set.
 *  - a group runs its chosen buckets (group-table.ts) each on its own copy
 *    of the packet, so bucket changes never leak back.
 *  - set_queue and enqueue's queue are accepted and have no effect (this
 *    switch has no queues).
 * Recursion through output:TABLE and groups stops at depth 64 (OVS's
 * limit), dropping the packet there.
 */

import type { Action } from '../openflow/actions.js';
import type { Match } from '../openflow/match.js';
import { NO_COOKIE } from '../openflow/packet-in.js';
import {
  OFPP_ALL, OFPP_ANY, OFPP_CONTROLLER, OFPP_FLOOD, OFPP_IN_PORT, OFPP_NORMAL, OFPP_TABLE,
} from '../openflow/port-number.js';
import type { DatapathPacketIn, PacketInReason } from '../connmgr/datapath-port.js';
import { fieldOf, toBits } from './field-bits.js';
import type { FlowEntry } from './flow-table.js';
import {
  decMplsTtl, decNwTtl, popMpls, popVlan, pushMpls, pushVlan, setMplsTtl, setOrPushVlan, writeField,
} from './frame-editor.js';
import type { GroupTable } from './group-table.js';
import type { NormalDecision } from './mac-learning.js';
import { isMetadataField, type Packet } from './packet.js';
import { IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP } from './packet-parser.js';

/** Deepest nesting of output:TABLE and group actions (OVS's MAX_DEPTH). */
export const MAX_DEPTH = 64;

/** What actions need from the switch. */
export interface ExecutionEnv {
  now(): number;
  readonly groups: GroupTable;
  /** Sends a copy of 'p''s frame out of port 'port' (a real port or LOCAL), if it can transmit. */
  transmit(port: number, p: Packet): void;
  /** The ports FLOOD ('all' false) or ALL ('all' true) reaches from 'inPort'. */
  floodPorts(inPort: number, all: boolean): number[];
  /** True if 'port' exists and is up (for fast-failover and select buckets). */
  portLive(port: number): boolean;
  /** NORMAL's decision for 'p' (learning its source on the way). */
  normal(p: Packet): NormalDecision;
  /** Raises a packet-in event. */
  packetIn(event: DatapathPacketIn): void;
  /** output:TABLE: runs 'p' through the tables from table 0 as part of traversal 'from'. */
  resubmit(p: Packet, from: Traversal): void;
}

/** Where in a packet's journey actions are running. */
export interface Traversal {
  /** True if a PACKET_OUT set this journey off. */
  readonly inPacketOut: boolean;
  /** output:TABLE and group nesting so far. */
  readonly depth: number;
  /** The table of the flow whose actions run (0 for a packet-out's own actions). */
  readonly tableId: number;
  /** That flow, if any. */
  readonly flow: FlowEntry | undefined;
}

/** Which list the actions come from (it decides packet-in reasons). */
export type ActionSource = 'apply' | 'action_set' | 'group';

/** Whether the packet goes on after an action list. */
export type ActionOutcome = 'continue' | 'stop';

const CONTROLLER_REASONS: readonly PacketInReason[] = ['no_match', 'action', 'invalid_ttl', 'action_set', 'group', 'packet_out'];

/** A packet-in of 'p' as it is now. */
function packetInOf(p: Packet, t: Traversal, reason: PacketInReason, controllerId: number, maxLen: number): DatapathPacketIn {
  const metadata: Match = p.pipelineMatch();
  return {
    type: 'packet_in', reason, tableId: t.tableId, cookie: t.flow?.cookie ?? NO_COOKIE, metadata,
    frame: new Uint8Array(p.frame), controllerId, maxLen,
  };
}

/** A stable hash of the packet's addresses and ports, for select groups. */
function flowHash(p: Packet): number {
  const k = p.key();
  let h = 0x811c9dc5;
  for (const f of ['eth_src', 'eth_dst', 'ipv4_src', 'ipv4_dst', 'ipv6_src', 'ipv6_dst', 'ip_proto', 'tcp_src', 'tcp_dst', 'udp_src', 'udp_dst'] as const) {
    const s = (k.get(f) ?? 0n).toString(16);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x2c, 0x01000193);
  }
  return h >>> 0;
}

/** Sends 'p' to 'port' (a number, LOCAL or a reserved port) as output actions do. */
function output(p: Packet, port: number, maxLen: number, t: Traversal, source: ActionSource, env: ExecutionEnv): void {
  switch (port) {
    case OFPP_IN_PORT:
      env.transmit(p.inPort, p);
      return;
    case OFPP_TABLE:
      if (t.depth + 1 < MAX_DEPTH) env.resubmit(p.clone(), t);
      return;
    case OFPP_NORMAL: {
      const d = env.normal(p);
      if (d.kind === 'port') env.transmit(d.port, p);
      else if (d.kind === 'flood') for (const q of env.floodPorts(p.inPort, false)) env.transmit(q, p);
      return;
    }
    case OFPP_FLOOD:
    case OFPP_ALL:
      for (const q of env.floodPorts(p.inPort, port === OFPP_ALL)) env.transmit(q, p);
      return;
    case OFPP_CONTROLLER: {
      let reason: PacketInReason = t.inPacketOut ? 'packet_out' : source === 'group' ? 'group' : source === 'action_set' ? 'action_set' : 'action';
      if (reason === 'action' && t.flow?.isTableMiss) reason = 'explicit_miss';
      env.packetIn(packetInOf(p, t, reason, 0, maxLen));
      return;
    }
    case OFPP_ANY:
      return;
    default:
      if (port !== p.inPort) env.transmit(port, p);
  }
}

/** Runs group 'groupId' on copies of 'p'. */
function runGroup(p: Packet, groupId: number, t: Traversal, env: ExecutionEnv): void {
  const g = env.groups.get(groupId);
  if (!g || t.depth + 1 >= MAX_DEPTH) return;
  const bytes = BigInt(p.frame.length);
  g.packetCount++;
  g.byteCount += bytes;
  const inner: Traversal = { ...t, depth: t.depth + 1 };
  for (const i of env.groups.choose(g, flowHash(p), (port) => env.portLive(port))) {
    const c = g.bucketCounters[i]!;
    c.packetCount++;
    c.byteCount += bytes;
    executeActions(g.buckets[i]!.actions, p.clone(), inner, 'group', env);
  }
}

/** set_field, with an OF1.5 mask applied to the packet's current value. */
function setField(p: Packet, a: Extract<Action, { type: 'set_field' }>): void {
  const mf = a.field;
  if (mf.field === 'opaque') return;
  const f = fieldOf(mf.field);
  const value = toBits(f, mf.value);
  if (value === undefined) return;
  let bits = value;
  if (mf.mask !== undefined) {
    const mask = toBits(f, mf.mask) ?? 0n;
    const name = mf.field === 'tun_id' ? 'tunnel_id' : mf.field;
    const current = isMetadataField(name) ? p.getMeta(name)
      : name === 'vlan_vid' || name === 'vlan_pcp' ? undefined : p.key().get(name);
    if (current === undefined) return;
    bits = (current & ~mask) | (value & mask);
  }
  writeField(p, mf.field, bits);
}

/** OpenFlow 1.0's set_tp_src/dst: the port of whichever transport the packet has. */
function setTransportPort(p: Packet, which: 'src' | 'dst', port: number): void {
  const proto = p.parsed.layout.l4Proto;
  const name = proto === IPPROTO_TCP ? `tcp_${which}` : proto === IPPROTO_UDP ? `udp_${which}` : proto === IPPROTO_SCTP ? `sctp_${which}` : undefined;
  if (name) writeField(p, name as 'tcp_src', BigInt(port));
}

/**
 * Runs 'actions' on 'p' in order (see the file comment).  Returns 'stop'
 * when the packet must go no further (an expired TTL), else 'continue'.
 */
export function executeActions(actions: readonly Action[], p: Packet, t: Traversal, source: ActionSource, env: ExecutionEnv): ActionOutcome {
  for (const a of actions) {
    switch (a.type) {
      case 'output':
        output(p, a.port, a.maxLen, t, source, env);
        break;
      case 'enqueue':
        output(p, a.port, 0, t, source, env);
        break;
      case 'controller': {
        let reason = CONTROLLER_REASONS[a.reason] ?? 'action';
        if (reason === 'action' && t.flow?.isTableMiss) reason = 'explicit_miss';
        env.packetIn(packetInOf(p, t, reason, a.controllerId, a.maxLen));
        break;
      }
      case 'group':
        runGroup(p, a.groupId, t, env);
        break;
      case 'set_field':
        setField(p, a);
        break;
      case 'set_vlan_vid':
        setOrPushVlan(p, 'vlan_vid', a.vid);
        break;
      case 'set_vlan_pcp':
        setOrPushVlan(p, 'vlan_pcp', a.pcp);
        break;
      case 'strip_vlan':
      case 'pop_vlan':
        popVlan(p);
        break;
      case 'push_vlan':
        pushVlan(p, a.ethertype);
        break;
      case 'set_dl_src':
      case 'set_dl_dst':
        writeField(p, a.type === 'set_dl_src' ? 'eth_src' : 'eth_dst', toBits(fieldOf('eth_src'), a.mac) ?? 0n);
        break;
      case 'set_nw_src':
      case 'set_nw_dst': {
        const bits = toBits(fieldOf('ipv4_src'), a.ip);
        if (bits !== undefined) writeField(p, a.type === 'set_nw_src' ? 'ipv4_src' : 'ipv4_dst', bits);
        break;
      }
      case 'set_nw_tos':
        writeField(p, 'ip_dscp', BigInt(a.tos >> 2));
        break;
      case 'set_tp_src':
      case 'set_tp_dst':
        setTransportPort(p, a.type === 'set_tp_src' ? 'src' : 'dst', a.port);
        break;
      case 'dec_nw_ttl':
      case 'dec_mpls_ttl':
        if ((a.type === 'dec_nw_ttl' ? decNwTtl(p) : decMplsTtl(p)) === 'expired') {
          env.packetIn(packetInOf(p, t, 'invalid_ttl', 0, 0xffff));
          return 'stop';
        }
        break;
      case 'set_nw_ttl':
        writeField(p, 'nw_ttl', BigInt(a.ttl));
        break;
      case 'set_mpls_ttl':
        setMplsTtl(p, a.ttl);
        break;
      case 'push_mpls':
        pushMpls(p, a.ethertype);
        break;
      case 'pop_mpls':
        popMpls(p, a.ethertype);
        break;
      case 'set_queue':
        break;
      default:
        // Refused before they can be installed (action-check.ts): PBB, copy_ttl_*, opaque.
        break;
    }
  }
  return 'continue';
}

/** Where each action type runs in the action set (OpenFlow 1.3 section 5.10). */
const ACTION_SET_ORDER: Readonly<Record<string, number>> = {
  copy_ttl_in: 0, pop_vlan: 1, strip_vlan: 1, pop_mpls: 1, pop_pbb: 1, push_mpls: 2, push_pbb: 3, push_vlan: 4,
  copy_ttl_out: 5, dec_mpls_ttl: 6, dec_nw_ttl: 6, set_mpls_ttl: 7, set_nw_ttl: 7, set_field: 8, set_vlan_vid: 8,
  set_vlan_pcp: 8, set_dl_src: 8, set_dl_dst: 8, set_nw_src: 8, set_nw_dst: 8, set_nw_tos: 8, set_tp_src: 8,
  set_tp_dst: 8, set_queue: 9, group: 10, output: 11, enqueue: 11, controller: 11,
};

/** The slot an action takes in the action set: one per type, one per field for set_field, one output. */
function slotOf(a: Action): string {
  if (a.type === 'set_field') return `set_field:${a.field.field}`;
  if (a.type === 'output' || a.type === 'enqueue' || a.type === 'controller') return 'output';
  if (a.type === 'pop_vlan' || a.type === 'strip_vlan') return 'pop_vlan';
  return a.type;
}

/** The OpenFlow action set: what write_actions accumulates and the end of the pipeline runs. */
export class ActionSet {
  private readonly slots = new Map<string, Action>();

  /** Adds 'actions', each replacing an action of its slot. */
  write(actions: readonly Action[]): void {
    for (const a of actions) {
      const slot = slotOf(a);
      this.slots.delete(slot);
      this.slots.set(slot, a);
    }
  }

  clear(): void {
    this.slots.clear();
  }

  /** The set as an action list in execution order; with a group, the output is dropped. */
  toList(): Action[] {
    const list = [...this.slots.values()];
    const hasGroup = list.some((a) => a.type === 'group');
    return list
      .filter((a) => !(hasGroup && slotOf(a) === 'output'))
      .map((a, i) => ({ a, i, rank: ACTION_SET_ORDER[a.type] ?? 8 }))
      .sort((x, y) => x.rank - y.rank || x.i - y.i)
      .map((x) => x.a);
  }
}
