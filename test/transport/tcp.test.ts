import test from 'ava';
import { createServer, Socket, type Server } from 'node:net';
import { ConnectError, errnoText, listen, openActive, type Listener } from '../../src/transport/index.js';
import { errnoOf } from '../../src/transport/stream-error.js';
import { AcceptQueue, settle, StreamRecorder, within } from '../support/stream-harness.js';

/** Whether this Node can set the DSCP bits (socket.setTypeOfService, newer than Node 20). */
const nodeSetsDscp = typeof (Socket.prototype as unknown as Record<string, unknown>)['setTypeOfService'] === 'function';

/** A loopback port nobody listens on: bound by the kernel, then released. */
async function closedPort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function withListener(target: string, body: (listener: Listener, queue: AcceptQueue) => Promise<void>): Promise<void> {
  const queue = new AcceptQueue();
  const listener = await listen(target, { onAccept: queue.onAccept, onAcceptError: queue.onAcceptError });
  try {
    await body(listener, queue);
  } finally {
    await listener.close();
    for (const s of queue.streams) s.close();
  }
}

test('§3.3 ptcp:0:127.0.0.1 listens on a port the kernel chose and is named ptcp:PORT:127.0.0.1', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    t.true(listener.port! > 0);
    t.is(listener.name, `ptcp:${listener.port}:127.0.0.1`);
    t.true(listener.needsProbes);

    const target = `tcp:127.0.0.1:${listener.port}`;
    const client = await openActive(target);
    const server = await queue.next();
    t.is(client.name, target, 'a dialled stream is named by its target');
    t.is(client.peerName, `127.0.0.1:${listener.port}`);
    t.is(server.name, `tcp:${client.status.localName}`, 'an accepted stream is named tcp:<peer ip>:<peer port>');
    t.is(server.peerName, client.status.localName);
    t.true(client.needsProbes && server.needsProbes);

    const atServer = new StreamRecorder(server);
    const atClient = new StreamRecorder(client);
    t.true(client.write(Buffer.from('hello from the switch')));
    t.is((await atServer.bytes(21)).toString(), 'hello from the switch');
    server.write(Buffer.from('and back'));
    t.is((await atClient.bytes(8)).toString(), 'and back');
    client.close();
    server.close();
  });
});

test('§1.2.8 a refused connection rejects with ConnectError ECONNREFUSED "Connection refused"', async (t) => {
  const port = await closedPort();
  const target = `tcp:127.0.0.1:${port}`;
  const e = await t.throwsAsync(openActive(target));
  t.true(ConnectError.is(e), String(e));
  const ce = e as ConnectError;
  t.is(ce.code, 'ECONNREFUSED');
  t.is(errnoText(ce.code), 'Connection refused');
  t.is(ce.streamName, target);
  t.regex(ce.message, new RegExp(`^${target}: Connection refused`));
});

test('§3.1 IPv6: ptcp:0:[::1] is named ptcp:PORT:[::1] and tcp:[::1]:PORT reaches it', async (t) => {
  await withListener('ptcp:0:[::1]', async (listener, queue) => {
    t.is(listener.name, `ptcp:${listener.port}:[::1]`);
    const client = await openActive(`tcp:[::1]:${listener.port}`);
    const server = await queue.next();
    t.is(client.peerName, `[::1]:${listener.port}`);
    t.regex(server.name, /^tcp:\[::1\]:\d+$/);
    t.is(server.name, `tcp:${client.status.localName}`);
    const atServer = new StreamRecorder(server);
    client.write(Buffer.from([1, 2, 3]));
    t.deepEqual([...(await atServer.bytes(3))], [1, 2, 3]);
    client.close();
  });
});

test('§3.1 a DNS name is resolved when the connection is opened (tcp:localhost:PORT)', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const target = `tcp:localhost:${listener.port}`;
    const client = await openActive(target);
    await queue.next();
    t.is(client.name, target);
    t.is(client.peerName, `127.0.0.1:${listener.port}`);
    client.close();
  });
});

