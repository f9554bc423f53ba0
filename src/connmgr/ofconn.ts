/**
 * One OpenFlow session (Open vSwitch's struct ofconn): its state and
 * defaults (reference §4.3.1), the requests the connection layer answers
 * itself (§4.13: ECHO, FEATURES, GET/SET_CONFIG, flow format, packet-in
 * format, flow_mod table id, controller id, roles §4.4, async config
 * §4.6, BARRIER), the secondary check (§4.4.6), and the hand-off of every
 * datapath request to the datapath port in order, with its answer (or an
 * error, on timeout too) encoded back in the session's version (§4.13.7,
 * §9).  It also sends the asynchronous messages connmgr routes to it
 * (§4.5) and keeps its own receive loop within the limits of §4.9.
 *
 * An ofconn sits on an rconn owned by its ofservice (ofservice.ts); the
 * bridge-wide things it needs (datapath, clock, generation id, fragment
 * handling, the other sessions for demotion, the turn scheduler) come
 * through the narrow OfConnHost port that connmgr.ts implements.
 *
 * Receive loop (§4.9.1).  The rconn hands over messages as it decodes
 * them, possibly thousands from one socket read.  They wait in an inbox;
 * connmgr runs "turns" (each a setImmediate callback, so socket I/O and
 * other sessions get the event loop in between), and in each turn a
 * session handles at most 50 messages.  A session stops reading its
 * socket (TCP backpressure) while 50 or more messages wait in its inbox,
 * while 100 or more replies are owed (queued in the rconn, the reply
 * counter, or not yet answered by the datapath), or while the bridge says
 * the datapath takes no more requests (OfConnHost.requestsPaused).  It
 * reads again when the backlog clears.
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import {
  applySetAsync,
  asyncConfigToReply,
  effectiveAsyncConfig,
  encode,
  encodeAll,
  messageName,
  errorReply,
  FLOW_FORMAT,
  NO_BUFFER,
  OFP13,
  OfpCodecError,
  OFPSF_MORE,
  PACKET_IN_FORMAT,
  PACKET_IN_REASON,
  refusalFor,
  withInvalidTtlToController,
  type AsyncConfig,
  type OfpErrName,
  type OfpMessage,
  type OfpMessageOf,
  type PacketInMsg,
  type UnmodelledMsg,
} from '../openflow/index.js';
import { PacketCounter } from '../rconn/index.js';
import type { Rconn } from '../rconn/rconn.js';
import {
  demotionStatus,
  flowRemovedMessage,
  inPortOf,
  packetInMessage,
  portStatusMessage,
  type FlowFormat,
} from './async-encoding.js';
import type { AsyncRecipient } from './async-dispatch.js';
import type {
  DatapathFlowRemoved,
  DatapathPacketIn,
  DatapathPort,
  DatapathPortStatus,
  DatapathReply,
} from './datapath-port.js';
import type { ConnMgrStats } from './connmgr.js';
import type { ConnMgrEvent } from './events.js';
import type { RandomRange } from '../pinsched/index.js';
import { featuresReply } from './features.js';
import { PacketInSchedulers } from './packet-in-schedulers.js';
import { NULL_BUFFER_ID, PacketBuffers } from '../pktbuf/index.js';
import { OFPP_TABLE } from '../openflow/port-number.js';
import type { EventRateLimit } from './rate-limit.js';
import { ReplyPipeline } from './reply-pipeline.js';
import { forDatapath, inRequestFormat } from './request-format.js';
import { decideRoleRequest, type PrimaryElection, type SessionRole } from './roles.js';
import type { ConnectionType, ServiceSettings } from './settings.js';

/** OpenFlow 1.2+'s max_len for "no buffering, the whole packet" (OFPCML_NO_BUFFER). */
const OFPCML_NO_BUFFER = 0xffff;

/** §4.9.1: the most messages one session handles per turn (OVS's ofconn_run limit). */
export const MAX_MESSAGES_PER_TURN = 50;
/** §4.9.1: replies owed at which a session stops reading (OFCONN_REPLY_MAX). */
export const OFCONN_REPLY_MAX = 100;
/** §4.3.1: miss_send_len of a primary session until SET_CONFIG (OFP_DEFAULT_MISS_SEND_LEN). */
export const OFP_DEFAULT_MISS_SEND_LEN = 128;
/** Default time the datapath gets to answer one request, ms. */
export const DEFAULT_DATAPATH_TIMEOUT_MS = 30_000;

/** OFPC_INVALID_TTL_TO_CONTROLLER: SET_CONFIG/GET_CONFIG flag of OF1.0-1.2. */
const OFPC_INVALID_TTL_TO_CONTROLLER = 4;
/** OFPC_FRAG_MASK: the fragment handling bits of SET_CONFIG flags. */
const OFPC_FRAG_MASK = 3;
/** OFPMPF_REQ_MORE: more parts of this multipart request follow. */
const OFPMPF_REQ_MORE = 1;

