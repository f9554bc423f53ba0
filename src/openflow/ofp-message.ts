/**
 * The neutral message: one discriminated union, on 'type', of every message
 * the codec models, whatever version it came from or goes to.  Each member
 * is defined in the file of its message family.
 */

import type { GetAsyncReplyMsg, SetAsyncMsg } from './async-config.js';
import type {
  BarrierReplyMsg,
  BarrierRequestMsg,
  EchoReplyMsg,
  EchoRequestMsg,
  FeaturesRequestMsg,
  GetAsyncRequestMsg,
  GetConfigRequestMsg,
} from './empty-body.js';
import type { ErrorMsg } from './error-msg.js';
import type { FlowModMsg } from './flow-mod.js';
import type { FlowRemovedMsg } from './flow-removed.js';
import type { GroupModMsg } from './group-mod.js';
import type { HelloMsg } from './hello.js';
import type { MultipartReplyMsg, MultipartRequestMsg } from './multipart.js';
import type { MeterModMsg } from './meter-mod.js';
import type { PacketInMsg } from './packet-in.js';
import type { PacketOutMsg } from './packet-out.js';
import type { PortModMsg, PortStatusMsg } from './port.js';
import type { RoleReplyMsg, RoleRequestMsg, RoleStatusMsg } from './role.js';
import type {
  FlowAgeMsg,
  FlowModTableIdMsg,
  SetControllerIdMsg,
  SetFlowFormatMsg,
  SetPacketInFormatMsg,
} from './session-settings.js';
import type { FeaturesReplyMsg, GetConfigReplyMsg, SetConfigMsg } from './switch-config.js';
import type { TableModMsg } from './table-mod.js';
import type { UnmodelledMsg } from './unmodelled.js';

export type OfpMessage =
  | HelloMsg
  | ErrorMsg
  | EchoRequestMsg
  | EchoReplyMsg
  | FeaturesRequestMsg
  | FeaturesReplyMsg
  | GetConfigRequestMsg
  | GetConfigReplyMsg
  | SetConfigMsg
  | BarrierRequestMsg
  | BarrierReplyMsg
  | GetAsyncRequestMsg
  | PortStatusMsg
  | PortModMsg
  | RoleRequestMsg
  | RoleReplyMsg
  | RoleStatusMsg
  | SetAsyncMsg
  | GetAsyncReplyMsg
  | SetFlowFormatMsg
  | FlowModTableIdMsg
  | SetPacketInFormatMsg
  | SetControllerIdMsg
  | FlowAgeMsg
  | MultipartRequestMsg
  | MultipartReplyMsg
  | PacketInMsg
  | FlowRemovedMsg
  | PacketOutMsg
  | FlowModMsg
  | GroupModMsg
  | MeterModMsg
  | TableModMsg
  | UnmodelledMsg;

/** The neutral type names. */
export type OfpMessageType = OfpMessage['type'];

/** The member of the union whose type is 'T'. */
export type OfpMessageOf<T extends OfpMessageType> = Extract<OfpMessage, { type: T }>;
