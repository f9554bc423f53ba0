/**
 * Checking actions and instructions before the switch accepts them: the
 * part of Open vSwitch's ofpacts_check() and ofproto_check_ofpacts() that
 * applies to what this switch executes.  FLOW_MOD, PACKET_OUT and
 * GROUP_MOD (flow-mod-semantics.ts, reference-switch.ts, group-table.ts)
 * call it; nothing is installed or run when it throws.
 *
 * Refused, with the error OVS sends:
 *  - output/enqueue to a port that is neither below 0xff00 nor a reserved
 *    port usable there: OFPBAC_BAD_OUT_PORT;
 *  - a group that does not exist: OFPBAC_BAD_OUT_GROUP;
 *  - set_field of a field this switch cannot write, or a value outside
 *    it: OFPBAC_BAD_SET_TYPE / OFPBAC_BAD_SET_ARGUMENT;
 *  - in an OF1.2+ flow, set_field of a field whose prerequisites the flow's
 *    match (as changed by earlier push/pop actions) does not guarantee:
 *    OFPBAC_MATCH_INCONSISTENT (OpenFlow 1.0 flows may do it; the action
 *    is then a no-op on packets without the header);
 *  - actions this switch does not execute (PBB, copy_ttl_in/out,
 *    unmodelled vendor actions): OFPBAC_BAD_TYPE, or
 *    OFPBAC_BAD_VENDOR_TYPE / OFPBAC_BAD_VENDOR for vendor actions;
 *  - goto_table to this table or an earlier or missing one:
 *    OFPBIC_BAD_TABLE_ID; a meter that does not exist:
 *    OFPMMFC_INVALID_METER; an unmodelled instruction: OFPBIC_UNKNOWN_INST.
 */

import type { Action, ActionType } from '../openflow/actions.js';
import type { Instruction } from '../openflow/instructions.js';
import { NX_VENDOR_ID } from '../openflow/ofperr.js';
import type { OxmFieldName } from '../openflow/oxm.js';
import {
  OFPP_ALL, OFPP_CONTROLLER, OFPP_FLOOD, OFPP_IN_PORT, OFPP_LOCAL, OFPP_NORMAL, OFPP_TABLE,
} from '../openflow/port-number.js';
import { refuse } from './datapath-error.js';
import { fieldOf, toBits } from './field-bits.js';
import { type CompiledMatch, compiledView, type PrereqView, prerequisitesHold } from './flow-match.js';
import { MAX_PORTS } from './switch-ports.js';

/** What checking needs to know about the switch. */
export interface ActionCheckEnv {
  readonly nTables: number;
  groupExists(groupId: number): boolean;
  meterExists(meterId: number): boolean;
}

/** Fields a set_field may write in this switch. */
export const WRITABLE_FIELDS: ReadonlySet<OxmFieldName> = new Set<OxmFieldName>([
  'eth_src', 'eth_dst', 'vlan_vid', 'vlan_pcp', 'vlan_tci', 'ip_dscp', 'ip_ecn', 'nw_ttl', 'ipv4_src', 'ipv4_dst',
  'ipv6_src', 'ipv6_dst', 'ipv6_flabel', 'tcp_src', 'tcp_dst', 'udp_src', 'udp_dst', 'sctp_src', 'sctp_dst',
  'icmpv4_type', 'icmpv4_code', 'icmpv6_type', 'icmpv6_code', 'ipv6_nd_target', 'ipv6_nd_sll', 'ipv6_nd_tll',
  'arp_op', 'arp_spa', 'arp_tpa', 'arp_sha', 'arp_tha', 'mpls_label', 'mpls_tc', 'metadata', 'tunnel_id', 'tun_id',
  'pkt_mark', ...Array.from({ length: 16 }, (_, i) => `reg${i}` as OxmFieldName),
]);

/** Actions the codec models that this switch does not execute (table-features.ts leaves them out). */
export const UNEXECUTED_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>(['push_pbb', 'pop_pbb', 'copy_ttl_in', 'copy_ttl_out']);

const OUTPUT_RESERVED = new Set([OFPP_IN_PORT, OFPP_TABLE, OFPP_NORMAL, OFPP_FLOOD, OFPP_ALL, OFPP_CONTROLLER, OFPP_LOCAL]);

function checkOutPort(port: number, reserved: ReadonlySet<number>): void {
  if (port < MAX_PORTS || reserved.has(port)) return;
  refuse('OFPBAC_BAD_OUT_PORT', `cannot output to port ${port}`);
}

/**
 * What the packet is known to carry while its actions run: the match's
 * exact protocol fields and VLAN presence, updated by push/pop actions.
 */
