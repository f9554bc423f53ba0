// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Controller as _ofconnmgr_v1_Controller, Controller__Output as _ofconnmgr_v1_Controller__Output } from '../../ofconnmgr/v1/Controller.js';

export interface SetControllersRequest {
  'bridge'?: (string);
  'controllers'?: (_ofconnmgr_v1_Controller)[];
}

export interface SetControllersRequest__Output {
  'bridge': (string);
  'controllers': (_ofconnmgr_v1_Controller__Output)[];
}
