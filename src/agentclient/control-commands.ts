/**
 * The commands of the agent's control socket (control-server.ts carries
 * them; `ofconnmgr agent-ctl` sends them): a way for people and tests to
 * drive the agent's software switch from outside, as one would plug
 * cables into a real one.  One command is one line of words; its answer
 * is zero or more data lines and then a last line, "ok" or
 * "error: MESSAGE".
 *
 *   inject PORT HEX     a frame (hex digits) arrives on PORT (a number or LOCAL)
 *   tx PORT             the frames PORT sent since the last `tx PORT`, one hex
 *                       line each, oldest first, after "dropped N" if the
 *                       port's ring (tx-capture.ts) lost N of them
 *   dump-flows          every flow, hidden ones included, as ovs-ofctl prints flows
 *   ports               one line per port: number, name, address, link, config
 *   link PORT up|down   sets the port's link (carrier): a port-status follows
 *   stats               the agent's standing and counters, then per-port counters
 *   help                the command list
 *   quit                ends this control connection
 *
 * `inject` waits while the Attach stream is congested (the client is not
 * writable), so frames come in no faster than their packet-ins can leave:
 * the backpressure of the stream reaches whoever injects.  Nothing here
 * does I/O; the caller owns the socket.
 */

import type { ReferenceSwitch } from '../agent/reference-switch.js';
import { instructionsToString } from '../openflow/instructions.js';
import { matchToString } from '../openflow/match.js';
import { formatDuration } from '../openflow/multipart-printer.js';
import { OFPP_LOCAL, parsePortName, portName } from '../openflow/port-number.js';
import type { AgentClientCounters } from './agent-client.js';
import type { AgentRole } from './agent-events.js';
import { FRAG_MODE_NAMES } from './datapath-operations.js';
import type { TransmitCapture } from './tx-capture.js';

/** The longest frame `inject` takes (a 9000-byte jumbo payload plus headers). */
export const MAX_INJECT_BYTES = 9216;

/** What the commands need of the agent client (agent-client.ts's AgentClient has it all). */
export interface ControlledAgent {
  readonly role: AgentRole;
  readonly primary: bigint | undefined;
  readonly fragHandling: number;
  readonly counters: Readonly<AgentClientCounters>;
  whenWritable(): Promise<void>;
}

/** The answer to one command. */
export interface ControlAnswer {
  /** Data lines, without line ends. */
  readonly lines: readonly string[];
  /** undefined: success ("ok"); otherwise the message of "error: MESSAGE". */
  readonly error?: string;
  /** The connection should close after the answer (quit). */
  readonly close?: boolean;
}

/** Everything the commands act on. */
export interface ControlTarget {
  readonly sw: ReferenceSwitch;
  readonly agent: ControlledAgent;
  readonly capture: TransmitCapture;
  readonly electionId: bigint;
}

const HELP = [
  'inject PORT HEX     a frame arrives on PORT (number or LOCAL)',
  'tx PORT             frames sent out of PORT since the last tx PORT (hex, oldest first)',
  'dump-flows          every flow, hidden ones included',
  'ports               port number, name, address, link, config',
  'link PORT up|down   set a port\'s link (a port-status follows)',
  'stats               the agent\'s standing and counters, and per-port counters',
  'help                this list',
  'quit                end this control connection',
];

/** A command's words were wrong: "error: MESSAGE". */
class ControlError extends Error {}

function fail(message: string): never {
  throw new ControlError(message);
}

function parsePort(word: string | undefined): number {
  if (word === undefined) fail('missing PORT');
  const n = parsePortName(word);
  if (n === undefined || (n !== OFPP_LOCAL && (n < 1 || n >= 0xff00))) fail(`"${word}" is not a switch port (a number or LOCAL)`);
  return n;
}

function parseFrame(word: string | undefined): Uint8Array {
  if (word === undefined) fail('missing HEX (the frame)');
  if (!/^([0-9a-fA-F]{2})+$/.test(word)) fail('the frame must be an even number of hex digits');
  if (word.length / 2 > MAX_INJECT_BYTES) fail(`a frame of ${word.length / 2} bytes is longer than ${MAX_INJECT_BYTES}`);
  return Uint8Array.from(Buffer.from(word, 'hex'));
}

function need(words: readonly string[], n: number, shape: string): void {
  if (words.length - 1 !== n) fail(`${words[0]} needs ${shape}`);
}

