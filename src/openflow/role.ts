/**
 * Controller roles on the wire: the role request and reply, in the OF1.2+
 * form (OFPT_ROLE_REQUEST/REPLY: role, generation id) and the Nicira form
 * of any version (NXT_ROLE_REQUEST/REPLY: role only), and the role status
 * a switch sends to a session it demoted (OF1.4+ OFPT_ROLE_STATUS, OF1.3
 * ONFT_ROLE_STATUS).  Also the conversions between role names, wire values
 * and the old names (other/master/slave) that OVS's database and tools
 * still use.  What a role means for a session (election, generation ids,
 * demotion) is the connection manager's business (reference §4.4); this
 * file only reads and writes the messages.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** A controller role, as OF1.2+ names it (OFPCR_ROLE_*), in current OVS spelling. */
export type Role = 'nochange' | 'equal' | 'primary' | 'secondary';

/** Every role, indexed by its OF1.2+ wire value (OFPCR_ROLE_NOCHANGE=0 ... SECONDARY=3). */
export const ROLES: readonly Role[] = ['nochange', 'equal', 'primary', 'secondary'];

/**
 * The generation id that means "none": what an OF1.2+ ROLE_REPLY carries
 * when the bridge has no generation id yet (reference §4.4.4), and what a
 * decoded Nicira role message holds, since that form has no generation id.
 */
export const GENERATION_ID_UNDEFINED = 0xffffffffffffffffn;

/** Which wire form a role request or reply takes. */
export type RoleFormat =
  /** OF1.2+ OFPT_ROLE_REQUEST/OFPT_ROLE_REPLY (24 bytes: role, pad, generation id). */
  | 'standard'
  /** NXT_ROLE_REQUEST/NXT_ROLE_REPLY, any version (20 bytes: role only; no 'nochange'). */
  | 'nx';

export interface RoleMsg<T extends 'role_request' | 'role_reply'> extends MsgBase {
  readonly type: T;
  readonly format: RoleFormat;
  readonly role: Role;
  /**
   * The 64-bit generation id of the standard form, as carried.  The Nicira
   * form has none: it decodes as GENERATION_ID_UNDEFINED and encoding it
   * ignores this field.
   */
  readonly generationId: bigint;
}
export type RoleRequestMsg = RoleMsg<'role_request'>;
export type RoleReplyMsg = RoleMsg<'role_reply'>;

/** OFPCRR_*: why a role status was sent (reference §0.1). */
export const ROLE_STATUS_REASONS = ['primary_request', 'config', 'experimenter'] as const;

export interface RoleStatusMsg extends MsgBase {
  readonly type: 'role_status';
  /** The session's new role. */
  readonly role: Role;
  /** OFPCRR_*: 0 primary request, 1 config, 2 experimenter; other values kept as sent. */
  readonly reason: number;
  readonly generationId: bigint;
  /** Role status properties (OF1.4's ofp_role_prop_*), kept as sent; a multiple of 8 bytes. */
  readonly properties?: Uint8Array;
}

/**
 * The OF1.2+ wire value of 'role' (OFPCR_ROLE_*: nochange 0, equal 1,
 * primary 2, secondary 3).  Throws OfpCodecError OFPRRFC_BAD_ROLE for a
 * name that is not a role (an old name such as 'master' must go through
 * parseRoleName first), so that nothing is written as a garbage number.
 */
export function roleToWire(role: Role): number {
  const v = ROLES.indexOf(role);
  if (v < 0) throw new OfpCodecError('OFPRRFC_BAD_ROLE', `"${String(role)}" is not a role`);
  return v;
}

/** The role whose OF1.2+ wire value is 'value', or undefined if none is. */
export function roleFromWire(value: number): Role | undefined {
  return Number.isInteger(value) && value >= 0 && value < ROLES.length ? ROLES[value] : undefined;
}

/**
 * The Nicira wire value of 'role' (NX_ROLE_OTHER 0, PRIMARY 1, SECONDARY 2:
 * the OF1.2+ value minus one), or undefined for 'nochange', which the
 * Nicira form cannot express.
 */
export function roleToNx(role: Role): number | undefined {
  return role === 'nochange' ? undefined : roleToWire(role) - 1;
}

/** The role whose Nicira wire value is 'value', or undefined if none is. */
export function roleFromNx(value: number): Role | undefined {
  return Number.isInteger(value) && value >= 0 && value <= 2 ? ROLES[value + 1] : undefined;
}

/**
 * Parses a role name, in current OVS spelling (nochange, equal, primary,
 * secondary) or in the old one still used by OVS's database and tools
 * (other, master, slave), case-insensitively.  Returns undefined for
 * anything else.
 */
export function parseRoleName(name: string): Role | undefined {
  switch (name.trim().toLowerCase()) {
    case 'nochange': return 'nochange';
    case 'equal': case 'other': return 'equal';
    case 'primary': case 'master': return 'primary';
    case 'secondary': case 'slave': return 'secondary';
    default: return undefined;
  }
}

/**
 * The old name of 'role' that OVS writes in the Controller table's 'role'
 * column and that `ovs-vsctl list controller` shows (reference §4.12.2):
 * other, master or slave.  'nochange' is not a role a session can have and
 * has no such name: it is returned as 'nochange'.
 */
