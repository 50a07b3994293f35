import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv, TEST_LABELS } from '../../../e2e/env/test-env';
import { SECRET_MASK } from '../../shared/contract';
import { EngineProxy } from '../../services/testing/engine-proxy';
import { removeTestContainers } from '../../services/testing/int-core';

const run = promisify(execFile);
const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
const name = `bosun-cli-inspect-${process.pid}`;
let home: string;
let id: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as the README documents it, in a temp HOME with the test engine as DOCKER_HOST. */
async function bosun(args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'bosun', '--', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        BOSUN_DATA_DIR: join(home, 'data'),
        DOCKER_HOST: env.dockerHost,
        ...extraEnv,
      },
      maxBuffer: 16 * 2 ** 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-inspect-'));
  const made = await engine.json<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: env.images.busybox,
    Cmd: ['sleep', '3600'],
    Env: ['API_TOKEN=tok-123', 'MQ_URL=amqp://guest:g-pass@mq:5672/', 'KEYBOARD_LAYOUT=us'],
    Labels: { ...TEST_LABELS, 'com.docker.compose.project': 'cli' },
    HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'always' } },
  });
  id = made.value.Id;
  await engine.json('POST', `/containers/${id}/start`);
});

afterAll(async () => {
  await removeTestContainers(engine, [id]);
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun inspect', () => {
  it('prints the summary in sections with aligned keys, secrets masked, and says how to reveal them', async () => {
    const result = await bosun(['inspect', name], { NO_COLOR: '1' });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out.split('\n')[0]).toBe(`${name} · ${id.slice(0, 12)} · docker-host`);
    for (const title of ['Container', 'State', 'Process', 'Environment', 'Restart policy', 'Labels', 'Ports'])
      expect(out).toMatch(new RegExp(`^${title}$`, 'm'));
    expect(out).toMatch(/^ {2}API_TOKEN {8}\*{8}$/m);
    expect(out).toMatch(/^ {2}MQ_URL {11}amqp:\/\/guest:\*{8}@mq:5672\/$/m);
    expect(out).toMatch(/^ {2}KEYBOARD_LAYOUT {2}us$/m);
    expect(out).toMatch(/^ {2}Policy {2}always$/m);
    expect(out).toMatch(/^ {2}PID 1 +sleep 3600$/m);
    expect(out).toContain("Command      sleep 3600 (set on the container; the image's: sh)");
    expect(out).not.toMatch(/tok-123|g-pass/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 secret values are masked. Add --reveal to show them.');
    // NO_COLOR and a pipe: no escape sequences at all.
    expect(out).not.toContain('\u001b');
  });

  it('--json prints the engine document like docker inspect, masked unless --reveal', async () => {
    const masked = await bosun(['inspect', id.slice(0, 12), '--json']);
    expect(masked.code).toBe(0);
    const [doc, ...more] = JSON.parse(masked.stdout) as { Id: string; Config: { Env: string[] } }[];
    expect(more).toEqual([]);
    expect(doc!.Id).toBe(id);
    expect(doc!.Config.Env).toEqual(
      expect.arrayContaining([`API_TOKEN=${SECRET_MASK}`, `MQ_URL=amqp://guest:${SECRET_MASK}@mq:5672/`]),
    );
    const revealed = await bosun(['inspect', name, '--json', '--reveal']);
    const reference = (await engine.json<{ Config: { Env: string[] } }>('GET', `/containers/${id}/json`))
      .value;
    expect((JSON.parse(revealed.stdout) as [{ Config: { Env: string[] } }])[0].Config.Env).toEqual(
      reference.Config.Env,
    );
  });

  it('refuses an unknown container with what to do', async () => {
    const result = await bosun(['inspect', 'no-such-container-anywhere']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No container called "no-such-container-anywhere"');
    expect(result.stderr).toContain('bosun ps -a');
  });

  it('refuses a name that matches containers on two engines, naming both, and takes --host', async () => {
    // A docker context that reaches the same engine through another socket: two engines to Bosun.
    const proxy = new EngineProxy(env.dockerSocketPath, { path: join(home, 'twin.sock') });
    await proxy.start();
    const meta = join(home, '.docker', 'contexts', 'meta', createHash('sha256').update('twin').digest('hex'));
    await mkdir(meta, { recursive: true });
    await writeFile(
      join(meta, 'meta.json'),
      JSON.stringify({ Name: 'twin', Metadata: {}, Endpoints: { docker: { Host: proxy.endpoint } } }),
    );
    try {
      const hosts = JSON.parse((await bosun(['hosts', '--json'])).stdout) as { id: string }[];
      const twin = hosts.find((host) => host.id !== 'docker-host')!.id;
      const result = await bosun(['inspect', name]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`"${name}" matches 2 containers`);
      expect(result.stderr).toContain(`docker-host/${id.slice(0, 12)} (${name})`);
      expect(result.stderr).toContain(`${twin}/${id.slice(0, 12)} (${name})`);
      expect(result.stderr).toContain('--host');
      const picked = await bosun(['inspect', name, '--host', twin, '--json']);
      expect(picked.code).toBe(0);
      expect((JSON.parse(picked.stdout) as [{ Id: string }])[0].Id).toBe(id);
    } finally {
      await rm(join(home, '.docker'), { recursive: true, force: true });
      await proxy.stop();
    }
  });
});
