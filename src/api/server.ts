/**
 * The gRPC server of ofconnmgr: the ConnectionManager service
 * (handlers.ts) over a BridgeRegistry (bridges.ts), the standard health
 * service (grpc.health.v1, SERVING while up) and server reflection (so
 * that `buf curl` and similar tools need no copy of the proto; it lists
 * and describes the health and reflection services too).  The CLI's
 * `serve` command runs one; tests start one on a free loopback port.
 *
 * The API is plaintext unless given credentials (server-tls.ts makes TLS
 * and mutual TLS ones).  A second, plaintext server that carries only the
 * health service can listen on its own address: Kubernetes' native gRPC
 * probes speak plaintext, so with TLS on that is where the kubelet asks.
 * Both servers report the one health status.
 *
 * Its long-lived streams (Attach, WatchControllerInfo, and health Watch on
 * both servers: health-service.ts) are registered in a LiveStreams
 * (live-streams.ts) so that close() can end them: grpc-js's tryShutdown()
 * alone would wait for them for ever, or until its grace period.
 */

import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { BridgeRegistry, type BridgeRegistryOptions } from './bridges.js';
import { connectionManagerHandlers } from './handlers.js';
import { restoreState, savedStateOf, StateFile } from './state-file.js';
import { LiveStreams } from './live-streams.js';
import { addHealthService } from './health-service.js';
import { loadApi, loadPackageDefinition, loadReflectedDefinition, SERVICE_NAME } from './proto-package.js';
import { traceUnaryCalls } from '../telemetry/index.js';

/** How long close() lets calls in progress finish before cutting them, ms. */
export const SHUTDOWN_GRACE_MS = 2000;

/** Options of ApiServer.start. */
export interface ApiServerOptions extends BridgeRegistryOptions {
  /**
   * The directory of the state file (state-file.ts), created if missing.
   * Without it the configuration lives in memory only.
   */
  readonly stateDir?: string;
  /** Credentials of the API's listener (default: plaintext). */
  readonly credentials?: grpc.ServerCredentials;
  /**
   * HOST:PORT of a second, always plaintext listener serving only
   * grpc.health.v1, with the same status as the API's (none by default).
   */
  readonly healthAddress?: string;
}

function bind(server: grpc.Server, address: string, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (err, p) => (err ? reject(err) : resolve(p)));
  });
}

/** Resolves once 'server' has stopped: tryShutdown, cut after SHUTDOWN_GRACE_MS. */
function shutdown(server: grpc.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A running service. */
export class ApiServer {
  readonly bridges: BridgeRegistry;
  /** The TCP port bound (useful when asked for port 0). */
  readonly port: number;
  /** The TCP port of the health-only listener, if options.healthAddress was given. */
  readonly healthPort: number | undefined;
  private readonly server: grpc.Server;
  private readonly healthServer: grpc.Server | undefined;
  private readonly health: HealthImplementation;
  private readonly streams: LiveStreams;
  private readonly save: () => Promise<void>;
  private closing: Promise<void> | null = null;

  private constructor(
    server: grpc.Server,
    healthServer: grpc.Server | undefined,
    health: HealthImplementation,
    bridges: BridgeRegistry,
    streams: LiveStreams,
    save: () => Promise<void>,
    ports: { port: number; healthPort: number | undefined },
  ) {
    this.server = server;
    this.healthServer = healthServer;
    this.health = health;
    this.bridges = bridges;
    this.streams = streams;
    this.save = save;
    this.port = ports.port;
    this.healthPort = ports.healthPort;
  }

  /**
   * Starts a server listening on 'address' (HOST:PORT, port 0 for any
   * free one), with 'options.credentials' (default: no TLS), and with
   * 'options.healthAddress' a plaintext health-only server there too.
   * Resolves once bound; rejects with grpc-js's error if an address
   * cannot be bound (nothing is left listening).  With 'options.stateDir', the
   * saved configuration is restored first (bridges made, controllers
   * connecting, listeners open) and saved again after every change; a
   * state file that cannot be read or used rejects with StateFileError,
   * and nothing is left running.
   */
  static async start(address: string, options: ApiServerOptions = {}): Promise<ApiServer> {
    const definition = loadPackageDefinition();
    const api = loadApi(definition);
    const bridges = new BridgeRegistry(options);
    let changed: () => Promise<void> = () => Promise.resolve();
    if (options.stateDir !== undefined) {
      const file = new StateFile(options.stateDir);
      try {
        await restoreState(bridges, await file.load(), file.path);
      } catch (e) {
        await bridges.close();
        throw e;
      }
      changed = () => file.save(savedStateOf(bridges));
    }
    const streams = new LiveStreams();
    const server = new grpc.Server();
    const service = api.ofconnmgr.v1.ConnectionManager.service;
    // Each unary call gets a span (telemetry/tracing.ts); a no-op without a tracing SDK.
    server.addService(service, traceUnaryCalls(service, connectionManagerHandlers(bridges, changed, streams)));
    const health = new HealthImplementation({ '': 'SERVING', [SERVICE_NAME]: 'SERVING' });
    addHealthService(server, health, streams);
    new ReflectionService(loadReflectedDefinition()).addToServer(server);
    let healthServer: grpc.Server | undefined;
    let port: number;
    let healthPort: number | undefined;
    try {
      port = await bind(server, address, options.credentials ?? grpc.ServerCredentials.createInsecure());
      if (options.healthAddress !== undefined) {
        healthServer = new grpc.Server();
        addHealthService(healthServer, health, streams);
        healthPort = await bind(healthServer, options.healthAddress, grpc.ServerCredentials.createInsecure());
      }
    } catch (e) {
      server.forceShutdown();
      healthServer?.forceShutdown();
      await bridges.close();
      throw e;
    }
    return new ApiServer(server, healthServer, health, bridges, streams, changed, { port, healthPort });
  }

  /** Attach, WatchControllerInfo and health Watch streams open now. */
  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Saves the configuration to the state file now (nothing without a
   * state directory), for changes made through 'bridges' directly rather
   * than the API (serve's --demo bridge).  Rejects with StateFileError if
   * it cannot write.
   */
  saveState(): Promise<void> {
    return this.save();
  }

  /**
   * Stops, gracefully: health turns NOT_SERVING (on both listeners, and
   * health watchers hear it); every Attach, WatchControllerInfo and
   * health Watch stream ends with UNAVAILABLE "shutting down" (and any
   * that arrives later at once, a health watcher after hearing
   * NOT_SERVING); every bridge
   * closes (agents' requests answered, controllers, sessions, listeners
   * closed); then the API server stops taking calls and gives those in
   * progress SHUTDOWN_GRACE_MS before it cuts them; last the health-only
   * server stops, so that it answers NOT_SERVING while the rest winds
   * down.  Idempotent: later calls resolve with the first.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.health.setStatus('', 'NOT_SERVING');
    this.health.setStatus(SERVICE_NAME, 'NOT_SERVING');
    this.streams.endAll(grpc.status.UNAVAILABLE, 'shutting down');
    await this.bridges.close();
    await shutdown(this.server);
    if (this.healthServer) await shutdown(this.healthServer);
  }
}
