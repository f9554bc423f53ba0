// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { NoArguments as _ofconnmgr_v1_NoArguments, NoArguments__Output as _ofconnmgr_v1_NoArguments__Output } from '../../ofconnmgr/v1/NoArguments.js';
import type { FlowStatsRequest as _ofconnmgr_v1_FlowStatsRequest, FlowStatsRequest__Output as _ofconnmgr_v1_FlowStatsRequest__Output } from '../../ofconnmgr/v1/FlowStatsRequest.js';
import type { PortStatsRequest as _ofconnmgr_v1_PortStatsRequest, PortStatsRequest__Output as _ofconnmgr_v1_PortStatsRequest__Output } from '../../ofconnmgr/v1/PortStatsRequest.js';
import type { PortDescRequest as _ofconnmgr_v1_PortDescRequest, PortDescRequest__Output as _ofconnmgr_v1_PortDescRequest__Output } from '../../ofconnmgr/v1/PortDescRequest.js';
import type { QueueStatsRequest as _ofconnmgr_v1_QueueStatsRequest, QueueStatsRequest__Output as _ofconnmgr_v1_QueueStatsRequest__Output } from '../../ofconnmgr/v1/QueueStatsRequest.js';
import type { GroupStatsRequest as _ofconnmgr_v1_GroupStatsRequest, GroupStatsRequest__Output as _ofconnmgr_v1_GroupStatsRequest__Output } from '../../ofconnmgr/v1/GroupStatsRequest.js';
import type { MeterStatsRequest as _ofconnmgr_v1_MeterStatsRequest, MeterStatsRequest__Output as _ofconnmgr_v1_MeterStatsRequest__Output } from '../../ofconnmgr/v1/MeterStatsRequest.js';
import type { TableFeaturesList as _ofconnmgr_v1_TableFeaturesList, TableFeaturesList__Output as _ofconnmgr_v1_TableFeaturesList__Output } from '../../ofconnmgr/v1/TableFeaturesList.js';

export interface MultipartRequest {
  'flags'?: (number);
  'desc'?: (_ofconnmgr_v1_NoArguments | null);
  'flow'?: (_ofconnmgr_v1_FlowStatsRequest | null);
  'aggregate'?: (_ofconnmgr_v1_FlowStatsRequest | null);
  'table'?: (_ofconnmgr_v1_NoArguments | null);
  'port'?: (_ofconnmgr_v1_PortStatsRequest | null);
  'port_desc'?: (_ofconnmgr_v1_PortDescRequest | null);
  'queue'?: (_ofconnmgr_v1_QueueStatsRequest | null);
  'group'?: (_ofconnmgr_v1_GroupStatsRequest | null);
  'group_desc'?: (_ofconnmgr_v1_NoArguments | null);
  'group_features'?: (_ofconnmgr_v1_NoArguments | null);
  'meter'?: (_ofconnmgr_v1_MeterStatsRequest | null);
  'meter_config'?: (_ofconnmgr_v1_MeterStatsRequest | null);
  'meter_features'?: (_ofconnmgr_v1_NoArguments | null);
  'table_features'?: (_ofconnmgr_v1_TableFeaturesList | null);
  'body'?: "desc"|"flow"|"aggregate"|"table"|"port"|"port_desc"|"queue"|"group"|"group_desc"|"group_features"|"meter"|"meter_config"|"meter_features"|"table_features";
}

export interface MultipartRequest__Output {
  'flags': (number);
  'desc'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'flow'?: (_ofconnmgr_v1_FlowStatsRequest__Output | null);
  'aggregate'?: (_ofconnmgr_v1_FlowStatsRequest__Output | null);
  'table'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'port'?: (_ofconnmgr_v1_PortStatsRequest__Output | null);
  'port_desc'?: (_ofconnmgr_v1_PortDescRequest__Output | null);
  'queue'?: (_ofconnmgr_v1_QueueStatsRequest__Output | null);
  'group'?: (_ofconnmgr_v1_GroupStatsRequest__Output | null);
  'group_desc'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'group_features'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'meter'?: (_ofconnmgr_v1_MeterStatsRequest__Output | null);
  'meter_config'?: (_ofconnmgr_v1_MeterStatsRequest__Output | null);
  'meter_features'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'table_features'?: (_ofconnmgr_v1_TableFeaturesList__Output | null);
  'body'?: "desc"|"flow"|"aggregate"|"table"|"port"|"port_desc"|"queue"|"group"|"group_desc"|"group_features"|"meter"|"meter_config"|"meter_features"|"table_features";
}
