/**
 * The hook through which telemetry follows each controller request that
 * the agent channel (agent-channel.ts) relays to a bridge's agent: the
 * channel asks the watcher, once per request, for what to send with it
 * (a W3C trace context, so that the agent can continue the trace) and
 * tells it, exactly once, how the request ended.  connmgr's own
 * operations (flush, hidden flows, its own requests) are not watched.
 * The channel never imports a tracer or a meter; src/telemetry
 * implements the hook (agent-request-telemetry.ts).
 */

import type { TraceContext } from '../../agentwire/index.js';
import type { DatapathReply, DatapathRequest } from '../../connmgr/index.js';
import type { OfpErrName } from '../../openflow/index.js';

/**
 * How a watched request ended:
 *  - 'answered': the primary agent replied, with replies or with the
 *    OpenFlow error it chose ('reply');
 *  - 'failed': the channel answered it with 'error' because no agent was
 *    primary ('no-agent'), the primary went (stream ended, preempted)
 *    before it answered ('gone'), its reply could not be used
 *    ('bad-reply'), or the request could not be put on the wire
 *    ('unencodable');
 *  - 'abandoned': the primary did not answer in time; the controller got
 *    'error' (connmgr's own timer counts the time-out as well).
 */
export type RelayOutcome =
  | { readonly kind: 'answered'; readonly reply: DatapathReply }
  | { readonly kind: 'failed'; readonly why: 'no-agent' | 'gone' | 'bad-reply' | 'unencodable'; readonly error: OfpErrName }
  | { readonly kind: 'abandoned'; readonly error: OfpErrName };

/** What a watcher keeps of one request. */
export interface WatchedRequest {
  /** The trace context sent with the request on the Attach stream, if any. */
  readonly trace?: TraceContext;
  /** Called exactly once, when the request ended as 'outcome'.  Must not throw. */
  ended(outcome: RelayOutcome): void;
}

/**
 * Called by the channel of 'bridge' when a controller's request 'req' is
 * given to it, before it is sent (or failed for want of an agent).  Must
 * not throw or call back into the channel.
 */
export type RequestWatcher = (bridge: string, req: DatapathRequest) => WatchedRequest;
