/**
 * What a FLOW_MOD does to the flow tables, command by command, as Open
 * vSwitch does it (ofproto.c: add_flow_start, modify_flows_start__,
 * delete_flows_start__, replace_rule_start; lib/ofp-flow.c for how each
 * version's cookie fields read):
 *
 *  - ADD puts the flow in its table.  A flow with the same priority and
 *    match is replaced, keeping its packet and byte counts unless
 *    OFPFF_RESET_COUNTS is set; with OFPFF_CHECK_OVERLAP and no identical
 *    flow, a flow of the same priority that some packet could also match
 *    makes it fail with OFPFMFC_OVERLAP.
 *  - MODIFY / MODIFY_STRICT change the instructions of every flow the
 *    match selects (loosely: every flow at least as specific; strictly:
 *    the flow with this priority and match), keeping their timeouts,
 *    flags, age and (unless RESET_COUNTS) counters.  The cookie restricts
 *    the selection in OpenFlow 1.1+ (cookie/cookie_mask); in OpenFlow 1.0,
 *    which cannot match cookies, the flow mod's cookie becomes the flows'
 *    new cookie, and when nothing is selected the MODIFY adds the flow.
 *  - DELETE / DELETE_STRICT remove the selected flows, also filtered by
 *    out_port and (1.1+) out_group; each flow with OFPFF_SEND_FLOW_REM is
 *    reported removed with reason DELETE.
 *  - table_id OFPTT_ALL (0xff) selects every table for deletes, and, in
 *    OpenFlow 1.0 (where connmgr uses it for "no table given"), for
 *    modifies, while adds go to table 0; in 1.1+ an ADD or MODIFY to
 *    table 0xff is OFPFMFC_BAD_TABLE_ID.  A table that does not exist is
 *    OFPBRC_BAD_TABLE_ID.
 *  - OpenFlow 1.0's emergency flag is refused as OVS refuses it
 *    (OFPFMFC_BAD_EMERG_TIMEOUT with a timeout, else OFPFMFC_TABLE_FULL);
 *    unknown flag bits are OFPFMFC_BAD_FLAGS; an unknown command
 *    OFPFMFC_BAD_COMMAND.
 *  - Matches are checked by flow-match.ts, instructions by action-check.ts,
 *    before anything changes: a refused FLOW_MOD changes nothing.
 *
 * Hidden flows are out of reach of OpenFlow (reference §4.8.6); connmgr
 * manages them through the datapath port (reference-switch.ts).  Not
 * modelled: OpenFlow 1.0's rule that an exact-match flow gets priority
 * 65535, table eviction and flow limits (tables are unbounded), bundles.
 */

import { FLOW_MOD_EMERG, type FlowModMsg, OFPFF12_RESET_COUNTS, OFPFF13_NO_BYT_COUNTS, OFPFF13_NO_PKT_COUNTS, OFPFF_CHECK_OVERLAP, OFPFF_SEND_FLOW_REM } from '../openflow/flow-mod.js';
import { OFPG_ANY } from '../openflow/group-mod.js';
import { OFPP_ANY } from '../openflow/port-number.js';
import { type ActionCheckEnv, checkInstructions } from './action-check.js';
import { refuse } from './datapath-error.js';
import { compileMatch } from './flow-match.js';
import { FlowEntry, type FlowSelection, type FlowTables, OFPRR_DELETE, TABLE_ALL } from './flow-table.js';

const COOKIE_ALL_ONES = 0xffffffffffffffffn;
/** The flags a flow keeps (OVS's OFPUTIL_FF_STATE); check_overlap and reset_counts act once. */
const FLOW_STATE_FLAGS = OFPFF_SEND_FLOW_REM | OFPFF13_NO_PKT_COUNTS | OFPFF13_NO_BYT_COUNTS;
const KNOWN_FLAGS = OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP | OFPFF12_RESET_COUNTS | OFPFF13_NO_PKT_COUNTS
  | OFPFF13_NO_BYT_COUNTS | FLOW_MOD_EMERG;

/** What applying a FLOW_MOD needs from the switch. */
export interface FlowModEnv {
  readonly tables: FlowTables;
  readonly check: ActionCheckEnv;
  now(): number;
  /** A flow left its table because of this FLOW_MOD (reason OFPRR_DELETE). */
  removed(flow: FlowEntry, reason: number): void;
}

/**
 * The cookie fields of 'm' as Open vSwitch reads them for its version:
 * the cookie new flows get (all ones: leave cookies alone), the cookie
 * selection, and whether a MODIFY that selects nothing adds the flow.
 */
