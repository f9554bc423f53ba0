/**
 * Ordered, asynchronous delivery of the switch's events (packet-in,
 * flow-removed, port-status) to its one listener, as the datapath port
 * contract asks: events are queued as the switch raises them and handed
 * over from a microtask, in the order raised, never from inside the call
 * that raised them.  Events raised while there is no listener are
 * dropped at delivery time, like packets on a switch with no controller.
 */

export class EventQueue<E> {
  private readonly queue: E[] = [];
  private scheduled = false;
  private listener: ((event: E) => void) | null = null;

  /** Sets (or with null removes) the one listener, replacing any earlier one. */
  setListener(listener: ((event: E) => void) | null): void {
    this.listener = listener;
  }

  /** Number of events raised and not yet delivered. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues 'event' for delivery. */
  push(event: E): void {
    this.queue.push(event);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  /**
   * Delivers every queued event, including those the listener raises
   * while it runs (they go after the ones already queued).  If the
   * listener throws, the rest are delivered from a new microtask and the
   * error propagates.
   */
  private drain(): void {
    try {
      while (this.queue.length > 0) {
        const event = this.queue.shift()!;
        this.listener?.(event);
      }
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) {
        this.scheduled = true;
        queueMicrotask(() => this.drain());
      }
    }
  }
}
