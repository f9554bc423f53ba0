// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface DeleteBridgeRequest {
  'bridge'?: (string);
}

export interface DeleteBridgeRequest__Output {
  'bridge': (string);
}
