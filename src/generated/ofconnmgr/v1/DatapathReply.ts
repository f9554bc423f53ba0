// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ReplyMessages as _ofconnmgr_v1_ReplyMessages, ReplyMessages__Output as _ofconnmgr_v1_ReplyMessages__Output } from '../../ofconnmgr/v1/ReplyMessages.js';
import type { OpenFlowError as _ofconnmgr_v1_OpenFlowError, OpenFlowError__Output as _ofconnmgr_v1_OpenFlowError__Output } from '../../ofconnmgr/v1/OpenFlowError.js';
import type { InBandInfo as _ofconnmgr_v1_InBandInfo, InBandInfo__Output as _ofconnmgr_v1_InBandInfo__Output } from '../../ofconnmgr/v1/InBandInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface DatapathReply {
  'request_id'?: (number | string | Long);
  'ok'?: (_ofconnmgr_v1_ReplyMessages | null);
  'error'?: (_ofconnmgr_v1_OpenFlowError | null);
  'in_band_info'?: (_ofconnmgr_v1_InBandInfo | null);
  'result'?: "ok"|"error"|"in_band_info";
}

export interface DatapathReply__Output {
  'request_id': (string);
  'ok'?: (_ofconnmgr_v1_ReplyMessages__Output | null);
  'error'?: (_ofconnmgr_v1_OpenFlowError__Output | null);
  'in_band_info'?: (_ofconnmgr_v1_InBandInfo__Output | null);
  'result'?: "ok"|"error"|"in_band_info";
}
