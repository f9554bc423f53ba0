/**
 * An rconn's monitors (reference §1.6): up to eight snoop connections that
 * receive a copy of every message the rconn receives and every message it
 * queues for sending.  They belong to the rconn, not to one session, so
 * they outlive reconnections.  No I/O: each monitor is a MonitorPort the
 * driver implements over its vconn; core.ts says when to copy.
 */

import type { ConnectionError } from './errors.js';
import type { FrameSink } from './send-queue.js';

/** §1.6.1: the most monitors one rconn holds. */
export const MAX_MONITORS = 8;

/** One monitor's channel. */
export interface MonitorPort extends FrameSink {
  /** Its name for events, e.g. "unix#3" or "tcp:127.0.0.1:50000". */
  readonly name: string;
  /** Closes the channel.  Called once, by Monitors; must not call back into the rconn. */
  close(): void;
}

/** Called after a monitor has been closed and removed; 'error' null: not because of a failure. */
export type MonitorClosedListener = (monitor: MonitorPort, error: ConnectionError | null) => void;

/** The monitor set of one rconn. */
export class Monitors {
  private readonly ports: MonitorPort[] = [];
  private discardedInput = 0;

  /** 'onClosed' hears of every monitor closed by copy(), failed() or closeAll(). */
  constructor(private readonly onClosed: MonitorClosedListener) {}

  /** Number of monitors. */
  get size(): number {
    return this.ports.length;
  }

  /** Their names, oldest first. */
  get names(): string[] {
    return this.ports.map((p) => p.name);
  }

  /** Messages monitors sent us and we threw away (§1.6.3). */
  get inputDiscarded(): number {
    return this.discardedInput;
  }

  /**
   * §1.6.1: adds 'port'.  With MAX_MONITORS already present, closes 'port'
   * at once instead (without calling onClosed) and returns false.
   */
  add(port: MonitorPort): boolean {
    if (this.ports.length >= MAX_MONITORS) {
      port.close();
      return false;
    }
    this.ports.push(port);
    return true;
  }

  /**
   * §1.6.2: offers 'frame' to every monitor.  A monitor that answers
   * 'again' misses this one; one that answers with an error is closed and
   * removed.  The same frame object goes to each; ports must not modify it.
   */
  copy(frame: Uint8Array): void {
    for (let i = 0; i < this.ports.length; ) {
      const port = this.ports[i]!;
      const result = port.trySend(frame);
      if (result === 'sent' || result === 'again') {
        i++;
      } else {
        this.ports.splice(i, 1);
        port.close();
        this.onClosed(port, result);
      }
    }
  }

  /**
   * §1.6.3: 'frame' arrived from monitor 'port'; it goes nowhere.  Returns
   * false if 'port' is not one of ours.
   */
  discardInput(port: MonitorPort, _frame: Uint8Array): boolean {
    if (!this.ports.includes(port)) return false;
    this.discardedInput++;
    return true;
  }

  /**
   * §1.6.3: monitor 'port''s channel failed or was closed by its peer
   * ('EOF'): closes and removes it.  Returns false if it is not one of ours.
   */
  failed(port: MonitorPort, error: ConnectionError): boolean {
    const i = this.ports.indexOf(port);
    if (i < 0) return false;
    this.ports.splice(i, 1);
    port.close();
    this.onClosed(port, error);
    return true;
  }

  /** §1.6.4: closes every monitor (the rconn is being destroyed). */
  closeAll(): void {
    for (const port of this.ports.splice(0)) {
      port.close();
      this.onClosed(port, null);
    }
  }
}
