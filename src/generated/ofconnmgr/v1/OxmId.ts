// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface OxmId {
  'header'?: (number);
  'experimenter'?: (number);
  '_experimenter'?: "experimenter";
}

export interface OxmId__Output {
  'header': (number);
  'experimenter'?: (number);
  '_experimenter'?: "experimenter";
}
