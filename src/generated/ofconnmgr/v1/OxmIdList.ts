// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { OxmId as _ofconnmgr_v1_OxmId, OxmId__Output as _ofconnmgr_v1_OxmId__Output } from '../../ofconnmgr/v1/OxmId.js';

export interface OxmIdList {
  'ids'?: (_ofconnmgr_v1_OxmId)[];
}

export interface OxmIdList__Output {
  'ids': (_ofconnmgr_v1_OxmId__Output)[];
}
