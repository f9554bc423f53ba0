/**
 * The service's traces, through the OpenTelemetry trace API only
 * (@opentelemetry/api); the entry point sets the SDK up (register.ts,
 * sdk.ts) and tests use an in-memory exporter.  Without an SDK every span
 * here is a no-op.
 *
 *   - SessionTracing follows connmgr's events: a span per connection
 *     attempt of a session, dialled or accepted ("ofconnmgr.session.connect":
 *     target, connection type, negotiated version, outcome), and a span per
 *     role change ("ofconnmgr.role_change").  Both are root spans: what
 *     caused them is a peer, not the code that happens to run.
 *   - traceUnaryCalls() wraps the gRPC API's unary handlers: a span per
 *     configuration call ("ofconnmgr.v1.ConnectionManager/SetControllers"),
 *     child of the gRPC server span when gRPC instrumentation is on.
 *   - startDatapathRequestSpan(), endDatapathRequestSpan() and
 *     injectTraceContext() are for the agent channel: the span of one
 *     request relayed to the agent and its W3C trace context, carried on
 *     the Attach stream (traceparent, tracestate) so that the agent can
 *     continue the trace (agent-request-telemetry.ts uses them for every
 *     request the channels relay); extractTraceContext() and
 *     startAgentRequestSpan() are the agent's side: its span of carrying
 *     out the request, child of the relay span.
 */

