// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface InBandInfo {
  'local_mac'?: (string);
  'next_hop_macs'?: (string)[];
}

export interface InBandInfo__Output {
  'local_mac': (string);
  'next_hop_macs': (string)[];
}
