/**
 * The public surface of the service layer: the gRPC server, the bridge
 * registry behind it, and the proto loading a client needs.
 */

export { ApiServer, SHUTDOWN_GRACE_MS } from './server.js';
export { BridgeRegistry, type BridgeEntry, type BridgeRegistryOptions } from './bridges.js';
export { ALL_VERSIONS, bridgeFromProto, type BridgeConfig } from './conversion.js';
export { loadApi, loadPackageDefinition, LOADER_OPTIONS, PROTO_FILE, PROTO_ROOT, SERVICE_NAME } from './proto-package.js';
export { RequestError } from './request-error.js';
