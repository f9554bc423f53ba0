// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ControllerInfo as _ofconnmgr_v1_ControllerInfo, ControllerInfo__Output as _ofconnmgr_v1_ControllerInfo__Output } from '../../ofconnmgr/v1/ControllerInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface GetControllerInfoResponse {
  'controllers'?: (_ofconnmgr_v1_ControllerInfo)[];
  'packet_ins_unsent'?: (number | string | Long);
}

export interface GetControllerInfoResponse__Output {
  'controllers': (_ofconnmgr_v1_ControllerInfo__Output)[];
  'packet_ins_unsent': (string);
}
