// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MeterBandExperimenter {
  'rate'?: (number);
  'burst_size'?: (number);
  'experimenter'?: (number);
  'data'?: (Buffer | Uint8Array | string);
}

export interface MeterBandExperimenter__Output {
  'rate': (number);
  'burst_size': (number);
  'experimenter': (number);
  'data': (Buffer);
}
