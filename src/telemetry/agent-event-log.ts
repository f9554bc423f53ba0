/**
 * Log lines from the agent channels' events (src/api/agent/events.ts):
 * the channel never logs; AgentEventLog subscribes (the bridge registry's
 * 'agentListener') and writes each event as one JSON line through pino
 * (logger.ts), worded by describeAgentChannelEvent(), under the bridge's
 * child logger ({"bridge":"br0"}; an Attach refused before it named a
 * known bridge goes to the root logger), with module "agent", the event
 * type and its fields.
 *
 * Levels, as an operator needs them: an agent attaching or detaching and
 * a new primary at info; the datapath left without a primary, an Attach
 * refused, a message of the agent refused (StreamError) and an operation
 * of connmgr the agent refused or did not answer at warn; backpressure
 * turning on or off at debug.  The lines an agent can make as fast as it
 * sends (stream errors, refused operations, backpressure) are rate
 * limited as event-log.ts limits the hot paths, with an "N messages
 * suppressed" line before the next one let through.
 */

import { describeAgentChannelEvent, type AgentChannelEvent, type AgentChannelListener } from '../api/agent/events.js';
import type { Clock } from '../clock/clock.js';
import { LogRateLimit, suppressedLine } from './log-rate-limit.js';
import type { Level, Logger } from './logger.js';

/** The module name of every line here. */
export const AGENT_LOG_MODULE = 'agent';

/** At most this many bridge loggers are kept (the oldest is dropped first); more are made again on demand. */
const MAX_BRIDGE_LOGGERS = 1024;

/** A rate limit: lines per minute and burst. */
interface Limit {
  readonly perMinute: number;
  readonly burst: number;
}

/** As event-log.ts's limit of datapath problems: 10 a minute. */
const AGENT_PROBLEM_RL: Limit = { perMinute: 10, burst: 10 };
/** Backpressure may flap with every burst of traffic. */
const BACKPRESSURE_RL: Limit = { perMinute: 60, burst: 60 };

/** The level and limit of 'e'. */
function specOf(e: AgentChannelEvent): { readonly level: Level; readonly limit?: Limit } {
  switch (e.type) {
    case 'agent.attached':
    case 'agent.detached':
      return { level: 'info' };
    case 'agent.primary':
      return { level: e.electionId === null ? 'warn' : 'info' };
    case 'agent.refused':
      return { level: 'warn' };
    case 'agent.stream-error':
    case 'agent.operation-failed':
      return { level: 'warn', limit: AGENT_PROBLEM_RL };
    case 'agent.backpressure':
      return { level: 'debug', limit: BACKPRESSURE_RL };
  }
}

/** Options of an AgentEventLog. */
export interface AgentEventLogOptions {
  /** The root logger; lines go to its bridge children. */
  readonly logger: Logger;
  /** Times the rate limits. */
  readonly clock: Clock;
}

/** Writes the agent channels' events as log lines. */
export class AgentEventLog {
  /** Give this to the BridgeRegistry (ApiServer option 'agentListener'). */
  readonly listener: AgentChannelListener = (event) => this.log(event);
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly bridgeLoggers = new Map<string, Logger>();
  /** One limit per event type. */
  private readonly limits = new Map<string, LogRateLimit>();

  constructor(options: AgentEventLogOptions) {
    this.logger = options.logger;
    this.clock = options.clock;
  }

  /** Writes 'event' (see the file comment).  Never throws for a well-formed event. */
  log(event: AgentChannelEvent): void {
    // A refused Attach may name any bridge: its logger is not kept.
    const target = event.bridge === '' ? this.logger : event.type === 'agent.refused' ? this.logger.child({ bridge: event.bridge }) : this.bridgeLogger(event.bridge);
    const spec = specOf(event);
    // As vlog_should_drop(): a disabled level costs no token.
    if (!target.isLevelEnabled(spec.level)) return;
    if (spec.limit) {
      const admitted = this.limit(event.type, spec.limit).admit();
      if (admitted === null) return;
      if (admitted.suppressed > 0) {
        target[spec.level]({ module: AGENT_LOG_MODULE, event: 'suppressed', suppressed: admitted.suppressed }, suppressedLine(admitted));
      }
    }
    const fields: Record<string, unknown> = { module: AGENT_LOG_MODULE, event: event.type };
    for (const [k, v] of Object.entries(event)) if (k !== 'type' && k !== 'bridge') fields[k] = v;
    target[spec.level](fields, describeAgentChannelEvent(event));
  }

  private bridgeLogger(bridge: string): Logger {
    let l = this.bridgeLoggers.get(bridge);
    if (!l) {
      l = this.logger.child({ bridge });
      this.bridgeLoggers.set(bridge, l);
      if (this.bridgeLoggers.size > MAX_BRIDGE_LOGGERS) this.bridgeLoggers.delete(this.bridgeLoggers.keys().next().value!);
    }
    return l;
  }

  private limit(key: string, spec: Limit): LogRateLimit {
    let l = this.limits.get(key);
    if (!l) {
      l = new LogRateLimit(this.clock, spec.perMinute, spec.burst);
      this.limits.set(key, l);
    }
    return l;
  }
}
