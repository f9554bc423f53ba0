// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface FragHandling {
  'mode'?: (number);
}

export interface FragHandling__Output {
  'mode': (number);
}
