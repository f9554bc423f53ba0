// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface QueueStats {
  'port_no'?: (number);
  'queue_id'?: (number);
  'tx_bytes'?: (number | string | Long);
  'tx_packets'?: (number | string | Long);
  'tx_errors'?: (number | string | Long);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'extra_properties'?: (Buffer | Uint8Array | string);
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}

export interface QueueStats__Output {
  'port_no': (number);
  'queue_id': (number);
  'tx_bytes': (string);
  'tx_packets': (string);
  'tx_errors': (string);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'extra_properties': (Buffer);
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}
