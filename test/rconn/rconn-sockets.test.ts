/**
 * The rconn driver over real loopback sockets, with time from a FakeClock:
 * backoff, connect timeout, inactivity probes, end of file, TLS, unix and
 * IPv6, against peers written here with node:net.  Real OpenFlow peers
 * (ovs-testcontroller, ovs-ofctl) are in rconn-peers.test.ts.
 */

import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode, FrameDecoder, type OfpMessage } from '../../src/openflow/index.js';
import type { RconnEvent } from '../../src/rconn/events.js';
import { Rconn } from '../../src/rconn/rconn.js';
import { TlsCredentials, listen, type Listener } from '../../src/transport/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { freeLoopbackPort, until as waitUntil } from '../support/loopback.js';
import { TestPki } from '../support/test-pki.js';

/** Waits until 'pred' holds, polling the event loop, for at most 'ms' of real time (5 s here). */
const until = (pred: () => boolean, what: string, ms = 5000): Promise<void> => waitUntil(pred, what, ms);

/** A TCP server whose connections are handled by 'onConn'. */
async function server(onConn: (sock: Socket) => void, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const srv = createServer(onConn);
  await new Promise<void>((r) => srv.listen(0, host, () => r()));
  return { server: srv, port: (srv.address() as { port: number }).port };
}

/** A peer that answers HELLO with 'hello' and then records what it receives. */
function openflowPeer(hello: string, received: OfpMessage[], opts: { answerEcho?: boolean } = {}): (sock: Socket) => void {
  return (sock) => {
    const frames = new FrameDecoder();
    sock.write(Buffer.from(hello, 'hex'));
    sock.on('data', (chunk) => {
      for (const f of frames.push(chunk)) {
        const m = decode(f);
        received.push(m);
        if (opts.answerEcho && m.type === 'echo_request') sock.write(encode({ ...m, type: 'echo_reply' }));
      }
    });
    sock.on('error', () => undefined);
  };
}

function recorder(): { events: RconnEvent[]; listener: (e: RconnEvent) => void } {
  const events: RconnEvent[] = [];
  return { events, listener: (e) => events.push(e) };
}

test('§1.2.4 no listener: backoff 1, 2, 4, 8, 8 s and last_error "Connection refused"', async (t) => {
  const port = await freeLoopbackPort();
  const clock = new FakeClock(1_000_000);
  const { events, listener } = recorder();
  const rc = new Rconn({ clock, listener });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  const waits: number[] = [];
  for (let i = 0; i < 5; i++) {
    await until(() => rc.status().state === 'BACKOFF', `backoff ${i}`);
    const st = rc.status();
    t.is(st.lastError, 'ECONNREFUSED');
    t.is(st.lastErrorText, 'Connection refused');
    waits.push(st.backoffMs / 1000);
    clock.advance(st.backoffMs);
    t.is(rc.status().state, 'CONNECTING');
  }
  t.deepEqual(waits, [1, 2, 4, 8, 8]);
  // §1.2.3: OVS words the doubling waits and, once, the cap.
  t.deepEqual(
    events.filter((e) => e.type === 'rconn.backoff').map((e) => (e as { seconds: number }).seconds),
    [2, 4],
  );
  t.is(events.filter((e) => e.type === 'rconn.backoff-capped').length, 1);
});

test('§1.1.6 a peer that accepts and never speaks: connect timeout after max(1 s, backoff) with ETIMEDOUT', async (t) => {
  const sockets: Socket[] = [];
  const { server: srv, port } = await server((s) => sockets.push(s));
  t.teardown(() => {
    sockets.forEach((s) => s.destroy());
    srv.close();
  });
  const clock = new FakeClock(0);
  const { events, listener } = recorder();
  const rc = new Rconn({ clock, listener });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => sockets.length === 1, 'the accept');
  t.is(rc.status().state, 'CONNECTING');
  clock.advance(999);
  t.is(rc.status().state, 'CONNECTING');
  clock.advance(1);
  t.truthy(events.find((e) => e.type === 'rconn.connect-timed-out'));
  t.is(rc.status().state, 'BACKOFF');
  t.is(rc.status().lastError, 'ETIMEDOUT');
});

test('§1.3.2-1.3.3 a peer silent after HELLO: IDLE and an echo probe after 5 s, disconnect with ETIMEDOUT after 10 s', async (t) => {
  const received: OfpMessage[] = [];
  const { server: srv, port } = await server(openflowPeer('0400000800000000', received));
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.status().state === 'ACTIVE', 'ACTIVE');
  t.is(rc.version, 4);
  clock.advance(5000);
  t.is(rc.status().state, 'IDLE');
  await until(() => received.some((m) => m.type === 'echo_request'), 'the probe at the peer');
  const probe = received.find((m) => m.type === 'echo_request')!;
  t.is(probe.version, 4);
  t.is(probe.xid, 0);
  clock.advance(4999);
  t.is(rc.status().state, 'IDLE');
  clock.advance(1);
  t.is(rc.status().state, 'BACKOFF');
  t.is(rc.status().lastError, 'ETIMEDOUT');
});

