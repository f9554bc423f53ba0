/**
 * `ofconnmgr ctl` as a user runs it: a real process talking gRPC to a
 * service started in the test (startApi()), checked by exit status,
 * standard output and standard error, and by what the service then holds.
 */

import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startApi, type ApiHarness } from '../support/api-client.js';
import { freeLoopbackPort } from '../support/loopback.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function ofconnmgr(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', main, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end();
  });
}

async function withBridge(run: (api: ApiHarness, ctl: (...a: string[]) => ReturnType<typeof ofconnmgr>) => Promise<void>): Promise<void> {
  const api = await startApi();
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    await run(api, (...a) => ofconnmgr(['ctl', '--server', api.address, ...a]));
  } finally {
    await api.close();
  }
}

test('ctl set-controller, get-controller, del-controller: the bridge\'s targets, one per line (§4.12)', async (t) => {
  await withBridge(async (api, ctl) => {
    const set = await ctl('set-controller', 'br0', 'tcp:127.0.0.1:1', 'ptcp:0:127.0.0.1');
    t.is(set.status, 0, set.stderr);
    t.is(set.stdout, '');
    const info = await api.call('getControllerInfo', { bridge: 'br0' });
    t.deepEqual(info.controllers.map((c) => c.target).sort(), ['ptcp:0:127.0.0.1', 'tcp:127.0.0.1:1']);
    const got = await ctl('get-controller', 'br0');
    t.is(got.status, 0, got.stderr);
    t.deepEqual(got.stdout.trim().split('\n').sort(), ['ptcp:0:127.0.0.1', 'tcp:127.0.0.1:1']);
    const del = await ctl('del-controller', 'br0');
    t.is(del.status, 0, del.stderr);
    t.deepEqual((await api.call('getControllerInfo', { bridge: 'br0' })).controllers, []);
    t.is((await ctl('get-controller', 'br0')).stdout, '');
  });
});

test('ctl add-br, list-br, del-br: bridges as ovs-vsctl makes them; a taken name is ALREADY_EXISTS', async (t) => {
  await withBridge(async (api, ctl) => {
    const add = await ctl('add-br', 'br1', '00000000000000b1');
    t.is(add.status, 0, add.stderr);
    t.is((await api.call('listBridges', {})).bridges.find((b) => b.name === 'br1')?.datapath_id, '00000000000000b1');
    t.deepEqual((await ctl('list-br')).stdout.trim().split('\n'), ['br0', 'br1']);
    const again = await ctl('add-br', 'br1');
    t.is(again.status, 1);
    t.regex(again.stderr, /^ofconnmgr ctl: add-br: ALREADY_EXISTS: .*br1/);
    t.is(again.stderr.trim().split('\n').length, 1);
    const del = await ctl('del-br', 'br1');
    t.is(del.status, 0, del.stderr);
    t.deepEqual((await ctl('list-br')).stdout.trim().split('\n'), ['br0']);
    const gone = await ctl('del-br', 'br1');
    t.is(gone.status, 1);
    t.regex(gone.stderr, /NOT_FOUND/);
  });
});

test('ctl set-fail-mode and get-fail-mode: secure and standalone; another mode is refused', async (t) => {
  await withBridge(async (api, ctl) => {
    t.is((await ctl('get-fail-mode', 'br0')).stdout, 'standalone\n');
    t.is((await ctl('set-fail-mode', 'br0', 'secure')).status, 0);
    t.is((await api.call('listBridges', {})).bridges[0]!.fail_mode, 'SECURE');
    t.is((await ctl('get-fail-mode', 'br0')).stdout, 'secure\n');
    t.is((await ctl('set-fail-mode', 'br0', 'standalone')).status, 0);
    t.is((await ctl('get-fail-mode', 'br0')).stdout, 'standalone\n');
    const bad = await ctl('set-fail-mode', 'br0', 'open');
    t.is(bad.status, 1);
    t.regex(bad.stderr, /^ofconnmgr ctl: fail mode must be "secure" or "standalone", not "open"/);
    t.is(bad.stderr.trim().split('\n').length, 1);
    t.is((await ctl('get-fail-mode', 'br0')).stdout, 'standalone\n');
  });
});

