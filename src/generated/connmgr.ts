import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Action as _ofconnmgr_v1_Action, Action__Output as _ofconnmgr_v1_Action__Output } from './ofconnmgr/v1/Action.js';
import type { ActionList as _ofconnmgr_v1_ActionList, ActionList__Output as _ofconnmgr_v1_ActionList__Output } from './ofconnmgr/v1/ActionList.js';
import type { AgentHello as _ofconnmgr_v1_AgentHello, AgentHello__Output as _ofconnmgr_v1_AgentHello__Output } from './ofconnmgr/v1/AgentHello.js';
import type { AgentMessage as _ofconnmgr_v1_AgentMessage, AgentMessage__Output as _ofconnmgr_v1_AgentMessage__Output } from './ofconnmgr/v1/AgentMessage.js';
import type { AggregateStats as _ofconnmgr_v1_AggregateStats, AggregateStats__Output as _ofconnmgr_v1_AggregateStats__Output } from './ofconnmgr/v1/AggregateStats.js';
import type { Arbitration as _ofconnmgr_v1_Arbitration, Arbitration__Output as _ofconnmgr_v1_Arbitration__Output } from './ofconnmgr/v1/Arbitration.js';
import type { BandStats as _ofconnmgr_v1_BandStats, BandStats__Output as _ofconnmgr_v1_BandStats__Output } from './ofconnmgr/v1/BandStats.js';
import type { Barrier as _ofconnmgr_v1_Barrier, Barrier__Output as _ofconnmgr_v1_Barrier__Output } from './ofconnmgr/v1/Barrier.js';
import type { Bridge as _ofconnmgr_v1_Bridge, Bridge__Output as _ofconnmgr_v1_Bridge__Output } from './ofconnmgr/v1/Bridge.js';
import type { Bucket as _ofconnmgr_v1_Bucket, Bucket__Output as _ofconnmgr_v1_Bucket__Output } from './ofconnmgr/v1/Bucket.js';
import type { BucketCounter as _ofconnmgr_v1_BucketCounter, BucketCounter__Output as _ofconnmgr_v1_BucketCounter__Output } from './ofconnmgr/v1/BucketCounter.js';
import type { ConnectionManagerClient as _ofconnmgr_v1_ConnectionManagerClient, ConnectionManagerDefinition as _ofconnmgr_v1_ConnectionManagerDefinition } from './ofconnmgr/v1/ConnectionManager.js';
import type { Controller as _ofconnmgr_v1_Controller, Controller__Output as _ofconnmgr_v1_Controller__Output } from './ofconnmgr/v1/Controller.js';
import type { ControllerAction as _ofconnmgr_v1_ControllerAction, ControllerAction__Output as _ofconnmgr_v1_ControllerAction__Output } from './ofconnmgr/v1/ControllerAction.js';
import type { ControllerInfo as _ofconnmgr_v1_ControllerInfo, ControllerInfo__Output as _ofconnmgr_v1_ControllerInfo__Output } from './ofconnmgr/v1/ControllerInfo.js';
import type { CreateBridgeRequest as _ofconnmgr_v1_CreateBridgeRequest, CreateBridgeRequest__Output as _ofconnmgr_v1_CreateBridgeRequest__Output } from './ofconnmgr/v1/CreateBridgeRequest.js';
import type { DatapathFeatures as _ofconnmgr_v1_DatapathFeatures, DatapathFeatures__Output as _ofconnmgr_v1_DatapathFeatures__Output } from './ofconnmgr/v1/DatapathFeatures.js';
import type { DatapathMessage as _ofconnmgr_v1_DatapathMessage, DatapathMessage__Output as _ofconnmgr_v1_DatapathMessage__Output } from './ofconnmgr/v1/DatapathMessage.js';
import type { DatapathReply as _ofconnmgr_v1_DatapathReply, DatapathReply__Output as _ofconnmgr_v1_DatapathReply__Output } from './ofconnmgr/v1/DatapathReply.js';
import type { DatapathRequest as _ofconnmgr_v1_DatapathRequest, DatapathRequest__Output as _ofconnmgr_v1_DatapathRequest__Output } from './ofconnmgr/v1/DatapathRequest.js';
import type { DeleteBridgeRequest as _ofconnmgr_v1_DeleteBridgeRequest, DeleteBridgeRequest__Output as _ofconnmgr_v1_DeleteBridgeRequest__Output } from './ofconnmgr/v1/DeleteBridgeRequest.js';
import type { DeleteBridgeResponse as _ofconnmgr_v1_DeleteBridgeResponse, DeleteBridgeResponse__Output as _ofconnmgr_v1_DeleteBridgeResponse__Output } from './ofconnmgr/v1/DeleteBridgeResponse.js';
import type { DescStats as _ofconnmgr_v1_DescStats, DescStats__Output as _ofconnmgr_v1_DescStats__Output } from './ofconnmgr/v1/DescStats.js';
import type { Enqueue as _ofconnmgr_v1_Enqueue, Enqueue__Output as _ofconnmgr_v1_Enqueue__Output } from './ofconnmgr/v1/Enqueue.js';
import type { FieldValue as _ofconnmgr_v1_FieldValue, FieldValue__Output as _ofconnmgr_v1_FieldValue__Output } from './ofconnmgr/v1/FieldValue.js';
import type { FlowMod as _ofconnmgr_v1_FlowMod, FlowMod__Output as _ofconnmgr_v1_FlowMod__Output } from './ofconnmgr/v1/FlowMod.js';
import type { FlowRemoved as _ofconnmgr_v1_FlowRemoved, FlowRemoved__Output as _ofconnmgr_v1_FlowRemoved__Output } from './ofconnmgr/v1/FlowRemoved.js';
import type { FlowStats as _ofconnmgr_v1_FlowStats, FlowStats__Output as _ofconnmgr_v1_FlowStats__Output } from './ofconnmgr/v1/FlowStats.js';
import type { FlowStatsList as _ofconnmgr_v1_FlowStatsList, FlowStatsList__Output as _ofconnmgr_v1_FlowStatsList__Output } from './ofconnmgr/v1/FlowStatsList.js';
import type { FlowStatsRequest as _ofconnmgr_v1_FlowStatsRequest, FlowStatsRequest__Output as _ofconnmgr_v1_FlowStatsRequest__Output } from './ofconnmgr/v1/FlowStatsRequest.js';
import type { Flush as _ofconnmgr_v1_Flush, Flush__Output as _ofconnmgr_v1_Flush__Output } from './ofconnmgr/v1/Flush.js';
import type { FragHandling as _ofconnmgr_v1_FragHandling, FragHandling__Output as _ofconnmgr_v1_FragHandling__Output } from './ofconnmgr/v1/FragHandling.js';
import type { GetControllerInfoRequest as _ofconnmgr_v1_GetControllerInfoRequest, GetControllerInfoRequest__Output as _ofconnmgr_v1_GetControllerInfoRequest__Output } from './ofconnmgr/v1/GetControllerInfoRequest.js';
import type { GetControllerInfoResponse as _ofconnmgr_v1_GetControllerInfoResponse, GetControllerInfoResponse__Output as _ofconnmgr_v1_GetControllerInfoResponse__Output } from './ofconnmgr/v1/GetControllerInfoResponse.js';
import type { GroupDesc as _ofconnmgr_v1_GroupDesc, GroupDesc__Output as _ofconnmgr_v1_GroupDesc__Output } from './ofconnmgr/v1/GroupDesc.js';
import type { GroupDescList as _ofconnmgr_v1_GroupDescList, GroupDescList__Output as _ofconnmgr_v1_GroupDescList__Output } from './ofconnmgr/v1/GroupDescList.js';
import type { GroupFeatures as _ofconnmgr_v1_GroupFeatures, GroupFeatures__Output as _ofconnmgr_v1_GroupFeatures__Output } from './ofconnmgr/v1/GroupFeatures.js';
import type { GroupMod as _ofconnmgr_v1_GroupMod, GroupMod__Output as _ofconnmgr_v1_GroupMod__Output } from './ofconnmgr/v1/GroupMod.js';
import type { GroupStats as _ofconnmgr_v1_GroupStats, GroupStats__Output as _ofconnmgr_v1_GroupStats__Output } from './ofconnmgr/v1/GroupStats.js';
import type { GroupStatsList as _ofconnmgr_v1_GroupStatsList, GroupStatsList__Output as _ofconnmgr_v1_GroupStatsList__Output } from './ofconnmgr/v1/GroupStatsList.js';
import type { GroupStatsRequest as _ofconnmgr_v1_GroupStatsRequest, GroupStatsRequest__Output as _ofconnmgr_v1_GroupStatsRequest__Output } from './ofconnmgr/v1/GroupStatsRequest.js';
import type { HiddenFlow as _ofconnmgr_v1_HiddenFlow, HiddenFlow__Output as _ofconnmgr_v1_HiddenFlow__Output } from './ofconnmgr/v1/HiddenFlow.js';
import type { HiddenFlowKey as _ofconnmgr_v1_HiddenFlowKey, HiddenFlowKey__Output as _ofconnmgr_v1_HiddenFlowKey__Output } from './ofconnmgr/v1/HiddenFlowKey.js';
import type { HiddenFlowSet as _ofconnmgr_v1_HiddenFlowSet, HiddenFlowSet__Output as _ofconnmgr_v1_HiddenFlowSet__Output } from './ofconnmgr/v1/HiddenFlowSet.js';
import type { IdList as _ofconnmgr_v1_IdList, IdList__Output as _ofconnmgr_v1_IdList__Output } from './ofconnmgr/v1/IdList.js';
import type { InBandInfo as _ofconnmgr_v1_InBandInfo, InBandInfo__Output as _ofconnmgr_v1_InBandInfo__Output } from './ofconnmgr/v1/InBandInfo.js';
import type { InBandQuery as _ofconnmgr_v1_InBandQuery, InBandQuery__Output as _ofconnmgr_v1_InBandQuery__Output } from './ofconnmgr/v1/InBandQuery.js';
import type { InBandRemote as _ofconnmgr_v1_InBandRemote, InBandRemote__Output as _ofconnmgr_v1_InBandRemote__Output } from './ofconnmgr/v1/InBandRemote.js';
import type { Instruction as _ofconnmgr_v1_Instruction, Instruction__Output as _ofconnmgr_v1_Instruction__Output } from './ofconnmgr/v1/Instruction.js';
import type { ListBridgesRequest as _ofconnmgr_v1_ListBridgesRequest, ListBridgesRequest__Output as _ofconnmgr_v1_ListBridgesRequest__Output } from './ofconnmgr/v1/ListBridgesRequest.js';
import type { ListBridgesResponse as _ofconnmgr_v1_ListBridgesResponse, ListBridgesResponse__Output as _ofconnmgr_v1_ListBridgesResponse__Output } from './ofconnmgr/v1/ListBridgesResponse.js';
import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from './ofconnmgr/v1/MatchField.js';
import type { MeterBand as _ofconnmgr_v1_MeterBand, MeterBand__Output as _ofconnmgr_v1_MeterBand__Output } from './ofconnmgr/v1/MeterBand.js';
import type { MeterBandDscpRemark as _ofconnmgr_v1_MeterBandDscpRemark, MeterBandDscpRemark__Output as _ofconnmgr_v1_MeterBandDscpRemark__Output } from './ofconnmgr/v1/MeterBandDscpRemark.js';
import type { MeterBandExperimenter as _ofconnmgr_v1_MeterBandExperimenter, MeterBandExperimenter__Output as _ofconnmgr_v1_MeterBandExperimenter__Output } from './ofconnmgr/v1/MeterBandExperimenter.js';
import type { MeterBandRate as _ofconnmgr_v1_MeterBandRate, MeterBandRate__Output as _ofconnmgr_v1_MeterBandRate__Output } from './ofconnmgr/v1/MeterBandRate.js';
import type { MeterConfig as _ofconnmgr_v1_MeterConfig, MeterConfig__Output as _ofconnmgr_v1_MeterConfig__Output } from './ofconnmgr/v1/MeterConfig.js';
import type { MeterConfigList as _ofconnmgr_v1_MeterConfigList, MeterConfigList__Output as _ofconnmgr_v1_MeterConfigList__Output } from './ofconnmgr/v1/MeterConfigList.js';
import type { MeterFeatures as _ofconnmgr_v1_MeterFeatures, MeterFeatures__Output as _ofconnmgr_v1_MeterFeatures__Output } from './ofconnmgr/v1/MeterFeatures.js';
import type { MeterMod as _ofconnmgr_v1_MeterMod, MeterMod__Output as _ofconnmgr_v1_MeterMod__Output } from './ofconnmgr/v1/MeterMod.js';
import type { MeterStats as _ofconnmgr_v1_MeterStats, MeterStats__Output as _ofconnmgr_v1_MeterStats__Output } from './ofconnmgr/v1/MeterStats.js';
import type { MeterStatsList as _ofconnmgr_v1_MeterStatsList, MeterStatsList__Output as _ofconnmgr_v1_MeterStatsList__Output } from './ofconnmgr/v1/MeterStatsList.js';
import type { MeterStatsRequest as _ofconnmgr_v1_MeterStatsRequest, MeterStatsRequest__Output as _ofconnmgr_v1_MeterStatsRequest__Output } from './ofconnmgr/v1/MeterStatsRequest.js';
import type { MissBehaviour as _ofconnmgr_v1_MissBehaviour, MissBehaviour__Output as _ofconnmgr_v1_MissBehaviour__Output } from './ofconnmgr/v1/MissBehaviour.js';
import type { MultipartReply as _ofconnmgr_v1_MultipartReply, MultipartReply__Output as _ofconnmgr_v1_MultipartReply__Output } from './ofconnmgr/v1/MultipartReply.js';
import type { MultipartRequest as _ofconnmgr_v1_MultipartRequest, MultipartRequest__Output as _ofconnmgr_v1_MultipartRequest__Output } from './ofconnmgr/v1/MultipartRequest.js';
import type { NoArguments as _ofconnmgr_v1_NoArguments, NoArguments__Output as _ofconnmgr_v1_NoArguments__Output } from './ofconnmgr/v1/NoArguments.js';
import type { OpaqueTlv as _ofconnmgr_v1_OpaqueTlv, OpaqueTlv__Output as _ofconnmgr_v1_OpaqueTlv__Output } from './ofconnmgr/v1/OpaqueTlv.js';
import type { OpenFlowError as _ofconnmgr_v1_OpenFlowError, OpenFlowError__Output as _ofconnmgr_v1_OpenFlowError__Output } from './ofconnmgr/v1/OpenFlowError.js';
import type { Output as _ofconnmgr_v1_Output, Output__Output as _ofconnmgr_v1_Output__Output } from './ofconnmgr/v1/Output.js';
import type { OxmId as _ofconnmgr_v1_OxmId, OxmId__Output as _ofconnmgr_v1_OxmId__Output } from './ofconnmgr/v1/OxmId.js';
import type { OxmIdList as _ofconnmgr_v1_OxmIdList, OxmIdList__Output as _ofconnmgr_v1_OxmIdList__Output } from './ofconnmgr/v1/OxmIdList.js';
import type { PacketIn as _ofconnmgr_v1_PacketIn, PacketIn__Output as _ofconnmgr_v1_PacketIn__Output } from './ofconnmgr/v1/PacketIn.js';
import type { PacketOut as _ofconnmgr_v1_PacketOut, PacketOut__Output as _ofconnmgr_v1_PacketOut__Output } from './ofconnmgr/v1/PacketOut.js';
import type { Port as _ofconnmgr_v1_Port, Port__Output as _ofconnmgr_v1_Port__Output } from './ofconnmgr/v1/Port.js';
import type { PortDescRequest as _ofconnmgr_v1_PortDescRequest, PortDescRequest__Output as _ofconnmgr_v1_PortDescRequest__Output } from './ofconnmgr/v1/PortDescRequest.js';
import type { PortList as _ofconnmgr_v1_PortList, PortList__Output as _ofconnmgr_v1_PortList__Output } from './ofconnmgr/v1/PortList.js';
import type { PortMod as _ofconnmgr_v1_PortMod, PortMod__Output as _ofconnmgr_v1_PortMod__Output } from './ofconnmgr/v1/PortMod.js';
import type { PortStats as _ofconnmgr_v1_PortStats, PortStats__Output as _ofconnmgr_v1_PortStats__Output } from './ofconnmgr/v1/PortStats.js';
import type { PortStatsList as _ofconnmgr_v1_PortStatsList, PortStatsList__Output as _ofconnmgr_v1_PortStatsList__Output } from './ofconnmgr/v1/PortStatsList.js';
import type { PortStatsRequest as _ofconnmgr_v1_PortStatsRequest, PortStatsRequest__Output as _ofconnmgr_v1_PortStatsRequest__Output } from './ofconnmgr/v1/PortStatsRequest.js';
import type { PortStatus as _ofconnmgr_v1_PortStatus, PortStatus__Output as _ofconnmgr_v1_PortStatus__Output } from './ofconnmgr/v1/PortStatus.js';
import type { QueueStats as _ofconnmgr_v1_QueueStats, QueueStats__Output as _ofconnmgr_v1_QueueStats__Output } from './ofconnmgr/v1/QueueStats.js';
import type { QueueStatsList as _ofconnmgr_v1_QueueStatsList, QueueStatsList__Output as _ofconnmgr_v1_QueueStatsList__Output } from './ofconnmgr/v1/QueueStatsList.js';
import type { QueueStatsRequest as _ofconnmgr_v1_QueueStatsRequest, QueueStatsRequest__Output as _ofconnmgr_v1_QueueStatsRequest__Output } from './ofconnmgr/v1/QueueStatsRequest.js';
import type { RawOpenFlow as _ofconnmgr_v1_RawOpenFlow, RawOpenFlow__Output as _ofconnmgr_v1_RawOpenFlow__Output } from './ofconnmgr/v1/RawOpenFlow.js';
import type { ReplyMessage as _ofconnmgr_v1_ReplyMessage, ReplyMessage__Output as _ofconnmgr_v1_ReplyMessage__Output } from './ofconnmgr/v1/ReplyMessage.js';
import type { ReplyMessages as _ofconnmgr_v1_ReplyMessages, ReplyMessages__Output as _ofconnmgr_v1_ReplyMessages__Output } from './ofconnmgr/v1/ReplyMessages.js';
import type { RequestOrigin as _ofconnmgr_v1_RequestOrigin, RequestOrigin__Output as _ofconnmgr_v1_RequestOrigin__Output } from './ofconnmgr/v1/RequestOrigin.js';
import type { ServerMessage as _ofconnmgr_v1_ServerMessage, ServerMessage__Output as _ofconnmgr_v1_ServerMessage__Output } from './ofconnmgr/v1/ServerMessage.js';
import type { SetControllersRequest as _ofconnmgr_v1_SetControllersRequest, SetControllersRequest__Output as _ofconnmgr_v1_SetControllersRequest__Output } from './ofconnmgr/v1/SetControllersRequest.js';
import type { SetControllersResponse as _ofconnmgr_v1_SetControllersResponse, SetControllersResponse__Output as _ofconnmgr_v1_SetControllersResponse__Output } from './ofconnmgr/v1/SetControllersResponse.js';
import type { SetFailModeRequest as _ofconnmgr_v1_SetFailModeRequest, SetFailModeRequest__Output as _ofconnmgr_v1_SetFailModeRequest__Output } from './ofconnmgr/v1/SetFailModeRequest.js';
import type { SetFailModeResponse as _ofconnmgr_v1_SetFailModeResponse, SetFailModeResponse__Output as _ofconnmgr_v1_SetFailModeResponse__Output } from './ofconnmgr/v1/SetFailModeResponse.js';
import type { SetInBandRequest as _ofconnmgr_v1_SetInBandRequest, SetInBandRequest__Output as _ofconnmgr_v1_SetInBandRequest__Output } from './ofconnmgr/v1/SetInBandRequest.js';
import type { SetInBandResponse as _ofconnmgr_v1_SetInBandResponse, SetInBandResponse__Output as _ofconnmgr_v1_SetInBandResponse__Output } from './ofconnmgr/v1/SetInBandResponse.js';
import type { SetSnoopsRequest as _ofconnmgr_v1_SetSnoopsRequest, SetSnoopsRequest__Output as _ofconnmgr_v1_SetSnoopsRequest__Output } from './ofconnmgr/v1/SetSnoopsRequest.js';
import type { SetSnoopsResponse as _ofconnmgr_v1_SetSnoopsResponse, SetSnoopsResponse__Output as _ofconnmgr_v1_SetSnoopsResponse__Output } from './ofconnmgr/v1/SetSnoopsResponse.js';
import type { StatusPair as _ofconnmgr_v1_StatusPair, StatusPair__Output as _ofconnmgr_v1_StatusPair__Output } from './ofconnmgr/v1/StatusPair.js';
import type { StreamError as _ofconnmgr_v1_StreamError, StreamError__Output as _ofconnmgr_v1_StreamError__Output } from './ofconnmgr/v1/StreamError.js';
import type { TableFeatureProperty as _ofconnmgr_v1_TableFeatureProperty, TableFeatureProperty__Output as _ofconnmgr_v1_TableFeatureProperty__Output } from './ofconnmgr/v1/TableFeatureProperty.js';
import type { TableFeatures as _ofconnmgr_v1_TableFeatures, TableFeatures__Output as _ofconnmgr_v1_TableFeatures__Output } from './ofconnmgr/v1/TableFeatures.js';
import type { TableFeaturesList as _ofconnmgr_v1_TableFeaturesList, TableFeaturesList__Output as _ofconnmgr_v1_TableFeaturesList__Output } from './ofconnmgr/v1/TableFeaturesList.js';
import type { TableMod as _ofconnmgr_v1_TableMod, TableMod__Output as _ofconnmgr_v1_TableMod__Output } from './ofconnmgr/v1/TableMod.js';
import type { TableStats as _ofconnmgr_v1_TableStats, TableStats__Output as _ofconnmgr_v1_TableStats__Output } from './ofconnmgr/v1/TableStats.js';
import type { TableStatsList as _ofconnmgr_v1_TableStatsList, TableStatsList__Output as _ofconnmgr_v1_TableStatsList__Output } from './ofconnmgr/v1/TableStatsList.js';
import type { Uint128 as _ofconnmgr_v1_Uint128, Uint128__Output as _ofconnmgr_v1_Uint128__Output } from './ofconnmgr/v1/Uint128.js';
import type { WriteMetadata as _ofconnmgr_v1_WriteMetadata, WriteMetadata__Output as _ofconnmgr_v1_WriteMetadata__Output } from './ofconnmgr/v1/WriteMetadata.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ofconnmgr: {
    v1: {
      Action: MessageTypeDefinition<_ofconnmgr_v1_Action, _ofconnmgr_v1_Action__Output>
      ActionList: MessageTypeDefinition<_ofconnmgr_v1_ActionList, _ofconnmgr_v1_ActionList__Output>
      AgentHello: MessageTypeDefinition<_ofconnmgr_v1_AgentHello, _ofconnmgr_v1_AgentHello__Output>
      AgentMessage: MessageTypeDefinition<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_AgentMessage__Output>
      AggregateStats: MessageTypeDefinition<_ofconnmgr_v1_AggregateStats, _ofconnmgr_v1_AggregateStats__Output>
      Arbitration: MessageTypeDefinition<_ofconnmgr_v1_Arbitration, _ofconnmgr_v1_Arbitration__Output>
      BandStats: MessageTypeDefinition<_ofconnmgr_v1_BandStats, _ofconnmgr_v1_BandStats__Output>
      Barrier: MessageTypeDefinition<_ofconnmgr_v1_Barrier, _ofconnmgr_v1_Barrier__Output>
      Bridge: MessageTypeDefinition<_ofconnmgr_v1_Bridge, _ofconnmgr_v1_Bridge__Output>
      Bucket: MessageTypeDefinition<_ofconnmgr_v1_Bucket, _ofconnmgr_v1_Bucket__Output>
      BucketCounter: MessageTypeDefinition<_ofconnmgr_v1_BucketCounter, _ofconnmgr_v1_BucketCounter__Output>
      ConnectionManager: SubtypeConstructor<typeof grpc.Client, _ofconnmgr_v1_ConnectionManagerClient> & { service: _ofconnmgr_v1_ConnectionManagerDefinition }
      ConnectionMode: EnumTypeDefinition
      ConnectionType: EnumTypeDefinition
      Controller: MessageTypeDefinition<_ofconnmgr_v1_Controller, _ofconnmgr_v1_Controller__Output>
      ControllerAction: MessageTypeDefinition<_ofconnmgr_v1_ControllerAction, _ofconnmgr_v1_ControllerAction__Output>
      ControllerInfo: MessageTypeDefinition<_ofconnmgr_v1_ControllerInfo, _ofconnmgr_v1_ControllerInfo__Output>
      ControllerRole: EnumTypeDefinition
      CreateBridgeRequest: MessageTypeDefinition<_ofconnmgr_v1_CreateBridgeRequest, _ofconnmgr_v1_CreateBridgeRequest__Output>
      DatapathFeatures: MessageTypeDefinition<_ofconnmgr_v1_DatapathFeatures, _ofconnmgr_v1_DatapathFeatures__Output>
      DatapathMessage: MessageTypeDefinition<_ofconnmgr_v1_DatapathMessage, _ofconnmgr_v1_DatapathMessage__Output>
      DatapathReply: MessageTypeDefinition<_ofconnmgr_v1_DatapathReply, _ofconnmgr_v1_DatapathReply__Output>
      DatapathRequest: MessageTypeDefinition<_ofconnmgr_v1_DatapathRequest, _ofconnmgr_v1_DatapathRequest__Output>
      DeleteBridgeRequest: MessageTypeDefinition<_ofconnmgr_v1_DeleteBridgeRequest, _ofconnmgr_v1_DeleteBridgeRequest__Output>
      DeleteBridgeResponse: MessageTypeDefinition<_ofconnmgr_v1_DeleteBridgeResponse, _ofconnmgr_v1_DeleteBridgeResponse__Output>
      DescStats: MessageTypeDefinition<_ofconnmgr_v1_DescStats, _ofconnmgr_v1_DescStats__Output>
      Enqueue: MessageTypeDefinition<_ofconnmgr_v1_Enqueue, _ofconnmgr_v1_Enqueue__Output>
      FailMode: EnumTypeDefinition
      FieldValue: MessageTypeDefinition<_ofconnmgr_v1_FieldValue, _ofconnmgr_v1_FieldValue__Output>
      FlowMod: MessageTypeDefinition<_ofconnmgr_v1_FlowMod, _ofconnmgr_v1_FlowMod__Output>
      FlowModCommand: EnumTypeDefinition
      FlowRemoved: MessageTypeDefinition<_ofconnmgr_v1_FlowRemoved, _ofconnmgr_v1_FlowRemoved__Output>
      FlowStats: MessageTypeDefinition<_ofconnmgr_v1_FlowStats, _ofconnmgr_v1_FlowStats__Output>
      FlowStatsList: MessageTypeDefinition<_ofconnmgr_v1_FlowStatsList, _ofconnmgr_v1_FlowStatsList__Output>
      FlowStatsRequest: MessageTypeDefinition<_ofconnmgr_v1_FlowStatsRequest, _ofconnmgr_v1_FlowStatsRequest__Output>
      Flush: MessageTypeDefinition<_ofconnmgr_v1_Flush, _ofconnmgr_v1_Flush__Output>
      FragHandling: MessageTypeDefinition<_ofconnmgr_v1_FragHandling, _ofconnmgr_v1_FragHandling__Output>
      GetControllerInfoRequest: MessageTypeDefinition<_ofconnmgr_v1_GetControllerInfoRequest, _ofconnmgr_v1_GetControllerInfoRequest__Output>
      GetControllerInfoResponse: MessageTypeDefinition<_ofconnmgr_v1_GetControllerInfoResponse, _ofconnmgr_v1_GetControllerInfoResponse__Output>
      GroupDesc: MessageTypeDefinition<_ofconnmgr_v1_GroupDesc, _ofconnmgr_v1_GroupDesc__Output>
      GroupDescList: MessageTypeDefinition<_ofconnmgr_v1_GroupDescList, _ofconnmgr_v1_GroupDescList__Output>
      GroupFeatures: MessageTypeDefinition<_ofconnmgr_v1_GroupFeatures, _ofconnmgr_v1_GroupFeatures__Output>
      GroupMod: MessageTypeDefinition<_ofconnmgr_v1_GroupMod, _ofconnmgr_v1_GroupMod__Output>
      GroupStats: MessageTypeDefinition<_ofconnmgr_v1_GroupStats, _ofconnmgr_v1_GroupStats__Output>
      GroupStatsList: MessageTypeDefinition<_ofconnmgr_v1_GroupStatsList, _ofconnmgr_v1_GroupStatsList__Output>
      GroupStatsRequest: MessageTypeDefinition<_ofconnmgr_v1_GroupStatsRequest, _ofconnmgr_v1_GroupStatsRequest__Output>
      HiddenFlow: MessageTypeDefinition<_ofconnmgr_v1_HiddenFlow, _ofconnmgr_v1_HiddenFlow__Output>
      HiddenFlowKey: MessageTypeDefinition<_ofconnmgr_v1_HiddenFlowKey, _ofconnmgr_v1_HiddenFlowKey__Output>
      HiddenFlowSet: MessageTypeDefinition<_ofconnmgr_v1_HiddenFlowSet, _ofconnmgr_v1_HiddenFlowSet__Output>
      IdList: MessageTypeDefinition<_ofconnmgr_v1_IdList, _ofconnmgr_v1_IdList__Output>
      InBandInfo: MessageTypeDefinition<_ofconnmgr_v1_InBandInfo, _ofconnmgr_v1_InBandInfo__Output>
      InBandQuery: MessageTypeDefinition<_ofconnmgr_v1_InBandQuery, _ofconnmgr_v1_InBandQuery__Output>
      InBandRemote: MessageTypeDefinition<_ofconnmgr_v1_InBandRemote, _ofconnmgr_v1_InBandRemote__Output>
      Instruction: MessageTypeDefinition<_ofconnmgr_v1_Instruction, _ofconnmgr_v1_Instruction__Output>
      ListBridgesRequest: MessageTypeDefinition<_ofconnmgr_v1_ListBridgesRequest, _ofconnmgr_v1_ListBridgesRequest__Output>
      ListBridgesResponse: MessageTypeDefinition<_ofconnmgr_v1_ListBridgesResponse, _ofconnmgr_v1_ListBridgesResponse__Output>
      MatchField: MessageTypeDefinition<_ofconnmgr_v1_MatchField, _ofconnmgr_v1_MatchField__Output>
      MeterBand: MessageTypeDefinition<_ofconnmgr_v1_MeterBand, _ofconnmgr_v1_MeterBand__Output>
      MeterBandDscpRemark: MessageTypeDefinition<_ofconnmgr_v1_MeterBandDscpRemark, _ofconnmgr_v1_MeterBandDscpRemark__Output>
      MeterBandExperimenter: MessageTypeDefinition<_ofconnmgr_v1_MeterBandExperimenter, _ofconnmgr_v1_MeterBandExperimenter__Output>
      MeterBandRate: MessageTypeDefinition<_ofconnmgr_v1_MeterBandRate, _ofconnmgr_v1_MeterBandRate__Output>
      MeterConfig: MessageTypeDefinition<_ofconnmgr_v1_MeterConfig, _ofconnmgr_v1_MeterConfig__Output>
      MeterConfigList: MessageTypeDefinition<_ofconnmgr_v1_MeterConfigList, _ofconnmgr_v1_MeterConfigList__Output>
      MeterFeatures: MessageTypeDefinition<_ofconnmgr_v1_MeterFeatures, _ofconnmgr_v1_MeterFeatures__Output>
      MeterMod: MessageTypeDefinition<_ofconnmgr_v1_MeterMod, _ofconnmgr_v1_MeterMod__Output>
      MeterStats: MessageTypeDefinition<_ofconnmgr_v1_MeterStats, _ofconnmgr_v1_MeterStats__Output>
      MeterStatsList: MessageTypeDefinition<_ofconnmgr_v1_MeterStatsList, _ofconnmgr_v1_MeterStatsList__Output>
      MeterStatsRequest: MessageTypeDefinition<_ofconnmgr_v1_MeterStatsRequest, _ofconnmgr_v1_MeterStatsRequest__Output>
      MissBehaviour: MessageTypeDefinition<_ofconnmgr_v1_MissBehaviour, _ofconnmgr_v1_MissBehaviour__Output>
      MultipartReply: MessageTypeDefinition<_ofconnmgr_v1_MultipartReply, _ofconnmgr_v1_MultipartReply__Output>
      MultipartRequest: MessageTypeDefinition<_ofconnmgr_v1_MultipartRequest, _ofconnmgr_v1_MultipartRequest__Output>
      NoArguments: MessageTypeDefinition<_ofconnmgr_v1_NoArguments, _ofconnmgr_v1_NoArguments__Output>
      OpaqueTlv: MessageTypeDefinition<_ofconnmgr_v1_OpaqueTlv, _ofconnmgr_v1_OpaqueTlv__Output>
      OpenFlowError: MessageTypeDefinition<_ofconnmgr_v1_OpenFlowError, _ofconnmgr_v1_OpenFlowError__Output>
      OpenFlowVersion: EnumTypeDefinition
      Output: MessageTypeDefinition<_ofconnmgr_v1_Output, _ofconnmgr_v1_Output__Output>
      OxmId: MessageTypeDefinition<_ofconnmgr_v1_OxmId, _ofconnmgr_v1_OxmId__Output>
      OxmIdList: MessageTypeDefinition<_ofconnmgr_v1_OxmIdList, _ofconnmgr_v1_OxmIdList__Output>
      PacketIn: MessageTypeDefinition<_ofconnmgr_v1_PacketIn, _ofconnmgr_v1_PacketIn__Output>
      PacketInReason: EnumTypeDefinition
      PacketOut: MessageTypeDefinition<_ofconnmgr_v1_PacketOut, _ofconnmgr_v1_PacketOut__Output>
      Port: MessageTypeDefinition<_ofconnmgr_v1_Port, _ofconnmgr_v1_Port__Output>
      PortDescRequest: MessageTypeDefinition<_ofconnmgr_v1_PortDescRequest, _ofconnmgr_v1_PortDescRequest__Output>
      PortList: MessageTypeDefinition<_ofconnmgr_v1_PortList, _ofconnmgr_v1_PortList__Output>
      PortMod: MessageTypeDefinition<_ofconnmgr_v1_PortMod, _ofconnmgr_v1_PortMod__Output>
      PortStats: MessageTypeDefinition<_ofconnmgr_v1_PortStats, _ofconnmgr_v1_PortStats__Output>
      PortStatsList: MessageTypeDefinition<_ofconnmgr_v1_PortStatsList, _ofconnmgr_v1_PortStatsList__Output>
      PortStatsRequest: MessageTypeDefinition<_ofconnmgr_v1_PortStatsRequest, _ofconnmgr_v1_PortStatsRequest__Output>
      PortStatus: MessageTypeDefinition<_ofconnmgr_v1_PortStatus, _ofconnmgr_v1_PortStatus__Output>
      QueueStats: MessageTypeDefinition<_ofconnmgr_v1_QueueStats, _ofconnmgr_v1_QueueStats__Output>
      QueueStatsList: MessageTypeDefinition<_ofconnmgr_v1_QueueStatsList, _ofconnmgr_v1_QueueStatsList__Output>
      QueueStatsRequest: MessageTypeDefinition<_ofconnmgr_v1_QueueStatsRequest, _ofconnmgr_v1_QueueStatsRequest__Output>
      RawOpenFlow: MessageTypeDefinition<_ofconnmgr_v1_RawOpenFlow, _ofconnmgr_v1_RawOpenFlow__Output>
      ReplyMessage: MessageTypeDefinition<_ofconnmgr_v1_ReplyMessage, _ofconnmgr_v1_ReplyMessage__Output>
      ReplyMessages: MessageTypeDefinition<_ofconnmgr_v1_ReplyMessages, _ofconnmgr_v1_ReplyMessages__Output>
      RequestOrigin: MessageTypeDefinition<_ofconnmgr_v1_RequestOrigin, _ofconnmgr_v1_RequestOrigin__Output>
      ServerMessage: MessageTypeDefinition<_ofconnmgr_v1_ServerMessage, _ofconnmgr_v1_ServerMessage__Output>
      SetControllersRequest: MessageTypeDefinition<_ofconnmgr_v1_SetControllersRequest, _ofconnmgr_v1_SetControllersRequest__Output>
      SetControllersResponse: MessageTypeDefinition<_ofconnmgr_v1_SetControllersResponse, _ofconnmgr_v1_SetControllersResponse__Output>
      SetFailModeRequest: MessageTypeDefinition<_ofconnmgr_v1_SetFailModeRequest, _ofconnmgr_v1_SetFailModeRequest__Output>
      SetFailModeResponse: MessageTypeDefinition<_ofconnmgr_v1_SetFailModeResponse, _ofconnmgr_v1_SetFailModeResponse__Output>
      SetInBandRequest: MessageTypeDefinition<_ofconnmgr_v1_SetInBandRequest, _ofconnmgr_v1_SetInBandRequest__Output>
      SetInBandResponse: MessageTypeDefinition<_ofconnmgr_v1_SetInBandResponse, _ofconnmgr_v1_SetInBandResponse__Output>
      SetSnoopsRequest: MessageTypeDefinition<_ofconnmgr_v1_SetSnoopsRequest, _ofconnmgr_v1_SetSnoopsRequest__Output>
      SetSnoopsResponse: MessageTypeDefinition<_ofconnmgr_v1_SetSnoopsResponse, _ofconnmgr_v1_SetSnoopsResponse__Output>
      StatusPair: MessageTypeDefinition<_ofconnmgr_v1_StatusPair, _ofconnmgr_v1_StatusPair__Output>
      StreamError: MessageTypeDefinition<_ofconnmgr_v1_StreamError, _ofconnmgr_v1_StreamError__Output>
      TableFeatureProperty: MessageTypeDefinition<_ofconnmgr_v1_TableFeatureProperty, _ofconnmgr_v1_TableFeatureProperty__Output>
      TableFeatures: MessageTypeDefinition<_ofconnmgr_v1_TableFeatures, _ofconnmgr_v1_TableFeatures__Output>
      TableFeaturesList: MessageTypeDefinition<_ofconnmgr_v1_TableFeaturesList, _ofconnmgr_v1_TableFeaturesList__Output>
      TableMod: MessageTypeDefinition<_ofconnmgr_v1_TableMod, _ofconnmgr_v1_TableMod__Output>
      TableStats: MessageTypeDefinition<_ofconnmgr_v1_TableStats, _ofconnmgr_v1_TableStats__Output>
      TableStatsList: MessageTypeDefinition<_ofconnmgr_v1_TableStatsList, _ofconnmgr_v1_TableStatsList__Output>
      Uint128: MessageTypeDefinition<_ofconnmgr_v1_Uint128, _ofconnmgr_v1_Uint128__Output>
      WriteMetadata: MessageTypeDefinition<_ofconnmgr_v1_WriteMetadata, _ofconnmgr_v1_WriteMetadata__Output>
    }
  }
}