/** What a session needs from its bridge. */
export interface OfConnHost {
  readonly bridge: string;
  readonly clock: Clock;
  readonly datapath: DatapathPort;
  /** The bridge's generation id (§4.4.3). */
  readonly election: PrimaryElection;
  /** How long the datapath gets to answer a request, ms. */
  readonly datapathTimeoutMs: number;
  /** The bridge's packet_buffers: n_buffers in FEATURES_REPLY (§4.13.3) and each primary session's pool size (§6.2.1); 0: no buffering (§6.1). */
  readonly nBuffers: number;
  /** Limits error-reply events to 10 per minute (§9.3). */
  readonly errorReplyLimit: EventRateLimit;
  /** The bridge-wide counters, which the session adds its packet-ins to. */
  readonly stats: ConnMgrStats;
  /** The bridge's fragment handling mode, OFPC_FRAG_* (§4.3.7). */
  fragHandling: number;
  /**
   * True while the datapath cannot take more requests (the agent channel's
   * stream pushed back): every session stops reading its socket.
   */
  requestsPaused: boolean;
  emit(event: ConnMgrEvent): void;
  /** 'conn' is becoming primary: every other primary session becomes secondary (§4.4.2, §4.4.5). */
  demoteOthers(conn: OfConn): void;
  /** Asks for a receive turn soon (§4.9.1). */
  scheduleTurn(): void;
  /** The session's send queue, after holding a backlog, has been written out. */
  sendQueueDrained(): void;
  /** The session's controller id changed (§4.8.7 depends on it). */
  controllerIdChanged(): void;
  /** Called before each received message is handled (fail-open recovery hook, §7.4); optional. */
  beforeDispatch?(): void;
  /** True while the bridge fails open (§7): table misses then carry the null buffer id (§6.2.5). */
  isFailingOpen?(): boolean;
  /** Chooses among equally long packet-in queues when one must drop (§5.3); default Math.random. */
  readonly randomRange?: RandomRange;
}

/** What a session reads from its service: the live settings (§4.2.3 reconfigures them in place). */
export interface OfConnService {
  readonly settings: ServiceSettings;
}

/** One received message waiting for its turn. */
interface InboxEntry {
  readonly msg: OfpMessage | OfpCodecError;
  readonly frame: Buffer;
}

/** Per-session counters, for status and tests. */
export interface OfConnStats {
  /** Packet-ins handed to the rconn. */
  packetInsSent: number;
  /** Packet-ins dropped because the packet-in queue was full (§4.5.2). */
  packetInsDropped: number;
  /** Error replies sent. */
  errorsSent: number;
  /** Datapath requests that timed out. */
  datapathTimeouts: number;
}

/** Wire names of the messages a controller may not send (§4.13.6) beyond the modelled ones. */
const UNMODELLED_SWITCH_TO_CONTROLLER = new Set([
  'OFPT_TABLE_STATUS',
  'OFPT_REQUESTFORWARD',
  'NXT_REQUESTFORWARD',
  'ONFT_REQUESTFORWARD',
  'NXT_PACKET_IN2',
  'NXT_FLOW_MONITOR_PAUSED',
  'NXT_FLOW_MONITOR_RESUMED',
  'ONFT_FLOW_MONITOR_PAUSED',
  'ONFT_FLOW_MONITOR_RESUMED',
  'OFPT_CONTROLLER_STATUS',
]);
/** Unmodelled requests that change state, refused to a secondary (§4.4.6). */
const UNMODELLED_STATE_CHANGES = new Set([
  'OFPT_BUNDLE_CONTROL',
  'OFPT_BUNDLE_ADD_MESSAGE',
  'ONFT_BUNDLE_CONTROL',
  'ONFT_BUNDLE_ADD_MESSAGE',
  'NXT_TLV_TABLE_MOD',
]);
/** Bundles belong to the connection layer (§4.8.3); this connection manager does not support them yet, so they are refused with refusalFor(). */
const UNMODELLED_BUNDLES = new Set(['OFPT_BUNDLE_CONTROL', 'OFPT_BUNDLE_ADD_MESSAGE', 'ONFT_BUNDLE_CONTROL', 'ONFT_BUNDLE_ADD_MESSAGE']);

/** Returns true if unmodelled 'm' is a reply or a switch-to-controller message (BAD_TYPE from a controller). */
function isSwitchToController(m: UnmodelledMsg): boolean {
  return m.rawName.endsWith('_REPLY') || UNMODELLED_SWITCH_TO_CONTROLLER.has(m.rawName);
}

/**
 * The error a requester gets when the datapath does not answer in time: a
 * multipart request in OF1.3+ gets OFPBRC_MULTIPART_REPLY_TIMEOUT, whose
 * meaning is exactly that; every other request (and multipart requests in
 * versions that have no such code) gets OFPBRC_EPERM, the generic "the
 * switch could not carry this out" that Open vSwitch also answers when a
 * datapath operation fails for a reason OpenFlow has no code for.
 */
