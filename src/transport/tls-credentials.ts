/**
 * TLS keys and certificates for ssl: and pssl: (reference §3.6; Open
 * vSwitch keeps them as globals in lib/stream-ssl.c, here they are one
 * object that the service builds and hands to every TLS open and listen).
 *
 * Files are read lazily and re-read when they change: each new connection
 * (dialled or accepted) stats them, and a changed inode, size or
 * modification time means they are read again, so a rotated key and
 * certificate are used by the next connection without a restart.  A
 * missing or unusable key, certificate or CA certificate makes that
 * connection fail with ENOPROTOOPT and a message naming the file.
 *
 * Bootstrap (client side only): when enabled and the CA certificate file
 * does not exist yet, a client connects without verifying the server,
 * takes the last certificate of the chain the server sent, checks that it
 * is self-signed, writes it to the CA file (created exclusively, mode
 * 0444, complete from the moment it appears) and fails that connection
 * with EPROTO; the next connection reads
 * the file and verifies the server against it.
 */

import { X509Certificate, randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink } from 'node:fs/promises';
import { createSecureContext, type DetailedPeerCertificate, type SecureContext, type SecureContextOptions } from 'node:tls';
import { ConnectError, errnoOf } from './stream-error.js';

/** Oldest TLS version accepted in either direction (§3.6: TLSv1.2+). */
export const TLS_MIN_VERSION = 'TLSv1.2';

/** Where the key material lives. */
export interface TlsFiles {
  /** PEM private key (Open vSwitch's --private-key). */
  readonly privateKeyFile?: string;
  /** PEM certificate for that key, optionally followed by its chain (--certificate). */
  readonly certificateFile?: string;
  /** PEM certificate(s) of the CA that signs peers' certificates (--ca-cert). */
  readonly caCertFile?: string;
  /** Learn the CA certificate from the first server when caCertFile does not exist (--bootstrap-ca-cert). */
  readonly bootstrapCaCert?: boolean;
  /** A CA certificate sent after our certificate, so that bootstrapping peers can learn it (--peer-ca-cert). */
  readonly peerCaCertFile?: string;
  /** SNI name sent by clients instead of the target's host name (--ssl-server-name). */
  readonly serverName?: string;
}

/** The key material of one generation of the files. */
export interface TlsMaterial {
  /** Increases each time the files are found changed and read again. */
  readonly generation: number;
  /** Options for a server-side secure context (key, certificate chain, CA). */
  readonly serverOptions: SecureContextOptions | null;
  /** The client-side secure context. */
  readonly clientContext: SecureContext;
  /** True if clients must bootstrap the CA certificate (the file does not exist yet). */
  readonly bootstrap: boolean;
  /** Why a server cannot use this material (no CA file), or null. */
  readonly serverProblem: string | null;
}

type Role = 'private key' | 'certificate' | 'CA certificate' | 'peer CA certificate';

/** What stat() said about one file: a fingerprint of its identity and age, or that it is missing. */
type Stamp = { readonly missing: false; readonly key: string } | { readonly missing: true };

