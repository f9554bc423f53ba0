// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { TableStats as _ofconnmgr_v1_TableStats, TableStats__Output as _ofconnmgr_v1_TableStats__Output } from '../../ofconnmgr/v1/TableStats.js';

export interface TableStatsList {
  'entries'?: (_ofconnmgr_v1_TableStats)[];
}

export interface TableStatsList__Output {
  'entries': (_ofconnmgr_v1_TableStats__Output)[];
}
