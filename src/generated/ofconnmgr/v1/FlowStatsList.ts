// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { FlowStats as _ofconnmgr_v1_FlowStats, FlowStats__Output as _ofconnmgr_v1_FlowStats__Output } from '../../ofconnmgr/v1/FlowStats.js';

export interface FlowStatsList {
  'entries'?: (_ofconnmgr_v1_FlowStats)[];
}

export interface FlowStatsList__Output {
  'entries': (_ofconnmgr_v1_FlowStats__Output)[];
}
