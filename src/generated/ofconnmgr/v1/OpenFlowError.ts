// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface OpenFlowError {
  'name'?: (string);
  'type'?: (number);
  'code'?: (number);
}

export interface OpenFlowError__Output {
  'name': (string);
  'type': (number);
  'code': (number);
}
