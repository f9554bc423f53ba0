// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MeterBandRate {
  'rate'?: (number);
  'burst_size'?: (number);
}

export interface MeterBandRate__Output {
  'rate': (number);
  'burst_size': (number);
}
