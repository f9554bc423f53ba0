/**
 * The public surface of the OpenFlow codec: framing, decode/encode of
 * neutral messages, HELLO negotiation, errors and the printer.  Layers above
 * (vconn, rconn, connmgr, the agent) import from here only.
 */

export {
  allowedAsyncMask,
  applySetAsync,
  ASYNC_MSG_KINDS,
  asyncConfigOf,
  asyncConfigToReply,
  asyncWants,
  defaultAsyncConfig,
  effectiveAsyncConfig,
  emptyAsyncConfig,
  normaliseForSession,
  PACKET_IN_REASON,
  withInvalidTtlToController,
  type AsyncConfig,
  type AsyncConfigResult,
  type AsyncMsgKind,
  type AsyncProp,
  type GetAsyncReplyMsg,
  type SetAsyncMsg,
} from './async-config.js';
export { OfpCodecError } from './codec-error.js';
export { decode, encode, encodeAll, isModelled, messageName, rawNameFor } from './codec.js';
export { errorReply, type ErrorMsg, type RawOfpError } from './error-msg.js';
export { FrameDecoder, OFP_HEADER_LEN, OFP_MAX_MSG_LEN } from './framing.js';
export { TABLE_UNKNOWN, type FlowRemovedMsg } from './flow-removed.js';
export { type FlowModCommand, type FlowModMsg } from './flow-mod.js';
export type { Match, MatchField } from './match.js';
export { matchToString } from './match-text.js';
export { headerTypeName } from './msgs.js';
export type { Action } from './actions.js';
export type { Instruction } from './instructions.js';
export { NO_BUFFER, NO_COOKIE, OFPR_ACTION, OFPR_NO_MATCH, type PacketInMsg } from './packet-in.js';
export { type PacketOutMsg } from './packet-out.js';
export { OFPP_ANY, OFPP_CONTROLLER, OFPP_LOCAL, OFPP_NORMAL, portName } from './port-number.js';
export type { Port, PortModMsg, PortStatusMsg } from './port.js';
export type { FeaturesReplyMsg, GetConfigReplyMsg, SetConfigMsg } from './switch-config.js';
export { decodeHeader, type OfpHeader } from './header.js';
export { describeVersionSet, helloFor, incompatibleText, negotiate, peerVersions, type HelloMsg } from './hello.js';
export {
  type MultipartReplyBody, type MultipartReplyMsg, type MultipartRequestBody, type MultipartRequestMsg, type MultipartStat, OFPSF_MORE,
} from './multipart.js';
export type { OfpMessage, OfpMessageOf, OfpMessageType } from './ofp-message.js';
export { canonicalErrName, isOfpErrName, type OfpErrName } from './ofperr.js';
export { formatMessage } from './printer.js';
export { toJsonText, toJsonValue } from './neutral-json.js';
export {
  GENERATION_ID_UNDEFINED,
  parseRoleName,
  roleDatabaseName,
  type Role,
  type RoleReplyMsg,
  type RoleRequestMsg,
  type RoleStatusMsg,
} from './role.js';
export {
  FLOW_FORMAT,
  PACKET_IN_FORMAT,
  type FlowAgeMsg,
  type FlowModTableIdMsg,
  type SetControllerIdMsg,
  type SetFlowFormatMsg,
  type SetPacketInFormatMsg,
} from './session-settings.js';
export { refusalFor, type UnmodelledMsg } from './unmodelled.js';
export * from './version.js';
