// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { TableFeatures as _ofconnmgr_v1_TableFeatures, TableFeatures__Output as _ofconnmgr_v1_TableFeatures__Output } from '../../ofconnmgr/v1/TableFeatures.js';

export interface TableFeaturesList {
  'entries'?: (_ofconnmgr_v1_TableFeatures)[];
}

export interface TableFeaturesList__Output {
  'entries': (_ofconnmgr_v1_TableFeatures__Output)[];
}
