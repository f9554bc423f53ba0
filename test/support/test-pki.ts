/**
 * A throw-away public key infrastructure for TLS tests, made with the
 * `openssl` command at test time in a temporary directory: certificate
 * authorities, and certificates they sign (valid, or already expired via
 * `openssl ca -startdate/-enddate` in the past).  EC P-256 keys keep it fast.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and its certificate, as files. */
export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

/** A certificate authority: its key pair and the `openssl ca` configuration that signs with it. */
export interface Authority extends KeyPair {
  readonly name: string;
  readonly config: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export class TestPki {
  readonly dir: string;

  /** Creates an empty directory for the files; remove() deletes it. */
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'ofconnmgr-pki-'));
  }

  /** A new self-signed certificate authority named 'name'. */
  authority(name: string): Authority {
    const home = join(this.dir, name);
    mkdirSync(join(home, 'issued'), { recursive: true });
    writeFileSync(join(home, 'index.txt'), '');
    writeFileSync(join(home, 'serial'), '1000\n');
    const key = join(home, 'ca.key');
    const cert = join(home, 'ca.pem');
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key], home);
    openssl(
      [
        'req', '-x509', '-new', '-key', key, '-sha256', '-days', '3650', '-subj', `/CN=${name}`, '-out', cert,
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      ],
      home,
    );
    const config = join(home, 'ca.cnf');
    writeFileSync(
      config,
      [
        '[ca]',
        'default_ca = this_ca',
        '[this_ca]',
        `database = ${join(home, 'index.txt')}`,
        `new_certs_dir = ${join(home, 'issued')}`,
        `serial = ${join(home, 'serial')}`,
        `certificate = ${cert}`,
        `private_key = ${key}`,
        'default_md = sha256',
        'policy = any_name',
        'unique_subject = no',
        'copy_extensions = none',
        'x509_extensions = leaf',
        '[any_name]',
        'commonName = supplied',
        '[leaf]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage = serverAuth,clientAuth',
        '',
      ].join('\n'),
    );
    return { name, key, cert, config };
  }

  /**
   * A key and a certificate with common name 'cn' signed by 'ca', valid for
   * 30 days from now, or, with 'expired', valid only during January 2020.
   * 'file' names the files (default: cn); 'altNames' adds a
   * subjectAltName extension (e.g. ['IP:127.0.0.1', 'DNS:localhost']), which
   * clients that check the host name need.
   */
  issue(ca: Authority, cn: string, options: { expired?: boolean; file?: string; altNames?: readonly string[] } = {}): KeyPair {
    const base = join(this.dir, options.file ?? cn);
    const key = `${base}.key`;
    const csr = `${base}.csr`;
    const cert = `${base}.pem`;
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key], this.dir);
    openssl(['req', '-new', '-key', key, '-subj', `/CN=${cn}`, '-out', csr], this.dir);
    const validity = options.expired ? ['-startdate', '20200101000000Z', '-enddate', '20200131000000Z'] : ['-days', '30'];
    const extensions: string[] = [];
    if (options.altNames?.length) {
      const extfile = `${base}.ext`;
      writeFileSync(
        extfile,
        [
          '[leaf_san]',
          'basicConstraints = CA:FALSE',
          'keyUsage = critical,digitalSignature,keyEncipherment',
          'extendedKeyUsage = serverAuth,clientAuth',
          `subjectAltName = ${options.altNames.join(',')}`,
          '',
        ].join('\n'),
      );
      extensions.push('-extfile', extfile, '-extensions', 'leaf_san');
    }
    openssl(['ca', '-batch', '-notext', '-config', ca.config, '-in', csr, '-out', cert, ...validity, ...extensions], this.dir);
    return { key, cert };
  }

  /** Deletes every file. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
