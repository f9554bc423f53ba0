// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { InBandRemote as _ofconnmgr_v1_InBandRemote, InBandRemote__Output as _ofconnmgr_v1_InBandRemote__Output } from '../../ofconnmgr/v1/InBandRemote.js';

export interface InBandQuery {
  'remotes'?: (_ofconnmgr_v1_InBandRemote)[];
}

export interface InBandQuery__Output {
  'remotes': (_ofconnmgr_v1_InBandRemote__Output)[];
}
