import test from 'ava';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createNetServer, connect as netConnect, type Server } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { ConnectError, listen, openActive, TlsCredentials, type Listener, type Stream } from '../../src/transport/index.js';
import { AcceptQueue, settle, StreamRecorder, within } from '../support/stream-harness.js';
import { TestPki, type Authority, type KeyPair } from '../support/test-pki.js';

let pki: TestPki;
let ca: Authority;
let otherCa: Authority;
let server: KeyPair;
let client: KeyPair;
let expired: KeyPair;
let stranger: KeyPair;
let otherServer: KeyPair;

test.before(() => {
  pki = new TestPki();
  ca = pki.authority('ofconnmgr-ca');
  otherCa = pki.authority('other-ca');
  server = pki.issue(ca, 'server');
  client = pki.issue(ca, 'client');
  expired = pki.issue(ca, 'expired', { expired: true });
  stranger = pki.issue(otherCa, 'stranger');
  otherServer = pki.issue(otherCa, 'other-server');
});

test.after.always(() => pki?.remove());

function credentials(pair: KeyPair, caCert: string, extra: Partial<ConstructorParameters<typeof TlsCredentials>[0]> = {}): TlsCredentials {
  return new TlsCredentials({ privateKeyFile: pair.key, certificateFile: pair.cert, caCertFile: caCert, ...extra });
}

async function psslListener(t: { teardown(fn: () => unknown): void }, tls: TlsCredentials, extra: { handshakeTimeoutMs?: number } = {}): Promise<{ listener: Listener; queue: AcceptQueue }> {
  const queue = new AcceptQueue();
  const listener = await listen('pssl:0:127.0.0.1', { onAccept: queue.onAccept, onAcceptError: queue.onAcceptError, tls, ...extra });
  t.teardown(async () => {
    await listener.close();
    for (const s of queue.streams) s.close();
  });
  return { listener, queue };
}

function closeLater(t: { teardown(fn: () => unknown): void }, ...streams: Stream[]): void {
  t.teardown(() => streams.forEach((s) => s.close()));
}

test('§3.6 ssl:/pssl: with mutual verification, TLS 1.2 or newer, both peers named and identified', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert));
  t.is(listener.name, `pssl:${listener.port}:127.0.0.1`);
  t.true(listener.needsProbes);
  const target = `ssl:127.0.0.1:${listener.port}`;
  const dialled = await openActive(target, { tls: credentials(client, ca.cert) });
  const accepted = await queue.next();
  closeLater(t, dialled);
  t.is(dialled.name, target);
  t.is(accepted.name, `ssl:${dialled.status.localName}`, 'accepted TLS streams are named ssl:<peer ip>:<peer port>');
  t.true(dialled.needsProbes);
  t.regex(dialled.status.tls!.protocol, /^TLSv1\.[23]$/);
  t.is(dialled.status.tls!.peerSubject, 'CN=server');
  t.is(accepted.status.tls!.peerSubject, 'CN=client');
  t.is(accepted.status.tls!.peerFingerprint256, new X509Certificate(readFileSync(client.cert)).fingerprint256);

  const atServer = new StreamRecorder(accepted);
  const atClient = new StreamRecorder(dialled);
  dialled.write(Buffer.from('encrypted hello'));
  t.is((await atServer.bytes(15)).toString(), 'encrypted hello');
  accepted.write(Buffer.from('encrypted reply'));
  t.is((await atClient.bytes(15)).toString(), 'encrypted reply');
  dialled.close();
  t.deepEqual(await atServer.ended(), { kind: 'end' }, 'a TLS close is a clean end of file');
});

