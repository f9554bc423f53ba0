/**
 * The table of match fields the codec models: the OpenFlow basic OXM
 * fields (class 0x8000, OpenFlow 1.2-1.5) and the Nicira NXM fields that
 * Open vSwitch and controllers use (classes 0x0000 and 0x0001), with each
 * field's neutral name, value format, width, maskability, its wire form in
 * an OXM match (OF1.2+), its wire form in an NXM match (OF1.0 with the
 * Nicira flow format), whether and how OpenFlow 1.0's fixed ofp_match can
 * carry it, and the names Open vSwitch prints.
 *
 * match.ts reads and writes matches and single TLVs with this table;
 * actions.ts uses it through match.ts for set_field.  Facts (numbers,
 * widths, which fields are maskable) come from the OpenFlow specifications
 * and Open vSwitch's include/openvswitch/meta-flow.h; where OVS is more
 * permissive than the specification about masks (transport ports, ND
 * fields) the table follows OVS, since a switch must accept what OVS's
 * tools send.
 */

/** Neutral names of the modelled fields. */
export type OxmFieldName =
  | 'in_port' | 'in_phy_port' | 'metadata' | 'eth_dst' | 'eth_src' | 'eth_type' | 'vlan_vid' | 'vlan_pcp'
  | 'ip_dscp' | 'ip_ecn' | 'ip_proto' | 'ipv4_src' | 'ipv4_dst' | 'tcp_src' | 'tcp_dst' | 'udp_src' | 'udp_dst'
  | 'sctp_src' | 'sctp_dst' | 'icmpv4_type' | 'icmpv4_code' | 'arp_op' | 'arp_spa' | 'arp_tpa' | 'arp_sha'
  | 'arp_tha' | 'ipv6_src' | 'ipv6_dst' | 'ipv6_flabel' | 'icmpv6_type' | 'icmpv6_code' | 'ipv6_nd_target'
  | 'ipv6_nd_sll' | 'ipv6_nd_tll' | 'mpls_label' | 'mpls_tc' | 'mpls_bos' | 'pbb_isid' | 'tunnel_id'
  | 'ipv6_exthdr' | 'pbb_uca' | 'tcp_flags' | 'actset_output' | 'packet_type'
  | 'reg0' | 'reg1' | 'reg2' | 'reg3' | 'reg4' | 'reg5' | 'reg6' | 'reg7'
  | 'reg8' | 'reg9' | 'reg10' | 'reg11' | 'reg12' | 'reg13' | 'reg14' | 'reg15'
  | 'tun_id' | 'vlan_tci' | 'ip_frag' | 'nw_ttl' | 'ct_state' | 'ct_zone' | 'ct_mark' | 'pkt_mark';

/**
 * How a field's value is written in the neutral form: 'uint' a number (up
 * to 32 bits), 'uint64' a bigint, 'mac' an Ethernet address string,
 * 'ipv4' / 'ipv6' address strings (ip-address.ts).
 */
export type FieldFormat = 'uint' | 'uint64' | 'mac' | 'ipv4' | 'ipv6';

/**
 * How OpenFlow 1.0's ofp_match carries a field: 'exact' only an exact
 * value, 'cidr' a value with a prefix mask (nw_src/nw_dst), 'none' not at
 * all.  (vlan_tci is 'none' because no slot holds it, but match.ts writes
 * it onto dl_vlan/dl_vlan_pcp where Open vSwitch's mapping is exact.)
 */
export type Of10Expressibility = 'exact' | 'cidr' | 'none';

/** OXM classes. */
export const OFPXMC_NXM_0 = 0x0000;
export const OFPXMC_NXM_1 = 0x0001;
export const OFPXMC_OPENFLOW_BASIC = 0x8000;
export const OFPXMC_EXPERIMENTER = 0xffff;

