/**
 * The state file (src/api/state-file.ts): configuration made through a
 * real gRPC client survives a restart of the server, the file is replaced
 * atomically (a temporary file a crash leaves is ignored), and a corrupt
 * or invalid file stops the service from starting with a message naming
 * the file.
 */

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ApiServer, StateFile, StateFileError } from '../../src/api/index.js';
import { OfClient } from '../support/of-client.js';
import { startApi } from '../support/api-client.js';

function stateDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-state-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'var');
}

test('configuration survives a restart: bridges, controllers, fail mode, snoops; the ptcp: listener accepts again', async (t) => {
  const dir = stateDir(t);
  const first = await startApi({ stateDir: dir });
  let port: number | null | undefined;
  try {
    await first.call('createBridge', { bridge: { name: 'br0', datapath_id: '00000000000000ab', packet_buffers: 16, protocols: ['OPENFLOW13'] } });
    await first.call('createBridge', { bridge: { name: 'gone' } });
    await first.call('setControllers', {
      bridge: 'br0',
      controllers: [{ target: 'ptcp:0:127.0.0.1' }, { target: 'tcp:127.0.0.1:1', max_backoff_ms: 2000, rate_limit: 200 }],
    });
    await first.call('setFailMode', { bridge: 'br0', fail_mode: 'SECURE' });
    await first.call('setSnoops', { bridge: 'br0', targets: ['punix:' + join(dir, 'br0.snoop')] });
    await first.call('deleteBridge', { bridge: 'gone' });
    t.true(existsSync(join(dir, 'state.json')));
  } finally {
    await first.close();
  }

  const second = await startApi({ stateDir: dir });
  let of: OfClient | undefined;
  try {
    const list = await second.call('listBridges', {});
    t.deepEqual(list.bridges, [{ name: 'br0', datapath_id: '00000000000000ab', packet_buffers: 16, protocols: ['OPENFLOW13'], fail_mode: 'SECURE' }]);
    const info = await second.call('getControllerInfo', { bridge: 'br0' });
    t.deepEqual(
      info.controllers.map((c) => [c.target, c.type]),
      [
        ['ptcp:0:127.0.0.1', 'SERVICE'],
        ['tcp:127.0.0.1:1', 'PRIMARY'],
      ],
    );
    const mgr = second.server.bridges.get('br0').mgr;
    t.deepEqual(mgr.snoopNames, ['punix:' + join(dir, 'br0.snoop')]);
    port = mgr.service('ptcp:0:127.0.0.1')?.port;
    if (!port) throw new Error('the restored listener did not open');
    of = await OfClient.connect(port, 4);
    await of.barrier();
    const after = await second.call('getControllerInfo', { bridge: 'br0' });
    t.is(after.controllers.find((c) => c.target === 'ptcp:0:127.0.0.1')!.sessions, 1);
  } finally {
    of?.close();
    await second.close();
  }
});

test('the file is replaced atomically: a temporary file left by a crash is ignored and the real one stands', async (t) => {
  const dir = stateDir(t);
  const api = await startApi({ stateDir: dir });
  try {
    await api.call('createBridge', { bridge: { name: 'br0' } });
    await api.call('setControllers', { bridge: 'br0', controllers: [{ target: 'ptcp:0:127.0.0.1' }] });
  } finally {
    await api.close();
  }
  // Only the real file is left once writes are done.
  t.deepEqual(readdirSync(dir), ['state.json']);
  const saved = readFileSync(join(dir, 'state.json'), 'utf8');
  // A crash in the middle of the next write: half a file in the temporary.
  writeFileSync(join(dir, '.state.json.tmp'), saved.slice(0, saved.length >> 1));
  const again = await startApi({ stateDir: dir });
  try {
    t.deepEqual((await again.call('listBridges', {})).bridges.map((b) => b.name), ['br0']);
    t.deepEqual((await again.call('getControllerInfo', { bridge: 'br0' })).controllers.map((c) => c.target), ['ptcp:0:127.0.0.1']);
    // The next change replaces the leftover and the file in one rename.
    await again.call('createBridge', { bridge: { name: 'br1' } });
    t.deepEqual(readdirSync(dir), ['state.json']);
    const parsed = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { bridges: Array<{ bridge: { name: string } }> };
    t.deepEqual(parsed.bridges.map((b) => b.bridge.name), ['br0', 'br1']);
  } finally {
    await again.close();
  }
});

test('concurrent changes are saved in order: the file ends with the last configuration', async (t) => {
  const dir = stateDir(t);
  const api = await startApi({ stateDir: dir });
  try {
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => api.call('createBridge', { bridge: { name: `br-${n}` } })));
  } finally {
    await api.close();
  }
  const state = await new StateFile(dir).load();
  t.deepEqual(state.bridges.map((b) => b.bridge.name), ['br-a', 'br-b', 'br-c', 'br-d', 'br-e']);
});

test('a missing file is an empty configuration, and the directory is created', async (t) => {
  const dir = join(stateDir(t), 'deeper');
  const api = await startApi({ stateDir: dir });
  try {
    t.deepEqual((await api.call('listBridges', {})).bridges, []);
    t.true(existsSync(dir));
  } finally {
    await api.close();
  }
});

test('a corrupt or invalid state file: start fails with StateFileError naming the file, which is left as it was', async (t) => {
  const dir = stateDir(t);
  new StateFile(dir); // creates the directory
  const file = join(dir, 'state.json');
  const cases: Array<[string, RegExp]> = [
    ['{"format": 1, "bridges": [{"bri', /: not valid JSON/],
    ['[]', /: not a JSON object$/],
    ['{"format": 99, "bridges": []}', /: format 99 is not 1$/],
    ['{"format": 1, "bridges": [{"bridge": {"name": "br0"}}]}', /: bridges\[0\]\.bridge is not a bridge$/],
    [
      JSON.stringify({
        format: 1,
        bridges: [
          {
            bridge: { name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'STANDALONE' },
            controllers: [{ target: 'ptcp:0:127.0.0.1' }, { target: 'tcp:127.0.0.1:99999' }],
            snoops: [],
          },
        ],
      }),
      /: bridges\[0\]: controllers\[1\]\.target: "tcp:127\.0\.0\.1:99999"/,
    ],
  ];
  for (const [text, message] of cases) {
    writeFileSync(file, text);
    const e = await ApiServer.start('127.0.0.1:0', { stateDir: dir }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (err: unknown) => err,
    );
    t.true(e instanceof StateFileError, `${text}: ${String(e)}`);
    t.true((e as Error).message.startsWith(`state file ${file}: `), (e as Error).message);
    t.regex((e as Error).message, message);
    t.is(readFileSync(file, 'utf8'), text, 'the file is left for the operator to look at');
  }
});
