// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface GroupFeatures {
  'types'?: (number);
  'capabilities'?: (number);
  'max_groups'?: (number)[];
  'actions'?: (number)[];
}

export interface GroupFeatures__Output {
  'types': (number);
  'capabilities': (number);
  'max_groups': (number)[];
  'actions': (number)[];
}
