// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { BandStats as _ofconnmgr_v1_BandStats, BandStats__Output as _ofconnmgr_v1_BandStats__Output } from '../../ofconnmgr/v1/BandStats.js';
import type { Long } from '@grpc/proto-loader';

export interface MeterStats {
  'meter_id'?: (number);
  'flow_count'?: (number);
  'packet_in_count'?: (number | string | Long);
  'byte_in_count'?: (number | string | Long);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'bands'?: (_ofconnmgr_v1_BandStats)[];
}

export interface MeterStats__Output {
  'meter_id': (number);
  'flow_count': (number);
  'packet_in_count': (string);
  'byte_in_count': (string);
  'duration_sec': (number);
  'duration_nsec': (number);
  'bands': (_ofconnmgr_v1_BandStats__Output)[];
}
