import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../../e2e/env/test-env';
import { startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { Connection } from '../../shared/contract';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
const PASSPHRASE = 'cli-pass-51d0';
let dir: string;
let home: string;
let key: string;
let sshd: ThrowawaySshd;

const bosun = (args: string[], input = '') => runBosun(args, { home, dockerHost: env.dockerHost }, input);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-unlock-'));
  home = join(dir, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  key = join(dir, 'id_locked');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-f', key]);
  sshd = await startThrowawaySshd(env, { authorizedKeys: [(await readFile(`${key}.pub`, 'utf8')).trim()] });
  await writeFile(join(home, '.ssh', 'known_hosts'), await readFile(sshd.knownHostsPath));
});

afterAll(async () => {
  await sshd?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bosun hosts unlock (encrypted key, real sshd)', () => {
  it('adds a host whose key needs a passphrase, refuses a wrong one, remembers the right one', async () => {
    const endpoint = `ssh://${env.ssh.user}@127.0.0.1:${sshd.port}`;
    const add = [
      'hosts',
      'add',
      endpoint,
      '--identity',
      key,
      '--remote-socket',
      env.ssh.remoteDockerSocketPath,
    ];
    const added = await bosun([...add, '--name', 'locked', '--json']);
    expect(added.code).toBe(1);
    const connection = JSON.parse(added.stdout) as Connection;
    expect(connection.status.credential).toEqual({
      kind: 'passphrase',
      keyFile: key,
      host: `${env.ssh.user}@[127.0.0.1]:${sshd.port}`,
    });
    expect(added.stderr).toContain(`bosun hosts unlock ${connection.id}`);

    const wrong = await bosun(['hosts', 'unlock', connection.id, '--secret-stdin'], 'not it\n');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`The passphrase for ${key} is wrong.`);

    const unlocked = await bosun(
      ['hosts', 'unlock', connection.id, '--secret-stdin', '--remember', '--json'],
      `${PASSPHRASE}\n`,
    );
    expect(unlocked.stderr).toBe('');
    expect(unlocked.code).toBe(0);
    expect((JSON.parse(unlocked.stdout) as Connection).status.state).toBe('connected');

    // A new run finds the passphrase in the secrets file: nothing to unlock, and the engine answers.
    const again = await bosun(['hosts', 'unlock', connection.id]);
    expect(again.stdout).toContain('Nothing to unlock');
    expect(again.code).toBe(0);
    const listed = await bosun(['ps', '-a', '--host', connection.id, '--json']);
    expect(listed.code).toBe(0);

    const data = join(home, 'data');
    expect(await readFile(join(data, 'secrets.json'), 'utf8')).toContain(PASSPHRASE);
    expect(await readFile(join(data, 'connections.json'), 'utf8')).not.toContain(PASSPHRASE);
    expect(`${added.stderr}${wrong.stderr}${unlocked.stdout}${again.stdout}`).not.toContain(PASSPHRASE);
  });
});
