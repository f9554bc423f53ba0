// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { DescStats as _ofconnmgr_v1_DescStats, DescStats__Output as _ofconnmgr_v1_DescStats__Output } from '../../ofconnmgr/v1/DescStats.js';
import type { FlowStatsList as _ofconnmgr_v1_FlowStatsList, FlowStatsList__Output as _ofconnmgr_v1_FlowStatsList__Output } from '../../ofconnmgr/v1/FlowStatsList.js';
import type { AggregateStats as _ofconnmgr_v1_AggregateStats, AggregateStats__Output as _ofconnmgr_v1_AggregateStats__Output } from '../../ofconnmgr/v1/AggregateStats.js';
import type { TableStatsList as _ofconnmgr_v1_TableStatsList, TableStatsList__Output as _ofconnmgr_v1_TableStatsList__Output } from '../../ofconnmgr/v1/TableStatsList.js';
import type { PortStatsList as _ofconnmgr_v1_PortStatsList, PortStatsList__Output as _ofconnmgr_v1_PortStatsList__Output } from '../../ofconnmgr/v1/PortStatsList.js';
import type { PortList as _ofconnmgr_v1_PortList, PortList__Output as _ofconnmgr_v1_PortList__Output } from '../../ofconnmgr/v1/PortList.js';
import type { QueueStatsList as _ofconnmgr_v1_QueueStatsList, QueueStatsList__Output as _ofconnmgr_v1_QueueStatsList__Output } from '../../ofconnmgr/v1/QueueStatsList.js';
import type { GroupStatsList as _ofconnmgr_v1_GroupStatsList, GroupStatsList__Output as _ofconnmgr_v1_GroupStatsList__Output } from '../../ofconnmgr/v1/GroupStatsList.js';
import type { GroupDescList as _ofconnmgr_v1_GroupDescList, GroupDescList__Output as _ofconnmgr_v1_GroupDescList__Output } from '../../ofconnmgr/v1/GroupDescList.js';
import type { GroupFeatures as _ofconnmgr_v1_GroupFeatures, GroupFeatures__Output as _ofconnmgr_v1_GroupFeatures__Output } from '../../ofconnmgr/v1/GroupFeatures.js';
import type { MeterStatsList as _ofconnmgr_v1_MeterStatsList, MeterStatsList__Output as _ofconnmgr_v1_MeterStatsList__Output } from '../../ofconnmgr/v1/MeterStatsList.js';
import type { MeterConfigList as _ofconnmgr_v1_MeterConfigList, MeterConfigList__Output as _ofconnmgr_v1_MeterConfigList__Output } from '../../ofconnmgr/v1/MeterConfigList.js';
import type { MeterFeatures as _ofconnmgr_v1_MeterFeatures, MeterFeatures__Output as _ofconnmgr_v1_MeterFeatures__Output } from '../../ofconnmgr/v1/MeterFeatures.js';
import type { TableFeaturesList as _ofconnmgr_v1_TableFeaturesList, TableFeaturesList__Output as _ofconnmgr_v1_TableFeaturesList__Output } from '../../ofconnmgr/v1/TableFeaturesList.js';

export interface MultipartReply {
  'flags'?: (number);
  'desc'?: (_ofconnmgr_v1_DescStats | null);
  'flow'?: (_ofconnmgr_v1_FlowStatsList | null);
  'aggregate'?: (_ofconnmgr_v1_AggregateStats | null);
  'table'?: (_ofconnmgr_v1_TableStatsList | null);
  'port'?: (_ofconnmgr_v1_PortStatsList | null);
  'port_desc'?: (_ofconnmgr_v1_PortList | null);
  'queue'?: (_ofconnmgr_v1_QueueStatsList | null);
  'group'?: (_ofconnmgr_v1_GroupStatsList | null);
  'group_desc'?: (_ofconnmgr_v1_GroupDescList | null);
  'group_features'?: (_ofconnmgr_v1_GroupFeatures | null);
  'meter'?: (_ofconnmgr_v1_MeterStatsList | null);
  'meter_config'?: (_ofconnmgr_v1_MeterConfigList | null);
  'meter_features'?: (_ofconnmgr_v1_MeterFeatures | null);
  'table_features'?: (_ofconnmgr_v1_TableFeaturesList | null);
  'body'?: "desc"|"flow"|"aggregate"|"table"|"port"|"port_desc"|"queue"|"group"|"group_desc"|"group_features"|"meter"|"meter_config"|"meter_features"|"table_features";
}

export interface MultipartReply__Output {
  'flags': (number);
  'desc'?: (_ofconnmgr_v1_DescStats__Output | null);
  'flow'?: (_ofconnmgr_v1_FlowStatsList__Output | null);
  'aggregate'?: (_ofconnmgr_v1_AggregateStats__Output | null);
  'table'?: (_ofconnmgr_v1_TableStatsList__Output | null);
  'port'?: (_ofconnmgr_v1_PortStatsList__Output | null);
  'port_desc'?: (_ofconnmgr_v1_PortList__Output | null);
  'queue'?: (_ofconnmgr_v1_QueueStatsList__Output | null);
  'group'?: (_ofconnmgr_v1_GroupStatsList__Output | null);
  'group_desc'?: (_ofconnmgr_v1_GroupDescList__Output | null);
  'group_features'?: (_ofconnmgr_v1_GroupFeatures__Output | null);
  'meter'?: (_ofconnmgr_v1_MeterStatsList__Output | null);
  'meter_config'?: (_ofconnmgr_v1_MeterConfigList__Output | null);
  'meter_features'?: (_ofconnmgr_v1_MeterFeatures__Output | null);
  'table_features'?: (_ofconnmgr_v1_TableFeaturesList__Output | null);
  'body'?: "desc"|"flow"|"aggregate"|"table"|"port"|"port_desc"|"queue"|"group"|"group_desc"|"group_features"|"meter"|"meter_config"|"meter_features"|"table_features";
}
