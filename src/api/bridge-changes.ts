/**
 * The changes of one bridge that streams watch: every event of its
 * connection manager (sessions, rconn states, roles, controllers added or
 * removed, ...) and its deletion.  bridges.ts feeds one per bridge from
 * the bridge's connmgr listener; WatchControllerInfo
 * (controller-info-watch.ts) subscribes.
 */

import type { ConnMgrEvent } from '../connmgr/index.js';

/** What a subscriber hears. */
export interface BridgeWatcher {
  /** Something happened on the bridge; called synchronously from the connmgr listener (do no work here, schedule it). */
  changed(event: ConnMgrEvent): void;
  /** The bridge was deleted; nothing follows. */
  deleted(): void;
}

/** The subscribers of one bridge. */
export class BridgeChanges {
  private readonly watchers = new Set<BridgeWatcher>();
  private gone = false;

  /** Subscribes 'w'; returns the function that unsubscribes it.  On a deleted bridge, 'w' hears deleted() at once. */
  subscribe(w: BridgeWatcher): () => void {
    if (this.gone) {
      w.deleted();
      return () => undefined;
    }
    this.watchers.add(w);
    return () => void this.watchers.delete(w);
  }

  /** Subscribers. */
  get size(): number {
    return this.watchers.size;
  }

  /** Tells every subscriber of 'event'. */
  notify(event: ConnMgrEvent): void {
    for (const w of [...this.watchers]) w.changed(event);
  }

  /** Tells every subscriber the bridge is gone and forgets them.  Idempotent. */
  deleted(): void {
    if (this.gone) return;
    this.gone = true;
    const all = [...this.watchers];
    this.watchers.clear();
    for (const w of all) w.deleted();
  }
}
