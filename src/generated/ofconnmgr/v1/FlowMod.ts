// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { FlowModCommand as _ofconnmgr_v1_FlowModCommand, FlowModCommand__Output as _ofconnmgr_v1_FlowModCommand__Output } from '../../ofconnmgr/v1/FlowModCommand.js';
import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Instruction as _ofconnmgr_v1_Instruction, Instruction__Output as _ofconnmgr_v1_Instruction__Output } from '../../ofconnmgr/v1/Instruction.js';
import type { Long } from '@grpc/proto-loader';

export interface FlowMod {
  'command'?: (_ofconnmgr_v1_FlowModCommand);
  'cookie'?: (number | string | Long);
  'cookie_mask'?: (number | string | Long);
  'table_id'?: (number);
  'idle_timeout'?: (number);
  'hard_timeout'?: (number);
  'priority'?: (number);
  'buffer_id'?: (number);
  'out_port'?: (number);
  'out_group'?: (number);
  'flags'?: (number);
  'importance'?: (number);
  'match'?: (_ofconnmgr_v1_MatchField)[];
  'instructions'?: (_ofconnmgr_v1_Instruction)[];
  'nxm'?: (boolean);
}

export interface FlowMod__Output {
  'command': (_ofconnmgr_v1_FlowModCommand__Output);
  'cookie': (string);
  'cookie_mask': (string);
  'table_id': (number);
  'idle_timeout': (number);
  'hard_timeout': (number);
  'priority': (number);
  'buffer_id': (number);
  'out_port': (number);
  'out_group': (number);
  'flags': (number);
  'importance': (number);
  'match': (_ofconnmgr_v1_MatchField__Output)[];
  'instructions': (_ofconnmgr_v1_Instruction__Output)[];
  'nxm': (boolean);
}
