// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

export interface FlowStatsRequest {
  'table_id'?: (number);
  'out_port'?: (number);
  'out_group'?: (number);
  'cookie'?: (number | string | Long);
  'cookie_mask'?: (number | string | Long);
  'match'?: (_ofconnmgr_v1_MatchField)[];
}

export interface FlowStatsRequest__Output {
  'table_id': (number);
  'out_port': (number);
  'out_group': (number);
  'cookie': (string);
  'cookie_mask': (string);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
}
