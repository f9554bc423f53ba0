// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface Enqueue {
  'port'?: (number);
  'queue_id'?: (number);
}

export interface Enqueue__Output {
  'port': (number);
  'queue_id': (number);
}
