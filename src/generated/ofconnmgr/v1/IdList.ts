// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface IdList {
  'ids'?: (number)[];
}

export interface IdList__Output {
  'ids': (number)[];
}
