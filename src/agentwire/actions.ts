/**
 * Actions on the agent channel: the neutral Action union of
 * src/openflow/actions.ts as the proto's Action oneof, one case per neutral
 * type (the OpenFlow 1.0/1.1 set_* actions and the 1.2+ set_field kept
 * apart, as the controller sent them), and action lists.  Flow mods,
 * packet-outs, group buckets and hidden flows carry them, through
 * instructions.ts where a flow has instructions.
 *
 * Reading from the proto checks what the neutral type implies: each
 * argument within its wire width (a VLAN id in 12 bits, a max_len in 16,
 * a TTL in 8, ...), addresses in text, set_field's field as
 * match-field.ts reads it, an opaque action one whole action TLV.
 */

import type { Action } from '../openflow/actions.js';
import type { Action as PbAction, Action__Output as PbActionOut } from '../generated/ofconnmgr/v1/Action.js';
import type { OpaqueTlv__Output as PbOpaqueTlvOut } from '../generated/ofconnmgr/v1/OpaqueTlv.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { matchFieldFromProto, matchFieldToProto } from './match-field.js';
import { bytesCopy, describe, intInRange, ipv4From, listFrom, macFrom, required, uintFrom } from './proto-scalars.js';

/** An opaque TLV (an action or an instruction) as the proto's OpaqueTlv. */
export function opaqueTlvToProto(bytes: Uint8Array, version: number | undefined): { tlv: Uint8Array; version: number } {
  return { tlv: bytes, version: version ?? 0 };
}

/**
 * The bytes and version of proto OpaqueTlv 'p' at 'path', which must be
 * one whole TLV of 'what' (a multiple of 8 bytes, at least 8, whose
 * 16-bit length field at offset 2 says how long it is); version 0 means
 * any, else a wire version 1-6.
 */
export function opaqueTlvFromProto(p: PbOpaqueTlvOut | null | undefined, path: string, what: string): { bytes: Uint8Array; version?: number } {
  const o = required(p, path, `the opaque ${what}`);
  const bytes = bytesCopy(o.tlv);
  const len = bytes.length >= 4 ? (bytes[2]! << 8) | bytes[3]! : -1;
  if (bytes.length < 8 || bytes.length % 8 !== 0 || len !== bytes.length) {
    throw new AgentWireError(fieldPath(path, 'tlv'), bytes.length < 8 || bytes.length % 8 !== 0
      ? `${bytes.length} bytes are not an OpenFlow ${what} (a multiple of 8 bytes, at least 8)`
      : `the ${what}'s length field says ${len} bytes, but ${bytes.length} are given`);
  }
  const version = intInRange(o.version, 0, 6, fieldPath(path, 'version'), 'wire version (0 for any)');
  return version === 0 ? { bytes } : { bytes, version };
}

/** A neutral action as a proto Action. */
export function actionToProto(a: Action): PbAction {
  switch (a.type) {
    case 'output': return { output: { port: a.port, max_len: a.maxLen } };
    case 'controller': return { controller: { max_len: a.maxLen, controller_id: a.controllerId, reason: a.reason } };
    case 'enqueue': return { enqueue: { port: a.port, queue_id: a.queueId } };
    case 'set_queue': return { set_queue: a.queueId };
    case 'group': return { group: a.groupId };
    case 'push_vlan': return { push_vlan: a.ethertype };
    case 'push_mpls': return { push_mpls: a.ethertype };
    case 'push_pbb': return { push_pbb: a.ethertype };
    case 'pop_vlan': return { pop_vlan: {} };
    case 'pop_mpls': return { pop_mpls: a.ethertype };
    case 'pop_pbb': return { pop_pbb: {} };
    case 'set_field': return { set_field: matchFieldToProto(a.field) };
    case 'set_vlan_vid': return { set_vlan_vid: a.vid };
    case 'set_vlan_pcp': return { set_vlan_pcp: a.pcp };
    case 'strip_vlan': return { strip_vlan: {} };
    case 'set_dl_src': return { set_dl_src: a.mac };
    case 'set_dl_dst': return { set_dl_dst: a.mac };
    case 'set_nw_src': return { set_nw_src: a.ip };
    case 'set_nw_dst': return { set_nw_dst: a.ip };
    case 'set_nw_tos': return { set_nw_tos: a.tos };
    case 'set_tp_src': return { set_tp_src: a.port };
    case 'set_tp_dst': return { set_tp_dst: a.port };
    case 'dec_nw_ttl': return { dec_nw_ttl: {} };
    case 'set_nw_ttl': return { set_nw_ttl: a.ttl };
    case 'copy_ttl_out': return { copy_ttl_out: {} };
    case 'copy_ttl_in': return { copy_ttl_in: {} };
    case 'set_mpls_ttl': return { set_mpls_ttl: a.ttl };
    case 'dec_mpls_ttl': return { dec_mpls_ttl: {} };
    case 'opaque': return { opaque: opaqueTlvToProto(a.bytes, a.version) };
  }
}

/** A neutral action list as proto Actions. */
export function actionsToProto(list: readonly Action[]): PbAction[] {
  return list.map(actionToProto);
}

/** The ToS byte of set_nw_tos: 8 bits with the two ECN bits zero. */
function tosFrom(v: unknown, path: string): number {
  const tos = uintFrom(v, 8, path);
  if (tos & 3) throw new AgentWireError(path, `ToS ${tos} has ECN bits set (give DSCP << 2)`);
  return tos;
}

