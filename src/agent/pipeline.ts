/**
 * The OpenFlow pipeline: a packet's walk through the flow tables.  Each
 * table looks the packet up (flow-table.ts); the flow it hits counts the
 * packet and runs its instructions in the order OpenFlow fixes whatever
 * order they were sent in: meter, apply_actions, clear_actions,
 * write_actions, write_metadata, goto_table.  Without a goto_table the
 * action set runs and the walk ends.  action-executor.ts runs the
 * actions.
 *
 * A table miss (no flow matches) does what the table's miss config says.
 * The default, as in Open vSwitch: drop the packet, unless the switch's
 * "packet-in on miss" setting is on (connmgr turns it on while an OpenFlow
 * 1.0-1.2 controller with controller id 0 is connected, reference
 * §4.8.7); then the whole packet goes to the controller as an
 * 'implicit_miss' packet-in with cookie 0 (the cookie of OVS's internal
 * miss rule), unless its input port has OFPPC_NO_PACKET_IN.  OpenFlow
 * 1.1/1.2 TABLE_MOD can set a table to 'controller', 'continue' (on to the
 * next table; past the last one it acts as 'controller') or 'drop'.
 * Meters count the packet and let it go on (meter-table.ts).
 */

import type { Instruction } from '../openflow/instructions.js';
import type { DatapathPacketIn } from '../connmgr/datapath-port.js';
import { ActionSet, executeActions, type ExecutionEnv, type Traversal } from './action-executor.js';
import type { FlowTables } from './flow-table.js';
import type { MeterTable } from './meter-table.js';
import type { Packet } from './packet.js';

/** What a table does with a packet no flow matches. */
export type TableMissConfig = 'default' | 'controller' | 'continue' | 'drop';

/** What the pipeline needs from the switch beyond what actions need. */
export interface PipelineEnv extends ExecutionEnv {
  readonly tables: FlowTables;
  readonly meters: MeterTable;
  /** The "packet-in on miss" setting (see the file comment). */
  missSendsToController(): boolean;
  tableMissConfig(tableId: number): TableMissConfig;
  /** False if misses of packets from 'port' must not reach the controller (OFPPC_NO_PACKET_IN). */
  portAllowsPacketIn(port: number): boolean;
}

/** Instruction types in the order OpenFlow runs them. */
const INSTRUCTION_ORDER: Readonly<Record<Instruction['type'], number>> = {
  meter: 0, apply_actions: 1, clear_actions: 2, write_actions: 3, write_metadata: 4, goto_table: 5, opaque: 6,
};

function inOrder(instructions: readonly Instruction[]): readonly Instruction[] {
  for (let i = 1; i < instructions.length; i++) {
    if (INSTRUCTION_ORDER[instructions[i - 1]!.type] > INSTRUCTION_ORDER[instructions[i]!.type]) {
      return [...instructions].sort((a, b) => INSTRUCTION_ORDER[a.type] - INSTRUCTION_ORDER[b.type]);
    }
  }
  return instructions;
}

/** Where a walk starts. */
export interface WalkStart {
  readonly tableId: number;
  readonly inPacketOut: boolean;
  readonly depth: number;
}

/**
 * Runs 'p' through the tables from 'start.tableId'.  Bounded: goto_table
 * only moves to a later table, so a walk visits each table at most once.
 */
export function runPipeline(p: Packet, env: PipelineEnv, start: WalkStart): void {
  const actionSet = new ActionSet();
  const now = env.now();
  let tableId = start.tableId;
  for (;;) {
    const flow = env.tables.lookup(tableId, p.key());
    if (!flow) {
      const cfg = env.tableMissConfig(tableId);
      if (cfg === 'continue' && tableId + 1 < env.tables.nTables) {
        tableId++;
        continue;
      }
      const toController = cfg === 'controller' || cfg === 'continue' || (cfg === 'default' && env.missSendsToController());
      if (toController && env.portAllowsPacketIn(p.inPort)) {
        const miss: DatapathPacketIn = {
          type: 'packet_in', reason: 'implicit_miss', tableId, cookie: 0n, metadata: p.pipelineMatch(),
          frame: new Uint8Array(p.frame), controllerId: 0, maxLen: 0xffff,
        };
        env.packetIn(miss);
      }
      return;
    }
    flow.hit(p.frame.length, now);
    const t: Traversal = { inPacketOut: start.inPacketOut, depth: start.depth, tableId, flow };
    let next: number | undefined;
    for (const ins of inOrder(flow.instructions)) {
      switch (ins.type) {
        case 'meter': {
          const m = env.meters.get(ins.meterId);
          if (m) {
            m.packetCount++;
            m.byteCount += BigInt(p.frame.length);
          }
          break;
        }
        case 'apply_actions':
          if (executeActions(ins.actions, p, t, 'apply', env) === 'stop') return;
          break;
        case 'clear_actions':
          actionSet.clear();
          break;
        case 'write_actions':
          actionSet.write(ins.actions);
          break;
        case 'write_metadata':
          p.setMeta('metadata', (p.getMeta('metadata') & ~ins.mask) | (ins.metadata & ins.mask));
          break;
        case 'goto_table':
          next = ins.tableId;
          break;
        case 'opaque':
          break;
      }
    }
    if (next === undefined || next <= tableId || next >= env.tables.nTables) {
      executeActions(actionSet.toList(), p, t, 'action_set', env);
      return;
    }
    tableId = next;
  }
}
