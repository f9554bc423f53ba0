// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MeterConfig as _ofconnmgr_v1_MeterConfig, MeterConfig__Output as _ofconnmgr_v1_MeterConfig__Output } from '../../ofconnmgr/v1/MeterConfig.js';

export interface MeterConfigList {
  'entries'?: (_ofconnmgr_v1_MeterConfig)[];
}

export interface MeterConfigList__Output {
  'entries': (_ofconnmgr_v1_MeterConfig__Output)[];
}
