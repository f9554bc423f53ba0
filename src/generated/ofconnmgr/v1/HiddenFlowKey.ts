// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';

export interface HiddenFlowKey {
  'priority'?: (number);
  'match'?: (_ofconnmgr_v1_MatchField)[];
}

export interface HiddenFlowKey__Output {
  'priority': (number);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
}
