// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface BandStats {
  'packet_count'?: (number | string | Long);
  'byte_count'?: (number | string | Long);
}

export interface BandStats__Output {
  'packet_count': (string);
  'byte_count': (string);
}
