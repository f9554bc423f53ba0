// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface DescStats {
  'mfr_desc'?: (string);
  'hw_desc'?: (string);
  'sw_desc'?: (string);
  'serial_num'?: (string);
  'dp_desc'?: (string);
}

export interface DescStats__Output {
  'mfr_desc': (string);
  'hw_desc': (string);
  'sw_desc': (string);
  'serial_num': (string);
  'dp_desc': (string);
}
