/**
 * Transcript tests for the rconn core, in the manner of Open vSwitch's
 * tests/reconnect.at: a script of commands, each followed by the output it
 * must produce (indented two spaces).  runTranscript() executes the
 * commands against an RconnCore with fake ports and a FakeClock, and
 * returns the transcript it observed next to the expected one, so a test is
 * `t.is(r.actual, r.expected)` and a failure shows a line diff.
 *
 * Output lines:
 *   ! text          an event, worded as OVS logs it ("(quiet)" when §1.2.5 silences it)
 *   > ...           something the core did through a port (open, close, a frame written)
 *   in S for N ms (B ms backoff)   the state, printed whenever it or the backoff changed
 *   other           the command's own answer (send status, status fields, ...)
 *
 * Commands (one per line; '#' lines and blank lines are copied through):
 *   create [probe=S] [max-backoff=S]   a new core (implicit, with defaults, if omitted)
 *   connect TARGET [unix]              reliable connect ('unix': a stream that needs no probes)
 *   accept TARGET                      unreliable: adopt an accepted connection
 *   open-error ERR|none                the connector fails every open with ERR from now on
 *   connected V [session=N]            the session finished HELLO with version V
 *   connect-failed ERR [session=N]     the session failed while connecting
 *   dropped ERR [session=N]            the session closed (EOF) or failed
 *   received NAME [session=N]          a message called NAME (codec name) arrived;
 *                                      admission per §1.4.2; NAME 'undecodable' counts as none
 *   send NAME [len=N] [counter=C] [limit=L]   send a frame of N bytes (default 8)
 *   block | unblock                    the session channel answers 'again' / takes frames
 *   write-error ERR                    the session channel fails the next frame offered
 *   run | advance MS | timeout         run the core / move the clock / move it to nextDeadline
 *   deadline                           print nextDeadline without moving the clock
 *   set-probe S | set-max-backoff S | reconnect | disconnect | destroy
 *   status | counter C | stats
 *   monitor add M | monitor block M | monitor unblock M | monitor write-error M ERR
 *   monitor input M NAME | monitor eof M
 */

import { isAdmissionMessage } from '../../src/rconn/admission.js';
import { RconnCore, type SessionPort } from '../../src/rconn/core.js';
import { isConnectionError, errorText, type ConnectionError } from '../../src/rconn/errors.js';
import { describeEvent, type RconnEvent } from '../../src/rconn/events.js';
import type { MonitorPort } from '../../src/rconn/monitors.js';
import { PacketCounter, type SendResult } from '../../src/rconn/send-queue.js';
import { decode, rawNameFor } from '../../src/openflow/index.js';
import { rawByName } from '../../src/openflow/msgs.js';
import { FakeClock } from './fake-clock.js';

export interface TranscriptResult {
  readonly actual: string;
  readonly expected: string;
}

/** Removes the indentation common to every non-blank line, and blank lines at both ends. */
function dedent(text: string): string[] {
  const lines = text.replace(/\t/g, '    ').split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(indent).trimEnd()));
}

/** A channel whose behaviour the script controls. */
class ScriptedChannel implements SessionPort, MonitorPort {
  blocked = false;
  failNext: ConnectionError | null = null;
  closed = false;

  constructor(
    public name: string,
    private readonly print: (line: string) => void,
    private readonly label: (frame: Uint8Array) => string,
  ) {}

  trySend(frame: Uint8Array): SendResult {
    if (this.closed) throw new Error(`${this.name}: write after close`);
    if (this.failNext !== null) {
      const error = this.failNext;
      this.failNext = null;
      this.print(`> ${this.name} write error (${errorText(error)})`);
      return error;
    }
    if (this.blocked) return 'again';
    this.print(`> ${this.name} <- ${this.label(frame)}`);
    return 'sent';
  }

  close(): void {
    if (this.closed) throw new Error(`${this.name}: closed twice`);
    this.closed = true;
    this.print(`> close ${this.name}`);
  }
}

function parseError(word: string | undefined): ConnectionError {
  if (!isConnectionError(word)) throw new Error(`not an error code: ${word}`);
  return word;
}

