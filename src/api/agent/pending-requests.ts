/**
 * The requests an agent has not answered yet: each DatapathRequest sent
 * on an Attach stream gets a request id here and waits for the one
 * DatapathReply that names it.  An entry ends in exactly one of three
 * ways: its reply (answered), its agent going away (gone), or its time
 * running out (timeout); the entry's callbacks hear which.  Ids are
 * per channel, from 1, safe integers.  The table is bounded by what feeds
 * it: connmgr's sessions each owe at most OFCONN_REPLY_MAX answers, and
 * every entry leaves by its timeout at the latest.
 */

import type { Clock, TimerHandle } from '../../clock/clock.js';
import type { OperationResult } from '../../agentwire/index.js';

/** What a reply must carry for an entry: reply messages (a controller's request), a plain success (connmgr's operations), or in-band info. */
export type Expected = 'replies' | 'done' | 'in_band_info';

/** How an entry ends. */
export interface PendingAnswer {
  /** The reply came, carrying what was expected (or an OpenFlow error). */
  answered(result: OperationResult): void;
  /** No (usable) reply will come: the agent went, the time ran out, or its reply was not acceptable. */
  unanswered(why: 'gone' | 'timeout' | 'bad-reply'): void;
}

/** One request waiting for its reply. */
export interface PendingEntry<A> {
  readonly id: number;
  /** The agent it was sent to. */
  readonly agent: A;
  /** The operation's kind, for messages ("request", "flush", ...). */
  readonly what: string;
  readonly expects: Expected;
  readonly answer: PendingAnswer;
}

interface Entry<A> extends PendingEntry<A> {
  readonly timer: TimerHandle;
}

/** The unanswered requests of one channel. */
export class PendingRequests<A> {
  private readonly entries = new Map<number, Entry<A>>();
  private nextId = 1;

  /** Entries time out 'timeoutMs' after they were added, on 'clock'. */
  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Requests waiting. */
  get size(): number {
    return this.entries.size;
  }

  /** The id the next add() will use. */
  peekId(): number {
    return this.nextId;
  }

  /**
   * Adds a request sent to 'agent'; returns its id.  If no reply comes
   * within the timeout, the entry ends with answer.unanswered('timeout')
   * and 'timedOut' (if given) hears of it.
   */
  add(agent: A, what: string, expects: Expected, answer: PendingAnswer, timedOut?: (entry: PendingEntry<A>) => void): number {
    const id = this.nextId++;
    const timer = this.clock.setTimer(this.timeoutMs, () => {
      const e = this.entries.get(id);
      if (!e) return;
      this.entries.delete(id);
      timedOut?.(e);
      e.answer.unanswered('timeout');
    });
    this.entries.set(id, { id, agent, what, expects, answer, timer });
    return id;
  }

  /** Removes and returns the entry 'id' (its timer stopped), or undefined if none waits under that id. */
  take(id: number): PendingEntry<A> | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    this.entries.delete(id);
    e.timer.cancel();
    return e;
  }

  /** The entry 'id', left in place, or undefined. */
  peek(id: number): PendingEntry<A> | undefined {
    return this.entries.get(id);
  }

  /** Ends every entry sent to 'agent' as unanswered('gone'), oldest first; returns how many. */
  failSentTo(agent: A): number {
    const mine = [...this.entries.values()].filter((e) => e.agent === agent);
    for (const e of mine) {
      this.entries.delete(e.id);
      e.timer.cancel();
    }
    for (const e of mine) e.answer.unanswered('gone');
    return mine.length;
  }
}