/** One way of writing a field as an OXM/NXM TLV. */
export interface OxmWireForm {
  /** OXM class (0x8000 basic, 0x0000/0x0001 Nicira). */
  readonly oxmClass: number;
  /** 7-bit field number within the class. */
  readonly fieldNum: number;
  /** Bytes of the value (the payload is twice that when masked). */
  readonly len: number;
  /** The 32-bit header without a mask. */
  readonly header: number;
  /** The 32-bit header with hasmask set and the doubled length. */
  readonly maskedHeader: number;
  /**
   * Left shift of the neutral value on the wire: 2 for NXM_OF_IP_TOS,
   * which carries DSCP in the top six bits of the ToS byte; else 0.
   */
  readonly shift: number;
  /** True for NXM_OF_IN_PORT, whose value is a 16-bit OpenFlow 1.0 port. */
  readonly port16: boolean;
}

/** Everything the codec knows about one neutral field. */
export interface OxmField {
  readonly name: OxmFieldName;
  /** Position in FIELDS (dense, for duplicate detection with bit sets). */
  readonly index: number;
  readonly format: FieldFormat;
  /** For 'uint' fields: the largest valid value (e.g. 0x1fff for vlan_vid). */
  readonly maxValue: number;
  readonly maskable: boolean;
  /** The form written in OXM matches and set_field actions. */
  readonly oxm: OxmWireForm;
  /**
   * The form written in NXM matches; undefined if NXM has none (match.ts
   * translates vlan_vid and vlan_pcp into vlan_tci there).  For tunnel_id
   * this is NXM_NX_TUN_ID, which decodes back as tun_id.
   */
  readonly nxm: OxmWireForm | undefined;
  readonly of10: Of10Expressibility;
  /** The field's name in Open vSwitch's meta-flow (set_field:V->NAME). */
  readonly ovsName: string;
}

function wireForm(oxmClass: number, fieldNum: number, len: number, shift = 0, port16 = false): OxmWireForm {
  const base = ((oxmClass << 16) | (fieldNum << 9)) >>> 0;
  return {
    oxmClass,
    fieldNum,
    len,
    header: (base | len) >>> 0,
    maskedHeader: (base | 0x100 | (2 * len)) >>> 0,
    shift,
    port16,
  };
}

interface Spec {
  name: OxmFieldName;
  format: FieldFormat;
  len: number;
  max?: number;
  maskable: boolean;
  oxm: OxmWireForm;
  nxm?: OxmWireForm | undefined;
  /** The NXM form is a translation that decodes under another name. */
  nxmAlias?: boolean;
  of10?: Of10Expressibility;
  ovsName?: string;
}

const B = OFPXMC_OPENFLOW_BASIC;
const N0 = OFPXMC_NXM_0;
const N1 = OFPXMC_NXM_1;

const TUN_ID_FORM = wireForm(N1, 16, 8);

function basic(name: OxmFieldName, num: number, format: FieldFormat, len: number, maskable: boolean,
  extra: Partial<Spec> = {}): Spec {
  return { name, format, len, maskable, oxm: wireForm(B, num, len), ...extra };
}

function nicira(name: OxmFieldName, cls: number, num: number, format: FieldFormat, len: number, maskable: boolean,
  extra: Partial<Spec> = {}): Spec {
  const f = wireForm(cls, num, len);
  return { name, format, len, maskable, oxm: f, nxm: f, ...extra };
}

