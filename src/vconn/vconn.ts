/**
 * An OpenFlow channel over any byte stream, without the stream: framing
 * plus the HELLO exchange and version checks of reference §2, as a
 * sans-I/O state machine.  The owner (rconn's driver) feeds it the bytes it
 * reads and writes out the bytes it returns; vconn never touches a socket
 * or a clock, so the same code serves TCP, TLS and unix streams and can be
 * driven byte by byte in tests.
 *
 * Lifecycle: HELLO_SENT (our HELLO is out, waiting for the peer's) ->
 * CONNECTED (version negotiated) -> FAILED (fatal error; the owner closes
 * the stream).  In CONNECTED, a message whose version differs from the
 * negotiated one is answered with BAD_VERSION and swallowed, except HELLO,
 * ERROR and ECHO, which are delivered (§2.6).
 */

import {
  OfpCodecError,
  FrameDecoder,
  decode,
  encode,
  errorReply,
  helloFor,
  incompatibleText,
  negotiate,
  peerVersions,
  describeVersionSet,
  type HelloMsg,
  type OfpMessage,
  ALL_VERSIONS_BITMAP,
  isKnownVersion,
} from '../openflow/index.js';

/** Why a vconn failed, as the errno names rconn records in last_error (§1.2.1). */
export type VconnError = 'EPROTO' | 'ECONNRESET' | 'EOF';

/** What feeding bytes (or EOF) to a vconn produced, in order. */
export type VconnEvent =
  /** Write these bytes to the stream (a HELLO_FAILED or BAD_VERSION reply). */
  | { readonly kind: 'send'; readonly bytes: Uint8Array }
  /** HELLO exchange done: the session speaks 'version'. */
  | { readonly kind: 'connected'; readonly version: number }
  /**
   * A message from the peer: its bytes and either its decoded form or the
   * codec error saying why it could not be decoded (the owner answers it).
   */
  | { readonly kind: 'message'; readonly frame: Buffer; readonly msg: OfpMessage | OfpCodecError }
  /** A remark worth a rate-limited log line (e.g. "unknown data in hello"). */
  | { readonly kind: 'warning'; readonly text: string }
  /** Fatal: the owner must close the stream; 'error' goes to last_error. */
  | { readonly kind: 'failed'; readonly error: VconnError; readonly reason: string };

type State = 'hello-sent' | 'connected' | 'failed';

export class Vconn {
  /** Versions this side allows, as a bitmap (bit n = wire version n). */
  readonly allowedVersions: number;
  /** The negotiated version, or -1 until CONNECTED. */
  version = -1;
  /** The peer's versions from its HELLO, as a bitmap; 0 until received. */
  peerVersions = 0;
  private state: State = 'hello-sent';
  private readonly frames = new FrameDecoder();

  /** 'allowedVersions' is a bitmap; 0 means the default, 1.0 to 1.5 (§2.1). */
  constructor(allowedVersions = 0) {
    this.allowedVersions = allowedVersions === 0 ? ALL_VERSIONS_BITMAP : allowedVersions;
  }

  /** The HELLO to write as soon as the stream is connected (§2.2). */
  hello(): Uint8Array {
    return encode(helloFor(this.allowedVersions));
  }

  /** Returns true once the HELLO exchange succeeded and until a failure. */
  get isConnected(): boolean {
    return this.state === 'connected';
  }

  /** Returns true after a fatal error. */
  get isFailed(): boolean {
    return this.state === 'failed';
  }

  /**
   * Feeds bytes read from the stream; returns what they produced, in order.
   * After a 'failed' event the vconn ignores further input.
   */
  receive(chunk: Uint8Array): VconnEvent[] {
    if (this.state === 'failed') return [];
    const events: VconnEvent[] = [];
    let frames: Buffer[];
    try {
      frames = this.frames.push(chunk);
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      return this.fail(events, 'EPROTO', e.message);
    }
    for (const frame of frames) {
      if (this.state === 'hello-sent') this.receiveHello(frame, events);
      else if (this.state === 'connected') this.receiveMessage(frame, events);
      if ((this.state as State) === 'failed') break;
    }
    return events;
  }

  /**
   * The peer closed its side.  Before the HELLO exchange completed that is
   * ECONNRESET (§2.5); in the middle of a message it is EPROTO; otherwise a
   * clean end of file.
   */
  end(): VconnEvent[] {
    if (this.state === 'failed') return [];
    if (this.state === 'hello-sent') return this.fail([], 'ECONNRESET', 'connection closed during HELLO exchange');
    if (this.frames.buffered > 0) return this.fail([], 'EPROTO', 'end of file in the middle of a message');
    this.state = 'failed';
    return [{ kind: 'failed', error: 'EOF', reason: 'End of file' }];
  }

  private fail(events: VconnEvent[], error: VconnError, reason: string): VconnEvent[] {
    this.state = 'failed';
    events.push({ kind: 'failed', error, reason });
    return events;
  }

  private receiveHello(frame: Buffer, events: VconnEvent[]): void {
    let msg: OfpMessage | undefined;
    try {
      msg = decode(frame);
    } catch {
      msg = undefined;
    }
    if (!msg || msg.type !== 'hello') {
      this.fail(events, 'EPROTO', 'received message while expecting hello');
      return;
    }
    const warnings: string[] = [];
    this.peerVersions = peerVersions(msg as HelloMsg, warnings);
    for (const text of warnings) events.push({ kind: 'warning', text });
    const version = negotiate(this.allowedVersions, this.peerVersions);
    if (version < 0) {
      const theirs = this.peerVersions;
      const top = 31 - Math.clz32(theirs);
      const text = incompatibleText(this.allowedVersions, theirs);
      const reply = encode({
        type: 'error',
        version: isKnownVersion(top) ? top : 1,
        xid: 0,
        error: 'OFPHFC_INCOMPATIBLE',
        data: Buffer.from(text, 'ascii'),
      });
      events.push({ kind: 'send', bytes: reply });
      this.fail(
        events,
        'EPROTO',
        `version negotiation failed (we support ${describeVersionSet(this.allowedVersions)}, peer supports ${describeVersionSet(theirs)})`,
      );
      return;
    }
    this.version = version;
    this.state = 'connected';
    events.push({ kind: 'connected', version });
  }

  private receiveMessage(frame: Buffer, events: VconnEvent[]): void {
    const v = frame[0]!;
    const type = frame[1]!;
    // HELLO, ERROR, ECHO_REQUEST and ECHO_REPLY have the same numbers in every version.
    if (v !== this.version && type > 3) {
      events.push({ kind: 'warning', text: `received OpenFlow version 0x${v.toString(16).padStart(2, '0')} != expected ${this.version.toString(16).padStart(2, '0')}` });
      events.push({ kind: 'send', bytes: encode(errorReply(frame, 'OFPBRC_BAD_VERSION')) });
      return;
    }
    let msg: OfpMessage | OfpCodecError;
    try {
      msg = decode(frame);
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      msg = e;
    }
    events.push({ kind: 'message', frame, msg });
  }
}
