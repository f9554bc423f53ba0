/**
 * TLS and mutual TLS of the gRPC API (src/api/server-tls.ts, server.ts):
 * real grpc-js clients over TLS, refusals of clients without the right
 * certificate, the plaintext health-only listener for Kubernetes probes,
 * and the one clear error a bad TLS file gives.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { ApiServer, apiServerCredentials, ApiTlsError, bridgeFromProto, loadApi } from '../../src/api/index.js';
import { serve } from '../../src/cli/serve.js';
import { freeLoopbackPort } from '../support/loopback.js';
import { TestPki, type Authority, type KeyPair } from '../support/test-pki.js';

let pki: TestPki;
let ca: Authority;
let otherCa: Authority;
let server: KeyPair;
let client: KeyPair;
let stranger: KeyPair;

test.before(() => {
  pki = new TestPki();
  ca = pki.authority('api-ca');
  otherCa = pki.authority('other-ca');
  server = pki.issue(ca, 'ofconnmgr', { altNames: ['IP:127.0.0.1', 'DNS:localhost'] });
  client = pki.issue(ca, 'switch-agent');
  stranger = pki.issue(otherCa, 'stranger');
});
test.after.always(() => pki.remove());

type Callback<Res> = (e: grpc.ServiceError | null, r?: Res) => void;
interface HealthClient extends grpc.Client {
  check(req: { service: string }, options: grpc.CallOptions, cb: Callback<{ status: string }>): void;
  watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }>;
}
const Health = grpc.makeGenericClientConstructor(healthService, 'Health');

/** Client credentials trusting 'ca', presenting 'pair' if given. */
function tlsClient(trust: Authority, pair?: KeyPair): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(
    readFileSync(trust.cert),
    pair ? readFileSync(pair.key) : null,
    pair ? readFileSync(pair.cert) : null,
  );
}

/** The server certificate names 127.0.0.1 and localhost; SNI takes a name, not an address. */
const CHANNEL_OPTIONS: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost' };

function deadline(): grpc.CallOptions {
  return { deadline: Date.now() + 5000 };
}

function healthCheck(address: string, creds: grpc.ChannelCredentials): Promise<string> {
  const h = new Health(address, creds, CHANNEL_OPTIONS) as unknown as HealthClient;
  return new Promise<string>((resolve, reject) => h.check({ service: '' }, deadline(), (e, r) => (e ? reject(e) : resolve(r!.status)))).finally(
    () => h.close(),
  );
}

function listBridges(address: string, creds: grpc.ChannelCredentials): Promise<string[]> {
  const c = new (loadApi().ofconnmgr.v1.ConnectionManager)(address, creds, CHANNEL_OPTIONS);
  return new Promise<string[]>((resolve, reject) =>
    c.ListBridges({}, deadline(), (e, r) => (e ? reject(e) : resolve((r?.bridges ?? []).map((b) => b.name)))),
  ).finally(() => c.close());
}

/**
 * A grpc.health.v1 Watch of the overall status: 'serving' resolves at the
 * first SERVING, 'done' with every status seen once NOT_SERVING comes (the
 * watch is then cancelled, so the server's shutdown need not wait for it).
 */
function watchHealth(address: string, creds: grpc.ChannelCredentials): { serving: Promise<void>; done: Promise<string[]> } {
  const h = new Health(address, creds, CHANNEL_OPTIONS) as unknown as HealthClient;
  const seen: string[] = [];
  const watch = h.watch({ service: '' });
  watch.on('error', () => undefined);
  let serving!: () => void;
  const servingP = new Promise<void>((r) => (serving = r));
  const done = new Promise<string[]>((resolve) =>
    watch.on('data', (m: { status: string }) => {
      seen.push(m.status);
      if (m.status === 'SERVING') serving();
      if (m.status === 'NOT_SERVING') {
        watch.cancel();
        h.close();
        resolve(seen);
      }
    }),
  );
  return { serving: servingP, done };
}

async function refused(t: import('ava').ExecutionContext, p: Promise<unknown>, what: string): Promise<void> {
  const e = await t.throwsAsync(p, undefined, what);
  t.is((e as grpc.ServiceError | undefined)?.code, grpc.status.UNAVAILABLE, `${what}: ${e?.message}`);
}

