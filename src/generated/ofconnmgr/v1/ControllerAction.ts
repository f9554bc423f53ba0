// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface ControllerAction {
  'max_len'?: (number);
  'controller_id'?: (number);
  'reason'?: (number);
}

export interface ControllerAction__Output {
  'max_len': (number);
  'controller_id': (number);
  'reason': (number);
}
