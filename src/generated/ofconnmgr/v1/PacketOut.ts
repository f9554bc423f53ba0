// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { Action as _ofconnmgr_v1_Action, Action__Output as _ofconnmgr_v1_Action__Output } from '../../ofconnmgr/v1/Action.js';

export interface PacketOut {
  'buffer_id'?: (number);
  'in_port'?: (number);
  'metadata'?: (_ofconnmgr_v1_MatchField)[];
  'actions'?: (_ofconnmgr_v1_Action)[];
  'data'?: (Buffer | Uint8Array | string);
}

export interface PacketOut__Output {
  'buffer_id': (number);
  'in_port': (number);
  'metadata': (_ofconnmgr_v1_MatchField__Output)[];
  'actions': (_ofconnmgr_v1_Action__Output)[];
  'data': (Buffer);
}
