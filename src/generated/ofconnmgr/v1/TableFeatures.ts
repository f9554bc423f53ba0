// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { TableFeatureProperty as _ofconnmgr_v1_TableFeatureProperty, TableFeatureProperty__Output as _ofconnmgr_v1_TableFeatureProperty__Output } from '../../ofconnmgr/v1/TableFeatureProperty.js';
import type { Long } from '@grpc/proto-loader';

export interface TableFeatures {
  'table_id'?: (number);
  'command'?: (number);
  'name'?: (string);
  'metadata_match'?: (number | string | Long);
  'metadata_write'?: (number | string | Long);
  'capabilities'?: (number);
  'max_entries'?: (number);
  'properties'?: (_ofconnmgr_v1_TableFeatureProperty)[];
}

export interface TableFeatures__Output {
  'table_id': (number);
  'command': (number);
  'name': (string);
  'metadata_match': (string);
  'metadata_write': (string);
  'capabilities': (number);
  'max_entries': (number);
  'properties': (_ofconnmgr_v1_TableFeatureProperty__Output)[];
}
