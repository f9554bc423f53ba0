// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface Uint128 {
  'high'?: (number | string | Long);
  'low'?: (number | string | Long);
}

export interface Uint128__Output {
  'high': (string);
  'low': (string);
}
