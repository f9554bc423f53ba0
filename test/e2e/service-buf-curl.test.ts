/**
 * End to end, the API as `buf curl` (npm @bufbuild/buf) sees it (issue 6,
 * "Proven by end-to-end tests with real processes"): an `ofconnmgr serve`
 * process with bridge br0, its `ofconnmgr agent` process and a connected
 * controller, and the README's own `buf curl` lines, read from README.md and
 * run as written, with only the addresses (and TLS files) replaced by the
 * test's.  Through server reflection, with no copy of a proto, they list
 * the services (the API, health and reflection itself, as other gRPC
 * servers list them), call GetControllerInfo and SetControllers, and find
 * health SERVING.  The TLS line lists the services over mutual TLS.
 */

import test, { type ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ControllerServer } from '../support/of-client.js';
import { freeLoopbackPort } from '../support/loopback.js';
import { ServiceLab } from '../support/service-lab.js';
import { TestPki } from '../support/test-pki.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Splits a shell command line into words: whitespace separates, '...' quotes, \ escapes (all the README uses). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * The `npx buf curl` commands of README.md's sh blocks, in order, as argv
 * (continuation lines joined, comments left out).
 */
function readmeBufCurls(): string[][] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const out: string[][] = [];
  for (const [, block] of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block!.replace(/\\\n/g, ' ').split('\n').filter((l) => l.startsWith('npx buf curl '));
    out.push(...lines.map(shellWords));
  }
  return out;
}

/** Runs 'argv' (an `npx ...` command) in the repository's root: its exit status and output. */
function run(argv: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      resolve({ status: err ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs a README command, failing the test unless it exits 0. */
async function runOk(t: ExecutionContext, argv: readonly string[]): Promise<string> {
  const r = await run(argv);
  if (r.status !== 0) t.fail(`${argv.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The README command whose words include 'word'. */
function commandWith(commands: readonly string[][], word: string | RegExp): string[] {
  const c = commands.find((argv) => argv.some((w) => (typeof word === 'string' ? w === word : word.test(w))));
  if (!c) throw new Error(`README.md has no buf curl line with ${word}`);
  return c;
}

test('the README\'s buf curl lines, as written: reflection lists the services, GetControllerInfo answers what list-controllers shows, SetControllers applies, health is SERVING (§4.12.1)', async (t) => {
  t.timeout(180_000);
  const commands = readmeBufCurls().filter((argv) => argv.includes('--http2-prior-knowledge'));
  t.is(commands.length, 4, 'four plaintext lines: list, GetControllerInfo, SetControllers, health');
  const lab = await ServiceLab.start(t);
  const listenPort = await freeLoopbackPort();
  const controller = await ControllerServer.start(4);
  const second = await ControllerServer.start(4);
  t.teardown(() => Promise.all([controller.close(), second.close()]));
  await lab.ctlOk('add-br', 'br0');
  await lab.startAgent('br0', ['--ports', '2']);
  await lab.ctlOk('set-controller', 'br0', `ptcp:${listenPort}:127.0.0.1`, controller.target);
  await controller.next(20_000);
  // The README's addresses become the test's: the service, the service listener, the controller.
  const local = (argv: string[]): string[] => argv.map((w) => w
    .replace('127.0.0.1:50051', lab.server)
    .replace('"ptcp:6634:127.0.0.1"', `"ptcp:${listenPort}:127.0.0.1"`)
    .replace('"tcp:127.0.0.1:6653"', `"${second.target}"`));

  const listed = await runOk(t, local(commandWith(commands, '--list-services')));
  t.deepEqual(listed.split('\n').filter((l) => l !== '').sort(), [
    'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection', 'ofconnmgr.v1.ConnectionManager',
  ]);

  const info = JSON.parse(await runOk(t, local(commandWith(commands, /\/GetControllerInfo$/)))) as {
    controllers: { target: string; type: string; isConnected?: boolean; role?: string; status?: { key: string; value: string }[]; sessions?: number }[];
  };
  t.deepEqual(info.controllers.map((c) => c.target), [`ptcp:${listenPort}:127.0.0.1`, controller.target]);
  t.deepEqual(info.controllers[0], { target: `ptcp:${listenPort}:127.0.0.1`, type: 'SERVICE' }, 'a passive target has no status (§4.12.2)');
  const active = info.controllers[1]!;
  t.like(active, { type: 'PRIMARY', isConnected: true, role: 'OTHER', sessions: 1 });
  t.deepEqual(active.status?.map((p) => p.key), ['state', 'sec_since_connect']);
  t.deepEqual(active.status?.[0], { key: 'state', value: 'ACTIVE' });
  t.regex(active.status?.[1]?.value ?? '', /^\d+$/);

  t.deepEqual(JSON.parse(await runOk(t, local(commandWith(commands, /\/SetControllers$/)))), {});
  t.deepEqual(await lab.ctlOk('get-controller', 'br0'), [`ptcp:${listenPort}:127.0.0.1`, second.target]);
  await second.next(20_000);
  t.like((await lab.listControllers('br0'))[1], { target: second.target, is_connected: true });

  t.deepEqual(JSON.parse(await runOk(t, local(commandWith(commands, /\/grpc\.health\.v1\.Health\/Check$/)))), { status: 'SERVING' });
});

test('the README\'s buf curl line for TLS lists the services over mutual TLS', async (t) => {
  t.timeout(120_000);
  const pki = new TestPki();
  t.teardown(() => pki.remove());
  const ca = pki.authority('e2e-ca');
  const server = pki.issue(ca, 'localhost', { altNames: ['DNS:localhost', 'IP:127.0.0.1'] });
  const client = pki.issue(ca, 'e2e-client');
  const lab = await ServiceLab.start(t, ['--tls-cert', server.cert, '--tls-key', server.key, '--tls-client-ca', ca.cert]);
  const line = commandWith(readmeBufCurls(), '--cacert');
  const files: Record<string, string> = { 'ca.pem': ca.cert, 'client.pem': client.cert, 'client.key': client.key };
  const argv = line.map((w) => files[w] ?? w.replace('localhost:50051', `localhost:${lab.server.split(':')[1]}`));
  const listed = await runOk(t, argv);
  t.true(listed.split('\n').includes('ofconnmgr.v1.ConnectionManager') && listed.split('\n').includes('grpc.health.v1.Health'), listed);
  // Without the client's key pair the handshake is refused.
  const refused = await run(argv.filter((w, i) => !['--cert', '--key'].includes(w) && !['--cert', '--key'].includes(argv[i - 1]!)));
  t.not(refused.status, 0, refused.stdout);
});
