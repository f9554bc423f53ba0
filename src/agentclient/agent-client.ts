/**
 * The agent side of the agent channel: a switch agent that serves one
 * bridge's datapath through ofconnmgr's Attach stream (the proto's "agent
 * channel" comments are the contract; src/api is the other end).
 *
 * One AgentClient holds one datapath (a ReferenceSwitch, or anything with
 * the AgentDatapath surface) for its whole life and attaches it to the
 * service again and again: it opens Attach, sends AgentHello (bridge,
 * datapath id, election id, the datapath's features), and then
 *  - follows Arbitration: as the primary it is served; as a backup it
 *    keeps the stream open and waits to be told it is the primary;
 *  - answers every DatapathRequest with exactly one DatapathReply, by
 *    carrying it out on the datapath (datapath-operations.ts), in the order
 *    received; a request it cannot read is answered with an OpenFlow error;
 *  - while primary, sends the datapath's events (packet-in, flow-removed,
 *    port-status) as AgentMessages; events raised while not primary are
 *    dropped and counted, as a switch without a controller drops them;
 *  - reports each StreamError the service sends;
 *  - continues the service's trace: a controller's request is carried out
 *    inside a span (telemetry's startAgentRequestSpan(), through the
 *    OpenTelemetry API only), child of the service's relay span when the
 *    request carries its W3C trace context; a no-op without an SDK.
 * When the stream ends, or the service cannot be reached, it tries again
 * after a backoff (reconnect-backoff.ts: 1 s doubling to 8 s, back to 1 s
 * after an arbitration), on a fresh channel each time.  The datapath and
 * its flows stay as they are across attachments: the service resends the
 * hidden flows and the miss behaviour to a new primary.
 *
 * Backpressure, both ways, with no unbounded buffer: when the stream's
 * write() returns false the client stops reading requests (call.pause())
 * and says it is not writable, so the agent's frame sources (the control
 * socket's inject) wait in whenWritable(); reading also pauses while
 * MAX_PENDING_REQUESTS requests are being carried out.  Both resume on
 * 'drain' or when the work is done.
 *
 * Time (the retry timers, the stop grace period) comes from the injected
 * clock; everything the owner may want to print arrives as typed events
 * (agent-events.ts).
 */

import * as grpc from '@grpc/grpc-js';
import { context, trace, type Span, type Tracer } from '@opentelemetry/api';
import {
  AgentWireError, type DatapathOperation, eventToProto, featuresToProto, type OperationResult, replyToProto, requestFromProto,
} from '../agentwire/index.js';
import { loadApi } from '../api/proto-package.js';
import { type Clock, systemClock, type TimerHandle } from '../clock/clock.js';
import type { DatapathEvent } from '../connmgr/datapath-port.js';
import type { ProtoGrpcType } from '../generated/connmgr.js';
import type { AgentMessage } from '../generated/ofconnmgr/v1/AgentMessage.js';
import type { ConnectionManagerClient } from '../generated/ofconnmgr/v1/ConnectionManager.js';
import type { DatapathReply } from '../generated/ofconnmgr/v1/DatapathReply.js';
import type { DatapathRequest__Output } from '../generated/ofconnmgr/v1/DatapathRequest.js';
import type { ServerMessage__Output } from '../generated/ofconnmgr/v1/ServerMessage.js';
import { messageName, OfpCodecError, type OfpErrName } from '../openflow/index.js';
import { endDatapathRequestSpan, startAgentRequestSpan } from '../telemetry/tracing.js';
import type { AgentClientEvent, AgentRole } from './agent-events.js';
import { type AgentDatapath, DatapathExecutor } from './datapath-operations.js';
import { electionIdFromProto, electionIdToProto } from './election-id.js';
import { ReconnectBackoff } from './reconnect-backoff.js';

