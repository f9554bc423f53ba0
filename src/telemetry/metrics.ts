/**
 * The service's metrics, through the OpenTelemetry metrics API only
 * (@opentelemetry/api): the entry point chooses the SDK and exporter
 * (sdk.ts: Prometheus), tests read them with a MetricReader.
 *
 * ConnMgrMetrics takes its values from two places and nowhere else:
 *   - connmgr's events (its 'listener'): connection attempts by result,
 *     disconnections by reason, inactivity-probe round trips, datapath
 *     (agent) requests that timed out;
 *   - the bridges' observations at collection time: controllerStatus() and
 *     the sessions' state, role and queues, the bridge-wide packet-in
 *     counters (ConnMgr.stats), the message tally (ConnMgr.messages) and
 *     fail-open.
 * AgentRequestMetrics records the requests relayed to a bridge's agent
 * (in flight, and how each ended), fed by agent-request-telemetry.ts from
 * the agent channels' request watcher.
 *
 * Every instrument is named "ofconnmgr.*" and carries the bridge as the
 * 'bridge' attribute; Prometheus shows "ofconnmgr_*" (README lists them).
 */

import { metrics, ValueType, type Attributes, type BatchObservableResult, type Meter, type Observable } from '@opentelemetry/api';
import type { ConnMgr, ConnMgrEvent, ConnMgrListener } from '../connmgr/index.js';
import { headerTypeName } from '../openflow/index.js';
import type { RconnStateName } from '../rconn/index.js';

/** The meter name (the instrumentation scope) of every instrument here. */
export const METER_NAME = 'ofconnmgr';

/** Bucket boundaries of the echo round trip histogram, seconds. */
const RTT_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function isConnectedState(s: RconnStateName): boolean {
  return s === 'ACTIVE' || s === 'IDLE';
}

/** Adds 'n' to the count of 'key' (a JSON text of attributes) in 'into'. */
function add(into: Map<string, number>, attributes: Attributes, n: number): void {
  const key = JSON.stringify(attributes);
  into.set(key, (into.get(key) ?? 0) + n);
}

/**
 * Observes every count of 'counts' (keys made by add()) on 'instrument',
 * and 0 for each key in 'seen' (keys observed before) that has none now:
 * the SDK reports an asynchronous instrument's last value for attributes
 * no longer observed, so a gauge must say 0 itself.  Adds the keys of
 * 'counts' to 'seen'.
 */
function observeAll(result: BatchObservableResult, instrument: Observable, counts: Map<string, number>, seen?: Set<string>): void {
  for (const [key, n] of counts) {
    result.observe(instrument, n, JSON.parse(key) as Attributes);
    seen?.add(key);
  }
  if (!seen) return;
  for (const key of seen) if (!counts.has(key)) result.observe(instrument, 0, JSON.parse(key) as Attributes);
}

/** Options of ConnMgrMetrics. */
export interface ConnMgrMetricsOptions {
  /** Default: the global meter provider's meter METER_NAME at construction time. */
  readonly meter?: Meter;
  /** The bridges to observe at each collection (e.g. the API's registry); default none. */
  readonly bridges?: () => Iterable<ConnMgr>;
}

/** The metrics of the connection managers of one service. */
export class ConnMgrMetrics {
  /** Give this to ConnMgr (or BridgeRegistry) as its listener. */
  readonly listener: ConnMgrListener = (event) => this.record(event);
  private readonly meter: Meter;
  private bridges: () => Iterable<ConnMgr>;
  private readonly connectAttempts;
  private readonly disconnects;
  private readonly echoRtt;
  private readonly datapathTimeouts;
  private readonly observables: Observable[];
  private readonly sessions;
  private readonly messages;
  private readonly packetInsSent;
  private readonly packetInsDropped;
  private readonly packetInBacklog;
  private readonly queueDepth;
  private readonly failOpen;
  /** Why each rconn (by name) last disconnected, until its state change says it is no longer connected. */
  private readonly disconnectReasons = new Map<string, string>();
  /** Every attribute set the sessions gauge has reported (they are reported as 0 once gone). */
  private readonly seenSessions = new Set<string>();
  private readonly callback = (result: BatchObservableResult): void => this.observe(result);

