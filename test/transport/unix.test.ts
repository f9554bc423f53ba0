import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectError, listen, needsProbes, openActive } from '../../src/transport/index.js';
import { AcceptQueue, StreamRecorder } from '../support/stream-harness.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ofconnmgr-unix-'));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

test('§3.4 punix:/unix: carry bytes both ways; accepted peers are unix#N; no probes (§1.3.6)', async (t) => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'br0.mgmt');
    const queue = new AcceptQueue();
    const listener = await listen(`punix:${path}`, { onAccept: queue.onAccept });
    t.teardown(() => listener.close());
    t.teardown(() => queue.streams.forEach((s) => s.close()));
    t.is(listener.name, `punix:${path}`);
    t.is(listener.port, null);
    t.false(listener.needsProbes);
    t.true((await stat(path)).isSocket());

    const a = await openActive(`unix:${path}`);
    const b = await openActive(`unix:${path}`);
    t.teardown(() => [a, b].forEach((s) => s.close()));
    const sa = await queue.next();
    const sb = await queue.next();
    t.is(a.name, `unix:${path}`);
    t.is(a.peerName, path);
    t.false(a.needsProbes);
    t.is(a.status.dscp, null, 'no IP header, no DSCP');
    const na = Number(/^unix#(\d+)$/.exec(sa.name)?.[1]);
    const nb = Number(/^unix#(\d+)$/.exec(sb.name)?.[1]);
    t.true(Number.isInteger(na) && nb > na, `${sa.name} then ${sb.name}`);
    t.false(sa.needsProbes);

    const atServer = new StreamRecorder(sa);
    const atClient = new StreamRecorder(a);
    a.write(Buffer.from('over unix'));
    t.is((await atServer.bytes(9)).toString(), 'over unix');
    sa.write(Buffer.from('reply'));
    t.is((await atClient.bytes(5)).toString(), 'reply');

    await listener.close();
    t.false(await exists(path), 'punix removes its socket file when closed');
    for (const s of [a, b, sa, sb]) s.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('§1.1.3 needsProbes per prefix: false for unix: and punix:, true for the others', (t) => {
  t.false(needsProbes('unix'));
  t.false(needsProbes('punix'));
  t.true(needsProbes('tcp'));
  t.true(needsProbes('ssl'));
  t.true(needsProbes('ptcp'));
  t.true(needsProbes('pssl'));
});

test('§3.4 punix removes a stale socket file left by a dead listener', async (t) => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'stale.sock');
    // A socket file whose owner is gone: bound by another process that then
    // exited without removing it (as after a crash).
    execFileSync('/usr/bin/python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]);
    t.true((await stat(path)).isSocket());
    const queue = new AcceptQueue();
    const listener = await listen(`punix:${path}`, { onAccept: queue.onAccept });
    const client = await openActive(`unix:${path}`);
    const accepted = await queue.next();
    t.regex(accepted.name, /^unix#\d+$/);
    client.close();
    await listener.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('§3.4 punix refuses a path another process listens on (EADDRINUSE) and a non-socket file (EEXIST)', async (t) => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'busy.sock');
    const first = await listen(`punix:${path}`, { onAccept: (s) => s.close() });
    const e = await t.throwsAsync(listen(`punix:${path}`, { onAccept: () => undefined }));
    t.is((e as ConnectError).code, 'EADDRINUSE');
    t.regex(e!.message, /another process is listening/);
    t.true(await exists(path), 'the live listener keeps its file');
    await first.close();

    const file = join(dir, 'regular');
    await writeFile(file, 'not a socket');
    const e2 = await t.throwsAsync(listen(`punix:${file}`, { onAccept: () => undefined }));
    t.is((e2 as ConnectError).code, 'EEXIST');
    t.true(await exists(file), 'a regular file is never removed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('§3.4 relative paths are resolved against runDir; a missing socket is ENOENT; a long path ENAMETOOLONG', async (t) => {
  const dir = await tempDir();
  try {
    const queue = new AcceptQueue();
    const listener = await listen('punix:rel.sock', { onAccept: queue.onAccept, runDir: dir });
    t.true(await exists(join(dir, 'rel.sock')));
    const client = await openActive('unix:rel.sock', { runDir: dir });
    await queue.next();
    t.is(client.peerName, join(dir, 'rel.sock'));
    client.close();
    await listener.close();

    const e = await t.throwsAsync(openActive(`unix:${join(dir, 'nobody.sock')}`));
    t.is((e as ConnectError).code, 'ENOENT');
    t.regex(e!.message, /No such file or directory/);

    const e2 = await t.throwsAsync(openActive(`unix:${join(dir, 'x'.repeat(120))}`));
    t.is((e2 as ConnectError).code, 'ENAMETOOLONG');
    t.regex(e2!.message, /the limit is 107/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
