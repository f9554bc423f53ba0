// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetSnoopsResponse {
  'listenError'?: (string);
}

export interface SetSnoopsResponse__Output {
  'listenError': (string);
}