  constructor(options: ConnMgrMetricsOptions = {}) {
    const meter = options.meter ?? metrics.getMeter(METER_NAME);
    this.meter = meter;
    this.bridges = options.bridges ?? (() => []);
    this.connectAttempts = meter.createCounter('ofconnmgr.connect.attempts', {
      description: 'OpenFlow connection attempts (dialled and accepted) by result: success, or the error (ECONNREFUSED, ETIMEDOUT, EPROTO, ...)',
      valueType: ValueType.INT,
    });
    this.disconnects = meter.createCounter('ofconnmgr.disconnects', {
      description: 'Established OpenFlow connections that ended, by reason: EOF (closed by the peer), requested, closed (removed), or the error (ETIMEDOUT: no answer to the inactivity probe, ...)',
      valueType: ValueType.INT,
    });
    this.echoRtt = meter.createHistogram('ofconnmgr.echo.rtt', {
      description: 'Round trip time of inactivity probes (ECHO_REQUEST to ECHO_REPLY)',
      unit: 's',
      advice: { explicitBucketBoundaries: RTT_BUCKETS_S },
    });
    this.datapathTimeouts = meter.createCounter('ofconnmgr.agent.requests.timed_out', {
      description: 'Datapath (agent) requests not answered in time; the controller got an error',
      valueType: ValueType.INT,
    });
    this.sessions = meter.createObservableGauge('ofconnmgr.sessions', {
      description: 'OpenFlow sessions and configured active targets by state (VOID, BACKOFF, CONNECTING, ACTIVE, IDLE), role and connection type',
      valueType: ValueType.INT,
    });
    this.messages = meter.createObservableCounter('ofconnmgr.messages', {
      description: 'OpenFlow messages received (in) and sent (out) by the sessions, by header type',
      valueType: ValueType.INT,
    });
    this.packetInsSent = meter.createObservableCounter('ofconnmgr.packet_ins.sent', {
      description: 'Packet-ins queued to a session',
      valueType: ValueType.INT,
    });
    this.packetInsDropped = meter.createObservableCounter('ofconnmgr.packet_ins.dropped', {
      description: 'Packet-ins dropped, by cause: queue_overflow (session queue full), rate_limit (scheduler made room), unsent (no session wanted it)',
      valueType: ValueType.INT,
    });
    this.packetInBacklog = meter.createObservableGauge('ofconnmgr.packet_in.backlog', {
      description: 'Packet-ins waiting in the rate-limiting schedulers, by scheduler (miss, action)',
      valueType: ValueType.INT,
    });
    this.queueDepth = meter.createObservableGauge('ofconnmgr.queue.depth', {
      description: 'Messages waiting, summed over sessions, by queue: send (to the peer), inbox (received, not yet handled), replies (owed to the peer)',
      valueType: ValueType.INT,
    });
    this.failOpen = meter.createObservableGauge('ofconnmgr.fail_open.active', {
      description: '1 while the bridge is failing open, else 0',
      valueType: ValueType.INT,
    });
    this.observables = [
      this.sessions, this.messages, this.packetInsSent, this.packetInsDropped, this.packetInBacklog, this.queueDepth, this.failOpen,
    ];
    meter.addBatchObservableCallback(this.callback, this.observables);
  }

  /** Observes 'bridges' from now on (the registry may be made after the listener). */
  observeBridges(bridges: () => Iterable<ConnMgr>): void {
    this.bridges = bridges;
  }

  /** Stops observing (the instruments stay, without values from here). */
  close(): void {
    this.meter.removeBatchObservableCallback(this.callback, this.observables);
  }

  /** Counts what 'event' says (the listener). */
  record(event: ConnMgrEvent): void {
    if (event.type === 'connmgr.datapath-timeout') {
      const i = event.session.indexOf('<->');
      this.datapathTimeouts.add(1, { bridge: i > 0 ? event.session.slice(0, i) : '' });
      return;
    }
    if (event.type !== 'connmgr.rconn') return;
    const bridge = event.bridge;
    const e = event.event;
    switch (e.type) {
      case 'rconn.connected':
        this.connectAttempts.add(1, { bridge, result: 'success' });
        return;
      case 'rconn.connect-failed':
        this.connectAttempts.add(1, { bridge, result: e.error });
        return;
      case 'rconn.connect-timed-out':
        this.connectAttempts.add(1, { bridge, result: 'ETIMEDOUT' });
        return;
      case 'rconn.disconnected':
        this.disconnectReasons.set(e.name, e.error === null ? 'requested' : e.error);
        return;
      case 'rconn.state': {
        // The reason recorded just before this change, if any, is used now or never.
        const reason = this.disconnectReasons.get(e.name) ?? 'closed';
        this.disconnectReasons.delete(e.name);
        if (isConnectedState(e.from) && !isConnectedState(e.to)) this.disconnects.add(1, { bridge, reason });
        return;
      }
      case 'rconn.probe-reply':
        this.echoRtt.record(e.ms / 1000, { bridge });
        return;
      default:
        return;
    }
  }