/**
 * The neutral action of proto 'p' at 'path'.  Throws AgentWireError for an
 * action with no case set (or one this side does not know), an argument
 * out of its width, an address that is not one, a set_field that
 * match-field.ts refuses, an opaque action that is not one TLV.
 */
export function actionFromProto(p: PbActionOut, path: string): Action {
  const at = (k: string): string => fieldPath(path, k);
  switch (p.kind) {
    case 'output': {
      const o = required(p.output, at('output'), 'output');
      return { type: 'output', port: uintFrom(o.port, 32, at('output.port')), maxLen: uintFrom(o.max_len, 16, at('output.max_len')) };
    }
    case 'controller': {
      const c = required(p.controller, at('controller'), 'controller');
      return {
        type: 'controller', maxLen: uintFrom(c.max_len, 16, at('controller.max_len')),
        controllerId: uintFrom(c.controller_id, 16, at('controller.controller_id')), reason: uintFrom(c.reason, 8, at('controller.reason')),
      };
    }
    case 'enqueue': {
      const e = required(p.enqueue, at('enqueue'), 'enqueue');
      return { type: 'enqueue', port: uintFrom(e.port, 32, at('enqueue.port')), queueId: uintFrom(e.queue_id, 32, at('enqueue.queue_id')) };
    }
    case 'set_queue': return { type: 'set_queue', queueId: uintFrom(p.set_queue, 32, at('set_queue')) };
    case 'group': return { type: 'group', groupId: uintFrom(p.group, 32, at('group')) };
    case 'push_vlan': return { type: 'push_vlan', ethertype: uintFrom(p.push_vlan, 16, at('push_vlan')) };
    case 'push_mpls': return { type: 'push_mpls', ethertype: uintFrom(p.push_mpls, 16, at('push_mpls')) };
    case 'push_pbb': return { type: 'push_pbb', ethertype: uintFrom(p.push_pbb, 16, at('push_pbb')) };
    case 'pop_vlan': return { type: 'pop_vlan' };
    case 'pop_mpls': return { type: 'pop_mpls', ethertype: uintFrom(p.pop_mpls, 16, at('pop_mpls')) };
    case 'pop_pbb': return { type: 'pop_pbb' };
    case 'set_field':
      return { type: 'set_field', field: matchFieldFromProto(required(p.set_field, at('set_field'), 'the field to set'), at('set_field')) };
    case 'set_vlan_vid': return { type: 'set_vlan_vid', vid: intInRange(p.set_vlan_vid, 0, 0xfff, at('set_vlan_vid'), 'VLAN id') };
    case 'set_vlan_pcp': return { type: 'set_vlan_pcp', pcp: intInRange(p.set_vlan_pcp, 0, 7, at('set_vlan_pcp'), 'VLAN priority') };
    case 'strip_vlan': return { type: 'strip_vlan' };
    case 'set_dl_src': return { type: 'set_dl_src', mac: macFrom(p.set_dl_src, at('set_dl_src')) };
    case 'set_dl_dst': return { type: 'set_dl_dst', mac: macFrom(p.set_dl_dst, at('set_dl_dst')) };
    case 'set_nw_src': return { type: 'set_nw_src', ip: ipv4From(p.set_nw_src, at('set_nw_src')) };
    case 'set_nw_dst': return { type: 'set_nw_dst', ip: ipv4From(p.set_nw_dst, at('set_nw_dst')) };
    case 'set_nw_tos': return { type: 'set_nw_tos', tos: tosFrom(p.set_nw_tos, at('set_nw_tos')) };
    case 'set_tp_src': return { type: 'set_tp_src', port: uintFrom(p.set_tp_src, 16, at('set_tp_src')) };
    case 'set_tp_dst': return { type: 'set_tp_dst', port: uintFrom(p.set_tp_dst, 16, at('set_tp_dst')) };
    case 'dec_nw_ttl': return { type: 'dec_nw_ttl' };
    case 'set_nw_ttl': return { type: 'set_nw_ttl', ttl: uintFrom(p.set_nw_ttl, 8, at('set_nw_ttl')) };
    case 'copy_ttl_out': return { type: 'copy_ttl_out' };
    case 'copy_ttl_in': return { type: 'copy_ttl_in' };
    case 'set_mpls_ttl': return { type: 'set_mpls_ttl', ttl: uintFrom(p.set_mpls_ttl, 8, at('set_mpls_ttl')) };
    case 'dec_mpls_ttl': return { type: 'dec_mpls_ttl' };
    case 'opaque': {
      const o = opaqueTlvFromProto(p.opaque, at('opaque'), 'action');
      return o.version === undefined ? { type: 'opaque', bytes: o.bytes } : { type: 'opaque', bytes: o.bytes, version: o.version };
    }
    case undefined:
      throw new AgentWireError(path, 'no action given (none of the Action cases is set)');
    default:
      throw new AgentWireError(path, `unknown action ${describe(p.kind)}`);
  }
}

/** The neutral action list of proto list 'list' at 'path' (entries at "path[i]"). */
export function actionsFromProto(list: readonly PbActionOut[] | null | undefined, path: string): Action[] {
  return listFrom(list).map((a, i) => actionFromProto(a, `${path}[${i}]`));
}
