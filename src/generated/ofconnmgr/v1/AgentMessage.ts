// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { AgentHello as _ofconnmgr_v1_AgentHello, AgentHello__Output as _ofconnmgr_v1_AgentHello__Output } from '../../ofconnmgr/v1/AgentHello.js';
import type { DatapathReply as _ofconnmgr_v1_DatapathReply, DatapathReply__Output as _ofconnmgr_v1_DatapathReply__Output } from '../../ofconnmgr/v1/DatapathReply.js';
import type { PacketIn as _ofconnmgr_v1_PacketIn, PacketIn__Output as _ofconnmgr_v1_PacketIn__Output } from '../../ofconnmgr/v1/PacketIn.js';
import type { FlowRemoved as _ofconnmgr_v1_FlowRemoved, FlowRemoved__Output as _ofconnmgr_v1_FlowRemoved__Output } from '../../ofconnmgr/v1/FlowRemoved.js';
import type { PortStatus as _ofconnmgr_v1_PortStatus, PortStatus__Output as _ofconnmgr_v1_PortStatus__Output } from '../../ofconnmgr/v1/PortStatus.js';
import type { DatapathFeatures as _ofconnmgr_v1_DatapathFeatures, DatapathFeatures__Output as _ofconnmgr_v1_DatapathFeatures__Output } from '../../ofconnmgr/v1/DatapathFeatures.js';
import type { Long } from '@grpc/proto-loader';

export interface AgentMessage {
  'hello'?: (_ofconnmgr_v1_AgentHello | null);
  'reply'?: (_ofconnmgr_v1_DatapathReply | null);
  'packet_in'?: (_ofconnmgr_v1_PacketIn | null);
  'flow_removed'?: (_ofconnmgr_v1_FlowRemoved | null);
  'port_status'?: (_ofconnmgr_v1_PortStatus | null);
  'features'?: (_ofconnmgr_v1_DatapathFeatures | null);
  'message_id'?: (number | string | Long);
  'body'?: "hello"|"reply"|"packet_in"|"flow_removed"|"port_status"|"features";
}

export interface AgentMessage__Output {
  'hello'?: (_ofconnmgr_v1_AgentHello__Output | null);
  'reply'?: (_ofconnmgr_v1_DatapathReply__Output | null);
  'packet_in'?: (_ofconnmgr_v1_PacketIn__Output | null);
  'flow_removed'?: (_ofconnmgr_v1_FlowRemoved__Output | null);
  'port_status'?: (_ofconnmgr_v1_PortStatus__Output | null);
  'features'?: (_ofconnmgr_v1_DatapathFeatures__Output | null);
  'message_id': (string);
  'body'?: "hello"|"reply"|"packet_in"|"flow_removed"|"port_status"|"features";
}
