import { readFile } from 'node:fs/promises';
import type { TlsFiles } from '../connections/spec';
import { failure } from './engine-errors';

export interface TlsMaterial {
  readonly verify: boolean;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

const WHAT = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const;

/** Reads a connection's TLS files; a missing or unreadable one says which and why. */
export async function readTlsMaterial(files: TlsFiles, endpoint: string): Promise<TlsMaterial> {
  const material: { verify: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = { verify: files.verify };
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = files[part];
    if (!path) continue;
    try {
      material[part] = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw failure(
        'UNAVAILABLE',
        `The TLS ${WHAT[part]} ${path} for ${endpoint} cannot be read (${code}).`,
        'Point the connection at the right file, or fix its permissions.',
        { path, errno: code },
      );
    }
  }
  if (Boolean(material.cert) !== Boolean(material.key)) {
    throw failure(
      'UNAVAILABLE',
      `The TLS setup for ${endpoint} has a client certificate without its key (or a key without its certificate).`,
      'Provide both cert.pem and key.pem.',
    );
  }
  return material;
}