export function datapathTimeoutError(msg: OfpMessage): OfpErrName {
  const multipart = msg.type === 'multipart_request' || (msg.type === 'unmodelled' && msg.stat !== undefined);
  return multipart && msg.version >= 4 ? 'OFPBRC_MULTIPART_REPLY_TIMEOUT' : 'OFPBRC_EPERM';
}

/** One OpenFlow session. */
export class OfConn implements AsyncRecipient {
  /** §4.3.1: the connection type, fixed at creation from the service's settings. */
  readonly connectionType: ConnectionType;
  role: SessionRole = 'equal';
  /** §4.3.4: OF1.0 flow format (OF1.1+ sessions always use OXM). */
  flowFormat: FlowFormat = 'openflow10';
  /** §4.3.4: NXT_FLOW_MOD_TABLE_ID enabled. */
  flowModTableId = false;
  /** §4.3.5: NXPIF_* packet-in format. */
  packetInFormat: number = PACKET_IN_FORMAT.standard;
  /** §4.3.1: 128 for primary sessions, 0 for service sessions, until SET_CONFIG. */
  missSendLen: number;
  /** §4.3.6. */
  controllerId = 0;
  /** §4.6.1: set by SET_ASYNC (or SET_CONFIG's TTL flag); undefined: computed on demand. */
  explicitAsyncConfig: AsyncConfig | undefined = undefined;
  /** Replies queued in the rconn (§4.9.2). */
  readonly replyCounter = new PacketCounter();
  /** Packet-ins queued in the rconn (§4.5.2). */
  readonly packetInCounter = new PacketCounter();
  readonly stats: OfConnStats = { packetInsSent: 0, packetInsDropped: 0, errorsSent: 0, datapathTimeouts: 0 };
  /** §5.1: the miss and action schedulers, present while the service's rate_limit is positive. */
  readonly packetInSchedulers: PacketInSchedulers;
  /** §6.2.1: the packet buffers of a primary session while the bridge buffers packets; null otherwise. */
  readonly packetBuffers: PacketBuffers | null;

  private readonly pipeline: ReplyPipeline;
  private inbox: InboxEntry[] = [];
  private inboxHead = 0;
  private readingPaused = false;
  private destroyed = false;
  /** Timeout timers of datapath requests not yet answered. */
  private readonly pendingTimers = new Set<TimerHandle>();
  private readonly overflowLimit: EventRateLimit;
  /** The last asyncConfig computed and what it was computed from. */
  private asyncConfigCache: {
    readonly explicit: AsyncConfig | undefined; readonly version: number | undefined; readonly enable: boolean; readonly config: AsyncConfig;
  } | null = null;

  /**
   * A session named 'name' (§4.1.6) on 'rconn', created for 'service'
   * with number 'id'.  Takes its type and defaults from the service's
   * settings (§4.3.1); 'overflowLimit' rate-limits its packet-in overflow
   * events (§4.5.2).
   */
  constructor(
    private readonly host: OfConnHost,
    readonly id: number,
    readonly name: string,
    readonly service: OfConnService,
    readonly rconn: Rconn,
    overflowLimit: EventRateLimit,
  ) {
    this.connectionType = service.settings.type;
    this.missSendLen = this.connectionType === 'primary' ? OFP_DEFAULT_MISS_SEND_LEN : 0;
    this.overflowLimit = overflowLimit;
    this.pipeline = new ReplyPipeline((frames) => {
      for (const f of frames) this.rconn.send(f, this.replyCounter);
    });
    this.packetBuffers = this.connectionType === 'primary' && host.nBuffers > 0 ? new PacketBuffers(host.nBuffers) : null;
    this.packetInSchedulers = new PacketInSchedulers(host.clock, (frame) => this.sendLimited(frame), host.randomRange, (n) => {
      host.stats.packetInsRateLimited += n;
    });
    this.applyRateLimits();
    if (host.requestsPaused) this.updateReading();
  }

  /**
   * §5.1, §5.5: makes the packet-in schedulers follow the service's
   * current rate_limit and burst_limit (created, adjusted, or destroyed
   * with their queues and statistics when the rate is 0).
   */
  applyRateLimits(): void {
    if (this.destroyed) return;
    this.packetInSchedulers.setLimits(this.service.settings.rateLimit, this.service.settings.burstLimit);
  }

  // ---- Observations ---------------------------------------------------------

  /** The rconn is connected (ACTIVE or IDLE). */
  get isConnected(): boolean {
    return this.rconn.isConnected;
  }

  /** The negotiated version, or undefined until the HELLO exchange is done (§4.5.1: protocol unknown). */
  get version(): number | undefined {
    const v = this.rconn.version;
    return v > 0 && this.rconn.isConnected ? v : undefined;
  }

  /**
   * §4.6.1: the configuration in force (explicit, else the default or
   * nothing).  Every packet-in asks (async-dispatch.ts), so the value is
   * computed again only when what it depends on changed.
   */
  get asyncConfig(): AsyncConfig {
    const explicit = this.explicitAsyncConfig;
    const version = this.version;
    const enable = this.service.settings.enableAsyncMsgs;
    const c = this.asyncConfigCache;
    if (c !== null && c.explicit === explicit && c.version === version && c.enable === enable) return c.config;
    const config = effectiveAsyncConfig(explicit, version, enable);
    this.asyncConfigCache = { explicit, version, enable, config };
    return config;
  }

