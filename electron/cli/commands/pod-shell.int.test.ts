import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
let sim: KubeSim;
let home: string;

const bosun = (args: string[], input = '') =>
  runBosun(
    args,
    { home, dockerHost: env.dockerHost, extra: { KUBECONFIG: sim.kubeconfigPath, TZ: 'Asia/Shanghai' } },
    input,
  );

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-pod-shell-'));
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  await sim.createPod('default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cli-shell' },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        { name: 'main', image: env.images.busybox, command: ['sleep', '3600'] },
        { name: 'side', image: env.images.busybox, command: ['sleep', '3600'] },
      ],
    },
  });
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await rm(home, { recursive: true, force: true });
}, 60_000);

describe('bosun shell pod/NAME', () => {
  it('runs the fixed session in the container asked for and exits with the remote exit code', async () => {
    const result = await bosun(
      ['shell', 'pod/cli-shell', '-c', 'side', '-n', 'default', '--context', 'bosun-sim'],
      'echo "[$TERM|$LANG|$(date +%z)|$(hostname)]"\nexit 5\n',
    );
    expect(result.stdout).toContain('[xterm|C.UTF-8|+0800|');
    expect(result.stderr).toMatch(/bosun: \/bin\/ash as root · /);
    expect(result.code).toBe(5);
  }, 60_000);

  it('says what the server said when the pod has several containers and none was named', async () => {
    const result = await bosun(['shell', 'pod/cli-shell'], 'exit 0\n');
    // INVALID_ARGUMENT: the CLI's usage exit code.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'a container name must be specified for pod cli-shell, choose one of: [main side]',
    );
  }, 60_000);

  it('refuses container-only options and unknown contexts with what to do', async () => {
    const toolbox = await bosun(['shell', 'pod/cli-shell', '--toolbox']);
    expect(toolbox.code).toBe(1);
    expect(toolbox.stderr).toContain('--toolbox cannot be used with a pod');
    const unknown = await bosun(['shell', 'pod/cli-shell', '--context', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No context "nope" in your kubeconfig (known: bosun-sim)');
  }, 60_000);
});
