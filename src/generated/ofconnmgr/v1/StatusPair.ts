// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface StatusPair {
  'key'?: (string);
  'value'?: (string);
}

export interface StatusPair__Output {
  'key': (string);
  'value': (string);
}
