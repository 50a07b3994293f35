// Shared by the simulator's integration tests: a simulator on the test engine, client-node clients
// from its kubeconfig, and small waits.
import * as k8s from '@kubernetes/client-node';
import { RawEngine } from '../raw-engine';
import { testEnv } from '../test-env';
import { startKubeSim, type KubeSim, type KubeSimOptions } from './index';
import { SIM_LABEL } from './pod-runtime';

export interface SimClients {
  readonly sim: KubeSim;
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly apps: k8s.AppsV1Api;
  readonly authz: k8s.AuthorizationV1Api;
  readonly engine: RawEngine;
  close(): Promise<void>;
}

export async function startSimClients(options: Partial<KubeSimOptions> = {}): Promise<SimClients> {
  const env = testEnv();
  const sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath, ...options });
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  const engine = new RawEngine(env.dockerSocketPath);
  return {
    sim,
    kc,
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    authz: kc.makeApiClient(k8s.AuthorizationV1Api),
    engine,
    async close() {
      await sim.stop();
      engine.close();
    },
  };
}

/** The engine containers behind a pod (by the pod uid label the simulator puts on them). */
export async function podContainers(
  engine: RawEngine,
  podUid: string,
): Promise<{ Id: string; State: string; Labels: Record<string, string> }[]> {
  const filters = encodeURIComponent(
    JSON.stringify({ label: [`io.kubernetes.pod.uid=${podUid}`, SIM_LABEL] }),
  );
  const answer = await engine.json<{ Id: string; State: string; Labels: Record<string, string> }[]>(
    'GET',
    `/containers/json?all=1&filters=${filters}`,
  );
  return answer.value;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

/** The Status body of a failed client-node call. */
export function statusOf(error: unknown): { code: number; reason: string; message: string; kind: string } {
  const body = (error as { body?: unknown }).body;
  const parsed = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
  return parsed as { code: number; reason: string; message: string; kind: string };
}

export async function expectStatus(
  call: Promise<unknown>,
): Promise<{ code: number; reason: string; message: string; kind: string }> {
  try {
    await call;
  } catch (error) {
    return statusOf(error);
  }
  throw new Error('the call succeeded, a failure Status was expected');
}

export function busyboxPod(
  name: string,
  script = 'while true; do echo tick; sleep 1; done',
  restartPolicy: 'Always' | 'Never' = 'Always',
): k8s.V1Pod {
  return {
    metadata: { name, labels: { app: 'sim-test' } },
    spec: {
      restartPolicy,
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: testEnv().images.busybox, command: ['sh', '-c', script] }],
    },
  };
}
