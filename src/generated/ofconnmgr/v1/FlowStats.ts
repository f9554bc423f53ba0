// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Instruction as _ofconnmgr_v1_Instruction, Instruction__Output as _ofconnmgr_v1_Instruction__Output } from '../../ofconnmgr/v1/Instruction.js';
import type { Long } from '@grpc/proto-loader';

export interface FlowStats {
  'table_id'?: (number);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'priority'?: (number);
  'idle_timeout'?: (number);
  'hard_timeout'?: (number);
  'flags'?: (number);
  'importance'?: (number);
  'cookie'?: (number | string | Long);
  'packet_count'?: (number | string | Long);
  'byte_count'?: (number | string | Long);
  'match'?: (_ofconnmgr_v1_MatchField)[];
  'instructions'?: (_ofconnmgr_v1_Instruction)[];
  'idle_age'?: (number);
  'hard_age'?: (number);
  '_idle_age'?: "idle_age";
  '_hard_age'?: "hard_age";
}

export interface FlowStats__Output {
  'table_id': (number);
  'duration_sec': (number);
  'duration_nsec': (number);
  'priority': (number);
  'idle_timeout': (number);
  'hard_timeout': (number);
  'flags': (number);
  'importance': (number);
  'cookie': (string);
  'packet_count': (string);
  'byte_count': (string);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
  'instructions': (_ofconnmgr_v1_Instruction__Output)[];
  'idle_age'?: (number);
  'hard_age'?: (number);
  '_idle_age'?: "idle_age";
  '_hard_age'?: "hard_age";
}
