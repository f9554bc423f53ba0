/**
 * TLS for the gRPC API (server.ts): the server's private key and
 * certificate and, for mutual TLS, the CA certificate that every client's
 * certificate must chain to.  They are read from PEM files and checked once,
 * before the server binds, so that a wrong file stops `serve` with one line
 * naming the file rather than failing each handshake later.
 *
 * This is the API's own TLS, distinct from the OpenFlow side's ssl:/pssl:
 * (src/transport/tls-credentials.ts), which re-reads its files for every
 * connection.  Here the files are read once: a rotated certificate takes
 * effect when the service restarts.
 */

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import * as grpc from '@grpc/grpc-js';

/** Where the API's key material lives. */
export interface ApiTlsFiles {
  /** PEM certificate of the server, optionally followed by its chain. */
  readonly certFile: string;
  /** PEM private key of that certificate. */
  readonly keyFile: string;
  /** PEM certificate(s) of the CA that signs client certificates; given = mutual TLS. */
  readonly clientCaFile?: string;
}

/** A TLS file that cannot be used; the message names the file and the problem. */
export class ApiTlsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiTlsError';
  }
}

function readPem(role: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new ApiTlsError(`cannot read ${role} file ${path}: ${code}`);
  }
}

function certificateOf(role: string, path: string, pem: Buffer): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ApiTlsError(`${role} file ${path}: not a PEM certificate`);
  }
}

function privateKeyOf(path: string, pem: Buffer): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new ApiTlsError(`private key file ${path}: not a PEM private key (or an encrypted one)`);
  }
}

/**
 * Reads and checks 'files' and returns grpc-js server credentials: TLS
 * (TLS 1.2 or newer, Node's default) with the certificate and key, and with
 * 'clientCaFile' mutual TLS, where a client without a certificate or with
 * one that does not verify against that CA is refused during the
 * handshake.  Throws ApiTlsError, naming the file, when a file cannot be
 * read, is not PEM of the right kind, when the key does not belong to the
 * certificate, or when the client CA file holds no CA certificate.  Reads
 * files synchronously; no other side effect.
 */
export function apiServerCredentials(files: ApiTlsFiles): grpc.ServerCredentials {
  const certPem = readPem('certificate', files.certFile);
  const keyPem = readPem('private key', files.keyFile);
  const cert = certificateOf('certificate', files.certFile, certPem);
  const key = privateKeyOf(files.keyFile, keyPem);
  if (!cert.checkPrivateKey(key)) {
    throw new ApiTlsError(`private key file ${files.keyFile} does not belong to certificate file ${files.certFile}`);
  }
  let clientCa: Buffer | null = null;
  if (files.clientCaFile !== undefined) {
    clientCa = readPem('client CA certificate', files.clientCaFile);
    if (!certificateOf('client CA certificate', files.clientCaFile, clientCa).ca) {
      throw new ApiTlsError(`client CA certificate file ${files.clientCaFile}: not a CA certificate (basicConstraints CA:FALSE)`);
    }
  }
  try {
    // The same checks Node makes when grpc-js builds its context at bind time.
    createSecureContext({ cert: certPem, key: keyPem, ...(clientCa ? { ca: clientCa } : {}) });
  } catch (e) {
    throw new ApiTlsError(`certificate ${files.certFile} with key ${files.keyFile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return grpc.ServerCredentials.createSsl(clientCa, [{ private_key: keyPem, cert_chain: certPem }], clientCa !== null);
}
