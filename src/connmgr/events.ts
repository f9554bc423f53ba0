/**
 * What a connmgr tells the world: a typed union of events, delivered to an
 * injected listener.  connmgr never logs; telemetry subscribes and turns
 * these into log lines and counters.  describeConnMgrEvent() words each one
 * as Open vSwitch's connmgr and ofproto log it, so logs read the same and
 * tests can use the words as an oracle.  The events of each session's
 * rconn come through wrapped in 'connmgr.rconn'.
 */

import { describeFailOpenEvent, type FailOpenEvent } from '../failopen/fail-open.js';
import { matchToString, type FlowModCommand, type Match, type OfpErrName } from '../openflow/index.js';
import { describeEvent, type RconnEvent } from '../rconn/index.js';
import type { ConnectionType } from './settings.js';
import type { SessionRole } from './roles.js';

/** Fail mode of a bridge (§4.11.1). */
export type FailMode = 'secure' | 'standalone';

export type ConnMgrEvent =
  /** §4.2.2: a service was created for a new target. */
  | { readonly type: 'connmgr.controller-added'; readonly bridge: string; readonly target: string; readonly connectionType: ConnectionType }
  /** §4.2.3: a target left the configuration; its service and sessions are gone. */
  | { readonly type: 'connmgr.controller-removed'; readonly bridge: string; readonly target: string; readonly connectionType: ConnectionType }
  /** §4.2.3: a changed setting ('setting') forced the service to be created again. */
  | { readonly type: 'connmgr.controller-reinitialized'; readonly bridge: string; readonly target: string; readonly setting: string }
  /** §4.2.2: a target with no stream class, skipped. */
  | { readonly type: 'connmgr.controller-unsupported'; readonly bridge: string; readonly target: string }
  /** §4.2.2: a passive target could not listen; retried at the next setControllers(). */
  | { readonly type: 'connmgr.listen-failed'; readonly bridge: string; readonly target: string; readonly error: string; readonly detail: string }
  /** §4.1.5: a session (ofconn) was created. */
  | { readonly type: 'connmgr.session-created'; readonly bridge: string; readonly session: string; readonly connectionType: ConnectionType }
  /** §4.1.5: a session ended. */
  | { readonly type: 'connmgr.session-destroyed'; readonly bridge: string; readonly session: string }
  /** §9.3: an error reply was sent ('suppressed' earlier ones were not reported, rate limit 10/min). */
  | {
      readonly type: 'connmgr.error-reply';
      readonly session: string;
      readonly error: OfpErrName;
      /** The request's message name, e.g. 'OFPT_FLOW_MOD', or 'invalid' if it could not be decoded. */
      readonly request: string;
      readonly suppressed: number;
    }
  /** §4.5.2: a packet-in was dropped because the session's packet-in queue was full (rate limit 5/min). */
  | { readonly type: 'connmgr.packet-in-overflow'; readonly session: string; readonly suppressed: number }
  /** §6.2.4: a request named a packet buffer that gave no packet (the seed's pktbuf log lines). */
  | { readonly type: 'connmgr.packet-buffer'; readonly session: string; readonly detail: string }
  /**
   * An asynchronous message could not be encoded for a session (e.g. a
   * packet-in for OpenFlow 1.1, which the codec does not model); the session
   * gets nothing.
   */
  | { readonly type: 'connmgr.async-unencodable'; readonly session: string; readonly message: string; readonly detail: string }
  /** The datapath did not answer a request within the timeout; the requester got 'error'. */
  | { readonly type: 'connmgr.datapath-timeout'; readonly session: string; readonly request: string; readonly xid: number; readonly error: OfpErrName }
  /** The datapath answered a request after its timeout; the answer was dropped. */
  | { readonly type: 'connmgr.datapath-late-answer'; readonly session: string; readonly request: string; readonly xid: number }
  /**
   * §4.8.5: the datapath carried out a flow mod of 'session' (OVS's
   * ofconn_report_flow_mod()), for logs and the per-session flow_mod
   * summary.  'match' is in the request's 'version'.
   */
  | {
      readonly type: 'connmgr.flow-mod';
      readonly session: string;
      readonly command: FlowModCommand;
      readonly tableId: number;
      readonly priority: number;
      readonly version: number;
      readonly match: Match;
    }
  /** §4.4: a session's role changed (by its own request, or demoted by another's). */
  | { readonly type: 'connmgr.role-changed'; readonly session: string; readonly from: SessionRole; readonly to: SessionRole }
  /** §4.11.3: the flow tables were flushed. */
  | { readonly type: 'connmgr.flushed'; readonly bridge: string; readonly cause: 'controllers' | 'fail-mode' | 'fail-open' }
  /** §7.3, §7.4: fail-open activated, is still active, or recovered. */
  | { readonly type: 'connmgr.fail-open'; readonly bridge: string; readonly event: FailOpenEvent }
  /** The datapath refused a hidden-flow change connmgr asked for (fail-open, in-band): a fault of the switch side. */
  | { readonly type: 'connmgr.hidden-flow-failed'; readonly bridge: string; readonly detail: string }
  /** §4.11: the fail mode changed. */
  | { readonly type: 'connmgr.fail-mode'; readonly bridge: string; readonly mode: FailMode }
  /**
   * §4.3.7: SET_CONFIG changed the bridge's fragment handling (0 normal,
   * 1 drop, 2 reassemble, 3 nx-match).  The datapath port has no call for
   * it yet; the agent channel carries it from this event.
   */
  | { readonly type: 'connmgr.frag-handling'; readonly bridge: string; readonly mode: number }
  /** §4.10.1: a snoop target could not listen. */
  | { readonly type: 'connmgr.snoop-listen-failed'; readonly bridge: string; readonly target: string; readonly error: string; readonly detail: string }
  /** §4.10.2: a snoop client arrived and no active controller exists to mirror. */
  | { readonly type: 'connmgr.snoop-no-controller'; readonly bridge: string; readonly snoop: string }
  /** An event of one session's (or active service's) rconn. */
  | { readonly type: 'connmgr.rconn'; readonly bridge: string; readonly event: RconnEvent };

