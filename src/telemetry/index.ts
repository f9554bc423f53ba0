/**
 * The public surface of telemetry: the logger, connmgr's and the agent
 * channels' events as log lines, metrics and traces through the
 * OpenTelemetry API, the agent channels' request watcher (the relay span,
 * its trace context for the agent, requests in flight), and the agent's
 * side of the trace (startAgentRequestSpan).  The SDK setup (sdk.ts,
 * register.ts) is for the entry point only and is not exported here.
 */

export { AGENT_LOG_MODULE, AgentEventLog, type AgentEventLogOptions } from './agent-event-log.js';
export { AgentRequestTelemetry, type AgentRequestTelemetryOptions } from './agent-request-telemetry.js';
export { EventLog, type EventLogOptions, type LogModule } from './event-log.js';
export { FLOW_MOD_REPORT_BACKOFF_MS, FLOW_MOD_REPORT_DELAY_MS, FlowModReport } from './flow-mod-report.js';
export { LogRateLimit, suppressedLine, type Admitted } from './log-rate-limit.js';
export { createLogger, isLogLevel, LOG_LEVELS, REDACTED, REDACTED_KEYS, redactPaths, type Level, type Logger, type LoggerOptions } from './logger.js';
export {
  AgentRequestMetrics,
  ConnMgrMetrics,
  METER_NAME,
  type AgentRequestOutcome,
  type ConnMgrMetricsOptions,
} from './metrics.js';
export { ServiceTelemetry, type ServiceTelemetryOptions } from './service-telemetry.js';
export {
  endDatapathRequestSpan,
  extractTraceContext,
  injectTraceContext,
  SessionTracing,
  SPAN_AGENT_REQUEST,
  SPAN_DATAPATH_REQUEST,
  SPAN_ROLE_CHANGE,
  SPAN_SESSION_CONNECT,
  startAgentRequestSpan,
  startDatapathRequestSpan,
  traceUnaryCalls,
  TRACER_NAME,
  type AgentRequestSpanOptions,
  type DatapathRequestSpanOptions,
  type SessionTracingOptions,
  type TraceContextText,
} from './tracing.js';
