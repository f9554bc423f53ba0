/**
 * The service's logger: pino, one JSON object a line, to standard output
 * by default or to any destination stream (tests capture one).  Every line
 * has an ISO time, a level name ('debug', 'info', 'warn', 'error', as Open
 * vSwitch's DBG, INFO, WARN, ERR) and the message; event-log.ts adds child
 * loggers per bridge ({"bridge":"br0"}) and per session
 * ({"session":"br0<->tcp:127.0.0.1:6653"}, as OVS names sessions).
 *
 * Key material is never written: whatever object is logged, a property
 * named like a private key, a passphrase or certificate contents (see
 * REDACTED_KEYS) is replaced by "[redacted]" down to five levels deep,
 * through pino's redact paths.  File names of keys are not secret and stay.
 */

import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Level, Logger } from 'pino';

/**
 * Property names whose values are key material: private keys, their
 * passphrases, certificates and CA certificates as PEM or DER contents
 * (the names of Node's TLS options, of the transport's and the API's
 * credentials, and the usual spellings).
 */
export const REDACTED_KEYS: readonly string[] = [
  'key', 'privateKey', 'private_key', 'privateKeyPem', 'private_key_pem',
  'passphrase', 'password', 'pfx',
  'cert', 'certificate', 'certificatePem', 'certificate_pem', 'certChain', 'cert_chain',
  'ca', 'caCert', 'ca_cert', 'caCertificate', 'ca_certificate',
  'rootCerts', 'root_certs',
];

/** How deep below the logged object redaction looks (pino's paths are explicit; 'a.*.*.key' and so on). */
const REDACT_DEPTH = 5;

/** The pino redact paths for REDACTED_KEYS at every depth up to REDACT_DEPTH. */
export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const name of REDACTED_KEYS) {
    for (let depth = 0; depth < REDACT_DEPTH; depth++) paths.push([...Array<string>(depth).fill('*'), name].join('.'));
  }
  return paths;
}

/** The value that replaces redacted key material. */
export const REDACTED = '[redacted]';

/** Options of createLogger(). */
export interface LoggerOptions {
  /** Where the JSON lines go; default standard output, written synchronously so nothing is lost at exit. */
  readonly destination?: DestinationStream;
  /** The least severe level written; default 'info'. */
  readonly level?: Level;
}

/** The levels a user may choose, least severe first. */
export const LOG_LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** Returns true if 'text' names a pino level. */
export function isLogLevel(text: string): text is Level {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

/**
 * The root logger of the service ({"name":"ofconnmgr"} on every line),
 * with key material redacted.  Does not throw.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'ofconnmgr',
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
