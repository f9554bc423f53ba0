// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { GroupStats as _ofconnmgr_v1_GroupStats, GroupStats__Output as _ofconnmgr_v1_GroupStats__Output } from '../../ofconnmgr/v1/GroupStats.js';

export interface GroupStatsList {
  'entries'?: (_ofconnmgr_v1_GroupStats)[];
}

export interface GroupStatsList__Output {
  'entries': (_ofconnmgr_v1_GroupStats__Output)[];
}
