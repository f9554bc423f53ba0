/**
 * Loading the API's proto at run time: where proto/ofconnmgr/v1/connmgr.proto
 * is (two folders up from this file, in src/api/ and dist/api/ alike), the
 * loader options (the same the Makefile's `gen` passes to
 * proto-loader-gen-types, so src/generated/ describes what we load), and
 * the typed grpc-js package definition the server and clients use.  Also
 * what server reflection describes: the API, the health service
 * (proto/grpc/health/v1/health.proto) and reflection itself.
 */

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType } from '../generated/connmgr.js';

/** Directory the proto's package path is relative to. */
export const PROTO_ROOT = fileURLToPath(new URL('../../proto/', import.meta.url));
/** The API's one proto file, relative to PROTO_ROOT. */
export const PROTO_FILE = 'ofconnmgr/v1/connmgr.proto';
/** The health service as reflection describes it (Check and Watch), relative to PROTO_ROOT. */
export const HEALTH_PROTO_FILE = 'grpc/health/v1/health.proto';
/** Fully qualified name of the service. */
export const SERVICE_NAME = 'ofconnmgr.v1.ConnectionManager';

/** Loader options; keep in step with GEN_TYPES in the Makefile. */
export const LOADER_OPTIONS: protoLoader.Options = {
  // Field names as the proto spells them: the descriptors server
  // reflection serves then carry the real names, so JSON clients such as
  // buf curl accept both "max_backoff_ms" and "maxBackoffMs".
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

/** Loads the proto (synchronously, from disk); throws if it cannot be read or parsed. */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS);
}

/** The loaded package as grpc-js objects, typed by the generated interfaces. */
export function loadApi(definition: protoLoader.PackageDefinition = loadPackageDefinition()): ProtoGrpcType {
  return grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
}

/** The directory of @grpc/reflection's own protos (grpc/reflection/v1 and v1alpha). */
function reflectionProtoRoot(): string {
  const main = createRequire(import.meta.url).resolve('@grpc/reflection');
  return join(dirname(main), '..', 'proto');
}

/**
 * What server reflection serves: the API, the health service and both
 * versions of the reflection service, so that a client listing the
 * services sees every one the server answers, as with other gRPC servers.
 * Throws if a proto cannot be read or parsed.
 */
export function loadReflectedDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(
    [PROTO_FILE, HEALTH_PROTO_FILE, 'grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'],
    { ...LOADER_OPTIONS, includeDirs: [PROTO_ROOT, reflectionProtoRoot()] },
  );
}
