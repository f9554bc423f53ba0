// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface RawOpenFlow {
  'version'?: (number);
  'message'?: (Buffer | Uint8Array | string);
}

export interface RawOpenFlow__Output {
  'version': (number);
  'message': (Buffer);
}
