// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { DatapathMessage as _ofconnmgr_v1_DatapathMessage, DatapathMessage__Output as _ofconnmgr_v1_DatapathMessage__Output } from '../../ofconnmgr/v1/DatapathMessage.js';
import type { RawOpenFlow as _ofconnmgr_v1_RawOpenFlow, RawOpenFlow__Output as _ofconnmgr_v1_RawOpenFlow__Output } from '../../ofconnmgr/v1/RawOpenFlow.js';

export interface ReplyMessage {
  'message'?: (_ofconnmgr_v1_DatapathMessage | null);
  'raw'?: (_ofconnmgr_v1_RawOpenFlow | null);
  'body'?: "message"|"raw";
}

export interface ReplyMessage__Output {
  'message'?: (_ofconnmgr_v1_DatapathMessage__Output | null);
  'raw'?: (_ofconnmgr_v1_RawOpenFlow__Output | null);
  'body'?: "message"|"raw";
}