/** A flow as `ovs-ofctl dump-flows` prints it (priority above 65535: a hidden flow). */
function flowLine(f: ReturnType<ReferenceSwitch['dumpFlows']>[number]): string {
  const timeouts = (f.idleTimeout ? `idle_timeout=${f.idleTimeout}, ` : '') + (f.hardTimeout ? `hard_timeout=${f.hardTimeout}, ` : '');
  const match = matchToString(f.match, 4);
  const head = f.priority === 0x8000 ? match : match ? `priority=${f.priority},${match}` : `priority=${f.priority}`;
  return `cookie=0x${f.cookie.toString(16)}, duration=${formatDuration(f.durationSec, f.durationNsec)}, table=${f.tableId}, ` +
    `n_packets=${f.packetCount}, n_bytes=${f.byteCount}, ${timeouts}${head ? head + ' ' : ''}actions=${instructionsToString(f.instructions, 4) || 'drop'}`;
}

export class ControlCommands {
  constructor(private readonly target: ControlTarget) {}

  /** Runs one command line; never rejects (a bad command is an answer with 'error'). */
  async run(line: string): Promise<ControlAnswer> {
    const words = line.trim().split(/\s+/).filter((w) => w !== '');
    try {
      return await this.dispatch(words);
    } catch (e) {
      if (e instanceof ControlError) return { lines: [], error: e.message };
      // The switch's own refusals (a frame shorter than a header, a missing port) are RangeErrors.
      if (e instanceof RangeError) return { lines: [], error: e.message };
      throw e;
    }
  }

  private async dispatch(words: readonly string[]): Promise<ControlAnswer> {
    const { sw, agent, capture } = this.target;
    switch (words[0]) {
      case 'inject': {
        need(words, 2, 'PORT HEX');
        const port = parsePort(words[1]);
        const frame = parseFrame(words[2]);
        await agent.whenWritable();
        sw.inject(port, frame);
        return { lines: [] };
      }
      case 'tx': {
        need(words, 1, 'PORT');
        const { frames, dropped } = capture.take(parsePort(words[1]));
        const hexes = frames.map((f) => Buffer.from(f).toString('hex'));
        return { lines: dropped > 0 ? [`dropped ${dropped}`, ...hexes] : hexes };
      }
      case 'dump-flows':
        need(words, 0, 'no arguments');
        return { lines: sw.dumpFlows().map(flowLine) };
      case 'ports':
        need(words, 0, 'no arguments');
        return {
          lines: sw.features().ports.map((p) =>
            `${portName(p.portNo)} ${p.name} ${p.hwAddr} link=${p.state & 1 ? 'down' : 'up'} config=0x${p.config.toString(16)}`),
        };
      case 'link': {
        need(words, 2, 'PORT up|down');
        const port = parsePort(words[1]);
        if (words[2] !== 'up' && words[2] !== 'down') fail(`link state must be "up" or "down", not "${words[2]}"`);
        sw.setLinkState(port, words[2] === 'up');
        return { lines: [] };
      }
      case 'stats':
        need(words, 0, 'no arguments');
        return { lines: this.stats() };
      case 'help':
        return { lines: HELP };
      case 'quit':
        return { lines: [], close: true };
      case undefined:
        return fail('empty command (try "help")');
      default:
        return fail(`unknown command "${words[0]}" (try "help")`);
    }
  }

  private stats(): string[] {
    const { sw, agent, electionId } = this.target;
    const c = agent.counters;
    const frag = FRAG_MODE_NAMES[agent.fragHandling] ?? String(agent.fragHandling);
    const lines = [
      `agent state=${agent.role} election_id=${electionId} primary_election_id=${agent.primary ?? '-'} ` +
        `frag_handling=${frag} miss_to_controller=${sw.missSendsToController}`,
      `agent attempts=${c.attempts} requests=${c.requests} requests_failed=${c.requestsFailed} ` +
        `packet_ins_sent=${c.packetInsSent} flow_removeds_sent=${c.flowRemovedsSent} port_statuses_sent=${c.portStatusesSent} ` +
        `events_dropped=${c.eventsDropped} stream_errors=${c.streamErrors} backpressured=${c.backpressured}`,
    ];
    for (const { port, counters: k } of sw.portCounters()) {
      lines.push(
        `port ${portName(port.portNo)} rx_packets=${k.rxPackets} tx_packets=${k.txPackets} rx_bytes=${k.rxBytes} ` +
          `tx_bytes=${k.txBytes} rx_dropped=${k.rxDropped} tx_dropped=${k.txDropped}`,
      );
    }
    return lines;
  }
}
