// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetControllersResponse {
  'listen_error'?: (string);
}

export interface SetControllersResponse__Output {
  'listen_error': (string);
}
