#!/usr/bin/env node
/**
 * The `ofconnmgr` command.  Subcommands:
 *   serve       the gRPC service (serve.ts)
 *   agent       the reference software switch as a client of the service (agent.ts)
 *   agent-ctl   drive a running agent through its control socket (agent-ctl.ts)
 *   ctl         configure and inspect a running service (ctl.ts)
 *   ofp-print   decode OpenFlow messages given as hex
 *   help        this text
 */

import { agent } from './agent.js';
import { agentCtl } from './agent-ctl.js';
import { ctl } from './ctl.js';
import { ofpPrint } from './ofp-print.js';
import { serve } from './serve.js';

const HELP = `ofconnmgr: the OpenFlow connection manager of a switch, as a gRPC service

usage: ofconnmgr COMMAND [ARGS...]

commands:
  serve [--listen HOST:PORT] [--state-dir DIR] [--demo] [--in-process-datapath]
        [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]]
        [--health-listen HOST:PORT] [--metrics-listen HOST:PORT|off]
        [--log-level LEVEL]
              run the gRPC service (default 127.0.0.1:50051, plaintext;
              state in ./var); --demo adds a bridge br0 with a service
              listener ptcp:6634:127.0.0.1; each bridge waits for a switch
              agent to Attach, unless --in-process-datapath gives it a
              built-in software switch; --tls-* turn on TLS, with
              --tls-client-ca mutual TLS; --health-listen serves only
              grpc.health.v1, plaintext, for Kubernetes probes;
              --metrics-listen serves Prometheus metrics at /metrics
              (default 127.0.0.1:9464); --log-level sets the JSON logs'
              level on standard output (default info).  Each flag
              can be set as OFCONNMGR_<FLAG> (OFCONNMGR_TLS_CLIENT_CA=...);
              a flag wins over its variable
  agent [--server HOST:PORT] --bridge NAME [--dpid HEX] [--ports N]
        [--election-id N] [--control PATH] [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]
              run the reference software switch for bridge NAME as a client of
              the service (default 127.0.0.1:50051), retrying while it cannot
              be reached; ports 1..N (default 4); without --dpid the datapath
              id is the bridge's; the highest election id (default 1) is the
              primary agent; --control opens a control socket for agent-ctl
  agent-ctl --control PATH COMMAND [ARGS...]
              drive a running agent through its control socket:
                inject PORT HEX      tx PORT            dump-flows
                ports                link PORT up|down  stats     help
  ctl [--server HOST:PORT] COMMAND ARGS...
              configure a running service (default 127.0.0.1:50051), like
              ovs-vsctl; exit status 1 with one line on stderr on error:
                add-br BRIDGE [DATAPATH_ID]       del-br BRIDGE      list-br
                set-controller BRIDGE TARGET...   del-controller BRIDGE
                get-controller BRIDGE             set-snoop BRIDGE [TARGET...]
                set-fail-mode BRIDGE secure|standalone
                get-fail-mode BRIDGE
                list-controllers [--json] BRIDGE  status of each target
  ofp-print [--json | --reencode] HEX... | -
              decode OpenFlow messages (hex), like ovs-ofctl ofp-print
  help        show this text
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs 'argv' (without node and script); resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'serve':
      return serve(rest, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      });
    case 'agent':
      return agent(rest, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      });
    case 'agent-ctl':
      return agentCtl(rest, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      });
    case 'ctl':
      return ctl(rest, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
      });
    case 'ofp-print':
      return ofpPrint(rest, {
        out: (l) => process.stdout.write(l + '\n'),
        err: (l) => process.stderr.write(l + '\n'),
        readStdin,
      });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`ofconnmgr: unknown command "${cmd}" (try "ofconnmgr help")\n`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`ofconnmgr: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
