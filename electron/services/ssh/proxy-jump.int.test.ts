import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../e2e/env/test-env';
import { startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { ConnectionSpec } from '../connections/spec';
import { KnownHostsStore } from './known-hosts-store';
import { createSshEngine, tunnelFor, type SshDeps } from './ssh-engine';
import { rejection } from '../testing/rejection';

// A throwaway second sshd on loopback is the jump host; the test sshd (behind it) runs the engine.
let env: TestEnv;
let dir: string;
let jumpPort: number;
let jump: ThrowawaySshd | undefined;
let jumpKnownHosts: string;

function deps(home: string, openssh: readonly string[]): SshDeps {
  return { knownHosts: new KnownHostsStore({ openssh, bosun: join(home, 'none') }), homeDir: home, env: {} };
}

/** A home whose ~/.ssh/config reaches the test sshd as `target` through `jumps`. */
async function homeWith(name: string, proxyJump: string): Promise<string> {
  const home = join(dir, name);
  await mkdir(join(home, '.ssh'), { recursive: true });
  const ssh = env.ssh;
  await writeFile(
    join(home, '.ssh', 'config'),
    [
      `Host jump`,
      `  HostName 127.0.0.1`,
      `  Port ${jumpPort}`,
      `  User ${ssh.user}`,
      `  IdentityFile ${ssh.keyPath}`,
      `Host target`,
      `  HostName ${ssh.host}`,
      `  Port ${ssh.port}`,
      `  User ${ssh.user}`,
      `  ProxyJump ${proxyJump}`,
      '',
    ].join('\n'),
  );
  return home;
}

function targetSpec(identityFile?: string): ConnectionSpec {
  return {
    id: 'jumped',
    name: 'Through a jump host',
    endpoint: 'ssh://target',
    target: { kind: 'ssh', host: 'target' },
    source: 'user',
    current: false,
    ssh: { remoteSocket: env.ssh.remoteDockerSocketPath, ...(identityFile ? { identityFile } : {}) },
  };
}

beforeAll(async () => {
  env = testEnv();
  dir = await mkdtemp(join(tmpdir(), 'bosun-jump-'));
  jump = await startThrowawaySshd(env);
  jumpPort = jump.port;
  jumpKnownHosts = jump.knownHostsPath;
});

afterAll(async () => {
  await jump?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ProxyJump (a second, throwaway sshd as the jump host)', () => {
  it('lists the engine through two jump hops, each hop’s host key checked', async () => {
    const home = await homeWith('two-hops', `jump,${env.ssh.user}@127.0.0.1:${jumpPort}`);
    const spec = targetSpec(env.ssh.keyPath);
    const tunnel = await tunnelFor(spec, deps(home, [env.ssh.knownHostsPath, jumpKnownHosts]));
    expect(tunnel.hops.map((h) => `${h.user}@${h.host}:${h.port}`)).toEqual([
      `${env.ssh.user}@127.0.0.1:${jumpPort}`,
      `${env.ssh.user}@127.0.0.1:${jumpPort}`,
      `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
    ]);
    tunnel.close();
    const engine = await createSshEngine(spec, deps(home, [env.ssh.knownHostsPath, jumpKnownHosts]));
    try {
      const raw = JSON.parse(
        execFileSync(
          'curl',
          ['-s', '--unix-socket', env.dockerSocketPath, 'http://d/containers/json?all=1'],
          {
            encoding: 'utf8',
          },
        ),
      ) as { Id: string }[];
      const listed = await engine.listContainers({});
      expect(listed.map((c) => c.id).sort()).toEqual(raw.map((c) => c.Id).sort());
    } finally {
      engine.close();
    }
  });

  it('refuses a jump host whose key is unknown, naming that hop (not the target)', async () => {
    const home = await homeWith('unknown-jump', 'jump');
    const tunnel = await tunnelFor(targetSpec(), deps(home, [env.ssh.knownHostsPath]));
    try {
      const error = await rejection(tunnel.connect());
      expect(error.code).toBe('HOST_KEY_UNKNOWN');
      expect(error.details).toMatchObject({ host: `[127.0.0.1]:${jumpPort}`, jumpHost: 1 });
      expect(error.message).toContain(`ProxyJump host 1 of 1 on the way to ${env.ssh.user}@`);
      expect(tunnel.verifiedKey).toBeUndefined();
    } finally {
      tunnel.close();
    }
  });

  it('refuses the target behind a good jump host when only the target’s key is unknown', async () => {
    const home = await homeWith('unknown-target', 'jump');
    const tunnel = await tunnelFor(targetSpec(env.ssh.keyPath), deps(home, [jumpKnownHosts]));
    try {
      const error = await rejection(tunnel.connect());
      expect(error.code).toBe('HOST_KEY_UNKNOWN');
      expect(error.details).toMatchObject({
        host: `[${env.ssh.host}]:${env.ssh.port}`,
        fingerprint: env.ssh.hostFingerprint,
      });
      expect(error.details).not.toHaveProperty('jumpHost');
    } finally {
      tunnel.close();
    }
  });
});
