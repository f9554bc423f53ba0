/**
 * The standard health service (grpc.health.v1: Check, Watch, List) on the
 * API's servers: grpc-health-check's HealthImplementation, whose Watch
 * streams are registered with the server's LiveStreams (live-streams.ts)
 * like the service's own long-lived streams.  grpc-health-check never
 * ends a Watch stream itself, and grpc-js's tryShutdown() waits for every
 * open call: without this, one health watcher (a client doing grpc-js's
 * client-side health checking, a monitoring tool) would hold each
 * server's shutdown for its whole grace period.  At shutdown a watcher
 * hears NOT_SERVING (server.ts sets it first), then its stream ends with
 * the shutdown's status.
 */

import type * as grpc from '@grpc/grpc-js';
import { service as healthService, type HealthImplementation } from 'grpc-health-check';
import type { LiveStreams } from './live-streams.js';

/** The Watch request and answer, as grpc-health-check's loader gives them. */
type WatchCall = grpc.ServerWritableStream<{ service: string }, { status: string }>;

/**
 * Adds 'health's grpc.health.v1 service to 'server', with every Watch
 * stream registered in 'streams' so that streams.endAll() ends it (after
 * what it was sent) and a Watch that arrives after that is ended at once,
 * once it was told the current status.  Throws as grpc-js's addService()
 * does (the service added twice).
 */
export function addHealthService(server: grpc.Server, health: HealthImplementation, streams: LiveStreams): void {
  // grpc-health-check makes its handlers only inside addToServer(): take them from a stand-in server.
  let handlers: grpc.UntypedServiceImplementation | null = null;
  const standIn = {
    addService: (_service: unknown, implementation: grpc.UntypedServiceImplementation): void => {
      handlers = implementation;
    },
  };
  health.addToServer(standIn);
  const implementation: grpc.UntypedServiceImplementation = handlers!;
  const watch = implementation['watch'] as grpc.handleServerStreamingCall<{ service: string }, { status: string }>;
  const registeredWatch = (call: WatchCall): void => {
    watch(call);
    let ended = false;
    const end = (code: grpc.status, details: string): void => {
      if (ended) return;
      ended = true;
      call.emit('error', { code, details });
    };
    const remove = streams.add(end);
    const gone = (): void => {
      ended = true;
      remove();
    };
    call.on('cancelled', gone);
    call.on('close', gone);
  };
  server.addService(healthService, { ...implementation, watch: registeredWatch });
}
