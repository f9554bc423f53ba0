/**
 * What an rconn tells the world: a typed union of events, delivered to an
 * injected listener once the state change that caused them is complete.
 * The core never logs; telemetry subscribes and turns these into log lines
 * and counters.  describeEvent() words each one as Open vSwitch's rconn
 * logs it, so logs read the same and tests can use the words as an oracle.
 */

import { errorText, type ConnectionError } from './errors.js';

/** The states of reference §1.1.1, with the names status reports verbatim. */
export type RconnStateName = 'VOID' | 'BACKOFF' | 'CONNECTING' | 'ACTIVE' | 'IDLE' | 'DISCONNECTED';

/**
 * One event.  'name' is the rconn's human-readable name.  'quiet' marks
 * connection-attempt chatter that OVS stops logging once the backoff has
 * reached its maximum (§1.2.5); a sink may drop such events or log them at
 * debug level.
 */
export type RconnEvent =
  | { readonly type: 'rconn.state'; readonly name: string; readonly from: RconnStateName; readonly to: RconnStateName }
  | { readonly type: 'rconn.connecting'; readonly name: string; readonly quiet: boolean }
  | {
      readonly type: 'rconn.connect-failed';
      readonly name: string;
      readonly error: ConnectionError;
      readonly quiet: boolean;
      /** True if the attempt could not even start (bad target, missing keys, §1.1.5). */
      readonly atOpen: boolean;
    }
  | { readonly type: 'rconn.connect-timed-out'; readonly name: string; readonly quiet: boolean }
  | { readonly type: 'rconn.connected'; readonly name: string; readonly version: number; readonly reliable: boolean }
  | { readonly type: 'rconn.peer-closed'; readonly name: string; readonly reliable: boolean }
  | { readonly type: 'rconn.dropped'; readonly name: string; readonly error: ConnectionError }
  | { readonly type: 'rconn.disconnecting'; readonly name: string }
  | {
      readonly type: 'rconn.disconnected';
      readonly name: string;
      /** null: we asked for it. */
      readonly error: ConnectionError | null;
      readonly reliable: boolean;
    }
  | { readonly type: 'rconn.backoff'; readonly name: string; readonly seconds: number }
  | { readonly type: 'rconn.backoff-capped'; readonly name: string }
  | { readonly type: 'rconn.idle'; readonly name: string; readonly seconds: number }
  | { readonly type: 'rconn.probe-timeout'; readonly name: string; readonly seconds: number }
  /** The peer answered an inactivity probe, 'ms' after it was sent (its echo round trip time). */
  | { readonly type: 'rconn.probe-reply'; readonly name: string; readonly ms: number }
  | { readonly type: 'rconn.admitted'; readonly name: string }
  | { readonly type: 'rconn.monitor-added'; readonly name: string; readonly monitor: string }
  | { readonly type: 'rconn.monitor-rejected'; readonly name: string; readonly monitor: string }
  | {
      readonly type: 'rconn.monitor-closed';
      readonly name: string;
      readonly monitor: string;
      /** null: closed because the rconn was destroyed. */
      readonly error: ConnectionError | null;
    };

/** The union's 'type' names. */
export type RconnEventType = RconnEvent['type'];

/**
 * Receives events.  Called after the rconn's state is consistent, never in
 * the middle of a transition; it may read the rconn's state but must not
 * call back into it to change anything.
 */
export type RconnListener = (event: RconnEvent) => void;

/**
 * The log line Open vSwitch writes for 'event' ("tcp:127.0.0.1:6653:
 * waiting 2 seconds before reconnect"); events OVS does not log get a line
 * in the same style.
 */
export function describeEvent(event: RconnEvent): string {
  const n = event.name;
  switch (event.type) {
    case 'rconn.state':
      return `${n}: entering ${event.to}`;
    case 'rconn.connecting':
      return `${n}: connecting...`;
    case 'rconn.connect-failed':
      return `${n}: connection failed (${errorText(event.error)})`;
    case 'rconn.connect-timed-out':
      return `${n}: connection timed out`;
    case 'rconn.connected':
      return `${n}: connected`;
    case 'rconn.peer-closed':
      return `${n}: connection closed by peer`;
    case 'rconn.dropped':
      return `${n}: connection dropped (${errorText(event.error)})`;
    case 'rconn.disconnecting':
      return `${n}: disconnecting`;
    case 'rconn.disconnected':
      return event.error === null ? `${n}: disconnected` : `${n}: disconnected (${errorText(event.error)})`;
    case 'rconn.backoff':
      return `${n}: waiting ${event.seconds} seconds before reconnect`;
    case 'rconn.backoff-capped':
      return `${n}: continuing to retry connections in the background but suppressing further logging`;
    case 'rconn.idle':
      return `${n}: idle ${event.seconds} seconds, sending inactivity probe`;
    case 'rconn.probe-timeout':
      return `${n}: no response to inactivity probe after ${event.seconds} seconds, disconnecting`;
    case 'rconn.probe-reply':
      return `${n}: inactivity probe answered after ${event.ms} ms`;
    case 'rconn.admitted':
      return `${n}: probably admitted`;
    case 'rconn.monitor-added':
      return `new monitor connection from ${event.monitor}`;
    case 'rconn.monitor-rejected':
      return `too many monitor connections, discarding ${event.monitor}`;
    case 'rconn.monitor-closed':
      return event.error === null
        ? `${n}: closing monitor connection to ${event.monitor}`
        : `${n}: closing monitor connection to ${event.monitor}: ${errorText(event.error)}`;
  }
}
