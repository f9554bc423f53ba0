// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ConnectionType as _ofconnmgr_v1_ConnectionType, ConnectionType__Output as _ofconnmgr_v1_ConnectionType__Output } from '../../ofconnmgr/v1/ConnectionType.js';
import type { ConnectionMode as _ofconnmgr_v1_ConnectionMode, ConnectionMode__Output as _ofconnmgr_v1_ConnectionMode__Output } from '../../ofconnmgr/v1/ConnectionMode.js';
import type { OpenFlowVersion as _ofconnmgr_v1_OpenFlowVersion, OpenFlowVersion__Output as _ofconnmgr_v1_OpenFlowVersion__Output } from '../../ofconnmgr/v1/OpenFlowVersion.js';

export interface Controller {
  'target'?: (string);
  'type'?: (_ofconnmgr_v1_ConnectionType);
  'max_backoff_ms'?: (number);
  'inactivity_probe_ms'?: (number);
  'rate_limit'?: (number);
  'burst_limit'?: (number);
  'controller_queue_size'?: (number);
  'connection_mode'?: (_ofconnmgr_v1_ConnectionMode);
  'enable_async_msgs'?: (boolean);
  'allowed_versions'?: (_ofconnmgr_v1_OpenFlowVersion)[];
  'dscp'?: (number);
  '_inactivity_probe_ms'?: "inactivity_probe_ms";
  '_enable_async_msgs'?: "enable_async_msgs";
  '_dscp'?: "dscp";
}

export interface Controller__Output {
  'target': (string);
  'type': (_ofconnmgr_v1_ConnectionType__Output);
  'max_backoff_ms': (number);
  'inactivity_probe_ms'?: (number);
  'rate_limit': (number);
  'burst_limit': (number);
  'controller_queue_size': (number);
  'connection_mode': (_ofconnmgr_v1_ConnectionMode__Output);
  'enable_async_msgs'?: (boolean);
  'allowed_versions': (_ofconnmgr_v1_OpenFlowVersion__Output)[];
  'dscp'?: (number);
  '_inactivity_probe_ms'?: "inactivity_probe_ms";
  '_enable_async_msgs'?: "enable_async_msgs";
  '_dscp'?: "dscp";
}
