// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface Port {
  'port_no'?: (number);
  'hw_addr'?: (string);
  'name'?: (string);
  'config'?: (number);
  'state'?: (number);
  'curr'?: (number);
  'advertised'?: (number);
  'supported'?: (number);
  'peer'?: (number);
  'curr_speed'?: (number);
  'max_speed'?: (number);
  'extra_properties'?: (Buffer | Uint8Array | string);
}

export interface Port__Output {
  'port_no': (number);
  'hw_addr': (string);
  'name': (string);
  'config': (number);
  'state': (number);
  'curr': (number);
  'advertised': (number);
  'supported': (number);
  'peer': (number);
  'curr_speed': (number);
  'max_speed': (number);
  'extra_properties': (Buffer);
}
