import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
let sim: KubeSim;
let home: string;

const cliEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  BOSUN_DATA_DIR: join(home, 'data'),
  DOCKER_HOST: env.dockerHost,
  KUBECONFIG: sim.kubeconfigPath,
});

/** A running `bosun port-forward` (tsx directly, so a signal reaches the CLI itself). */
function forward(args: string[]) {
  const child = spawn(
    join('node_modules', '.bin', 'tsx'),
    ['electron/cli/main.ts', 'port-forward', ...args],
    {
      env: cliEnv(),
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** One HTTP exchange through the forward; '' when it did not get nginx's page. */
function get(port: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port }, () =>
      socket.write('GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n'),
    );
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => resolve(''));
    socket.on('close', () => resolve(text));
  });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-pf-'));
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  await sim.createPod('default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cli-web' },
    spec: { containers: [{ name: 'main', image: env.images.debianNginx }] },
  });
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await rm(home, { recursive: true, force: true });
}, 60_000);

describe('bosun port-forward', () => {
  it('prints the address, counts connections, carries bytes, and stops on Ctrl-C', async () => {
    const f = forward(['pod/cli-web', ':80', '--context', 'bosun-sim']);
    await expect
      .poll(f.out, { timeout: 30_000 })
      .toMatch(/Forwarding from 127\.0\.0\.1:\d+ -> pod\/cli-web:80/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(f.out())![1]);
    await expect.poll(() => get(port), { timeout: 20_000, interval: 200 }).toContain('Welcome to nginx!');
    await expect.poll(f.out, { timeout: 10_000 }).toMatch(/Connections: 0 open, [1-9]\d* in all/);
    f.child.kill('SIGINT');
    expect(await f.exited).toBe(130);
    expect(await get(port)).toBe('');
  }, 90_000);

  it('names a bad target and a missing pod, exit 1', async () => {
    const bad = await runBosun(['port-forward', 'deploy/x', '80'], {
      home,
      dockerHost: env.dockerHost,
      extra: { KUBECONFIG: sim.kubeconfigPath },
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('give pod/NAME or svc/NAME');
    const missing = await runBosun(['port-forward', 'pod/nope', '8080:80'], {
      home,
      dockerHost: env.dockerHost,
      extra: { KUBECONFIG: sim.kubeconfigPath },
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such object|not found/i);
  }, 90_000);
});
