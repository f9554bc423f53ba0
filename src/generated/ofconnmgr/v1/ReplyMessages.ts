// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ReplyMessage as _ofconnmgr_v1_ReplyMessage, ReplyMessage__Output as _ofconnmgr_v1_ReplyMessage__Output } from '../../ofconnmgr/v1/ReplyMessage.js';

export interface ReplyMessages {
  'messages'?: (_ofconnmgr_v1_ReplyMessage)[];
}

export interface ReplyMessages__Output {
  'messages': (_ofconnmgr_v1_ReplyMessage__Output)[];
}
