/**
 * The rconn driver: puts real connections behind RconnCore.  For a
 * reliable rconn it dials the target through the transport layer, runs
 * the HELLO exchange with a Vconn, and reports the outcome; for an accepted
 * stream it adopts it as an unreliable session.  Messages from the peer are
 * decoded by the Vconn and handed to the owner (connmgr) through
 * 'onMessage'; messages to the peer go through the core's send queue.
 * Snoop monitors are streams with their own HELLO exchange.  Time comes
 * from the injected Clock; one timer, re-armed after every call into the
 * core, wakes the core at its next deadline.
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import { type OfpCodecError, type OfpMessage, messageName } from '../openflow/index.js';
import {
  type OpenOptions,
  type Stream,
  type StreamError,
  needsProbes,
  openActive,
  parseActiveTarget,
} from '../transport/index.js';
import { Vconn, type VconnEvent } from '../vconn/vconn.js';
import { isAdmissionMessage } from './admission.js';
import { RconnCore, type SendStatus, type SessionPort } from './core.js';
import { connectionErrorFromCode, type ConnectionError } from './errors.js';
import type { RconnListener } from './events.js';
import type { MessageTally } from './message-tally.js';
import type { MonitorPort } from './monitors.js';
import type { PacketCounter } from './send-queue.js';
import type { RconnStatus } from './status.js';

/** Options of a new Rconn. */
export interface RconnOptions {
  readonly clock: Clock;
  /** Inactivity probe interval in seconds (0: off; default 5; §1.3.1). */
  readonly probeInterval?: number;
  /** Maximum backoff in seconds (0 or absent: 8; §1.2.6). */
  readonly maxBackoff?: number;
  /** OpenFlow versions allowed in HELLO, as a bitmap; 0 or absent: 1.0-1.5 (§2.1). */
  readonly allowedVersions?: number;
  /** Transport options for dialled connections: DSCP, TLS credentials, run directory. */
  readonly openOptions?: Omit<OpenOptions, 'signal'>;
  /** Receives the core's events (for logs and metrics). */
  readonly listener?: RconnListener;
  /** Counts the messages received and sent (for metrics); may be shared with other rconns. */
  readonly tally?: MessageTally;
  /**
   * Receives every message the peer sends on the connected session, in
   * order, decoded or with the codec error explaining why it could not be
   * (the owner answers with an OpenFlow error).  Called from the event loop.
   */
  readonly onMessage?: (msg: OfpMessage | OfpCodecError, frame: Buffer) => void;
  /** Called after each change of connection state (connected, disconnected). */
  readonly onStateChange?: () => void;
  /**
   * Called when the send queue, after holding a backlog (the stream pushed
   * back), has been written out completely: the owner may send again
   * without growing the queue.
   */
  readonly onDrained?: () => void;
}

/**
 * Bytes gathered before one write to the stream.  Messages sent in the
 * same turn of the event loop go out in one write (one system call, as
 * with a corked socket); a batch this large is written at once.
 */
const BATCH_BYTES = 16 * 1024;

/** One connection attempt or accepted connection, seen from the core. */
class Session implements SessionPort {
  readonly vconn: Vconn;
  /** The core's number for this session (set by the Rconn right after the core assigns it). */
  id: number;
  /** True once the HELLO exchange succeeded on this session. */
  established = false;
  stream: Stream | null = null;
  /** True while the stream's send buffer is above its high-water mark. */
  private blocked = false;
  private closed = false;
  private readonly abort = new AbortController();
  /** Messages accepted by trySend() and not yet handed to the stream. */
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private flushScheduled = false;

  constructor(
    private readonly owner: Rconn,
    id: number,
    allowedVersions: number,
  ) {
    this.id = id;
    this.vconn = new Vconn(allowedVersions);
  }

  /** Adopts 'stream' once it is open: greet the peer and listen. */
  attach(stream: Stream): void {
    if (this.closed) {
      stream.close();
      return;
    }
    this.stream = stream;
    stream.on('data', (chunk) => this.owner.sessionEvents(this, this.vconn.receive(chunk)));
    stream.on('end', () => this.owner.sessionEvents(this, this.vconn.end()));
    stream.on('error', (e: StreamError) => this.owner.sessionFailed(this, connectionErrorFromCode(e.code)));
    stream.on('drain', () => {
      this.blocked = false;
      this.owner.kick();
    });
    this.write(this.vconn.hello());
  }

