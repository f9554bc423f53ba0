// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface QueueStatsRequest {
  'port_no'?: (number);
  'queue_id'?: (number);
}

export interface QueueStatsRequest__Output {
  'port_no': (number);
  'queue_id': (number);
}
