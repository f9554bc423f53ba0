// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MissBehaviour {
  'send_to_controller'?: (boolean);
}

export interface MissBehaviour__Output {
  'send_to_controller': (boolean);
}
