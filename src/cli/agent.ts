/**
 * `ofconnmgr agent`: the reference software switch (src/agent) as a real
 * switch agent, a gRPC client of a running service (src/agentclient's
 * AgentClient over the Attach stream), until SIGINT or SIGTERM.  It prints
 * one line per change of standing (attached as primary or backup, lost
 * connection, retrying) and per problem the service reports.  With
 * --control PATH it opens the control socket through which `ofconnmgr
 * agent-ctl` (agent-ctl.ts) injects frames and reads what the switch sent,
 * its flows, ports and counters.
 *
 * The switch lives as long as the process: its flows survive lost
 * connections and service restarts; a restarted agent starts empty, like
 * a restarted datapath.
 */

import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ReferenceSwitch } from '../agent/index.js';
import { AgentClient, ControlCommands, ControlServer, describeAgentEvent, parseElectionId, TransmitCapture } from '../agentclient/index.js';
import { defaultDatapathId } from '../api/conversion.js';
import { DEFAULT_LISTEN } from './serve.js';
import { stopSignal } from './stop-signal.js';

/** Output channels of the command, so tests can capture them. */
export interface AgentIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the agent should stop (default: SIGINT or SIGTERM). */
  stopped?: Promise<void>;
}

/** Ports the switch has without --ports (plus LOCAL). */
export const DEFAULT_PORTS = 4;
/** The most --ports accepts. */
export const MAX_AGENT_PORTS = 4096;

const USAGE =
  'usage: ofconnmgr agent [--server HOST:PORT] --bridge NAME [--dpid HEX] [--ports N] [--election-id N] [--control PATH] ' +
  '[--tls-ca FILE [--tls-cert FILE --tls-key FILE]]';

interface AgentArgs {
  server: string;
  bridge: string;
  dpid: bigint | undefined;
  ports: number;
  electionId: bigint;
  control: string | undefined;
  tlsCa: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
}

function parseArgs(args: readonly string[]): AgentArgs | string {
  const parsed: AgentArgs = {
    server: DEFAULT_LISTEN, bridge: '', dpid: undefined, ports: DEFAULT_PORTS, electionId: 1n, control: undefined,
    tlsCa: undefined, tlsCert: undefined, tlsKey: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (name === a ? args[++i] : a.slice(eq + 1));
    switch (name) {
      case '--server': {
        const v = value();
        if (!v || !/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(v)) return `--server needs HOST:PORT, not "${v ?? ''}"`;
        parsed.server = v;
        break;
      }
      case '--bridge': {
        const v = value();
        if (!v || !/^[A-Za-z0-9_.-]{1,15}$/.test(v)) return `--bridge needs a bridge name (1 to 15 of A-Z a-z 0-9 _ . -), not "${v ?? ''}"`;
        parsed.bridge = v;
        break;
      }
      case '--dpid': {
        const v = value();
        if (!v || !/^(0x)?[0-9a-fA-F]{1,16}$/.test(v) || BigInt('0x' + v.replace(/^0x/, '')) === 0n) {
          return `--dpid needs 1 to 16 hex digits, not all zeros, not "${v ?? ''}"`;
        }
        parsed.dpid = BigInt('0x' + v.replace(/^0x/, ''));
        break;
      }
      case '--ports': {
        const v = value();
        if (!v || !/^\d+$/.test(v) || Number(v) > MAX_AGENT_PORTS) return `--ports needs a number from 0 to ${MAX_AGENT_PORTS}, not "${v ?? ''}"`;
        parsed.ports = Number(v);
        break;
      }
      case '--election-id': {
        const v = value() ?? '';
        try {
          parsed.electionId = parseElectionId(v);
        } catch (e) {
          return `--election-id: ${(e as Error).message}`;
        }
        break;
      }
      case '--control': {
        const v = value();
        if (!v) return '--control needs a socket path';
        parsed.control = v;
        break;
      }
      case '--tls-ca':
      case '--tls-cert':
      case '--tls-key': {
        const v = value();
        if (!v) return `${name} needs a file`;
        if (name === '--tls-ca') parsed.tlsCa = v;
        else if (name === '--tls-cert') parsed.tlsCert = v;
        else parsed.tlsKey = v;
        break;
      }
      default:
        return `unknown argument "${a}"`;
    }
  }
  if (parsed.bridge === '') return '--bridge is required';
  if ((parsed.tlsCert === undefined) !== (parsed.tlsKey === undefined)) return '--tls-cert and --tls-key go together';
  if (parsed.tlsCert !== undefined && parsed.tlsCa === undefined) return '--tls-cert needs --tls-ca';
  return parsed;
}