  private observe(result: BatchObservableResult): void {
    const sessions = new Map<string, number>();
    for (const mgr of this.bridges()) {
      const bridge = mgr.bridge;
      for (const s of mgr.controllerStatus()) {
        // Connected active targets are counted with the sessions below.
        if (s.kind === 'active' && !s.isConnected && s.state !== null) {
          add(sessions, { bridge, state: s.state, role: 'none', type: s.connectionType }, 1);
        }
      }
      let send = 0;
      let inbox = 0;
      let replies = 0;
      let missBacklog = 0;
      let actionBacklog = 0;
      for (const conn of mgr.sessions) {
        add(sessions, { bridge, state: conn.rconn.status().state, role: conn.role, type: conn.connectionType }, 1);
        send += conn.rconn.txqlen;
        inbox += conn.inboxLength;
        replies += conn.repliesOwed;
        const pin = conn.packetInSchedulers.stats;
        if (pin) {
          missBacklog += pin.miss.backlog;
          actionBacklog += pin.action.backlog;
        }
      }

      const messages = new Map<string, number>();
      for (const e of mgr.messages.entries()) add(messages, { bridge, direction: e.direction, type: headerTypeName(e.version, e.type) }, e.count);
      observeAll(result, this.messages, messages);

      const st = mgr.stats;
      result.observe(this.packetInsSent, st.packetInsSent, { bridge });
      result.observe(this.packetInsDropped, st.packetInsQueueOverflow, { bridge, cause: 'queue_overflow' });
      result.observe(this.packetInsDropped, st.packetInsRateLimited, { bridge, cause: 'rate_limit' });
      result.observe(this.packetInsDropped, st.packetInsUnsent, { bridge, cause: 'unsent' });
      result.observe(this.packetInBacklog, missBacklog, { bridge, scheduler: 'miss' });
      result.observe(this.packetInBacklog, actionBacklog, { bridge, scheduler: 'action' });
      result.observe(this.queueDepth, send, { bridge, queue: 'send' });
      result.observe(this.queueDepth, inbox, { bridge, queue: 'inbox' });
      result.observe(this.queueDepth, replies, { bridge, queue: 'replies' });
      result.observe(this.failOpen, mgr.isFailingOpen ? 1 : 0, { bridge });
    }
    observeAll(result, this.sessions, sessions, this.seenSessions);
  }
}

/** How a request relayed to an agent ended. */
export type AgentRequestOutcome =
  /** The agent answered (with replies or an OpenFlow error it chose). */
  | 'answered'
  /** The agent channel failed it (no agent attached, the agent went before answering, an unusable reply, request unencodable). */
  | 'failed'
  /** No answer came in time (connmgr stopped waiting; the controller got an error). */
  | 'abandoned';

/**
 * The recording API of the requests relayed to a bridge's agent
 * (agent-request-telemetry.ts calls it for the agent channels).  Call
 * started() when a request goes to the agent and finished() exactly once
 * for it when it ends.  The requests connmgr gave up on
 * because the agent was too slow are counted from connmgr's own event
 * ('ofconnmgr.agent.requests.timed_out', ConnMgrMetrics).
 */
export class AgentRequestMetrics {
  private readonly inFlight;
  private readonly requests;

  /** Default: the global meter provider's meter METER_NAME at construction time. */
  constructor(meter: Meter = metrics.getMeter(METER_NAME)) {
    this.inFlight = meter.createUpDownCounter('ofconnmgr.agent.requests.in_flight', {
      description: 'Datapath requests relayed to the agent and not yet ended',
      valueType: ValueType.INT,
    });
    this.requests = meter.createCounter('ofconnmgr.agent.requests', {
      description: 'Datapath requests relayed to the agent that ended, by outcome (answered, failed, abandoned)',
      valueType: ValueType.INT,
    });
  }

  /** A request went to the agent of 'bridge'. */
  started(bridge: string): void {
    this.inFlight.add(1, { bridge });
  }

  /** A request started() for 'bridge' ended with 'outcome'. */
  finished(bridge: string, outcome: AgentRequestOutcome): void {
    this.inFlight.add(-1, { bridge });
    this.requests.add(1, { bridge, outcome });
  }
}
