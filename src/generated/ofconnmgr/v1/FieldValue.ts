// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface FieldValue {
  'number'?: (number | string | Long);
  'address'?: (string);
  'kind'?: "number"|"address";
}

export interface FieldValue__Output {
  'number'?: (string);
  'address'?: (string);
  'kind'?: "number"|"address";
}
