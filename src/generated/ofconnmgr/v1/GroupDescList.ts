// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { GroupDesc as _ofconnmgr_v1_GroupDesc, GroupDesc__Output as _ofconnmgr_v1_GroupDesc__Output } from '../../ofconnmgr/v1/GroupDesc.js';

export interface GroupDescList {
  'entries'?: (_ofconnmgr_v1_GroupDesc)[];
}

export interface GroupDescList__Output {
  'entries': (_ofconnmgr_v1_GroupDesc__Output)[];
}
