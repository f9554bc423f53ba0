/**
 * `ofconnmgr serve`'s options (src/cli/serve-options.ts): flags, the
 * OFCONNMGR_* variables that stand for them, which wins, and the problems
 * reported for values that cannot work.
 */

import test from 'ava';
import { DEFAULT_STATE_DIR } from '../../src/api/index.js';
import { DEFAULT_LISTEN, envNameOf, parseServeOptions, SERVE_USAGE } from '../../src/cli/serve-options.js';

test('no flags and no variables: plaintext on 127.0.0.1:50051, state in ./var', (t) => {
  t.deepEqual(parseServeOptions([], {}), { listen: DEFAULT_LISTEN, stateDir: DEFAULT_STATE_DIR, demo: false, inProcessDatapath: false });
  t.is(DEFAULT_LISTEN, '127.0.0.1:50051');
});

test('each flag has a variable OFCONNMGR_<FLAG>, and the usage line lists every flag', (t) => {
  t.is(envNameOf('--tls-client-ca'), 'OFCONNMGR_TLS_CLIENT_CA');
  t.is(envNameOf('--state-dir'), 'OFCONNMGR_STATE_DIR');
  for (const flag of ['--listen', '--state-dir', '--demo', '--tls-cert', '--tls-key', '--tls-client-ca', '--health-listen']) {
    t.true(SERVE_USAGE.includes(`[${flag}`), flag);
  }
});

test('variables configure everything a flag does; a flag wins over its variable; an empty variable is unset', (t) => {
  const env = {
    OFCONNMGR_LISTEN: '0.0.0.0:50051',
    OFCONNMGR_STATE_DIR: '/var/lib/ofconnmgr',
    OFCONNMGR_DEMO: 'true',
    OFCONNMGR_TLS_CERT: '/tls/tls.crt',
    OFCONNMGR_TLS_KEY: '/tls/tls.key',
    OFCONNMGR_TLS_CLIENT_CA: '',
    OFCONNMGR_HEALTH_LISTEN: '0.0.0.0:50052',
    OFCONNMGR_UNRELATED: 'ignored',
  };
  t.deepEqual(parseServeOptions([], env), {
    listen: '0.0.0.0:50051',
    stateDir: '/var/lib/ofconnmgr',
    demo: true,
    inProcessDatapath: false,
    tlsCert: '/tls/tls.crt',
    tlsKey: '/tls/tls.key',
    healthListen: '0.0.0.0:50052',
  });
  const o = parseServeOptions(['--listen', '127.0.0.1:7000', '--tls-client-ca=/tls/ca.crt', '--state-dir', '/tmp/s'], env);
  t.like(o, { listen: '127.0.0.1:7000', tlsClientCa: '/tls/ca.crt', stateDir: '/tmp/s', tlsCert: '/tls/tls.crt' });
  t.like(parseServeOptions([], { OFCONNMGR_DEMO: 'false' }), { demo: false });
});

test('problems name the flag or the variable that has them', (t) => {
  t.is(parseServeOptions([], { OFCONNMGR_LISTEN: 'nowhere' }), 'OFCONNMGR_LISTEN needs HOST:PORT, not "nowhere"');
  t.is(parseServeOptions(['--health-listen', '[::1]:99999'], {}), '--health-listen: port out of range in "[::1]:99999"');
  t.is(parseServeOptions([], { OFCONNMGR_DEMO: 'maybe' }), 'OFCONNMGR_DEMO must be true or false, not "maybe"');
  t.is(parseServeOptions(['--tls-cert'], {}), '--tls-cert needs a file');
  t.is(parseServeOptions(['--demo=1'], {}), '--demo takes no value');
  t.is(parseServeOptions(['--bogus'], {}), 'unknown argument "--bogus"');
});

test('TLS options go together: cert with key, client CA only with both (from flags and variables alike)', (t) => {
  t.regex(parseServeOptions(['--tls-cert', 'c.pem'], {}) as string, /--tls-cert and --tls-key go together/);
  t.regex(parseServeOptions([], { OFCONNMGR_TLS_KEY: 'k.pem' }) as string, /--tls-cert and --tls-key go together/);
  t.regex(parseServeOptions(['--tls-client-ca', 'ca.pem'], {}) as string, /--tls-client-ca \(mutual TLS\) needs --tls-cert and --tls-key/);
  t.like(parseServeOptions(['--tls-cert', 'c.pem'], { OFCONNMGR_TLS_KEY: 'k.pem' }), { tlsCert: 'c.pem', tlsKey: 'k.pem' });
});
