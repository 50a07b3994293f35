// A throwaway CA and a server certificate for 127.0.0.1, made with openssl in a temp dir.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SimTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd: dir, timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${stderr || String(error)}`);
  }
}

/** Generates a CA and a server certificate (SAN IP:127.0.0.1, DNS:localhost) valid for a day. */
export async function makeTls(dir: string): Promise<SimTls> {
  const ext = join(dir, 'server.ext');
  await writeFile(
    ext,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=bosun-sim-ca',
  ]);
  await openssl(dir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=bosun-sim']);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-extfile',
    ext,
  ]);
  const [caPem, certPem, keyPem] = await Promise.all(
    ['ca.crt', 'server.crt', 'server.key'].map((name) => readFile(join(dir, name), 'utf8')),
  );
  return { caPem: caPem!, certPem: certPem!, keyPem: keyPem! };
}
