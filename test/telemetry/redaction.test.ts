/**
 * Key material never reaches the log (src/telemetry/logger.ts): a
 * configuration holding a real private key, its passphrase and PEM
 * certificates is logged, and the captured output has none of their text,
 * only "[redacted]" where they were, while file names stay.
 */

import { readFileSync } from 'node:fs';
import test from 'ava';
import { createLogger, REDACTED } from '../../src/telemetry/index.js';
import { LogCapture } from '../support/log-capture.js';
import { TestPki } from '../support/test-pki.js';

/** The base64 body lines of PEM text 'pem' (what would give the key away). */
function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
}

test('private keys, passphrases and certificates are redacted from every line, at any depth, under every usual name', (t) => {
  const pki = new TestPki();
  t.teardown(() => pki.remove());
  const ca = pki.authority('ca');
  const keyPem = readFileSync(ca.key, 'utf8');
  const certPem = readFileSync(ca.cert, 'utf8');
  t.true(keyPem.includes('PRIVATE KEY'), 'a real key');
  const capture = new LogCapture();
  const logger = createLogger({ destination: capture, level: 'debug' });

  logger.info({ config: { listen: '127.0.0.1:50051', tls: { key: keyPem, cert: certPem, ca: certPem, passphrase: 'hunter2-passphrase', keyFile: ca.key } } }, 'starting');
  logger.child({ bridge: 'br0' }).warn({ credentials: { privateKey: keyPem, certificate: certPem, caCert: certPem } }, 'transport');
  logger.debug({ api: { tls: { server: { private_key: keyPem, cert_chain: certPem, root_certs: certPem } } } }, 'grpc credentials');
  logger.error({ privateKey: keyPem, password: 'hunter2-password' }, 'top level');

  t.is(capture.lines.length, 4);
  const text = capture.text;
  for (const line of [...pemBody(keyPem), ...pemBody(certPem)]) t.false(text.includes(line), `leaked: ${line}`);
  t.false(text.includes('PRIVATE KEY'));
  t.false(text.includes('BEGIN CERTIFICATE'));
  t.false(text.includes('hunter2'));
  t.like(capture.lines[0], { config: { listen: '127.0.0.1:50051', tls: { key: REDACTED, cert: REDACTED, ca: REDACTED, passphrase: REDACTED, keyFile: ca.key } } });
  t.like(capture.lines[1], { bridge: 'br0', credentials: { privateKey: REDACTED, certificate: REDACTED, caCert: REDACTED } });
  t.like(capture.lines[2], { api: { tls: { server: { private_key: REDACTED, cert_chain: REDACTED, root_certs: REDACTED } } } });
  t.like(capture.lines[3], { privateKey: REDACTED, password: REDACTED, msg: 'top level' });
});
