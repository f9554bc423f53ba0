// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { IdList as _ofconnmgr_v1_IdList, IdList__Output as _ofconnmgr_v1_IdList__Output } from '../../ofconnmgr/v1/IdList.js';
import type { OxmIdList as _ofconnmgr_v1_OxmIdList, OxmIdList__Output as _ofconnmgr_v1_OxmIdList__Output } from '../../ofconnmgr/v1/OxmIdList.js';

export interface TableFeatureProperty {
  'type'?: (number);
  'instruction_types'?: (_ofconnmgr_v1_IdList | null);
  'table_ids'?: (_ofconnmgr_v1_IdList | null);
  'action_types'?: (_ofconnmgr_v1_IdList | null);
  'fields'?: (_ofconnmgr_v1_OxmIdList | null);
  'raw'?: (Buffer | Uint8Array | string);
  'body'?: "instruction_types"|"table_ids"|"action_types"|"fields"|"raw";
}

export interface TableFeatureProperty__Output {
  'type': (number);
  'instruction_types'?: (_ofconnmgr_v1_IdList__Output | null);
  'table_ids'?: (_ofconnmgr_v1_IdList__Output | null);
  'action_types'?: (_ofconnmgr_v1_IdList__Output | null);
  'fields'?: (_ofconnmgr_v1_OxmIdList__Output | null);
  'raw'?: (Buffer);
  'body'?: "instruction_types"|"table_ids"|"action_types"|"fields"|"raw";
}
