import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../e2e/env/test-env';
import { startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { CredentialRequest } from '../../shared/contract';
import type { ConnectionSpec } from '../connections/spec';
import { startIntCore } from '../testing/int-core';
import { keyIdOf } from './key-id';
import { KnownHostsStore } from './known-hosts-store';
import { SshCredentials } from './ssh-credentials';
import { createSshEngine, tunnelFor, type SshDeps } from './ssh-engine';
import { unlockCredential } from './ssh-unlock';
import { startSshAgent } from '../../../e2e/env/ssh-agent';
import { rejection } from '../testing/rejection';

// A throwaway sshd that accepts keys only this file makes: an encrypted one, and one the agent holds.
const PASSPHRASE = 'pass-7c1f9e';
let env: TestEnv;
let dir: string;
let home: string;
let sshd: ThrowawaySshd;
let lockedKey: string;
let agentKey: string;

function spec(identityFile?: string): ConnectionSpec {
  return {
    id: 'locked',
    name: 'Locked',
    endpoint: `ssh://${env.ssh.user}@127.0.0.1:${sshd.port}`,
    target: { kind: 'ssh', user: env.ssh.user, host: '127.0.0.1', port: sshd.port },
    source: 'user',
    current: false,
    ssh: { remoteSocket: env.ssh.remoteDockerSocketPath, ...(identityFile ? { identityFile } : {}) },
  };
}

function deps(credentials: SshCredentials, extraEnv: Record<string, string> = {}): SshDeps {
  return {
    knownHosts: new KnownHostsStore({ openssh: [sshd.knownHostsPath], bosun: join(dir, 'none') }),
    homeDir: home,
    env: extraEnv,
    credentials,
  };
}

function rawIds(): string[] {
  const out = execFileSync(
    'curl',
    ['-s', '--unix-socket', env.dockerSocketPath, 'http://d/containers/json?all=1'],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as { Id: string }[]).map((c) => c.Id).sort();
}

async function listThroughTunnel(s: ConnectionSpec, d: SshDeps): Promise<string[]> {
  const engine = await createSshEngine(s, d);
  try {
    return (await engine.listContainers({})).map((c) => c.id).sort();
  } finally {
    engine.close();
  }
}

beforeAll(async () => {
  env = testEnv();
  dir = await mkdtemp(join(tmpdir(), 'bosun-cred-'));
  home = join(dir, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  lockedKey = join(dir, 'id_locked');
  agentKey = join(dir, 'id_agent');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-f', lockedKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', agentKey]);
  const pubs = await Promise.all([lockedKey, agentKey].map((k) => readFile(`${k}.pub`, 'utf8')));
  sshd = await startThrowawaySshd(env, { authorizedKeys: pubs.map((p) => p.trim()) });
});

afterAll(async () => {
  await sshd?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('SSH credentials against a real sshd', () => {
  it('asks for the passphrase of an encrypted key, refuses a wrong one, and lists containers with the right one', async () => {
    const credentials = new SshCredentials(undefined);
    const d = deps(credentials);
    const tunnel = await tunnelFor(spec(lockedKey), d);
    const refused = await rejection(tunnel.connect()).finally(() => tunnel.close());
    expect(refused.code).toBe('PERMISSION_DENIED');
    expect(refused.message).toContain(`needs the passphrase of the SSH key ${lockedKey}`);
    const credential = refused.details?.credential as CredentialRequest;
    expect(credential).toEqual({
      kind: 'passphrase',
      keyFile: lockedKey,
      host: `${env.ssh.user}@[127.0.0.1]:${sshd.port}`,
    });

    const wrong = await rejection(unlockCredential(spec(lockedKey), credential, 'not it', false, d));
    expect(wrong.code).toBe('PERMISSION_DENIED');
    expect(wrong.message).toContain(`The passphrase for ${lockedKey} is wrong.`);
    expect(await credentials.passphrase(keyIdOf(await readFile(lockedKey)))).toBeUndefined();

    await unlockCredential(spec(lockedKey), credential, PASSPHRASE, false, d);
    expect(await listThroughTunnel(spec(lockedKey), d)).toEqual(rawIds());
  });

  it('logs in with a key held only by an ssh-agent (SSH_AUTH_SOCK), and not without the agent', async () => {
    const socket = join(dir, 'agent.sock');
    const agent = await startSshAgent(socket, [agentKey]);
    try {
      const without = await tunnelFor(spec(), deps(new SshCredentials(undefined)));
      const error = await rejection(without.connect()).finally(() => without.close());
      expect(error.message).toContain('no SSH agent');
      const viaAgent = deps(new SshCredentials(undefined), { SSH_AUTH_SOCK: socket });
      expect(await listThroughTunnel(spec(), viaAgent)).toEqual(rawIds());
    } finally {
      agent.stop();
    }
  });
});

/** Every file below `root` whose bytes contain `needle`. */
async function filesContaining(root: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(needle)) found.push(path);
  }
  return found;
}

describe('connections.unlock through the core', () => {
  it('keeps a remembered passphrase in the secret store only, never in the data dir', async () => {
    const t = await startIntCore();
    try {
      const ssh = join(t.test.platform.homeDir, '.ssh');
      await mkdir(ssh, { recursive: true });
      await writeFile(join(ssh, 'known_hosts'), await readFile(sshd.knownHostsPath));
      const added = await t.client.call('connections.add', {
        name: 'locked',
        endpoint: `ssh://${env.ssh.user}@127.0.0.1:${sshd.port}`,
        identityFile: lockedKey,
        remoteSocket: env.ssh.remoteDockerSocketPath,
      });
      await expect
        .poll(
          async () => (await t.client.call('connections.list', {})).find((c) => c.id === added.id)?.status,
        )
        .toMatchObject({ state: 'unavailable', credential: { kind: 'passphrase', keyFile: lockedKey } });

      const wrong = await rejection(
        t.client.call('connections.unlock', { id: added.id, secret: 'nope', remember: true }),
      );
      expect(wrong.message).toContain('is wrong');

      const unlocked = await t.client.call('connections.unlock', {
        id: added.id,
        secret: PASSPHRASE,
        remember: true,
      });
      expect(unlocked.status.state).toBe('connected');
      expect(unlocked.status.credential).toBeUndefined();
      const keyId = keyIdOf(await readFile(lockedKey));
      expect(await t.test.platform.secrets.get(`ssh.passphrase:${keyId}`)).toBe(PASSPHRASE);
      expect(await filesContaining(t.test.root, PASSPHRASE)).toEqual([]);
      expect(t.logs.join('\n')).not.toContain(PASSPHRASE);
      const containers = await t.client.call('containers.list', { connectionIds: [added.id] });
      expect(containers.rows.map((r) => r.id).sort()).toEqual(rawIds());
    } finally {
      await t.close();
    }
  });
});
