// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface StreamError {
  'code'?: (number);
  'message'?: (string);
  'message_id'?: (number | string | Long);
}

export interface StreamError__Output {
  'code': (number);
  'message': (string);
  'message_id': (string);
}
