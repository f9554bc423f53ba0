/**
 * Traces and metrics of the requests the agent channels relay: the
 * RequestWatcher (src/api/agent/request-watch.ts) that the bridge
 * registry gives every agent channel.  For each controller request it
 * starts the relayed request's span (tracing.ts's
 * startDatapathRequestSpan: OpenFlow type, xid, version, role, session),
 * gives the channel that span's W3C trace context to send with the
 * request, so that the agent's own span is its child, and counts the
 * request in flight (metrics.ts's AgentRequestMetrics); when the channel
 * says how the request ended, the span ends with the outcome (answered,
 * failed, abandoned), the number of replies or the OpenFlow error, and
 * the request is counted as finished.
 */

import type { Tracer } from '@opentelemetry/api';
import type { RelayOutcome, RequestWatcher, WatchedRequest } from '../api/agent/request-watch.js';
import type { DatapathRequest } from '../connmgr/index.js';
import { messageName } from '../openflow/index.js';
import { AgentRequestMetrics } from './metrics.js';
import { endDatapathRequestSpan, injectTraceContext, startDatapathRequestSpan } from './tracing.js';

/** Options of AgentRequestTelemetry. */
export interface AgentRequestTelemetryOptions {
  /** Default: an AgentRequestMetrics on the global meter provider. */
  readonly metrics?: AgentRequestMetrics;
  /** Default: the global tracer provider's (tracing.ts). */
  readonly tracer?: Tracer;
}

/** The request watcher of the agent channels: a span and the in-flight count per relayed request. */
export class AgentRequestTelemetry {
  /** Give this to the BridgeRegistry (ApiServer option 'watchAgentRequest'). */
  readonly watch: RequestWatcher = (bridge, req) => this.started(bridge, req);
  private readonly metrics: AgentRequestMetrics;
  private readonly tracer: Tracer | undefined;

  constructor(options: AgentRequestTelemetryOptions = {}) {
    this.metrics = options.metrics ?? new AgentRequestMetrics();
    this.tracer = options.tracer;
  }

  private started(bridge: string, req: DatapathRequest): WatchedRequest {
    const span = startDatapathRequestSpan(req.origin, messageName(req.msg), this.tracer ? { tracer: this.tracer } : {});
    span.setAttribute('ofconnmgr.bridge', bridge);
    this.metrics.started(bridge);
    const carried = injectTraceContext(span);
    let done = false;
    return {
      // No SDK, no context: nothing to send.
      ...(carried.traceparent !== '' ? { trace: carried } : {}),
      ended: (outcome: RelayOutcome) => {
        if (done) return;
        done = true;
        span.setAttribute('ofconnmgr.outcome', outcome.kind);
        if (outcome.kind === 'failed') span.setAttribute('ofconnmgr.failure', outcome.why);
        const reply = outcome.kind === 'answered' ? outcome.reply : { ok: false as const, error: outcome.error };
        endDatapathRequestSpan(span, reply.ok ? { replies: reply.replies.length } : { error: reply.error });
        this.metrics.finished(bridge, outcome.kind);
      },
    };
  }
}
