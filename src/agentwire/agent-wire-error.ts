/**
 * The one error the agent-channel conversions throw: a message from the
 * other side of the channel that cannot become a neutral value.  It names
 * the offending field by its path in the proto message the conversion was
 * given ("packet_in.metadata[2].field", "message.flow_mod.table_id"), so
 * that the service can put it in a StreamError (INVALID_ARGUMENT) the agent
 * can act on, and the agent can log what the service sent wrong.
 *
 * Every other file of src/agentwire throws it through the readers in
 * proto-scalars.ts or directly.
 */

export class AgentWireError extends Error {
  /** Where in the proto message the problem is, e.g. "packet_in.metadata[2].field"; '' for the message itself. */
  readonly path: string;
  /** What is wrong, in words, without the path. */
  readonly detail: string;

  /** 'path' names the field, 'detail' says what is wrong with it; the message is "path: detail". */
  constructor(path: string, detail: string) {
    super(path === '' ? detail : `${path}: ${detail}`);
    this.name = 'AgentWireError';
    this.path = path;
    this.detail = detail;
  }

  /**
   * The same error as seen from an enclosing message: 'prefix' joined in
   * front of the path (e.g. "hello.features" for an error about the
   * features inside an AgentHello).
   */
  within(prefix: string): AgentWireError {
    if (prefix === '') return this;
    return new AgentWireError(this.path === '' ? prefix : `${prefix}.${this.path}`, this.detail);
  }

  /** Recognises agent-wire errors without relying on instanceof across realms. */
  static is(e: unknown): e is AgentWireError {
    return e instanceof Error && e.name === 'AgentWireError' && typeof (e as AgentWireError).path === 'string';
  }
}

/** 'base' and 'field' joined as a path ("base.field", or "field" at the top). */
export function fieldPath(base: string, field: string): string {
  return base === '' ? field : `${base}.${field}`;
}
