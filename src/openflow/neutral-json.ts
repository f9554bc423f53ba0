/**
 * The neutral form of a message as JSON, for `ofconnmgr ofp-print --json`
 * and for test fixtures: 64-bit values (bigint) become decimal strings and
 * byte arrays become lower-case hex strings; everything else is as in the
 * TypeScript object.
 */

/** A JSON-safe deep copy of 'value'. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.length).toString('hex');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

/** 'value' as indented JSON text. */
export function toJsonText(value: unknown, indent = 2): string {
  return JSON.stringify(toJsonValue(value), null, indent);
}
