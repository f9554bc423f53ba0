/**
 * The public surface of the connection manager: one ConnMgr per bridge,
 * its settings, status and events, and the DatapathPort the switch side
 * implements.  The API layer and the agent import from here only.
 */

export { CONGESTED_SEND_QUEUE, ConnMgr, INTERNAL_SESSION_ID, type ConnMgrHooks, type ConnMgrOptions, type ConnMgrStats } from './connmgr.js';
export { roleColumn, statusPairs, type ControllerStatus } from './controller-status.js';
export type {
  DatapathEvent,
  DatapathFeatures,
  DatapathFlowRemoved,
  DatapathPacketIn,
  DatapathPort,
  DatapathPortStatus,
  DatapathReply,
  DatapathRequest,
  HiddenFlow,
  PacketInReason,
  RequestOrigin,
} from './datapath-port.js';
export {
  IN_BAND_KNOWN_INTERVAL_MS,
  IN_BAND_UNKNOWN_INTERVAL_MS,
  type InBandSettings,
} from './in-band-runner.js';
export { describeConnMgrEvent, type ConnMgrEvent, type ConnMgrEventType, type ConnMgrListener, type FailMode } from './events.js';
export {
  DEFAULT_DATAPATH_TIMEOUT_MS,
  MAX_MESSAGES_PER_TURN,
  OFCONN_REPLY_MAX,
  OFP_DEFAULT_MISS_SEND_LEN,
  datapathTimeoutError,
  type OfConn,
  type OfConnStats,
} from './ofconn.js';
export { type OfService, type BridgeTransportOptions } from './ofservice.js';
export type { SessionRole } from './roles.js';
export {
  DEFAULT_PACKET_IN_QUEUE_SIZE,
  resolveSettings,
  type ConnectionBand,
  type ConnectionType,
  type ControllerSettings,
  type ServiceSettings,
} from './settings.js';
