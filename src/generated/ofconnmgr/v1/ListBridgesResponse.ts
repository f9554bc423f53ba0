// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Bridge as _ofconnmgr_v1_Bridge, Bridge__Output as _ofconnmgr_v1_Bridge__Output } from '../../ofconnmgr/v1/Bridge.js';

export interface ListBridgesResponse {
  'bridges'?: (_ofconnmgr_v1_Bridge)[];
}

export interface ListBridgesResponse__Output {
  'bridges': (_ofconnmgr_v1_Bridge__Output)[];
}
