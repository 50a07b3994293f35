import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  Observable,
  VersionApi,
  Watch,
  type ConfigurationOptions,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import type { AccessCheck, RestartableKind, ScalableKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { TtyProcess } from '../containers/exec-engine';
import type {
  AccessAnswer,
  KubeCluster,
  KubeContextSpec,
  KubeTunnel,
  KubeTunnels,
  PodContainerRef,
  PodExecSpec,
  PodPage,
  PodScope,
  PodWatchEvent,
  PodWatchHandlers,
  WatchHandle,
} from './kube-cluster';
import { fromStatus, kubeCall, translateKubeError, type ClusterWhere } from './kube-errors';
import { ClientNodeActions } from './client-node-actions';
import { ClientNodeExec } from './client-node-exec';
import { ClientNodePortForward } from './port-forward-client';
import type { ForwardPod, ForwardService } from './port-forward-target';
import type { PodPortHandlers, PodPortStream } from './port-forward-stream';
import type { PodLike } from './pod-row';

const CALL_MS = 15_000;
const LIST_MS = 60_000;

/** Per-call options that hand the caller's signal to the request (client-node has no other way). */
function withSignal(signal: AbortSignal): ConfigurationOptions<ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

interface RawWatchObject {
  readonly kind?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly metadata?: { readonly resourceVersion?: unknown; readonly uid?: unknown };
}

/**
 * The KubeCluster of one kubeconfig context, on @kubernetes/client-node: a KubeConfig of its own built
 * from the context's entries (so several clusters live side by side), whatever auth the kubeconfig
 * names (token, client certificates, exec and auth-provider plugins).
 */
export class ClientNodeCluster implements KubeCluster {
  private readonly core: CoreV1Api;
  private readonly versions: VersionApi;
  private readonly authorization: AuthorizationV1Api;
  private readonly watcher: Watch;
  private readonly watches = new Set<AbortController>();
  private readonly actions: ClientNodeActions;
  private readonly execs: ClientNodeExec;
  private readonly forwards: ClientNodePortForward;

  private constructor(
    config: KubeConfig,
    private readonly where: ClusterWhere,
    private readonly tunnel?: KubeTunnel,
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    this.versions = config.makeApiClient(VersionApi);
    this.authorization = config.makeApiClient(AuthorizationV1Api);
    this.watcher = new Watch(config);
    this.actions = new ClientNodeActions(config, where, withSignal);
    this.execs = new ClientNodeExec(config, where, withSignal);
    this.forwards = new ClientNodePortForward(config, where, withSignal);
  }

  /**
   * The client of one context; with `spec.via`, its API server is reached through a loopback port
   * forwarded over that SSH connection, while TLS still checks the certificate against the server's
   * own name (tls-server-name), so the tunnel changes the route and nothing of the trust.
   */
  static async create(spec: KubeContextSpec, tunnels?: KubeTunnels): Promise<KubeCluster> {
    const entries = spec.entries;
    if (!entries || spec.blocked)
      throw new AppError(
        'UNAVAILABLE',
        spec.blocked ? `${spec.blocked.reason} ${spec.blocked.hint}` : `${spec.name} cannot be used.`,
      );
    let cluster = entries.cluster;
    let tunnel: KubeTunnel | undefined;
    if (spec.via) {
      if (!tunnels)
        throw new AppError(
          'UNAVAILABLE',
          `${spec.name} is set to go through SSH, which this build cannot do.`,
        );
      const server = new URL(cluster.server);
      const port = Number(server.port || (server.protocol === 'http:' ? 80 : 443));
      const host = server.hostname.replace(/^\[|\]$/g, '');
      tunnel = await tunnels.open(spec.via, host, port);
      server.hostname = '127.0.0.1';
      server.port = String(tunnel.port);
      cluster = {
        ...cluster,
        server: server.toString().replace(/\/$/, ''),
        tlsServerName: cluster.tlsServerName ?? host,
      };
    }
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [cluster],
      users: entries.user.name ? [entries.user] : [],
      contexts: [entries.context],
      currentContext: entries.context.name,
    });
    const where: ClusterWhere = {
      context: entries.context.name,
      server: tunnel ? `${entries.cluster.server} through ${tunnel.through}` : entries.cluster.server,
      ...(spec.user ? { user: spec.user } : {}),
    };
    return new ClientNodeCluster(config, where, tunnel);
  }

  version(signal?: AbortSignal): Promise<{ gitVersion: string }> {
    return kubeCall(this.where, 'version', CALL_MS, signal, async (s) => {
      const info = await this.versions.getCode(withSignal(s));
      return { gitVersion: info.gitVersion };
    });
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await this.version(signal);
  }

  listPods(
    scope: PodScope,
    page: { limit: number; continue?: string },
    signal?: AbortSignal,
  ): Promise<PodPage> {
    return kubeCall(this.where, 'list pods', LIST_MS, signal, async (s) => {
      const query = { limit: page.limit, ...(page.continue ? { _continue: page.continue } : {}) };
      const list = scope.namespace
        ? await this.core.listNamespacedPod({ namespace: scope.namespace, ...query }, withSignal(s))
        : await this.core.listPodForAllNamespaces(query, withSignal(s));
      const next = list.metadata?._continue;
      return {
        pods: list.items as PodLike[],
        resourceVersion: list.metadata?.resourceVersion ?? '',
        ...(next ? { continue: next } : {}),
      };
    });
  }

  async watchPods(
    scope: PodScope,
    resourceVersion: string,
    handlers: PodWatchHandlers,
  ): Promise<WatchHandle> {
    const path = scope.namespace
      ? `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/pods`
      : '/api/v1/pods';
    let ended = false;
    let closed = false;
    const end = (outcome: Parameters<PodWatchHandlers['onEnd']>[0]): void => {
      if (ended || closed) return;
      ended = true;
      handlers.onEnd(outcome);
    };
    let controller: AbortController | undefined;
    // Until the server answered 200, a failure rejects watchPods; after it, it ends the watch.
    let isOpen = false;
    let opened: () => void = () => undefined;
    let refused: (error: AppError) => void = () => undefined;
    const accepted = new Promise<void>((resolve, reject) => {
      opened = () => {
        isOpen = true;
        resolve();
      };
      refused = reject;
    });
    const onEvent = (type: string, object: unknown): void => {
      opened();
      const raw = (object ?? {}) as RawWatchObject;
      if (type === 'ERROR') {
        const code = typeof raw.code === 'number' ? raw.code : 500;
        const message = typeof raw.message === 'string' ? raw.message : '';
        if (code === 410) end({ kind: 'expired' });
        else end({ kind: 'failed', error: fromStatus(code, message, this.where) });
        controller?.abort();
        return;
      }
      const rv = raw.metadata?.resourceVersion;
      if (typeof rv !== 'string') return;
      if (type === 'BOOKMARK') handlers.onEvent({ type, resourceVersion: rv });
      else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
        handlers.onEvent({ type, pod: object as PodLike, resourceVersion: rv } satisfies PodWatchEvent);
    };
    const onDone = (error: unknown): void => {
      if (controller) this.watches.delete(controller);
      if (!error) {
        opened();
        end({ kind: 'closed' });
        return;
      }
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 410) {
        opened();
        end({ kind: 'expired' });
        return;
      }
      const translated = translateKubeError(error, this.where);
      if (translated.code === 'CANCELLED') return;
      if (isOpen) end({ kind: 'failed', error: translated });
      else refused(translated);
    };
    try {
      controller = await this.watcher.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true },
        onEvent,
        onDone,
      );
    } catch (error) {
      throw translateKubeError(error, this.where);
    }
    // Watch.watch resolves once the server answered; a refusal has rejected `accepted` by then.
    opened();
    await accepted;
    if (!ended) this.watches.add(controller);
    const live = controller;
    return {
      close: () => {
        closed = true;
        this.watches.delete(live);
        live.abort();
      },
    };
  }

  listNamespaces(signal?: AbortSignal): Promise<string[]> {
    return kubeCall(this.where, 'list namespaces', CALL_MS, signal, async (s) => {
      const list = await this.core.listNamespace({}, withSignal(s));
      return list.items.map((ns) => ns.metadata?.name ?? '').filter((name) => name !== '');
    });
  }

  checkAccess(namespace: string, check: AccessCheck, signal?: AbortSignal): Promise<AccessAnswer> {
    return kubeCall(this.where, 'access review', CALL_MS, signal, async (s) => {
      const review = await this.authorization.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                namespace,
                verb: check.verb,
                resource: check.resource,
                ...(check.subresource ? { subresource: check.subresource } : {}),
                ...(check.group ? { group: check.group } : {}),
              },
            },
          },
        },
        withSignal(s),
      );
      const status = review.status;
      return { allowed: status?.allowed === true, ...(status?.reason ? { reason: status.reason } : {}) };
    });
  }

  exec(target: PodContainerRef, spec: PodExecSpec, signal?: AbortSignal): Promise<TtyProcess> {
    return this.execs.exec(target, spec, signal);
  }

  readPodStatus(namespace: string, name: string, signal?: AbortSignal): Promise<PodLike> {
    return this.execs.readPodStatus(namespace, name, signal);
  }

  deletePod(namespace: string, name: string, grace: number | undefined, signal?: AbortSignal): Promise<void> {
    return this.actions.deletePod(namespace, name, grace, signal);
  }

  restartWorkload(
    namespace: string,
    kind: RestartableKind,
    name: string,
    at: string,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.actions.restartWorkload(namespace, kind, name, at, signal);
  }

  scaleWorkload(
    namespace: string,
    kind: ScalableKind,
    name: string,
    replicas: number,
    signal?: AbortSignal,
  ): Promise<number> {
    return this.actions.scaleWorkload(namespace, kind, name, replicas, signal);
  }

  readPod(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardPod> {
    return this.forwards.readPod(namespace, name, signal);
  }

  readService(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardService> {
    return this.forwards.readService(namespace, name, signal);
  }

  podsMatching(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<ForwardPod[]> {
    return this.forwards.podsMatching(namespace, labelSelector, signal);
  }

  openPortStream(
    target: { readonly namespace: string; readonly pod: string; readonly port: number },
    handlers: PodPortHandlers,
  ): Promise<PodPortStream> {
    return this.forwards.openPortStream(target, handlers);
  }

  close(): void {
    for (const controller of this.watches) controller.abort();
    this.watches.clear();
    void this.tunnel?.close();
  }
}