test('§3.6 a TLS 1.2 peer is accepted; a peer limited to TLS 1.1 is refused', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert));
  const options = { host: '127.0.0.1', port: listener.port!, ca: readFileSync(ca.cert), key: readFileSync(client.key), cert: readFileSync(client.cert), checkServerIdentity: () => undefined };
  const tls12 = tlsConnect({ ...options, maxVersion: 'TLSv1.2' });
  tls12.on('error', () => undefined);
  const accepted = await queue.next();
  t.is(accepted.status.tls!.protocol, 'TLSv1.2');
  tls12.destroy();

  const tls11 = tlsConnect({ ...options, minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
  tls11.on('error', () => undefined);
  const refused = await queue.nextError();
  t.is(refused.code, 'EPROTO');
  t.regex(refused.message, /^ssl:127\.0\.0\.1:\d+: Protocol error \(TLS handshake failed/);
  tls11.destroy();
});

test('§3.6 wrong CA: a client refuses a server whose certificate another CA signed (EPROTO)', async (t) => {
  const { listener } = await psslListener(t, credentials(otherServer, ca.cert));
  const e = await t.throwsAsync(openActive(`ssl:127.0.0.1:${listener.port}`, { tls: credentials(client, ca.cert) }));
  t.true(ConnectError.is(e));
  t.is((e as ConnectError).code, 'EPROTO');
  t.regex(e!.message, /Protocol error \(TLS handshake failed: certificate verification failed/);
});

test('§3.6 wrong CA: a server refuses a client certificate another CA signed, and never hands it over', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert));
  const attempt = openActive(`ssl:127.0.0.1:${listener.port}`, { tls: credentials(stranger, ca.cert) }).then(
    (stream) => new StreamRecorder(stream).ended(),
    (e: unknown) => e,
  );
  const refused = await queue.nextError();
  t.is(refused.code, 'EPROTO');
  t.regex(refused.message, /client certificate rejected: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  // TLS 1.3 finishes the client's handshake before the server judges it, so
  // the client sees either a failed open or a stream that ends at once.
  const outcome = await within(attempt, 5000, 'the client to notice');
  t.truthy(outcome);
  await settle(50);
  t.is(queue.streams.length, 0);
});

test('§3.6 missing client certificate: the server refuses the connection and says why', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert));
  const bare = tlsConnect({ host: '127.0.0.1', port: listener.port!, ca: readFileSync(ca.cert), checkServerIdentity: () => undefined });
  bare.on('error', () => undefined);
  t.teardown(() => bare.destroy());
  const refused = await queue.nextError();
  t.is(refused.code, 'EPROTO');
  t.regex(refused.message, /client presented no certificate/);
  t.is(queue.streams.length, 0);
});

test('§3.6 expired certificate: refused by the client (server cert) and by the server (client cert)', async (t) => {
  const { listener: expiredServer } = await psslListener(t, credentials(expired, ca.cert));
  const e = await t.throwsAsync(openActive(`ssl:127.0.0.1:${expiredServer.port}`, { tls: credentials(client, ca.cert) }));
  t.is((e as ConnectError).code, 'EPROTO');
  t.regex(e!.message, /certificate has expired/);

  const { listener, queue } = await psslListener(t, credentials(server, ca.cert));
  openActive(`ssl:127.0.0.1:${listener.port}`, { tls: credentials(expired, ca.cert) }).then(
    (s) => s.close(),
    () => undefined,
  );
  const refused = await queue.nextError();
  t.is(refused.code, 'EPROTO');
  t.regex(refused.message, /client certificate rejected: CERT_HAS_EXPIRED/);
});

test('§3.6 missing key or certificate: the open fails with ENOPROTOOPT and a clear message, no exception', async (t) => {
  const { listener } = await psslListener(t, credentials(server, ca.cert));
  const target = `ssl:127.0.0.1:${listener.port}`;
  const missingKey = join(pki.dir, 'no-such.key');
  const cases: Array<[TlsCredentials | undefined, RegExp]> = [
    [credentials({ key: missingKey, cert: client.cert }, ca.cert), new RegExp(`private key file ${missingKey} does not exist`)],
    [credentials({ key: client.key, cert: join(pki.dir, 'no-such.pem') }, ca.cert), /certificate file .*no-such\.pem does not exist/],
    [credentials(client, join(pki.dir, 'no-such-ca.pem')), /CA certificate file .*no-such-ca\.pem does not exist/],
    [new TlsCredentials({ certificateFile: client.cert, caCertFile: ca.cert }), /Private key must be configured to use SSL/],
    [credentials({ key: server.key, cert: client.cert }, ca.cert), /unusable TLS files .*key values mismatch/],
    [undefined, /no TLS configuration/],
  ];
  for (const [tls, message] of cases) {
    const e = await t.throwsAsync(openActive(target, tls ? { tls } : {}));
    t.true(ConnectError.is(e));
    t.is((e as ConnectError).code, 'ENOPROTOOPT');
    t.regex(e!.message, new RegExp(`^${target}: Protocol not available`));
    t.regex(e!.message, message);
  }
});