import {
  createTraceState,
  isSpanContextValid,
  isValidSpanId,
  isValidTraceId,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type * as grpc from '@grpc/grpc-js';
import type { ConnectionType, ConnMgrEvent, ConnMgrListener, RequestOrigin } from '../connmgr/index.js';
import { versionName } from '../openflow/index.js';

/** The tracer name (the instrumentation scope) of every span here. */
export const TRACER_NAME = 'ofconnmgr';

/** Span and attribute names. */
export const SPAN_SESSION_CONNECT = 'ofconnmgr.session.connect';
export const SPAN_ROLE_CHANGE = 'ofconnmgr.role_change';
/** The relayed request span is named this, a space, and the OpenFlow type ("ofconnmgr.datapath OFPT_FLOW_MOD"). */
export const SPAN_DATAPATH_REQUEST = 'ofconnmgr.datapath';
/** The agent's span of carrying a request out is named this, a space, and the OpenFlow type. */
export const SPAN_AGENT_REQUEST = 'ofconnmgr.agent.request';

/** The default tracer: the global provider's, looked up at each use (the API's proxy follows a provider set later). */
function defaultTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** The bridge in session name 'session' ("br0<->tcp:..."), or '' if it has none. */
function bridgeOfSession(session: string): string {
  const i = session.indexOf('<->');
  return i > 0 ? session.slice(0, i) : '';
}

/** An open connect span and what is known of its session. */
interface ConnectSpan {
  readonly span: Span;
  readonly bridge: string;
  readonly target: string;
}

/**
 * At most this many connect spans are kept open; beyond, the oldest is
 * ended as cancelled.  (A connection attempt cut short by destroying its
 * rconn is reported under the name "void", so its span cannot always be
 * found by name.)
 */
const MAX_OPEN_CONNECT_SPANS = 1024;

/** Options of SessionTracing. */
export interface SessionTracingOptions {
  /** Default: the global tracer provider's tracer TRACER_NAME. */
  readonly tracer?: Tracer;
}

/** Connect and role-change spans from connmgr's events. */
export class SessionTracing {
  /** Give this to ConnMgr (or BridgeRegistry) as its listener. */
  readonly listener: ConnMgrListener = (event) => this.record(event);
  private readonly tracer: Tracer | undefined;
  /** Open connect spans, by session (rconn) name. */
  private readonly connecting = new Map<string, ConnectSpan>();
  /** The connection type of each configured target, by "bridge<->target" (the name of its sessions). */
  private readonly targetTypes = new Map<string, ConnectionType>();
  /** The connection type of each live accepted session, by name. */
  private readonly acceptedTypes = new Map<string, ConnectionType>();

  constructor(options: SessionTracingOptions = {}) {
    this.tracer = options.tracer;
  }

  /** Ends every open span (outcome 'cancelled'). */
  close(): void {
    for (const name of [...this.connecting.keys()]) this.endConnect(name, 'cancelled');
  }

  /** Starts, annotates or ends spans as 'event' says (the listener). */
  record(event: ConnMgrEvent): void {
    switch (event.type) {
      case 'connmgr.controller-added':
        this.targetTypes.set(`${event.bridge}<->${event.target}`, event.connectionType);
        return;
      case 'connmgr.controller-removed':
      case 'connmgr.controller-reinitialized': {
        const name = `${event.bridge}<->${event.target}`;
        this.endConnect(name, 'cancelled');
        if (event.type === 'connmgr.controller-removed') this.targetTypes.delete(name);
        return;
      }
      case 'connmgr.session-created':
        if (this.targetTypes.has(event.session)) return;
        this.acceptedTypes.set(event.session, event.connectionType);
        this.connecting.get(event.session)?.span.setAttribute('ofconnmgr.connection.type', event.connectionType);
        return;
      case 'connmgr.session-destroyed':
        // An accepted session ends with its connection (an active target's rconn lives on with its service).
        if (!this.acceptedTypes.has(event.session)) return;
        this.endConnect(event.session, 'cancelled');
        this.acceptedTypes.delete(event.session);
        return;
      case 'connmgr.role-changed': {
        const tracer = this.tracer ?? defaultTracer();
        tracer
          .startSpan(SPAN_ROLE_CHANGE, {
            root: true,
            attributes: {
              'ofconnmgr.bridge': bridgeOfSession(event.session),
              'ofconnmgr.session': event.session,
              'ofconnmgr.role.from': event.from,
              'ofconnmgr.role.to': event.to,
            },
          })
          .end();
        return;
      }
      case 'connmgr.rconn':
        break;
      default:
        return;
    }
    const e = event.event;
    switch (e.type) {
      case 'rconn.connecting':
        this.startConnect(event.bridge, e.name, 'active');
        return;
      case 'rconn.state':
        if (e.to === 'CONNECTING' && !this.connecting.has(e.name)) this.startConnect(event.bridge, e.name, 'accepted');
        else if (e.from === 'CONNECTING' && (e.to === 'VOID' || e.to === 'DISCONNECTED')) this.endConnect(e.name, 'cancelled');
        return;
      case 'rconn.connected': {
        const c = this.connecting.get(e.name);
        if (!c) return;
        c.span.setAttributes({ 'openflow.version': e.version, 'openflow.version.name': versionName(e.version) });
        this.endConnect(e.name, 'connected');
        return;
      }
      case 'rconn.connect-failed':
        this.endConnect(e.name, 'failed', e.error);
        return;
      case 'rconn.connect-timed-out':
        this.endConnect(e.name, 'timed_out', 'ETIMEDOUT');
        return;
      default:
        return;
    }
  }

  private startConnect(bridge: string, name: string, kind: 'active' | 'accepted'): void {
    if (this.connecting.has(name)) this.endConnect(name, 'cancelled');
    const prefix = `${bridge}<->`;
    const target = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const tracer = this.tracer ?? defaultTracer();
    const span = tracer.startSpan(SPAN_SESSION_CONNECT, {
      root: true,
      kind: kind === 'active' ? SpanKind.CLIENT : SpanKind.SERVER,
      attributes: {
        'ofconnmgr.bridge': bridge,
        'ofconnmgr.session': name,
        'ofconnmgr.target': target,
        'ofconnmgr.connection.kind': kind,
      },
    });
    this.connecting.set(name, { span, bridge, target });
    if (this.connecting.size > MAX_OPEN_CONNECT_SPANS) this.endConnect(this.connecting.keys().next().value!, 'cancelled');
  }

  private endConnect(name: string, outcome: 'connected' | 'failed' | 'timed_out' | 'cancelled', error?: string): void {
    const c = this.connecting.get(name);
    if (!c) return;
    this.connecting.delete(name);
    const type = this.targetTypes.get(name) ?? this.acceptedTypes.get(name);
    if (type !== undefined) c.span.setAttribute('ofconnmgr.connection.type', type);
    c.span.setAttribute('ofconnmgr.outcome', outcome);
    if (error !== undefined) {
      c.span.setAttribute('error.type', error);
      c.span.setStatus({ code: SpanStatusCode.ERROR, message: error });
    } else if (outcome === 'connected') {
      c.span.setStatus({ code: SpanStatusCode.OK });
    }
    c.span.end();
  }
}

// ---- Configuration calls ------------------------------------------------------

/** The bridge a request names: 'bridge' as a string, or the name of a 'bridge' message (CreateBridge). */
function bridgeOfRequest(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null || !('bridge' in request)) return undefined;
  const b = (request as { bridge: unknown }).bridge;
  if (typeof b === 'string') return b;
  if (typeof b === 'object' && b !== null && 'name' in b && typeof (b as { name: unknown }).name === 'string') return (b as { name: string }).name;
  return undefined;
}

