/**
 * What the agent client tells its owner: typed events for every change of
 * its standing on the Attach stream and for problems worth a log line.
 * agent-client.ts raises them; the `ofconnmgr agent` command prints them
 * with describeAgentEvent(), one line each; tests watch them.  No logger
 * here, as everywhere in the core.
 */

import * as grpc from '@grpc/grpc-js';

/** The agent's standing. */
export type AgentRole = 'detached' | 'connecting' | 'primary' | 'backup' | 'stopped';

export type AgentClientEvent =
  /** Opening the Attach stream (attempt counts from 1). */
  | { readonly type: 'connecting'; readonly server: string; readonly attempt: number }
  /** An Arbitration said where the agent stands: on the first one, and on every change. */
  | {
      readonly type: 'attached';
      readonly role: 'primary' | 'backup';
      readonly electionId: bigint;
      readonly primaryElectionId: bigint;
      readonly message: string;
    }
  /** The stream ended or could not be opened; 'attached' says whether it had been. */
  | { readonly type: 'lost'; readonly code: grpc.status; readonly details: string; readonly attached: boolean }
  /** The next attempt is in 'delayMs'. */
  | { readonly type: 'retrying'; readonly delayMs: number }
  /** The service did not accept one of our messages ('about': what it was, if still known). */
  | { readonly type: 'stream-error'; readonly code: number; readonly message: string; readonly messageId: string; readonly about?: string }
  /** A request the agent could not read or carry out as asked; answered with 'error'. */
  | { readonly type: 'request-failed'; readonly requestId: string; readonly what: string; readonly error: string; readonly reason: string }
  /** An event of the datapath that could not be put in an AgentMessage (a bug): not sent. */
  | { readonly type: 'event-dropped'; readonly what: string; readonly reason: string }
  /** The stream's send buffer filled (true) or drained (false). */
  | { readonly type: 'backpressure'; readonly on: boolean }
  /** stop() finished: the stream is closed and no attempt follows. */
  | { readonly type: 'stopped' };

function statusName(code: number): string {
  return grpc.status[code] ?? `status ${code}`;
}

/**
 * The line `ofconnmgr agent` prints for 'e', naming the bridge and server
 * it concerns, or null for events it does not print (connecting,
 * backpressure).
 */
export function describeAgentEvent(e: AgentClientEvent, bridge: string, server: string): string | null {
  switch (e.type) {
    case 'connecting':
    case 'backpressure':
      return null;
    case 'attached':
      return e.role === 'primary'
        ? `${bridge}: attached to ${server} as primary (election id ${e.electionId})`
        : `${bridge}: attached to ${server} as backup (election id ${e.electionId}; primary ${e.primaryElectionId})`;
    case 'lost':
      if (e.code === grpc.status.OK) return `${bridge}: detached from ${server} (the service closed the stream)`;
      // The service's own goodbye on a graceful stop (api/server.ts) is not a lost connection.
      if (e.attached && e.code === grpc.status.UNAVAILABLE && e.details === 'shutting down') {
        return `${bridge}: the service at ${server} ended the stream: it is shutting down`;
      }
      return e.attached
        ? `${bridge}: lost connection to ${server}: ${statusName(e.code)}: ${e.details}`
        : `${bridge}: cannot attach to ${server}: ${statusName(e.code)}: ${e.details}`;
    case 'retrying':
      return `${bridge}: retrying in ${e.delayMs / 1000} s`;
    case 'stream-error':
      return `${bridge}: service refused ${e.about ?? 'a message'}${e.messageId !== '0' ? ` (message ${e.messageId})` : ''}: ` +
        `${statusName(e.code)}: ${e.message}`;
    case 'request-failed':
      return `${bridge}: request ${e.requestId} (${e.what}) answered with ${e.error}: ${e.reason}`;
    case 'event-dropped':
      return `${bridge}: ${e.what} event not sent: ${e.reason}`;
    case 'stopped':
      return `${bridge}: stopped`;
  }
}
