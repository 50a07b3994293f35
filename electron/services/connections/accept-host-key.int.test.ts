import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv } from '../../../e2e/env/test-env';
import type { ConnectionSpec } from './spec';
import { connectionsHarness, rejection, type ConnectionsHarness } from '../testing/connections-harness';
import { createSshEngine, defaultKnownHosts, sshSupport, type SshDeps } from '../ssh/ssh-engine';

let h: ConnectionsHarness | undefined;

afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const OTHER = `SHA256:${'B'.repeat(43)}`;

/**
 * A core whose only engine is the test sshd's, named by DOCKER_HOST as a docker context would, with
 * `config` as ~/.ssh/config (the key to log in with is ~/lab_key).
 */
async function sshHarness(dockerHost: string, config: string): Promise<ConnectionsHarness> {
  const ssh = testEnv().ssh;
  // The harness makes the home dir; the SSH deps read it, so they are filled in once it exists.
  const made: { deps?: SshDeps } = {};
  const need = (): SshDeps => {
    if (!made.deps) throw new Error('SSH deps used before the test set them up');
    return made.deps;
  };
  // The test sshd's engine socket is not at the default path: only the test points the tunnel there.
  const remote = (spec: ConnectionSpec): ConnectionSpec => ({
    ...spec,
    ssh: { ...spec.ssh, remoteSocket: ssh.remoteDockerSocketPath },
  });
  const harness = await connectionsHarness({ DOCKER_HOST: dockerHost }, undefined, {
    createEngine: (spec) => createSshEngine(remote(spec), need()),
    ssh: {
      checkHostKey: (spec, accept) => sshSupport(need()).checkHostKey(spec, accept),
      probe: (spec) => sshSupport(need()).probe(spec),
    },
  });
  const { homeDir, dataDir } = harness.test.platform;
  await mkdir(join(homeDir, '.ssh'), { recursive: true });
  await copyFile(ssh.keyPath, join(homeDir, 'lab_key'));
  await chmod(join(homeDir, 'lab_key'), 0o600);
  await writeFile(join(homeDir, '.ssh', 'config'), config);
  made.deps = { knownHosts: defaultKnownHosts(homeDir, dataDir), homeDir, env: {} };
  return harness;
}

describe('connections.acceptHostKey against the loopback sshd', () => {
  it('trusts a discovered ssh:// engine only with the fingerprint the host presents, then connects', async () => {
    const ssh = testEnv().ssh;
    h = await sshHarness(
      `ssh://${ssh.user}@${ssh.host}:${ssh.port}`,
      `Host ${ssh.host}\n  IdentityFile ~/lab_key\n`,
    );
    const { service } = h;

    await service.list();
    await service.get('docker-host')!.ready();
    const [before] = await service.list();
    expect(before?.status.hostKey).toMatchObject({ problem: 'unknown', fingerprint: ssh.hostFingerprint });
    const knownHosts = join(h.test.platform.dataDir, 'known_hosts');

    const refused = await rejection(service.acceptHostKey('docker-host', OTHER));
    expect(refused.code).toBe('HOST_KEY_UNKNOWN');
    expect(refused.details?.['fingerprint']).toBe(ssh.hostFingerprint);
    await expect(readFile(knownHosts, 'utf8')).rejects.toThrow(/ENOENT/);

    const accepted = await service.acceptHostKey('docker-host', ssh.hostFingerprint);
    expect(accepted.status.hostKey).toBeUndefined();
    expect(accepted.status).toMatchObject({ state: 'connected' });
    expect(await readFile(knownHosts, 'utf8')).toContain(`[${ssh.host}]:${ssh.port} ssh-ed25519 `);
  });

  it('records the key of the host an ~/.ssh/config alias resolves to, so the tunnel then trusts it', async () => {
    const ssh = testEnv().ssh;
    h = await sshHarness(
      `ssh://${ssh.user}@lab`,
      `Host lab\n  HostName ${ssh.host}\n  Port ${ssh.port}\n  IdentityFile ~/lab_key\n`,
    );
    const { service } = h;
    await service.list();
    await service.get('docker-host')!.ready();

    const accepted = await service.acceptHostKey('docker-host', ssh.hostFingerprint);
    expect(accepted.status).toMatchObject({ state: 'connected' });
    const knownHosts = join(h.test.platform.dataDir, 'known_hosts');
    expect(await readFile(knownHosts, 'utf8')).toContain(`[${ssh.host}]:${ssh.port} ssh-ed25519 `);
  });
});
