/**
 * Snoops (reference §4.10): passive listeners whose clients receive a copy
 * of one controller session's traffic.  set() replaces the listener list;
 * each accepted client goes to the connmgr, which attaches it as a monitor
 * (rconn §1.6) of the best active controller chosen by
 * chooseSnoopService().  Mirroring itself is the rconn's work.
 */

import { ConnectError, listen, type Listener, type Stream } from '../transport/index.js';
import type { ConnMgrEvent } from './events.js';
import type { BridgeTransportOptions } from './ofservice.js';
import { snoopPreference, type SessionRole } from './roles.js';

/** What the snoop listeners need from their bridge. */
export interface SnoopHost {
  readonly bridge: string;
  readonly transport: BridgeTransportOptions;
  /** A snoop client connected: attach it, or close it if nothing can be snooped. */
  attach(stream: Stream): void;
  emit(event: ConnMgrEvent): void;
}

/** What the choice needs to know about a service. */
export interface SnoopCandidate {
  readonly kind: 'active' | 'passive';
  /** Role of the current session, null if not connected. */
  readonly currentRole: SessionRole | null;
}

/**
 * §4.10.2: the active service whose current session has the best role
 * (primary > equal > secondary > not connected), the first found on ties;
 * a service that is not connected is still chosen if nothing is better.
 * Returns undefined if there is no active service.
 */
export function chooseSnoopService<T extends SnoopCandidate>(services: Iterable<T>): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const s of services) {
    if (s.kind !== 'active') continue;
    const score = snoopPreference(s.currentRole);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** A bridge's snoop listeners. */
export class SnoopListeners {
  private listeners: Listener[] = [];

  constructor(private readonly host: SnoopHost) {}

  /** Names of the listeners, with bound ports filled in (e.g. "ptcp:41234:127.0.0.1"). */
  get names(): string[] {
    return this.listeners.map((l) => l.name);
  }

  /**
   * §4.10.1: closes every snoop listener, then listens on each of
   * 'targets'.  A target that cannot listen is reported
   * ('connmgr.snoop-listen-failed') and skipped; resolves with the first
   * such error, or null.
   */
  async set(targets: readonly string[]): Promise<ConnectError | null> {
    await this.close();
    let first: ConnectError | null = null;
    for (const target of targets) {
      try {
        this.listeners.push(await listen(target, { onAccept: (stream) => this.host.attach(stream), ...this.host.transport }));
      } catch (e) {
        const error = ConnectError.is(e) ? e : new ConnectError('EINVAL', target, String(e));
        this.host.emit({ type: 'connmgr.snoop-listen-failed', bridge: this.host.bridge, target, error: error.code, detail: error.message });
        first ??= error;
      }
    }
    return first;
  }

  /** Closes every listener; clients already attached stay attached. */
  async close(): Promise<void> {
    const old = this.listeners;
    this.listeners = [];
    await Promise.all(old.map((l) => l.close()));
  }
}
