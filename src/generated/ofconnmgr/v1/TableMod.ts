// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface TableMod {
  'table_id'?: (number);
  'config'?: (number);
  'properties'?: (Buffer | Uint8Array | string);
}

export interface TableMod__Output {
  'table_id': (number);
  'config': (number);
  'properties': (Buffer);
}
