/**
 * The replies of one session, kept in request order.  Open vSwitch handles
 * each request to the end before reading the next, so its replies leave in
 * the order the requests came; here datapath requests are answered later
 * (by the agent), so every request that expects an answer reserves a slot,
 * and a slot's messages go out only once every earlier slot has gone.
 * This is what makes BARRIER_REPLY follow every earlier answer (reference
 * §4.13.5): a barrier's slot is filled at once but waits behind the
 * unanswered datapath requests before it.  Requests with no answer (a
 * successful FLOW_MOD) fill their slot with nothing.  No I/O: the owner
 * (ofconn.ts) sends what flush hands it.
 */

/** One reserved place in the order. */
export interface ReplySlot {
  /**
   * Sets the slot's messages (any number, none included) and sends every
   * filled slot at the head of the order.  Returns false, changing
   * nothing, if the slot was already filled or the pipeline cleared.
   */
  fill(frames: readonly Uint8Array[]): boolean;
  /** True once filled. */
  readonly filled: boolean;
}

class Slot implements ReplySlot {
  frames: readonly Uint8Array[] | null = null;

  constructor(private readonly owner: ReplyPipeline) {}

  get filled(): boolean {
    return this.frames !== null;
  }

  fill(frames: readonly Uint8Array[]): boolean {
    return this.owner.fillSlot(this, frames);
  }
}

/** The ordered replies of one session. */
export class ReplyPipeline {
  private slots: Slot[] = [];
  private head = 0;
  private unfilled = 0;
  private cleared = false;

  /** 'send' receives each slot's messages, in order, when they may leave. */
  constructor(private readonly send: (frames: readonly Uint8Array[]) => void) {}

  /** Slots reserved and not yet filled: answers owed to the peer. */
  get unanswered(): number {
    return this.unfilled;
  }

  /** Reserves the next slot in the order. */
  reserve(): ReplySlot {
    const slot = new Slot(this);
    if (!this.cleared) {
      this.slots.push(slot);
      this.unfilled++;
    }
    return slot;
  }

  /** ReplySlot.fill() of 'slot'. */
  fillSlot(slot: Slot, frames: readonly Uint8Array[]): boolean {
    if (slot.frames !== null || this.cleared) return false;
    slot.frames = frames;
    this.unfilled--;
    this.flush();
    return true;
  }

  /** Adds messages already known: they leave as soon as every earlier slot has. */
  answer(frames: readonly Uint8Array[]): void {
    this.reserve().fill(frames);
  }

  /** Drops every slot; later fills and answers are ignored.  For a session that ended. */
  clear(): void {
    this.cleared = true;
    this.slots = [];
    this.head = 0;
    this.unfilled = 0;
  }

  private flush(): void {
    while (this.head < this.slots.length && this.slots[this.head]!.frames !== null) {
      const frames = this.slots[this.head]!.frames!;
      this.head++;
      if (frames.length > 0) this.send(frames);
      if (this.cleared) return;
    }
    if (this.head === this.slots.length) {
      this.slots = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}