const SPECS: Spec[] = [
  basic('in_port', 0, 'uint', 4, false, { nxm: wireForm(N0, 0, 2, 0, true), of10: 'exact' }),
  basic('in_phy_port', 1, 'uint', 4, false),
  basic('metadata', 2, 'uint64', 8, true),
  basic('eth_dst', 3, 'mac', 6, true, { nxm: wireForm(N0, 1, 6), of10: 'exact' }),
  basic('eth_src', 4, 'mac', 6, true, { nxm: wireForm(N0, 2, 6), of10: 'exact' }),
  basic('eth_type', 5, 'uint', 2, false, { nxm: wireForm(N0, 3, 2), of10: 'exact' }),
  basic('vlan_vid', 6, 'uint', 2, true, { max: 0x1fff, of10: 'exact' }),
  basic('vlan_pcp', 7, 'uint', 1, false, { max: 7, of10: 'exact' }),
  basic('ip_dscp', 8, 'uint', 1, false, { max: 63, nxm: wireForm(N0, 5, 1, 2), of10: 'exact' }),
  basic('ip_ecn', 9, 'uint', 1, false, { max: 3, nxm: wireForm(N1, 28, 1), ovsName: 'nw_ecn' }),
  basic('ip_proto', 10, 'uint', 1, false, { nxm: wireForm(N0, 6, 1), of10: 'exact', ovsName: 'nw_proto' }),
  basic('ipv4_src', 11, 'ipv4', 4, true, { nxm: wireForm(N0, 7, 4), of10: 'cidr', ovsName: 'ip_src' }),
  basic('ipv4_dst', 12, 'ipv4', 4, true, { nxm: wireForm(N0, 8, 4), of10: 'cidr', ovsName: 'ip_dst' }),
  basic('tcp_src', 13, 'uint', 2, true, { nxm: wireForm(N0, 9, 2), of10: 'exact' }),
  basic('tcp_dst', 14, 'uint', 2, true, { nxm: wireForm(N0, 10, 2), of10: 'exact' }),
  basic('udp_src', 15, 'uint', 2, true, { nxm: wireForm(N0, 11, 2), of10: 'exact' }),
  basic('udp_dst', 16, 'uint', 2, true, { nxm: wireForm(N0, 12, 2), of10: 'exact' }),
  basic('sctp_src', 17, 'uint', 2, true, { of10: 'exact' }),
  basic('sctp_dst', 18, 'uint', 2, true, { of10: 'exact' }),
  basic('icmpv4_type', 19, 'uint', 1, false, { nxm: wireForm(N0, 13, 1), of10: 'exact', ovsName: 'icmp_type' }),
  basic('icmpv4_code', 20, 'uint', 1, false, { nxm: wireForm(N0, 14, 1), of10: 'exact', ovsName: 'icmp_code' }),
  basic('arp_op', 21, 'uint', 2, false, { nxm: wireForm(N0, 15, 2), of10: 'exact' }),
  basic('arp_spa', 22, 'ipv4', 4, true, { nxm: wireForm(N0, 16, 4), of10: 'cidr' }),
  basic('arp_tpa', 23, 'ipv4', 4, true, { nxm: wireForm(N0, 17, 4), of10: 'cidr' }),
  basic('arp_sha', 24, 'mac', 6, true, { nxm: wireForm(N1, 17, 6) }),
  basic('arp_tha', 25, 'mac', 6, true, { nxm: wireForm(N1, 18, 6) }),
  basic('ipv6_src', 26, 'ipv6', 16, true, { nxm: wireForm(N1, 19, 16) }),
  basic('ipv6_dst', 27, 'ipv6', 16, true, { nxm: wireForm(N1, 20, 16) }),
  basic('ipv6_flabel', 28, 'uint', 4, true, { max: 0xfffff, nxm: wireForm(N1, 27, 4), ovsName: 'ipv6_label' }),
  basic('icmpv6_type', 29, 'uint', 1, false, { nxm: wireForm(N1, 21, 1) }),
  basic('icmpv6_code', 30, 'uint', 1, false, { nxm: wireForm(N1, 22, 1) }),
  basic('ipv6_nd_target', 31, 'ipv6', 16, true, { nxm: wireForm(N1, 23, 16), ovsName: 'nd_target' }),
  basic('ipv6_nd_sll', 32, 'mac', 6, true, { nxm: wireForm(N1, 24, 6), ovsName: 'nd_sll' }),
  basic('ipv6_nd_tll', 33, 'mac', 6, true, { nxm: wireForm(N1, 25, 6), ovsName: 'nd_tll' }),
  basic('mpls_label', 34, 'uint', 4, false, { max: 0xfffff }),
  basic('mpls_tc', 35, 'uint', 1, false, { max: 7 }),
  basic('mpls_bos', 36, 'uint', 1, false, { max: 1 }),
  basic('pbb_isid', 37, 'uint', 3, true, { max: 0xffffff }),
  basic('tunnel_id', 38, 'uint64', 8, true, { nxm: TUN_ID_FORM, nxmAlias: true, ovsName: 'tun_id' }),
  basic('ipv6_exthdr', 39, 'uint', 2, true, { max: 0x1ff }),
  basic('pbb_uca', 41, 'uint', 1, false, { max: 1 }),
  basic('tcp_flags', 42, 'uint', 2, true, { max: 0xfff, nxm: wireForm(N1, 34, 2) }),
  basic('actset_output', 43, 'uint', 4, false),
  basic('packet_type', 44, 'uint', 4, false),
  ...Array.from({ length: 16 }, (_, i) => nicira(`reg${i}` as OxmFieldName, N1, i, 'uint', 4, true)),
  { name: 'tun_id', format: 'uint64', len: 8, maskable: true, oxm: TUN_ID_FORM, nxm: TUN_ID_FORM },
  nicira('vlan_tci', N0, 4, 'uint', 2, true),
  nicira('ip_frag', N1, 26, 'uint', 1, true, { max: 3 }),
  nicira('nw_ttl', N1, 29, 'uint', 1, false),
  nicira('ct_state', N1, 105, 'uint', 4, true),
  nicira('ct_zone', N1, 106, 'uint', 2, false),
  nicira('ct_mark', N1, 107, 'uint', 4, true),
  nicira('pkt_mark', N1, 33, 'uint', 4, true),
];

