/**
 * The one error the API's handlers throw on purpose: a gRPC status code
 * and a message for the caller.  server.ts turns it into the call's
 * status; anything else becomes INTERNAL.  Validation (conversion.ts)
 * throws it with INVALID_ARGUMENT and a message that starts with the
 * field path ("controllers[2].target: ...").
 */

import { status } from '@grpc/grpc-js';

export class RequestError extends Error {
  readonly code: status;

  constructor(code: status, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }

  /** INVALID_ARGUMENT for 'field' (a path such as "controllers[2].target"). */
  static invalid(field: string, detail: string): RequestError {
    return new RequestError(status.INVALID_ARGUMENT, `${field}: ${detail}`);
  }

  /** NOT_FOUND for a bridge name. */
  static noBridge(name: string): RequestError {
    return new RequestError(status.NOT_FOUND, `bridge: no bridge named "${name}"`);
  }
}
