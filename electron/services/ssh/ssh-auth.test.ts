import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStore } from '../platform';
import { keyIdOf } from './key-id';
import { planAuth } from './ssh-auth';
import { SshCredentials } from './ssh-credentials';

let dir: string;
let plain: string;
let locked: string;
let pem: string;

function keygen(path: string, passphrase: string, ...extra: string[]): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path, ...extra]);
}

function memoryStore(): SecretStore & { values: Map<string, string>; failGet?: boolean } {
  const values = new Map<string, string>();
  const store = {
    values,
    failGet: false,
    description: 'memory (test)',
    get: async (key: string) => {
      if (store.failGet) throw new Error('damaged');
      return values.get(key);
    },
    set: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
  };
  return store;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-auth-'));
  plain = join(dir, 'plain');
  locked = join(dir, 'locked');
  pem = join(dir, 'pem');
  keygen(plain, '');
  keygen(locked, 'pass');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'sesame', '-f', pem]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const login = (files: string[], credentials?: SshCredentials) => ({
  user: 'ada',
  identityFiles: files,
  homeDir: dir,
  agentSocket: '/tmp/agent.sock',
  ...(credentials ? { credentials } : {}),
});

describe('keyIdOf', () => {
  it('is the public key’s SHA256 fingerprint as ssh-keygen -l prints it, even for an encrypted key', async () => {
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${locked}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1];
    expect(keyIdOf(await readFile(locked))).toBe(printed);
  });

  it('falls back to a hash of the file for a legacy PEM key, whose public half is encrypted too', async () => {
    expect(keyIdOf(await readFile(pem))).toMatch(/^file-sha256:[0-9a-f]{64}$/);
  });
});

describe('planAuth with encrypted keys', () => {
  it('leaves an encrypted key out, as locked, when no passphrase is known', async () => {
    const plan = await planAuth(login([plain, locked], new SshCredentials(memoryStore())));
    expect(plan.methods.map((m) => m.type)).toEqual(['agent', 'publickey']);
    expect(plan.tried).toEqual(['the SSH agent (/tmp/agent.sock)', plain]);
    expect(plan.locked).toEqual([{ path: locked, keyId: keyIdOf(await readFile(locked)) }]);
  });

  it('puts an encrypted key whose passphrase is known in OpenSSH’s order (agent, then files in order)', async () => {
    const credentials = new SshCredentials(memoryStore());
    await credentials.keep({ kind: 'passphrase', keyId: keyIdOf(await readFile(locked)) }, 'pass', false);
    const plan = await planAuth(login([locked, plain], credentials));
    expect(plan.tried).toEqual(['the SSH agent (/tmp/agent.sock)', locked, plain]);
    const opened = plan.methods[1];
    expect(
      opened?.type === 'publickey' &&
        !Buffer.isBuffer(opened.key) &&
        typeof opened.key !== 'string' &&
        opened.key.isPrivateKey(),
    ).toBe(true);
    expect(plan.locked).toEqual([]);
  });

  it('finds a remembered passphrase in the secret store under the key’s fingerprint, not its path', async () => {
    const store = memoryStore();
    const keyId = keyIdOf(await readFile(locked));
    await new SshCredentials(store).keep({ kind: 'passphrase', keyId }, 'pass', true);
    expect([...store.values]).toEqual([[`ssh.passphrase:${keyId}`, 'pass']]);
    // A new process (a fresh vault) finds it there.
    const plan = await planAuth(login([locked], new SshCredentials(store)));
    expect(plan.locked).toEqual([]);
    expect(plan.tried).toContain(locked);
  });

  it('treats a kept passphrase that no longer opens the key as none', async () => {
    const credentials = new SshCredentials(memoryStore());
    await credentials.keep({ kind: 'passphrase', keyId: keyIdOf(await readFile(locked)) }, 'old', false);
    const plan = await planAuth(login([locked], credentials));
    expect(plan.locked.map((k) => k.path)).toEqual([locked]);
  });

  it('asks instead when the secret store cannot be read, saying so in the log', async () => {
    const store = memoryStore();
    const logs: string[] = [];
    const credentials = new SshCredentials(store, (m) => logs.push(m));
    store.failGet = true;
    const plan = await planAuth(login([locked], credentials));
    expect(plan.locked).toHaveLength(1);
    expect(logs.join('\n')).toContain('secret store could not be read');
  });
});

describe('SshCredentials', () => {
  it('keeps a secret in memory only, unless asked to remember it', async () => {
    const store = memoryStore();
    const credentials = new SshCredentials(store);
    await credentials.keep({ kind: 'password', account: 'ada@lab' }, 'hunter2', false);
    expect(await credentials.password('ada@lab')).toBe('hunter2');
    expect(store.values.size).toBe(0);
    expect(await new SshCredentials(store).password('ada@lab')).toBeUndefined();
  });

  it('forgets a refused password, in memory and in the store, but not a candidate being tried', async () => {
    const store = memoryStore();
    const credentials = new SshCredentials(store);
    await credentials.keep({ kind: 'password', account: 'ada@lab' }, 'hunter2', true);
    const trying = credentials.withCandidate('ada@lab', 'other');
    expect(await trying.password('ada@lab')).toBe('other');
    await trying.refused('ada@lab');
    expect(await credentials.password('ada@lab')).toBe('hunter2');
    await credentials.refused('ada@lab');
    expect(await credentials.password('ada@lab')).toBeUndefined();
    expect(store.values.size).toBe(0);
  });
});
