// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { ConnectionType as _ofconnmgr_v1_ConnectionType, ConnectionType__Output as _ofconnmgr_v1_ConnectionType__Output } from '../../ofconnmgr/v1/ConnectionType.js';
import type { ConnectionMode as _ofconnmgr_v1_ConnectionMode, ConnectionMode__Output as _ofconnmgr_v1_ConnectionMode__Output } from '../../ofconnmgr/v1/ConnectionMode.js';
import type { OpenFlowVersion as _ofconnmgr_v1_OpenFlowVersion, OpenFlowVersion__Output as _ofconnmgr_v1_OpenFlowVersion__Output } from '../../ofconnmgr/v1/OpenFlowVersion.js';

export interface Controller {
  'target'?: (string);
  'type'?: (_ofconnmgr_v1_ConnectionType);
  'maxBackoffMs'?: (number);
  'inactivityProbeMs'?: (number);
  'rateLimit'?: (number);
  'burstLimit'?: (number);
  'controllerQueueSize'?: (number);
  'connectionMode'?: (_ofconnmgr_v1_ConnectionMode);
  'enableAsyncMsgs'?: (boolean);
  'allowedVersions'?: (_ofconnmgr_v1_OpenFlowVersion)[];
  'dscp'?: (number);
  '_inactivityProbeMs'?: "inactivityProbeMs";
  '_enableAsyncMsgs'?: "enableAsyncMsgs";
  '_dscp'?: "dscp";
}

export interface Controller__Output {
  'target': (string);
  'type': (_ofconnmgr_v1_ConnectionType__Output);
  'maxBackoffMs': (number);
  'inactivityProbeMs'?: (number);
  'rateLimit': (number);
  'burstLimit': (number);
  'controllerQueueSize': (number);
  'connectionMode': (_ofconnmgr_v1_ConnectionMode__Output);
  'enableAsyncMsgs'?: (boolean);
  'allowedVersions': (_ofconnmgr_v1_OpenFlowVersion__Output)[];
  'dscp'?: (number);
  '_inactivityProbeMs'?: "inactivityProbeMs";
  '_enableAsyncMsgs'?: "enableAsyncMsgs";
  '_dscp'?: "dscp";
}
