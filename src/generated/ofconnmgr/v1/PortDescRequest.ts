// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface PortDescRequest {
  'port_no'?: (number);
  '_port_no'?: "port_no";
}

export interface PortDescRequest__Output {
  'port_no'?: (number);
  '_port_no'?: "port_no";
}
