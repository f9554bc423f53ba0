/**
 * Asynchronous message configuration (reference §4.6): which packet-in,
 * port-status, flow-removed, role-status, table-status and requestforward
 * reasons a session wants, one mask per message kind for the primary/equal
 * role and one for the secondary role.
 *
 * Two halves.  The codec half reads and writes the messages that carry a
 * configuration: SET_ASYNC and GET_ASYNC_REPLY, in the legacy layout (OF1.3
 * OFPT_SET_ASYNC/OFPT_GET_ASYNC_REPLY and NXT_SET_ASYNC_CONFIG of any
 * version: three pairs of masks) and in the property layout (OF1.4+
 * OFPT_SET_ASYNC/OFPT_GET_ASYNC_REPLY and NXT_SET_ASYNC_CONFIG2 of
 * OF1.0-1.3).  Decoding keeps what was sent, masks and unknown properties
 * alike, so that a message re-encodes to the same bytes.  The rule half is
 * pure functions over an AsyncConfig value, for the connection manager:
 * the default of §4.6.1, the replacement and partial-update semantics of
 * §4.6.2-4.6.3 with their errors, the allowed masks of §4.6.4, the
 * normalisation of §4.6.5 and the reply of §4.6.7.  GET_ASYNC_REQUEST has
 * an empty body and lives in empty-body.ts.
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import type { OfpErrName } from './ofperr.js';
import type { Role } from './role.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** The kinds of asynchronous message a configuration covers, in OVS's order (OAM_*). */
export const ASYNC_MSG_KINDS = ['packet_in', 'port_status', 'flow_removed', 'role_status', 'table_status', 'requestforward'] as const;
export type AsyncMsgKind = (typeof ASYNC_MSG_KINDS)[number];

/**
 * Which of the two masks of a kind: 'primary' is the one used while the
 * session is primary or equal (legacy element 0, odd property types),
 * 'secondary' while it is secondary (element 1, even property types).
 */
export type AsyncMaskRole = 'primary' | 'secondary';

/** A property (or legacy slot) setting one mask. */
export interface AsyncMaskProp {
  readonly prop: AsyncMsgKind;
  readonly role: AsyncMaskRole;
  /** Bit n set = reason n wanted (OFPR_*, OFPPR_*, OFPRR_*, OFPCRR_*, OFPTR_*, OFPRFR_*). */
  readonly mask: number;
}

/** An experimenter property (type 0xfffe or 0xffff), kept as sent. */
export interface AsyncExperimenterProp {
  readonly prop: 'experimenter';
  /** 0xfffe (secondary) or 0xffff (primary). */
  readonly type: 0xfffe | 0xffff;
  /** Nonzero experimenter id. */
  readonly experimenter: number;
  readonly expType: number;
  /** What follows exp_type, up to the property's length (padding excluded). */
  readonly data: Uint8Array;
}

/** A property of a standard type this codec does not know (12..0xfffd), kept as sent. */
export interface AsyncUnknownProp {
  readonly prop: 'unknown';
  readonly type: number;
  /** What follows the 4-byte property header, up to its length (padding excluded). */
  readonly data: Uint8Array;
}

export type AsyncProp = AsyncMaskProp | AsyncExperimenterProp | AsyncUnknownProp;

/**
 * The body layout.  'legacy' is three pairs of 32-bit masks (packet-in,
 * port-status, flow-removed; primary then secondary) and replaces the whole
 * configuration; 'properties' is a list of properties that each change one
 * mask and leave the rest alone.
 */
export type AsyncLayout = 'legacy' | 'properties';

export interface AsyncConfigMsg<T extends 'set_async' | 'get_async_reply'> extends MsgBase {
  readonly type: T;
  /**
   * 'standard': OFPT_SET_ASYNC / OFPT_GET_ASYNC_REPLY (OF1.3: legacy layout,
   * OF1.4+: properties).  'nx' (set_async only): NXT_SET_ASYNC_CONFIG
   * (legacy layout, any version) or NXT_SET_ASYNC_CONFIG2 (properties,
   * OF1.0-1.3).
   */
  readonly format: 'standard' | 'nx';
  readonly layout: AsyncLayout;
  /**
   * In wire order.  A decoded legacy body gives exactly six mask props:
   * packet_in, port_status, flow_removed, each primary then secondary.
   */
  readonly props: readonly AsyncProp[];
}
export type SetAsyncMsg = AsyncConfigMsg<'set_async'>;
export type GetAsyncReplyMsg = AsyncConfigMsg<'get_async_reply'>;

