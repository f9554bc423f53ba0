/**
 * `ofconnmgr ofp-print` as a user runs it: a real process, exit status,
 * standard output and standard error.
 */

import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function ofconnmgr(args: string[], input?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', main, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

test('ofp-print prints one line per message', async (t) => {
  const r = await ofconnmgr(['ofp-print', '0400000800000000', '0405000800000007']);
  t.is(r.status, 0, r.stderr);
  t.deepEqual(r.stdout.trim().split('\n'), [
    'OFPT_HELLO (OF1.3) (xid=0x0): version bitmap: 0x01, 0x02, 0x03, 0x04',
    'OFPT_FEATURES_REQUEST (OF1.3) (xid=0x7)',
  ]);
});

test('ofp-print - reads one message per line of standard input', async (t) => {
  const r = await ofconnmgr(['ofp-print', '-'], '0109000c0123456700040080\n\n0112000800000001\n');
  t.is(r.status, 0, r.stderr);
  t.deepEqual(r.stdout.trim().split('\n'), [
    'OFPT_SET_CONFIG (OF1.0) (xid=0x1234567): frags=normal invalid_ttl_to_controller miss_send_len=128',
    'OFPT_BARRIER_REQUEST (OF1.0) (xid=0x1)',
  ]);
});

test('ofp-print --json prints the neutral form; --reencode the same bytes', async (t) => {
  const hex = '0109000c0123456700040080';
  const j = await ofconnmgr(['ofp-print', '--json', hex]);
  t.is(j.status, 0, j.stderr);
  t.deepEqual(JSON.parse(j.stdout), { type: 'set_config', version: 1, xid: 0x01234567, flags: 4, missSendLen: 128 });
  const r = await ofconnmgr(['ofp-print', '--reencode', hex]);
  t.is(r.stdout.trim(), hex);
});

test('ofp-print: bad hex and undecodable messages give one line on stderr naming the error, exit 1', async (t) => {
  const bad = await ofconnmgr(['ofp-print', 'xyz']);
  t.is(bad.status, 1);
  t.is(bad.stderr.trim().split('\n').length, 1);
  t.regex(bad.stderr, /not hex/);
  const undecodable = await ofconnmgr(['ofp-print', '04ff000800000000']);
  t.is(undecodable.status, 1);
  t.is(undecodable.stdout, '');
  t.regex(undecodable.stderr.trim(), /^ofp-print: OFPBRC_BAD_TYPE: /);
  t.is(undecodable.stderr.trim().split('\n').length, 1);
});