class Knowledge implements PrereqView {
  private readonly overrides = new Map<string, number | undefined>();
  private vlan: boolean | undefined;

  constructor(private readonly base: PrereqView) {}

  exact(name: 'eth_type' | 'ip_proto' | 'icmpv6_type'): number | undefined {
    return this.overrides.has(name) ? this.overrides.get(name) : this.base.exact(name);
  }

  tagged(): boolean {
    return this.vlan ?? this.base.tagged();
  }

  apply(a: Action): void {
    if (a.type === 'push_vlan') this.vlan = true;
    else if (a.type === 'pop_vlan' || a.type === 'strip_vlan') this.vlan = false;
    else if (a.type === 'push_mpls' || a.type === 'pop_mpls') {
      this.overrides.set('eth_type', a.ethertype);
      this.overrides.set('ip_proto', undefined);
      this.overrides.set('icmpv6_type', undefined);
    }
  }
}

/**
 * Checks 'actions' (see the file comment).  'match' is the flow's match
 * for an OF1.2+ flow, whose set_field actions must be consistent with it;
 * undefined skips that check (OpenFlow 1.0 flows, packet-outs, group
 * buckets).  'reserved' is the set of reserved output ports allowed.
 * Throws DatapathError.
 */
export function checkActions(actions: readonly Action[], env: ActionCheckEnv, match?: CompiledMatch,
  reserved: ReadonlySet<number> = OUTPUT_RESERVED): void {
  const known = match ? new Knowledge(compiledView(match)) : undefined;
  for (const a of actions) {
    if (UNEXECUTED_ACTIONS.has(a.type)) refuse('OFPBAC_BAD_TYPE', `this switch does not execute ${a.type}`);
    switch (a.type) {
      case 'output':
        checkOutPort(a.port, reserved);
        break;
      case 'enqueue':
        checkOutPort(a.port, new Set([OFPP_IN_PORT, OFPP_LOCAL]));
        break;
      case 'group':
        if (!env.groupExists(a.groupId)) refuse('OFPBAC_BAD_OUT_GROUP', `group ${a.groupId} does not exist`);
        break;
      case 'set_field': {
        const f = a.field;
        if (f.field === 'opaque' || !WRITABLE_FIELDS.has(f.field)) {
          refuse('OFPBAC_BAD_SET_TYPE', `set_field cannot write ${f.field === 'opaque' ? 'an unmodelled field' : f.field}`);
        }
        const spec = fieldOf(f.field);
        if (toBits(spec, f.value) === undefined || (f.mask !== undefined && toBits(spec, f.mask) === undefined)) {
          refuse('OFPBAC_BAD_SET_ARGUMENT', `set_field ${f.field} ${String(f.value)}`);
        }
        const needsTag = f.field === 'vlan_vid' || f.field === 'vlan_pcp';
        if (known && ((needsTag && !known.tagged()) || !prerequisitesHold(f.field, known))) {
          refuse('OFPBAC_MATCH_INCONSISTENT', `set_field ${f.field} on packets the flow's match does not give that header`);
        }
        break;
      }
      case 'opaque': {
        const b = a.bytes;
        const type = b.length >= 2 ? (b[0]! << 8) | b[1]! : -1;
        if (type !== 0xffff) refuse('OFPBAC_BAD_TYPE', `action type ${type} is not supported`);
        const vendor = b.length >= 8 ? ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0 : -1;
        refuse(vendor === NX_VENDOR_ID ? 'OFPBAC_BAD_VENDOR_TYPE' : 'OFPBAC_BAD_VENDOR', 'vendor action is not supported');
        break;
      }
      default:
        break;
    }
    known?.apply(a);
  }
}

/**
 * Checks the instructions of a flow in table 'tableId' (see the file
 * comment); 'match' as for checkActions.  Throws DatapathError.
 */
export function checkInstructions(instructions: readonly Instruction[], tableId: number, env: ActionCheckEnv,
  match?: CompiledMatch): void {
  for (const ins of instructions) {
    switch (ins.type) {
      case 'apply_actions':
      case 'write_actions':
        checkActions(ins.actions, env, match);
        break;
      case 'goto_table':
        if (ins.tableId <= tableId || ins.tableId >= env.nTables) {
          refuse('OFPBIC_BAD_TABLE_ID', `goto_table ${ins.tableId} from table ${tableId}`);
        }
        break;
      case 'meter':
        if (!env.meterExists(ins.meterId)) refuse('OFPMMFC_INVALID_METER', `meter ${ins.meterId} does not exist`);
        break;
      case 'opaque':
        refuse('OFPBIC_UNKNOWN_INST', 'instruction is not supported');
        break;
      default:
        break;
    }
  }
}
