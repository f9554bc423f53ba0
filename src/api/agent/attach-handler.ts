/**
 * The Attach RPC: the first message of an agent's stream must be its
 * hello (else the stream ends with INVALID_ARGUMENT); the hello names the
 * bridge (unknown: NOT_FOUND; a bridge served in process, with no agent
 * channel: FAILED_PRECONDITION), whose agent channel (agent-channel.ts)
 * then checks the rest of the hello and takes the stream over.  Every
 * stream is registered with the server's LiveStreams from its start, so
 * a shutdown ends it (UNAVAILABLE) whether or not it said hello; a
 * stream that arrives while the server shuts down is ended at once.
 */

import * as grpc from '@grpc/grpc-js';
import type { AgentMessage__Output } from '../../generated/ofconnmgr/v1/AgentMessage.js';
import type { ServerMessage } from '../../generated/ofconnmgr/v1/ServerMessage.js';
import type { BridgeRegistry } from '../bridges.js';
import type { LiveStreams } from '../live-streams.js';
import { AgentStream } from './agent-stream.js';

/** The Attach handler over 'bridges'; 'streams' is the server's registry of open streams. */
export function attachHandler(bridges: BridgeRegistry, streams: LiveStreams): grpc.handleBidiStreamingCall<AgentMessage__Output, ServerMessage> {
  return (call) => {
    const stream = new AgentStream(call);
    const refuse = (bridge: string, code: grpc.status, detail: string): void => {
      bridges.agentListener?.({ type: 'agent.refused', bridge, peer: stream.peer, code, detail });
      stream.end(code, detail);
    };
    stream.whenEnded(streams.add((code, details) => stream.end(code, details)));
    if (stream.isEnded) return;
    stream.setHandlers({
      message: (msg) => {
        if (msg.body !== 'hello') {
          refuse('', grpc.status.INVALID_ARGUMENT, `the first message must be a hello, not ${msg.body ?? 'an empty message'}`);
          return;
        }
        const hello = msg.hello!;
        const entry = bridges.find(hello.bridge);
        if (!entry) {
          refuse(hello.bridge, grpc.status.NOT_FOUND, `hello.bridge: no bridge named "${hello.bridge}"`);
          return;
        }
        if (!entry.agent) {
          refuse(hello.bridge, grpc.status.FAILED_PRECONDITION, `hello.bridge: bridge "${hello.bridge}" is served by an in-process datapath`);
          return;
        }
        entry.agent.attach(stream, hello);
      },
      gone: () => undefined,
      drained: () => undefined,
    });
  };
}
