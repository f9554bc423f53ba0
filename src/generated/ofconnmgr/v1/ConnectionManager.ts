// Original file: proto/ofconnmgr/v1/connmgr.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _ofconnmgr_v1_AgentMessage, AgentMessage__Output as _ofconnmgr_v1_AgentMessage__Output } from '../../ofconnmgr/v1/AgentMessage.js';
import type { Bridge as _ofconnmgr_v1_Bridge, Bridge__Output as _ofconnmgr_v1_Bridge__Output } from '../../ofconnmgr/v1/Bridge.js';
import type { CreateBridgeRequest as _ofconnmgr_v1_CreateBridgeRequest, CreateBridgeRequest__Output as _ofconnmgr_v1_CreateBridgeRequest__Output } from '../../ofconnmgr/v1/CreateBridgeRequest.js';
import type { DeleteBridgeRequest as _ofconnmgr_v1_DeleteBridgeRequest, DeleteBridgeRequest__Output as _ofconnmgr_v1_DeleteBridgeRequest__Output } from '../../ofconnmgr/v1/DeleteBridgeRequest.js';
import type { DeleteBridgeResponse as _ofconnmgr_v1_DeleteBridgeResponse, DeleteBridgeResponse__Output as _ofconnmgr_v1_DeleteBridgeResponse__Output } from '../../ofconnmgr/v1/DeleteBridgeResponse.js';
import type { GetControllerInfoRequest as _ofconnmgr_v1_GetControllerInfoRequest, GetControllerInfoRequest__Output as _ofconnmgr_v1_GetControllerInfoRequest__Output } from '../../ofconnmgr/v1/GetControllerInfoRequest.js';
import type { GetControllerInfoResponse as _ofconnmgr_v1_GetControllerInfoResponse, GetControllerInfoResponse__Output as _ofconnmgr_v1_GetControllerInfoResponse__Output } from '../../ofconnmgr/v1/GetControllerInfoResponse.js';
import type { ListBridgesRequest as _ofconnmgr_v1_ListBridgesRequest, ListBridgesRequest__Output as _ofconnmgr_v1_ListBridgesRequest__Output } from '../../ofconnmgr/v1/ListBridgesRequest.js';
import type { ListBridgesResponse as _ofconnmgr_v1_ListBridgesResponse, ListBridgesResponse__Output as _ofconnmgr_v1_ListBridgesResponse__Output } from '../../ofconnmgr/v1/ListBridgesResponse.js';
import type { ServerMessage as _ofconnmgr_v1_ServerMessage, ServerMessage__Output as _ofconnmgr_v1_ServerMessage__Output } from '../../ofconnmgr/v1/ServerMessage.js';
import type { SetControllersRequest as _ofconnmgr_v1_SetControllersRequest, SetControllersRequest__Output as _ofconnmgr_v1_SetControllersRequest__Output } from '../../ofconnmgr/v1/SetControllersRequest.js';
import type { SetControllersResponse as _ofconnmgr_v1_SetControllersResponse, SetControllersResponse__Output as _ofconnmgr_v1_SetControllersResponse__Output } from '../../ofconnmgr/v1/SetControllersResponse.js';
import type { SetFailModeRequest as _ofconnmgr_v1_SetFailModeRequest, SetFailModeRequest__Output as _ofconnmgr_v1_SetFailModeRequest__Output } from '../../ofconnmgr/v1/SetFailModeRequest.js';
import type { SetFailModeResponse as _ofconnmgr_v1_SetFailModeResponse, SetFailModeResponse__Output as _ofconnmgr_v1_SetFailModeResponse__Output } from '../../ofconnmgr/v1/SetFailModeResponse.js';
import type { SetInBandRequest as _ofconnmgr_v1_SetInBandRequest, SetInBandRequest__Output as _ofconnmgr_v1_SetInBandRequest__Output } from '../../ofconnmgr/v1/SetInBandRequest.js';
import type { SetInBandResponse as _ofconnmgr_v1_SetInBandResponse, SetInBandResponse__Output as _ofconnmgr_v1_SetInBandResponse__Output } from '../../ofconnmgr/v1/SetInBandResponse.js';
import type { SetSnoopsRequest as _ofconnmgr_v1_SetSnoopsRequest, SetSnoopsRequest__Output as _ofconnmgr_v1_SetSnoopsRequest__Output } from '../../ofconnmgr/v1/SetSnoopsRequest.js';
import type { SetSnoopsResponse as _ofconnmgr_v1_SetSnoopsResponse, SetSnoopsResponse__Output as _ofconnmgr_v1_SetSnoopsResponse__Output } from '../../ofconnmgr/v1/SetSnoopsResponse.js';

