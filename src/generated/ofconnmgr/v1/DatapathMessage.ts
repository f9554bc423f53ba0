// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { FlowMod as _ofconnmgr_v1_FlowMod, FlowMod__Output as _ofconnmgr_v1_FlowMod__Output } from '../../ofconnmgr/v1/FlowMod.js';
import type { PacketOut as _ofconnmgr_v1_PacketOut, PacketOut__Output as _ofconnmgr_v1_PacketOut__Output } from '../../ofconnmgr/v1/PacketOut.js';
import type { PortMod as _ofconnmgr_v1_PortMod, PortMod__Output as _ofconnmgr_v1_PortMod__Output } from '../../ofconnmgr/v1/PortMod.js';
import type { TableMod as _ofconnmgr_v1_TableMod, TableMod__Output as _ofconnmgr_v1_TableMod__Output } from '../../ofconnmgr/v1/TableMod.js';
import type { GroupMod as _ofconnmgr_v1_GroupMod, GroupMod__Output as _ofconnmgr_v1_GroupMod__Output } from '../../ofconnmgr/v1/GroupMod.js';
import type { MeterMod as _ofconnmgr_v1_MeterMod, MeterMod__Output as _ofconnmgr_v1_MeterMod__Output } from '../../ofconnmgr/v1/MeterMod.js';
import type { Barrier as _ofconnmgr_v1_Barrier, Barrier__Output as _ofconnmgr_v1_Barrier__Output } from '../../ofconnmgr/v1/Barrier.js';
import type { MultipartRequest as _ofconnmgr_v1_MultipartRequest, MultipartRequest__Output as _ofconnmgr_v1_MultipartRequest__Output } from '../../ofconnmgr/v1/MultipartRequest.js';
import type { MultipartReply as _ofconnmgr_v1_MultipartReply, MultipartReply__Output as _ofconnmgr_v1_MultipartReply__Output } from '../../ofconnmgr/v1/MultipartReply.js';

export interface DatapathMessage {
  'flow_mod'?: (_ofconnmgr_v1_FlowMod | null);
  'packet_out'?: (_ofconnmgr_v1_PacketOut | null);
  'port_mod'?: (_ofconnmgr_v1_PortMod | null);
  'table_mod'?: (_ofconnmgr_v1_TableMod | null);
  'group_mod'?: (_ofconnmgr_v1_GroupMod | null);
  'meter_mod'?: (_ofconnmgr_v1_MeterMod | null);
  'barrier'?: (_ofconnmgr_v1_Barrier | null);
  'multipart_request'?: (_ofconnmgr_v1_MultipartRequest | null);
  'multipart_reply'?: (_ofconnmgr_v1_MultipartReply | null);
  'body'?: "flow_mod"|"packet_out"|"port_mod"|"table_mod"|"group_mod"|"meter_mod"|"barrier"|"multipart_request"|"multipart_reply";
}

export interface DatapathMessage__Output {
  'flow_mod'?: (_ofconnmgr_v1_FlowMod__Output | null);
  'packet_out'?: (_ofconnmgr_v1_PacketOut__Output | null);
  'port_mod'?: (_ofconnmgr_v1_PortMod__Output | null);
  'table_mod'?: (_ofconnmgr_v1_TableMod__Output | null);
  'group_mod'?: (_ofconnmgr_v1_GroupMod__Output | null);
  'meter_mod'?: (_ofconnmgr_v1_MeterMod__Output | null);
  'barrier'?: (_ofconnmgr_v1_Barrier__Output | null);
  'multipart_request'?: (_ofconnmgr_v1_MultipartRequest__Output | null);
  'multipart_reply'?: (_ofconnmgr_v1_MultipartReply__Output | null);
  'body'?: "flow_mod"|"packet_out"|"port_mod"|"table_mod"|"group_mod"|"meter_mod"|"barrier"|"multipart_request"|"multipart_reply";
}
