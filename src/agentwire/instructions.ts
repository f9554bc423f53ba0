/**
 * Instructions on the agent channel: the neutral Instruction union of
 * src/openflow/instructions.ts as the proto's Instruction oneof.  Flow
 * mods and hidden flows carry them; the action lists inside are
 * actions.ts's.  write_metadata's two 64-bit values travel as uint64
 * strings and come back as bigints.
 */

import type { Instruction } from '../openflow/instructions.js';
import type { Instruction as PbInstruction, Instruction__Output as PbInstructionOut } from '../generated/ofconnmgr/v1/Instruction.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { actionsFromProto, actionsToProto, opaqueTlvFromProto, opaqueTlvToProto } from './actions.js';
import { describe, listFrom, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';

/** A neutral instruction as a proto Instruction. */
export function instructionToProto(i: Instruction): PbInstruction {
  switch (i.type) {
    case 'goto_table': return { goto_table: i.tableId };
    case 'write_metadata': return { write_metadata: { metadata: uint64ToProto(i.metadata), mask: uint64ToProto(i.mask) } };
    case 'write_actions': return { write_actions: { actions: actionsToProto(i.actions) } };
    case 'apply_actions': return { apply_actions: { actions: actionsToProto(i.actions) } };
    case 'clear_actions': return { clear_actions: {} };
    case 'meter': return { meter: i.meterId };
    case 'opaque': return { opaque: opaqueTlvToProto(i.bytes, i.version) };
  }
}

/** A neutral instruction list as proto Instructions. */
export function instructionsToProto(list: readonly Instruction[]): PbInstruction[] {
  return list.map(instructionToProto);
}

/**
 * The neutral instruction of proto 'p' at 'path'.  Throws AgentWireError
 * for an instruction with no case set, a table id beyond 8 bits, a 64-bit
 * value that is not one, an action actions.ts refuses, an opaque
 * instruction that is not one TLV.
 */
export function instructionFromProto(p: PbInstructionOut, path: string): Instruction {
  const at = (k: string): string => fieldPath(path, k);
  switch (p.kind) {
    case 'goto_table': return { type: 'goto_table', tableId: uintFrom(p.goto_table, 8, at('goto_table')) };
    case 'write_metadata': {
      const w = required(p.write_metadata, at('write_metadata'), 'write_metadata');
      return {
        type: 'write_metadata', metadata: uint64From(w.metadata, at('write_metadata.metadata')),
        mask: uint64From(w.mask, at('write_metadata.mask')),
      };
    }
    case 'write_actions':
      return { type: 'write_actions', actions: actionsFromProto(p.write_actions?.actions, at('write_actions.actions')) };
    case 'apply_actions':
      return { type: 'apply_actions', actions: actionsFromProto(p.apply_actions?.actions, at('apply_actions.actions')) };
    case 'clear_actions': return { type: 'clear_actions' };
    case 'meter': return { type: 'meter', meterId: uintFrom(p.meter, 32, at('meter')) };
    case 'opaque': {
      const o = opaqueTlvFromProto(p.opaque, at('opaque'), 'instruction');
      return o.version === undefined ? { type: 'opaque', bytes: o.bytes } : { type: 'opaque', bytes: o.bytes, version: o.version };
    }
    case undefined:
      throw new AgentWireError(path, 'no instruction given (none of the Instruction cases is set)');
    default:
      throw new AgentWireError(path, `unknown instruction ${describe(p.kind)}`);
  }
}

/** The neutral instruction list of proto list 'list' at 'path' (entries at "path[i]"). */
export function instructionsFromProto(list: readonly PbInstructionOut[] | null | undefined, path: string): Instruction[] {
  return listFrom(list).map((x, i) => instructionFromProto(x, `${path}[${i}]`));
}
