/**
 * OFPT_TABLE_MOD (OpenFlow 1.1+): a controller changes a flow table's
 * configuration.  The body is a table id and a 32-bit config word in every
 * version; OpenFlow 1.4 added properties (eviction, vacancy, experimenter),
 * which this codec keeps as the bytes sent, checked only for framing.
 * OpenFlow 1.0 has no TABLE_MOD (its NXT_FLOW_MOD_TABLE_ID is another
 * thing: see flow-mod.ts).
 */

import { OfpCodecError } from './codec-error.js';
import type { MessageCodec, MsgBase } from './message.js';
import type { WireReader } from './wire-reader.js';

/** OFPTT_ALL: the table id meaning every table. */
export const OFPTT_ALL = 0xff;

/** OFPTC_* config bits: the OF1.1-1.2 table-miss field and the OF1.4+ flags. */
export const OFPTC11_TABLE_MISS_MASK = 0x3;
export const OFPTC14_EVICTION = 0x4;
export const OFPTC14_VACANCY_EVENTS = 0x8;

export interface TableModMsg extends MsgBase {
  readonly type: 'table_mod';
  /** 0-254, or OFPTT_ALL. */
  readonly tableId: number;
  /** OFPTC_* bits, as sent. */
  readonly config: number;
  /**
   * OF1.4+ properties (OFPTMPT_*), each a TLV padded to 8 bytes, kept as
   * sent.  Empty in earlier versions, which cannot carry any.
   */
  readonly properties: Uint8Array;
}

const EMPTY: Uint8Array = new Uint8Array(0);

/** Throws OFPBPC_BAD_LEN unless 'r' holds a well-framed list of 8-byte-aligned properties. */
function checkProperties(r: WireReader): void {
  while (r.remaining > 0) {
    const start = r.pos;
    r.u16();
    const len = r.u16();
    if (len < 4) throw new OfpCodecError('OFPBPC_BAD_LEN', `table mod property length ${len}`, start);
    r.sub(((len + 7) & ~7) - 4, 'OFPBPC_BAD_LEN', 'table mod property');
  }
}

/** TABLE_MOD codec, OpenFlow 1.1-1.5 (1.0 has none). */
export const tableModCodec: MessageCodec<TableModMsg> = {
  type: 'table_mod',
  raws: ['OFPT_TABLE_MOD'],
  decode(_raw, r, ctx) {
    const tableId = r.u8();
    r.skip(3);
    const config = r.u32();
    let properties: Uint8Array = EMPTY;
    if (ctx.version >= 5 && r.remaining > 0) {
      const start = r.pos;
      checkProperties(r.sub(r.remaining, 'OFPBPC_BAD_LEN', 'table mod properties'));
      properties = r.buf.subarray(start, r.pos);
    }
    return { type: 'table_mod', version: ctx.version, xid: ctx.xid, tableId, config, properties };
  },
  rawName(m, v) {
    if (v === 1) throw new OfpCodecError('OFPBRC_BAD_VERSION', 'OpenFlow 1.0 has no TABLE_MOD');
    if (v < 5 && m.properties.length > 0) {
      throw new OfpCodecError('OFPBRC_BAD_VERSION', 'TABLE_MOD properties need OpenFlow 1.4 or later');
    }
    if (m.properties.length % 8 !== 0) {
      throw new OfpCodecError('OFPBPC_BAD_LEN', `table mod properties of ${m.properties.length} bytes are not 8-byte aligned`);
    }
    return 'OFPT_TABLE_MOD';
  },
  encode(m, v, w) {
    // OF1.1-1.2 give the low two bits a meaning in which 3 is not a value (OVS: "bad table miss config").
    if (v <= 3 && (m.config & OFPTC11_TABLE_MISS_MASK) === OFPTC11_TABLE_MISS_MASK) {
      throw new OfpCodecError('OFPTMFC_BAD_CONFIG', `table-miss config 3 does not exist in OpenFlow 1.${v - 1}`);
    }
    w.u8(m.tableId).zeros(3).u32(m.config).bytes(m.properties);
  },
};

/**
 * The body of 'm' as ovs-ofctl prints a TABLE_MOD, e.g. "table_id=3,
 * flow_miss_config=drop" (OF1.1-1.2) or "table_id: ALL_TABLES,
 * eviction=on, vacancy=off" (OF1.4+), plus the size of any properties.
 */
export function formatTableMod(m: TableModMsg): string {
  let s = m.tableId === OFPTT_ALL ? 'table_id: ALL_TABLES' : `table_id=${m.tableId}`;
  if (m.version <= 3) s += `, flow_miss_config=${['controller', 'continue', 'drop', 'controller'][m.config & OFPTC11_TABLE_MISS_MASK]}`;
  if (m.version >= 5) {
    s += `, eviction=${m.config & OFPTC14_EVICTION ? 'on' : 'off'}, vacancy=${m.config & OFPTC14_VACANCY_EVENTS ? 'on' : 'off'}`;
  }
  if (m.properties.length) s += ` (${m.properties.length} bytes of properties)`;
  return s;
}
