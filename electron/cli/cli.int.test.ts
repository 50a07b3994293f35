import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../e2e/env/raw-engine';
import { testEnv } from '../../e2e/env/test-env';
import type { Connection, ContainerRow } from '../shared/contract';
import { createTestContainer, removeTestContainers, runTestContainer } from '../services/testing/int-core';

const run = promisify(execFile);
const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
let home: string;
const created: string[] = [];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI exactly as the README documents it: `npm run --silent bosun -- …`. */
async function bosun(args: string[], extraEnv: Record<string, string> = {}, input?: string): Promise<Result> {
  try {
    const running = run('npm', ['run', '--silent', 'bosun', '--', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        BOSUN_DATA_DIR: join(home, 'data'),
        DOCKER_HOST: env.dockerHost,
        ...extraEnv,
      },
      maxBuffer: 64 * 2 ** 20,
    });
    running.child.stdin?.end(input ?? '');
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** What `docker ps` says, asked the same way the docker CLI asks the engine. */
async function engineIds(all: boolean): Promise<string[]> {
  const { value } = await engine.json<{ Id: string }[]>('GET', `/containers/json${all ? '?all=1' : ''}`);
  return value.map((c) => c.Id).sort();
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-'));
  created.push(await createTestContainer(engine, env.images.busybox));
  const running = await createTestContainer(engine, env.images.busybox, `bosun-cli-${process.pid}`);
  created.push(running);
  await engine.json('POST', `/containers/${running}/start`);
});

afterAll(async () => {
  await removeTestContainers(engine, created);
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun ps', () => {
  it('--all --json prints a JSON array of exactly what docker ps -a lists', async () => {
    const before = await engineIds(true);
    const result = await bosun(['ps', '--all', '--json']);
    const after = await engineIds(true);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as ContainerRow[];
    expect(Array.isArray(rows)).toBe(true);
    for (const row of rows) {
      expect(row).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        image: expect.any(String),
        state: expect.any(String),
        connectionId: 'docker-host',
      });
    }
    // Only the test engine is discovered here (temp HOME, DOCKER_HOST), so the lists must match.
    expect(before).toEqual(after);
    expect(rows.map((row) => row.id).sort()).toEqual(before);
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(created));
  });

  it('without --all lists only running containers, like docker ps', async () => {
    const result = await bosun(['ps', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as ContainerRow[];
    expect(rows.map((row) => row.id).sort()).toEqual(await engineIds(false));
    expect(rows.every((row) => row.state === 'running')).toBe(true);
  });

  it('prints a docker-ps-like table for people', async () => {
    const result = await bosun(['ps', '--all', '--host', 'docker-host']);
    expect(result.code).toBe(0);
    const [header, ...lines] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^CONTAINER ID\s+IMAGE\s+STATUS\s+PORTS\s+NAMES\s+HOST$/);
    expect(lines.some((line) => line.includes(`bosun-cli-${process.pid}`))).toBe(true);
  });

  it('refuses an unknown host by name, with what to do', async () => {
    const result = await bosun(['ps', '--host', 'nowhere']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown host "nowhere"');
    expect(result.stderr).toContain('bosun hosts');
  });

  it('fails loudly when no engine answers, instead of printing an empty list', async () => {
    const result = await bosun(['ps', '--all', '--json'], { DOCKER_HOST: 'unix:///nonexistent/bosun.sock' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toContain('/nonexistent/bosun.sock');
    expect(result.stderr).toContain('No engine could be reached');
  });

  it('rejects a malformed option value before touching anything', async () => {
    const result = await bosun(['web', '--port', '99999']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('a port is a whole number');
  });
});

describe('bosun hosts', () => {
  it('--json lists the test engine as connected and current', async () => {
    const result = await bosun(['hosts', '--json']);
    expect(result.code).toBe(0);
    const hosts = JSON.parse(result.stdout) as Connection[];
    expect(hosts).toContainEqual(
      expect.objectContaining({
        id: 'docker-host',
        endpoint: env.dockerHost,
        current: true,
        status: expect.objectContaining({ state: 'connected' }),
      }),
    );
  });

  it('shows an unreachable engine with the reason', async () => {
    const result = await bosun(['hosts'], { DOCKER_HOST: 'unix:///nonexistent/bosun.sock' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/docker-host \*\s+.*unix:\/\/\/nonexistent\/bosun\.sock\s+unavailable/);
  });
});

describe('bosun web', () => {
  it('says plainly when the port is taken, and exits', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await bosun(['web', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toContain('at ');
    } finally {
      blocker.close();
    }
  });
});

describe('bosun shell', () => {
  it('runs the fixed session, prints the fixes, and exits with the shell exit code', async () => {
    const name = `bosun-cli-${process.pid}`;
    const result = await bosun(
      ['shell', name],
      { TZ: 'Asia/Shanghai' },
      'echo "[$TERM|$LANG|$(date +%z)]"\nexit 5\n',
    );
    expect(result.stdout).toContain('[xterm|C.UTF-8|+0800]');
    expect(result.stderr).toMatch(/bosun: \/bin\/ash as root · /);
    expect(result.code).toBe(5);
  });

  it('ends the session when stdin ends, like a pipe to docker exec', async () => {
    const result = await bosun(['shell', `bosun-cli-${process.pid}`, '--no-fixes'], {}, 'echo piped\n');
    expect(result.stdout).toContain('piped');
    expect(result.code).toBe(0);
  });

  it('says when the image has no shell and how to get one', async () => {
    const id = await runTestContainer(engine, { image: env.images.noshell });
    created.push(id);
    const result = await bosun(['shell', id.slice(0, 12)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no shell');
    expect(result.stderr).toContain('--toolbox');
  });

  it('refuses an unknown container with what to do', async () => {
    const result = await bosun(['shell', 'no-such-container-anywhere']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No container called "no-such-container-anywhere"');
  });
});

describe('bosun stop | start | kill', () => {
  it('acts on containers by name with the same messages as the app, one line each', async () => {
    const name = `bosun-cli-life-${process.pid}`;
    const id = await runTestContainer(engine, {
      image: env.images.busybox,
      cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done'],
    });
    created.push(id);
    await engine.json('POST', `/containers/${id}/rename?name=${name}`);
    const stopped = await bosun(['stop', '-t', '5', name]);
    expect(stopped).toMatchObject({ code: 0, stdout: `${name}: stopped\n` });
    const started = await bosun(['start', name, '--json']);
    expect(JSON.parse(started.stdout)).toEqual([
      { connectionId: 'docker-host', id, name, ok: true, message: 'started' },
    ]);
    const killed = await bosun(['kill', '-s', 'HUP', name, 'no-such-container-anywhere']);
    expect(killed.code).toBe(1);
    expect(killed.stderr).toContain('No container called "no-such-container-anywhere"');
  });

  it('says what failed and still acts on the rest', async () => {
    const id = await runTestContainer(engine, { image: env.images.busybox, cmd: ['sleep', '3600'] });
    created.push(id);
    await engine.json('POST', `/containers/${id}/stop?t=0`);
    const result = await bosun(['kill', id.slice(0, 12), `bosun-cli-${process.pid}`, '-s', 'SIGUSR1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`bosun-cli-${process.pid}: sent SIGUSR1`);
    expect(result.stderr).toContain('is not running');
    expect(result.stderr).toContain('1 of 2 failed');
  });
});
