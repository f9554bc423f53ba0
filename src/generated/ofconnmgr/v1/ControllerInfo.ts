// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ConnectionType as _ofconnmgr_v1_ConnectionType, ConnectionType__Output as _ofconnmgr_v1_ConnectionType__Output } from '../../ofconnmgr/v1/ConnectionType.js';
import type { ControllerRole as _ofconnmgr_v1_ControllerRole, ControllerRole__Output as _ofconnmgr_v1_ControllerRole__Output } from '../../ofconnmgr/v1/ControllerRole.js';
import type { StatusPair as _ofconnmgr_v1_StatusPair, StatusPair__Output as _ofconnmgr_v1_StatusPair__Output } from '../../ofconnmgr/v1/StatusPair.js';

export interface ControllerInfo {
  'target'?: (string);
  'type'?: (_ofconnmgr_v1_ConnectionType);
  'is_connected'?: (boolean);
  'role'?: (_ofconnmgr_v1_ControllerRole);
  'status'?: (_ofconnmgr_v1_StatusPair)[];
  'sessions'?: (number);
}

export interface ControllerInfo__Output {
  'target': (string);
  'type': (_ofconnmgr_v1_ConnectionType__Output);
  'is_connected': (boolean);
  'role': (_ofconnmgr_v1_ControllerRole__Output);
  'status': (_ofconnmgr_v1_StatusPair__Output)[];
  'sessions': (number);
}