test('ctl list-controllers: a table of target, is_connected, role, state, last_error, sec_since_* (§4.12)', async (t) => {
  await withBridge(async (_api, ctl) => {
    const port = await freeLoopbackPort();
    t.is((await ctl('set-controller', 'br0', `tcp:127.0.0.1:${port}`, 'ptcp:0:127.0.0.1')).status, 0);
    // The active target is refused at once and backs off.
    let table: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await ctl('list-controllers', 'br0');
      t.is(r.status, 0, r.stderr);
      table = r.stdout.trimEnd().split('\n');
      if (table.some((l) => l.includes('BACKOFF'))) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    t.deepEqual(table[0]!.split(/\s+/), ['target', 'is_connected', 'role', 'state', 'last_error', 'sec_since_connect', 'sec_since_disconnect']);
    t.is(table.length, 3);
    const active = table.find((l) => l.startsWith('tcp:'))!;
    const at = (col: string): number => table[0]!.indexOf(col);
    t.is(active.slice(0, at('is_connected')).trim(), `tcp:127.0.0.1:${port}`);
    t.is(active.slice(at('is_connected'), at('role')).trim(), 'false');
    t.is(active.slice(at('role'), at('state')).trim(), '-');
    t.is(active.slice(at('state'), at('last_error')).trim(), 'BACKOFF');
    t.is(active.slice(at('last_error'), at('sec_since_connect')).trim(), 'Connection refused');
    t.is(active.slice(at('sec_since_connect'), at('sec_since_disconnect')).trim(), '-');
    t.regex(active.slice(at('sec_since_disconnect')).trim(), /^\d+$/);
    const passive = table.find((l) => l.startsWith('ptcp:'))!;
    t.deepEqual(passive.split(/\s+/), ['ptcp:0:127.0.0.1', 'false', '-', '-', '-', '-', '-']);
  });
});

test('ctl list-controllers --json: each target with its status pairs', async (t) => {
  await withBridge(async (_api, ctl) => {
    const port = await freeLoopbackPort();
    t.is((await ctl('set-controller', 'br0', `tcp:127.0.0.1:${port}`)).status, 0);
    const r = await ctl('list-controllers', '--json', 'br0');
    t.is(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { controllers: { target: string; type: string; is_connected: boolean; role: string | null; status: Record<string, string> }[]; packet_ins_unsent: number };
    t.is(j.controllers.length, 1);
    const c = j.controllers[0]!;
    t.is(c.target, `tcp:127.0.0.1:${port}`);
    t.is(c.type, 'primary');
    t.false(c.is_connected);
    t.is(c.role, null);
    t.true(['CONNECTING', 'BACKOFF'].includes(c.status['state']!), c.status['state']);
    t.is(j.packet_ins_unsent, 0);
  });
});

test('ctl set-snoop: the bridge gets a snoop listener; bad targets are INVALID_ARGUMENT', async (t) => {
  await withBridge(async (_api, ctl) => {
    t.is((await ctl('set-snoop', 'br0', 'ptcp:0:127.0.0.1')).status, 0);
    const bad = await ctl('set-snoop', 'br0', 'tcp:127.0.0.1:6653');
    t.is(bad.status, 1);
    t.regex(bad.stderr, /^ofconnmgr ctl: set-snoop: INVALID_ARGUMENT: /);
    t.is(bad.stderr.trim().split('\n').length, 1);
  });
});

test('ctl: a malformed target is one line naming the entry, exit 1, nothing changed', async (t) => {
  await withBridge(async (api, ctl) => {
    t.is((await ctl('set-controller', 'br0', 'tcp:127.0.0.1:1')).status, 0);
    const r = await ctl('set-controller', 'br0', 'tcp:127.0.0.1:2', 'tcp:');
    t.is(r.status, 1);
    t.is(r.stdout, '');
    t.regex(r.stderr, /^ofconnmgr ctl: set-controller: INVALID_ARGUMENT: controllers\[1\]\.target: .*\n$/);
    t.is(r.stderr.split('\n').length, 2);
    t.deepEqual((await api.call('getControllerInfo', { bridge: 'br0' })).controllers.map((c) => c.target), ['tcp:127.0.0.1:1']);
  });
});

test('ctl: an unknown bridge is NOT_FOUND, one line, exit 1', async (t) => {
  await withBridge(async (_api, ctl) => {
    for (const cmd of [['get-controller', 'br9'], ['set-controller', 'br9', 'tcp:127.0.0.1:1'], ['list-controllers', 'br9'], ['get-fail-mode', 'br9']]) {
      const r = await ctl(...cmd);
      t.is(r.status, 1, cmd.join(' '));
      t.regex(r.stderr, new RegExp(`^ofconnmgr ctl: ${cmd[0]}: NOT_FOUND: .*br9.*\\n$`));
    }
  });
});

test('ctl: no server at --server is one line saying so, exit 1', async (t) => {
  const port = await freeLoopbackPort();
  const r = await ofconnmgr(['ctl', '--server', `127.0.0.1:${port}`, 'get-controller', 'br0']);
  t.is(r.status, 1);
  t.regex(r.stderr, new RegExp(`^ofconnmgr ctl: cannot reach the service at 127\\.0\\.0\\.1:${port}: .*\\n$`));
});

test('ctl: bad usage is one line, exit 1, without calling the service', async (t) => {
  for (const args of [['ctl'], ['ctl', 'frobnicate', 'br0'], ['ctl', 'set-controller', 'br0'], ['ctl', '--server', 'nowhere', 'get-controller', 'br0']]) {
    const r = await ofconnmgr(args);
    t.is(r.status, 1, args.join(' '));
    t.regex(r.stderr, /^ofconnmgr ctl: .*usage: ofconnmgr ctl .*\n$/);
  }
});
