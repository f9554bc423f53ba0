// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface GetControllerInfoRequest {
  'bridge'?: (string);
}

export interface GetControllerInfoRequest__Output {
  'bridge': (string);
}