/** The lowest experimenter property type: 0xfffe for a secondary mask, 0xffff for a primary one. */
const OFPACPT_EXPERIMENTER_SECONDARY = 0xfffe;
/** The highest standard property type (OFPACPT_REQUESTFORWARD_PRIMARY). */
const MAX_MASK_PROP_TYPE = 2 * ASYNC_MSG_KINDS.length - 1;
/** The kinds the legacy layout carries, in wire order. */
const LEGACY_KINDS: readonly AsyncMsgKind[] = ['packet_in', 'port_status', 'flow_removed'];

/** The property type of the mask for ('kind', 'role'): 2 x kind index, plus 1 for primary. */
export function asyncPropType(kind: AsyncMsgKind, role: AsyncMaskRole): number {
  return 2 * ASYNC_MSG_KINDS.indexOf(kind) + (role === 'primary' ? 1 : 0);
}

/** The (kind, role) of standard property type 'type', or undefined for any other type. */
export function asyncPropOfType(type: number): { kind: AsyncMsgKind; role: AsyncMaskRole } | undefined {
  if (!Number.isInteger(type) || type < 0 || type > MAX_MASK_PROP_TYPE) return undefined;
  return { kind: ASYNC_MSG_KINDS[type >> 1]!, role: type & 1 ? 'primary' : 'secondary' };
}

function decodeLegacy(r: WireReader): AsyncProp[] {
  const props: AsyncProp[] = [];
  for (const kind of LEGACY_KINDS) {
    props.push({ prop: kind, role: 'primary', mask: r.u32() });
    props.push({ prop: kind, role: 'secondary', mask: r.u32() });
  }
  return props;
}

function decodeProperties(r: WireReader): AsyncProp[] {
  // The body is a whole number of 8-byte units before any property is read (ofpraw length rule).
  if (r.remaining % 8 !== 0) throw new OfpCodecError('OFPBRC_BAD_LEN', `async property list of ${r.remaining} bytes`, r.pos);
  const props: AsyncProp[] = [];
  while (r.remaining > 0) {
    if (r.remaining < 4) throw new OfpCodecError('OFPBPC_BAD_LEN', `${r.remaining} bytes left for an async property`, r.pos);
    const type = r.u16();
    const len = r.u16();
    const padded = (len + 7) & ~7;
    if (len < 4 || padded - 4 > r.remaining) {
      throw new OfpCodecError('OFPBPC_BAD_LEN', `async property length ${len} with ${r.remaining + 4} bytes left`, r.pos - 4);
    }
    const body = r.sub(len - 4, 'OFPBPC_BAD_LEN', 'async property');
    r.skip(padded - len);
    if (type >= OFPACPT_EXPERIMENTER_SECONDARY) {
      if (len < 12) throw new OfpCodecError('OFPBPC_BAD_LEN', `experimenter async property length ${len}`);
      const experimenter = body.u32();
      const expType = body.u32();
      if (experimenter === 0) throw new OfpCodecError('OFPBPC_BAD_EXPERIMENTER', 'async property of experimenter 0');
      props.push({ prop: 'experimenter', type: type as 0xfffe | 0xffff, experimenter, expType, data: body.rest() });
    } else {
      const known = asyncPropOfType(type);
      if (!known) {
        props.push({ prop: 'unknown', type, data: body.rest() });
      } else {
        if (len !== 8) throw new OfpCodecError('OFPBPC_BAD_LEN', `async property type ${type} of length ${len}`);
        props.push({ prop: known.kind, role: known.role, mask: body.u32() });
      }
    }
  }
  return props;
}

function encodeLegacy(props: readonly AsyncProp[], w: WireWriter): void {
  const masks = new Map<string, number>();
  for (const p of props) {
    if (p.prop === 'experimenter' || p.prop === 'unknown') {
      throw new OfpCodecError('OFPACFC_UNSUPPORTED', `the legacy async layout has no room for ${p.prop} property ${p.type}`);
    }
    if (!LEGACY_KINDS.includes(p.prop)) {
      // The legacy layout zeroes the kinds it does not carry, so a zero mask is expressed exactly.
      if (p.mask === 0) continue;
      throw new OfpCodecError('OFPACFC_UNSUPPORTED', `the legacy async layout cannot carry a ${p.prop} mask`);
    }
    const key = `${p.prop}/${p.role}`;
    if (masks.has(key)) throw new OfpCodecError('OFPBPC_DUP_TYPE', `the legacy async layout has one ${key} mask, given twice`);
    masks.set(key, p.mask);
  }
  for (const kind of LEGACY_KINDS) {
    w.u32(masks.get(`${kind}/primary`) ?? 0).u32(masks.get(`${kind}/secondary`) ?? 0);
  }
}

