/**
 * The gRPC server of ofconnmgr: the ConnectionManager service
 * (handlers.ts) over a BridgeRegistry (bridges.ts), the standard health
 * service (grpc.health.v1, SERVING while up) and server reflection (so
 * that `buf curl` and similar tools need no copy of the proto).  The CLI's
 * `serve` command runs one; tests start one on a free loopback port.
 * Its long-lived streams are registered in a LiveStreams (live-streams.ts)
 * so that close() can end them: grpc-js's tryShutdown() alone would wait
 * for them for ever.
 */

import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { BridgeRegistry, type BridgeRegistryOptions } from './bridges.js';
import { connectionManagerHandlers } from './handlers.js';
import { restoreState, savedStateOf, StateFile } from './state-file.js';
import { LiveStreams } from './live-streams.js';
import { loadApi, loadPackageDefinition, SERVICE_NAME } from './proto-package.js';

/** How long close() lets calls in progress finish before cutting them, ms. */
export const SHUTDOWN_GRACE_MS = 2000;

/** Options of ApiServer.start. */
export interface ApiServerOptions extends BridgeRegistryOptions {
  /**
   * The directory of the state file (state-file.ts), created if missing.
   * Without it the configuration lives in memory only.
   */
  readonly stateDir?: string;
}

/** A running service. */
export class ApiServer {
  readonly bridges: BridgeRegistry;
  /** The TCP port bound (useful when asked for port 0). */
  readonly port: number;
  private readonly server: grpc.Server;
  private readonly health: HealthImplementation;
  private readonly streams: LiveStreams;
  private readonly save: () => Promise<void>;
  private closing: Promise<void> | null = null;

  private constructor(server: grpc.Server, health: HealthImplementation, bridges: BridgeRegistry, streams: LiveStreams, save: () => Promise<void>, port: number) {
    this.server = server;
    this.health = health;
    this.bridges = bridges;
    this.streams = streams;
    this.save = save;
    this.port = port;
  }

  /**
   * Starts a server listening on 'address' (HOST:PORT, port 0 for any
   * free one), without TLS.  Resolves once bound; rejects with grpc-js's
   * error if the address cannot be bound.  With 'options.stateDir', the
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
    server.addService(api.ofconnmgr.v1.ConnectionManager.service, connectionManagerHandlers(bridges, changed, streams));
    const health = new HealthImplementation({ '': 'SERVING', [SERVICE_NAME]: 'SERVING' });
    health.addToServer(server);
    new ReflectionService(definition).addToServer(server);
    let port: number;
    try {
      port = await new Promise<number>((resolve, reject) => {
        server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
      });
    } catch (e) {
      await bridges.close();
      throw e;
    }
    return new ApiServer(server, health, bridges, streams, changed, port);
  }

  /** Attach and WatchControllerInfo streams open now. */
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
   * Stops, gracefully: health turns NOT_SERVING; every Attach and
   * WatchControllerInfo stream ends with UNAVAILABLE "shutting down" (and
   * any that arrives later at once); every bridge closes (agents'
   * requests answered, controllers, sessions, listeners closed); then the
   * server stops taking calls and gives those in progress
   * SHUTDOWN_GRACE_MS before it cuts them.  Idempotent: later calls
   * resolve with the first.
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
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
