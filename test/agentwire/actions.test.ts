/**
 * Actions and instructions on the agent channel: every neutral action and
 * instruction goes to the proto, through real protobuf bytes, and back
 * unchanged; arguments beyond their width, bad addresses, opaque TLVs
 * that are not one TLV and empty oneofs are refused with their path.
 */

import test from 'ava';
import fc from 'fast-check';
import { actionsFromProto, actionsToProto } from '../../src/agentwire/actions.js';
import { instructionsFromProto, instructionsToProto } from '../../src/agentwire/instructions.js';
import type { Action__Output } from '../../src/generated/ofconnmgr/v1/Action.js';
import type { Instruction__Output } from '../../src/generated/ofconnmgr/v1/Instruction.js';
import type { Action } from '../../src/openflow/actions.js';
import type { Instruction } from '../../src/openflow/instructions.js';
import { agentWireErrorOf, requestTrip } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { anyActionArb, anyInstructionArb } from '../support/neutral-arbitraries.js';

/** 'list' as a hidden flow's instructions, through protobuf bytes, read back. */
function tripInstructions(list: readonly Instruction[]): Instruction[] {
  const out = requestTrip({ request_id: '1', add_hidden_flow: { priority: 70000, instructions: instructionsToProto(list) } });
  return instructionsFromProto(out.add_hidden_flow!.instructions, 'add_hidden_flow.instructions');
}

/** 'list' as a packet-out's actions, through protobuf bytes, read back. */
function tripActions(list: readonly Action[]): Action[] {
  const out = requestTrip({ request_id: '1', message: { packet_out: { actions: actionsToProto(list) } } });
  return actionsFromProto(out.message!.packet_out!.actions, 'message.packet_out.actions');
}

test('any action list round-trips through protobuf bytes', (t) => {
  fc.assert(fc.property(fc.array(anyActionArb, { maxLength: 8 }), (list) => {
    assertSameNeutral(t, tripActions(list), list);
  }), { numRuns: 500 });
});

test('any instruction list round-trips through protobuf bytes', (t) => {
  fc.assert(fc.property(fc.array(anyInstructionArb, { maxLength: 5 }), (list) => {
    assertSameNeutral(t, tripInstructions(list), list);
  }), { numRuns: 300 });
});

test('arguments that are zero survive: a oneof case set to 0 is still that case', (t) => {
  const list: Action[] = [
    { type: 'set_queue', queueId: 0 }, { type: 'group', groupId: 0 }, { type: 'set_vlan_vid', vid: 0 },
    { type: 'output', port: 0, maxLen: 0 }, { type: 'set_nw_ttl', ttl: 0 }, { type: 'pop_mpls', ethertype: 0 },
  ];
  t.deepEqual(tripActions(list), list);
  t.deepEqual(tripInstructions([{ type: 'goto_table', tableId: 0 }, { type: 'meter', meterId: 0 }]), [
    { type: 'goto_table', tableId: 0 }, { type: 'meter', meterId: 0 },
  ]);
});

test('write_metadata keeps all 64 bits of value and mask', (t) => {
  const ins: Instruction[] = [{ type: 'write_metadata', metadata: 0xffffffffffffffffn, mask: 0x8000000000000001n }];
  t.deepEqual(tripInstructions(ins), ins);
});

test('an opaque action keeps its bytes and its version (0 on the wire: any version)', (t) => {
  const bytes = Uint8Array.from([0xff, 0xff, 0, 16, 0, 0, 0x23, 0x20, 0, 7, 1, 2, 3, 4, 5, 6]);
  const list: Action[] = [{ type: 'opaque', bytes, version: 4 }, { type: 'opaque', bytes }];
  const back = tripActions(list);
  assertSameNeutral(t, back, list);
  t.false('version' in back[1]!);
  const first = back[0]!;
  t.is(first.type === 'opaque' ? first.bytes.constructor : undefined, Uint8Array, 'a plain Uint8Array, not a Buffer over the message');
});

/* Validation. */

const pa = (a: Partial<Action__Output>): Action__Output => a as Action__Output;

