import type { AccessCheck } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type {
  AccessAnswer,
  KubeCluster,
  PodPage,
  PodScope,
  PodWatchHandlers,
  WatchHandle,
} from '../kube/kube-cluster';
import type { PodLike } from '../kube/pod-row';

interface Change {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly pod: PodLike;
}

interface OpenWatch {
  readonly scope: PodScope;
  readonly handlers: PodWatchHandlers;
}

function inScope(scope: PodScope, pod: PodLike): boolean {
  return scope.namespace === undefined || pod.metadata?.namespace === scope.namespace;
}

/** A pod as a test writes it: running with one ready container unless told otherwise. */
export function fakePod(namespace: string, name: string, extra: Partial<PodLike> = {}): PodLike {
  return {
    metadata: { namespace, name, uid: `uid-${namespace}-${name}`, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { nodeName: 'node-1', containers: [{ name: 'main', image: 'local/busybox:1' }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: { running: {} } }],
    },
    ...extra,
  };
}

/**
 * An API server in memory for unit tests: pods with resourceVersions and a change history, list pages,
 * watches that replay from a version (410 once compacted), faults on demand. Every client made by
 * `cluster()` talks to the same server, as reconnects do.
 */
export class FakeKubeServer {
  private readonly pods = new Map<string, PodLike>();
  private readonly history: Change[] = [];
  private readonly watches = new Set<OpenWatch>();
  private rv = 100;
  private compactedAt = 0;
  /** When set, every call fails with it (the server is down, or refuses). */
  down: AppError | undefined;
  /** How long every page after the first takes (a large list over a slow link). */
  laterPagesMs = 0;
  readonly calls = { lists: 0, pages: 0, watches: [] as string[], actions: [] as string[] };
  access: (check: AccessCheck) => AccessAnswer = () => ({ allowed: true });

  /** Adds or changes a pod; `unseen`: open watches do not hear of it (it was lost with a dropped connection). */
  upsert(pod: PodLike, unseen = false): void {
    const uid = pod.metadata!.uid!;
    const type = this.pods.has(uid) ? 'MODIFIED' : 'ADDED';
    this.record(type, pod, unseen);
  }

  remove(uid: string, unseen = false): void {
    const pod = this.pods.get(uid);
    if (pod) this.record('DELETED', pod, unseen);
  }

  /** Every open watch ends as if the connection dropped. */
  dropWatches(): void {
    for (const watch of [...this.watches]) {
      this.watches.delete(watch);
      watch.handlers.onEnd({ kind: 'closed' });
    }
  }

  /** Versions older than the current one answer 410 Gone from now on. */
  compact(): void {
    this.compactedAt = this.rv;
  }

  /** Every open watch fails (the connection broke hard). */
  failWatches(error: AppError): void {
    for (const watch of [...this.watches]) {
      this.watches.delete(watch);
      watch.handlers.onEnd({ kind: 'failed', error });
    }
  }

  get openWatches(): number {
    return this.watches.size;
  }

  list(scope: PodScope = {}): PodLike[] {
    return [...this.pods.values()].filter((pod) => inScope(scope, pod));
  }

