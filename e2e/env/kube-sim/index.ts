// The Kubernetes API server simulator: HTTPS on loopback, bearer-token auth, pods backed by real
// containers on the test engine. See DESIGN.md §6 and /tmp/bosun-kube-brief.md for the contract.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimContext } from './context';
import { WorkloadController } from './deployments';
import { JobController } from './jobs';
import { EventRecorder } from './kube-events';
import { CONTEXT_NAME, writeKubeconfig } from './kubeconfig';
import { ListPager } from './list-paging';
import { PodRuntime } from './pod-runtime';
import { Pods } from './pods';
import { Rbac, type DenyRule } from './rbac';
import { handleRequest } from './router';
import { seedCluster } from './seed';
import { Store, type KubeObject } from './store';
import { seedSyntheticPods } from './synthetic';
import { handleUpgrade } from './stream-routes';
import { makeTls } from './tls';
import { WatchHub } from './watch';

export interface KubeSimOptions {
  /** The test engine (testEnv().dockerSocketPath). */
  readonly dockerSocketPath: string;
  /** Verbs/resources this user may NOT do, e.g. [{ verb: 'create', resource: 'pods', subresource: 'exec' }]. */
  readonly deny?: readonly DenyRule[];
  /** Watch history kept for resourceVersion resumes; older versions answer 410 Gone. */
  readonly historyLimit?: number;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (default 5 s; the real server: ~1 min). */
  readonly bookmarkIntervalMs?: number;
}

export interface KubeSim {
  /** https://127.0.0.1:PORT */
  readonly server: string;
  /** A file with one context "bosun-sim" (CA data + bearer token). */
  readonly kubeconfigPath: string;
  readonly token: string;
  /** "bosun-sim" */
  readonly contextName: string;
  /**
   * Create a pod whose containers are real containers on the test engine (labelled io.bosun.test=1,
   * io.bosun.kube-sim=<sim id>); resolves once its containers were started, with the pod as stored then.
   */
  createPod(namespace: string, manifest: object): Promise<object>;
  setDeny(rules: KubeSimOptions['deny']): void;
  /**
   * For scale tests: `count` pods named `${prefix}-00000…` (label app=prefix) that are stored, listed
   * and watched like any pod and reported Running, with no engine container behind them (annotated
   * io.bosun.kube-sim/synthetic=true; logs and exec answer "container not found").
   */
  seedSyntheticPods(namespace: string, count: number, prefix?: string): void;
  /** Drop every open watch connection (a "watch interrupted" fault): the sockets are cut mid-stream. */
  dropWatches(): void;
  /** Forget history so the next resume with an old resourceVersion gets 410 Gone. */
  compactHistory(): void;
  /** Stops the server and removes every container it made. */
  stop(): Promise<void>;
}

export async function startKubeSim(options: KubeSimOptions): Promise<KubeSim> {
  const dir = await mkdtemp(join(tmpdir(), 'bosun-kube-sim-'));
  const simId = randomBytes(6).toString('hex');
  const token = randomBytes(24).toString('base64url');
  const store = new Store(options.historyLimit ?? 10_000);
  const runtime = new PodRuntime(options.dockerSocketPath, simId);
  const events = new EventRecorder(store);
  const pods = new Pods(store, runtime, events);
  const ctx: SimContext = {
    simId,
    token,
    dockerSocketPath: options.dockerSocketPath,
    store,
    pager: new ListPager(store),
    watches: new WatchHub(store, options.bookmarkIntervalMs ?? 5000),
    pods,
    rbac: new Rbac(options.deny),
    events,
    workloads: new WorkloadController(store, pods, events),
    jobs: new JobController(store, pods, events),
  };
  seedCluster(store);
  const stopEvents = await runtime.watchEvents((id) => pods.onEngineEvent(id));
  const tls = await makeTls(dir);
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) =>
    handleRequest(ctx, req, res),
  );
  server.on('upgrade', (req, socket, head) => handleUpgrade(ctx, req, socket, head as Buffer));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfigPath, url, tls.caPem, token);
  let stopped = false;
  return {
    server: url,
    kubeconfigPath,
    token,
    contextName: CONTEXT_NAME,
    createPod: (namespace, manifest) =>
      pods.createAndStart(namespace, structuredClone(manifest) as KubeObject),
    setDeny: (rules) => ctx.rbac.set(rules),
    seedSyntheticPods: (namespace, count, prefix = 'synthetic') =>
      seedSyntheticPods(store, namespace, count, prefix),
    dropWatches: () => ctx.watches.dropAll(),
    compactHistory: () => store.compact(),
    async stop() {
      if (stopped) return;
      stopped = true;
      ctx.workloads.stop();
      ctx.jobs.stop();
      pods.markAllDeleting();
      ctx.watches.endAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Force-remove first so graceful deletes in flight end now instead of after their grace period,
      // then again for anything a start in flight created meanwhile.
      await runtime.removeAll();
      await pods.settle();
      stopEvents();
      await runtime.removeAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