async function stampOf(targetText: string, role: Role, path: string): Promise<Stamp> {
  try {
    const s = await stat(path, { bigint: true });
    return { missing: false, key: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` };
  } catch (e) {
    const { code, detail } = errnoOf(e);
    if (code === 'ENOENT') return { missing: true };
    throw new ConnectError('ENOPROTOOPT', targetText, `${role} file ${path}: ${detail}`, { cause: e });
  }
}

async function readPem(targetText: string, role: Role, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const { code } = errnoOf(e);
    throw new ConnectError('ENOPROTOOPT', targetText, `cannot read ${role} file ${path}: ${code}`, { cause: e });
  }
}

export class TlsCredentials {
  readonly files: TlsFiles;

  /** The material as of the last read, and the stamps it was read under. */
  private cached: { stamps: string; material: TlsMaterial } | null = null;
  private generation = 0;

  /** Keeps 'files'; reads nothing yet and never throws. */
  constructor(files: TlsFiles) {
    this.files = { ...files };
  }

  /**
   * Returns the current key material, reading the files again if any of
   * them changed since the last call.  Rejects with ConnectError
   * ENOPROTOOPT, naming 'targetText' and the file, when the private key or
   * the certificate is not configured, missing or unreadable, when they do
   * not match, when the CA certificate is missing without bootstrap, or
   * when a file is not valid PEM.
   */
  material(targetText: string): Promise<TlsMaterial> {
    return this.load(targetText);
  }

  /**
   * Learns the CA certificate from a server during bootstrap (§3.6).
   * 'peer' is the server's certificate with its chain, as given by
   * TLSSocket.getPeerCertificate(true).  Always returns the error the
   * connection must fail with: EPROTO once the file is written ("successfully
   * bootstrapped CA cert to ..."), EPROTO if the chain has no self-signed
   * certificate at its end or if another connection wrote the file first,
   * or the errno of a failed write.  Never throws.
   */
  async bootstrapFrom(targetText: string, peer: DetailedPeerCertificate | undefined): Promise<ConnectError> {
    const file = this.files.caCertFile;
    if (!file) return new ConnectError('ENOPROTOOPT', targetText, 'no CA certificate file configured to bootstrap into');
    if (!peer || !peer.raw || peer.raw.length === 0) {
      return new ConnectError('EPROTO', targetText, 'could not bootstrap CA cert: no certificate presented by peer');
    }
    let last = peer;
    let length = 1;
    while (length < 16) {
      const next = last.issuerCertificate;
      if (!next || next === last || next.fingerprint256 === last.fingerprint256 || !next.raw) break;
      last = next;
      length++;
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(last.raw);
    } catch (e) {
      return new ConnectError('EPROTO', targetText, 'could not bootstrap CA cert: unreadable certificate from peer', { cause: e });
    }
    if (!cert.checkIssued(cert) || !cert.verify(cert.publicKey)) {
      const hint = length < 2 ? '; only one certificate was received, so probably the peer is not configured to send its CA certificate' : '';
      return new ConnectError('EPROTO', targetText, `could not bootstrap CA cert: obtained certificate is not self-signed${hint}`);
    }
    // Written aside and linked into place, so that the file appears
    // exclusively (link fails if it exists) and never half-written.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(aside, 'wx', 0o444);
      try {
        await handle.writeFile(cert.toString());
      } finally {
        await handle.close();
      }
      await link(aside, file);
    } catch (e) {
      const { code, detail } = errnoOf(e);
      if (code === 'EEXIST') {
        this.cached = null;
        return new ConnectError('EPROTO', targetText, `CA cert ${file} was created by another connection or process; the next connection uses it`);
      }
      return new ConnectError(code, targetText, `could not bootstrap CA cert: creating ${file} failed: ${detail}`, { cause: e });
    } finally {
      await unlink(aside).catch(() => undefined);
    }
    this.cached = null;
    return new ConnectError(
      'EPROTO',
      targetText,
      `successfully bootstrapped CA cert to ${file} (${cert.subject.replace(/\n/g, ', ')}); closing this connection so that the next one is verified`,
    );
  }

  private async load(targetText: string): Promise<TlsMaterial> {
    const f = this.files;
    if (!f.privateKeyFile) throw new ConnectError('ENOPROTOOPT', targetText, 'Private key must be configured to use SSL');
    if (!f.certificateFile) throw new ConnectError('ENOPROTOOPT', targetText, 'Certificate must be configured to use SSL');
    if (!f.caCertFile) throw new ConnectError('ENOPROTOOPT', targetText, 'CA certificate must be configured to use SSL');

    const [keyStamp, certStamp, caStamp, peerCaStamp] = await Promise.all([
      stampOf(targetText, 'private key', f.privateKeyFile),
      stampOf(targetText, 'certificate', f.certificateFile),
      stampOf(targetText, 'CA certificate', f.caCertFile),
      f.peerCaCertFile ? stampOf(targetText, 'peer CA certificate', f.peerCaCertFile) : Promise.resolve<Stamp>({ missing: true }),
    ]);
    if (keyStamp.missing) throw new ConnectError('ENOPROTOOPT', targetText, `private key file ${f.privateKeyFile} does not exist`);
    if (certStamp.missing) throw new ConnectError('ENOPROTOOPT', targetText, `certificate file ${f.certificateFile} does not exist`);
    if (caStamp.missing && !f.bootstrapCaCert) {
      throw new ConnectError('ENOPROTOOPT', targetText, `CA certificate file ${f.caCertFile} does not exist`);
    }
    if (f.peerCaCertFile && peerCaStamp.missing) {
      throw new ConnectError('ENOPROTOOPT', targetText, `peer CA certificate file ${f.peerCaCertFile} does not exist`);
    }
    const stamps = [keyStamp, certStamp, caStamp, peerCaStamp].map((s) => (s.missing ? '-' : s.key)).join('|');
    if (this.cached && this.cached.stamps === stamps) return this.cached.material;

    const bootstrap = caStamp.missing;
    const [key, cert, ca, peerCa] = await Promise.all([
      readPem(targetText, 'private key', f.privateKeyFile),
      readPem(targetText, 'certificate', f.certificateFile),
      bootstrap ? Promise.resolve(null) : readPem(targetText, 'CA certificate', f.caCertFile),
      f.peerCaCertFile ? readPem(targetText, 'peer CA certificate', f.peerCaCertFile) : Promise.resolve(null),
    ]);
    const chain = peerCa ? Buffer.concat([cert, Buffer.from('\n'), peerCa]) : cert;
    let clientContext: SecureContext;
    try {
      // An empty CA list while bootstrapping keeps Node's public roots out of the peer's chain.
      clientContext = createSecureContext({ key, cert: chain, ca: ca ?? [], minVersion: TLS_MIN_VERSION });
    } catch (e) {
      const { detail } = errnoOf(e);
      throw new ConnectError(
        'ENOPROTOOPT',
        targetText,
        `unusable TLS files (private key ${f.privateKeyFile}, certificate ${f.certificateFile}, CA certificate ${f.caCertFile}): ${detail}`,
        { cause: e },
      );
    }
    const material: TlsMaterial = {
      generation: ++this.generation,
      serverOptions: ca ? { key, cert: chain, ca, minVersion: TLS_MIN_VERSION } : null,
      clientContext,
      bootstrap,
      serverProblem: ca ? null : `CA certificate file ${f.caCertFile} does not exist (bootstrapping applies to client connections only)`,
    };
    this.cached = { stamps, material };
    return material;
  }
}