export function roleDatabaseName(role: Role): 'other' | 'master' | 'slave' | 'nochange' {
  switch (role) {
    case 'equal': return 'other';
    case 'primary': return 'master';
    case 'secondary': return 'slave';
    case 'nochange': return 'nochange';
  }
}

/** The name ovs-ofctl prints for role status reason 'reason'. */
export function roleStatusReasonName(reason: number): string {
  return ['primary_request', 'configuration_changed', 'experimenter_data_changed'][reason] ?? '(unknown)';
}

/**
 * The body text ovs-ofctl prints for a role request or reply: "role=NAME",
 * then "generation_id=N" for the standard form unless the id is undefined
 * (all ones) or the request is 'nochange' (whose id means nothing).
 */
export function describeRoleMessage(m: RoleRequestMsg | RoleReplyMsg): string {
  const showGeneration = m.format === 'standard' && m.generationId !== GENERATION_ID_UNDEFINED &&
    !(m.type === 'role_request' && m.role === 'nochange');
  return `role=${m.role}${showGeneration ? ` generation_id=${m.generationId}` : ''}`;
}

/** The body text ovs-ofctl prints for a role status: role, generation id unless undefined, reason. */
export function describeRoleStatus(m: RoleStatusMsg): string {
  const generation = m.generationId !== GENERATION_ID_UNDEFINED ? ` generation_id=${m.generationId}` : '';
  return `role=${m.role}${generation} reason=${roleStatusReasonName(m.reason)}`;
}

function badRole(what: string, value: number): OfpCodecError {
  return new OfpCodecError('OFPRRFC_BAD_ROLE', `${what} role value ${value}`);
}

function roleMessage<T extends 'role_request' | 'role_reply'>(
  type: T,
  standardRaw: string,
  nxRaw: string,
): MessageCodec<RoleMsg<T>> {
  return {
    type,
    raws: [standardRaw, nxRaw],
    decode(raw, r, ctx) {
      // Object literals written out in full: spreading a base object and adding keys is some 200 times slower in V8.
      if (raw.name === nxRaw) {
        const value = r.u32();
        const role = roleFromNx(value);
        if (!role) throw badRole(nxRaw, value);
        return { type, version: ctx.version, xid: ctx.xid, format: 'nx', role, generationId: GENERATION_ID_UNDEFINED };
      }
      const value = r.u32();
      r.skip(4);
      const generationId = r.u64();
      const role = roleFromWire(value);
      if (!role) throw badRole(standardRaw, value);
      return { type, version: ctx.version, xid: ctx.xid, format: 'standard', role, generationId };
    },
    rawName(m, version) {
      if (m.format === 'nx') {
        if (m.role === 'nochange') throw new OfpCodecError('OFPRRFC_BAD_ROLE', `${nxRaw} cannot express role nochange`);
        return nxRaw;
      }
      if (version < 3) throw new OfpCodecError('OFPBRC_BAD_VERSION', `${standardRaw} needs OpenFlow 1.2 or later`);
      return standardRaw;
    },
    encode(m, _version, w) {
      if (m.format === 'nx') {
        w.u32(roleToNx(m.role)!);
        return;
      }
      w.u32(roleToWire(m.role)).zeros(4).u64(m.generationId);
    },
  };
}

export const roleRequestCodec = roleMessage('role_request', 'OFPT_ROLE_REQUEST', 'NXT_ROLE_REQUEST');
export const roleReplyCodec = roleMessage('role_reply', 'OFPT_ROLE_REPLY', 'NXT_ROLE_REPLY');

function decodeRoleStatus(r: WireReader, version: number, xid: number): RoleStatusMsg {
  const value = r.u32();
  const reason = r.u8();
  r.skip(3);
  const generationId = r.u64();
  const role = roleFromWire(value);
  if (!role) throw badRole('role status', value);
  if (r.remaining % 8 !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `role status properties of ${r.remaining} bytes`);
  if (r.remaining === 0) return { type: 'role_status', version, xid, role, reason, generationId };
  return { type: 'role_status', version, xid, role, reason, generationId, properties: r.rest() };
}

function encodeRoleStatus(m: RoleStatusMsg, w: WireWriter): void {
  if (m.properties && m.properties.length % 8 !== 0) {
    throw new OfpCodecError('OFPBRC_BAD_LEN', `role status properties of ${m.properties.length} bytes`);
  }
  w.u32(roleToWire(m.role)).u8(m.reason).zeros(3).u64(m.generationId);
  if (m.properties) w.bytes(m.properties);
}

/**
 * Role status: OFPT_ROLE_STATUS in OF1.4+, ONFT_ROLE_STATUS in OF1.3, and
 * no form at all in OF1.0-1.2 (reference §4.4.5: such sessions are sent
 * nothing; encoding throws).
 */
export const roleStatusCodec: MessageCodec<RoleStatusMsg> = {
  type: 'role_status',
  raws: ['OFPT_ROLE_STATUS', 'ONFT_ROLE_STATUS'],
  decode: (_raw, r, ctx) => decodeRoleStatus(r, ctx.version, ctx.xid),
  rawName(_m, version) {
    if (version >= 5) return 'OFPT_ROLE_STATUS';
    if (version === 4) return 'ONFT_ROLE_STATUS';
    throw new OfpCodecError('OFPBRC_BAD_VERSION', 'role status needs OpenFlow 1.3 or later');
  },
  encode: (m, _version, w) => encodeRoleStatus(m, w),
};
