/**
 * Reading what an OTLP/gRPC trace exporter sent, for tests: a bare
 * protobuf reader for ExportTraceServiceRequest bodies (the collector in
 * the test takes them as raw bytes) that gives each span's ids, name and
 * the service.name of its resource.  Only the fields tests look at are
 * read; everything else is skipped by its wire type.
 */

/** One span as exported. */
export interface ExportedSpan {
  /** service.name of the resource that sent it. */
  readonly service: string;
  readonly name: string;
  /** Hex, as the API shows them; parentSpanId '' for a root span. */
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
}

/** One field: its number and its value (a varint or fixed number as bigint, a length-delimited one as bytes). */
type Field = { readonly no: number; readonly value: bigint | Buffer };

function readVarint(buf: Buffer, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.pos >= buf.length) throw new Error('protobuf: truncated varint');
    const b = buf[at.pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result;
    shift += 7n;
  }
}

/** The fields of message 'buf', in order.  Throws on a wire type it cannot skip (groups) or a truncated message. */
function fieldsOf(buf: Buffer): Field[] {
  const out: Field[] = [];
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const tag = Number(readVarint(buf, at));
    const no = tag >>> 3;
    switch (tag & 7) {
      case 0:
        out.push({ no, value: readVarint(buf, at) });
        break;
      case 1:
        out.push({ no, value: buf.readBigUInt64LE(at.pos) });
        at.pos += 8;
        break;
      case 2: {
        const len = Number(readVarint(buf, at));
        if (at.pos + len > buf.length) throw new Error('protobuf: truncated field');
        out.push({ no, value: buf.subarray(at.pos, at.pos + len) });
        at.pos += len;
        break;
      }
      case 5:
        out.push({ no, value: BigInt(buf.readUInt32LE(at.pos)) });
        at.pos += 4;
        break;
      default:
        throw new Error(`protobuf: wire type ${tag & 7} of field ${no}`);
    }
  }
  return out;
}

function messages(fields: readonly Field[], no: number): Buffer[] {
  return fields.filter((f) => f.no === no && Buffer.isBuffer(f.value)).map((f) => f.value as Buffer);
}

function bytes(fields: readonly Field[], no: number): Buffer {
  return messages(fields, no)[0] ?? Buffer.alloc(0);
}

/** The string attribute 'key' of a Resource (KeyValue 1 key, 2 AnyValue { 1 string_value }). */
function stringAttribute(resource: Buffer, key: string): string {
  for (const kv of messages(fieldsOf(resource), 1)) {
    const f = fieldsOf(kv);
    if (bytes(f, 1).toString('utf8') !== key) continue;
    return bytes(fieldsOf(bytes(f, 2)), 1).toString('utf8');
  }
  return '';
}

/**
 * The spans of one ExportTraceServiceRequest body: resource_spans (1) ->
 * resource (1), scope_spans (2) -> spans (2) -> trace_id (1), span_id (2),
 * parent_span_id (4), name (5).
 */
export function exportedSpans(body: Buffer): ExportedSpan[] {
  const out: ExportedSpan[] = [];
  for (const rs of messages(fieldsOf(body), 1)) {
    const rsFields = fieldsOf(rs);
    const service = stringAttribute(bytes(rsFields, 1), 'service.name');
    for (const ss of messages(rsFields, 2)) {
      for (const span of messages(fieldsOf(ss), 2)) {
        const f = fieldsOf(span);
        out.push({
          service,
          name: bytes(f, 5).toString('utf8'),
          traceId: bytes(f, 1).toString('hex'),
          spanId: bytes(f, 2).toString('hex'),
          parentSpanId: bytes(f, 4).toString('hex'),
        });
      }
    }
  }
  return out;
}
