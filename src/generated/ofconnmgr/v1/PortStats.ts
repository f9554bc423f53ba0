// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface PortStats {
  'port_no'?: (number);
  'rx_packets'?: (number | string | Long);
  'tx_packets'?: (number | string | Long);
  'rx_bytes'?: (number | string | Long);
  'tx_bytes'?: (number | string | Long);
  'rx_dropped'?: (number | string | Long);
  'tx_dropped'?: (number | string | Long);
  'rx_errors'?: (number | string | Long);
  'tx_errors'?: (number | string | Long);
  'rx_frame_err'?: (number | string | Long);
  'rx_over_err'?: (number | string | Long);
  'rx_crc_err'?: (number | string | Long);
  'collisions'?: (number | string | Long);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'extra_properties'?: (Buffer | Uint8Array | string);
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}

export interface PortStats__Output {
  'port_no': (number);
  'rx_packets': (string);
  'tx_packets': (string);
  'rx_bytes': (string);
  'tx_bytes': (string);
  'rx_dropped': (string);
  'tx_dropped': (string);
  'rx_errors': (string);
  'tx_errors': (string);
  'rx_frame_err': (string);
  'rx_over_err': (string);
  'rx_crc_err': (string);
  'collisions': (string);
  'duration_sec'?: (number);
  'duration_nsec'?: (number);
  'extra_properties': (Buffer);
  '_duration_sec'?: "duration_sec";
  '_duration_nsec'?: "duration_nsec";
}
