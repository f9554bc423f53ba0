/**
 * Real protobuf trips for the agent-channel tests: a proto message is put
 * in the Attach stream's envelope (ServerMessage from the service,
 * AgentMessage from the agent), serialized to bytes and deserialized by
 * the method definition grpc-js itself uses (src/api/proto-package.ts's
 * loader and options), so what a test reads back is what the other end of
 * a real stream would get.
 */

import type { MethodDefinition, ServiceDefinition } from '@grpc/proto-loader';
import type { ExecutionContext } from 'ava';
import { AgentWireError } from '../../src/agentwire/agent-wire-error.js';
import { loadPackageDefinition } from '../../src/api/proto-package.js';
import type { AgentMessage, AgentMessage__Output } from '../../src/generated/ofconnmgr/v1/AgentMessage.js';
import type { DatapathFeatures, DatapathFeatures__Output } from '../../src/generated/ofconnmgr/v1/DatapathFeatures.js';
import type { DatapathReply, DatapathReply__Output } from '../../src/generated/ofconnmgr/v1/DatapathReply.js';
import type { DatapathRequest, DatapathRequest__Output } from '../../src/generated/ofconnmgr/v1/DatapathRequest.js';
import type { ServerMessage, ServerMessage__Output } from '../../src/generated/ofconnmgr/v1/ServerMessage.js';

const service = loadPackageDefinition()['ofconnmgr.v1.ConnectionManager'] as ServiceDefinition;
const attach = service['Attach'] as unknown as MethodDefinition<AgentMessage, ServerMessage, AgentMessage__Output, ServerMessage__Output>;

/** 'm' as the agent's stream carries it: serialized and read back. */
export function agentMessageTrip(m: AgentMessage): AgentMessage__Output {
  return attach.requestDeserialize(attach.requestSerialize(m));
}

/** 'm' as the service's stream carries it: serialized and read back. */
export function serverMessageTrip(m: ServerMessage): ServerMessage__Output {
  return attach.responseDeserialize(attach.responseSerialize(m));
}

/** A DatapathRequest through the service's stream. */
export function requestTrip(p: DatapathRequest): DatapathRequest__Output {
  const out = serverMessageTrip({ request: p });
  if (out.body !== 'request' || !out.request) throw new Error(`a request came back as ${out.body}`);
  return out.request;
}

/** A DatapathReply through the agent's stream. */
export function replyTrip(p: DatapathReply): DatapathReply__Output {
  const out = agentMessageTrip({ reply: p });
  if (out.body !== 'reply' || !out.reply) throw new Error(`a reply came back as ${out.body}`);
  return out.reply;
}

/** DatapathFeatures through the agent's stream. */
export function featuresTrip(p: DatapathFeatures): DatapathFeatures__Output {
  const out = agentMessageTrip({ features: p });
  if (out.body !== 'features' || !out.features) throw new Error(`features came back as ${out.body}`);
  return out.features;
}

/**
 * The AgentWireError 'fn' throws (failing the test if it throws anything
 * else or nothing), for checking its path and wording.
 */
export function agentWireErrorOf(t: ExecutionContext, fn: () => unknown): AgentWireError {
  const e = t.throws(fn);
  if (!AgentWireError.is(e)) {
    t.fail(`expected an AgentWireError, got ${String(e)}`);
    return new AgentWireError('', 'none');
  }
  return e;
}