/**
 * 'handlers' (a gRPC service implementation) with every unary method of
 * 'service' wrapped in a span named after the method's path without the
 * leading slash ("ofconnmgr.v1.ConnectionManager/SetControllers"), child of
 * the active context, with the bridge the request names, the gRPC status
 * code, and status ERROR for a failed call.  Streaming methods are left as
 * they are.  Returns a new object; 'handlers' is not changed.
 */
export function traceUnaryCalls<H extends grpc.UntypedServiceImplementation>(
  service: grpc.ServiceDefinition,
  handlers: H,
  tracer?: Tracer,
): H {
  const out: grpc.UntypedServiceImplementation = { ...handlers };
  for (const [method, def] of Object.entries(service)) {
    const handler = handlers[method];
    if (def.requestStream || def.responseStream || typeof handler !== 'function') continue;
    const unary = handler as grpc.handleUnaryCall<unknown, unknown>;
    const name = def.path.replace(/^\//, '');
    const [rpcService = '', rpcMethod = method] = name.split('/');
    const wrapped: grpc.handleUnaryCall<unknown, unknown> = (call, callback) => {
      const attributes: Attributes = { 'rpc.system': 'grpc', 'rpc.service': rpcService, 'rpc.method': rpcMethod };
      const bridge = bridgeOfRequest(call.request);
      if (bridge !== undefined) attributes['ofconnmgr.bridge'] = bridge;
      (tracer ?? defaultTracer()).startActiveSpan(name, { attributes }, (span) => {
        try {
          unary(call, (error, value, trailer, flags) => {
            const code = error ? (error.code ?? 2) : 0;
            span.setAttribute('rpc.grpc.status_code', code);
            if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error.details ?? ('message' in error ? error.message : '') });
            span.end();
            callback(error, value, trailer, flags);
          });
        } catch (e) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(e) });
          span.end();
          throw e;
        }
      });
    };
    out[method] = wrapped;
  }
  return out as H;
}

// ---- Relayed datapath requests (the agent channel) ------------------------------------

/** The attributes of a request from 'origin' of OpenFlow type 'msgName'. */
function requestAttributes(origin: RequestOrigin, msgName: string): Attributes {
  return {
    'ofconnmgr.bridge': bridgeOfSession(origin.sessionName),
    'ofconnmgr.session': origin.sessionName,
    'ofconnmgr.role': origin.role,
    'openflow.type': msgName,
    'openflow.xid': origin.xid,
    'openflow.version': origin.version,
  };
}

/** Options of startDatapathRequestSpan(). */
export interface DatapathRequestSpanOptions {
  /** Default: the global tracer provider's tracer TRACER_NAME. */
  readonly tracer?: Tracer;
  /** The parent; default none (a root span: the controller sends no trace context). */
  readonly parent?: Context;
}

/**
 * Starts the span of one datapath request relayed to the agent:
 * "ofconnmgr.datapath OFPT_FLOW_MOD" (kind CLIENT), with the session, the
 * OpenFlow message name 'msgName', xid, version and the session's role
 * from 'origin'.  The caller ends it with endDatapathRequestSpan() when
 * the agent's answer (or the end of waiting) comes.
 */
export function startDatapathRequestSpan(origin: RequestOrigin, msgName: string, options: DatapathRequestSpanOptions = {}): Span {
  const tracer = options.tracer ?? defaultTracer();
  return tracer.startSpan(
    `${SPAN_DATAPATH_REQUEST} ${msgName}`,
    {
      kind: SpanKind.CLIENT,
      root: options.parent === undefined,
      attributes: requestAttributes(origin, msgName),
    },
    options.parent,
  );
}