test('§3.6 pssl: without its key listens anyway and refuses each client with ENOPROTOOPT', async (t) => {
  const { listener, queue } = await psslListener(t, credentials({ key: join(pki.dir, 'absent.key'), cert: server.cert }, ca.cert));
  const attempt = openActive(`ssl:127.0.0.1:${listener.port}`, { tls: credentials(client, ca.cert) });
  const refused = await queue.nextError();
  t.is(refused.code, 'ENOPROTOOPT');
  t.regex(refused.message, /private key file .*absent\.key does not exist/);
  const e = await t.throwsAsync(attempt);
  t.is((e as ConnectError).code, 'EPROTO');
});

test('§3.6 rotated key and certificate files are used by the next connection, without restart', async (t) => {
  const serverA = pki.issue(ca, 'server-a');
  const serverB = pki.issue(ca, 'server-b');
  const clientA = pki.issue(ca, 'client-a');
  const clientB = pki.issue(ca, 'client-b');
  const live = { server: { key: join(pki.dir, 'live-server.key'), cert: join(pki.dir, 'live-server.pem') }, client: { key: join(pki.dir, 'live-client.key'), cert: join(pki.dir, 'live-client.pem') } };
  const install = (from: KeyPair, to: KeyPair): void => {
    copyFileSync(from.key, to.key);
    copyFileSync(from.cert, to.cert);
  };
  install(serverA, live.server);
  install(clientA, live.client);
  const serverTls = credentials(live.server, ca.cert);
  const clientTls = credentials(live.client, ca.cert);
  const { listener, queue } = await psslListener(t, serverTls);
  const target = `ssl:127.0.0.1:${listener.port}`;

  const first = await openActive(target, { tls: clientTls });
  const firstAccepted = await queue.next();
  closeLater(t, first);
  t.is(first.status.tls!.peerSubject, 'CN=server-a');
  t.is(firstAccepted.status.tls!.peerSubject, 'CN=client-a');

  install(serverB, live.server);
  install(clientB, live.client);
  const second = await openActive(target, { tls: clientTls });
  const secondAccepted = await queue.next();
  closeLater(t, second);
  t.is(second.status.tls!.peerSubject, 'CN=server-b', 'the listener presents the rotated certificate');
  t.is(secondAccepted.status.tls!.peerSubject, 'CN=client-b', 'the client presents the rotated certificate');

  const atFirst = new StreamRecorder(firstAccepted);
  first.write(Buffer.from('old session lives on'));
  t.is((await atFirst.bytes(20)).toString(), 'old session lives on');
});

test('§3.6 bootstrap CA: the first connection writes the CA file (0444) and fails with EPROTO, the next is verified', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert, { peerCaCertFile: ca.cert }));
  const target = `ssl:127.0.0.1:${listener.port}`;
  const learned = join(pki.dir, 'bootstrapped-ca.pem');
  const clientTls = credentials(client, learned, { bootstrapCaCert: true });

  const e = await t.throwsAsync(openActive(target, { tls: clientTls }));
  t.is((e as ConnectError).code, 'EPROTO');
  t.regex(e!.message, new RegExp(`successfully bootstrapped CA cert to ${learned}`));
  t.true(existsSync(learned));
  t.is(statSync(learned).mode & 0o777, 0o444);
  t.is(new X509Certificate(readFileSync(learned)).fingerprint256, new X509Certificate(readFileSync(ca.cert)).fingerprint256);

  const verified = await openActive(target, { tls: clientTls });
  closeLater(t, verified);
  t.is(verified.status.tls!.peerSubject, 'CN=server');
  await queue.next();
});

