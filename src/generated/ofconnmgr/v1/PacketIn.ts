// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { PacketInReason as _ofconnmgr_v1_PacketInReason, PacketInReason__Output as _ofconnmgr_v1_PacketInReason__Output } from '../../ofconnmgr/v1/PacketInReason.js';
import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Long } from '@grpc/proto-loader';

export interface PacketIn {
  'reason'?: (_ofconnmgr_v1_PacketInReason);
  'table_id'?: (number);
  'cookie'?: (number | string | Long);
  'metadata'?: (_ofconnmgr_v1_MatchField)[];
  'frame'?: (Buffer | Uint8Array | string);
  'controller_id'?: (number);
  'max_len'?: (number);
}

export interface PacketIn__Output {
  'reason': (_ofconnmgr_v1_PacketInReason__Output);
  'table_id': (number);
  'cookie': (string);
  'metadata': (_ofconnmgr_v1_MatchField__Output)[];
  'frame': (Buffer);
  'controller_id': (number);
  'max_len': (number);
}