test('TLS: a grpc-js client trusting the CA calls the API and health over TLS; a plaintext client is refused', async (t) => {
  const api = await ApiServer.start('127.0.0.1:0', { credentials: apiServerCredentials({ certFile: server.cert, keyFile: server.key }) });
  t.teardown(() => api.close());
  await api.bridges.create(bridgeFromProto({ name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' }));
  const address = `127.0.0.1:${api.port}`;
  t.deepEqual(await listBridges(address, tlsClient(ca)), ['br0']);
  t.is(await healthCheck(address, tlsClient(ca)), 'SERVING');
  await refused(t, healthCheck(address, grpc.credentials.createInsecure()), 'plaintext client');
  await refused(t, healthCheck(address, tlsClient(otherCa)), 'client trusting another CA');
});

test('mTLS: refuses a client without a certificate and one whose certificate another CA signed; accepts a good one', async (t) => {
  const credentials = apiServerCredentials({ certFile: server.cert, keyFile: server.key, clientCaFile: ca.cert });
  const api = await ApiServer.start('127.0.0.1:0', { credentials });
  t.teardown(() => api.close());
  const address = `127.0.0.1:${api.port}`;
  await refused(t, listBridges(address, tlsClient(ca)), 'no client certificate');
  await refused(t, listBridges(address, tlsClient(ca, stranger)), 'certificate of another CA');
  t.deepEqual(await listBridges(address, tlsClient(ca, client)), []);
  t.is(await healthCheck(address, tlsClient(ca, client)), 'SERVING');
});

test('health listener: plaintext SERVING while the mTLS port refuses plaintext; both go NOT_SERVING when stopping', async (t) => {
  const credentials = apiServerCredentials({ certFile: server.cert, keyFile: server.key, clientCaFile: ca.cert });
  const api = await ApiServer.start('127.0.0.1:0', { credentials, healthAddress: '127.0.0.1:0' });
  let closed = false;
  t.teardown(() => (closed ? undefined : api.close()));
  t.not(api.healthPort, undefined);
  t.not(api.healthPort, api.port);
  const healthAddress = `127.0.0.1:${api.healthPort}`;
  t.is(await healthCheck(healthAddress, grpc.credentials.createInsecure()), 'SERVING');
  await refused(t, healthCheck(`127.0.0.1:${api.port}`, grpc.credentials.createInsecure()), 'plaintext on the mTLS port');
  // The health-only listener carries nothing else.
  const e = await t.throwsAsync(listBridges(healthAddress, grpc.credentials.createInsecure()));
  t.is((e as grpc.ServiceError).code, grpc.status.UNIMPLEMENTED);

  // Watch both listeners; once both have said SERVING, stop the service.
  const watchers = [
    watchHealth(healthAddress, grpc.credentials.createInsecure()),
    watchHealth(`127.0.0.1:${api.port}`, tlsClient(ca, client)),
  ];
  await Promise.all(watchers.map((w) => w.serving));
  const closing = api.close().then(() => (closed = true));
  t.deepEqual(await Promise.all(watchers.map((w) => w.done)), [
    ['SERVING', 'NOT_SERVING'],
    ['SERVING', 'NOT_SERVING'],
  ]);
  await closing;
});

test('apiServerCredentials: a missing, non-PEM, mismatched or non-CA file is an ApiTlsError naming the file', (t) => {
  const garbage = join(pki.dir, 'garbage.pem');
  writeFileSync(garbage, 'not a certificate\n');
  const cases: Array<[Parameters<typeof apiServerCredentials>[0], RegExp]> = [
    [{ certFile: join(pki.dir, 'missing.pem'), keyFile: server.key }, /^cannot read certificate file .*missing\.pem: ENOENT$/],
    [{ certFile: garbage, keyFile: server.key }, /^certificate file .*garbage\.pem: not a PEM certificate$/],
    [{ certFile: server.cert, keyFile: garbage }, /^private key file .*garbage\.pem: not a PEM private key/],
    [{ certFile: server.cert, keyFile: client.key }, /^private key file .*switch-agent\.key does not belong to certificate file .*ofconnmgr\.pem$/],
    [{ certFile: server.cert, keyFile: server.key, clientCaFile: client.cert }, /^client CA certificate file .*switch-agent\.pem: not a CA certificate/],
    [{ certFile: server.cert, keyFile: server.key, clientCaFile: garbage }, /^client CA certificate file .*garbage\.pem: not a PEM certificate$/],
  ];
  for (const [files, message] of cases) {
    const e = t.throws(() => apiServerCredentials(files), { instanceOf: ApiTlsError });
    t.regex(e!.message, message);
  }
});

test('serve with a bad TLS file: one line on stderr naming the file, status 1, nothing started', async (t) => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await serve(['--listen', '127.0.0.1:0', '--tls-cert', server.cert, '--tls-key', client.key], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stopped: Promise.resolve(),
    env: {},
  });
  t.is(status, 1);
  t.deepEqual(out, []);
  t.is(err.length, 1);
  t.regex(err[0]!, /^ofconnmgr serve: private key file .*switch-agent\.key does not belong to certificate file .*ofconnmgr\.pem; not starting$/);
});

test('serve from OFCONNMGR_* variables: mutual TLS with a plaintext health listener', async (t) => {
  const out: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const done = serve([], {
    out: (l) => out.push(l),
    err: (l) => t.log(l),
    stopped,
    env: {
      OFCONNMGR_LISTEN: '127.0.0.1:0',
      OFCONNMGR_STATE_DIR: join(pki.dir, 'state'),
      OFCONNMGR_TLS_CERT: server.cert,
      OFCONNMGR_TLS_KEY: server.key,
      OFCONNMGR_TLS_CLIENT_CA: ca.cert,
      OFCONNMGR_HEALTH_LISTEN: '127.0.0.1:0',
    },
  });
  const end = Date.now() + 5000;
  while (out.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  const api = /on (127\.0\.0\.1:\d+) \(mutual TLS;/.exec(out[0] ?? '');
  const health = /^ofconnmgr: health \(grpc\.health\.v1 only, plaintext\) on (127\.0\.0\.1:\d+)$/.exec(out[1] ?? '');
  if (!api || !health) throw new Error(`unexpected output ${JSON.stringify(out)}`);
  t.is(await healthCheck(health[1]!, grpc.credentials.createInsecure()), 'SERVING');
  t.is(await healthCheck(api[1]!, tlsClient(ca, client)), 'SERVING');
  await refused(t, healthCheck(api[1]!, tlsClient(ca)), 'no client certificate');
  stop();
  t.is(await done, 0);
});

test('a health listener that cannot bind fails the start, and the API port is let go', async (t) => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  t.teardown(() => busy.close());
  const busyPort = (busy.address() as { port: number }).port;
  const apiPort = await freeLoopbackPort();
  await t.throwsAsync(ApiServer.start(`127.0.0.1:${apiPort}`, { healthAddress: `127.0.0.1:${busyPort}` }));
  // The API's port is free again: a new server can take it.
  const again = await ApiServer.start(`127.0.0.1:${apiPort}`);
  t.is(again.port, apiPort);
  await again.close();
});
