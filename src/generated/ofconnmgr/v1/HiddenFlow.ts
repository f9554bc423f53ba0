// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Instruction as _ofconnmgr_v1_Instruction, Instruction__Output as _ofconnmgr_v1_Instruction__Output } from '../../ofconnmgr/v1/Instruction.js';

export interface HiddenFlow {
  'priority'?: (number);
  'match'?: (_ofconnmgr_v1_MatchField)[];
  'instructions'?: (_ofconnmgr_v1_Instruction)[];
}

export interface HiddenFlow__Output {
  'priority': (number);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
  'instructions': (_ofconnmgr_v1_Instruction__Output)[];
}
