// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface InBandRemote {
  'ip'?: (string);
  'port'?: (number);
}

export interface InBandRemote__Output {
  'ip': (string);
  'port': (number);
}