  /** The abort signal of a dial in progress. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues 'bytes' for the stream, in order with everything sent before. */
  write(bytes: Uint8Array): void {
    if (!this.stream) return;
    this.batch.push(bytes);
    this.batchBytes += bytes.length;
    if (this.batchBytes >= BATCH_BYTES) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Hands the batch to the stream as one write; notes backpressure. */
  private flush(): void {
    if (this.batch.length === 0 || !this.stream) return;
    const data = this.batch.length === 1 ? this.batch[0]! : Buffer.concat(this.batch, this.batchBytes);
    this.batch = [];
    this.batchBytes = 0;
    if (!this.stream.write(data)) this.blocked = true;
  }

  trySend(frame: Uint8Array): 'sent' | 'again' | ConnectionError {
    if (this.closed || !this.stream) return 'ENOTCONN';
    if (this.blocked) return 'again';
    this.write(frame);
    return 'sent';
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.abort.abort();
    this.stream?.close();
  }

  pauseReading(paused: boolean): void {
    if (paused) this.stream?.pause();
    else this.stream?.resume();
  }
}

/** A snoop client attached as a monitor (§1.6). */
class Monitor implements MonitorPort {
  readonly vconn = new Vconn();
  private blocked = false;

  constructor(
    private readonly owner: Rconn,
    private readonly stream: Stream,
  ) {}

  get name(): string {
    return this.stream.name;
  }

  start(): void {
    this.stream.on('data', (chunk) => this.owner.monitorEvents(this, this.vconn.receive(chunk)));
    this.stream.on('end', () => this.owner.monitorEvents(this, this.vconn.end()));
    this.stream.on('error', (e: StreamError) => this.owner.monitorFailed(this, connectionErrorFromCode(e.code)));
    this.stream.on('drain', () => {
      this.blocked = false;
    });
    this.write(this.vconn.hello());
  }

  write(bytes: Uint8Array): void {
    if (!this.stream.write(bytes)) this.blocked = true;
  }

  trySend(frame: Uint8Array): 'sent' | 'again' | ConnectionError {
    if (this.stream.closed) return 'ENOTCONN';
    if (!this.vconn.isConnected || this.blocked) return 'again';
    this.write(frame);
    return 'sent';
  }

  close(): void {
    this.stream.close();
  }
}

/**
 * A reliable or unreliable OpenFlow connection over real streams.  Create
 * it, then connect(target) to dial and redial, or adopt(stream) for an
 * accepted client; send() messages; destroy() when done.
 */
export class Rconn {
  readonly core: RconnCore;
  private readonly clock: Clock;
  private readonly allowedVersions: number;
  private readonly openOptions: Omit<OpenOptions, 'signal'>;
  private readonly onMessage: RconnOptions['onMessage'];
  private readonly onStateChange: RconnOptions['onStateChange'];
  private readonly onDrained: RconnOptions['onDrained'];
  private timer: TimerHandle | null = null;
  private timerDue = Infinity;
  private session: Session | null = null;
  private readingPaused = false;
  /** isConnected as of the last kick(), to notice a state change made by a send. */
  private lastConnected = false;
  private destroyed = false;

  constructor(options: RconnOptions) {
    this.clock = options.clock;
    this.allowedVersions = options.allowedVersions ?? 0;
    this.openOptions = options.openOptions ?? {};
    this.onMessage = options.onMessage;
    this.onStateChange = options.onStateChange;
    this.onDrained = options.onDrained;
    const coreOptions = {
      now: this.clock.now(),
      connector: { open: (id: number, target: string) => this.open(id, target) },
      ...(options.probeInterval !== undefined ? { probeInterval: options.probeInterval } : {}),
      ...(options.maxBackoff !== undefined ? { maxBackoff: options.maxBackoff } : {}),
      ...(options.listener ? { listener: options.listener } : {}),
      ...(options.tally ? { tally: options.tally } : {}),
    };
    this.core = new RconnCore(coreOptions);
  }

  // ---- Commands -------------------------------------------------------------

  /** §1.1.3: dials 'target' now and redials after every failure, with backoff. */
  connect(target: string, name?: string): void {
    let probes = true;
    try {
      probes = needsProbes(parseActiveTarget(target).prefix);
    } catch {
      // An invalid target fails at open (§1.1.5); probing does not matter.
    }
    this.core.connect(this.clock.now(), target, { needsProbes: probes, ...(name ? { name } : {}) });
    this.kick();
  }

  /** §1.1.4: adopts 'stream', an accepted connection, as an unreliable session. */
  adopt(stream: Stream, name?: string): void {
    const now = this.clock.now();
    const s = new Session(this, -1, this.allowedVersions);
    s.id = this.core.connectUnreliably(now, s, stream.name, name);
    this.session = s;
    s.attach(stream);
    this.kick();
  }

  /** §1.5.1: sends 'frame', one message already encoded in the session's version. */
  send(frame: Uint8Array, counter: PacketCounter | null = null): SendStatus {
    const r = this.core.send(this.clock.now(), frame, counter);
    this.afterSend();
    return r;
  }

  /** §1.5.3: as send(), but drops 'frame' with 'EAGAIN' when 'counter' holds 'limit' messages. */
  sendWithLimit(frame: Uint8Array, counter: PacketCounter, limit: number): SendStatus {
    const r = this.core.sendWithLimit(this.clock.now(), frame, counter, limit);
    this.afterSend();
    return r;
  }

