// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface MeterStatsRequest {
  'meter_id'?: (number);
}

export interface MeterStatsRequest__Output {
  'meter_id': (number);
}
