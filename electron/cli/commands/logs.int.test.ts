import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv } from '../../../e2e/env/test-env';
import { removeTestContainers, runTestContainer } from '../../services/testing/int-core';

const run = promisify(execFile);
const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
const created: string[] = [];
let home: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cliEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    BOSUN_DATA_DIR: join(home, 'data'),
    DOCKER_HOST: env.dockerHost,
  };
}

/** The CLI as the README documents it: `npm run --silent bosun -- …`. */
async function bosun(args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'bosun', '--', ...args], {
      env: cliEnv(),
      maxBuffer: 64 * 2 ** 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A running `bosun logs -f` (tsx directly, so a signal reaches the CLI itself). */
function follow(args: string[]) {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['electron/cli/main.ts', 'logs', '-f', ...args], {
    env: cliEnv(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function container(cmd: string): Promise<string> {
  const id = await runTestContainer(engine, { image: env.images.busybox, cmd: ['sh', '-c', cmd] });
  created.push(id);
  return id;
}

let mixed: string;

async function execIn(id: string, cmd: string[]): Promise<void> {
  const made = await engine.json<{ Id: string }>('POST', `/containers/${id}/exec`, { Cmd: cmd });
  await engine.json('POST', `/exec/${made.value.Id}/start`, { Detach: false, Tty: true });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-logs-'));
  // A pause between every two lines: stdout and stderr are logged by two copiers, so lines written
  // back to back on both may be recorded in either order (seen under load: err2 before out2).
  mixed = await container(
    'echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; echo out2; sleep 0.1; echo err2 >&2; sleep 0.1; echo out3',
  );
  await engine.json('POST', `/containers/${mixed}/wait`);
});

afterAll(async () => {
  await removeTestContainers(engine, created);
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun logs', () => {
  it('prints stdout lines on stdout and stderr lines on stderr, like docker logs', async () => {
    const result = await bosun(['logs', mixed.slice(0, 12)]);
    expect(result).toEqual({ code: 0, stdout: 'out1\nout2\nout3\n', stderr: 'err1\nerr2\n' });
  });

  it('--tail, --json (NDJSON with the stream of each line) and -t', async () => {
    const tail = await bosun(['logs', '--tail', '2', '--json', mixed]);
    expect(tail.code).toBe(0);
    const lines = tail.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stream: string; time: string; text: string });
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stderr', 'err2'],
      ['stdout', 'out3'],
    ]);
    expect(lines[0]!.time).toMatch(/^\d{10}\.\d{9}$/);
    const stamped = await bosun(['logs', '-t', '--tail', '1', mixed]);
    expect(stamped.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z out3\n$/);
  });

  it('--since and --until take unix times, RFC3339 and durations', async () => {
    const all = (await bosun(['logs', '--json', mixed])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string; text: string });
    const out2 = all.find((l) => l.text === 'out2')!;
    expect((await bosun(['logs', '--since', out2.time, mixed])).stdout).toBe('out2\nout3\n');
    expect((await bosun(['logs', '--until', out2.time, mixed])).stdout).toBe('out1\nout2\n');
    const [seconds, nanos] = out2.time.split('.');
    const rfc = `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${nanos}Z`;
    expect((await bosun(['logs', '--since', rfc, mixed])).stdout).toBe('out2\nout3\n');
    expect((await bosun(['logs', '--since', '1h', mixed])).stdout).toBe('out1\nout2\nout3\n');
    const bad = await bosun(['logs', '--since', 'yesterday', mixed]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/duration before now/);
  });

  it('-f picks up new lines and exits 0 when the container stops, saying so on stderr', async () => {
    // Waits for a go from the test, so the new lines come only once the CLI is following.
    const id = await container(
      'echo tick0; while [ ! -e /tmp/go ]; do sleep 0.1; done; for i in 1 2 3; do echo tick$i; sleep 0.3; done',
    );
    const f = follow([id]);
    await expect.poll(f.out, { timeout: 20_000 }).toBe('tick0\n');
    await execIn(id, ['touch', '/tmp/go']);
    expect(await f.exited).toBe(0);
    expect(f.out()).toBe('tick0\ntick1\ntick2\ntick3\n');
    expect(f.err()).toMatch(/stopped/);
  });

  it('-f exits 1 with the core message when the container is removed', async () => {
    const id = await container('echo here; sleep 3600');
    const f = follow([id]);
    await expect.poll(f.out, { timeout: 20_000 }).toBe('here\n');
    await engine.json('DELETE', `/containers/${id}?force=1`);
    expect(await f.exited).toBe(1);
    expect(f.err()).toMatch(/^bosun: The container [0-9a-f]{12} was removed/m);
  });

  it('Ctrl-C ends -f cleanly (exit 130, no error)', async () => {
    const id = await container('while true; do echo tick; sleep 0.2; done');
    const f = follow([id]);
    await expect.poll(f.out, { timeout: 20_000 }).toContain('tick\n');
    f.child.kill('SIGINT');
    expect(await f.exited).toBe(130);
    expect(f.err()).toBe('');
  });

  it('says which container name is unknown, exit 1', async () => {
    const result = await bosun(['logs', 'no-such-container-here']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No container called "no-such-container-here"/);
  });
});
