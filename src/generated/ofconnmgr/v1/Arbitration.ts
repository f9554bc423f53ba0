// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Uint128 as _ofconnmgr_v1_Uint128, Uint128__Output as _ofconnmgr_v1_Uint128__Output } from '../../ofconnmgr/v1/Uint128.js';

export interface Arbitration {
  'primary_election_id'?: (_ofconnmgr_v1_Uint128 | null);
  'code'?: (number);
  'message'?: (string);
}

export interface Arbitration__Output {
  'primary_election_id': (_ofconnmgr_v1_Uint128__Output | null);
  'code': (number);
  'message': (string);
}
