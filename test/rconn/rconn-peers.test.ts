/**
 * The rconn driver against real, independently written OpenFlow peers from
 * Debian's packages: ovs-testcontroller as the controller a reliable rconn
 * dials, and ovs-ofctl as a service client of an accepted (unreliable) one.
 */

import test from 'ava';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock/clock.js';
import { encode, type OfpMessage } from '../../src/openflow/index.js';
import { Rconn } from '../../src/rconn/rconn.js';
import { listen } from '../../src/transport/index.js';
import { freeLoopbackPort, until as waitUntil } from '../support/loopback.js';

/** Runs a command without blocking the event loop (our own listeners must keep answering). */
function run(cmd: string, args: string[], timeout = 10_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, encoding: 'utf8' }, (err, stdout, stderr) => {
      const status = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

const until = (pred: () => boolean, what: string, ms = 10_000): Promise<void> => waitUntil(pred, what, ms);

/** Starts ovs-testcontroller listening on a free loopback port with 'protocols'. */
async function testController(protocols: string): Promise<{ port: number; proc: ChildProcess; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-tc-'));
  const port = await freeLoopbackPort();
  const proc = spawn('ovs-testcontroller', ['-O', protocols, `ptcp:${port}:127.0.0.1`, `--unixctl=${join(dir, 'tc.ctl')}`, '-vconsole:off'], {
    stdio: 'ignore',
  });
  // Never leave it running: not when this process ends, not when it fails to start.
  const killOnExit = (): void => void proc.kill();
  process.once('exit', killOnExit);
  // Wait until it listens (probing in its own version: a version it refuses would look like silence).
  const deadline = Date.now() + 10_000;
  while ((await run('ovs-ofctl', ['-O', protocols, '-t', '1', 'probe', `tcp:127.0.0.1:${port}`])).status !== 0) {
    if (Date.now() > deadline) {
      proc.kill();
      throw new Error('ovs-testcontroller did not listen');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    proc,
    stop: () => {
      process.off('exit', killOnExit);
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const [protocols, version] of [['OpenFlow10', 1], ['OpenFlow13', 4]] as const) {
  test(`§1.1.6 an rconn to ovs-testcontroller -O ${protocols} reaches ACTIVE at version ${version} and receives FEATURES_REQUEST`, async (t) => {
    const tc = await testController(protocols);
    t.teardown(tc.stop);
    const got: OfpMessage[] = [];
    const rc = new Rconn({ clock: systemClock, onMessage: (m) => void (m instanceof Error || got.push(m)) });
    t.teardown(() => rc.destroy());
    rc.connect(`tcp:127.0.0.1:${tc.port}`);
    await until(() => rc.isConnected, 'ACTIVE');
    t.is(rc.status().state, 'ACTIVE');
    t.is(rc.version, version);
    await until(() => got.some((m) => m.type === 'features_request'), 'FEATURES_REQUEST');
    const fr = got.find((m) => m.type === 'features_request')!;
    t.is(fr.version, version);
  });
}

for (const [protocols, version] of [['OpenFlow10', '0x01'], ['OpenFlow13', '0x04']] as const) {
  test(`§2.2-2.4 ovs-ofctl -O ${protocols} probe on a ptcp: listener: clean HELLO exchange and the ECHO answered`, async (t) => {
    const accepted: Rconn[] = [];
    const lst = await listen('ptcp:0:127.0.0.1', {
      onAccept: (stream) => {
        const rc: Rconn = new Rconn({
          clock: systemClock,
          // §2.8: the owner answers ECHO_REQUEST with its xid, version and payload.
          onMessage: (m) => {
            if (!(m instanceof Error) && m.type === 'echo_request') rc.send(encode({ ...m, type: 'echo_reply' }));
          },
        });
        rc.adopt(stream);
        accepted.push(rc);
      },
    });
    t.teardown(async () => {
      accepted.forEach((r) => r.destroy());
      await lst.close();
    });
    const r = await run('ovs-ofctl', ['-O', protocols, '-t', '5', '-vvconn:dbg', 'probe', `tcp:127.0.0.1:${lst.port}`]);
    t.is(r.status, 0, r.stderr);
    t.regex(r.stderr, new RegExp(`negotiated OpenFlow version ${version}`));
    t.regex(r.stderr, /received: OFPT_ECHO_REPLY/);
    t.notRegex(r.stderr, /\|(WARN|ERR)\|/);
  });
}
