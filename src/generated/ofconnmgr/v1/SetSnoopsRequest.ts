// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetSnoopsRequest {
  'bridge'?: (string);
  'targets'?: (string)[];
}

export interface SetSnoopsRequest__Output {
  'bridge': (string);
  'targets': (string)[];
}
