/**
 * The telemetry of one service, in one piece: the event log (event-log.ts),
 * the metrics (metrics.ts) and the session traces (tracing.ts), all fed by
 * one ConnMgrListener that the API's bridge registry gives every connmgr.
 * A fault in telemetry never reaches connmgr: an exception from one sink
 * is caught and logged (once per sink and event type), and the event still
 * reaches the others.
 */

import type { Meter, Tracer } from '@opentelemetry/api';
import type { Clock } from '../clock/clock.js';
import type { ConnMgr, ConnMgrEvent, ConnMgrListener } from '../connmgr/index.js';
import { EventLog } from './event-log.js';
import type { Logger } from './logger.js';
import { ConnMgrMetrics } from './metrics.js';
import { SessionTracing } from './tracing.js';

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
  /** Give this to the BridgeRegistry (ApiServer options 'listener'). */
  readonly listener: ConnMgrListener = (event) => this.deliver(event);
  private readonly logger: Logger;
  private readonly sinks: ReadonlyArray<readonly [string, ConnMgrListener]>;
  private readonly failures = new Set<string>();

  constructor(options: ServiceTelemetryOptions) {
    this.logger = options.logger;
    this.log = new EventLog({ logger: options.logger, clock: options.clock });
    this.metrics = new ConnMgrMetrics(options.meter ? { meter: options.meter } : {});
    this.tracing = new SessionTracing(options.tracer ? { tracer: options.tracer } : {});
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
    for (const [name, sink] of this.sinks) {
      try {
        sink(event);
      } catch (e) {
        const key = `${name} ${event.type}`;
        if (this.failures.has(key)) continue;
        this.failures.add(key);
        this.logger.error({ module: 'telemetry', sink: name, event: event.type, err: e }, `telemetry ${name} failed on ${event.type}; further failures of this kind are not logged`);
      }
    }
  }
}