/** Requests carried out at once before the client stops reading more. */
export const MAX_PENDING_REQUESTS = 32;
/** How long stop() waits for the service to end the stream after our half-close. */
export const STOP_GRACE_MS = 2000;
/** Sent messages remembered (by message_id) to say what a StreamError is about. */
const RECENT_MESSAGES = 256;
/** The Arbitration code saying "you are the primary" (gRPC's OK; backups get ALREADY_EXISTS). */
const ARBITRATION_OK = 0;

/** The error a request the agent cannot read gets, unless the codec named a better one. */
export const UNREADABLE_REQUEST_ERROR: OfpErrName = 'OFPBRC_BAD_TYPE';

/** How to build a client. */
export interface AgentClientOptions {
  /** HOST:PORT of the service. */
  readonly server: string;
  /** The bridge this datapath serves. */
  readonly bridge: string;
  /** This agent's election id, 0 to 2^128 - 1. */
  readonly electionId: bigint;
  /** The datapath id the hello states; undefined: none (the bridge's own). */
  readonly datapathId?: bigint;
  readonly datapath: AgentDatapath;
  /** Default: insecure (plaintext). */
  readonly credentials?: grpc.ChannelCredentials;
  /** Extra grpc-js channel options. */
  readonly channelOptions?: grpc.ChannelOptions;
  /** Default: systemClock. */
  readonly clock?: Clock;
  /** Default: 1 s doubling to 8 s. */
  readonly backoff?: ReconnectBackoff;
  /** Hears every AgentClientEvent, synchronously. */
  readonly onEvent?: (e: AgentClientEvent) => void;
  /** The tracer of the requests' spans; default the global tracer provider's (telemetry's TRACER_NAME). */
  readonly tracer?: Tracer;
}

/** Counters of the client's traffic, since it was built. */
export interface AgentClientCounters {
  /** Attach streams opened. */
  attempts: number;
  /** Requests answered (every request id exactly once). */
  requests: number;
  /** Of those, requests answered with an error because they could not be read or carried out. */
  requestsFailed: number;
  packetInsSent: number;
  flowRemovedsSent: number;
  portStatusesSent: number;
  /** Events of the datapath raised while the agent was not the primary. */
  eventsDropped: number;
  /** StreamErrors received. */
  streamErrors: number;
  /** Times write() returned false. */
  backpressured: number;
}

/** One Attach stream and what goes on on it. */
interface Attachment {
  readonly client: ConnectionManagerClient;
  readonly call: grpc.ClientDuplexStream<AgentMessage, ServerMessage__Output>;
  role: 'connecting' | 'primary' | 'backup';
  /** write() returned false and 'drain' has not come yet. */
  congested: boolean;
  /** Reading is paused (call.pause()). */
  paused: boolean;
  /** Requests received and not yet answered. */
  pending: number;
  /** The chain that carries out requests in the order received. */
  work: Promise<void>;
  ended: boolean;
  /** We half-closed it (stop()): nothing more is written. */
  halfClosed: boolean;
  /** Resolved when the stream ends. */
  readonly done: Promise<void>;
  readonly finish: () => void;
  nextMessageId: number;
  /** message_id -> what the message was, for the last RECENT_MESSAGES sent. */
  readonly recent: Map<string, string>;
}

export class AgentClient {
  readonly counters: AgentClientCounters = {
    attempts: 0, requests: 0, requestsFailed: 0, packetInsSent: 0, flowRemovedsSent: 0, portStatusesSent: 0,
    eventsDropped: 0, streamErrors: 0, backpressured: 0,
  };

  private readonly api: ProtoGrpcType;
  private readonly clock: Clock;
  private readonly backoff: ReconnectBackoff;
  private readonly executor: DatapathExecutor;
  private readonly credentials: grpc.ChannelCredentials;
  private stream: Attachment | undefined;
  private retryTimer: TimerHandle | undefined;
  private started = false;
  private stopping: Promise<void> | undefined;
  private stoppedState = false;
  private primaryElectionId: bigint | undefined;
  /** Waiters of whenWritable(). */
  private writableWaiters: (() => void)[] = [];

