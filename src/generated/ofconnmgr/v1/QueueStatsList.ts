// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { QueueStats as _ofconnmgr_v1_QueueStats, QueueStats__Output as _ofconnmgr_v1_QueueStats__Output } from '../../ofconnmgr/v1/QueueStats.js';

export interface QueueStatsList {
  'entries'?: (_ofconnmgr_v1_QueueStats)[];
}

export interface QueueStatsList__Output {
  'entries': (_ofconnmgr_v1_QueueStats__Output)[];
}
