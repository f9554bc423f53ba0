// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface WriteMetadata {
  'metadata'?: (number | string | Long);
  'mask'?: (number | string | Long);
}

export interface WriteMetadata__Output {
  'metadata': (string);
  'mask': (string);
}