function encodeProperties(props: readonly AsyncProp[], w: WireWriter): void {
  for (const p of props) {
    const start = w.pos;
    if (p.prop === 'experimenter') {
      if (p.experimenter === 0) throw new OfpCodecError('OFPBPC_BAD_EXPERIMENTER', 'async property of experimenter 0');
      w.u16(p.type).u16(12 + p.data.length).u32(p.experimenter).u32(p.expType).bytes(p.data);
    } else if (p.prop === 'unknown') {
      if (asyncPropOfType(p.type) || p.type >= OFPACPT_EXPERIMENTER_SECONDARY || p.type < 0) {
        throw new OfpCodecError('OFPBPC_BAD_TYPE', `async property type ${p.type} is not an unknown standard type`);
      }
      w.u16(p.type).u16(4 + p.data.length).bytes(p.data);
    } else {
      w.u16(asyncPropType(p.prop, p.role)).u16(8).u32(p.mask);
    }
    if (w.pos - start > 0xffff) throw new OfpCodecError('OFPBPC_BAD_LEN', `async property of ${w.pos - start} bytes`);
    w.padTo(8, start);
  }
}

/** The RawMsg name of 'm' in 'version'; throws OfpCodecError if that version has no such form. */
function asyncRawName(m: AsyncConfigMsg<'set_async' | 'get_async_reply'>, version: number): string {
  const what = `${m.type} (${m.format}, ${m.layout} layout)`;
  if (m.format === 'nx') {
    if (m.type !== 'set_async') throw new OfpCodecError('OFPBRC_BAD_TYPE', `${what} has no Nicira form`);
    if (m.layout === 'legacy') return 'NXT_SET_ASYNC_CONFIG';
    if (version <= 4) return 'NXT_SET_ASYNC_CONFIG2';
    throw new OfpCodecError('OFPBRC_BAD_VERSION', `${what}: NXT_SET_ASYNC_CONFIG2 exists in OpenFlow 1.0-1.3 only`);
  }
  const name = m.type === 'set_async' ? 'OFPT_SET_ASYNC' : 'OFPT_GET_ASYNC_REPLY';
  if (m.layout === 'legacy' ? version === 4 : version >= 5) return name;
  throw new OfpCodecError('OFPBRC_BAD_VERSION',
    `${what}: ${name} has the ${m.layout} layout in ${m.layout === 'legacy' ? 'OpenFlow 1.3 only' : 'OpenFlow 1.4+ only'}`);
}

function asyncCodec<T extends 'set_async' | 'get_async_reply'>(type: T, raws: readonly string[]): MessageCodec<AsyncConfigMsg<T>> {
  return {
    type,
    raws,
    decode(raw, r, ctx) {
      const format = raw.name.startsWith('NXT_') ? 'nx' : 'standard';
      const layout: AsyncLayout = raw.name === 'NXT_SET_ASYNC_CONFIG' || (format === 'standard' && ctx.version === 4)
        ? 'legacy'
        : 'properties';
      const props = layout === 'legacy' ? decodeLegacy(r) : decodeProperties(r);
      return { type, version: ctx.version, xid: ctx.xid, format, layout, props };
    },
    rawName: asyncRawName,
    encode(m, _version, w) {
      if (m.layout === 'legacy') encodeLegacy(m.props, w);
      else encodeProperties(m.props, w);
    },
  };
}

export const setAsyncCodec = asyncCodec('set_async', ['OFPT_SET_ASYNC', 'NXT_SET_ASYNC_CONFIG', 'NXT_SET_ASYNC_CONFIG2']);
export const getAsyncReplyCodec = asyncCodec('get_async_reply', ['OFPT_GET_ASYNC_REPLY']);

// ---------------------------------------------------------------------------
// The rules: an AsyncConfig value and what the messages do to it.

/** One mask per kind. */
export type AsyncMasks = Readonly<Record<AsyncMsgKind, number>>;

/**
 * A session's asynchronous configuration as OVS stores it: masks in the
 * switch's own bit numbering, where packet-in also has the internal
 * reasons EXPLICIT_MISS (bit 6) and IMPLICIT_MISS (bit 7) that never reach
 * the wire.
 */
