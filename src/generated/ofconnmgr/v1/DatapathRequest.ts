// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { RequestOrigin as _ofconnmgr_v1_RequestOrigin, RequestOrigin__Output as _ofconnmgr_v1_RequestOrigin__Output } from '../../ofconnmgr/v1/RequestOrigin.js';
import type { DatapathMessage as _ofconnmgr_v1_DatapathMessage, DatapathMessage__Output as _ofconnmgr_v1_DatapathMessage__Output } from '../../ofconnmgr/v1/DatapathMessage.js';
import type { RawOpenFlow as _ofconnmgr_v1_RawOpenFlow, RawOpenFlow__Output as _ofconnmgr_v1_RawOpenFlow__Output } from '../../ofconnmgr/v1/RawOpenFlow.js';
import type { Flush as _ofconnmgr_v1_Flush, Flush__Output as _ofconnmgr_v1_Flush__Output } from '../../ofconnmgr/v1/Flush.js';
import type { HiddenFlow as _ofconnmgr_v1_HiddenFlow, HiddenFlow__Output as _ofconnmgr_v1_HiddenFlow__Output } from '../../ofconnmgr/v1/HiddenFlow.js';
import type { HiddenFlowKey as _ofconnmgr_v1_HiddenFlowKey, HiddenFlowKey__Output as _ofconnmgr_v1_HiddenFlowKey__Output } from '../../ofconnmgr/v1/HiddenFlowKey.js';
import type { HiddenFlowSet as _ofconnmgr_v1_HiddenFlowSet, HiddenFlowSet__Output as _ofconnmgr_v1_HiddenFlowSet__Output } from '../../ofconnmgr/v1/HiddenFlowSet.js';
import type { MissBehaviour as _ofconnmgr_v1_MissBehaviour, MissBehaviour__Output as _ofconnmgr_v1_MissBehaviour__Output } from '../../ofconnmgr/v1/MissBehaviour.js';
import type { InBandQuery as _ofconnmgr_v1_InBandQuery, InBandQuery__Output as _ofconnmgr_v1_InBandQuery__Output } from '../../ofconnmgr/v1/InBandQuery.js';
import type { FragHandling as _ofconnmgr_v1_FragHandling, FragHandling__Output as _ofconnmgr_v1_FragHandling__Output } from '../../ofconnmgr/v1/FragHandling.js';
import type { Long } from '@grpc/proto-loader';

export interface DatapathRequest {
  'request_id'?: (number | string | Long);
  'origin'?: (_ofconnmgr_v1_RequestOrigin | null);
  'message'?: (_ofconnmgr_v1_DatapathMessage | null);
  'raw'?: (_ofconnmgr_v1_RawOpenFlow | null);
  'flush'?: (_ofconnmgr_v1_Flush | null);
  'add_hidden_flow'?: (_ofconnmgr_v1_HiddenFlow | null);
  'delete_hidden_flow'?: (_ofconnmgr_v1_HiddenFlowKey | null);
  'hidden_flow_set'?: (_ofconnmgr_v1_HiddenFlowSet | null);
  'miss_behaviour'?: (_ofconnmgr_v1_MissBehaviour | null);
  'in_band_query'?: (_ofconnmgr_v1_InBandQuery | null);
  'frag_handling'?: (_ofconnmgr_v1_FragHandling | null);
  'traceparent'?: (string);
  'tracestate'?: (string);
  'body'?: "message"|"raw"|"flush"|"add_hidden_flow"|"delete_hidden_flow"|"hidden_flow_set"|"miss_behaviour"|"in_band_query"|"frag_handling";
}

export interface DatapathRequest__Output {
  'request_id': (string);
  'origin': (_ofconnmgr_v1_RequestOrigin__Output | null);
  'message'?: (_ofconnmgr_v1_DatapathMessage__Output | null);
  'raw'?: (_ofconnmgr_v1_RawOpenFlow__Output | null);
  'flush'?: (_ofconnmgr_v1_Flush__Output | null);
  'add_hidden_flow'?: (_ofconnmgr_v1_HiddenFlow__Output | null);
  'delete_hidden_flow'?: (_ofconnmgr_v1_HiddenFlowKey__Output | null);
  'hidden_flow_set'?: (_ofconnmgr_v1_HiddenFlowSet__Output | null);
  'miss_behaviour'?: (_ofconnmgr_v1_MissBehaviour__Output | null);
  'in_band_query'?: (_ofconnmgr_v1_InBandQuery__Output | null);
  'frag_handling'?: (_ofconnmgr_v1_FragHandling__Output | null);
  'traceparent': (string);
  'tracestate': (string);
  'body'?: "message"|"raw"|"flush"|"add_hidden_flow"|"delete_hidden_flow"|"hidden_flow_set"|"miss_behaviour"|"in_band_query"|"frag_handling";
}
