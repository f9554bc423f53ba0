/**
 * The public surface of the transport layer: target syntax, the Stream and
 * Listener contracts, the provider table with its two entry points
 * (openActive, listen), TLS credentials and the errno-like errors.  vconn
 * and the layers above import from here only.
 */

export { listen, needsProbes, openActive, PROVIDERS } from './registry.js';
export {
  DEFAULT_DSCP,
  effectiveDscp,
  type ActiveProvider,
  type ListenOptions,
  type Listener,
  type OpenOptions,
  type PassiveProvider,
  type ProviderTable,
  type Stream,
  type StreamEvent,
  type StreamEventMap,
  type StreamStatus,
} from './stream.js';
export { ConnectError, errnoText, StreamError, type TransportErrno } from './stream-error.js';
export * from './target.js';
export { TLS_MIN_VERSION, TlsCredentials, type TlsFiles } from './tls-credentials.js';
