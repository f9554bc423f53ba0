// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface GroupStatsRequest {
  'group_id'?: (number);
}

export interface GroupStatsRequest__Output {
  'group_id': (number);
}
