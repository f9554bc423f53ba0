import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Bridge as _ofconnmgr_v1_Bridge, Bridge__Output as _ofconnmgr_v1_Bridge__Output } from './ofconnmgr/v1/Bridge.js';
import type { ConnectionManagerClient as _ofconnmgr_v1_ConnectionManagerClient, ConnectionManagerDefinition as _ofconnmgr_v1_ConnectionManagerDefinition } from './ofconnmgr/v1/ConnectionManager.js';
import type { Controller as _ofconnmgr_v1_Controller, Controller__Output as _ofconnmgr_v1_Controller__Output } from './ofconnmgr/v1/Controller.js';
import type { ControllerInfo as _ofconnmgr_v1_ControllerInfo, ControllerInfo__Output as _ofconnmgr_v1_ControllerInfo__Output } from './ofconnmgr/v1/ControllerInfo.js';
import type { CreateBridgeRequest as _ofconnmgr_v1_CreateBridgeRequest, CreateBridgeRequest__Output as _ofconnmgr_v1_CreateBridgeRequest__Output } from './ofconnmgr/v1/CreateBridgeRequest.js';
import type { DeleteBridgeRequest as _ofconnmgr_v1_DeleteBridgeRequest, DeleteBridgeRequest__Output as _ofconnmgr_v1_DeleteBridgeRequest__Output } from './ofconnmgr/v1/DeleteBridgeRequest.js';
import type { DeleteBridgeResponse as _ofconnmgr_v1_DeleteBridgeResponse, DeleteBridgeResponse__Output as _ofconnmgr_v1_DeleteBridgeResponse__Output } from './ofconnmgr/v1/DeleteBridgeResponse.js';
import type { GetControllerInfoRequest as _ofconnmgr_v1_GetControllerInfoRequest, GetControllerInfoRequest__Output as _ofconnmgr_v1_GetControllerInfoRequest__Output } from './ofconnmgr/v1/GetControllerInfoRequest.js';
import type { GetControllerInfoResponse as _ofconnmgr_v1_GetControllerInfoResponse, GetControllerInfoResponse__Output as _ofconnmgr_v1_GetControllerInfoResponse__Output } from './ofconnmgr/v1/GetControllerInfoResponse.js';
import type { ListBridgesRequest as _ofconnmgr_v1_ListBridgesRequest, ListBridgesRequest__Output as _ofconnmgr_v1_ListBridgesRequest__Output } from './ofconnmgr/v1/ListBridgesRequest.js';
import type { ListBridgesResponse as _ofconnmgr_v1_ListBridgesResponse, ListBridgesResponse__Output as _ofconnmgr_v1_ListBridgesResponse__Output } from './ofconnmgr/v1/ListBridgesResponse.js';
import type { SetControllersRequest as _ofconnmgr_v1_SetControllersRequest, SetControllersRequest__Output as _ofconnmgr_v1_SetControllersRequest__Output } from './ofconnmgr/v1/SetControllersRequest.js';
import type { SetControllersResponse as _ofconnmgr_v1_SetControllersResponse, SetControllersResponse__Output as _ofconnmgr_v1_SetControllersResponse__Output } from './ofconnmgr/v1/SetControllersResponse.js';
import type { SetFailModeRequest as _ofconnmgr_v1_SetFailModeRequest, SetFailModeRequest__Output as _ofconnmgr_v1_SetFailModeRequest__Output } from './ofconnmgr/v1/SetFailModeRequest.js';
import type { SetFailModeResponse as _ofconnmgr_v1_SetFailModeResponse, SetFailModeResponse__Output as _ofconnmgr_v1_SetFailModeResponse__Output } from './ofconnmgr/v1/SetFailModeResponse.js';
import type { SetSnoopsRequest as _ofconnmgr_v1_SetSnoopsRequest, SetSnoopsRequest__Output as _ofconnmgr_v1_SetSnoopsRequest__Output } from './ofconnmgr/v1/SetSnoopsRequest.js';
import type { SetSnoopsResponse as _ofconnmgr_v1_SetSnoopsResponse, SetSnoopsResponse__Output as _ofconnmgr_v1_SetSnoopsResponse__Output } from './ofconnmgr/v1/SetSnoopsResponse.js';
import type { StatusPair as _ofconnmgr_v1_StatusPair, StatusPair__Output as _ofconnmgr_v1_StatusPair__Output } from './ofconnmgr/v1/StatusPair.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ofconnmgr: {
    v1: {
      Bridge: MessageTypeDefinition<_ofconnmgr_v1_Bridge, _ofconnmgr_v1_Bridge__Output>
      ConnectionManager: SubtypeConstructor<typeof grpc.Client, _ofconnmgr_v1_ConnectionManagerClient> & { service: _ofconnmgr_v1_ConnectionManagerDefinition }
      ConnectionMode: EnumTypeDefinition
      ConnectionType: EnumTypeDefinition
      Controller: MessageTypeDefinition<_ofconnmgr_v1_Controller, _ofconnmgr_v1_Controller__Output>
      ControllerInfo: MessageTypeDefinition<_ofconnmgr_v1_ControllerInfo, _ofconnmgr_v1_ControllerInfo__Output>
      ControllerRole: EnumTypeDefinition
      CreateBridgeRequest: MessageTypeDefinition<_ofconnmgr_v1_CreateBridgeRequest, _ofconnmgr_v1_CreateBridgeRequest__Output>
      DeleteBridgeRequest: MessageTypeDefinition<_ofconnmgr_v1_DeleteBridgeRequest, _ofconnmgr_v1_DeleteBridgeRequest__Output>
      DeleteBridgeResponse: MessageTypeDefinition<_ofconnmgr_v1_DeleteBridgeResponse, _ofconnmgr_v1_DeleteBridgeResponse__Output>
      FailMode: EnumTypeDefinition
      GetControllerInfoRequest: MessageTypeDefinition<_ofconnmgr_v1_GetControllerInfoRequest, _ofconnmgr_v1_GetControllerInfoRequest__Output>
      GetControllerInfoResponse: MessageTypeDefinition<_ofconnmgr_v1_GetControllerInfoResponse, _ofconnmgr_v1_GetControllerInfoResponse__Output>
      ListBridgesRequest: MessageTypeDefinition<_ofconnmgr_v1_ListBridgesRequest, _ofconnmgr_v1_ListBridgesRequest__Output>
      ListBridgesResponse: MessageTypeDefinition<_ofconnmgr_v1_ListBridgesResponse, _ofconnmgr_v1_ListBridgesResponse__Output>
      OpenFlowVersion: EnumTypeDefinition
      SetControllersRequest: MessageTypeDefinition<_ofconnmgr_v1_SetControllersRequest, _ofconnmgr_v1_SetControllersRequest__Output>
      SetControllersResponse: MessageTypeDefinition<_ofconnmgr_v1_SetControllersResponse, _ofconnmgr_v1_SetControllersResponse__Output>
      SetFailModeRequest: MessageTypeDefinition<_ofconnmgr_v1_SetFailModeRequest, _ofconnmgr_v1_SetFailModeRequest__Output>
      SetFailModeResponse: MessageTypeDefinition<_ofconnmgr_v1_SetFailModeResponse, _ofconnmgr_v1_SetFailModeResponse__Output>
      SetSnoopsRequest: MessageTypeDefinition<_ofconnmgr_v1_SetSnoopsRequest, _ofconnmgr_v1_SetSnoopsRequest__Output>
      SetSnoopsResponse: MessageTypeDefinition<_ofconnmgr_v1_SetSnoopsResponse, _ofconnmgr_v1_SetSnoopsResponse__Output>
      StatusPair: MessageTypeDefinition<_ofconnmgr_v1_StatusPair, _ofconnmgr_v1_StatusPair__Output>
    }
  }
}

