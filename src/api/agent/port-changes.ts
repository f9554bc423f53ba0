/**
 * What the controllers must hear when a datapath's port list is replaced
 * wholesale: when a new primary agent brings its own ports (its hello)
 * in place of those the bridge knew, each difference becomes the
 * port-status event the switch would have sent had the change happened
 * port by port (reference §4.5.3).  agent-channel.ts raises them through
 * the datapath's event listener, so connmgr's own port table follows.
 */

import type { DatapathPortStatus } from '../../connmgr/index.js';
import type { Port } from '../../openflow/index.js';

/** OFPPR_*: the port-status reasons. */
const OFPPR_ADD = 0;
const OFPPR_DELETE = 1;
const OFPPR_MODIFY = 2;

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  const x = a ?? new Uint8Array(0);
  const y = b ?? new Uint8Array(0);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** True if 'a' and 'b' describe a port identically (every field of the port description). */
export function samePort(a: Port, b: Port): boolean {
  return (
    a.portNo === b.portNo &&
    a.hwAddr.toLowerCase() === b.hwAddr.toLowerCase() &&
    a.name === b.name &&
    a.config === b.config &&
    a.state === b.state &&
    a.curr === b.curr &&
    a.advertised === b.advertised &&
    a.supported === b.supported &&
    a.peer === b.peer &&
    a.currSpeed === b.currSpeed &&
    a.maxSpeed === b.maxSpeed &&
    sameBytes(a.extraProperties, b.extraProperties)
  );
}

/**
 * The port-status events that turn port list 'before' into 'after':
 * DELETE for each port only in 'before', then ADD for each port only in
 * 'after', then MODIFY for each port in both whose description differs;
 * each group in port number order.  Empty if the lists describe the same
 * ports.
 */
export function portChanges(before: readonly Port[], after: readonly Port[]): DatapathPortStatus[] {
  const old = new Map(before.map((p) => [p.portNo, p]));
  const now = new Map(after.map((p) => [p.portNo, p]));
  const byNumber = (a: Port, b: Port): number => a.portNo - b.portNo;
  const out: DatapathPortStatus[] = [];
  for (const p of [...old.values()].sort(byNumber)) {
    if (!now.has(p.portNo)) out.push({ type: 'port_status', reason: OFPPR_DELETE, port: p });
  }
  for (const p of [...now.values()].sort(byNumber)) {
    if (!old.has(p.portNo)) out.push({ type: 'port_status', reason: OFPPR_ADD, port: p });
  }
  for (const p of [...now.values()].sort(byNumber)) {
    const was = old.get(p.portNo);
    if (was && !samePort(was, p)) out.push({ type: 'port_status', reason: OFPPR_MODIFY, port: p });
  }
  return out;
}
