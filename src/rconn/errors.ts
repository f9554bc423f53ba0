/**
 * Why a connection ended, as stable string codes: the errno names Open
 * vSwitch records as an rconn's last_error, plus 'EOF' for a clean close by
 * the peer (reference §1.2.1, §1.2.8).  The stream and vconn layers report
 * these codes, the rconn state machine stores them, and status and
 * telemetry print them in OVS's own words with errorText().
 */

/** Each code with the text OVS prints for it (glibc's strerror; "End of file" for EOF). */
const ERROR_TEXT = {
  EOF: 'End of file',
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EPROTO: 'Protocol error',
  ECONNRESET: 'Connection reset by peer',
  ECONNABORTED: 'Software caused connection abort',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ENETDOWN: 'Network is down',
  EHOSTDOWN: 'Host is down',
  EPIPE: 'Broken pipe',
  ENOTCONN: 'Transport endpoint is not connected',
  EAGAIN: 'Resource temporarily unavailable',
  EIO: 'Input/output error',
  EINVAL: 'Invalid argument',
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOPROTOOPT: 'Protocol not available',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EADDRINUSE: 'Address already in use',
  EMSGSIZE: 'Message too long',
  ENAMETOOLONG: 'File name too long',
  EOPNOTSUPP: 'Operation not supported',
} as const satisfies Record<string, string>;

/** A reason a connection failed or ended. */
export type ConnectionError = keyof typeof ERROR_TEXT;

/** Returns true if 'code' (e.g. a Node.js error's 'code') is one of ours. */
export function isConnectionError(code: unknown): code is ConnectionError {
  return typeof code === 'string' && Object.hasOwn(ERROR_TEXT, code);
}

/**
 * OVS's words for 'error': "Connection refused", "End of file", ... and ''
 * for null, which means "no error": a disconnection we asked for, or an
 * rconn that has not failed yet (ovs_retval_to_string(0)).
 */
export function errorText(error: ConnectionError | null): string {
  return error === null ? '' : ERROR_TEXT[error];
}

/**
 * Maps the 'code' of an error thrown or emitted by Node.js to a
 * ConnectionError: an errno name we know passes through; anything else
 * (TLS verification codes, 'ERR_*' codes, no code at all) becomes
 * 'fallback', EPROTO unless the caller knows better.
 */
export function connectionErrorFromCode(code: unknown, fallback: ConnectionError = 'EPROTO'): ConnectionError {
  return isConnectionError(code) ? code : fallback;
}
