// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Action as _ofconnmgr_v1_Action, Action__Output as _ofconnmgr_v1_Action__Output } from '../../ofconnmgr/v1/Action.js';

export interface Bucket {
  'weight'?: (number);
  'watch_port'?: (number);
  'watch_group'?: (number);
  'actions'?: (_ofconnmgr_v1_Action)[];
}

export interface Bucket__Output {
  'weight': (number);
  'watch_port': (number);
  'watch_group': (number);
  'actions': (_ofconnmgr_v1_Action__Output)[];
}
