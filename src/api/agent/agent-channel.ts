/**
 * The agent channel of one bridge: the DatapathPort connmgr drives
 * (src/connmgr/datapath-port.ts), served by whichever switch agent is the
 * bridge's primary over its Attach stream (agent-stream.ts).  It exists
 * from the bridge's creation on, so the bridge serves its controllers
 * before any agent attaches, and it outlives every agent.
 *
 * Arbitration (P4Runtime's, as the proto says): of the agents attached,
 * the one with the highest election id is primary and the only one
 * served; the others stay attached as backups.  Every agent hears its
 * standing in an Arbitration message (code OK for the primary,
 * ALREADY_EXISTS for a backup, with the primary's id) after its hello and
 * whenever the primary changes.  A newly attached higher id preempts the
 * primary; when the primary goes, the highest backup takes over.
 *
 * Requests.  request(), flush(), addHiddenFlow(), deleteHiddenFlow(),
 * inbandInfo(), and writes of missSendsToController and of the fragment
 * handling mode become DatapathRequests with a request id
 * (pending-requests.ts), sent to the primary and settled by its
 * DatapathReply.  While no agent is primary, a controller's request
 * waits for one, in order, for at most holdMs (default
 * DEFAULT_HOLD_MS, 20 s: longer than an agent's longest reconnect backoff
 * (8 s, so an agent that retries after a service restart is in time) and
 * inside connmgr's 30 s datapath timeout,
 * so a request the controller was told failed is never carried out
 * later); at most MAX_HELD_REQUESTS wait, and while that many do, the
 * controllers' sessions are not read (as for a congested stream).  So a
 * restarted service, whose controllers reconnect before the agent
 * re-attaches, loses none of what they send first (a table-miss flow,
 * say).  A request that waited in vain gets the OpenFlow error of
 * datapathTimeoutError() (OFPBRC_MULTIPART_REPLY_TIMEOUT for OF1.3+
 * multipart requests, else OFPBRC_EPERM), and so does every request the
 * primary leaves unanswered when it goes (stream ended, failed, or
 * preempted) or does not answer in time: it may have been carried out,
 * so it is never sent again.  The sessions stay up.  connmgr's own operations are remembered
 * (connmgr-state.ts) whether or not an agent is attached, and each new
 * primary first receives them: a flush if one is owed, the hidden flow
 * set, the miss behaviour, the fragment handling mode, connmgr's own
 * requests since the last flush, then the controllers' requests that
 * waited for it, and only then new requests.  The request
 * watcher (request-watch.ts; telemetry) sees each controller's request
 * and how it ended, and gives the trace context that goes with it.
 *
 * Features.  Until the first primary's hello, features() are the bridge's
 * datapath id, 254 tables, no capabilities or actions, and only the LOCAL
 * port (named after the bridge, its address the datapath id's low 48
 * bits, link down): what a switch with no datapath behind it can say.
 * From then on they are the primary's (its hello, then its features
 * messages and port-status events), kept when it goes.  A new primary's
 * ports replace the old ones, each difference reaching the controllers as
 * a port-status event (port-changes.ts).
 *
 * Events.  The primary's packet-ins, flow-removed and port-status events
 * go to the event listener.  A message the channel cannot accept (one
 * agentwire refuses, a packet-in from a port the datapath does not have,
 * a reply to no waiting request, a second hello, anything from a backup)
 * gets a StreamError with a gRPC code and a message; the stream stays
 * open.
 *
 * Backpressure, both ways and with no unbounded buffer.  When the
 * primary's stream does not take more (write() false), 'pauseRequests'
 * is told to stop the controllers' sessions reading (connmgr's
 * pauseDatapathRequests) until the stream drains.  While the controllers'
 * send queues are congested (connmgr's sendQueuesCongested hook, given
 * here as pauseEvents()), the agents' streams are not read, so HTTP/2
 * flow control holds the agent's events back at their source.
 * StreamErrors are dropped, not queued, while the stream is congested.
 */

