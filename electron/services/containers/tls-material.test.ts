import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { makeTestCerts, type TestCerts } from '../testing/test-certs';
import { MAX_TLS_FILE_BYTES, readTlsMaterial } from './tls-material';

let dir: string;
let certs: TestCerts;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-tls-'));
  certs = makeTestCerts(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(files: { ca?: string; cert?: string; key?: string }): Promise<AppError> {
  const started = Date.now();
  const error = await readTlsMaterial({ verify: true, ...files }, 'tcp://127.0.0.1:2376').then(
    () => new Error('accepted'),
    (e: unknown) => e,
  );
  // Quickly: a FIFO or a device must never hold the core up.
  expect(Date.now() - started).toBeLessThan(1_000);
  if (!(error instanceof AppError)) throw error;
  return error;
}

describe('readTlsMaterial', () => {
  it('reads a CA, a client certificate and its key', async () => {
    const material = await readTlsMaterial({ verify: true, ...certs.client }, 'tcp://127.0.0.1:2376');
    expect(material.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(material.cert?.toString()).toContain('BEGIN CERTIFICATE');
    expect(material.key?.toString()).toContain('PRIVATE KEY');
  });

  it('refuses a device without reading it (/dev/zero never ends)', async () => {
    const error = await refusal({ ...certs.client, ca: '/dev/zero' });
    expect(error.message).toContain('TLS CA certificate /dev/zero');
    expect(error.message).toContain('is not a regular file');
    expect(error.details).toMatchObject({ field: 'tls.ca' });
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(dir, 'key.fifo');
    execFileSync('mkfifo', [fifo]);
    const error = await refusal({ ...certs.client, key: fifo });
    expect(error.message).toContain(`TLS client key ${fifo}`);
    expect(error.details).toMatchObject({ field: 'tls.key' });
  });

  it('refuses a directory', async () => {
    const error = await refusal({ ...certs.client, cert: dir });
    expect(error.message).toContain(
      `TLS client certificate ${dir} for tcp://127.0.0.1:2376 is not a regular file`,
    );
  });

  it('refuses a file too large to be PEM, without reading it whole', async () => {
    const big = join(dir, 'big.pem');
    await writeFile(big, Buffer.alloc(MAX_TLS_FILE_BYTES + 1, 0x41));
    expect((await refusal({ ...certs.client, ca: big })).message).toContain('larger than 256 KiB');
  });

  it('says the same for a missing file as for any unreadable one: which paths exist is not told', async () => {
    const error = await refusal({ ...certs.client, ca: join(dir, 'missing.pem') });
    expect(error.message).toContain('cannot be read');
    expect(error.message).not.toMatch(/ENOENT|EACCES|no such file/i);
    expect(JSON.stringify(error.details)).not.toMatch(/ENOENT|errno/);
  });

  it('refuses files that hold something else, naming which of the three, never the contents', async () => {
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, '-----BEGIN CERTIFICATE-----\nc2VjcmV0IHN0dWZm\n-----END CERTIFICATE-----\n');
    const asCa = await refusal({ ...certs.client, ca: garbage });
    expect(asCa.message).toContain('TLS CA certificate');
    expect(asCa.message).toContain('is not a PEM certificate');
    expect(asCa.message).not.toContain('c2VjcmV0');
    // A key where the certificate should be, and a certificate where the key should be.
    expect((await refusal({ ...certs.client, cert: certs.client.key })).details).toMatchObject({
      field: 'tls.cert',
    });
    const keyIsCert = await refusal({ ...certs.client, key: certs.client.cert });
    expect(keyIsCert.message).toContain('is not a PEM private key');
    expect(keyIsCert.details).toMatchObject({ field: 'tls.key' });
  });

  it('refuses a key that does not belong to the client certificate', async () => {
    const error = await refusal({ ...certs.client, key: join(dir, 'server-key.pem') });
    expect(error.message).toContain('does not belong to the client certificate');
    expect(error.details).toMatchObject({ field: 'tls.key' });
  });

  it('refuses a key protected by a passphrase', async () => {
    const encrypted = join(dir, 'encrypted-key.pem');
    execFileSync('openssl', [
      'pkey',
      '-in',
      certs.client.key,
      '-aes256',
      '-passout',
      'pass:secret',
      '-out',
      encrypted,
    ]);
    expect((await refusal({ ...certs.client, key: encrypted })).message).toContain('passphrase');
  });

  it('still wants the certificate and the key together', async () => {
    await mkdir(join(dir, 'only-ca'), { recursive: true });
    expect((await refusal({ ca: certs.client.ca, cert: certs.client.cert })).message).toContain(
      'without its key',
    );
  });
});
