// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface Output {
  'port'?: (number);
  'max_len'?: (number);
}

export interface Output__Output {
  'port': (number);
  'max_len': (number);
}
