// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { PortStats as _ofconnmgr_v1_PortStats, PortStats__Output as _ofconnmgr_v1_PortStats__Output } from '../../ofconnmgr/v1/PortStats.js';

export interface PortStatsList {
  'entries'?: (_ofconnmgr_v1_PortStats)[];
}

export interface PortStatsList__Output {
  'entries': (_ofconnmgr_v1_PortStats__Output)[];
}