const actionErrors: readonly { name: string; action: Action__Output; path: string; says: RegExp }[] = [
  { name: 'no case set', action: pa({}), path: 'acts[0]', says: /no action given/ },
  { name: 'an unknown case', action: pa({ kind: 'teleport' as Action__Output['kind'] }), path: 'acts[0]', says: /unknown action "teleport"/ },
  { name: 'max_len beyond 16 bits', action: pa({ kind: 'output', output: { port: 1, max_len: 70000 } }), path: 'acts[0].output.max_len', says: /70000 does not fit in 16 bits \(0-65535\)/ },
  { name: 'output without its body', action: pa({ kind: 'output', output: null }), path: 'acts[0].output', says: /output is missing/ },
  { name: 'a controller reason beyond 8 bits', action: pa({ kind: 'controller', controller: { max_len: 0, controller_id: 0, reason: 256 } }), path: 'acts[0].controller.reason', says: /256 does not fit in 8 bits/ },
  { name: 'a VLAN id beyond 12 bits', action: pa({ kind: 'set_vlan_vid', set_vlan_vid: 4096 }), path: 'acts[0].set_vlan_vid', says: /4096 is not a valid VLAN id \(0-4095\)/ },
  { name: 'a VLAN priority beyond 7', action: pa({ kind: 'set_vlan_pcp', set_vlan_pcp: 8 }), path: 'acts[0].set_vlan_pcp', says: /8 is not a valid VLAN priority \(0-7\)/ },
  { name: 'a ToS with ECN bits', action: pa({ kind: 'set_nw_tos', set_nw_tos: 0x2d }), path: 'acts[0].set_nw_tos', says: /ToS 45 has ECN bits/ },
  { name: 'a bad MAC', action: pa({ kind: 'set_dl_src', set_dl_src: 'aa:bb' }), path: 'acts[0].set_dl_src', says: /"aa:bb" is not an Ethernet address/ },
  { name: 'a bad IPv4 address', action: pa({ kind: 'set_nw_dst', set_nw_dst: '10.0.0.256' }), path: 'acts[0].set_nw_dst', says: /"10.0.0.256" is not an IPv4 address/ },
  { name: 'a TTL beyond 8 bits', action: pa({ kind: 'set_mpls_ttl', set_mpls_ttl: 300 }), path: 'acts[0].set_mpls_ttl', says: /300 does not fit in 8 bits/ },
  { name: 'a set_field of an unknown field', action: pa({ kind: 'set_field', set_field: { field: 'nope', value: { number: '1', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) } }), path: 'acts[0].set_field.field', says: /unknown match field "nope"/ },
  { name: 'a set_field without its field', action: pa({ kind: 'set_field', set_field: null }), path: 'acts[0].set_field', says: /the field to set is missing/ },
  { name: 'an opaque action not a multiple of 8', action: pa({ kind: 'opaque', opaque: { tlv: Buffer.alloc(12), version: 0 } }), path: 'acts[0].opaque.tlv', says: /12 bytes are not an OpenFlow action/ },
  { name: 'an opaque action whose length field lies', action: pa({ kind: 'opaque', opaque: { tlv: Buffer.from('ffff001000000000', 'hex'), version: 0 } }), path: 'acts[0].opaque.tlv', says: /length field says 16 bytes, but 8 are given/ },
  { name: 'an opaque action of version 7', action: pa({ kind: 'opaque', opaque: { tlv: Buffer.from('ffff000800000000', 'hex'), version: 7 } }), path: 'acts[0].opaque.version', says: /7 is not a valid wire version/ },
];

for (const c of actionErrors) {
  test(`action refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => actionsFromProto([c.action], 'acts'));
    t.is(e.path, c.path);
    t.regex(e.detail, c.says);
  });
}

test('the index in the path is the failing action\'s', (t) => {
  const ok = pa({ kind: 'pop_vlan', pop_vlan: {} });
  const e = agentWireErrorOf(t, () => actionsFromProto([ok, ok, pa({ kind: 'group', group: -1 })], 'x.actions'));
  t.is(e.path, 'x.actions[2].group');
});

const pi = (i: Partial<Instruction__Output>): Instruction__Output => i as Instruction__Output;

const instructionErrors: readonly { name: string; ins: Instruction__Output; path: string; says: RegExp }[] = [
  { name: 'no case set', ins: pi({}), path: 'ins[0]', says: /no instruction given/ },
  { name: 'a table id beyond 8 bits', ins: pi({ kind: 'goto_table', goto_table: 256 }), path: 'ins[0].goto_table', says: /256 does not fit in 8 bits/ },
  { name: 'a metadata value that is not a number', ins: pi({ kind: 'write_metadata', write_metadata: { metadata: 'x', mask: '1' } }), path: 'ins[0].write_metadata.metadata', says: /"x" is not an unsigned 64-bit integer/ },
  { name: 'a bad action inside', ins: pi({ kind: 'apply_actions', apply_actions: { actions: [pa({ kind: 'set_vlan_pcp', set_vlan_pcp: 9 })] } }), path: 'ins[0].apply_actions.actions[0].set_vlan_pcp', says: /not a valid VLAN priority/ },
  { name: 'an opaque instruction too short', ins: pi({ kind: 'opaque', opaque: { tlv: Buffer.alloc(4), version: 0 } }), path: 'ins[0].opaque.tlv', says: /4 bytes are not an OpenFlow instruction/ },
];

for (const c of instructionErrors) {
  test(`instruction refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => instructionsFromProto([c.ins], 'ins'));
    t.is(e.path, c.path);
    t.regex(e.detail, c.says);
  });
}