test('§1.3.4 an echo reply from the peer returns IDLE to ACTIVE', async (t) => {
  const received: OfpMessage[] = [];
  const { server: srv, port } = await server(openflowPeer('0100000800000000', received, { answerEcho: true }));
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.status().state === 'ACTIVE', 'ACTIVE');
  clock.advance(5000);
  t.is(rc.status().state, 'IDLE');
  await until(() => rc.status().state === 'ACTIVE', 'ACTIVE after the echo reply');
  t.is(rc.version, 1);
});

test('§1.2.1 a peer that closes: "End of file", then reconnect after backoff', async (t) => {
  let conns = 0;
  const { server: srv, port } = await server((s) => {
    conns++;
    s.write(Buffer.from('0400000800000000', 'hex'));
    setTimeout(() => s.end(), 20);
  });
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.status().state === 'BACKOFF', 'BACKOFF after EOF');
  t.is(rc.status().lastError, 'EOF');
  t.is(rc.status().lastErrorText, 'End of file');
  clock.advance(rc.status().backoffMs);
  await until(() => conns === 2, 'the reconnect');
});

test('§2.4 through rconn: no common version fails the attempt with EPROTO', async (t) => {
  const received: OfpMessage[] = [];
  const { server: srv, port } = await server(openflowPeer('0100000800000000', received));
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock, allowedVersions: 0x10 });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.status().lastError === 'EPROTO', 'EPROTO');
  await until(() => received.some((m) => m.type === 'error'), 'HELLO_FAILED at the peer');
  const err = received.find((m) => m.type === 'error') as Extract<OfpMessage, { type: 'error' }>;
  t.is(err.error, 'OFPHFC_INCOMPATIBLE');
});

test('§1.5.1 messages sent on an ACTIVE rconn reach the peer; messages from the peer reach the owner', async (t) => {
  const received: OfpMessage[] = [];
  let peer: Socket | undefined;
  const { server: srv, port } = await server((s) => {
    peer = s;
    openflowPeer('0400000800000000', received)(s);
  });
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const got: OfpMessage[] = [];
  const rc = new Rconn({ clock, onMessage: (m) => void (m instanceof Error || got.push(m)) });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.isConnected, 'ACTIVE');
  t.is(rc.send(encode({ type: 'barrier_request', version: 4, xid: 77 })), 'ok');
  await until(() => received.some((m) => m.type === 'barrier_request'), 'barrier at the peer');
  peer!.write(encode({ type: 'features_request', version: 4, xid: 5 }));
  await until(() => got.length === 1, 'features request at the owner');
  t.like(got[0], { type: 'features_request', xid: 5 });
});

test('§3.4 unix sockets: a reliable rconn to unix:PATH connects without probes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-rconn-'));
  const path = join(dir, 'ctl.sock');
  const received: OfpMessage[] = [];
  const srv = createServer(openflowPeer('0400000800000000', received));
  await new Promise<void>((r) => srv.listen(path, () => r()));
  t.teardown(() => {
    srv.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock });
  t.teardown(() => rc.destroy());
  rc.connect(`unix:${path}`);
  await until(() => rc.isConnected, 'ACTIVE');
  t.is(rc.status().probeInterval, 0);
  clock.advance(60_000);
  t.is(rc.status().state, 'ACTIVE');
});