import * as grpc from '@grpc/grpc-js';
import type { Clock, TimerHandle } from '../../clock/clock.js';
import {
  DEFAULT_DATAPATH_TIMEOUT_MS,
  datapathTimeoutError,
  INTERNAL_SESSION_ID,
  type DatapathEvent,
  type DatapathFeatures,
  type DatapathPort,
  type DatapathReply,
  type DatapathRequest,
  type HiddenFlow,
} from '../../connmgr/index.js';
import type { InBandInfo, InBandRemote } from '../../inband/in-band.js';
import { OfpCodecError, OFPP_ANY, OFPP_CONTROLLER, OFPP_LOCAL, type OfpErrName, type Port } from '../../openflow/index.js';
import type { MatchField } from '../../openflow/match.js';
import {
  AgentWireError,
  eventFromProto,
  featuresFromProto,
  replyFromProto,
  requestToProto,
  type DatapathOperation,
  type OperationResult,
  type TraceContext,
} from '../../agentwire/index.js';
import type { AgentHello__Output } from '../../generated/ofconnmgr/v1/AgentHello.js';
import type { AgentMessage__Output } from '../../generated/ofconnmgr/v1/AgentMessage.js';
import type { AgentStream } from './agent-stream.js';
import { ConnMgrDatapathState } from './connmgr-state.js';
import { electionIdFromProto, electionIdText, electionIdToProto } from './election-id.js';
import type { AgentChannelEvent, AgentChannelListener } from './events.js';
import { PendingRequests, type Expected, type PendingAnswer } from './pending-requests.js';
import { portChanges } from './port-changes.js';
import type { RelayOutcome, RequestWatcher } from './request-watch.js';

/** Tables of a datapath before any agent said how many it has (Open vSwitch's 254). */
export const DETACHED_N_TABLES = 254;
/** OFPPS_LINK_DOWN: the detached LOCAL port's state. */
const OFPPS_LINK_DOWN = 1;

/** How long a controller's request waits for a primary agent while none is attached, ms. */
export const DEFAULT_HOLD_MS = 20_000;
/** How many controllers' requests may wait for a primary agent; beyond, the sessions are not read. */
export const MAX_HELD_REQUESTS = 1000;

/** A controller's request waiting for a primary agent. */
interface HeldRequest {
  readonly req: DatapathRequest;
  /** Sends it to the primary that came (the channel has one when called). */
  readonly release: () => void;
  /** Answers it with its error: no agent came in time, or the bridge is going. */
  readonly fail: () => void;
  readonly timer: TimerHandle;
}

/** Options of a new AgentChannel. */
export interface AgentChannelOptions {
  /** The bridge's name: the agents' hello must name it; the detached LOCAL port is named after it. */
  readonly bridge: string;
  /** The bridge's datapath id: an agent's hello must carry it (or none). */
  readonly datapathId: bigint;
  readonly clock: Clock;
  /** How long the primary gets to answer one request (default DEFAULT_DATAPATH_TIMEOUT_MS, connmgr's own). */
  readonly requestTimeoutMs?: number;
  /** How long a controller's request waits for a primary while none is attached (default DEFAULT_HOLD_MS). */
  readonly holdMs?: number;
  /**
   * Backpressure toward the controllers: called with true when the
   * primary's stream stops taking requests, with false when it drained
   * (or the primary went).  The bridge registry passes connmgr's
   * pauseDatapathRequests.
   */
  readonly pauseRequests?: (paused: boolean) => void;
  /**
   * Follows each controller's request relayed to the agent (telemetry:
   * its span, the trace context sent with it, requests in flight);
   * request-watch.ts.
   */
  readonly watchRequest?: RequestWatcher;
  /** Receives the channel's events, for logs and metrics. */
  readonly listener?: AgentChannelListener;
}

/** One attached agent. */
interface Attached {
  readonly id: bigint;
  readonly stream: AgentStream;
  /** What its hello said about the datapath (the datapath id being the bridge's). */
  readonly features: DatapathFeatures;
}

/** The LOCAL port a datapath with no agent reports: named after the bridge, link down. */
export function detachedLocalPort(datapathId: bigint, bridge: string): Port {
  const mac = (datapathId & 0xffffffffffffn).toString(16).padStart(12, '0').replace(/(..)(?!$)/g, '$1:');
  return {
    portNo: OFPP_LOCAL, hwAddr: mac, name: bridge, config: 0, state: OFPPS_LINK_DOWN,
    curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0,
  };
}

