/**
 * What the agent channels tell the world: a typed union of events, for
 * logs and metrics (telemetry subscribes; the channel never logs).
 * describeAgentChannelEvent() words each one for a log line.
 */

/** One event of the agent channel of 'bridge'; election ids as text (election-id.ts). */
export type AgentChannelEvent =
  /** An agent said hello and was attached, as the primary or as a backup. */
  | { readonly type: 'agent.attached'; readonly bridge: string; readonly electionId: string; readonly peer: string; readonly primary: boolean }
  /** An attached agent went away or was refused; 'why' says how. */
  | { readonly type: 'agent.detached'; readonly bridge: string; readonly electionId: string; readonly why: string }
  /** An Attach stream was ended before it was attached (no hello, unknown bridge, bad hello...). */
  | { readonly type: 'agent.refused'; readonly bridge: string; readonly peer: string; readonly code: number; readonly detail: string }
  /** The primary changed (null: no agent serves the bridge); 'failed' requests it had not answered got their error. */
  | { readonly type: 'agent.primary'; readonly bridge: string; readonly electionId: string | null; readonly failed: number }
  /** A message of an agent was not accepted: a StreamError went back ('sent' false: dropped, the stream being congested). */
  | { readonly type: 'agent.stream-error'; readonly bridge: string; readonly electionId: string; readonly code: number; readonly message: string; readonly sent: boolean }
  /** The primary refused or did not answer one of connmgr's own operations (flush, hidden flows, replay). */
  | { readonly type: 'agent.operation-failed'; readonly bridge: string; readonly operation: string; readonly detail: string }
  /**
   * Backpressure changed: 'requests' paused while the primary's stream
   * does not take more (controllers' sockets not read), 'events' paused
   * while the controllers' send queues are congested (the agent's stream
   * not read).
   */
  | { readonly type: 'agent.backpressure'; readonly bridge: string; readonly direction: 'requests' | 'events'; readonly paused: boolean };

/** Receives the channel's events; must not call back into the channel. */
export type AgentChannelListener = (event: AgentChannelEvent) => void;

/** A log line for 'event'. */
export function describeAgentChannelEvent(event: AgentChannelEvent): string {
  switch (event.type) {
    case 'agent.attached':
      return `${event.bridge}: agent ${event.peer} attached with election id ${event.electionId} as ${event.primary ? 'primary' : 'backup'}`;
    case 'agent.detached':
      return `${event.bridge}: agent with election id ${event.electionId} detached (${event.why})`;
    case 'agent.refused':
      return `${event.bridge || '-'}: Attach from ${event.peer} refused (code ${event.code}): ${event.detail}`;
    case 'agent.primary':
      return event.electionId === null
        ? `${event.bridge}: no agent serves the datapath (${event.failed} unanswered requests failed)`
        : `${event.bridge}: agent with election id ${event.electionId} is primary${event.failed ? ` (${event.failed} requests of the former primary failed)` : ''}`;
    case 'agent.stream-error':
      return `${event.bridge}: agent ${event.electionId}: ${event.sent ? 'stream error' : 'stream error dropped (stream congested)'} (code ${event.code}): ${event.message}`;
    case 'agent.operation-failed':
      return `${event.bridge}: agent did not carry out ${event.operation}: ${event.detail}`;
    case 'agent.backpressure':
      return event.direction === 'requests'
        ? `${event.bridge}: agent stream ${event.paused ? 'full: controllers not read' : 'drained: controllers read again'}`
        : `${event.bridge}: controllers ${event.paused ? 'congested: agent not read' : 'drained: agent read again'}`;
  }
}