export interface ConnectionManagerClient extends grpc.Client {
  Attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_ServerMessage__Output>;
  Attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_ServerMessage__Output>;
  attach(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_ServerMessage__Output>;
  attach(options?: grpc.CallOptions): grpc.ClientDuplexStream<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_ServerMessage__Output>;
  
  CreateBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  CreateBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  CreateBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  CreateBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  createBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  createBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  createBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  createBridge(argument: _ofconnmgr_v1_CreateBridgeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_Bridge__Output>): grpc.ClientUnaryCall;
  
  DeleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  DeleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  DeleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  DeleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  deleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  deleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  deleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  deleteBridge(argument: _ofconnmgr_v1_DeleteBridgeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_DeleteBridgeResponse__Output>): grpc.ClientUnaryCall;
  
  GetControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  GetControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  GetControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  GetControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  getControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  getControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  getControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  getControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, callback: grpc.requestCallback<_ofconnmgr_v1_GetControllerInfoResponse__Output>): grpc.ClientUnaryCall;
  
  ListBridges(argument: _ofconnmgr_v1_ListBridgesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  ListBridges(argument: _ofconnmgr_v1_ListBridgesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  ListBridges(argument: _ofconnmgr_v1_ListBridgesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  ListBridges(argument: _ofconnmgr_v1_ListBridgesRequest, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  listBridges(argument: _ofconnmgr_v1_ListBridgesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  listBridges(argument: _ofconnmgr_v1_ListBridgesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  listBridges(argument: _ofconnmgr_v1_ListBridgesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  listBridges(argument: _ofconnmgr_v1_ListBridgesRequest, callback: grpc.requestCallback<_ofconnmgr_v1_ListBridgesResponse__Output>): grpc.ClientUnaryCall;
  
  SetControllers(argument: _ofconnmgr_v1_SetControllersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  SetControllers(argument: _ofconnmgr_v1_SetControllersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  SetControllers(argument: _ofconnmgr_v1_SetControllersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  SetControllers(argument: _ofconnmgr_v1_SetControllersRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  setControllers(argument: _ofconnmgr_v1_SetControllersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  setControllers(argument: _ofconnmgr_v1_SetControllersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  setControllers(argument: _ofconnmgr_v1_SetControllersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  setControllers(argument: _ofconnmgr_v1_SetControllersRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetControllersResponse__Output>): grpc.ClientUnaryCall;
  
  SetFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  SetFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  SetFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  SetFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  setFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  setFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  setFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  setFailMode(argument: _ofconnmgr_v1_SetFailModeRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetFailModeResponse__Output>): grpc.ClientUnaryCall;
  
  SetInBand(argument: _ofconnmgr_v1_SetInBandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  SetInBand(argument: _ofconnmgr_v1_SetInBandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  SetInBand(argument: _ofconnmgr_v1_SetInBandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  SetInBand(argument: _ofconnmgr_v1_SetInBandRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  setInBand(argument: _ofconnmgr_v1_SetInBandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  setInBand(argument: _ofconnmgr_v1_SetInBandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  setInBand(argument: _ofconnmgr_v1_SetInBandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  setInBand(argument: _ofconnmgr_v1_SetInBandRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetInBandResponse__Output>): grpc.ClientUnaryCall;
  
  SetSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  SetSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  SetSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  SetSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  setSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  setSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  setSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  setSnoops(argument: _ofconnmgr_v1_SetSnoopsRequest, callback: grpc.requestCallback<_ofconnmgr_v1_SetSnoopsResponse__Output>): grpc.ClientUnaryCall;
  
  WatchControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_ofconnmgr_v1_GetControllerInfoResponse__Output>;
  WatchControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_ofconnmgr_v1_GetControllerInfoResponse__Output>;
  watchControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_ofconnmgr_v1_GetControllerInfoResponse__Output>;
  watchControllerInfo(argument: _ofconnmgr_v1_GetControllerInfoRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_ofconnmgr_v1_GetControllerInfoResponse__Output>;
  
}

export interface ConnectionManagerHandlers extends grpc.UntypedServiceImplementation {
  Attach: grpc.handleBidiStreamingCall<_ofconnmgr_v1_AgentMessage__Output, _ofconnmgr_v1_ServerMessage>;
  
  CreateBridge: grpc.handleUnaryCall<_ofconnmgr_v1_CreateBridgeRequest__Output, _ofconnmgr_v1_Bridge>;
  
  DeleteBridge: grpc.handleUnaryCall<_ofconnmgr_v1_DeleteBridgeRequest__Output, _ofconnmgr_v1_DeleteBridgeResponse>;
  
  GetControllerInfo: grpc.handleUnaryCall<_ofconnmgr_v1_GetControllerInfoRequest__Output, _ofconnmgr_v1_GetControllerInfoResponse>;
  
  ListBridges: grpc.handleUnaryCall<_ofconnmgr_v1_ListBridgesRequest__Output, _ofconnmgr_v1_ListBridgesResponse>;
  
  SetControllers: grpc.handleUnaryCall<_ofconnmgr_v1_SetControllersRequest__Output, _ofconnmgr_v1_SetControllersResponse>;
  
  SetFailMode: grpc.handleUnaryCall<_ofconnmgr_v1_SetFailModeRequest__Output, _ofconnmgr_v1_SetFailModeResponse>;
  
  SetInBand: grpc.handleUnaryCall<_ofconnmgr_v1_SetInBandRequest__Output, _ofconnmgr_v1_SetInBandResponse>;
  
  SetSnoops: grpc.handleUnaryCall<_ofconnmgr_v1_SetSnoopsRequest__Output, _ofconnmgr_v1_SetSnoopsResponse>;
  
  WatchControllerInfo: grpc.handleServerStreamingCall<_ofconnmgr_v1_GetControllerInfoRequest__Output, _ofconnmgr_v1_GetControllerInfoResponse>;
  
}

export interface ConnectionManagerDefinition extends grpc.ServiceDefinition {
  Attach: MethodDefinition<_ofconnmgr_v1_AgentMessage, _ofconnmgr_v1_ServerMessage, _ofconnmgr_v1_AgentMessage__Output, _ofconnmgr_v1_ServerMessage__Output>
  CreateBridge: MethodDefinition<_ofconnmgr_v1_CreateBridgeRequest, _ofconnmgr_v1_Bridge, _ofconnmgr_v1_CreateBridgeRequest__Output, _ofconnmgr_v1_Bridge__Output>
  DeleteBridge: MethodDefinition<_ofconnmgr_v1_DeleteBridgeRequest, _ofconnmgr_v1_DeleteBridgeResponse, _ofconnmgr_v1_DeleteBridgeRequest__Output, _ofconnmgr_v1_DeleteBridgeResponse__Output>
  GetControllerInfo: MethodDefinition<_ofconnmgr_v1_GetControllerInfoRequest, _ofconnmgr_v1_GetControllerInfoResponse, _ofconnmgr_v1_GetControllerInfoRequest__Output, _ofconnmgr_v1_GetControllerInfoResponse__Output>
  ListBridges: MethodDefinition<_ofconnmgr_v1_ListBridgesRequest, _ofconnmgr_v1_ListBridgesResponse, _ofconnmgr_v1_ListBridgesRequest__Output, _ofconnmgr_v1_ListBridgesResponse__Output>
  SetControllers: MethodDefinition<_ofconnmgr_v1_SetControllersRequest, _ofconnmgr_v1_SetControllersResponse, _ofconnmgr_v1_SetControllersRequest__Output, _ofconnmgr_v1_SetControllersResponse__Output>
  SetFailMode: MethodDefinition<_ofconnmgr_v1_SetFailModeRequest, _ofconnmgr_v1_SetFailModeResponse, _ofconnmgr_v1_SetFailModeRequest__Output, _ofconnmgr_v1_SetFailModeResponse__Output>
  SetInBand: MethodDefinition<_ofconnmgr_v1_SetInBandRequest, _ofconnmgr_v1_SetInBandResponse, _ofconnmgr_v1_SetInBandRequest__Output, _ofconnmgr_v1_SetInBandResponse__Output>
  SetSnoops: MethodDefinition<_ofconnmgr_v1_SetSnoopsRequest, _ofconnmgr_v1_SetSnoopsResponse, _ofconnmgr_v1_SetSnoopsRequest__Output, _ofconnmgr_v1_SetSnoopsResponse__Output>
  WatchControllerInfo: MethodDefinition<_ofconnmgr_v1_GetControllerInfoRequest, _ofconnmgr_v1_GetControllerInfoResponse, _ofconnmgr_v1_GetControllerInfoRequest__Output, _ofconnmgr_v1_GetControllerInfoResponse__Output>
}
