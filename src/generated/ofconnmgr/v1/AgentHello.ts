// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Uint128 as _ofconnmgr_v1_Uint128, Uint128__Output as _ofconnmgr_v1_Uint128__Output } from '../../ofconnmgr/v1/Uint128.js';
import type { DatapathFeatures as _ofconnmgr_v1_DatapathFeatures, DatapathFeatures__Output as _ofconnmgr_v1_DatapathFeatures__Output } from '../../ofconnmgr/v1/DatapathFeatures.js';

export interface AgentHello {
  'bridge'?: (string);
  'datapath_id'?: (string);
  'election_id'?: (_ofconnmgr_v1_Uint128 | null);
  'features'?: (_ofconnmgr_v1_DatapathFeatures | null);
}

export interface AgentHello__Output {
  'bridge': (string);
  'datapath_id': (string);
  'election_id': (_ofconnmgr_v1_Uint128__Output | null);
  'features': (_ofconnmgr_v1_DatapathFeatures__Output | null);
}
