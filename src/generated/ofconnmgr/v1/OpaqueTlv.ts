// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface OpaqueTlv {
  'tlv'?: (Buffer | Uint8Array | string);
  'version'?: (number);
}

export interface OpaqueTlv__Output {
  'tlv': (Buffer);
  'version': (number);
}
