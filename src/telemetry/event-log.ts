/**
 * Log lines from connmgr's events.  connmgr and rconn never log: they emit
 * typed events (src/connmgr/events.ts, src/rconn/events.ts) whose words
 * describeConnMgrEvent() chooses as Open vSwitch writes them; EventLog
 * subscribes and writes each as one JSON line through pino (logger.ts), at
 * the level OVS uses for it (reference "Log" statements: connecting,
 * connected, backoff waits and fail-open recovery at INFO or WARN, probe
 * timeouts at ERROR, chatter at DEBUG), under a child logger per bridge
 * and per session ({"bridge":"br0","session":"br0<->tcp:127.0.0.1:6653"}),
 * with the OVS module name ('rconn', 'connmgr', 'fail_open', 'ofproto',
 * 'pktbuf') and the event's own fields.
 *
 * Hot paths are rate-limited as OVS rate-limits them (log-rate-limit.ts),
 * with a "N messages suppressed" line before the next line let through;
 * error replies and packet-in overflow come already limited by connmgr,
 * with their suppressed count.  Flow mods are logged one by one at DEBUG
 * and summed up per session at INFO by flow-mod-report.ts (§4.8.5).
 */

import type { Clock } from '../clock/clock.js';
import { describeConnMgrEvent, type ConnMgrEvent, type ConnMgrListener } from '../connmgr/index.js';
import type { RconnEvent } from '../rconn/index.js';
import { FlowModReport } from './flow-mod-report.js';
import { LogRateLimit, suppressedLine, type Admitted } from './log-rate-limit.js';
import type { Level, Logger } from './logger.js';

/** The Open vSwitch module whose log a line belongs to. */
export type LogModule = 'rconn' | 'connmgr' | 'fail_open' | 'ofproto' | 'pktbuf';

/** How one kind of event is logged. */
interface LineSpec {
  readonly level: Level;
  readonly module: LogModule;
  /** Rate limit (lines per minute, burst) shared by every line with the same 'limitKey'. */
  readonly limit?: { readonly key: string; readonly perMinute: number; readonly burst: number };
}

/** At most this many session loggers are kept (the oldest is dropped first); more are made again on demand. */
const MAX_SESSION_LOGGERS = 1024;

const PROBE_LIMIT = { key: 'rconn.probe', perMinute: 60, burst: 60 } as const;
const FLOW_MOD_LIMIT = { key: 'connmgr.flow-mod', perMinute: 60, burst: 60 } as const;
/** OVS's connmgr 'rl': VLOG_RATE_LIMIT_INIT(1, 5). */
const CONNMGR_RL = { perMinute: 1, burst: 5 } as const;
const DATAPATH_RL = { perMinute: 10, burst: 10 } as const;

/** The level, module and limit of an rconn event (lib/rconn.c's VLOG calls). */
function rconnSpec(e: RconnEvent): LineSpec {
  const m = 'rconn';
  switch (e.type) {
    case 'rconn.connecting':
    case 'rconn.connect-timed-out':
      return { level: e.quiet ? 'debug' : 'info', module: m };
    case 'rconn.connect-failed':
      return { level: e.atOpen ? 'warn' : e.quiet ? 'debug' : 'info', module: m };
    case 'rconn.connected':
    case 'rconn.peer-closed':
      return { level: e.reliable ? 'info' : 'debug', module: m };
    case 'rconn.dropped':
      return { level: 'warn', module: m };
    case 'rconn.disconnecting':
    case 'rconn.backoff':
    case 'rconn.backoff-capped':
    case 'rconn.monitor-added':
      return { level: 'info', module: m };
    case 'rconn.probe-timeout':
      return { level: 'error', module: m };
    case 'rconn.idle':
    case 'rconn.probe-reply':
      return { level: 'debug', module: m, limit: PROBE_LIMIT };
    case 'rconn.state':
    case 'rconn.disconnected':
    case 'rconn.admitted':
    case 'rconn.monitor-rejected':
    case 'rconn.monitor-closed':
      return { level: 'debug', module: m };
  }
}

