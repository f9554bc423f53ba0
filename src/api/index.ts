/**
 * The public surface of the service layer: the gRPC server, the bridge
 * registry behind it, each bridge's agent channel and its events, and the
 * proto loading a client needs.
 */

export { ApiServer, SHUTDOWN_GRACE_MS, type ApiServerOptions } from './server.js';
export { apiServerCredentials, ApiTlsError, type ApiTlsFiles } from './server-tls.js';
export {
  DEFAULT_STATE_DIR,
  restoreState,
  savedStateOf,
  StateFile,
  StateFileError,
  STATE_FILE_NAME,
  type SavedBridge,
  type SavedState,
} from './state-file.js';
export { BridgeRegistry, type BridgeEntry, type BridgeRegistryOptions } from './bridges.js';
export { AgentChannel, detachedFeatures, type AgentChannelOptions } from './agent/agent-channel.js';
export { describeAgentChannelEvent, type AgentChannelEvent, type AgentChannelListener } from './agent/events.js';
export { type RelayOutcome, type RequestWatcher, type WatchedRequest } from './agent/request-watch.js';
export { controllerInfoResponse } from './controller-info-watch.js';
export { ALL_VERSIONS, bridgeFromProto, controllersFromProto, type BridgeConfig } from './conversion.js';
export { loadApi, loadPackageDefinition, LOADER_OPTIONS, PROTO_FILE, PROTO_ROOT, SERVICE_NAME } from './proto-package.js';
export { RequestError } from './request-error.js';
