// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Bridge as _ofconnmgr_v1_Bridge, Bridge__Output as _ofconnmgr_v1_Bridge__Output } from '../../ofconnmgr/v1/Bridge.js';

export interface CreateBridgeRequest {
  'bridge'?: (_ofconnmgr_v1_Bridge | null);
}

export interface CreateBridgeRequest__Output {
  'bridge': (_ofconnmgr_v1_Bridge__Output | null);
}