export interface AsyncConfig {
  /** Used while the session is primary or equal. */
  readonly primary: AsyncMasks;
  /** Used while the session is secondary. */
  readonly secondary: AsyncMasks;
}

/** Packet-in reasons as bit numbers (OFPR_*; the last two are OVS-internal). */
export const PACKET_IN_REASON = {
  no_match: 0, action: 1, invalid_ttl: 2, action_set: 3, group: 4, packet_out: 5, explicit_miss: 6, implicit_miss: 7,
} as const;

const bit = (n: number): number => (1 << n) >>> 0;
const OFPR10_BITS = bit(0) | bit(1) | bit(2);
const OFPR14_ACTION_BITS = bit(3) | bit(4) | bit(5);
const OFPR14_BITS = OFPR10_BITS | OFPR14_ACTION_BITS;

const ALLOWED: Record<AsyncMsgKind, number> = {
  packet_in: OFPR10_BITS,
  port_status: 0x07,
  flow_removed: 0x3f,
  role_status: 0x07,
  table_status: 0x18,
  requestforward: 0x03,
};

/**
 * The reasons a 'version' message may set for 'kind' (reference §4.6.4):
 * packet-in 0x07 below OF1.4 and 0x3f from OF1.4; port status 0x07; flow
 * removed 0x3f; role status 0x07; table status 0x18; requestforward 0x03.
 */
export function allowedAsyncMask(kind: AsyncMsgKind, version: number): number {
  return kind === 'packet_in' && version >= 5 ? OFPR14_BITS : ALLOWED[kind];
}

function masks(init: Partial<Record<AsyncMsgKind, number>> = {}): Record<AsyncMsgKind, number> {
  const out = {} as Record<AsyncMsgKind, number>;
  for (const k of ASYNC_MSG_KINDS) out[k] = init[k] ?? 0;
  return out;
}

/** The configuration with every mask zero: nothing asynchronous, port status included. */
export function emptyAsyncConfig(): AsyncConfig {
  return { primary: masks(), secondary: masks() };
}

/**
 * The default configuration of a session that negotiated 'version' and has
 * not set one (reference §4.6.1): primary/equal get packet-in for every
 * reason but INVALID_TTL (plus EXPLICIT_MISS, and IMPLICIT_MISS up to
 * OF1.2), all port status, and flow removed for the reasons the version
 * knows; secondary gets port status only.
 */
export function defaultAsyncConfig(version: number): AsyncConfig {
  let packetIn = (OFPR14_BITS & ~bit(PACKET_IN_REASON.invalid_ttl)) | bit(PACKET_IN_REASON.explicit_miss);
  if (version <= 3) packetIn |= bit(PACKET_IN_REASON.implicit_miss);
  const flowRemoved = version >= 5 ? 0x3f : version === 4 ? 0x0f : 0x07;
  return {
    primary: masks({ packet_in: packetIn >>> 0, port_status: 0x07, flow_removed: flowRemoved }),
    secondary: masks({ port_status: 0x07 }),
  };
}

/**
 * The configuration a session works with (reference §4.6.1): the one it
 * set explicitly ('explicit') if any; otherwise nothing at all when async
 * messages are disabled for its controller ('enableAsyncMsgs' false) or no
 * version has been negotiated ('version' undefined); otherwise the default
 * for its version.
 */
export function effectiveAsyncConfig(
  explicit: AsyncConfig | undefined,
  version: number | undefined,
  enableAsyncMsgs: boolean,
): AsyncConfig {
  if (explicit) return explicit;
  return version === undefined || !enableAsyncMsgs ? emptyAsyncConfig() : defaultAsyncConfig(version);
}

/**
 * 'config' as stored on a session of 'sessionVersion' (reference §4.6.5):
 * below OF1.4, an ACTION bit in either packet-in mask also sets ACTION_SET,
 * GROUP and PACKET_OUT, the refinements of ACTION that such a session
 * receives as ACTION.
 */
export function normaliseForSession(config: AsyncConfig, sessionVersion: number): AsyncConfig {
  if (sessionVersion >= 5) return config;
  const widen = (m: AsyncMasks): AsyncMasks =>
    m.packet_in & bit(PACKET_IN_REASON.action) ? { ...m, packet_in: (m.packet_in | OFPR14_ACTION_BITS) >>> 0 } : m;
  return { primary: widen(config.primary), secondary: widen(config.secondary) };
}