/** The features of a bridge no agent has served yet (see the file comment). */
export function detachedFeatures(datapathId: bigint, bridge: string): DatapathFeatures {
  return { datapathId, nTables: DETACHED_N_TABLES, capabilities: 0, actions: 0, ports: [detachedLocalPort(datapathId, bridge)] };
}

/** In-band info while the datapath cannot tell (no agent, or it did not answer). */
function unknownInBandInfo(remotes: readonly InBandRemote[]): InBandInfo {
  return { localMac: null, nextHopMacs: remotes.map(() => null) };
}

/** In-ports a packet-in may carry beyond the datapath's ports: a PACKET_OUT's CONTROLLER or ANY (OF1.0 NONE) sent through the tables. */
const RESERVED_IN_PORTS = new Set([OFPP_CONTROLLER, OFPP_ANY]);

/** The in_port of an event's metadata, or undefined when absent or masked. */
function inPortField(metadata: readonly MatchField[]): number | undefined {
  for (const f of metadata) {
    if (f.field === 'in_port' && f.mask === undefined) return Number(f.value);
  }
  return undefined;
}

/**
 * "path: what is wrong" for an AgentWireError about a message inside
 * 'prefix' (e.g. "hello.features"); its path is made whole if it is
 * relative to the inner message.
 */
function wireProblem(prefix: string, e: AgentWireError): string {
  const path = e.path === '' ? prefix : e.path === prefix || e.path.startsWith(`${prefix}.`) ? e.path : `${prefix}.${e.path}`;
  const detail = e.path !== '' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
  return `${path}: ${detail}`;
}

/** The result kind a reply carries. */
function resultKind(r: OperationResult): 'replies' | 'in_band_info' | 'error' {
  if (!r.ok) return 'error';
  return 'inBandInfo' in r ? 'in_band_info' : 'replies';
}

/** The agent channel of one bridge. */
export class AgentChannel implements DatapathPort {
  readonly bridge: string;
  readonly datapathId: bigint;
  private readonly agents = new Map<bigint, Attached>();
  private primary: Attached | null = null;
  private current: DatapathFeatures;
  private readonly pending: PendingRequests<Attached>;
  private readonly state = new ConnMgrDatapathState();
  private eventListener: ((event: DatapathEvent) => void) | null = null;
  private readonly pauseRequests: (paused: boolean) => void;
  private readonly watchRequest: RequestWatcher | undefined;
  private readonly listener: AgentChannelListener | undefined;
  private requestsPaused = false;
  private eventsPaused = false;
  private closed = false;
  private readonly clock: Clock;
  private readonly holdMs: number;
  /** Controllers' requests waiting for a primary, oldest first (see the file comment). */
  private held: HeldRequest[] = [];

  constructor(options: AgentChannelOptions) {
    this.bridge = options.bridge;
    this.datapathId = options.datapathId;
    this.current = detachedFeatures(options.datapathId, options.bridge);
    this.pending = new PendingRequests(options.clock, options.requestTimeoutMs ?? DEFAULT_DATAPATH_TIMEOUT_MS);
    this.clock = options.clock;
    this.holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    this.pauseRequests = options.pauseRequests ?? (() => undefined);
    this.watchRequest = options.watchRequest;
    this.listener = options.listener;
  }

  // ---- Observations -------------------------------------------------------------

  /** The primary's election id, or null while no agent serves the bridge. */
  get primaryElectionId(): bigint | null {
    return this.primary?.id ?? null;
  }

