// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface AggregateStats {
  'packet_count'?: (number | string | Long);
  'byte_count'?: (number | string | Long);
  'flow_count'?: (number);
}

export interface AggregateStats__Output {
  'packet_count': (string);
  'byte_count': (string);
  'flow_count': (number);
}