/** The result of applying a message to a configuration: the new one, or the error to answer with. */
export type AsyncConfigResult =
  | { readonly ok: true; readonly config: AsyncConfig }
  | { readonly ok: false; readonly error: OfpErrName };

/**
 * Reads the masks 'm' carries on top of 'basis' as OVS's decoder does:
 * legacy bodies start from nothing and drop disallowed bits; property
 * bodies start from 'basis' and, when 'strict', refuse unknown properties
 * (OFPACFC_UNSUPPORTED), experimenter ones (OFPBPC_BAD_EXP_TYPE: OVS knows
 * none) and disallowed bits (OFPACFC_INVALID), and otherwise ignore them
 * or drop the bits.  Packet-in NO_MATCH also sets EXPLICIT_MISS, and below
 * OF1.3 IMPLICIT_MISS (§4.6.5).
 */
function readAsyncMasks(basis: AsyncConfig, m: SetAsyncMsg | GetAsyncReplyMsg, strict: boolean): AsyncConfigResult {
  const legacy = m.layout === 'legacy';
  const from = legacy ? emptyAsyncConfig() : basis;
  const next = { primary: { ...from.primary }, secondary: { ...from.secondary } };
  for (const p of m.props) {
    if (p.prop === 'unknown') {
      if (strict && !legacy) return { ok: false, error: 'OFPACFC_UNSUPPORTED' };
      continue;
    }
    if (p.prop === 'experimenter') {
      if (strict && !legacy) return { ok: false, error: 'OFPBPC_BAD_EXP_TYPE' };
      continue;
    }
    const allowed = allowedAsyncMask(p.prop, m.version);
    let mask = p.mask >>> 0;
    if (mask & ~allowed) {
      if (strict && !legacy) return { ok: false, error: 'OFPACFC_INVALID' };
      mask &= allowed;
    }
    if (p.prop === 'packet_in' && mask & bit(PACKET_IN_REASON.no_match)) {
      mask |= bit(PACKET_IN_REASON.explicit_miss);
      if (m.version <= 3) mask |= bit(PACKET_IN_REASON.implicit_miss);
    }
    next[p.role][p.prop] = mask >>> 0;
  }
  return { ok: true, config: next };
}

/**
 * Applies SET_ASYNC (any form) 'm' to a session's 'current' configuration
 * (explicit or default, see effectiveAsyncConfig) for a session that
 * negotiated 'sessionVersion'.  A legacy body replaces everything: the
 * three kinds it carries get its masks less any disallowed bits (§4.6.2,
 * silently dropped) and the other three become zero.  A property body
 * changes only the masks it lists (§4.6.3) and fails as a whole with
 * OFPACFC_UNSUPPORTED for an unknown property type, OFPBPC_BAD_EXP_TYPE for
 * an experimenter property, or OFPACFC_INVALID for a mask with bits outside
 * §4.6.4's allowed set for the message's version.  The result is
 * normalised as §4.6.5 says.  Returns the new configuration or the error;
 * changes nothing.
 */
export function applySetAsync(current: AsyncConfig, m: SetAsyncMsg, sessionVersion: number): AsyncConfigResult {
  const result = readAsyncMasks(current, m, true);
  return result.ok ? { ok: true, config: normaliseForSession(result.config, sessionVersion) } : result;
}

/**
 * What a controller (or ovs-ofctl ofp-print) understands from a
 * GET_ASYNC_REPLY or SET_ASYNC 'm': its masks read leniently over 'basis'
 * (default: all zero), unknown properties ignored and disallowed bits
 * dropped.
 */
export function asyncConfigOf(m: SetAsyncMsg | GetAsyncReplyMsg, basis: AsyncConfig = emptyAsyncConfig()): AsyncConfig {
  const result = readAsyncMasks(basis, m, false);
  return result.ok ? result.config : basis;
}

/**
 * The GET_ASYNC_REPLY to a GET_ASYNC_REQUEST of 'version' with 'xid' from a
 * session whose configuration is 'config' (reference §4.6.7): in OF1.3 the
 * legacy layout, in OF1.4+ all twelve mask properties in type order, each
 * mask limited to what 'version' allows.  Throws OfpCodecError below OF1.3,
 * which has no such message.
 */
