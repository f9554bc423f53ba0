// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface PortMod {
  'port_no'?: (number);
  'hw_addr'?: (string);
  'config'?: (number);
  'mask'?: (number);
  'advertise'?: (number);
  'extra_properties'?: (Buffer | Uint8Array | string);
}

export interface PortMod__Output {
  'port_no': (number);
  'hw_addr': (string);
  'config': (number);
  'mask': (number);
  'advertise': (number);
  'extra_properties': (Buffer);
}
