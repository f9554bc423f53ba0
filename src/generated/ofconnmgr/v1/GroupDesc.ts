// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Bucket as _ofconnmgr_v1_Bucket, Bucket__Output as _ofconnmgr_v1_Bucket__Output } from '../../ofconnmgr/v1/Bucket.js';

export interface GroupDesc {
  'group_type'?: (number);
  'group_id'?: (number);
  'buckets'?: (_ofconnmgr_v1_Bucket)[];
}

export interface GroupDesc__Output {
  'group_type': (number);
  'group_id': (number);
  'buckets': (_ofconnmgr_v1_Bucket__Output)[];
}