  /** The election ids of every attached agent, highest (the primary) first. */
  get attachedElectionIds(): bigint[] {
    return [...this.agents.keys()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  }

  /** Requests sent to agents and not yet answered. */
  get unansweredRequests(): number {
    return this.pending.size;
  }

  /** Controllers' requests waiting for a primary agent. */
  get heldRequests(): number {
    return this.held.length;
  }

  /** True while the primary's stream takes no more requests (the controllers are not read). */
  get isRequestsPaused(): boolean {
    return this.requestsPaused;
  }

  /** True while the agents' streams are not read (the controllers' send queues are congested). */
  get isEventsPaused(): boolean {
    return this.eventsPaused;
  }

  /** The hidden flows connmgr has installed, as the channel remembers them for the next primary. */
  get hiddenFlows(): HiddenFlow[] {
    return this.state.hiddenFlows;
  }

  // ---- DatapathPort ---------------------------------------------------------------

  /** See the file comment: the detached features, then the primary's (kept when it goes). */
  features(): DatapathFeatures {
    return this.current;
  }

  /**
   * Sends 'req' to the primary; resolves with its reply, or with the
   * OpenFlow error of datapathTimeoutError() if there is no primary, it
   * goes or preempted before answering, or it does not answer in time.
   * connmgr's own requests (INTERNAL_SESSION_ID) are remembered for the
   * next primary and, with no primary, succeed at once.  A controller's
   * request is shown to the request watcher (if any), which hears how it
   * ended before the promise resolves.  Never rejects.
   */
  request(req: DatapathRequest): Promise<DatapathReply> {
    const own = req.origin.sessionId === INTERNAL_SESSION_ID;
    if (own) this.state.ownRequest(req);
    const watch = own ? undefined : this.watchRequest?.(this.bridge, req);
    const error = (): OfpErrName => datapathTimeoutError(req.msg);
    if (this.primary === null && own) return Promise.resolve({ ok: true, replies: [] });
    return new Promise((resolve) => {
      const settle = (reply: DatapathReply, outcome: RelayOutcome): void => {
        watch?.ended(outcome);
        resolve(reply);
      };
      const failed = (why: 'no-agent' | 'gone' | 'bad-reply' | 'unencodable', e: OfpErrName = error()): void =>
        settle({ ok: false, error: e }, { kind: 'failed', why, error: e });
      const send = (): void =>
        this.send({ kind: 'request', request: req }, 'replies', {
          answered: (r) => {
            if ('inBandInfo' in r) failed('bad-reply');
            else settle(r, { kind: 'answered', reply: r });
          },
          unanswered: (why) => {
            if (why !== 'timeout') failed(why);
            else {
              const e = error();
              settle({ ok: false, error: e }, { kind: 'abandoned', error: e });
            }
          },
        }, (e) => failed('unencodable', e), watch?.trace);
      if (this.primary !== null) send();
      else if (this.closed) failed('no-agent');
      else this.hold(req, send, () => failed('no-agent'));
    });
  }

  /** Keeps a controller's request until a primary comes or holdMs pass (see the file comment). */
  private hold(req: DatapathRequest, release: () => void, fail: () => void): void {
    const timer = this.clock.setTimer(this.holdMs, () => {
      const i = this.held.indexOf(entry);
      if (i < 0) return;
      this.held.splice(i, 1);
      this.heldChanged();
      fail();
    });
    const entry: HeldRequest = { req, release, fail, timer };
    this.held.push(entry);
    this.heldChanged();
  }

  /** Sessions are not read while MAX_HELD_REQUESTS wait (nor while the primary's stream is congested). */
  private heldChanged(): void {
    if (this.primary === null) this.setRequestsPaused(this.held.length >= MAX_HELD_REQUESTS);
  }

  /** Sends the held requests, in order, to the primary that came; or fails them all when the bridge goes. */
  private releaseHeld(fail: boolean): void {
    const held = this.held;
    this.held = [];
    for (const h of held) {
      h.timer.cancel();
      if (fail || this.primary === null) h.fail();
      else h.release();
    }
  }

  /**
   * Deletes every flow, group and meter (§4.11.3) through the primary;
   * with no primary, the flush is owed to the next one.  connmgr's hidden
   * flows and own requests are forgotten.  Resolves when done, never
   * rejects (a refusal is reported as an 'agent.operation-failed' event).
   */
  flush(): Promise<void> {
    if (this.primary === null) {
      this.state.flushed(true);
      return Promise.resolve();
    }
    this.state.flushed(false);
    return new Promise((resolve) => {
      this.send({ kind: 'flush' }, 'done', {
        answered: (r) => {
          if (!r.ok) this.operationFailed('flush', r.error);
          resolve();
        },
        unanswered: () => {
          this.state.flushUncertain();
          resolve();
        },
      });
    });
  }

  /**
   * Adds or replaces hidden flow 'flow', remembered for the next primary.
   * Resolves once the primary installed it, or at once with no primary;
   * rejects with an Error if the primary refused it.
   */
  addHiddenFlow(flow: HiddenFlow): Promise<void> {
    this.state.addHiddenFlow(flow);
    return this.hiddenFlowChange({ kind: 'add_hidden_flow', flow }, `hidden flow priority=${flow.priority}`);
  }

  /** Deletes the hidden flow of exactly 'priority' and 'match'; as addHiddenFlow(). */
  deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void> {
    this.state.deleteHiddenFlow(priority, match);
    return this.hiddenFlowChange({ kind: 'delete_hidden_flow', priority, match }, `deleting hidden flow priority=${priority}`);
  }

  /** Sets the one listener of the primary's events and of the port-status events a change of primary makes (null: none). */
  setEventListener(listener: ((event: DatapathEvent) => void) | null): void {
    this.eventListener = listener;
  }

  /** §4.8.7, as connmgr last wrote it. */
  get missSendsToController(): boolean {
    return this.state.missSendsToController;
  }

  /** §4.8.7: remembered, and sent to the primary as MissBehaviour. */
  set missSendsToController(value: boolean) {
    this.state.missSendsToController = value;
    if (this.primary) this.send({ kind: 'miss_behaviour', sendToController: value }, 'done', this.reportOnly('miss behaviour'));
  }

  /**
   * §8.3: the primary's answer to an InBandQuery for 'remotes'; with no
   * primary, or if it refuses or does not answer, nothing known (null
   * addresses).  Never rejects.
   */
  inbandInfo(remotes: readonly InBandRemote[]): Promise<InBandInfo> {
    if (this.primary === null) return Promise.resolve(unknownInBandInfo(remotes));
    return new Promise((resolve) => {
      this.send({ kind: 'in_band_query', remotes }, 'in_band_info', {
        answered: (r) => resolve('inBandInfo' in r ? r.inBandInfo : unknownInBandInfo(remotes)),
        unanswered: () => resolve(unknownInBandInfo(remotes)),
      });
    });
  }

  // ---- What the bridge tells the channel ------------------------------------------

  /** §4.3.7: connmgr's fragment handling mode changed (its 'connmgr.frag-handling' event): remembered, and sent to the primary. */
  setFragHandling(mode: number): void {
    this.state.fragHandling = mode;
    if (this.primary) this.send({ kind: 'frag_handling', mode }, 'done', this.reportOnly('fragment handling'));
  }

  /**
   * Backpressure toward the agents (connmgr's sendQueuesCongested hook):
   * while 'paused', no attached agent's stream is read.
   */
  pauseEvents(paused: boolean): void {
    if (paused === this.eventsPaused) return;
    this.eventsPaused = paused;
    for (const a of this.agents.values()) a.stream.pauseReading(paused);
    this.emit({ type: 'agent.backpressure', bridge: this.bridge, direction: 'events', paused });
  }

  // ---- Agents -----------------------------------------------------------------------

  /**
   * Attaches the agent of 'stream', whose first message was 'hello' (the
   * caller checked that it names this bridge): checks the datapath id,
   * the features and that no attached agent has the election id (else the
   * stream ends with INVALID_ARGUMENT), then makes it primary if its id is
   * the highest (preempting the primary) or a backup.  A closed channel
   * ends the stream with NOT_FOUND.
   */
  attach(stream: AgentStream, hello: AgentHello__Output): void {
    if (this.closed) {
      this.refuse(stream, grpc.status.NOT_FOUND, `bridge: no bridge named "${this.bridge}"`);
      return;
    }
    const own = this.datapathId.toString(16).padStart(16, '0');
    if (hello.datapath_id !== '' && !(/^[0-9a-fA-F]{16}$/.test(hello.datapath_id) && BigInt('0x' + hello.datapath_id) === this.datapathId)) {
      this.refuse(stream, grpc.status.INVALID_ARGUMENT, `hello.datapath_id: "${hello.datapath_id}" is not bridge ${this.bridge}'s datapath id ${own}`);
      return;
    }
    if (hello.features === null) {
      this.refuse(stream, grpc.status.INVALID_ARGUMENT, 'hello.features: missing');
      return;
    }
    let features: DatapathFeatures;
    try {
      features = { ...featuresFromProto(hello.features, this.datapathId), datapathId: this.datapathId };
    } catch (e) {
      if (!(e instanceof AgentWireError)) throw e;
      this.refuse(stream, grpc.status.INVALID_ARGUMENT, wireProblem('hello.features', e));
      return;
    }
    const id = electionIdFromProto(hello.election_id);
    if (this.agents.has(id)) {
      this.refuse(stream, grpc.status.INVALID_ARGUMENT, `hello.election_id: an agent with election id ${electionIdText(id)} is already attached to bridge ${this.bridge}`);
      return;
    }
    const agent: Attached = { id, stream, features };
    this.agents.set(id, agent);
    stream.setHandlers({
      message: (msg) => this.received(agent, msg),
      gone: (why) => this.detach(agent, why),
      drained: () => this.drained(agent),
    });
    if (this.eventsPaused) stream.pauseReading(true);
    const primary = this.primary === null || id > this.primary.id;
    this.emit({ type: 'agent.attached', bridge: this.bridge, electionId: electionIdText(id), peer: stream.peer, primary });
    if (primary) this.elect(agent);
    else this.tellStanding(agent);
  }

  /**
   * Ends every agent's stream with 'code' and 'details' (the bridge is
   * going); unanswered requests get their error.  The channel refuses
   * agents from now on.  Idempotent.
   */
  close(code: grpc.status, details: string): void {
    if (this.closed) return;
    this.closed = true;
    const agents = [...this.agents.values()];
    this.agents.clear();
    this.primary = null;
    for (const a of agents) a.stream.end(code, details);
    for (const a of agents) this.pending.failSentTo(a);
    this.releaseHeld(true);
    this.setRequestsPaused(false);
  }

  /** Ends the stream of an agent that was not attached, with 'code' and 'detail'. */
  private refuse(stream: AgentStream, code: grpc.status, detail: string): void {
    this.emit({ type: 'agent.refused', bridge: this.bridge, peer: stream.peer, code, detail });
    stream.end(code, detail);
  }

  /** 'agent' went away (or was ended): forgotten; if it was primary, the highest backup takes over. */
  private detach(agent: Attached, why: string): void {
    if (this.agents.get(agent.id) !== agent) return;
    this.agents.delete(agent.id);
    this.emit({ type: 'agent.detached', bridge: this.bridge, electionId: electionIdText(agent.id), why });
    if (this.primary !== agent) return;
    const next = this.attachedElectionIds[0];
    this.elect(next === undefined ? null : this.agents.get(next)!);
  }

  /**
   * Makes 'next' the primary (null: none): the former primary's
   * unanswered requests fail, every agent hears its standing, the new
   * primary's ports replace the old ones (port-status events for the
   * differences), and it receives the replay of connmgr's state, then
   * the controllers' requests that waited for a primary.
   */
  private elect(next: Attached | null): void {
    const old = this.primary;
    this.primary = next;
    this.setRequestsPaused(false);
    const failed = old ? this.pending.failSentTo(old) : 0;
    this.emit({ type: 'agent.primary', bridge: this.bridge, electionId: next ? electionIdText(next.id) : null, failed });
    if (next === null) {
      this.heldChanged();
      return;
    }
    for (const a of this.agents.values()) this.tellStanding(a);
    const before = this.current.ports;
    this.current = next.features;
    for (const ev of portChanges(before, next.features.ports)) this.deliver(ev);
    this.replay(next);
    if (this.primary === next) this.releaseHeld(false);
  }

  /** Sends 'agent' an Arbitration with its standing. */
  private tellStanding(agent: Attached): void {
    const primary = this.primary;
    const isPrimary = primary === agent;
    agent.stream.write({
      arbitration: {
        primary_election_id: primary ? electionIdToProto(primary.id) : null,
        code: isPrimary ? grpc.status.OK : grpc.status.ALREADY_EXISTS,
        message: isPrimary
          ? `primary agent of bridge ${this.bridge}`
          : `backup agent of bridge ${this.bridge}: the primary has election id ${primary ? electionIdText(primary.id) : 'none'}`,
      },
    });
  }

  /** Sends the new primary connmgr's state, before any request (connmgr-state.ts). */
  private replay(agent: Attached): void {
    for (const op of this.state.replay()) {
      if (this.primary !== agent) return;
      if (op.kind === 'flush') {
        this.send(op, 'done', {
          answered: (r) => {
            if (r.ok) this.state.flushDone();
            else this.operationFailed('flush (replay)', r.error);
          },
          unanswered: () => this.state.flushUncertain(),
        });
      } else {
        this.send(op, op.kind === 'request' ? 'replies' : 'done', this.reportOnly(`${op.kind.replace(/_/g, ' ')} (replay)`));
      }
    }
  }

  // ---- Sending ------------------------------------------------------------------------

  /**
   * Sends 'op' to the primary with a new request id, waiting for a reply
   * carrying 'expects'.  'unencodable' hears the OpenFlow error if the
   * operation cannot be put on the wire (default: reported, and
   * answer.unanswered()).  'trace' goes with it (traceparent, tracestate).
   */
  private send(
    op: DatapathOperation,
    expects: Expected,
    answer: PendingAnswer,
    unencodable?: (error: OfpErrName) => void,
    trace?: TraceContext,
  ): void {
    const agent = this.primary;
    if (agent === null) {
      answer.unanswered('gone');
      return;
    }
    const requestId = this.pending.peekId();
    let message;
    try {
      message = requestToProto(requestId, op, trace);
    } catch (e) {
      const error: OfpErrName = OfpCodecError.is(e) ? e.ofperr : 'OFPBRC_EPERM';
      if (unencodable) unencodable(error);
      else {
        this.operationFailed(op.kind, `cannot be sent: ${e instanceof Error ? e.message : String(e)}`);
        answer.unanswered('bad-reply');
      }
      return;
    }
    const id = this.pending.add(agent, op.kind, expects, answer);
    if (id !== requestId) throw new Error('request ids out of step');
    if (!agent.stream.write({ request: message })) this.setRequestsPaused(true);
  }

  /** A hidden flow change: at once with no primary; else as the primary answers (a refusal rejects). */
  private hiddenFlowChange(op: DatapathOperation, what: string): Promise<void> {
    if (this.primary === null) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.send(op, 'done', {
        answered: (r) => (r.ok ? resolve() : reject(new Error(`agent refused ${what}: ${r.error}`))),
        // Remembered: the next primary gets it with the hidden flow set.
        unanswered: () => resolve(),
      });
    });
  }

  /** An answer that only reports a refusal ('what' names the operation). */
  private reportOnly(what: string): PendingAnswer {
    return {
      answered: (r) => {
        if (!r.ok) this.operationFailed(what, r.error);
      },
      unanswered: (why) => {
        if (why === 'timeout') this.operationFailed(what, 'no answer in time');
      },
    };
  }

  private operationFailed(operation: string, detail: string): void {
    this.emit({ type: 'agent.operation-failed', bridge: this.bridge, operation, detail });
  }

  private setRequestsPaused(paused: boolean): void {
    if (paused === this.requestsPaused) return;
    this.requestsPaused = paused;
    this.pauseRequests(paused);
    this.emit({ type: 'agent.backpressure', bridge: this.bridge, direction: 'requests', paused });
  }

  private drained(agent: Attached): void {
    if (agent === this.primary) this.setRequestsPaused(false);
  }

  // ---- Receiving ----------------------------------------------------------------------

  /** One message of 'agent' (see the file comment for what is refused). */
  private received(agent: Attached, msg: AgentMessage__Output): void {
    const messageId = msg.message_id;
    if (msg.body === 'hello') {
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, 'hello: this stream is attached already', messageId);
      return;
    }
    if (msg.body === undefined) {
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, 'the message has no body', messageId);
      return;
    }
    if (agent !== this.primary) {
      const p = this.primary ? electionIdText(this.primary.id) : 'none';
      this.streamError(agent, grpc.status.PERMISSION_DENIED, `${msg.body}: this agent (election id ${electionIdText(agent.id)}) is a backup; the primary has election id ${p}`, messageId);
      return;
    }
    switch (msg.body) {
      case 'reply':
        this.receivedReply(agent, msg, messageId);
        return;
      case 'features':
        this.receivedFeatures(agent, msg, messageId);
        return;
      case 'packet_in':
      case 'flow_removed':
      case 'port_status':
        this.receivedEvent(agent, msg, messageId);
        return;
    }
  }

  private receivedReply(agent: Attached, msg: AgentMessage__Output, messageId: string): void {
    const raw = msg.reply!;
    let reply: { requestId: number; result: OperationResult };
    try {
      reply = replyFromProto(raw);
    } catch (e) {
      if (!(e instanceof AgentWireError)) throw e;
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, wireProblem('reply', e), messageId);
      // A reply the service cannot read still settles its request, as unanswered.
      const entry = this.pending.peek(Number(raw.request_id));
      if (entry?.agent === agent) this.pending.take(entry.id)!.answer.unanswered('bad-reply');
      return;
    }
    const entry = this.pending.peek(reply.requestId);
    if (!entry || entry.agent !== agent) {
      this.streamError(agent, grpc.status.FAILED_PRECONDITION, `reply.request_id: no request ${reply.requestId} is waiting for an answer from this agent`, messageId);
      return;
    }
    this.pending.take(entry.id);
    const kind = resultKind(reply.result);
    const fits = kind === 'error' || (entry.expects === 'in_band_info' ? kind === 'in_band_info' : kind === 'replies');
    if (!fits) {
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, `reply.result: request ${entry.id} (${entry.what}) is not answered by ${kind === 'in_band_info' ? 'in_band_info' : 'ok'}`, messageId);
      entry.answer.unanswered('bad-reply');
      return;
    }
    entry.answer.answered(reply.result);
  }

  private receivedFeatures(agent: Attached, msg: AgentMessage__Output, messageId: string): void {
    let f: DatapathFeatures;
    try {
      f = featuresFromProto(msg.features!, this.datapathId);
    } catch (e) {
      if (!(e instanceof AgentWireError)) throw e;
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, wireProblem('features', e), messageId);
      return;
    }
    // Ports change by port-status events only (the proto); the rest is taken.
    this.current = { ...this.current, nTables: f.nTables, capabilities: f.capabilities, actions: f.actions };
  }

  private receivedEvent(agent: Attached, msg: AgentMessage__Output, messageId: string): void {
    let ev: DatapathEvent;
    try {
      ev = eventFromProto(msg);
    } catch (e) {
      if (!(e instanceof AgentWireError)) throw e;
      this.streamError(agent, grpc.status.INVALID_ARGUMENT, wireProblem(msg.body!, e), messageId);
      return;
    }
    const ports = this.current.ports;
    const known = (portNo: number): boolean => ports.some((p) => p.portNo === portNo);
    if (ev.type === 'packet_in') {
      const inPort = inPortField(ev.metadata);
      if (inPort === undefined) {
        this.streamError(agent, grpc.status.INVALID_ARGUMENT, 'packet_in.metadata: no in_port', messageId);
        return;
      }
      if (!known(inPort) && !RESERVED_IN_PORTS.has(inPort)) {
        this.streamError(agent, grpc.status.INVALID_ARGUMENT, `packet_in.metadata: in_port ${inPort} is not a port of the datapath`, messageId);
        return;
      }
    } else if (ev.type === 'port_status') {
      const portNo = ev.port.portNo;
      if (ev.reason !== 0 && !known(portNo)) {
        this.streamError(agent, grpc.status.INVALID_ARGUMENT, `port_status.port.port_no: port ${portNo} is not a port of the datapath`, messageId);
        return;
      }
      const rest = ports.filter((p) => p.portNo !== portNo);
      this.current = { ...this.current, ports: ev.reason === 1 ? rest : [...rest, ev.port].sort((a, b) => a.portNo - b.portNo) };
    }
    this.deliver(ev);
  }

  /** Sends 'agent' a StreamError, unless its stream is congested (then it is dropped, and counted in the event). */
  private streamError(agent: Attached, code: grpc.status, message: string, messageId: string): void {
    const sent = !agent.stream.isCongested;
    if (sent) agent.stream.write({ error: { code, message, message_id: messageId } });
    this.emit({ type: 'agent.stream-error', bridge: this.bridge, electionId: electionIdText(agent.id), code, message, sent });
  }

  private deliver(ev: DatapathEvent): void {
    this.eventListener?.(ev);
  }

  private emit(event: AgentChannelEvent): void {
    this.listener?.(event);
  }
}
