/**
 * The switch's table features: what its answer to TABLE_FEATURES (OpenFlow
 * 1.3+) says each flow table can do, read off what the switch really does
 * rather than written out by hand:
 *
 *  - match and wildcards: every field the codec models except those
 *    flow-match.ts cannot match on (UNMATCHABLE_FIELDS); in 'match' a
 *    field that may carry any mask has its hasmask bit set; every
 *    matchable field may also be left out entirely (wildcards);
 *  - write_setfield and apply_setfield: the fields action-check.ts lets a
 *    set_field write (WRITABLE_FIELDS);
 *  - write_actions and apply_actions: every OpenFlow 1.1+ action type the
 *    codec models save those action-check.ts refuses (UNEXECUTED_ACTIONS);
 *  - instructions: all of them, goto_table only where a later table
 *    exists, meter in OpenFlow 1.3 and 1.4 (1.5 made metering an action,
 *    which this switch does not model);
 *  - next_tables: every later table (a goto_table may only go forward).
 *
 * As Open vSwitch does: metadata fully matchable and writable, at most
 * 1,000,000 flows a table, no capabilities, names empty unless the switch
 * was given some.  Unlike Open vSwitch it leaves out the *_miss
 * properties: the table-miss flow can do what any other flow can, which
 * OpenFlow says is what their absence means, and the reply is half the
 * size.  multipart-replies.ts answers the request with these entries.
 */

import type { ActionType } from '../openflow/actions.js';
import { FIELDS } from '../openflow/oxm.js';
import type { TableFeatureProp, TableFeatures } from '../openflow/table-features.js';
import { UNEXECUTED_ACTIONS, WRITABLE_FIELDS } from './action-check.js';
import { UNMATCHABLE_FIELDS } from './flow-match.js';

/** What TABLE (OF1.0) and TABLE_FEATURES say a table holds at most (Open vSwitch says 1,000,000 too). */
export const MAX_TABLE_ENTRIES = 1_000_000;

const ALL_METADATA = 0xffffffffffffffffn;

/** OFPAT_* numbers (OpenFlow 1.3-1.5) of the neutral actions that have one. */
const ACTION_NUMBERS: Readonly<Partial<Record<ActionType, number>>> = {
  output: 0, copy_ttl_out: 11, copy_ttl_in: 12, set_mpls_ttl: 15, dec_mpls_ttl: 16, push_vlan: 17, pop_vlan: 18,
  push_mpls: 19, pop_mpls: 20, set_queue: 21, group: 22, set_nw_ttl: 23, dec_nw_ttl: 24, set_field: 25, push_pbb: 26, pop_pbb: 27,
};

/** OFPIT_* numbers. */
const OFPIT_GOTO_TABLE = 1;
const OFPIT_WRITE_METADATA = 2;
const OFPIT_WRITE_ACTIONS = 3;
const OFPIT_APPLY_ACTIONS = 4;
const OFPIT_CLEAR_ACTIONS = 5;
const OFPIT13_METER = 6;

/** The properties every table shares, per wire version (built once). */
interface SharedProps {
  readonly actions: readonly number[];
  readonly match: TableFeatureProp;
  readonly wildcards: TableFeatureProp;
  readonly setFields: readonly { header: number }[];
  readonly instructions: readonly number[];
}

function sharedProps(version: number): SharedProps {
  const matchable = FIELDS.filter((f) => !UNMATCHABLE_FIELDS.has(f.name));
  const actions = Object.entries(ACTION_NUMBERS)
    .filter(([type]) => !UNEXECUTED_ACTIONS.has(type as ActionType))
    .map(([, n]) => n!)
    .sort((a, b) => a - b);
  const instructions = [OFPIT_WRITE_METADATA, OFPIT_WRITE_ACTIONS, OFPIT_APPLY_ACTIONS, OFPIT_CLEAR_ACTIONS, ...(version <= 5 ? [OFPIT13_METER] : [])];
  return {
    actions,
    match: { type: 'match', fields: matchable.map((f) => ({ header: f.maskable ? f.oxm.maskedHeader : f.oxm.header })) },
    wildcards: { type: 'wildcards', fields: matchable.map((f) => ({ header: f.oxm.header })) },
    setFields: FIELDS.filter((f) => WRITABLE_FIELDS.has(f.name)).map((f) => ({ header: f.oxm.header })),
    instructions,
  };
}

const sharedByVersion = new Map<number, SharedProps>();

/**
 * The features of each of 'nTables' tables, as the answer to a
 * TABLE_FEATURES request of wire 'version' (4-6) gives them; 'names' maps
 * table ids to names (at most 31 Latin-1 characters, unchecked here).
 */
export function tableFeaturesOf(nTables: number, names: ReadonlyMap<number, string>, version: number): TableFeatures[] {
  let shared = sharedByVersion.get(version);
  if (!shared) sharedByVersion.set(version, (shared = sharedProps(version)));
  const { actions, match, wildcards, setFields, instructions } = shared;
  return Array.from({ length: nTables }, (_, tableId) => {
    const later = Array.from({ length: nTables - 1 - tableId }, (_, i) => tableId + 1 + i);
    return {
      tableId, command: 0, name: names.get(tableId) ?? '', metadataMatch: ALL_METADATA, metadataWrite: ALL_METADATA, capabilities: 0,
      maxEntries: MAX_TABLE_ENTRIES,
      properties: [
        { type: 'instructions', instructionTypes: later.length ? [OFPIT_GOTO_TABLE, ...instructions] : instructions },
        { type: 'next_tables', tableIds: later },
        { type: 'write_actions', actionTypes: actions },
        { type: 'apply_actions', actionTypes: actions },
        match,
        wildcards,
        { type: 'write_setfield', fields: setFields },
        { type: 'apply_setfield', fields: setFields },
      ],
    };
  });
}

/**
 * The table names of a switch's options as a map, empty names left out.
 * Throws RangeError for a table id that is not one of the switch's
 * 'nTables' tables, or a name of more than 31 characters or with a NUL or
 * a character beyond Latin-1 (what OpenFlow's 32-byte field holds).
 */
export function tableNamesOf(names: Readonly<Record<number, string>>, nTables: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const [key, name] of Object.entries(names)) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || id >= nTables) throw new RangeError(`table ${key} is not one of the ${nTables} tables`);
    // eslint-disable-next-line no-control-regex
    if (name.length > 31 || /[^\u0001-\u00ff]/.test(name)) throw new RangeError(`table name "${name}" must be at most 31 Latin-1 characters`);
    if (name) out.set(id, name);
  }
  return out;
}
