// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetSnoopsResponse {
  'listen_error'?: (string);
}

export interface SetSnoopsResponse__Output {
  'listen_error': (string);
}
