/**
 * The telemetry of one service, in one piece: the event log (event-log.ts),
 * the metrics (metrics.ts) and the session traces (tracing.ts), all fed by
 * one ConnMgrListener that the API's bridge registry gives every connmgr;
 * and for the agent channels, the log of their events (agent-event-log.ts)
 * and the spans and counts of the requests they relay
 * (agent-request-telemetry.ts), through the registry's agentListener and
 * watchAgentRequest.  A fault in telemetry never reaches connmgr or a
 * channel: an exception from one sink is caught and logged (once per sink
 * and event type), and the event still reaches the others.
 */

import type { Meter, Tracer } from '@opentelemetry/api';
import type { AgentChannelListener } from '../api/agent/events.js';
import type { RequestWatcher, WatchedRequest } from '../api/agent/request-watch.js';
import type { Clock } from '../clock/clock.js';
import type { ConnMgr, ConnMgrEvent, ConnMgrListener } from '../connmgr/index.js';
import { AgentEventLog } from './agent-event-log.js';
import { AgentRequestTelemetry } from './agent-request-telemetry.js';
import { EventLog } from './event-log.js';
import type { Logger } from './logger.js';
import { AgentRequestMetrics, ConnMgrMetrics } from './metrics.js';
import { SessionTracing } from './tracing.js';

/** What a failed request watcher gives the channel: nothing sent, nothing heard. */
const UNWATCHED: WatchedRequest = { ended: () => undefined };

/** Options of ServiceTelemetry. */
export interface ServiceTelemetryOptions {
  /** The root logger (logger.ts). */
  readonly logger: Logger;
  /** The service's clock (rate limits, flow_mod summaries). */
  readonly clock: Clock;
  /** Default: the global meter provider's (metrics.ts). */
  readonly meter?: Meter;
  /** Default: the global tracer provider's (tracing.ts). */
  readonly tracer?: Tracer;
}

/** Logs, metrics and traces of a service's connection managers. */
export class ServiceTelemetry {
  readonly log: EventLog;
  readonly metrics: ConnMgrMetrics;
  readonly tracing: SessionTracing;
  readonly agentLog: AgentEventLog;
  readonly agentRequests: AgentRequestTelemetry;
  /** Give this to the BridgeRegistry (ApiServer options 'listener'). */
  readonly listener: ConnMgrListener = (event) => this.deliver(event);
  /** Give this to the BridgeRegistry (ApiServer options 'agentListener'). */
  readonly agentListener: AgentChannelListener = (event) => this.guard('agent-log', event.type, () => this.agentLog.log(event));
  /** Give this to the BridgeRegistry (ApiServer options 'watchAgentRequest'). */
  readonly watchAgentRequest: RequestWatcher = (bridge, req) => {
    let watched = UNWATCHED;
    this.guard('agent-requests', 'started', () => (watched = this.agentRequests.watch(bridge, req)));
    return {
      ...(watched.trace ? { trace: watched.trace } : {}),
      ended: (outcome) => this.guard('agent-requests', outcome.kind, () => watched.ended(outcome)),
    };
  };
  private readonly logger: Logger;
  private readonly sinks: ReadonlyArray<readonly [string, ConnMgrListener]>;
  private readonly failures = new Set<string>();

  constructor(options: ServiceTelemetryOptions) {
    this.logger = options.logger;
    this.log = new EventLog({ logger: options.logger, clock: options.clock });
    this.metrics = new ConnMgrMetrics(options.meter ? { meter: options.meter } : {});
    this.tracing = new SessionTracing(options.tracer ? { tracer: options.tracer } : {});
    this.agentLog = new AgentEventLog({ logger: options.logger, clock: options.clock });
    this.agentRequests = new AgentRequestTelemetry({
      metrics: new AgentRequestMetrics(options.meter),
      ...(options.tracer ? { tracer: options.tracer } : {}),
    });
    this.sinks = [['log', this.log.listener], ['metrics', this.metrics.listener], ['tracing', this.tracing.listener]];
  }

  /** Observes the connmgrs 'bridges' returns at each metrics collection. */
  observeBridges(bridges: () => Iterable<ConnMgr>): void {
    this.metrics.observeBridges(bridges);
  }

  /** Reports the pending flow_mod summaries, ends open spans and stops observing. */
  close(): void {
    this.log.close();
    this.tracing.close();
    this.metrics.close();
  }

  private deliver(event: ConnMgrEvent): void {
    for (const [name, sink] of this.sinks) this.guard(name, event.type, () => sink(event));
  }

  /** Runs 'fn' for sink 'name' on 'what'; an exception is logged (once per sink and 'what') and goes no further. */
  private guard(name: string, what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      const key = `${name} ${what}`;
      if (this.failures.has(key)) return;
      this.failures.add(key);
      this.logger.error({ module: 'telemetry', sink: name, event: what, err: e }, `telemetry ${name} failed on ${what}; further failures of this kind are not logged`);
    }
  }
}
