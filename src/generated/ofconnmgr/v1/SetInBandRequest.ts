// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetInBandRequest {
  'bridge'?: (string);
  'disable_in_band'?: (boolean);
  'queue_id'?: (number);
  'remotes'?: (string)[];
  '_queue_id'?: "queue_id";
}

export interface SetInBandRequest__Output {
  'bridge': (string);
  'disable_in_band': (boolean);
  'queue_id'?: (number);
  'remotes': (string)[];
  '_queue_id'?: "queue_id";
}
