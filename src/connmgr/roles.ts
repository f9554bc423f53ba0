/**
 * Controller roles as connmgr applies them (reference §4.4): the
 * bridge-wide primary election (generation) id with its serial-number
 * staleness rule, and the pure decision of what one role request does to
 * the session that sent it.  Demoting the other sessions and sending role
 * status is connmgr's and ofconn's work; the wire forms are in
 * src/openflow/role.ts.
 */

import { GENERATION_ID_UNDEFINED, type OfpErrName, type Role, type RoleRequestMsg } from '../openflow/index.js';

/** The role a session can have ('nochange' is only a request). */
export type SessionRole = Exclude<Role, 'nochange'>;

/** §4.4.3: the generation id of one bridge, undefined until a primary or secondary request sets it. */
export class PrimaryElection {
  private id: bigint | null = null;

  /** The current id, or null while undefined. */
  get current(): bigint | null {
    return this.id;
  }

  /** What ROLE_REPLY and role status carry: the id, or all ones while undefined (§4.4.4). */
  get wireValue(): bigint {
    return this.id ?? GENERATION_ID_UNDEFINED;
  }

  /**
   * §4.4.3: true if 'generationId' is stale: an id is defined and
   * (int64)(generationId - current) < 0, the serial-number comparison that
   * wraps at 2^64.
   */
  isStale(generationId: bigint): boolean {
    if (this.id === null) return false;
    return BigInt.asIntN(64, generationId - this.id) < 0n;
  }

  /** Stores 'generationId' as the bridge's id (now defined). */
  set(generationId: bigint): void {
    this.id = BigInt.asUintN(64, generationId);
  }
}

/** What one role request does to its session. */
export type RoleDecision =
  /** Set the session's role to 'role' ('changed' false: it already had it or the request was nochange). */
  | { readonly ok: true; readonly role: SessionRole; readonly changed: boolean; readonly generationId: bigint | null }
  | { readonly ok: false; readonly error: OfpErrName };

/**
 * Decides role request 'req' from a session whose role is 'current', with
 * the bridge's 'election' (§4.4.2, §4.4.3): NOCHANGE keeps the role;
 * EQUAL sets it without looking at the generation id; PRIMARY or SECONDARY
 * in the OF1.2+ form first checks the generation id (stale:
 * OFPRRFC_STALE, nothing changes) and, if fresh, returns it in
 * 'generationId' for the caller to store; the Nicira form carries no
 * generation id and is never stale.  Pure: changes nothing.
 */
export function decideRoleRequest(req: RoleRequestMsg, current: SessionRole, election: PrimaryElection): RoleDecision {
  if (req.role === 'nochange') return { ok: true, role: current, changed: false, generationId: null };
  let generationId: bigint | null = null;
  if (req.role !== 'equal' && req.format === 'standard') {
    if (election.isStale(req.generationId)) return { ok: false, error: 'OFPRRFC_STALE' };
    generationId = req.generationId;
  }
  return { ok: true, role: req.role, changed: req.role !== current, generationId };
}

/** §4.10.2: how good a snoop target a session in 'role' is (primary 3, equal 2, secondary 1; none 0). */
export function snoopPreference(role: SessionRole | null): number {
  switch (role) {
    case 'primary': return 3;
    case 'equal': return 2;
    case 'secondary': return 1;
    default: return 0;
  }
}