test('§3.2 ptcp: with port 0 and a name as host listens on what the name resolves to', async (t) => {
  await withListener('ptcp:0:localhost', async (listener) => {
    t.is(listener.name, `ptcp:${listener.port}:127.0.0.1`);
  });
});

test('§3.7 DSCP: default 48, 0-63 kept, anything else means 48; applied only where Node can set it', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const a = await openActive(`tcp:127.0.0.1:${listener.port}`);
    const b = await openActive(`tcp:127.0.0.1:${listener.port}`, { dscp: 10 });
    const c = await openActive(`tcp:127.0.0.1:${listener.port}`, { dscp: 64 });
    const d = await openActive(`tcp:127.0.0.1:${listener.port}`, { dscp: -1 });
    await queue.next();
    t.is(a.status.dscp, 48);
    t.is(b.status.dscp, 10);
    t.is(c.status.dscp, 48);
    t.is(d.status.dscp, 48);
    t.is(a.status.dscpApplied, nodeSetsDscp);
    t.is((await queue.next()).status.dscp, 48, 'accepted streams carry the listener DSCP');
    for (const s of [a, b, c, d]) s.close();
  });
});

test('§1.2.8 bad targets reject with EAFNOSUPPORT and the parser explanation, never throw', async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    ['tcp:1.2.3.4:99999', /bad port number "99999"/],
    ['ptcp:6653', /passive target; an active one/],
    ['bogus:1', /unsupported prefix "bogus:"/],
    [12, /must be a string/],
  ];
  for (const [target, message] of cases) {
    const e = await t.throwsAsync(openActive(target as string));
    t.true(ConnectError.is(e));
    t.is((e as ConnectError).code, 'EAFNOSUPPORT');
    t.regex(e!.message, message);
  }
  const e = await t.throwsAsync(listen('tcp:127.0.0.1', { onAccept: () => undefined }));
  t.is((e as ConnectError).code, 'EAFNOSUPPORT');
  t.regex(e!.message, /active target; a passive one/);
});

test('§3.3 a second listener on a busy port rejects with EADDRINUSE', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener) => {
    const e = await t.throwsAsync(listen(`ptcp:${listener.port}:127.0.0.1`, { onAccept: () => undefined }));
    t.is((e as ConnectError).code, 'EADDRINUSE');
    t.regex(e!.message, /Address already in use/);
  });
});

test('§3.3 listener close releases the port, keeps accepted streams, and is idempotent', async (t) => {
  const queue = new AcceptQueue();
  const listener = await listen('ptcp:0:127.0.0.1', { onAccept: queue.onAccept });
  const port = listener.port!;
  const client = await openActive(`tcp:127.0.0.1:${port}`);
  const server = await queue.next();
  await listener.close();
  await listener.close();
  t.true(listener.closed);
  const e = await t.throwsAsync(openActive(`tcp:127.0.0.1:${port}`));
  t.is((e as ConnectError).code, 'ECONNREFUSED');
  const atClient = new StreamRecorder(client);
  server.write(Buffer.from('still here'));
  t.is((await atClient.bytes(10)).toString(), 'still here');
  client.close();
  server.close();
});

test('§1.2.1 stream: bytes sent before a data listener exists are held, and EOF arrives after them', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const client = await openActive(`tcp:127.0.0.1:${listener.port}`);
    const server = await queue.next();
    server.write(Buffer.from('early bytes'));
    server.close();
    await settle(100);
    const atClient = new StreamRecorder(client);
    t.is((await atClient.bytes(11)).toString(), 'early bytes');
    t.deepEqual(await atClient.ended(), { kind: 'end' }, 'a clean close by the peer is EOF');
    t.true(client.closed);
    t.false(client.write(Buffer.from('x')), 'writing to an ended stream is refused');
  });
});

test('§1.2.1 stream: close() flushes what was written (1 MiB) before the connection ends', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const client = await openActive(`tcp:127.0.0.1:${listener.port}`);
    const server = await queue.next();
    const big = Buffer.alloc(1 << 20, 0xab);
    for (let i = 0; i < 4; i++) client.write(big.subarray(i << 18, (i + 1) << 18));
    client.close();
    t.true(client.closed);
    const atServer = new StreamRecorder(server);
    const got = await atServer.bytes(1 << 20, 10_000);
    t.true(got.equals(big));
    t.deepEqual(await atServer.ended(), { kind: 'end' });
  });
});

