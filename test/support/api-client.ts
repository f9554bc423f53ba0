/**
 * A grpc-js client of a test's ApiServer: the ConnectionManager calls as
 * promises (a failed call rejects with grpc-js's ServiceError, whose
 * 'code' and 'details' tests check), plus a health client on the
 * standard grpc.health.v1 schema shipped by grpc-health-check.
 */

import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { ApiServer, loadApi, type ApiServerOptions } from '../../src/api/index.js';
import type { ConnectionManagerClient } from '../../src/generated/ofconnmgr/v1/ConnectionManager.js';

/** A unary method of a generated client, as a promise of its response. */
type Unary<Req, Res> = (req: Req) => Promise<Res>;

type UnaryMethod<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => grpc.ClientUnaryCall;

function promised<Req, Res>(client: grpc.Client, method: UnaryMethod<Req, Res>): Unary<Req, Res> {
  return (req) =>
    new Promise((resolve, reject) => {
      method.call(client, req, (err, res) => (err ? reject(err) : resolve(res as Res)));
    });
}

/** A server on a free loopback port with a client of it. */
export interface ApiHarness {
  readonly server: ApiServer;
  readonly address: string;
  readonly client: ConnectionManagerClient;
  call<K extends keyof ConnectionManagerClient & string>(
    method: K,
    req: ConnectionManagerClient[K] extends UnaryMethod<infer Req, unknown> ? Req : never,
  ): Promise<ConnectionManagerClient[K] extends UnaryMethod<never, infer Res> ? Res : never>;
  /** grpc.health.v1 Check for 'service'; resolves to the status name. */
  health(service: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port 0) with 'options' and connects a client. */
export async function startApi(options: ApiServerOptions = {}): Promise<ApiHarness> {
  const server = await ApiServer.start('127.0.0.1:0', options);
  const address = `127.0.0.1:${server.port}`;
  const api = loadApi();
  const client = new api.ofconnmgr.v1.ConnectionManager(address, grpc.credentials.createInsecure());
  const Health = grpc.makeGenericClientConstructor(healthService, 'Health');
  const health = new Health(address, grpc.credentials.createInsecure());
  return {
    server,
    address,
    client,
    call(method, req) {
      const m = (client as unknown as Record<string, UnaryMethod<unknown, unknown>>)[method]!;
      return promised(client, m)(req) as never;
    },
    health(service) {
      const check = (health as unknown as Record<string, UnaryMethod<{ service: string }, { status: string }>>)['check']!;
      return promised(health, check)({ service }).then((r) => r.status);
    },
    async close() {
      client.close();
      health.close();
      await server.close();
    },
  };
}