  cluster(): KubeCluster {
    const check = (): void => {
      if (this.down) throw this.down;
    };
    const own = new Set<OpenWatch>();
    return {
      version: async () => {
        check();
        return { gitVersion: 'v1.31.0-fake' };
      },
      ping: async () => check(),
      listPods: async (scope, page): Promise<PodPage> => {
        check();
        if (!page.continue) this.calls.lists++;
        else if (this.laterPagesMs > 0)
          await new Promise((resolve) => setTimeout(resolve, this.laterPagesMs));
        this.calls.pages++;
        const all = this.list(scope).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
        const start = page.continue ? Number(page.continue) : 0;
        const end = start + page.limit;
        return {
          pods: all.slice(start, end).map((pod) => structuredClone(pod)),
          resourceVersion: String(this.rv),
          ...(end < all.length ? { continue: String(end) } : {}),
        };
      },
      watchPods: async (scope, from, handlers): Promise<WatchHandle> => {
        check();
        this.calls.watches.push(from);
        const watch: OpenWatch = { scope, handlers };
        if (Number(from) < this.compactedAt) {
          queueMicrotask(() => handlers.onEnd({ kind: 'expired' }));
          return { close: () => undefined };
        }
        this.watches.add(watch);
        own.add(watch);
        const missed = this.history.filter((c) => c.rv > Number(from) && inScope(scope, c.pod));
        queueMicrotask(() => {
          if (!this.watches.has(watch)) return;
          for (const c of missed)
            handlers.onEvent({ type: c.type, pod: structuredClone(c.pod), resourceVersion: String(c.rv) });
        });
        return {
          close: () => {
            this.watches.delete(watch);
            own.delete(watch);
          },
        };
      },
      listNamespaces: async () => {
        check();
        return [...new Set([...this.pods.values()].map((p) => p.metadata!.namespace!))];
      },
      checkAccess: async (_namespace, request) => {
        check();
        return this.access(request);
      },
      // Pod terminals are tested against the simulator: the fake runs no processes.
      exec: async () => {
        check();
        throw new AppError('UNAVAILABLE', 'The fake cluster cannot run commands in pods.');
      },
      readPodStatus: async (namespace, name) => {
        check();
        const pod = this.list({ namespace }).find((p) => p.metadata?.name === name);
        if (!pod) throw new AppError('NOT_FOUND', `No pod ${namespace}/${name}.`);
        return structuredClone(pod);
      },
      readPod: async (namespace, name) => {
        check();
        const pod = this.list({ namespace }).find((p) => p.metadata?.name === name);
        if (!pod) throw new AppError('NOT_FOUND', `No pod ${namespace}/${name}.`);
        return structuredClone(pod);
      },
      // Port-forwards are tested against the simulator: the fake has no services and carries no bytes.
      readService: async (namespace, name) => {
        check();
        throw new AppError('NOT_FOUND', `No service ${namespace}/${name}.`);
      },
      podsMatching: async (namespace, selector) => {
        check();
        const wanted = selector.split(',').map((pair) => pair.split('='));
        return this.list({ namespace })
          .filter((p) => wanted.every(([key, value]) => p.metadata?.labels?.[key!] === value))
          .map((p) => structuredClone(p));
      },
      openPortStream: async () => {
        check();
        throw new AppError('UNAVAILABLE', 'The fake cluster cannot forward ports.');
      },
      deletePod: async (namespace, name) => {
        check();
        this.calls.actions.push(`delete pod ${namespace}/${name}`);
        const pod = this.list({ namespace }).find((p) => p.metadata?.name === name);
        if (pod) this.remove(pod.metadata!.uid!);
      },
      restartWorkload: async (namespace, kind, name) => {
        check();
        this.calls.actions.push(`restart ${kind} ${namespace}/${name}`);
      },
      scaleWorkload: async (namespace, kind, name, replicas) => {
        check();
        this.calls.actions.push(`scale ${kind} ${namespace}/${name} ${replicas}`);
        return replicas;
      },
      close: () => {
        for (const watch of own) this.watches.delete(watch);
        own.clear();
      },
    };
  }

  private record(type: Change['type'], pod: PodLike, unseen: boolean): void {
    this.rv++;
    const stamped: PodLike = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(this.rv) } };
    if (type === 'DELETED') this.pods.delete(pod.metadata!.uid!);
    else this.pods.set(pod.metadata!.uid!, stamped);
    this.history.push({ rv: this.rv, type, pod: stamped });
    if (unseen) return;
    for (const watch of this.watches)
      if (inScope(watch.scope, stamped))
        watch.handlers.onEvent({ type, pod: structuredClone(stamped), resourceVersion: String(this.rv) });
  }
}
