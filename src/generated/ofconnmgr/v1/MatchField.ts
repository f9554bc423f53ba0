// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { FieldValue as _ofconnmgr_v1_FieldValue, FieldValue__Output as _ofconnmgr_v1_FieldValue__Output } from '../../ofconnmgr/v1/FieldValue.js';

export interface MatchField {
  'field'?: (string);
  'value'?: (_ofconnmgr_v1_FieldValue | null);
  'mask'?: (_ofconnmgr_v1_FieldValue | null);
  'tlv'?: (Buffer | Uint8Array | string);
}

export interface MatchField__Output {
  'field': (string);
  'value': (_ofconnmgr_v1_FieldValue__Output | null);
  'mask': (_ofconnmgr_v1_FieldValue__Output | null);
  'tlv': (Buffer);
}
