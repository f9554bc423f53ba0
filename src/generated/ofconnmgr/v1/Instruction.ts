// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { WriteMetadata as _ofconnmgr_v1_WriteMetadata, WriteMetadata__Output as _ofconnmgr_v1_WriteMetadata__Output } from '../../ofconnmgr/v1/WriteMetadata.js';
import type { ActionList as _ofconnmgr_v1_ActionList, ActionList__Output as _ofconnmgr_v1_ActionList__Output } from '../../ofconnmgr/v1/ActionList.js';
import type { NoArguments as _ofconnmgr_v1_NoArguments, NoArguments__Output as _ofconnmgr_v1_NoArguments__Output } from '../../ofconnmgr/v1/NoArguments.js';
import type { OpaqueTlv as _ofconnmgr_v1_OpaqueTlv, OpaqueTlv__Output as _ofconnmgr_v1_OpaqueTlv__Output } from '../../ofconnmgr/v1/OpaqueTlv.js';

export interface Instruction {
  'goto_table'?: (number);
  'write_metadata'?: (_ofconnmgr_v1_WriteMetadata | null);
  'write_actions'?: (_ofconnmgr_v1_ActionList | null);
  'apply_actions'?: (_ofconnmgr_v1_ActionList | null);
  'clear_actions'?: (_ofconnmgr_v1_NoArguments | null);
  'meter'?: (number);
  'opaque'?: (_ofconnmgr_v1_OpaqueTlv | null);
  'kind'?: "goto_table"|"write_metadata"|"write_actions"|"apply_actions"|"clear_actions"|"meter"|"opaque";
}

export interface Instruction__Output {
  'goto_table'?: (number);
  'write_metadata'?: (_ofconnmgr_v1_WriteMetadata__Output | null);
  'write_actions'?: (_ofconnmgr_v1_ActionList__Output | null);
  'apply_actions'?: (_ofconnmgr_v1_ActionList__Output | null);
  'clear_actions'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'meter'?: (number);
  'opaque'?: (_ofconnmgr_v1_OpaqueTlv__Output | null);
  'kind'?: "goto_table"|"write_metadata"|"write_actions"|"apply_actions"|"clear_actions"|"meter"|"opaque";
}
