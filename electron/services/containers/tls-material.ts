import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { AppError } from '../../shared/errors';
import type { TlsFiles } from '../connections/spec';
import { failure } from './engine-errors';
import { readSmallFile, SmallFileError, type SmallFileProblem } from './read-small-file';

export interface TlsMaterial {
  readonly verify: boolean;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

type Part = 'ca' | 'cert' | 'key';

/** PEM files of a CA, a certificate or a key are a few KiB; anything bigger is the wrong file. */
export const MAX_TLS_FILE_BYTES = 256 * 1024;

const WHAT: Record<Part, string> = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' };

const READ_PROBLEM: Record<SmallFileProblem, string> = {
  unreadable: 'cannot be read',
  'not-a-file': 'is not a regular file',
  'too-large': `is larger than ${MAX_TLS_FILE_BYTES / 1024} KiB, too large for a PEM file`,
};

function wrong(part: Part, path: string, endpoint: string, why: string, hint: string): AppError {
  return failure('UNAVAILABLE', `The TLS ${WHAT[part]} ${path} for ${endpoint} ${why}.`, hint, {
    field: `tls.${part}`,
  });
}

async function readPart(part: Part, path: string, endpoint: string): Promise<Buffer> {
  try {
    return await readSmallFile(path, MAX_TLS_FILE_BYTES);
  } catch (error) {
    const problem = error instanceof SmallFileError ? error.problem : 'unreadable';
    throw wrong(
      part,
      path,
      endpoint,
      READ_PROBLEM[problem],
      'Point the connection at the PEM file itself (docker keeps them as ca.pem, cert.pem and key.pem), and check that Bosun may read it.',
    );
  }
}

/** The certificate in a PEM file; undefined when there is none (Node's TLS wants PEM, not DER). */
function certificate(bytes: Buffer): X509Certificate | undefined {
  if (!bytes.includes('-----BEGIN CERTIFICATE-----')) return undefined;
  try {
    return new X509Certificate(bytes);
  } catch {
    return undefined;
  }
}

// PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY) and traditional (Proc-Type: 4,ENCRYPTED) encrypted PEM keys;
// told apart by their header, as OpenSSL's error for them differs between versions.
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

function privateKey(bytes: Buffer): KeyObject | 'encrypted' | undefined {
  if (ENCRYPTED_KEY.test(bytes.toString('latin1'))) return 'encrypted';
  try {
    return createPrivateKey(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Reads and checks a connection's TLS files: each must be a small regular file holding what its name
 * promises (a PEM certificate, an unencrypted PEM key), and the client certificate must match its key.
 * A failure names the file that is wrong (field `tls.ca|cert|key`), never its contents.
 */
export async function readTlsMaterial(files: TlsFiles, endpoint: string): Promise<TlsMaterial> {
  const material: { verify: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = { verify: files.verify };
  const parsed: { cert?: X509Certificate; key?: KeyObject } = {};
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = files[part];
    if (!path) continue;
    const bytes = await readPart(part, path, endpoint);
    if (part === 'key') {
      const key = privateKey(bytes);
      if (key === 'encrypted')
        throw wrong(
          part,
          path,
          endpoint,
          'is protected by a passphrase',
          'Use an unencrypted key file, as the docker CLI does.',
        );
      if (!key)
        throw wrong(
          part,
          path,
          endpoint,
          'is not a PEM private key',
          'Point the connection at the key.pem that goes with the client certificate.',
        );
      parsed.key = key;
    } else {
      const cert = certificate(bytes);
      if (!cert)
        throw wrong(
          part,
          path,
          endpoint,
          'is not a PEM certificate',
          `Point the connection at the ${part === 'ca' ? 'ca.pem' : 'cert.pem'} of this engine.`,
        );
      if (part === 'cert') parsed.cert = cert;
    }
    material[part] = bytes;
  }
  if (Boolean(material.cert) !== Boolean(material.key)) {
    throw failure(
      'UNAVAILABLE',
      `The TLS setup for ${endpoint} has a client certificate without its key (or a key without its certificate).`,
      'Provide both cert.pem and key.pem.',
    );
  }
  if (parsed.cert && parsed.key && !parsed.cert.checkPrivateKey(parsed.key)) {
    throw wrong(
      'key',
      files.key ?? '',
      endpoint,
      'does not belong to the client certificate',
      `Use the key that was made with ${files.cert ?? 'the certificate'}.`,
    );
  }
  return material;
}
