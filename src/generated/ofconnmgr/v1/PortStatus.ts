// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Port as _ofconnmgr_v1_Port, Port__Output as _ofconnmgr_v1_Port__Output } from '../../ofconnmgr/v1/Port.js';

export interface PortStatus {
  'reason'?: (number);
  'port'?: (_ofconnmgr_v1_Port | null);
  'caused_by_session'?: (number);
  '_caused_by_session'?: "caused_by_session";
}

export interface PortStatus__Output {
  'reason': (number);
  'port': (_ofconnmgr_v1_Port__Output | null);
  'caused_by_session'?: (number);
  '_caused_by_session'?: "caused_by_session";
}
