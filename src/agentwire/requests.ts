/**
 * Requests on the agent channel: one DatapathOperation (a controller's
 * datapath request, or one of connmgr's own operations: flush, hidden
 * flows, the table-miss behaviour, in-band's question, fragment handling)
 * with its request id and trace context, as the proto's DatapathRequest,
 * and back.  The service writes them; the agent reads them.
 *
 * A controller's request travels structured when datapath-message.ts
 * models it, else raw (raw-openflow.ts) in its session's version; either
 * way the agent gets back the neutral message with the session's version
 * and the request's xid.  Hidden flows carry priorities above 65535 (the
 * ones no controller can use), which the reader insists on.
 */

import type { DatapathRequest, HiddenFlow, RequestOrigin } from '../connmgr/datapath-port.js';
import type { InBandRemote } from '../inband/in-band.js';
import type { MatchField } from '../openflow/match.js';
import type { ControllerRole as PbControllerRole } from '../generated/ofconnmgr/v1/ControllerRole.js';
import type {
  DatapathRequest as PbDatapathRequest, DatapathRequest__Output as PbDatapathRequestOut,
} from '../generated/ofconnmgr/v1/DatapathRequest.js';
import type { HiddenFlow as PbHiddenFlow, HiddenFlow__Output as PbHiddenFlowOut } from '../generated/ofconnmgr/v1/HiddenFlow.js';
import type { RequestOrigin as PbOrigin, RequestOrigin__Output as PbOriginOut } from '../generated/ofconnmgr/v1/RequestOrigin.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { datapathMessageFromProto, datapathMessageToProto } from './datapath-message.js';
import { instructionsFromProto, instructionsToProto } from './instructions.js';
import { matchFromProto, matchToProto } from './match-field.js';
import { describe, intInRange, ipv4From, listFrom, required, safeIntegerFrom, uint64ToProto, uintFrom } from './proto-scalars.js';
import { rawFromProto, rawToProto } from './raw-openflow.js';

/** connmgr's own operations and the controllers' requests, as one union. */
export type DatapathOperation =
  | { readonly kind: 'request'; readonly request: DatapathRequest }
  | { readonly kind: 'flush' }
  | { readonly kind: 'add_hidden_flow'; readonly flow: HiddenFlow }
  | { readonly kind: 'delete_hidden_flow'; readonly priority: number; readonly match: readonly MatchField[] }
  | { readonly kind: 'hidden_flow_set'; readonly flows: readonly HiddenFlow[] }
  | { readonly kind: 'miss_behaviour'; readonly sendToController: boolean }
  | { readonly kind: 'in_band_query'; readonly remotes: readonly InBandRemote[] }
  | { readonly kind: 'frag_handling'; readonly mode: number };

/** Trace context carried with a request (W3C traceparent and tracestate). */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate: string;
}

/** The lowest priority of a hidden flow: one above what OpenFlow's 16 bits can give. */
const MIN_HIDDEN_PRIORITY = 0x10000;
/** The highest SET_CONFIG fragment handling mode (nx-match). */
const MAX_FRAG_MODE = 3;

const ROLES: Record<RequestOrigin['role'], PbControllerRole> = { equal: 'OTHER', primary: 'MASTER', secondary: 'SLAVE' };
const ROLE_BY_NAME = new Map<unknown, RequestOrigin['role']>([['OTHER', 'equal'], ['MASTER', 'primary'], ['SLAVE', 'secondary'],
  [1, 'equal'], [2, 'primary'], [3, 'secondary']]);

function originToProto(o: RequestOrigin): PbOrigin {
  return { session_id: o.sessionId, session_name: o.sessionName, version: o.version, role: ROLES[o.role], xid: o.xid };
}

function originFromProto(p: PbOriginOut, path: string): RequestOrigin {
  const role = ROLE_BY_NAME.get(p.role);
  if (role === undefined) throw new AgentWireError(fieldPath(path, 'role'), `${describe(p.role)} is not a session role (OTHER, MASTER or SLAVE)`);
  return {
    sessionId: uintFrom(p.session_id, 32, fieldPath(path, 'session_id')), sessionName: String(p.session_name ?? ''),
    version: intInRange(p.version, 1, 6, fieldPath(path, 'version'), 'OpenFlow wire version'), role,
    xid: uintFrom(p.xid, 32, fieldPath(path, 'xid')),
  };
}

function hiddenFlowToProto(f: HiddenFlow): PbHiddenFlow {
  return { priority: f.priority, match: matchToProto(f.match), instructions: instructionsToProto(f.instructions) };
}

/** A hidden flow's priority at 'path': above 65535 and within 32 bits. */
function hiddenPriorityFrom(v: unknown, path: string): number {
  const p = uintFrom(v, 32, path);
  if (p < MIN_HIDDEN_PRIORITY) throw new AgentWireError(path, `${p} is not a hidden flow priority (above 65535)`);
  return p;
}

function hiddenFlowFromProto(p: PbHiddenFlowOut, path: string): HiddenFlow {
  return {
    priority: hiddenPriorityFrom(p.priority, fieldPath(path, 'priority')), match: matchFromProto(p.match, fieldPath(path, 'match')),
    instructions: instructionsFromProto(p.instructions, fieldPath(path, 'instructions')),
  };
}

/**
 * Request 'op' with id 'requestId' (a safe integer) and optional trace
 * context as a proto DatapathRequest.  A controller's request carries its
 * origin and travels structured where datapath-message.ts models it,
 * else raw in origin.version.  Throws OfpCodecError only if a raw message
 * cannot be encoded in origin.version (never for one decoded from that
 * version).
 */