test('§2.7 stream: write() returns false above the high-water mark and drain follows', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const client = await openActive(`tcp:127.0.0.1:${listener.port}`);
    const server = await queue.next();
    server.pause();
    const chunk = Buffer.alloc(64 * 1024, 1);
    let writes = 0;
    while (client.write(chunk) && writes < 10_000) writes++;
    t.true(writes < 10_000, 'write() eventually reports backpressure');
    t.true(client.bufferedBytes > 0);
    const drained = within(new Promise<void>((resolve) => client.on('drain', resolve)), 5000, 'drain');
    const atServer = new StreamRecorder(server);
    server.resume();
    await drained;
    t.true((await atServer.bytes(64 * 1024)).length === 64 * 1024);
    client.close();
  });
});

test('§1.2.1 a reset by the peer is an error event with ECONNRESET, also for a listener attached late', async (t) => {
  const raw: Server = createServer((socket) => {
    setTimeout(() => socket.resetAndDestroy(), 50);
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  try {
    const port = (raw.address() as { port: number }).port;
    const client = await openActive(`tcp:127.0.0.1:${port}`);
    client.on('data', () => undefined);
    await settle(250);
    const error = await within(new Promise((resolve) => client.on('error', resolve)), 5000, 'the error');
    t.is((error as ConnectError).code, 'ECONNRESET');
    t.regex((error as Error).message, /Connection reset by peer/);
    let ends = 0;
    client.on('end', () => ends++);
    await settle(50);
    t.is(ends, 0, 'only one terminal event');
  } finally {
    raw.close();
  }
});

test('§1.1.9 stream: after close() by the owner no event is delivered', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener, queue) => {
    const client = await openActive(`tcp:127.0.0.1:${listener.port}`);
    const server = await queue.next();
    const events: string[] = [];
    client.on('data', () => events.push('data'));
    client.on('end', () => events.push('end'));
    client.on('error', () => events.push('error'));
    client.close();
    server.write(Buffer.from('too late'));
    server.close();
    await settle(150);
    t.deepEqual(events, []);
  });
});

test('§1.1.6 abort: an aborted signal rejects ECANCELED, a timeout reason ETIMEDOUT', async (t) => {
  await withListener('ptcp:0:127.0.0.1', async (listener) => {
    const target = `tcp:127.0.0.1:${listener.port}`;
    const e1 = await t.throwsAsync(openActive(target, { signal: AbortSignal.abort() }));
    t.is((e1 as ConnectError).code, 'ECANCELED');
    const e2 = await t.throwsAsync(openActive(target, { signal: AbortSignal.abort(new DOMException('late', 'TimeoutError')) }));
    t.is((e2 as ConnectError).code, 'ETIMEDOUT');
    t.is(errnoText('ETIMEDOUT'), 'Connection timed out');
  });
});

test('§1.2.8 errnoOf: Node errors map to errno-like codes (name resolution, TLS, system)', (t) => {
  const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });
  t.is(errnoOf(err('ENOTFOUND')).code, 'ENOTFOUND');
  t.is(errnoOf(err('EAI_NONAME')).code, 'ENOTFOUND');
  t.is(errnoText('ENOTFOUND'), 'Name or service not known');
  t.is(errnoOf(err('CERT_HAS_EXPIRED', 'certificate has expired')).code, 'EPROTO');
  t.is(errnoOf(err('ERR_SSL_WRONG_VERSION_NUMBER')).code, 'EPROTO');
  t.is(errnoOf(err('ERR_TLS_HANDSHAKE_TIMEOUT')).code, 'ETIMEDOUT');
  t.is(errnoOf(err('EHOSTUNREACH')).code, 'EHOSTUNREACH');
  t.is(errnoText('EHOSTUNREACH'), 'No route to host');
  t.is(errnoOf('a string').code, 'EIO');
  t.is(errnoText('EOF'), 'End of file');
});
