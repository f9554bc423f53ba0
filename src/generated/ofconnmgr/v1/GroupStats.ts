// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { BucketCounter as _ofconnmgr_v1_BucketCounter, BucketCounter__Output as _ofconnmgr_v1_BucketCounter__Output } from '../../ofconnmgr/v1/BucketCounter.js';
import type { Long } from '@grpc/proto-loader';

export interface GroupStats {
  'group_id'?: (number);
  'ref_count'?: (number);
  'packet_count'?: (number | string | Long);
  'byte_count'?: (number | string | Long);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'buckets'?: (_ofconnmgr_v1_BucketCounter)[];
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}

export interface GroupStats__Output {
  'group_id': (number);
  'ref_count': (number);
  'packet_count': (string);
  'byte_count': (string);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'buckets': (_ofconnmgr_v1_BucketCounter__Output)[];
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}
