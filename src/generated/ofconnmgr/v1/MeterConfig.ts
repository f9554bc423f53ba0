// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MeterBand as _ofconnmgr_v1_MeterBand, MeterBand__Output as _ofconnmgr_v1_MeterBand__Output } from '../../ofconnmgr/v1/MeterBand.js';

export interface MeterConfig {
  'flags'?: (number);
  'meter_id'?: (number);
  'bands'?: (_ofconnmgr_v1_MeterBand)[];
}

export interface MeterConfig__Output {
  'flags': (number);
  'meter_id': (number);
  'bands': (_ofconnmgr_v1_MeterBand__Output)[];
}
