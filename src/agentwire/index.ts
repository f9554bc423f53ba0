/**
 * The agent channel's conversions between the neutral model (src/connmgr's
 * datapath port, src/openflow's messages) and the proto messages of
 * proto/ofconnmgr/v1/connmgr.proto's second half, in both directions.
 * Pure functions, no I/O: the service (src/api) and the agent process
 * (src/cli agent and its client) both use them.  What comes from the other
 * side is checked strictly; a message that cannot become a neutral value
 * throws AgentWireError naming the field's path.
 */

export { AgentWireError } from './agent-wire-error.js';
export { eventFromProto, eventToProto } from './events.js';
export { featuresFromProto, featuresToProto, portFromProto, portToProto } from './ports.js';
export { matchFieldFromProto, matchFieldToProto, matchFromProto, matchToProto } from './match-field.js';
export { actionFromProto, actionToProto, actionsFromProto, actionsToProto } from './actions.js';
export { instructionFromProto, instructionToProto, instructionsFromProto, instructionsToProto } from './instructions.js';
export { datapathMessageFromProto, datapathMessageToProto, type Direction, type MessageStamp } from './datapath-message.js';
export { type DatapathOperation, requestFromProto, requestToProto, type TraceContext } from './requests.js';
export { type OperationResult, replyFromProto, replyToProto } from './replies.js';
export { openFlowErrorFromProto, openFlowErrorToProto } from './openflow-error.js';
export { rawFromProto, rawToProto } from './raw-openflow.js';
