// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Arbitration as _ofconnmgr_v1_Arbitration, Arbitration__Output as _ofconnmgr_v1_Arbitration__Output } from '../../ofconnmgr/v1/Arbitration.js';
import type { DatapathRequest as _ofconnmgr_v1_DatapathRequest, DatapathRequest__Output as _ofconnmgr_v1_DatapathRequest__Output } from '../../ofconnmgr/v1/DatapathRequest.js';
import type { StreamError as _ofconnmgr_v1_StreamError, StreamError__Output as _ofconnmgr_v1_StreamError__Output } from '../../ofconnmgr/v1/StreamError.js';

export interface ServerMessage {
  'arbitration'?: (_ofconnmgr_v1_Arbitration | null);
  'request'?: (_ofconnmgr_v1_DatapathRequest | null);
  'error'?: (_ofconnmgr_v1_StreamError | null);
  'body'?: "arbitration"|"request"|"error";
}

export interface ServerMessage__Output {
  'arbitration'?: (_ofconnmgr_v1_Arbitration__Output | null);
  'request'?: (_ofconnmgr_v1_DatapathRequest__Output | null);
  'error'?: (_ofconnmgr_v1_StreamError__Output | null);
  'body'?: "arbitration"|"request"|"error";
}
