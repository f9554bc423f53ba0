// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Long } from '@grpc/proto-loader';

export interface TableStats {
  'table_id'?: (number);
  'active_count'?: (number);
  'lookup_count'?: (number | string | Long);
  'matched_count'?: (number | string | Long);
  'name'?: (string);
  'wildcards'?: (number);
  'max_entries'?: (number);
  '_name'?: "name";
  '_wildcards'?: "wildcards";
  '_max_entries'?: "max_entries";
}

export interface TableStats__Output {
  'table_id': (number);
  'active_count': (number);
  'lookup_count': (string);
  'matched_count': (string);
  'name'?: (string);
  'wildcards'?: (number);
  'max_entries'?: (number);
  '_name'?: "name";
  '_wildcards'?: "wildcards";
  '_max_entries'?: "max_entries";
}