export function asyncConfigToReply(config: AsyncConfig, version: number, xid: number): GetAsyncReplyMsg {
  if (version < 4) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'GET_ASYNC_REPLY needs OpenFlow 1.3 or later');
  const prop = (kind: AsyncMsgKind, role: AsyncMaskRole): AsyncMaskProp =>
    ({ prop: kind, role, mask: (config[role][kind] & allowedAsyncMask(kind, version)) >>> 0 });
  const props: AsyncMaskProp[] = [];
  if (version === 4) {
    for (const kind of LEGACY_KINDS) props.push(prop(kind, 'primary'), prop(kind, 'secondary'));
  } else {
    for (const kind of ASYNC_MSG_KINDS) props.push(prop(kind, 'secondary'), prop(kind, 'primary'));
  }
  return { type: 'get_async_reply', version, xid, format: 'standard', layout: version === 4 ? 'legacy' : 'properties', props };
}

/**
 * 'config' with the INVALID_TTL bit of the primary packet-in mask set
 * ('enable') or cleared: what SET_CONFIG's OFPC_INVALID_TTL_TO_CONTROLLER
 * flag does (reference §4.3.7), stored as for a session of 'sessionVersion'.
 */
export function withInvalidTtlToController(config: AsyncConfig, enable: boolean, sessionVersion: number): AsyncConfig {
  const b = bit(PACKET_IN_REASON.invalid_ttl);
  const packetIn = enable ? config.primary.packet_in | b : config.primary.packet_in & ~b;
  return normaliseForSession({ ...config, primary: { ...config.primary, packet_in: packetIn >>> 0 } }, sessionVersion);
}

/**
 * Returns true if a session in 'role' with 'config' wants a 'kind' message
 * for reason 'reason' (a bit number): the secondary mask decides for a
 * secondary session, the primary mask for primary and equal ones (§4.5.1).
 */
export function asyncWants(config: AsyncConfig, role: Role, kind: AsyncMsgKind, reason: number): boolean {
  const m = role === 'secondary' ? config.secondary : config.primary;
  return reason >= 0 && reason < 32 && (m[kind] & bit(reason)) !== 0;
}

// ---------------------------------------------------------------------------
// Text, as ovs-ofctl prints it.

/** Reason names by bit, per kind, as ovs-ofctl prints them ('' = printed as nothing). */
const REASON_NAMES: Record<AsyncMsgKind, readonly (string | undefined)[]> = {
  packet_in: ['no_match', 'action', 'invalid_ttl', 'action_set', 'group', 'packet_out', '', ''],
  port_status: ['add', 'delete', 'modify'],
  flow_removed: ['idle', 'hard', 'delete', 'group_delete', 'meter_delete', 'eviction'],
  role_status: ['primary_request', 'configuration_changed', 'experimenter_data_changed'],
  table_status: [undefined, undefined, undefined, 'vacancy_down', 'vacancy_up'],
  requestforward: ['group_mod_request', 'meter_mod_request'],
};

/** The reason names of 'mask' for 'kind', space separated, or "(off)" when it is zero. */
export function asyncMaskText(kind: AsyncMsgKind, mask: number): string {
  if (mask === 0) return '(off)';
  const names: string[] = [];
  for (let j = 0; j < 32; j++) {
    if (!(mask & bit(j))) continue;
    const name = REASON_NAMES[kind][j] ?? String(j);
    if (name) names.push(name);
  }
  return names.join(' ');
}

/**
 * 'config' as ovs-ofctl prints it, on one line: "primary: PACKET_IN: ...
 * PORT_STATUS: ... REQUESTFORWARD: ... secondary: ...".  (ovs-ofctl puts
 * each kind on its own line; the words are the same.)
 */
export function describeAsyncConfig(config: AsyncConfig): string {
  const role = (r: AsyncMaskRole): string =>
    `${r}: ` + ASYNC_MSG_KINDS.map((k) => `${k.toUpperCase()}: ${asyncMaskText(k, config[r][k])}`).join(' ');
  return `${role('primary')} ${role('secondary')}`;
}

/**
 * The body text for SET_ASYNC or GET_ASYNC_REPLY 'm': the configuration a
 * reader understands from it alone (asyncConfigOf), plus a count of the
 * properties it ignored.
 */
export function describeAsyncMessage(m: SetAsyncMsg | GetAsyncReplyMsg): string {
  const ignored = m.props.filter((p) => p.prop === 'unknown' || p.prop === 'experimenter').length;
  return describeAsyncConfig(asyncConfigOf(m)) + (ignored ? ` (${ignored} unknown properties)` : '');
}
