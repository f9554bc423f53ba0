// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { HiddenFlow as _ofconnmgr_v1_HiddenFlow, HiddenFlow__Output as _ofconnmgr_v1_HiddenFlow__Output } from '../../ofconnmgr/v1/HiddenFlow.js';

export interface HiddenFlowSet {
  'flows'?: (_ofconnmgr_v1_HiddenFlow)[];
}

export interface HiddenFlowSet__Output {
  'flows': (_ofconnmgr_v1_HiddenFlow__Output)[];
}