/** Runs 'script' (see the file comment) and returns what it printed beside what it expected. */
export function runTranscript(script: string): TranscriptResult {
  const expectedLines = dedent(script);
  const actual: string[] = [];
  const print = (line: string): void => void actual.push(`  ${line}`);

  const clock = new FakeClock(1000);
  const labels = new WeakMap<Uint8Array, string>();
  const label = (frame: Uint8Array): string => {
    const known = labels.get(frame);
    if (known !== undefined) return known;
    const m = decode(frame);
    return `${rawNameFor(m)} (version ${m.version}, xid ${m.xid}, ${frame.length} bytes)`;
  };
  const frameFor = (name: string, length: number, version: number): Uint8Array => {
    const frame = new Uint8Array(Math.max(8, length));
    const raw = rawByName(name, version);
    frame[0] = version;
    frame[1] = raw?.type ?? 0xff;
    new DataView(frame.buffer).setUint16(2, frame.length);
    labels.set(frame, name);
    return frame;
  };

  let openError: ConnectionError | null = null;
  const sessions = new Map<number, ScriptedChannel>();
  const monitors = new Map<string, ScriptedChannel>();
  const counters = new Map<string, PacketCounter>();
  let lastSession = 0;

  const listener = (e: RconnEvent): void => {
    if (e.type === 'rconn.state' || e.type === 'rconn.disconnected') return;
    const quiet = 'quiet' in e && e.quiet ? '(quiet) ' : '';
    print(`! ${quiet}${describeEvent(e)}`);
  };
  const connector = {
    open(session: number, target: string) {
      lastSession = session;
      if (openError !== null) {
        print(`> open session ${session} to ${target}: ${errorText(openError)}`);
        return openError;
      }
      print(`> open session ${session} to ${target}`);
      const channel = new ScriptedChannel(`session ${session}`, print, label);
      sessions.set(session, channel);
      return channel;
    },
  };
  const create = (probe?: number, maxBackoff?: number): RconnCore =>
    new RconnCore({
      now: clock.now(),
      ...(probe !== undefined ? { probeInterval: probe } : {}),
      ...(maxBackoff !== undefined ? { maxBackoff } : {}),
      listener,
      connector,
    });
  let core = create();

  const stateLine = (): string =>
    `in ${core.stateName} for ${clock.now() - core.stateEntered} ms (${core.status(clock.now()).backoffMs} ms backoff)`;
  let lastKey = `${core.stateName}@${core.stateEntered}/${core.status(clock.now()).backoffMs}`;

  for (const line of expectedLines) {
    if (line.startsWith('  ')) continue;
    actual.push(line);
    if (line === '' || line.startsWith('#')) continue;
    const [command, ...args] = line.split(/\s+/);
    const options = new Map(args.filter((a) => a.includes('=')).map((a) => a.split('=', 2) as [string, string]));
    const words = args.filter((a) => !a.includes('='));
    const session = options.has('session') ? Number(options.get('session')) : lastSession;
    const now = clock.now();
    switch (command) {
      case 'create': {
        const probe = options.get('probe');
        const maxBackoff = options.get('max-backoff');
        core = create(probe === undefined ? undefined : Number(probe), maxBackoff === undefined ? undefined : Number(maxBackoff));
        break;
      }
      case 'connect':
        core.connect(now, words[0]!, { needsProbes: words[1] !== 'unix' });
        break;
      case 'accept': {
        const channel = new ScriptedChannel('accepted', print, label);
        lastSession = core.connectUnreliably(now, channel, words[0]!);
        channel.name = `session ${lastSession}`;
        sessions.set(lastSession, channel);
        break;
      }
      case 'open-error':
        openError = words[0] === 'none' ? null : parseError(words[0]);
        break;
      case 'connected':
        if (!core.connected(now, session, Number(words[0]))) print('ignored');
        break;
      case 'connect-failed':
        core.connectFailed(now, session, parseError(words[0]));
        break;
      case 'dropped':
        core.dropped(now, session, parseError(words[0]));
        break;
      case 'received': {
        const name = words[0]!;
        const admission = name !== 'undecodable' && isAdmissionMessage(name);
        const frame = frameFor(name, 8, Math.max(1, core.version));
        print(core.received(now, session, frame, admission) ? 'delivered' : 'ignored');
        break;
      }
      case 'send': {
        const frame = frameFor(words[0]!, Number(options.get('len') ?? 8), Math.max(1, core.version));
        const counterName = options.get('counter');
        let counter: PacketCounter | null = null;
        if (counterName !== undefined) {
          counter = counters.get(counterName) ?? new PacketCounter();
          counters.set(counterName, counter);
        }
        const limit = options.get('limit');
        const status =
          limit === undefined ? core.send(now, frame, counter) : core.sendWithLimit(now, frame, counter!, Number(limit));
        print(`send: ${status}`);
        break;
      }
      case 'block':
      case 'unblock':
        sessions.get(session)!.blocked = command === 'block';
        break;
      case 'write-error':
        sessions.get(session)!.failNext = parseError(words[0]);
        break;
      case 'run':
        core.run(now);
        break;
      case 'advance':
        clock.advance(Number(words[0]));
        print(`t=${clock.now()}`);
        break;
      case 'timeout': {
        const deadline = core.nextDeadline(now);
        if (deadline === Infinity) {
          print('no timeout');
        } else {
          clock.advance(deadline - now);
          print(`advance ${deadline - now} ms, t=${clock.now()}`);
        }
        break;
      }
      case 'deadline': {
        const deadline = core.nextDeadline(now);
        print(deadline === Infinity ? 'no deadline' : `deadline t=${deadline}`);
        break;
      }
      case 'set-probe':
        core.setProbeInterval(Number(words[0]));
        break;
      case 'set-max-backoff':
        core.setMaxBackoff(now, Number(words[0]));
        break;
      case 'reconnect':
        core.reconnect(now);
        break;
      case 'disconnect':
        core.disconnect(now);
        break;
      case 'destroy':
        core.destroy(now);
        break;
      case 'status': {
        const s = core.status(now);
        print(`state ${s.state}, connected ${s.isConnected}, alive ${s.isAlive}, reliable ${s.isReliable}, admitted ${s.isAdmitted}`);
        print(`last_error ${s.lastError ?? 'none'} "${s.lastErrorText}", version ${s.version}, seqno ${s.seqno}`);
        print(`sec_since_connect ${s.secSinceConnect ?? 'never'}, sec_since_disconnect ${s.secSinceDisconnect ?? 'never'}`);
        print(`txqlen ${s.txqlen}, monitors ${s.monitors}, failure_duration ${s.failureDuration}`);
        print(`backoff ${s.backoffMs} ms, max_backoff ${s.maxBackoff} s, probe_interval ${s.probeInterval} s`);
        print(`name ${s.name}, target ${s.target}`);
        break;
      }
      case 'counter': {
        const c = counters.get(words[0]!) ?? new PacketCounter();
        print(`counter ${words[0]}: ${c.packets} packets, ${c.bytes} bytes`);
        break;
      }
      case 'stats': {
        const q = core.queueStats;
        print(`queued ${q.queued}, sent ${q.sent}, discarded ${q.discarded}, overflow ${q.overflow}`);
        break;
      }
      case 'monitor': {
        const [verb, name] = words as [string, string];
        if (verb === 'add') {
          const channel = new ScriptedChannel(name, print, label);
          monitors.set(name, channel);
          if (!core.addMonitor(channel)) print('rejected');
          break;
        }
        const channel = monitors.get(name)!;
        if (verb === 'block' || verb === 'unblock') channel.blocked = verb === 'block';
        else if (verb === 'write-error') channel.failNext = parseError(words[2]);
        else if (verb === 'input') {
          core.monitorReceived(channel, frameFor(words[2]!, 8, 1));
          print(`discarded (${core.monitorInputDiscarded} so far)`);
        }
        else if (verb === 'eof') core.monitorFailed(channel, 'EOF');
        else throw new Error(`unknown monitor command: ${verb}`);
        break;
      }
      default:
        throw new Error(`unknown transcript command: ${line}`);
    }
    const key = `${core.stateName}@${core.stateEntered}/${core.status(clock.now()).backoffMs}`;
    if (key !== lastKey || command === 'create') print(stateLine());
    lastKey = key;
  }
  return { actual: actual.join('\n'), expected: expectedLines.join('\n') };
}

/** Runs 'script' and asserts that its output matches, line for line. */
export function checkTranscript(t: { is(actual: string, expected: string, message?: string): unknown }, script: string): void {
  const r = runTranscript(script);
  t.is(r.actual, r.expected);
}
