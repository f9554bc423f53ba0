/**
 * The reference switch agent's side of the agent channel: the gRPC client
 * that attaches a datapath to the service (agent-client.ts, with its
 * events, election ids, backoff and the execution of requests) and the
 * control socket through which people and tests drive the agent's switch
 * (control-commands.ts, control-socket.ts, tx-capture.ts).  src/cli's
 * `agent` and `agent-ctl` commands are built from these.
 */

export { AgentClient, type AgentClientCounters, type AgentClientOptions, MAX_PENDING_REQUESTS, STOP_GRACE_MS } from './agent-client.js';
export { type AgentClientEvent, type AgentRole, describeAgentEvent } from './agent-events.js';
export { ControlCommands, type ControlAnswer, type ControlTarget, MAX_INJECT_BYTES } from './control-commands.js';
export { ControlServer, controlRequest, type ControlReply } from './control-socket.js';
export { type AgentDatapath, DatapathExecutor, FRAG_MODE_NAMES } from './datapath-operations.js';
export { electionIdFromProto, electionIdToProto, MAX_ELECTION_ID, parseElectionId } from './election-id.js';
export { FIRST_RETRY_MS, MAX_RETRY_MS, ReconnectBackoff } from './reconnect-backoff.js';
export { type CapturedFrames, DEFAULT_FRAMES_PER_PORT, TransmitCapture } from './tx-capture.js';