/** TLS credentials from the --tls-* files, or insecure ones. */
function credentialsOf(a: AgentArgs): grpc.ChannelCredentials {
  if (a.tlsCa === undefined) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(
    readFileSync(a.tlsCa),
    a.tlsKey === undefined ? null : readFileSync(a.tlsKey),
    a.tlsCert === undefined ? null : readFileSync(a.tlsCert),
  );
}

/**
 * Runs `agent` with 'args' (see USAGE) until 'io.stopped' (default: SIGINT
 * or SIGTERM); resolves to the exit status once stopped: 0, or 1 for bad
 * arguments, TLS files that cannot be read, or a control socket that
 * cannot be opened (reported on 'err').  An unreachable service is not an
 * error: the agent keeps trying.
 */
export async function agent(args: readonly string[], io: AgentIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`ofconnmgr agent: ${parsed} (${USAGE})`);
    return 1;
  }
  let credentials: grpc.ChannelCredentials;
  try {
    credentials = credentialsOf(parsed);
  } catch (e) {
    io.err(`ofconnmgr agent: cannot read TLS files: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const stopped = io.stopped ?? stopSignal();
  const { bridge, server } = parsed;
  const datapathId = parsed.dpid ?? defaultDatapathId(bridge);
  const sw = new ReferenceSwitch({
    datapathId, bridgeName: bridge, ports: Array.from({ length: parsed.ports }, (_, i) => ({ portNo: i + 1 })),
  });
  const capture = new TransmitCapture();
  sw.setTransmitListener((t) => capture.record(t));
  const client = new AgentClient({
    server, bridge, electionId: parsed.electionId, datapath: sw, credentials,
    ...(parsed.dpid === undefined ? {} : { datapathId: parsed.dpid }),
    onEvent: (e) => {
      const line = describeAgentEvent(e, bridge, server);
      if (line !== null) (e.type === 'stream-error' || e.type === 'request-failed' || e.type === 'event-dropped' ? io.err : io.out)(`ofconnmgr agent: ${line}`);
    },
  });
  let control: ControlServer | undefined;
  if (parsed.control !== undefined) {
    const commands = new ControlCommands({ sw, agent: client, capture, electionId: parsed.electionId });
    try {
      control = await ControlServer.listen(parsed.control, (line) => commands.run(line));
    } catch (e) {
      io.err(`ofconnmgr agent: cannot open control socket ${parsed.control}: ${e instanceof Error ? e.message : String(e)}`);
      sw.close();
      return 1;
    }
  }
  io.out(
    `ofconnmgr agent: bridge ${bridge}, datapath id ${datapathId.toString(16).padStart(16, '0')}` +
      `${parsed.dpid === undefined ? ' (derived from the name)' : ''}, ${parsed.ports} port(s), election id ${parsed.electionId}, ` +
      `service ${server}${parsed.tlsCa === undefined ? '' : ' (TLS)'}${control ? `, control socket ${control.path}` : ''}`,
  );
  client.start();
  await stopped;
  io.out('ofconnmgr agent: stopping');
  await client.stop();
  await control?.close();
  sw.close();
  return 0;
}
