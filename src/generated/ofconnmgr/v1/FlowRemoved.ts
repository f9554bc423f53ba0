// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

export interface FlowRemoved {
  'reason'?: (number);
  'table_id'?: (number);
  'priority'?: (number);
  'cookie'?: (number | string | Long);
  'match'?: (_ofconnmgr_v1_MatchField)[];
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'idle_timeout'?: (number);
  'hard_timeout'?: (number);
  'packet_count'?: (number | string | Long);
  'byte_count'?: (number | string | Long);
}

export interface FlowRemoved__Output {
  'reason': (number);
  'table_id': (number);
  'priority': (number);
  'cookie': (string);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
  'duration_sec': (number);
  'duration_nsec': (number);
  'idle_timeout': (number);
  'hard_timeout': (number);
  'packet_count': (string);
  'byte_count': (string);
}