/** Options of startAgentRequestSpan(). */
export interface AgentRequestSpanOptions {
  /** Default: the global tracer provider's tracer TRACER_NAME. */
  readonly tracer?: Tracer;
  /** The trace context that came with the request (DatapathRequest's traceparent and tracestate); none: a root span. */
  readonly carried?: Partial<TraceContextText>;
}

/**
 * The agent's side of a relayed request: starts the span of carrying out
 * request 'requestId' from 'origin' (OpenFlow type 'msgName') on the
 * agent's datapath of 'bridge', "ofconnmgr.agent.request OFPT_FLOW_MOD"
 * (kind SERVER), as a child of the service's relay span when
 * 'options.carried' holds its trace context (extractTraceContext()), else
 * as a root span; never a child of whatever context is active (the
 * Attach call's, under gRPC instrumentation).  The caller ends it with
 * endDatapathRequestSpan().
 */
export function startAgentRequestSpan(
  bridge: string,
  origin: RequestOrigin,
  msgName: string,
  requestId: number,
  options: AgentRequestSpanOptions = {},
): Span {
  const tracer = options.tracer ?? defaultTracer();
  const parent = extractTraceContext(options.carried ?? {});
  return tracer.startSpan(
    `${SPAN_AGENT_REQUEST} ${msgName}`,
    {
      kind: SpanKind.SERVER,
      root: trace.getSpanContext(parent) === undefined,
      attributes: { ...requestAttributes(origin, msgName), 'ofconnmgr.bridge': bridge, 'ofconnmgr.agent.request_id': requestId },
    },
    parent,
  );
}

/**
 * Ends a span from startDatapathRequestSpan() or startAgentRequestSpan(): 'answered' with the
 * number of reply messages, or an OpenFlow error name (the agent refused,
 * or connmgr gave up: 'OFPBRC_EPERM', ...) which marks the span ERROR.
 */
export function endDatapathRequestSpan(span: Span, result: { readonly replies: number } | { readonly error: string }): void {
  if ('error' in result) {
    span.setAttribute('openflow.error', result.error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
  } else {
    span.setAttribute('openflow.replies', result.replies);
  }
  span.end();
}

/** A W3C trace context as two strings (empty when there is none). */
export interface TraceContextText {
  readonly traceparent: string;
  readonly tracestate: string;
}

/**
 * The W3C Trace Context of 'span' (traceparent "00-<trace id>-<span
 * id>-<flags>", and tracestate), for the Attach stream's fields of the
 * same names.  A span without a valid context (no SDK: a no-op span)
 * gives two empty strings.
 */
export function injectTraceContext(span: Span): TraceContextText {
  const sc = span.spanContext();
  if (!isSpanContextValid(sc)) return { traceparent: '', tracestate: '' };
  const flags = (sc.traceFlags & 0xff).toString(16).padStart(2, '0');
  return { traceparent: `00-${sc.traceId}-${sc.spanId}-${flags}`, tracestate: sc.traceState?.serialize() ?? '' };
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The context that continues the trace of 'text' (from injectTraceContext()
 * on the other side of the stream), on top of 'base' (default the root
 * context): spans started in it are children of the remote span.  An
 * empty, malformed or invalid traceparent (version ff, all-zero ids, extra
 * fields in version 00) gives 'base' unchanged.
 */
export function extractTraceContext(text: Partial<TraceContextText>, base: Context = ROOT_CONTEXT): Context {
  const m = TRACEPARENT.exec(text.traceparent?.trim() ?? '');
  if (!m) return base;
  const [, version, traceId, spanId, flags, rest] = m;
  if (version === 'ff' || (version === '00' && rest !== undefined) || !isValidTraceId(traceId!) || !isValidSpanId(spanId!)) return base;
  const tracestate = text.tracestate?.trim();
  return trace.setSpanContext(base, {
    traceId: traceId!,
    spanId: spanId!,
    traceFlags: parseInt(flags!, 16) & 0xff,
    isRemote: true,
    ...(tracestate ? { traceState: createTraceState(tracestate) } : {}),
  });
}
