// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { OpenFlowVersion as _ofconnmgr_v1_OpenFlowVersion, OpenFlowVersion__Output as _ofconnmgr_v1_OpenFlowVersion__Output } from '../../ofconnmgr/v1/OpenFlowVersion.js';
import type { FailMode as _ofconnmgr_v1_FailMode, FailMode__Output as _ofconnmgr_v1_FailMode__Output } from '../../ofconnmgr/v1/FailMode.js';

export interface Bridge {
  'name'?: (string);
  'datapath_id'?: (string);
  'packet_buffers'?: (number);
  'protocols'?: (_ofconnmgr_v1_OpenFlowVersion)[];
  'fail_mode'?: (_ofconnmgr_v1_FailMode);
}

export interface Bridge__Output {
  'name': (string);
  'datapath_id': (string);
  'packet_buffers': (number);
  'protocols': (_ofconnmgr_v1_OpenFlowVersion__Output)[];
  'fail_mode': (_ofconnmgr_v1_FailMode__Output);
}
