// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Port as _ofconnmgr_v1_Port, Port__Output as _ofconnmgr_v1_Port__Output } from '../../ofconnmgr/v1/Port.js';

export interface PortList {
  'entries'?: (_ofconnmgr_v1_Port)[];
}

export interface PortList__Output {
  'entries': (_ofconnmgr_v1_Port__Output)[];
}
