// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MeterStats as _ofconnmgr_v1_MeterStats, MeterStats__Output as _ofconnmgr_v1_MeterStats__Output } from '../../ofconnmgr/v1/MeterStats.js';

export interface MeterStatsList {
  'entries'?: (_ofconnmgr_v1_MeterStats)[];
}

export interface MeterStatsList__Output {
  'entries': (_ofconnmgr_v1_MeterStats__Output)[];
}