function cookieSemantics(m: FlowModMsg): { newCookie: bigint; cookie: bigint; cookieMask: bigint; modifyCookie: boolean; mayAdd: boolean } {
  if (m.version === 1 && m.cookieMask === 0n) {
    return { newCookie: m.cookie, cookie: 0n, cookieMask: 0n, modifyCookie: m.cookie !== COOKIE_ALL_ONES, mayAdd: m.cookie !== COOKIE_ALL_ONES };
  }
  // OF1.2+, and an OF1.0 NXT_FLOW_MOD with a cookie filter (a modify that selects by cookie adds nothing, as in OVS).
  if (m.version === 1 && m.command === 'add') refuse('NXBRC_NXM_INVALID', 'a flow addition may set a cookie, not match one');
  if (m.command === 'add') return { newCookie: m.cookie, cookie: 0n, cookieMask: 0n, modifyCookie: false, mayAdd: false };
  return { newCookie: COOKIE_ALL_ONES, cookie: m.cookie, cookieMask: m.cookieMask, modifyCookie: false, mayAdd: false };
}

/**
 * Carries out FLOW_MOD 'm' (see the file comment).  Throws DatapathError
 * with the OpenFlow error to send back; nothing has changed when it
 * throws.
 */
export function applyFlowMod(m: FlowModMsg, env: FlowModEnv): void {
  const { tables } = env;
  const cmd = m.command;
  if (typeof cmd === 'number') refuse('OFPFMFC_BAD_COMMAND', `flow mod command ${cmd}`);
  if (m.flags & FLOW_MOD_EMERG) {
    refuse(m.idleTimeout || m.hardTimeout ? 'OFPFMFC_BAD_EMERG_TIMEOUT' : 'OFPFMFC_TABLE_FULL', 'emergency flows are not supported');
  }
  if (m.flags & ~KNOWN_FLAGS) refuse('OFPFMFC_BAD_FLAGS', `flow mod flags 0x${m.flags.toString(16)}`);
  const isDelete = cmd === 'delete' || cmd === 'delete_strict';
  const strict = cmd === 'modify_strict' || cmd === 'delete_strict';
  if (m.tableId === TABLE_ALL) {
    if (!isDelete && m.version !== 1) refuse('OFPFMFC_BAD_TABLE_ID', `${cmd} cannot name every table`);
  } else if (!tables.hasTable(m.tableId)) {
    refuse('OFPBRC_BAD_TABLE_ID', `table ${m.tableId} does not exist`);
  }
  const compiled = compileMatch(m.match, m.version === 1 && m.format === 'standard' ? 'of10' : 'strict');
  const c = cookieSemantics(m);
  const consistency = m.version === 1 ? undefined : compiled;
  const now = env.now();

  const add = (tableId: number): void => {
    checkInstructions(m.instructions, tableId, env.check, consistency);
    const old = tables.findExact(tableId, m.priority, compiled);
    if (!old && m.flags & OFPFF_CHECK_OVERLAP && tables.overlaps(tableId, m.priority, compiled)) {
      refuse('OFPFMFC_OVERLAP', 'the flow overlaps one of the same priority');
    }
    const flow = new FlowEntry({
      tableId, priority: m.priority, match: m.match, compiled,
      // An all-ones cookie means "no new cookie": a replaced flow keeps its own (OVS's replace_rule_start).
      cookie: old && c.newCookie === COOKIE_ALL_ONES ? old.cookie : c.newCookie, idleTimeout: m.idleTimeout,
      hardTimeout: m.hardTimeout, flags: m.flags & FLOW_STATE_FLAGS, importance: m.importance, instructions: m.instructions,
    }, now, tables.nextSeq());
    if (old) {
      if (!(m.flags & OFPFF12_RESET_COUNTS)) {
        flow.packetCount = old.packetCount;
        flow.byteCount = old.byteCount;
      }
      tables.replace(old, flow);
    } else {
      tables.insert(flow);
    }
  };

  if (cmd === 'add') {
    add(m.tableId === TABLE_ALL ? 0 : m.tableId);
    return;
  }

  const sel: FlowSelection = {
    tableId: m.tableId, match: compiled, strict, priority: m.priority, cookie: c.cookie, cookieMask: c.cookieMask,
    outPort: isDelete ? m.outPort : OFPP_ANY, outGroup: isDelete && m.version !== 1 ? m.outGroup : OFPG_ANY, includeHidden: false,
  };
  const selected = tables.select(sel);

  if (isDelete) {
    for (const f of selected) {
      tables.remove(f);
      env.removed(f, OFPRR_DELETE);
    }
    return;
  }

  if (selected.length === 0) {
    if (c.mayAdd) add(m.tableId === TABLE_ALL ? 0 : m.tableId);
    return;
  }
  for (const t of new Set(selected.map((f) => f.tableId))) checkInstructions(m.instructions, t, env.check, consistency);
  for (const f of selected) {
    f.instructions = m.instructions;
    if (c.modifyCookie && c.newCookie !== f.cookie) f.cookie = c.newCookie;
    // The hard timeout and hard age start again; the idle ones do not (OVS forwards a modified rule's 'used' time).
    f.modified = now;
    if (m.flags & OFPFF12_RESET_COUNTS) {
      f.packetCount = 0n;
      f.byteCount = 0n;
    }
  }
}

/** True if 'flow' asked to be reported when it leaves its table. */
export function wantsFlowRemoved(flow: FlowEntry): boolean {
  return (flow.flags & OFPFF_SEND_FLOW_REM) !== 0;
}
