/**
 * What the agent's switch sent out of each port, kept for demos and tests
 * (the control socket's `tx PORT`): per port, a ring of the last frames
 * sent, read and emptied by take().  Bounded: a port keeps at most
 * 'perPort' frames; an older frame pushed out of a full ring is counted as
 * dropped, and the count is reported (and reset) with the next take(), so
 * a reader knows it missed some.  Fed by the switch's transmit listener
 * (reference-switch.ts); knows nothing of sockets.
 */

import type { Transmission } from '../agent/reference-switch.js';

/** Frames kept per port by default. */
export const DEFAULT_FRAMES_PER_PORT = 1000;

/** What take() hands over for one port. */
export interface CapturedFrames {
  /** The frames sent since the last take(), oldest first (at most the ring's size). */
  readonly frames: Uint8Array[];
  /** Frames sent since the last take() that the ring no longer held. */
  readonly dropped: number;
}

interface Ring {
  frames: Uint8Array[];
  dropped: number;
}

export class TransmitCapture {
  private readonly rings = new Map<number, Ring>();

  /** Keeps at most 'perPort' frames per port (at least 1). */
  constructor(private readonly perPort = DEFAULT_FRAMES_PER_PORT) {
    if (!Number.isInteger(perPort) || perPort < 1) throw new RangeError(`frames per port must be a positive integer, not ${perPort}`);
  }

  /** Records one frame sent out of a port (the switch's transmit listener). */
  record(t: Transmission): void {
    let ring = this.rings.get(t.port);
    if (!ring) {
      ring = { frames: [], dropped: 0 };
      this.rings.set(t.port, ring);
    }
    ring.frames.push(t.frame);
    if (ring.frames.length > this.perPort) {
      ring.frames.shift();
      ring.dropped++;
    }
  }

  /** Hands over, and forgets, what port 'port' sent since the last call. */
  take(port: number): CapturedFrames {
    const ring = this.rings.get(port);
    if (!ring) return { frames: [], dropped: 0 };
    this.rings.delete(port);
    return { frames: ring.frames, dropped: ring.dropped };
  }
}
