// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MeterBandDscpRemark {
  'rate'?: (number);
  'burst_size'?: (number);
  'prec_level'?: (number);
}

export interface MeterBandDscpRemark__Output {
  'rate': (number);
  'burst_size': (number);
  'prec_level': (number);
}