/** The level, module and limit of a connmgr event (ofproto/connmgr.c, fail-open.c, ofproto.c). */
function connMgrSpec(e: ConnMgrEvent): LineSpec {
  const m = 'connmgr';
  switch (e.type) {
    case 'connmgr.rconn':
      return rconnSpec(e.event);
    case 'connmgr.controller-added':
    case 'connmgr.controller-removed':
    case 'connmgr.controller-reinitialized':
    case 'connmgr.role-changed':
    case 'connmgr.flushed':
    case 'connmgr.fail-mode':
    case 'connmgr.frag-handling':
    case 'connmgr.error-reply':
    case 'connmgr.packet-in-overflow':
      return { level: 'info', module: m };
    case 'connmgr.controller-unsupported':
      return { level: 'warn', module: m, limit: { key: e.type, ...CONNMGR_RL } };
    case 'connmgr.snoop-no-controller':
      return { level: 'info', module: m, limit: { key: e.type, ...CONNMGR_RL } };
    case 'connmgr.listen-failed':
    case 'connmgr.snoop-listen-failed':
    case 'connmgr.hidden-flow-failed':
      return { level: 'error', module: m };
    case 'connmgr.session-created':
    case 'connmgr.session-destroyed':
      return { level: 'debug', module: m };
    case 'connmgr.packet-buffer':
      return { level: 'warn', module: 'pktbuf', limit: { key: e.type, ...DATAPATH_RL } };
    case 'connmgr.async-unencodable':
    case 'connmgr.datapath-timeout':
      return { level: 'warn', module: m, limit: { key: e.type, ...DATAPATH_RL } };
    case 'connmgr.datapath-late-answer':
      return { level: 'info', module: m, limit: { key: e.type, ...DATAPATH_RL } };
    case 'connmgr.flow-mod':
      return { level: 'debug', module: 'ofproto', limit: FLOW_MOD_LIMIT };
    case 'connmgr.fail-open':
      // fail-open.c: WARN when failing open and when recovering, INFO while it lasts.
      return { level: e.event.type === 'fail-open.still-active' ? 'info' : 'warn', module: 'fail_open' };
  }
}

/** The session an event is about (its name, as OVS names sessions), or null for bridge-wide events. */
function sessionOf(e: ConnMgrEvent): string | null {
  if (e.type === 'connmgr.rconn') return e.event.name.includes('<->') ? e.event.name : null;
  return 'session' in e ? e.session : null;
}

/** The bridge an event is about: its own field, or the part of its session name before "<->". */
function bridgeOf(e: ConnMgrEvent, session: string | null): string | null {
  if ('bridge' in e) return e.bridge;
  if (session === null) return null;
  const i = session.indexOf('<->');
  return i > 0 ? session.slice(0, i) : null;
}

/** The structured fields of a line: the event's type and its scalar fields, without the names the child logger binds. */
function fieldsOf(e: ConnMgrEvent): Record<string, unknown> {
  if (e.type === 'connmgr.rconn') {
    const fields: Record<string, unknown> = { event: e.event.type };
    for (const [k, v] of Object.entries(e.event)) if (k !== 'type' && k !== 'name') fields[k] = v;
    return fields;
  }
  if (e.type === 'connmgr.fail-open') return { event: e.type, failOpen: e.event.type, ...('seconds' in e.event ? { seconds: e.event.seconds } : {}) };
  if (e.type === 'connmgr.flow-mod') return { event: e.type, command: e.command, tableId: e.tableId, priority: e.priority, version: e.version };
  const { type, ...rest } = e;
  const fields: Record<string, unknown> = { event: type };
  for (const [k, v] of Object.entries(rest)) {
    if (k !== 'bridge' && k !== 'session' && k !== 'suppressed') fields[k] = v;
  }
  return fields;
}

/** Options of an EventLog. */
export interface EventLogOptions {
  /** The root logger; lines go to its bridge and session children. */
  readonly logger: Logger;
  /** Times the rate limits and the flow_mod summaries. */
  readonly clock: Clock;
}