  /**
   * A message written straight out changes neither state nor deadlines
   * (§1.3.4: it is not activity), so the core needs running only when the
   * message was queued behind a backlog or the write failed.  This keeps
   * the send path short.
   */
  private afterSend(): void {
    if (this.core.txqlen > 0 || this.core.isConnected !== this.lastConnected) this.kick();
  }

  /** §1.6: attaches snoop client 'stream' as a monitor; false (and closed) if 8 are attached. */
  addMonitor(stream: Stream): boolean {
    const m = new Monitor(this, stream);
    if (!this.core.addMonitor(m)) return false;
    m.start();
    return true;
  }

  /** §1.1.8: if connected, drops the connection (a reliable rconn redials). */
  reconnect(): void {
    this.core.reconnect(this.clock.now());
    this.kick();
  }

  /** Stops (or resumes) reading from the peer: TCP backpressure for §4.9.1. */
  pauseReading(paused: boolean): void {
    this.readingPaused = paused;
    this.session?.pauseReading(paused);
  }

  /** Closes everything, monitors included; the rconn is unusable afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.core.destroy(this.clock.now());
    this.timer?.cancel();
    this.timer = null;
  }

  // ---- Observations -----------------------------------------------------------

  get isConnected(): boolean {
    return this.core.isConnected;
  }
  get isAlive(): boolean {
    return this.core.isAlive;
  }
  get version(): number {
    return this.core.version;
  }
  /** Messages waiting in the send queue (the stream pushed back). */
  get txqlen(): number {
    return this.core.txqlen;
  }
  status(): RconnStatus {
    return this.core.status(this.clock.now());
  }

  // ---- Driver internals (called by Session and Monitor) -------------------------

  /** Runs the core and re-arms the timer for its next deadline. */
  kick(): void {
    if (this.destroyed) return;
    const now = this.clock.now();
    // Compared with the state at the last notification, not at entry: a
    // command (reconnect, a drop reported by the session) may already
    // have changed it before this run.
    const wasConnected = this.lastConnected;
    const hadBacklog = this.core.txqlen > 0;
    this.core.run(now);
    const due = this.core.nextDeadline(this.clock.now());
    if (due !== this.timerDue) {
      this.timer?.cancel();
      this.timer = null;
      this.timerDue = due;
      if (Number.isFinite(due)) {
        this.timer = this.clock.setTimer(due - now, () => {
          this.timer = null;
          this.timerDue = Infinity;
          this.kick();
        });
      }
    }
    this.lastConnected = this.core.isConnected;
    if (wasConnected !== this.core.isConnected) this.onStateChange?.();
    if (hadBacklog && this.core.txqlen === 0) this.onDrained?.();
  }

  private open(id: number, target: string): SessionPort | ConnectionError {
    try {
      parseActiveTarget(target);
    } catch {
      return 'EAFNOSUPPORT';
    }
    const s = new Session(this, id, this.allowedVersions);
    this.session = s;
    openActive(target, { ...this.openOptions, signal: s.signal }).then(
      (stream) => {
        s.attach(stream);
        if (this.readingPaused) s.pauseReading(true);
      },
      (e: unknown) => {
        if (s.isClosed) return;
        this.core.connectFailed(this.clock.now(), id, connectionErrorFromCode((e as { code?: unknown }).code));
        this.kick();
      },
    );
    return s;
  }

  sessionEvents(s: Session, events: VconnEvent[]): void {
    if (s.isClosed) return;
    for (const ev of events) {
      const now = this.clock.now();
      switch (ev.kind) {
        case 'send':
          s.write(ev.bytes);
          break;
        case 'connected':
          s.established = true;
          this.core.connected(now, s.id, ev.version);
          this.lastConnected = this.core.isConnected;
          this.onStateChange?.();
          break;
        case 'message': {
          const admission = !(ev.msg instanceof Error) && isAdmissionMessage(messageName(ev.msg));
          if (this.core.received(now, s.id, ev.frame, admission)) this.onMessage?.(ev.msg, ev.frame);
          break;
        }
        case 'warning':
          break;
        case 'failed':
          if (s.established) this.core.dropped(now, s.id, ev.error);
          else this.core.connectFailed(now, s.id, ev.error);
          break;
      }
      if (s.isClosed) break;
    }
    this.kick();
  }

  sessionFailed(s: Session, error: ConnectionError): void {
    if (s.isClosed) return;
    const now = this.clock.now();
    if (s.established) this.core.dropped(now, s.id, error);
    else this.core.connectFailed(now, s.id, error);
    this.kick();
  }

  monitorEvents(m: Monitor, events: VconnEvent[]): void {
    for (const ev of events) {
      if (ev.kind === 'send') m.write(ev.bytes);
      else if (ev.kind === 'message') this.core.monitorReceived(m, ev.frame);
      else if (ev.kind === 'failed') this.core.monitorFailed(m, ev.error);
    }
  }

  monitorFailed(m: Monitor, error: ConnectionError): void {
    this.core.monitorFailed(m, error);
  }
}