test('§3.1 IPv6: tcp:[::1]:PORT connects', async (t) => {
  const received: OfpMessage[] = [];
  const { server: srv, port } = await server(openflowPeer('0400000800000000', received), '::1');
  t.teardown(() => srv.close());
  const rc = new Rconn({ clock: new FakeClock(0) });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:[::1]:${port}`);
  await until(() => rc.isConnected, 'ACTIVE');
  t.is(rc.version, 4);
});

test('§1.1.4 an accepted stream is an unreliable session: DISCONNECTED when the peer leaves', async (t) => {
  const clock = new FakeClock(0);
  const accepted: Rconn[] = [];
  const lst: Listener = await listen('ptcp:0:127.0.0.1', {
    onAccept: (stream) => {
      const rc = new Rconn({ clock });
      rc.adopt(stream);
      accepted.push(rc);
    },
  });
  t.teardown(() => lst.close());
  const received: OfpMessage[] = [];
  const { createConnection } = await import('node:net');
  const sock = createConnection(lst.port!, '127.0.0.1');
  openflowPeer('0100000800000000', received)(sock);
  await until(() => accepted.length === 1 && accepted[0]!.isConnected, 'the accepted session');
  t.is(accepted[0]!.version, 1);
  await until(() => received.some((m) => m.type === 'hello'), 'our HELLO at the client');
  sock.end();
  await until(() => accepted[0]!.status().state === 'DISCONNECTED', 'DISCONNECTED');
  t.is(accepted[0]!.status().lastError, 'EOF');
});

test('§3.6 TLS: ssl: to a pssl: listener with mutual verification; a wrong CA fails with EPROTO', async (t) => {
  const pki = new TestPki();
  t.teardown(() => pki.remove());
  const ca = pki.authority('ca');
  const other = pki.authority('other');
  const serverPair = pki.issue(ca, 'switch');
  const clientPair = pki.issue(ca, 'controller');
  const clock = new FakeClock(0);
  const accepted: Rconn[] = [];
  const serverTls = new TlsCredentials({ privateKeyFile: serverPair.key, certificateFile: serverPair.cert, caCertFile: ca.cert });
  const lst = await listen('pssl:0:127.0.0.1', {
    tls: serverTls,
    onAccept: (stream) => {
      const rc = new Rconn({ clock });
      rc.adopt(stream);
      accepted.push(rc);
    },
  });
  t.teardown(() => lst.close());
  const good = new Rconn({ clock, openOptions: { tls: new TlsCredentials({ privateKeyFile: clientPair.key, certificateFile: clientPair.cert, caCertFile: ca.cert }) } });
  t.teardown(() => good.destroy());
  good.connect(`ssl:127.0.0.1:${lst.port}`);
  await until(() => good.isConnected && accepted.some((a) => a.isConnected), 'TLS session');
  t.is(good.version, 6);
  const bad = new Rconn({ clock, openOptions: { tls: new TlsCredentials({ privateKeyFile: clientPair.key, certificateFile: clientPair.cert, caCertFile: other.cert }) } });
  t.teardown(() => bad.destroy());
  bad.connect(`ssl:127.0.0.1:${lst.port}`);
  await until(() => bad.status().state === 'BACKOFF', 'wrong CA failure');
  t.is(bad.status().lastError, 'EPROTO');
});

test('§1.1.5 an invalid target fails at open and backs off without crashing', async (t) => {
  const clock = new FakeClock(0);
  const rc = new Rconn({ clock });
  t.teardown(() => rc.destroy());
  rc.connect('tcp:not a host:99999');
  t.is(rc.status().state, 'BACKOFF');
  t.is(rc.status().lastError, 'EAFNOSUPPORT');
});

test('§1.6.1-1.6.3 a snoop attached as a monitor sees both directions; what it sends never reaches the peer', async (t) => {
  const received: OfpMessage[] = [];
  let peer: Socket | undefined;
  const { server: srv, port } = await server((s) => {
    peer = s;
    openflowPeer('0400000800000000', received)(s);
  });
  t.teardown(() => srv.close());
  const clock = new FakeClock(0);
  const { events, listener } = recorder();
  const rc = new Rconn({ clock, listener });
  t.teardown(() => rc.destroy());
  rc.connect(`tcp:127.0.0.1:${port}`);
  await until(() => rc.isConnected, 'ACTIVE');
  // A snoop client, accepted on a listener of our own, becomes a monitor.
  const snooped: OfpMessage[] = [];
  const lst = await listen('ptcp:0:127.0.0.1', { onAccept: (stream) => void rc.addMonitor(stream) });
  t.teardown(() => lst.close());
  const { createConnection } = await import('node:net');
  const snoop = createConnection(lst.port!, '127.0.0.1');
  openflowPeer('0100000800000000', snooped)(snoop);
  t.teardown(() => snoop.destroy());
  await until(() => events.some((e) => e.type === 'rconn.monitor-added') && snooped.some((m) => m.type === 'hello'), 'the monitor');
  await new Promise((r) => setTimeout(r, 50)); // its HELLO exchange completes
  rc.send(encode({ type: 'barrier_request', version: 4, xid: 41 }));
  peer!.write(encode({ type: 'echo_request', version: 4, xid: 42, data: new Uint8Array(0) }));
  await until(() => snooped.some((m) => m.xid === 41) && snooped.some((m) => m.xid === 42), 'both directions at the snoop');
  // What the snoop sends is read and dropped.
  snoop.write(encode({ type: 'features_request', version: 1, xid: 43 }));
  await new Promise((r) => setTimeout(r, 100));
  t.false(received.some((m) => m.xid === 43));
  t.is(rc.status().monitors, 1);
});

test('§3.6 TLS without a key file: the attempt fails with ENOPROTOOPT as last_error, no exception, and backs off', async (t) => {
  const pki = new TestPki();
  t.teardown(() => pki.remove());
  const ca = pki.authority('ca');
  const pair = pki.issue(ca, 'controller');
  const clock = new FakeClock(0);
  const rc = new Rconn({
    clock,
    openOptions: { tls: new TlsCredentials({ privateKeyFile: join(pki.dir, 'missing.key'), certificateFile: pair.cert, caCertFile: ca.cert }) },
  });
  t.teardown(() => rc.destroy());
  rc.connect('ssl:127.0.0.1:1');
  await until(() => rc.status().state === 'BACKOFF', 'BACKOFF');
  t.is(rc.status().lastError, 'ENOPROTOOPT');
  t.is(rc.status().lastErrorText, 'Protocol not available');
});