/** The union's 'type' names. */
export type ConnMgrEventType = ConnMgrEvent['type'];

/** Receives events; must not call back into the connmgr to change anything. */
export type ConnMgrListener = (event: ConnMgrEvent) => void;

/** Flow mod commands as ovs-ofctl prints them. */
const FLOW_MOD_COMMANDS: Readonly<Record<string, string>> = {
  add: 'ADD', modify: 'MOD', modify_strict: 'MOD_STRICT', delete: 'DEL', delete_strict: 'DEL_STRICT',
};

const FLUSH_CAUSES = { controllers: 'controllers changed', 'fail-mode': 'fail mode changed', 'fail-open': 'failing open' } as const;

/** The log line Open vSwitch writes for 'event' (or one in the same style where OVS writes none). */
export function describeConnMgrEvent(event: ConnMgrEvent): string {
  switch (event.type) {
    case 'connmgr.controller-added':
      return `${event.bridge}: added ${event.connectionType} controller "${event.target}"`;
    case 'connmgr.controller-removed':
      return `${event.bridge}: removed ${event.connectionType} controller "${event.target}"`;
    case 'connmgr.controller-reinitialized':
      return `${event.bridge}: Changes to controller "${event.target}" expects re-initialization: Re-initializing now.`;
    case 'connmgr.controller-unsupported':
      return `${event.bridge}: unsupported controller "${event.target}"`;
    case 'connmgr.listen-failed':
      return `${event.bridge}: ${event.target}: listen failed (${event.detail || event.error})`;
    case 'connmgr.session-created':
      return `${event.session}: new ${event.connectionType} connection`;
    case 'connmgr.session-destroyed':
      return `${event.session}: connection closed`;
    case 'connmgr.error-reply':
      return `${event.session}: sending ${event.error} error reply to ${event.request} message`;
    case 'connmgr.packet-in-overflow':
      return `${event.session}: dropping packet-in due to queue overflow`;
    case 'connmgr.packet-buffer':
      return `${event.session}: ${event.detail}`;
    case 'connmgr.async-unencodable':
      return `${event.session}: cannot send ${event.message}: ${event.detail}`;
    case 'connmgr.datapath-timeout':
      return `${event.session}: datapath did not answer ${event.request} (xid=0x${event.xid.toString(16)}) in time, sending ${event.error}`;
    case 'connmgr.datapath-late-answer':
      return `${event.session}: dropping late datapath answer to ${event.request} (xid=0x${event.xid.toString(16)})`;
    case 'connmgr.flow-mod': {
      const command = FLOW_MOD_COMMANDS[event.command] ?? `command ${event.command}`;
      const table = event.tableId === 0xff ? 'all' : String(event.tableId);
      const match = event.match.length > 0 ? `,${matchToString(event.match, event.version)}` : '';
      return `${event.session}: flow_mod ${command} table:${table} priority=${event.priority}${match}`;
    }
    case 'connmgr.role-changed':
      return `${event.session}: role changed from ${event.from} to ${event.to}`;
    case 'connmgr.flushed':
      return `${event.bridge}: flushed flows, groups and meters (${FLUSH_CAUSES[event.cause]})`;
    case 'connmgr.fail-open':
      return describeFailOpenEvent(event.event);
    case 'connmgr.hidden-flow-failed':
      return `${event.bridge}: hidden flow change failed: ${event.detail}`;
    case 'connmgr.fail-mode':
      return `${event.bridge}: fail mode ${event.mode}`;
    case 'connmgr.frag-handling':
      return `${event.bridge}: fragment handling mode ${['normal', 'drop', 'reassemble', 'nx-match'][event.mode] ?? event.mode}`;
    case 'connmgr.snoop-listen-failed':
      return `failed to listen on ${event.target}: ${event.detail || event.error}`;
    case 'connmgr.snoop-no-controller':
      return `${event.bridge}: no controller connection to snoop`;
    case 'connmgr.rconn':
      return describeEvent(event.event);
  }
}