  constructor(private readonly opts: AgentClientOptions) {
    this.api = loadApi();
    this.clock = opts.clock ?? systemClock;
    this.backoff = opts.backoff ?? new ReconnectBackoff();
    this.credentials = opts.credentials ?? grpc.credentials.createInsecure();
    this.executor = new DatapathExecutor(opts.datapath);
    electionIdToProto(opts.electionId); // throws RangeError now rather than at the first attempt
  }

  /** Where the agent stands now. */
  get role(): AgentRole {
    if (this.stoppedState) return 'stopped';
    if (!this.stream) return 'detached';
    return this.stream.role;
  }

  /** The primary's election id from the last Arbitration (undefined before one). */
  get primary(): bigint | undefined {
    return this.primaryElectionId;
  }

  /** The fragment handling mode the service last set (0 normal). */
  get fragHandling(): number {
    return this.executor.fragHandling;
  }

  /**
   * False while the stream's send buffer is full (write() returned false
   * and 'drain' has not come): the owner should hold back work that makes
   * events, e.g. frames to inject.
   */
  get writable(): boolean {
    return !this.stream?.congested;
  }

  /** Resolves at once if writable; else when the stream drains, ends, or the client stops. */
  whenWritable(): Promise<void> {
    if (this.writable) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  /** Starts attaching (once; later calls do nothing) and forwards the datapath's events from now on. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.opts.datapath.setEventListener((e) => this.onDatapathEvent(e));
    this.open();
  }

  /**
   * Stops for good: no further attempts; an open stream is half-closed
   * and the service given STOP_GRACE_MS to end it before it is
   * cancelled.  Resolves once the stream is over ('stopped' event).  The
   * datapath is left as it is, its event listener removed.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    const a = this.stream;
    if (a && !a.ended) {
      a.halfClosed = true;
      a.call.end();
      let timer: TimerHandle | undefined;
      await Promise.race([a.done, new Promise<void>((r) => (timer = this.clock.setTimer(STOP_GRACE_MS, r)))]);
      timer?.cancel();
      if (!a.ended) {
        a.call.cancel();
        await a.done;
      }
    }
    this.opts.datapath.setEventListener(null);
    this.stoppedState = true;
    this.releaseWriters();
    this.emit({ type: 'stopped' });
  }

  /* ------------------------------------------------------------------ */
  /* The stream.                                                         */

  private open(): void {
    this.retryTimer = undefined;
    if (this.stopping) return;
    this.counters.attempts++;
    this.emit({ type: 'connecting', server: this.opts.server, attempt: this.counters.attempts });
    const client = new this.api.ofconnmgr.v1.ConnectionManager(this.opts.server, this.credentials, this.opts.channelOptions ?? {});
    const call = client.attach();
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const a: Attachment = {
      client, call, role: 'connecting', congested: false, paused: false, pending: 0, work: Promise.resolve(),
      ended: false, halfClosed: false, done, finish, nextMessageId: 1, recent: new Map(),
    };
    this.stream = a;
    call.on('data', (m: ServerMessage__Output) => this.onServerMessage(a, m));
    // 'status' follows every 'error' and reports it; the listener keeps an error from being thrown.
    call.on('error', () => undefined);
    call.on('status', (s: grpc.StatusObject) => this.onStreamEnd(a, s));
    call.on('drain', () => this.onDrain(a));
    const hello: AgentMessage = {
      hello: {
        bridge: this.opts.bridge,
        datapath_id: this.opts.datapathId === undefined ? '' : this.opts.datapathId.toString(16).padStart(16, '0'),
        election_id: electionIdToProto(this.opts.electionId),
        features: featuresToProto(this.opts.datapath.features()),
      },
    };
    this.send(a, hello, 'hello');
  }

  private onServerMessage(a: Attachment, m: ServerMessage__Output): void {
    if (a.ended) return;
    switch (m.body) {
      case 'arbitration': {
        const arb = m.arbitration!;
        const role = arb.code === ARBITRATION_OK ? 'primary' : 'backup';
        const primary = electionIdFromProto(arb.primary_election_id);
        this.backoff.reset();
        const changed = role !== a.role || primary !== this.primaryElectionId;
        a.role = role;
        this.primaryElectionId = primary;
        if (changed) {
          this.emit({ type: 'attached', role, electionId: this.opts.electionId, primaryElectionId: primary, message: arb.message });
        }
        return;
      }
      case 'request':
        this.onRequest(a, m.request!);
        return;
      case 'error': {
        const e = m.error!;
        this.counters.streamErrors++;
        const about = a.recent.get(e.message_id);
        this.emit({ type: 'stream-error', code: e.code, message: e.message, messageId: e.message_id, ...(about ? { about } : {}) });
        return;
      }
      default:
        return;
    }
  }

  private onStreamEnd(a: Attachment, s: grpc.StatusObject): void {
    if (a.ended) return;
    a.ended = true;
    const attached = a.role !== 'connecting';
    if (this.stream === a) this.stream = undefined;
    a.client.close();
    a.finish();
    this.releaseWriters();
    this.emit({ type: 'lost', code: s.code, details: s.details, attached });
    if (this.stopping) return;
    const delayMs = this.backoff.next();
    this.emit({ type: 'retrying', delayMs });
    this.retryTimer = this.clock.setTimer(delayMs, () => this.open());
  }

  /** Writes 'msg' with the next message_id, remembering 'what' it was; marks congestion. */
  private send(a: Attachment, msg: AgentMessage, what: string): void {
    if (a.halfClosed) return;
    const id = String(a.nextMessageId++);
    a.recent.set(id, what);
    if (a.recent.size > RECENT_MESSAGES) a.recent.delete(a.recent.keys().next().value!);
    const ok = a.call.write({ ...msg, message_id: id });
    if (!ok && !a.congested) {
      a.congested = true;
      this.counters.backpressured++;
      this.emit({ type: 'backpressure', on: true });
      this.updateReading(a);
    }
  }

  private onDrain(a: Attachment): void {
    if (!a.congested) return;
    a.congested = false;
    this.emit({ type: 'backpressure', on: false });
    this.updateReading(a);
    this.releaseWriters();
  }

  /** Pauses reading while the stream is congested or too many requests are pending; resumes otherwise. */
  private updateReading(a: Attachment): void {
    if (a.ended) return;
    const read = !a.congested && a.pending < MAX_PENDING_REQUESTS;
    if (read && a.paused) {
      a.paused = false;
      a.call.resume();
    } else if (!read && !a.paused) {
      a.paused = true;
      a.call.pause();
    }
  }

  private releaseWriters(): void {
    if (!this.writable && !this.stoppedState) return;
    const waiters = this.writableWaiters;
    this.writableWaiters = [];
    for (const w of waiters) w();
  }

  /* ------------------------------------------------------------------ */
  /* Requests and events.                                                */

  private onRequest(a: Attachment, p: DatapathRequest__Output): void {
    a.pending++;
    this.updateReading(a);
    a.work = a.work.then(async () => {
      try {
        await this.answer(a, p);
      } finally {
        a.pending--;
        this.updateReading(a);
      }
    });
  }

  /**
   * Carries out request 'p' and writes its one reply.  A request whose
   * stream ended before its turn is not carried out: the service has
   * already answered it with an error for its controller.
   */
  private async answer(a: Attachment, p: DatapathRequest__Output): Promise<void> {
    if (a.ended) return;
    const version = p.origin?.version ?? 0;
    let requestId: number;
    let op: DatapathOperation;
    let carried: { traceparent: string; tracestate: string } | undefined;
    try {
      ({ requestId, op, trace: carried } = requestFromProto(p));
    } catch (e) {
      const error = unreadableErrorOf(e);
      this.counters.requestsFailed++;
      this.emit({ type: 'request-failed', requestId: p.request_id, what: p.body ?? 'empty request', error, reason: reasonOf(e) });
      this.reply(a, { request_id: p.request_id, error: { name: error } }, p.request_id);
      return;
    }
    let span: Span | undefined;
    if (op.kind === 'request') {
      const { origin, msg } = op.request;
      span = startAgentRequestSpan(this.opts.bridge, origin, messageName(msg), requestId, {
        ...(carried ? { carried } : {}),
        ...(this.opts.tracer ? { tracer: this.opts.tracer } : {}),
      });
    }
    let failure: { what: string; e: unknown } | undefined;
    const carryOut = (): Promise<OperationResult> => this.executor.execute(op, (what, e) => (failure = { what, e }));
    let result = await (span ? context.with(trace.setSpan(context.active(), span), carryOut) : carryOut());
    if (failure && !result.ok) {
      this.counters.requestsFailed++;
      this.emit({ type: 'request-failed', requestId: p.request_id, what: failure.what, error: result.error, reason: reasonOf(failure.e) });
    }
    let reply: DatapathReply;
    try {
      reply = replyToProto(requestId, result, version);
    } catch (e) {
      // A reply this version cannot carry (the codec's refusal): the requester gets the error instead.
      result = { ok: false, error: OfpCodecError.is(e) ? e.ofperr : UNREADABLE_REQUEST_ERROR };
      this.counters.requestsFailed++;
      this.emit({ type: 'request-failed', requestId: p.request_id, what: op.kind, error: result.error, reason: reasonOf(e) });
      reply = replyToProto(requestId, result, version);
    }
    this.reply(a, reply, p.request_id);
    if (span) {
      // A stream that ended before the reply: the service has answered the controller itself.
      span.setAttribute('ofconnmgr.agent.reply_sent', !a.ended);
      endDatapathRequestSpan(span, !result.ok ? { error: result.error } : { replies: 'replies' in result ? result.replies.length : 0 });
    }
  }

  private reply(a: Attachment, reply: DatapathReply, requestId: string): void {
    // A stream that ended took its requests with it: the service failed them for their controllers.
    if (a.ended) return;
    this.counters.requests++;
    this.send(a, { reply }, `the reply to request ${requestId}`);
  }

  private onDatapathEvent(e: DatapathEvent): void {
    const a = this.stream;
    if (!a || a.ended || a.halfClosed || a.role !== 'primary') {
      this.counters.eventsDropped++;
      return;
    }
    let msg: AgentMessage;
    try {
      msg = eventToProto(e);
    } catch (err) {
      this.counters.eventsDropped++;
      this.emit({ type: 'event-dropped', what: e.type, reason: reasonOf(err) });
      return;
    }
    this.send(a, msg, describeEvent(e));
    if (e.type === 'packet_in') this.counters.packetInsSent++;
    else if (e.type === 'flow_removed') this.counters.flowRemovedsSent++;
    else this.counters.portStatusesSent++;
  }

  private emit(e: AgentClientEvent): void {
    this.opts.onEvent?.(e);
  }
}

/** What an event was, for a StreamError that names it. */
function describeEvent(e: DatapathEvent): string {
  switch (e.type) {
    case 'packet_in':
      return `a packet_in (${e.reason}, table ${e.tableId}, ${e.frame.length} bytes)`;
    case 'flow_removed':
      return `a flow_removed (table ${e.tableId}, priority ${e.priority})`;
    case 'port_status':
      return `a port_status (port ${e.port.portNo}, reason ${e.reason})`;
  }
}

/** The OpenFlow error for a request that could not be read: the codec's, if it named one. */
function unreadableErrorOf(e: unknown): OfpErrName {
  if (OfpCodecError.is(e)) return e.ofperr;
  const cause = e instanceof Error ? e.cause : undefined;
  if (OfpCodecError.is(cause)) return cause.ofperr;
  return UNREADABLE_REQUEST_ERROR;
}

function reasonOf(e: unknown): string {
  if (AgentWireError.is(e)) return `cannot read ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