test('§3.6 bootstrap CA: a server that does not send its CA certificate teaches nothing', async (t) => {
  // OpenSSL completes a server's chain from its trusted CAs; a server whose
  // issuer is not among them sends its own certificate alone.
  const { listener } = await psslListener(t, credentials(otherServer, ca.cert));
  const learned = join(pki.dir, 'never-written-ca.pem');
  const e = await t.throwsAsync(openActive(`ssl:127.0.0.1:${listener.port}`, { tls: credentials(client, learned, { bootstrapCaCert: true }) }));
  t.is((e as ConnectError).code, 'EPROTO');
  t.regex(e!.message, /not self-signed; only one certificate was received/);
  t.false(existsSync(learned));
});

test('§3.6 bootstrap CA: of two simultaneous first connections one writes the file, both fail, the next is verified', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert, { peerCaCertFile: ca.cert }));
  const target = `ssl:127.0.0.1:${listener.port}`;
  const learned = join(pki.dir, 'raced-ca.pem');
  const clientTls = credentials(client, learned, { bootstrapCaCert: true });
  const outcomes = await Promise.allSettled([openActive(target, { tls: clientTls }), openActive(target, { tls: clientTls })]);
  const messages = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as ConnectError) : null));
  t.true(messages.every((e) => e !== null && e.code === 'EPROTO'), 'no connection made during bootstrap survives');
  t.is(messages.filter((e) => /successfully bootstrapped/.test(e!.message)).length, 1);
  t.is(messages.filter((e) => /created by another connection or process/.test(e!.message)).length, 1);
  t.is(statSync(learned).mode & 0o777, 0o444);
  const verified = await openActive(target, { tls: clientTls });
  closeLater(t, verified);
  t.is(verified.status.tls!.peerSubject, 'CN=server');
  await queue.next();
});

test('§3.6 SNI: the target host name is sent as server name, an IP address is not', async (t) => {
  const names: Array<string | false> = [];
  const raw = createTlsServer({ key: readFileSync(server.key), cert: readFileSync(server.cert) }, (socket: TLSSocket) => {
    names.push((socket as TLSSocket & { servername: string | false }).servername);
    socket.destroy();
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  t.teardown(() => raw.close());
  const port = (raw.address() as { port: number }).port;
  for (const target of [`ssl:localhost:${port}`, `ssl:127.0.0.1:${port}`]) {
    const s = await openActive(target, { tls: credentials(client, ca.cert) });
    s.close();
  }
  await settle(50);
  t.deepEqual(names, ['localhost', false]);
});

test('§1.1.6 a server that never answers the handshake: the open is abandoned through its signal (ETIMEDOUT)', async (t) => {
  const held: Array<import('node:net').Socket> = [];
  const silent: Server = createNetServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    held.forEach((s) => s.destroy());
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  const started = Date.now();
  const e = await t.throwsAsync(openActive(`ssl:127.0.0.1:${port}`, { tls: credentials(client, ca.cert), signal: AbortSignal.timeout(200) }));
  t.is((e as ConnectError).code, 'ETIMEDOUT');
  t.true(Date.now() - started < 3000);
});

test('§1.2.8 pssl: a client that never finishes its handshake is dropped after the handshake timeout (ETIMEDOUT)', async (t) => {
  const { listener, queue } = await psslListener(t, credentials(server, ca.cert), { handshakeTimeoutMs: 200 });
  const mute = netConnect({ host: '127.0.0.1', port: listener.port! });
  mute.on('error', () => undefined);
  t.teardown(() => mute.destroy());
  await new Promise<void>((resolve) => mute.once('connect', () => resolve()));
  const refused = await queue.nextError(3000);
  t.is(refused.code, 'ETIMEDOUT');
  t.is(refused.streamName, `ssl:127.0.0.1:${mute.localPort}`);
  t.regex(refused.message, /TLS handshake not finished within 200 ms/);
});