  /** The packet-in queue limit (§5.7), from the service's current settings. */
  get packetInQueueLimit(): number {
    return this.service.settings.packetInQueueSize;
  }

  /** Answers owed to the peer: queued in the rconn or not yet given by the datapath (§4.9.1). */
  get repliesOwed(): number {
    return this.replyCounter.packets + this.pipeline.unanswered;
  }

  /** Received messages waiting for a turn. */
  get inboxLength(): number {
    return this.inbox.length - this.inboxHead;
  }

  /** True while the session does not read its socket (§4.9.1). */
  get isReadingPaused(): boolean {
    return this.readingPaused;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- Receive loop (§4.9) ----------------------------------------------------

  /** A message arrived (from the rconn's onMessage): queue it for the next turn. */
  receive(msg: OfpMessage | OfpCodecError, frame: Buffer): void {
    if (this.destroyed) return;
    this.inbox.push({ msg, frame });
    if (this.inboxLength >= MAX_MESSAGES_PER_TURN) this.updateReading();
    this.host.scheduleTurn();
  }

  /**
   * One turn (§4.9.1): handles up to MAX_MESSAGES_PER_TURN waiting
   * messages, stopping early while OFCONN_REPLY_MAX replies are owed.
   * Returns true if messages are left that could be handled now (the
   * caller schedules another turn).
   */
  runTurn(): boolean {
    for (let n = 0; n < MAX_MESSAGES_PER_TURN && this.inboxLength > 0 && !this.backlogged() && !this.destroyed; n++) {
      const entry = this.inbox[this.inboxHead]!;
      this.inboxHead++;
      if (this.inboxHead === this.inbox.length) {
        this.inbox = [];
        this.inboxHead = 0;
      }
      this.host.beforeDispatch?.();
      this.dispatch(entry.msg, entry.frame);
    }
    if (this.destroyed) return false;
    this.updateReading();
    return this.inboxLength > 0 && !this.backlogged();
  }

  /** The rconn's send queue drained (Rconn onDrained): replies left, perhaps reading may resume. */
  drained(): void {
    this.progress();
    if (!this.destroyed) this.host.sendQueueDrained();
  }

  /** Pauses or resumes reading the socket after OfConnHost.requestsPaused changed. */
  refreshReading(): void {
    this.updateReading();
  }

  private backlogged(): boolean {
    return this.repliesOwed >= OFCONN_REPLY_MAX;
  }

  /** Pauses or resumes reading the socket as the inbox and the replies owed say (§4.9.1). */
  private updateReading(): void {
    if (this.destroyed) return;
    const pause = this.backlogged() || this.inboxLength >= MAX_MESSAGES_PER_TURN || this.host.requestsPaused;
    if (pause !== this.readingPaused) {
      this.readingPaused = pause;
      this.rconn.pauseReading(pause);
    }
  }

  /** Something owed was answered or written: read again if possible and continue with the inbox. */
  private progress(): void {
    if (this.destroyed) return;
    this.updateReading();
    if (this.inboxLength > 0 && !this.backlogged()) this.host.scheduleTurn();
  }

  /** Ends the session's processing: pending answers and waiting messages are dropped.  Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pipeline.clear();
    for (const t of this.pendingTimers) t.cancel();
    this.pendingTimers.clear();
    this.packetInSchedulers.destroy();
    this.inbox = [];
    this.inboxHead = 0;
    if (this.readingPaused) this.rconn.pauseReading(false);
    this.readingPaused = false;
  }

  // ---- Dispatch (§4.13) -----------------------------------------------------------

  private dispatch(msg: OfpMessage | OfpCodecError, frame: Buffer): void {
    if (OfpCodecError.is(msg)) {
      this.replyError(frame, msg.ofperr, 'invalid');
      return;
    }
    switch (msg.type) {
      case 'echo_request':
        // §4.13.2.  Sent at once rather than in request order: it is about
        // liveness, and a slow datapath must not make the peer's probes fail.
        this.rconn.send(encode({ type: 'echo_reply', version: msg.version, xid: msg.xid, data: msg.data }), this.replyCounter);
        return;
      case 'echo_reply':
      case 'flow_age':
        return;
      case 'features_request':
        this.answer(featuresReply(this.host.datapath.features(), msg.version, msg.xid, this.host.nBuffers));
        return;
      case 'get_config_request':
        this.answer(this.configReply(msg.version, msg.xid));
        return;
      case 'set_config':
        this.handleSetConfig(msg, frame);
        return;
      case 'barrier_request':
        this.answer({ type: 'barrier_reply', version: msg.version, xid: msg.xid });
        return;
      case 'role_request':
        this.handleRoleRequest(msg, frame);
        return;
      case 'set_async':
        this.handleSetAsync(msg, frame);
        return;
      case 'get_async_request':
        this.answer(asyncConfigToReply(this.asyncConfig, msg.version, msg.xid));
        return;
      case 'set_flow_format':
        if (msg.format === FLOW_FORMAT.openflow10) this.flowFormat = 'openflow10';
        else if (msg.format === FLOW_FORMAT.nxm) this.flowFormat = 'nxm';
        else this.replyError(frame, 'OFPBRC_EPERM', 'NXT_SET_FLOW_FORMAT');
        return;
      case 'flow_mod_table_id':
        this.flowModTableId = msg.enable;
        return;
      case 'set_packet_in_format':
        // NXT_PACKET_IN2 (2) is not modelled by the codec: refusing it makes
        // ovs-ofctl fall back to NXT_PACKET_IN or the standard format.
        if (msg.format === PACKET_IN_FORMAT.standard || msg.format === PACKET_IN_FORMAT.nxt_packet_in) this.packetInFormat = msg.format;
        else this.replyError(frame, 'OFPBRC_EPERM', 'NXT_SET_PACKET_IN_FORMAT');
        return;
      case 'set_controller_id':
        this.controllerId = msg.controllerId;
        this.host.controllerIdChanged();
        return;
      case 'hello':
      case 'error':
      case 'features_reply':
      case 'get_config_reply':
      case 'packet_in':
      case 'flow_removed':
      case 'port_status':
      case 'multipart_reply':
      case 'role_reply':
      case 'role_status':
      case 'get_async_reply':
      case 'barrier_reply':
        this.replyError(frame, 'OFPBRC_BAD_TYPE', messageName(msg));
        return;
      case 'flow_mod':
        this.handleFlowMod(msg, frame);
        return;
      case 'packet_out':
        if (this.refuseSecondary(msg, frame)) return;
        this.handlePacketOut(msg, frame);
        return;
      case 'port_mod':
      case 'group_mod':
      case 'meter_mod':
      case 'table_mod':
        if (!this.refuseSecondary(msg, frame)) this.forward(msg, frame);
        return;
      case 'multipart_request':
        // §4.8.4: the modelled kinds may not come in several parts.
        if (msg.flags & OFPMPF_REQ_MORE) this.replyError(frame, 'OFPBRC_BAD_STAT', messageName(msg));
        else this.forward(msg, frame);
        return;
      case 'unmodelled':
        this.handleUnmodelled(msg, frame);
        return;
    }
  }

  /** §4.4.6: a secondary may not change state; answers IS_SECONDARY and returns true if so. */
  private refuseSecondary(msg: OfpMessage, frame: Buffer): boolean {
    if (this.role !== 'secondary') return false;
    this.replyError(frame, 'OFPBRC_IS_SECONDARY', messageName(msg));
    return true;
  }

  private handleFlowMod(msg: OfpMessageOf<'flow_mod'>, frame: Buffer): void {
    if (this.refuseSecondary(msg, frame)) return;
    let fm = msg;
    if (msg.version === 1 && !this.flowModTableId) {
      // §4.3.4: without NXT_FLOW_MOD_TABLE_ID the OF1.0 command's high byte
      // is part of the command, and no table is named (OFPTT_ALL).
      if (msg.tableId !== 0) {
        this.replyError(frame, 'OFPFMFC_BAD_COMMAND', messageName(msg));
        return;
      }
      fm = { ...msg, tableId: 0xff };
    }
    const adds = fm.command === 'add' || fm.command === 'modify' || fm.command === 'modify_strict';
    if (!adds || fm.bufferId === NO_BUFFER) {
      this.forward(fm, frame);
      return;
    }
    // §6.2.4: the flow mod goes on without the buffer id; the buffered
    // packet follows as a packet-out through the flow table, as the seed did.
    const found = this.retrieveBuffer(fm.bufferId, frame, msg);
    if (!found) return;
    this.forward({ ...fm, bufferId: NO_BUFFER }, frame);
    if (found.packet) {
      const po: OfpMessageOf<'packet_out'> = {
        type: 'packet_out', version: fm.version, xid: fm.xid, bufferId: NO_BUFFER, inPort: found.packet.inPort, metadata: [],
        actions: [{ type: 'output', port: OFPP_TABLE, maxLen: 0 }], data: found.packet.frame,
      };
      this.forward(po, frame);
    }
  }

  /**
   * §6.1, §6.2.4: a PACKET_OUT naming a buffer gets the buffered packet as
   * its data (buffer id NO_BUFFER) before it goes to the datapath; the null
   * id is accepted and does nothing; a bad id is refused.
   */
  private handlePacketOut(msg: OfpMessageOf<'packet_out'>, frame: Buffer): void {
    if (msg.bufferId === NO_BUFFER) {
      this.forward(msg, frame);
      return;
    }
    const found = this.retrieveBuffer(msg.bufferId, frame, msg);
    if (found?.packet) this.forward({ ...msg, bufferId: NO_BUFFER, data: found.packet.frame }, frame);
  }

  /**
   * §6.2.4: takes buffer 'id' (not NO_BUFFER) out of this session's pool.
   * Returns the result when the request may go on (with the packet, or
   * none for the null id); answers the refusal (BUFFER_UNKNOWN without a
   * pool, BUFFER_EMPTY, BUFFER_UNKNOWN) and returns null otherwise.
   */
  private retrieveBuffer(id: number, frame: Buffer, msg: OfpMessage): { packet: { frame: Uint8Array; inPort: number } | null } | null {
    const result = this.packetBuffers?.retrieve(id) ?? { ok: false as const, error: 'OFPBRC_BUFFER_UNKNOWN' as const, detail: 'attempt to send buffered packet via connection without buffers' };
    if (result.detail !== undefined) this.host.emit({ type: 'connmgr.packet-buffer', session: this.name, detail: result.detail });
    if (!result.ok) {
      this.replyError(frame, result.error, messageName(msg));
      return null;
    }
    return result;
  }

  private handleUnmodelled(msg: UnmodelledMsg, frame: Buffer): void {
    if (isSwitchToController(msg)) {
      this.replyError(frame, 'OFPBRC_BAD_TYPE', msg.rawName);
      return;
    }
    if (msg.rawName === 'OFPT_VENDOR') {
      // A vendor the codec does not know: nothing on either side can read it.
      this.replyError(frame, refusalFor(msg), msg.rawName);
      return;
    }
    if (UNMODELLED_STATE_CHANGES.has(msg.rawName) && this.refuseSecondary(msg, frame)) return;
    if (UNMODELLED_BUNDLES.has(msg.rawName)) {
      this.replyError(frame, msg.vendor !== undefined ? 'OFPBRC_BAD_SUBTYPE' : 'OFPBRC_BAD_TYPE', msg.rawName);
      return;
    }
    // Everything else that is well framed is datapath work, carried raw
    // (datapath-port.ts): the datapath answers it or refuses it.
    this.forward(msg, frame);
  }

  /** §4.3.7: GET_CONFIG_REPLY: bridge fragment mode, miss_send_len, the TTL flag (OF1.0-1.2). */
  private configReply(version: number, xid: number): OfpMessage {
    let flags = this.host.fragHandling;
    if (version <= 3 && this.asyncConfig.primary.packet_in & (1 << PACKET_IN_REASON.invalid_ttl)) {
      flags |= OFPC_INVALID_TTL_TO_CONTROLLER;
    }
    return { type: 'get_config_reply', version, xid, flags, missSendLen: this.missSendLen };
  }

  private handleSetConfig(msg: OfpMessageOf<'set_config'>, frame: Buffer): void {
    const v = msg.version;
    const allowed = OFPC_FRAG_MASK | (v <= 3 ? OFPC_INVALID_TTL_TO_CONTROLLER : 0);
    if (msg.flags & ~allowed) {
      this.replyError(frame, 'OFPSCFC_BAD_FLAGS', 'OFPT_SET_CONFIG');
      return;
    }
    // The fragment mode is the bridge's; a primary-type session in the
    // secondary role may not change it.
    if (!(this.connectionType === 'primary' && this.role === 'secondary')) {
      const frag = msg.flags & OFPC_FRAG_MASK;
      if (frag !== this.host.fragHandling) {
        this.host.fragHandling = frag;
        this.host.emit({ type: 'connmgr.frag-handling', bridge: this.host.bridge, mode: frag });
      }
    }
    if (v <= 3) {
      const enable = (msg.flags & OFPC_INVALID_TTL_TO_CONTROLLER) !== 0;
      this.explicitAsyncConfig = withInvalidTtlToController(this.asyncConfig, enable, v);
    }
    this.missSendLen = msg.missSendLen;
  }

  private handleRoleRequest(msg: OfpMessageOf<'role_request'>, frame: Buffer): void {
    const election = this.host.election;
    const decision = decideRoleRequest(msg, this.role, election);
    if (!decision.ok) {
      this.replyError(frame, decision.error, messageName(msg));
      return;
    }
    if (decision.generationId !== null) election.set(decision.generationId);
    if (decision.changed) {
      // §4.4.5: the demoted sessions hear of it before this reply goes out.
      if (decision.role === 'primary') this.host.demoteOthers(this);
      this.setRole(decision.role);
    }
    this.answer({
      type: 'role_reply',
      version: msg.version,
      xid: msg.xid,
      format: msg.format,
      role: this.role,
      generationId: election.wireValue,
    });
  }

  private handleSetAsync(msg: OfpMessageOf<'set_async'>, frame: Buffer): void {
    const result = applySetAsync(this.asyncConfig, msg, msg.version);
    if (!result.ok) {
      this.replyError(frame, result.error, messageName(msg));
      return;
    }
    this.explicitAsyncConfig = result.config;
    // §4.6.6: a service session that asks for async messages gets them.
    if (this.connectionType === 'service' && this.missSendLen === 0) this.missSendLen = OFP_DEFAULT_MISS_SEND_LEN;
  }

  /** Sets the role, telling telemetry. */
  private setRole(role: SessionRole): void {
    if (role === this.role) return;
    const from = this.role;
    this.role = role;
    this.host.emit({ type: 'connmgr.role-changed', session: this.name, from, to: role });
  }

  /**
   * §4.4.5: another session became primary; this one, primary until now,
   * becomes secondary and, in OF1.3+, is told so (role status, xid 0,
   * outside the async gate and every limit).
   */
  demote(): void {
    this.setRole('secondary');
    const v = this.version;
    if (v === undefined) return;
    const status = demotionStatus(v, this.host.election.wireValue);
    if (status) this.rconn.send(encode(status));
  }

  // ---- Datapath requests (§4.13.7) ------------------------------------------------

  /**
   * Gives 'msg' to the datapath, in order with this session's earlier
   * requests, and reserves its place among the replies.  The answer (or
   * the error the datapath gives, or the timeout error) fills the place.
   */
  private forward(msg: OfpMessage, frame: Buffer): void {
    const slot = this.pipeline.reserve();
    const host = this.host;
    let settled = false;
    const timer = host.clock.setTimer(host.datapathTimeoutMs, () => {
      this.pendingTimers.delete(timer);
      if (settled || this.destroyed) return;
      settled = true;
      const error = datapathTimeoutError(msg);
      this.stats.datapathTimeouts++;
      host.emit({ type: 'connmgr.datapath-timeout', session: this.name, request: messageName(msg), xid: msg.xid, error });
      slot.fill([this.errorFrame(frame, error, messageName(msg))]);
      this.progress();
    });
    this.pendingTimers.add(timer);
    const answered = (reply: DatapathReply): void => {
      if (this.destroyed) return;
      if (settled) {
        host.emit({ type: 'connmgr.datapath-late-answer', session: this.name, request: messageName(msg), xid: msg.xid });
        return;
      }
      settled = true;
      timer.cancel();
      this.pendingTimers.delete(timer);
      if (reply.ok && msg.type === 'flow_mod') {
        // OVS's ofconn_report_flow_mod(): a flow mod the datapath carried out (§4.8.5).
        host.emit({
          type: 'connmgr.flow-mod', session: this.name, command: msg.command, tableId: msg.tableId, priority: msg.priority,
          version: msg.version, match: msg.match,
        });
      }
      slot.fill(this.encodeAnswer(reply, msg, frame));
      this.progress();
    };
    const origin = { sessionId: this.id, sessionName: this.name, version: msg.version, role: this.role, xid: msg.xid };
    let pending: Promise<DatapathReply>;
    try {
      // The datapath gets the neutral request; wire formats it need not know come back on the reply (encodeAnswer).
      pending = host.datapath.request({ origin, msg: forDatapath(msg) });
    } catch {
      // The port promises never to throw; one that does has failed the request.
      pending = Promise.resolve({ ok: false, error: 'OFPBRC_EPERM' });
    }
    pending.then(answered, () => answered({ ok: false, error: 'OFPBRC_EPERM' }));
  }

  /**
   * The messages that answer 'req' (whose bytes are 'frame') with
   * 'reply': the datapath's replies re-stamped with the request's version
   * and xid and put in its format (request-format.ts: NXST_FLOW for
   * NXST_FLOW), multipart replies split to fit and flagged MORE on every
   * part but the last; or its error with the request as data.  A reply that
   * cannot be expressed in the session's version becomes the encoder's
   * error instead.
   */
  private encodeAnswer(reply: DatapathReply, req: OfpMessage, frame: Buffer): Uint8Array[] {
    const name = messageName(req);
    if (!reply.ok) return [this.errorFrame(frame, reply.error, name)];
    const v = req.version;
    const frames: Uint8Array[] = [];
    try {
      reply.replies.forEach((r, i) => {
        let m: OfpMessage = inRequestFormat({ ...r, version: v, xid: req.xid }, req);
        if (m.type === 'multipart_reply' && i < reply.replies.length - 1) m = { ...m, flags: m.flags | OFPSF_MORE };
        frames.push(...encodeAll(m, v));
      });
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      return [this.errorFrame(frame, e.ofperr, name)];
    }
    return frames;
  }

  // ---- Replies and errors (§4.13.1, §9) --------------------------------------------

  /** Sends 'msg' as the answer to the current request, in request order. */
  private answer(msg: OfpMessage): void {
    this.pipeline.answer(encodeAll(msg, msg.version));
  }

  /** Answers the request 'frame' (named 'requestName' for the log) with 'error', in request order. */
  private replyError(frame: Buffer, error: OfpErrName, requestName: string): void {
    this.pipeline.answer([this.errorFrame(frame, error, requestName)]);
  }

  /**
   * §9.1: the ERROR reply to 'frame': its version and xid, the whole
   * request as data (truncated only to fit).  Counts it and emits the
   * rate-limited log event of §9.3.
   */
  private errorFrame(frame: Buffer, error: OfpErrName, requestName: string): Uint8Array {
    this.stats.errorsSent++;
    const suppressed = this.host.errorReplyLimit.admit(this.host.clock.now());
    if (suppressed !== null) {
      this.host.emit({ type: 'connmgr.error-reply', session: this.name, error, request: requestName, suppressed });
    }
    return encode(errorReply(frame, error));
  }

  // ---- Asynchronous messages (§4.5) -------------------------------------------------

  /**
   * Sends packet-in 'ev' (already judged wanted, async-dispatch.ts) in this
   * session's version and format through its scheduler (§5.3, while rate
   * limiting is on) and the packet-in queue limit (§4.5.2).  Returns false
   * if it could not be encoded for this session, else true (sent, queued
   * in a scheduler, or dropped by a limit and counted there).
   */
  sendPacketIn(ev: DatapathPacketIn): boolean {
    // encodeAsync() written out: no closure per packet-in.
    let frame: Uint8Array;
    try {
      frame = encode(this.buffered(ev, packetInMessage(ev, this.version!, this.packetInFormat)));
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      this.host.emit({ type: 'connmgr.async-unencodable', session: this.name, message: 'packet_in', detail: e.message });
      return false;
    }
    this.packetInSchedulers.send(ev.reason, inPortOf(ev.metadata), frame);
    return true;
  }

  /**
   * §4.5.2, §5.7: hands packet-in 'frame' to the rconn unless the
   * session's packet-in queue holds its limit already; returns true if
   * queued, false if dropped (counted, reported rate-limited).
   */
  private sendLimited(frame: Uint8Array): boolean {
    if (this.destroyed) return false;
    if (this.rconn.sendWithLimit(frame, this.packetInCounter, this.packetInQueueLimit) === 'EAGAIN') {
      this.stats.packetInsDropped++;
      this.host.stats.packetInsQueueOverflow++;
      const suppressed = this.overflowLimit.admit(this.host.clock.now());
      if (suppressed !== null) this.host.emit({ type: 'connmgr.packet-in-overflow', session: this.name, suppressed });
      return false;
    }
    this.stats.packetInsSent++;
    this.host.stats.packetInsSent++;
    return true;
  }

    /**
   * §6.2.5: packet-in 'msg' for 'ev' as the seed sent it while the bridge
   * buffers packets: a table miss (no_match, implicit_miss) is saved in the
   * session's pool if it has one, its data capped at miss_send_len when it
   * got an id; any other reason stays unbuffered with its data capped at
   * the action's max_len.  Without buffering (§4.7.5) 'msg' is unchanged.
   *
   * A table-miss flow's packet-in (explicit_miss) in an OpenFlow 1.3+
   * session is a NO_MATCH on the wire (§4.7.1), so it is buffered as a
   * miss too, unless its max_len is OFPCML_NO_BUFFER (the controller
   * asked for the whole packet unbuffered, as OVS 2.1-2.6 did, §6.2.6);
   * its data is capped at that max_len rather than miss_send_len.
   */
  private buffered(ev: DatapathPacketIn, msg: PacketInMsg): PacketInMsg {
    if (this.host.nBuffers === 0) return msg;
    const tableMissFlow = ev.reason === 'explicit_miss' && this.version! >= OFP13 && ev.maxLen !== OFPCML_NO_BUFFER;
    if (ev.reason !== 'no_match' && ev.reason !== 'implicit_miss' && !tableMissFlow) {
      return ev.frame.length > ev.maxLen ? { ...msg, data: ev.frame.subarray(0, ev.maxLen) } : msg;
    }
    if (!this.packetBuffers) return msg;
    // While failing open the seed sent misses with the null id, so that a PACKET_OUT for one does
    // not send again a packet the fail-open rule already forwarded (§6.2.5).
    const id = this.host.isFailingOpen?.()
      ? NULL_BUFFER_ID
      : this.packetBuffers.save(ev.frame, inPortOf(ev.metadata), this.host.clock.now());
    if (id === NO_BUFFER) return msg;
    const cap = tableMissFlow ? ev.maxLen : this.missSendLen;
    return { ...msg, bufferId: id, data: ev.frame.subarray(0, Math.min(ev.frame.length, cap)) };
  }

  /** Sends flow-removed 'ev', counted as a reply (§4.5.4, §4.9.2). */
  sendFlowRemoved(ev: DatapathFlowRemoved): void {
    const frame = this.encodeAsync(() => flowRemovedMessage(ev, this.version!, this.flowFormat), 'flow_removed');
    if (frame) this.rconn.send(frame, this.replyCounter);
  }

  /** Sends port status 'ev', counted against nothing (§4.5.8). */
  sendPortStatus(ev: DatapathPortStatus): void {
    const frame = this.encodeAsync(() => portStatusMessage(ev, this.version!), 'port_status');
    if (frame) this.rconn.send(frame);
  }

  /** Encodes the message 'build' makes, or emits 'connmgr.async-unencodable' and returns null. */
  private encodeAsync(build: () => OfpMessage, what: string): Uint8Array | null {
    try {
      return encode(build());
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      this.host.emit({ type: 'connmgr.async-unencodable', session: this.name, message: what, detail: e.message });
      return null;
    }
  }
}