/** Writes connmgr's events as log lines. */
export class EventLog {
  /** Give this to ConnMgr (or BridgeRegistry) as its listener. */
  readonly listener: ConnMgrListener = (event) => this.log(event);
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly bridgeLoggers = new Map<string, Logger>();
  private readonly sessionLoggers = new Map<string, Logger>();
  private readonly limits = new Map<string, LogRateLimit>();
  private readonly flowMods = new Map<string, FlowModReport>();

  constructor(options: EventLogOptions) {
    this.logger = options.logger;
    this.clock = options.clock;
  }

  /** The child logger of bridge 'bridge' ({"bridge": name}). */
  bridgeLogger(bridge: string): Logger {
    let l = this.bridgeLoggers.get(bridge);
    if (!l) {
      l = this.logger.child({ bridge });
      this.bridgeLoggers.set(bridge, l);
    }
    return l;
  }

  /** The child logger of session 'session' (named "br0<->tcp:127.0.0.1:6653") of bridge 'bridge'. */
  sessionLogger(bridge: string | null, session: string): Logger {
    let l = this.sessionLoggers.get(session);
    if (!l) {
      l = (bridge !== null ? this.bridgeLogger(bridge) : this.logger).child({ session });
      this.sessionLoggers.set(session, l);
      if (this.sessionLoggers.size > MAX_SESSION_LOGGERS) this.sessionLoggers.delete(this.sessionLoggers.keys().next().value!);
    }
    return l;
  }

  /** Writes 'event' (see the file comment).  Never throws for a well-formed event. */
  log(event: ConnMgrEvent): void {
    const session = sessionOf(event);
    const bridge = bridgeOf(event, session);
    const target = session !== null ? this.sessionLogger(bridge, session) : bridge !== null ? this.bridgeLogger(bridge) : this.logger;
    if (event.type === 'connmgr.flow-mod') this.flowModReport(target, event.session).record(event.command);
    const spec = connMgrSpec(event);
    // As vlog_should_drop(): a disabled level costs no token.
    if (target.isLevelEnabled(spec.level)) {
      const admitted = spec.limit ? this.limit(spec.limit).admit() : null;
      if (!spec.limit || admitted !== null) {
        const module = spec.module;
        if (admitted && admitted.suppressed > 0) this.suppressed(target, spec.level, module, admitted);
        if ('suppressed' in event && event.suppressed > 0) this.suppressed(target, spec.level, module, event.suppressed);
        target[spec.level]({ module, ...fieldsOf(event) }, describeConnMgrEvent(event));
      }
    }
    if (event.type === 'connmgr.session-destroyed') {
      this.flowMods.get(event.session)?.flush();
      this.flowMods.delete(event.session);
      this.sessionLoggers.delete(event.session);
    } else if (event.type === 'connmgr.controller-removed') {
      this.sessionLoggers.delete(`${event.bridge}<->${event.target}`);
    }
  }

  /** Stops the flow_mod summary timers, reporting what they hold. */
  close(): void {
    for (const r of this.flowMods.values()) r.flush();
    this.flowMods.clear();
  }

  private suppressed(target: Logger, level: Level, module: LogModule, admitted: Admitted | number): void {
    const suppressed = typeof admitted === 'number' ? admitted : admitted.suppressed;
    target[level]({ module, event: 'suppressed', suppressed }, suppressedLine(admitted));
  }

  private limit(spec: NonNullable<LineSpec['limit']>): LogRateLimit {
    let l = this.limits.get(spec.key);
    if (!l) {
      l = new LogRateLimit(this.clock, spec.perMinute, spec.burst);
      this.limits.set(spec.key, l);
    }
    return l;
  }

  private flowModReport(target: Logger, session: string): FlowModReport {
    let r = this.flowMods.get(session);
    if (!r) {
      r = new FlowModReport(this.clock, session, (line) => target.info({ module: 'connmgr', event: 'flow-mod-summary' }, line));
      this.flowMods.set(session, r);
    }
    return r;
  }
}
