/**
 * The datapath port: everything connmgr needs from the switch side, as a
 * narrow, version-independent interface.  connmgr answers everything about
 * the *connection* itself (HELLO, ECHO, roles, async config, SET_CONFIG,
 * FEATURES from what is registered here, packet buffers, permission
 * checks); everything about the *datapath* (flow tables, ports, packets,
 * statistics) goes through this port as neutral requests, and comes back
 * as neutral replies that connmgr encodes in each session's version.
 *
 * Two implementations: the in-memory reference switch (src/agent), used by
 * tests and by the reference agent process, and, in the service layer, the
 * gRPC agent channel that forwards each call to a remote switch agent.
 *
 * Contract common to every method: the port never throws for a bad request;
 * it answers with an OpenFlow error name instead.  Requests of one session
 * are given to the port in order, and the port answers them in the order it
 * received them.
 */

import type { Match, MatchField } from '../openflow/match.js';
import type { Instruction } from '../openflow/instructions.js';
import type { OfpErrName, OfpMessage } from '../openflow/index.js';
import type { Port } from '../openflow/port.js';
import type { InBandInfo, InBandRemote } from '../inband/in-band.js';

/** What the datapath says about itself (FEATURES_REPLY and PORT_DESC come from it). */
export interface DatapathFeatures {
  readonly datapathId: bigint;
  /** Number of visible flow tables (254 in Open vSwitch). */
  readonly nTables: number;
  /** OFPC_* capability bits in their OF1.1+ meaning (connmgr maps them per version). */
  readonly capabilities: number;
  /** OF1.0 supported-actions bitmap. */
  readonly actions: number;
  /** Every port, the LOCAL port included. */
  readonly ports: readonly Port[];
}

/** Who sent a request: enough for the datapath to log, trace or special-case it. */
export interface RequestOrigin {
  /** connmgr's id of the session, unique within the bridge while it lives. */
  readonly sessionId: number;
  /** The session's name, e.g. "br0<->tcp:127.0.0.1:6653". */
  readonly sessionName: string;
  /** OpenFlow version the session negotiated. */
  readonly version: number;
  /** The session's role when it sent the request. */
  readonly role: 'equal' | 'primary' | 'secondary';
  /** Transaction id of the request. */
  readonly xid: number;
}

/**
 * One datapath request: a FLOW_MOD, PACKET_OUT (with any buffered packet
 * already attached as its data), PORT_MOD, GROUP_MOD, METER_MOD,
 * TABLE_MOD, a multipart request, or an unmodelled message carried raw.
 */
export interface DatapathRequest {
  readonly origin: RequestOrigin;
  readonly msg: OfpMessage;
}

/**
 * The answer to one request: the reply messages (none for a successful
 * FLOW_MOD or PACKET_OUT; one or more multipart replies for a stats
 * request, which connmgr re-stamps with the session's version and xid and
 * splits to fit), or the OpenFlow error the requester gets back.
 */
export type DatapathReply =
  | { readonly ok: true; readonly replies: readonly OfpMessage[] }
  | { readonly ok: false; readonly error: OfpErrName };

/**
 * Why a packet reaches the controller, in Open vSwitch's internal terms
 * (reference §0.1, §4.7.1): connmgr maps it to the wire reason of each
 * session's version and chooses the miss or action scheduler from it.
 */
export type PacketInReason =
  | 'no_match'
  | 'action'
  | 'invalid_ttl'
  | 'action_set'
  | 'group'
  | 'packet_out'
  /** A table-miss flow (priority 0 catch-all) sent it. */
  | 'explicit_miss'
  /** No flow matched and the table-miss behaviour sends to the controller. */
  | 'implicit_miss';

/** A packet for the controllers. */
export interface DatapathPacketIn {
  readonly type: 'packet_in';
  readonly reason: PacketInReason;
  readonly tableId: number;
  /** Cookie of the flow that sent it; all ones when none did. */
  readonly cookie: bigint;
  /** Packet metadata: in_port, and any of metadata, tunnel id, registers. */
  readonly metadata: Match;
  /** The whole frame. */
  readonly frame: Uint8Array;
  /** controller(id=N) of the action that sent it; 0 for misses and plain output:CONTROLLER. */
  readonly controllerId: number;
  /** max_len of the output action (0xffff: no limit); for misses, 0xffff. */
  readonly maxLen: number;
}

/** A flow that expired or was deleted, for flows with send_flow_rem. */
export interface DatapathFlowRemoved {
  readonly type: 'flow_removed';
  /** OFPRR_*: 0 idle, 1 hard, 2 delete, 3 group delete, 4 meter delete, 5 eviction. */
  readonly reason: number;
  readonly tableId: number;
  readonly priority: number;
  readonly cookie: bigint;
  readonly match: Match;
  readonly durationSec: number;
  readonly durationNsec: number;
  readonly idleTimeout: number;
  readonly hardTimeout: number;
  readonly packetCount: bigint;
  readonly byteCount: bigint;
}

/** A port appeared, disappeared or changed. */
export interface DatapathPortStatus {
  readonly type: 'port_status';
  /** 0 add, 1 delete, 2 modify. */
  readonly reason: number;
  readonly port: Port;
  /** For a change made by a PORT_MOD: the session that sent it (reference §4.5.3). */
  readonly causedBy?: number;
}

export type DatapathEvent = DatapathPacketIn | DatapathFlowRemoved | DatapathPortStatus;

/** A flow connmgr installs itself: fail-open and in-band rules (hidden, priority above 65535). */
export interface HiddenFlow {
  readonly priority: number;
  readonly match: readonly MatchField[];
  readonly instructions: readonly Instruction[];
}

/** The switch side as connmgr sees it. */
export interface DatapathPort {
  /** Current features and ports. */
  features(): DatapathFeatures;
  /**
   * Carries out one request; resolves with its reply or error.  Never
   * rejects: a datapath that cannot carry out a request answers with an
   * OpenFlow error.
   */
  request(req: DatapathRequest): Promise<DatapathReply>;
  /**
   * Deletes every flow in every table (hidden ones included), every group
   * and every meter (reference §4.11.3).
   */
  flush(): Promise<void>;
  /** Adds or replaces hidden flow 'flow' in table 0. */
  addHiddenFlow(flow: HiddenFlow): Promise<void>;
  /** Deletes the hidden flow of exactly this priority and match, if any. */
  deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void>;
  /**
   * Sets the one listener for the datapath's asynchronous events (replacing
   * any earlier one; null removes it).  Events are delivered in order, from
   * the event loop.
   */
  setEventListener(listener: ((event: DatapathEvent) => void) | null): void;
  /**
   * Optional (reference §4.8.7): whether a packet that no flow matches, in
   * a table with the default table-miss behaviour, goes to the controllers
   * as an 'implicit_miss' packet-in (true) or is dropped (false).  connmgr
   * writes it whenever its answer changes: true iff some session has
   * controller id 0 and speaks OpenFlow below 1.3 (or has not negotiated
   * yet).  A datapath without the property decides on its own.
   */
  missSendsToController?: boolean;
  /**
   * Optional (reference §8.3): what in-band control needs to know about
   * reaching 'remotes': the local port's MAC address and, for each remote
   * in order, the MAC address of its next hop (null while unknown: no
   * route, no ARP entry).  A datapath without the method gets no in-band
   * rules.  Resolves, never rejects.
   */
  inbandInfo?(remotes: readonly InBandRemote[]): Promise<InBandInfo>;
}
