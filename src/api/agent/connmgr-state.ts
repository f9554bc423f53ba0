/**
 * The datapath state connmgr itself establishes, as the agent channel
 * remembers it for the next primary agent: the hidden flows (fail-open,
 * in-band), the table-miss behaviour (§4.8.7), the fragment handling mode
 * (§4.3.7), and connmgr's own requests since the last flush (the
 * standalone NORMAL flow of §4.11.3).  Controllers' flows are not
 * remembered: they belong to the controllers, which still see their
 * sessions up.
 *
 * agent-channel.ts keeps it current from every DatapathPort call,
 * attached or not, and sends replay() to each new primary before any
 * request: the proto's "a new primary first receives the full set of
 * hidden flows and the miss behaviour, then requests".  No I/O here.
 */

import type { DatapathRequest, HiddenFlow } from '../../connmgr/index.js';
import type { MatchField } from '../../openflow/index.js';
import type { DatapathOperation } from '../../agentwire/index.js';

/** connmgr's own requests kept for replay at most (older ones are dropped). */
export const MAX_REMEMBERED_REQUESTS = 16;

/** A text that is equal for two hidden flows exactly when the datapath would take them for the same flow (priority and match, field order aside). */
export function hiddenFlowKey(priority: number, match: readonly MatchField[]): string {
  const fields = match.map((f) => {
    if (f.field === 'opaque') return `opaque=${Buffer.from(f.tlv).toString('hex')}`;
    const text = (v: number | bigint | string): string => (typeof v === 'string' ? v.toLowerCase() : BigInt(v).toString());
    return `${f.field}=${text(f.value)}${f.mask === undefined ? '' : `/${text(f.mask)}`}`;
  });
  return `${priority}|${fields.sort().join(',')}`;
}

/** What connmgr has made of the datapath, for replay to a new primary. */
export class ConnMgrDatapathState {
  /** §4.8.7, as connmgr last wrote it. */
  missSendsToController = false;
  /** §4.3.7: 0 normal, 1 drop, 2 reassemble, 3 nx-match, as connmgr last reported it. */
  fragHandling = 0;
  private readonly hidden = new Map<string, HiddenFlow>();
  private requests: DatapathRequest[] = [];
  /**
   * A flush connmgr asked for has not been carried out by any agent (it
   * came while none was primary, or the primary went before answering).
   */
  private flushOwed = false;

  /** The hidden flows, in the order they were last added or replaced. */
  get hiddenFlows(): HiddenFlow[] {
    return [...this.hidden.values()];
  }

  /** connmgr's own requests since the last flush, oldest first. */
  get ownRequests(): readonly DatapathRequest[] {
    return this.requests;
  }

  /** True while a flush is owed to the next primary. */
  get isFlushOwed(): boolean {
    return this.flushOwed;
  }

  /**
   * connmgr flushed the tables (§4.11.3): every hidden flow and its own
   * requests are gone.  'owed' says whether no agent has carried it out
   * yet (the replay then starts with a flush).
   */
  flushed(owed: boolean): void {
    this.hidden.clear();
    this.requests = [];
    this.flushOwed = owed;
  }

  /** A flush owed has been carried out by the primary. */
  flushDone(): void {
    this.flushOwed = false;
  }

  /** A flush sent to an agent may not have happened (the agent went before answering). */
  flushUncertain(): void {
    this.flushOwed = true;
  }

  /** Adds or replaces the hidden flow of 'flow''s priority and match. */
  addHiddenFlow(flow: HiddenFlow): void {
    const key = hiddenFlowKey(flow.priority, flow.match);
    this.hidden.delete(key);
    this.hidden.set(key, flow);
  }

  /** Forgets the hidden flow of exactly 'priority' and 'match', if any. */
  deleteHiddenFlow(priority: number, match: readonly MatchField[]): void {
    this.hidden.delete(hiddenFlowKey(priority, match));
  }

  /** Remembers one of connmgr's own requests (at most MAX_REMEMBERED_REQUESTS, oldest dropped). */
  ownRequest(req: DatapathRequest): void {
    this.requests.push(req);
    if (this.requests.length > MAX_REMEMBERED_REQUESTS) this.requests = this.requests.slice(-MAX_REMEMBERED_REQUESTS);
  }

  /**
   * What a new primary receives before any request: a flush if one is
   * owed, the hidden flow set, the miss behaviour, the fragment handling
   * mode, then connmgr's own requests since the last flush.
   */
  replay(): DatapathOperation[] {
    const ops: DatapathOperation[] = [];
    if (this.flushOwed) ops.push({ kind: 'flush' });
    ops.push({ kind: 'hidden_flow_set', flows: this.hiddenFlows });
    ops.push({ kind: 'miss_behaviour', sendToController: this.missSendsToController });
    ops.push({ kind: 'frag_handling', mode: this.fragHandling });
    for (const request of this.requests) ops.push({ kind: 'request', request });
    return ops;
  }
}
