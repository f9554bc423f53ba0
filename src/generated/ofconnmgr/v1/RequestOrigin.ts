// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ControllerRole as _ofconnmgr_v1_ControllerRole, ControllerRole__Output as _ofconnmgr_v1_ControllerRole__Output } from '../../ofconnmgr/v1/ControllerRole.js';

export interface RequestOrigin {
  'session_id'?: (number);
  'session_name'?: (string);
  'version'?: (number);
  'role'?: (_ofconnmgr_v1_ControllerRole);
  'xid'?: (number);
}

export interface RequestOrigin__Output {
  'session_id': (number);
  'session_name': (string);
  'version': (number);
  'role': (_ofconnmgr_v1_ControllerRole__Output);
  'xid': (number);
}
