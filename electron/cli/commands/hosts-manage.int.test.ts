import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../../e2e/env/test-env';
import type { Connection } from '../../shared/contract';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
const ssh = env.ssh;
const endpoint = `ssh://${ssh.user}@${ssh.host}:${ssh.port}`;
let home: string;

const bosun = (args: string[]) => runBosun(args, { home, dockerHost: env.dockerHost });
const add = [
  'hosts',
  'add',
  endpoint,
  '--identity',
  ssh.keyPath,
  '--remote-socket',
  ssh.remoteDockerSocketPath,
];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-hosts-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('bosun hosts add / test / rm (ssh://, real sshd)', () => {
  it('shows an unknown host key with the command that accepts it, adds nothing, then adds with it', async () => {
    const refused = await bosun(add);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(ssh.hostFingerprint);
    const command = refused.stderr.split('\n').find((line) => line.includes('--accept-host-key'));
    expect(command?.trim()).toBe(`bosun ${add.join(' ')} --accept-host-key ${ssh.hostFingerprint}`);
    const before = JSON.parse((await bosun(['hosts', '--json'])).stdout) as Connection[];
    expect(before.map((c) => c.endpoint)).not.toContain(endpoint);

    // Exactly what the CLI printed (minus the program name) adds the host, connected.
    const added = await bosun([...command!.trim().split(' ').slice(1), '--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const connection = JSON.parse(added.stdout) as Connection;
    expect(connection.status).toMatchObject({ state: 'connected' });

    const listed = await bosun(['ps', '-a', '--host', connection.id, '--json']);
    expect(listed.code).toBe(0);
    const direct = await bosun(['ps', '-a', '--host', 'docker-host', '--json']);
    const ids = (out: string) => (JSON.parse(out) as { id: string }[]).map((row) => row.id).sort();
    expect(ids(listed.stdout)).toEqual(ids(direct.stdout));

    const tested = await bosun(['hosts', 'test', connection.id]);
    expect(tested.code).toBe(0);
    expect(
      tested.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(0, line.indexOf(':'))),
    ).toEqual(['ok   DNS and TCP', 'ok   SSH handshake and host key', 'ok   SSH login', 'ok   engine']);
    expect(tested.stdout).toContain(ssh.hostFingerprint);

    const removed = await bosun(['hosts', 'rm', connection.id]);
    expect(removed.code).toBe(0);
    const after = JSON.parse((await bosun(['hosts', '--json'])).stdout) as Connection[];
    expect(after.map((c) => c.id)).not.toContain(connection.id);
  });
});
