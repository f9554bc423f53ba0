// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { FailMode as _ofconnmgr_v1_FailMode, FailMode__Output as _ofconnmgr_v1_FailMode__Output } from '../../ofconnmgr/v1/FailMode.js';

export interface SetFailModeRequest {
  'bridge'?: (string);
  'fail_mode'?: (_ofconnmgr_v1_FailMode);
}

export interface SetFailModeRequest__Output {
  'bridge': (string);
  'fail_mode': (_ofconnmgr_v1_FailMode__Output);
}