/** Every modelled field, in table order ('index' is the position here). */
export const FIELDS: readonly OxmField[] = SPECS.map((s, index) => ({
  name: s.name,
  index,
  format: s.format,
  maxValue: s.max ?? (s.format === 'uint' ? 2 ** (8 * s.len) - 1 : 0),
  maskable: s.maskable,
  oxm: s.oxm,
  nxm: s.nxm,
  of10: s.of10 ?? 'none',
  ovsName: s.ovsName ?? s.name,
}));

/** Lookup by name: a prototype-less object is the fastest string-keyed table in V8. */
const BY_NAME: Record<string, OxmField | undefined> = Object.create(null) as Record<string, OxmField | undefined>;
for (const f of FIELDS) BY_NAME[f.name] = f;

/** A field and the wire form it was read in. */
export interface OxmWireEntry {
  readonly field: OxmField;
  readonly form: OxmWireForm;
}

/** Decoding lookup: per class, indexed by field number. */
const BASIC_BY_NUM = new Array<OxmWireEntry | undefined>(128).fill(undefined);
const NXM0_BY_NUM = new Array<OxmWireEntry | undefined>(128).fill(undefined);
const NXM1_BY_NUM = new Array<OxmWireEntry | undefined>(128).fill(undefined);
for (const [i, s] of SPECS.entries()) {
  const field = FIELDS[i]!;
  for (const form of [s.oxm, s.nxmAlias ? undefined : s.nxm]) {
    if (!form) continue;
    const slot = form.oxmClass === B ? BASIC_BY_NUM : form.oxmClass === N0 ? NXM0_BY_NUM : NXM1_BY_NUM;
    const had = slot[form.fieldNum];
    if (had && had.field !== field) throw new Error(`oxm table: ${s.name} collides with ${had.field.name}`);
    slot[form.fieldNum] = { field, form };
  }
}

/** The field named 'name', or undefined if the table has none. */
export function oxmFieldByName(name: string): OxmField | undefined {
  // The last answer is kept: a stream of packet-ins asks for in_port over and over.
  if (name !== lastName) {
    lastName = name;
    lastField = BY_NAME[name];
  }
  return lastField;
}
let lastName = '';
let lastField: OxmField | undefined;

/**
 * The modelled field (and form) with OXM class 'oxmClass' and field number
 * 'fieldNum', or undefined if the codec does not model it (an opaque TLV).
 */
export function oxmFieldByWire(oxmClass: number, fieldNum: number): OxmWireEntry | undefined {
  if (oxmClass === B) return BASIC_BY_NUM[fieldNum];
  if (oxmClass === N1) return NXM1_BY_NUM[fieldNum];
  if (oxmClass === N0) return NXM0_BY_NUM[fieldNum];
  return undefined;
}
