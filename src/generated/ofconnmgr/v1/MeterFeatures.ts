// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MeterFeatures {
  'max_meter'?: (number);
  'band_types'?: (number);
  'capabilities'?: (number);
  'max_bands'?: (number);
  'max_color'?: (number);
}

export interface MeterFeatures__Output {
  'max_meter': (number);
  'band_types': (number);
  'capabilities': (number);
  'max_bands': (number);
  'max_color': (number);
}