export function requestToProto(requestId: number, op: DatapathOperation, trace?: TraceContext): PbDatapathRequest {
  const out: PbDatapathRequest = { request_id: uint64ToProto(requestId) };
  if (trace) {
    out.traceparent = trace.traceparent;
    out.tracestate = trace.tracestate;
  }
  switch (op.kind) {
    case 'request': {
      const { origin, msg } = op.request;
      out.origin = originToProto(origin);
      const structured = datapathMessageToProto(msg, 'request');
      if (structured) out.message = structured;
      else out.raw = rawToProto(msg, origin.version);
      return out;
    }
    case 'flush':
      out.flush = {};
      return out;
    case 'add_hidden_flow':
      out.add_hidden_flow = hiddenFlowToProto(op.flow);
      return out;
    case 'delete_hidden_flow':
      out.delete_hidden_flow = { priority: op.priority, match: matchToProto(op.match) };
      return out;
    case 'hidden_flow_set':
      out.hidden_flow_set = { flows: op.flows.map(hiddenFlowToProto) };
      return out;
    case 'miss_behaviour':
      out.miss_behaviour = { send_to_controller: op.sendToController };
      return out;
    case 'in_band_query':
      out.in_band_query = { remotes: op.remotes.map((r) => ({ ip: r.ip, port: r.port })) };
      return out;
    case 'frag_handling':
      out.frag_handling = { mode: op.mode };
      return out;
  }
}

/** The operation in the body of 'p'. */
function operationFromProto(p: PbDatapathRequestOut): DatapathOperation {
  const body = p.body;
  if (body === undefined) throw new AgentWireError('', 'the request has no body (none of the DatapathRequest cases is set)');
  const hasOrigin = p.origin !== null && p.origin !== undefined;
  if (body === 'message' || body === 'raw') {
    const origin = originFromProto(required(p.origin, 'origin', `the origin of a controller's request`), 'origin');
    const stamp = { version: origin.version, xid: origin.xid };
    if (body === 'message') {
      return { kind: 'request', request: { origin, msg: datapathMessageFromProto(required(p.message, 'message', 'the message'), 'message', 'request', stamp) } };
    }
    const msg = rawFromProto(required(p.raw, 'raw', 'the raw message'), 'raw');
    if (msg.version !== origin.version) {
      throw new AgentWireError('raw.version', `the message is in wire version ${msg.version}, but its session speaks ${origin.version}`);
    }
    return { kind: 'request', request: { origin, msg } };
  }
  if (hasOrigin) throw new AgentWireError('origin', `only a controller's request has an origin, not ${body}`);
  switch (body) {
    case 'flush':
      return { kind: 'flush' };
    case 'add_hidden_flow':
      return { kind: 'add_hidden_flow', flow: hiddenFlowFromProto(required(p.add_hidden_flow, body, 'the hidden flow'), body) };
    case 'delete_hidden_flow': {
      const k = required(p.delete_hidden_flow, body, 'the hidden flow key');
      return { kind: 'delete_hidden_flow', priority: hiddenPriorityFrom(k.priority, `${body}.priority`), match: matchFromProto(k.match, `${body}.match`) };
    }
    case 'hidden_flow_set': {
      const flows = listFrom(p.hidden_flow_set?.flows).map((f, i) => hiddenFlowFromProto(f, `${body}.flows[${i}]`));
      return { kind: 'hidden_flow_set', flows };
    }
    case 'miss_behaviour':
      return { kind: 'miss_behaviour', sendToController: required(p.miss_behaviour, body, 'the miss behaviour').send_to_controller === true };
    case 'in_band_query': {
      const remotes = listFrom(p.in_band_query?.remotes).map((r, i) => ({
        ip: ipv4From(r.ip, `${body}.remotes[${i}].ip`),
        port: intInRange(r.port, 1, 65535, `${body}.remotes[${i}].port`, 'TCP port'),
      }));
      return { kind: 'in_band_query', remotes };
    }
    case 'frag_handling': {
      const mode = required(p.frag_handling, body, 'the fragment handling').mode;
      return { kind: 'frag_handling', mode: intInRange(mode, 0, MAX_FRAG_MODE, `${body}.mode`, 'fragment handling mode (0 normal, 1 drop, 2 reassemble, 3 nx-match)') };
    }
    default:
      throw new AgentWireError('', `unknown request ${describe(body)}`);
  }
}

/**
 * The request id, operation and trace context of proto 'p'.  Throws
 * AgentWireError (paths from the DatapathRequest: "message.flow_mod.match[2].field")
 * for a request id above 2^53-1, a request with no body, a controller's
 * request without its origin (or an operation with one), a message the
 * readers refuse, a raw message in another version than its session's,
 * a hidden flow priority of 65535 or less, a tracestate without a
 * traceparent.
 */
export function requestFromProto(p: PbDatapathRequestOut): { requestId: number; op: DatapathOperation; trace?: TraceContext } {
  const requestId = safeIntegerFrom(p.request_id, 'request_id');
  const op = operationFromProto(p);
  const traceparent = p.traceparent ?? '';
  const tracestate = p.tracestate ?? '';
  if (traceparent === '') {
    if (tracestate !== '') throw new AgentWireError('tracestate', 'a tracestate needs a traceparent');
    return { requestId, op };
  }
  return { requestId, op, trace: { traceparent, tracestate } };
}
