/**
 * The errors of the transport layer.  Open vSwitch reports every stream
 * failure as an errno value (ECONNREFUSED, ETIMEDOUT, EPROTO, ...) and the
 * rconn above keeps it as last_error (§1.2.1, §1.2.8); here the same codes
 * are strings carried by two error classes: ConnectError for a failure to
 * open or listen, StreamError for a failure of an established stream.
 * errnoText() gives the C library's wording ("Connection refused") that
 * status reports show.  Node's own errors are translated in one place,
 * errnoOf().
 */

/**
 * An errno-like code.  'EOF' is Open vSwitch's "End of file" (a clean close
 * by the peer); 'ENOTFOUND' and 'EAI_AGAIN' are name-resolution failures.
 * Any other system error code Node reports passes through unchanged.
 */
export type TransportErrno =
  | 'EOF'
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ECONNABORTED'
  | 'ETIMEDOUT'
  | 'EHOSTUNREACH'
  | 'ENETUNREACH'
  | 'EPROTO'
  | 'ENOPROTOOPT'
  | 'EAFNOSUPPORT'
  | 'EADDRINUSE'
  | 'EADDRNOTAVAIL'
  | 'EACCES'
  | 'ENOENT'
  | 'EEXIST'
  | 'ENAMETOOLONG'
  | 'ENOTSOCK'
  | 'EPIPE'
  | 'EINVAL'
  | 'EIO'
  | 'EMFILE'
  | 'ECANCELED'
  | 'ENOTFOUND'
  | 'EAI_AGAIN'
  | (string & { readonly __otherErrno?: never });

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EOF: 'End of file',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ECONNABORTED: 'Software caused connection abort',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EPROTO: 'Protocol error',
  ENOPROTOOPT: 'Protocol not available',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  ENAMETOOLONG: 'File name too long',
  ENOTSOCK: 'Socket operation on non-socket',
  EPIPE: 'Broken pipe',
  EINVAL: 'Invalid argument',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  ENOTCONN: 'Transport endpoint is not connected',
  ECANCELED: 'Operation canceled',
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
};

/**
 * The C library's text for 'code' ("Connection refused" for
 * ECONNREFUSED, "End of file" for EOF, as Open vSwitch prints them); an
 * unknown code is returned as is.
 */
export function errnoText(code: TransportErrno): string {
  return ERRNO_TEXT[code] ?? code;
}

/**
 * A failure of an established stream (a read or write error, a TLS alert
 * after the handshake).  'code' is the errno-like reason, 'streamName' the
 * name of the stream; 'cause' keeps Node's original error when there was
 * one.  The message reads `<stream>: <text> (<detail>)`.
 */
export class StreamError extends Error {
  readonly code: TransportErrno;
  readonly streamName: string;

  constructor(code: TransportErrno, streamName: string, detail?: string, options?: { cause?: unknown }) {
    super(`${streamName}: ${errnoText(code)}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'StreamError';
    this.code = code;
    this.streamName = streamName;
  }

  /** Recognises stream errors (and connect errors) across realms. */
  static is(e: unknown): e is StreamError {
    return e instanceof Error && (e.name === 'StreamError' || e.name === 'ConnectError') && typeof (e as StreamError).code === 'string';
  }
}

/**
 * A failure to open an active stream or to open a listener, or a refused
 * incoming connection: bad target (EAFNOSUPPORT), refused (ECONNREFUSED),
 * missing TLS keys (ENOPROTOOPT), failed TLS handshake (EPROTO), ...
 * 'streamName' is the target text.
 */
export class ConnectError extends StreamError {
  constructor(code: TransportErrno, target: string, detail?: string, options?: { cause?: unknown }) {
    super(code, target, detail, options);
    this.name = 'ConnectError';
  }

  /** Recognises connect errors across realms. */
  static override is(e: unknown): e is ConnectError {
    return e instanceof Error && e.name === 'ConnectError' && typeof (e as ConnectError).code === 'string';
  }
}

/** Node TLS error codes that mean "the peer's certificate failed verification". */
const CERT_VERIFY_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Translates an error thrown or emitted by Node's net/tls/fs/dns modules
 * into an errno-like code and a short detail.  TLS failures (handshake,
 * certificate verification, alerts) become EPROTO as in Open vSwitch,
 * with the OpenSSL reason kept in 'detail'; a TLS handshake timeout is
 * ETIMEDOUT; name-resolution failures keep Node's ENOTFOUND/EAI_AGAIN;
 * system errors keep their code.  Never throws.
 */
export function errnoOf(e: unknown): { code: TransportErrno; detail: string } {
  if (StreamError.is(e)) return { code: e.code, detail: e.message };
  const err = e instanceof Error ? (e as Error & { code?: unknown; reason?: unknown; syscall?: unknown }) : undefined;
  const nodeCode = typeof err?.code === 'string' ? err.code : undefined;
  const message = err ? err.message : String(e);
  if (nodeCode === 'ERR_TLS_HANDSHAKE_TIMEOUT') return { code: 'ETIMEDOUT', detail: 'TLS handshake timed out' };
  if (nodeCode && CERT_VERIFY_CODES.has(nodeCode)) return { code: 'EPROTO', detail: `certificate verification failed: ${message}` };
  if (nodeCode?.startsWith('ERR_SSL_') || nodeCode?.startsWith('ERR_TLS_') || /SSL routines|ssl3_|tls_|alert/i.test(message)) {
    return { code: 'EPROTO', detail: `TLS: ${typeof err?.reason === 'string' ? err.reason : message}` };
  }
  if (nodeCode === 'ENOTFOUND' || nodeCode === 'EAI_NONAME' || nodeCode === 'EAI_NODATA') {
    return { code: 'ENOTFOUND', detail: message };
  }
  if (nodeCode && /^E[A-Z0-9_]+$/.test(nodeCode)) return { code: nodeCode, detail: message };
  return { code: 'EIO', detail: message };
}
