// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface PortStatsRequest {
  'port_no'?: (number);
}

export interface PortStatsRequest__Output {
  'port_no': (number);
}
