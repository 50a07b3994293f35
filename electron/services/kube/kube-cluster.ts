import type { Cluster, Context, User } from '@kubernetes/client-node';
import type { AccessCheck, RestartableKind, ScalableKind } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { TtyProcess } from '../containers/exec-engine';
import type { PodLike } from './pod-row';
import type { ForwardPod, ForwardService } from './port-forward-target';
import type { PodPortHandlers, PodPortStream } from './port-forward-stream';

/** Which pods one list or watch covers: one namespace, or every namespace when absent. */
export interface PodScope {
  readonly namespace?: string;
}

/** One page of a paginated list (`limit` + `continue`). */
export interface PodPage {
  readonly pods: readonly PodLike[];
  /** The list's resourceVersion: a watch from here misses nothing. */
  readonly resourceVersion: string;
  /** Set when more pages follow: pass it as `continue` to get the next one. */
  readonly continue?: string;
}

/** One watch event; BOOKMARK only moves the resourceVersion forward. */
export type PodWatchEvent =
  | {
      readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
      readonly pod: PodLike;
      readonly resourceVersion: string;
    }
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string };

/**
 * Why a watch ended: the server closed it (a normal timeout, a dropped connection: resume from the last
 * resourceVersion), the resourceVersion is too old (410 Gone: list again), or it failed.
 */
export type WatchEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface PodWatchHandlers {
  onEvent(event: PodWatchEvent): void;
  /** Called once, when the watch is over for whatever reason (not after close()). */
  onEnd(end: WatchEnd): void;
}

export interface WatchHandle {
  close(): void;
}

/** A container of a pod; without `container`, the pod's default (the server refuses when it has several). */
export interface PodContainerRef {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
}

/** An exec's command (no env and no user: the exec API has neither) and whether it gets a TTY and stdin. */
export interface PodExecSpec {
  readonly command: readonly string[];
  readonly tty: boolean;
  readonly stdin: boolean;
}

/** The answer to one SelfSubjectAccessReview. */
export interface AccessAnswer {
  readonly allowed: boolean;
  readonly reason?: string;
}

/**
 * One Kubernetes cluster as Bosun needs it, for one kubeconfig context. Every method rejects with an
 * AppError (the adapter translates HTTP and library errors where they happen); nothing of the client
 * library crosses this port.
 */
export interface KubeCluster {
  /** The server's version (GET /version): the connect check and the liveness ping. */
  version(signal?: AbortSignal): Promise<{ readonly gitVersion: string }>;
  /** Liveness check (GET /version); rejects with an AppError when the server does not answer. */
  ping(signal?: AbortSignal): Promise<void>;
  /** One page of pods; `continue` from the previous page. */
  listPods(
    scope: PodScope,
    page: { readonly limit: number; readonly continue?: string },
    signal?: AbortSignal,
  ): Promise<PodPage>;
  /**
   * Watches pods from a resourceVersion, with bookmarks. Resolves once the server accepted the watch;
   * rejects (AppError) when it refused it; a 410 Gone answer resolves and ends with `expired`.
   */
  watchPods(scope: PodScope, resourceVersion: string, handlers: PodWatchHandlers): Promise<WatchHandle>;
  /** Namespace names. */
  listNamespaces(signal?: AbortSignal): Promise<string[]>;
  /** Whether this user may do `check` in `namespace` (SelfSubjectAccessReview). */
  checkAccess(namespace: string, check: AccessCheck, signal?: AbortSignal): Promise<AccessAnswer>;
  /**
   * Runs a command in a pod's container over the exec WebSocket: raw bytes both ways, the TTY size on
   * channel 4, the exit code from the Status on channel 3. PERMISSION_DENIED when pods/exec is refused.
   */
  exec(target: PodContainerRef, spec: PodExecSpec, signal?: AbortSignal): Promise<TtyProcess>;
  /** One pod with its status (GET); NOT_FOUND once it is gone. */
  readPodStatus(namespace: string, name: string, signal?: AbortSignal): Promise<PodLike>;
  /** Deletes a pod; `gracePeriodSeconds` overrides the pod's own. */
  deletePod(
    namespace: string,
    name: string,
    gracePeriodSeconds: number | undefined,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Rollout restart: sets the pod template annotation kubectl.kubernetes.io/restartedAt to `at`. */
  restartWorkload(
    namespace: string,
    kind: RestartableKind,
    name: string,
    at: string,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Sets spec.replicas through the /scale subresource; resolves with the replicas the server kept. */
  scaleWorkload(
    namespace: string,
    kind: ScalableKind,
    name: string,
    replicas: number,
    signal?: AbortSignal,
  ): Promise<number>;
  /** One pod, as a port-forward reads it (container ports, phase, readiness). */
  readPod(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardPod>;
  /** One service, as a port-forward reads it (selector, ports). */
  readService(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardService>;
  /** The pods of a namespace that a label selector ("app=web") matches. */
  podsMatching(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<ForwardPod[]>;
  /** Opens one connection to a pod's port (pods/portforward); rejects with an AppError when refused. */
  openPortStream(
    target: { readonly namespace: string; readonly pod: string; readonly port: number },
    handlers: PodPortHandlers,
  ): Promise<PodPortStream>;
  /** Closes open watches and connections. */
  close(): void;
}

/** Builds the client of one context (reading its credentials); rejects with an AppError. */
export type ClusterFactory = (context: KubeContextSpec) => Promise<KubeCluster>;

/** Why a context is listed but never dialled (its kubeconfig entry is broken). */
export interface KubeBlocked {
  readonly reason: string;
  readonly hint: string;
}

/**
 * One context of the merged kubeconfig, with the raw entries it names, enough for the adapter to build
 * a client of its own (client-node's loadFromOptions) without reading the files again.
 */
export interface KubeContextSpec {
  readonly id: string;
  /** The context's name, or the file's name for a file that could not be read. */
  readonly name: string;
  readonly context?: string;
  readonly server?: string;
  readonly user?: string;
  readonly namespace?: string;
  readonly current: boolean;
  readonly file: string;
  readonly blocked?: KubeBlocked;
  /** The entries as client-node reads them (paths made absolute against their own file). */
  readonly entries?: KubeEntries;
  /** The SSH connection (a bastion) its API server is reached through, as the user chose. */
  readonly via?: string;
}

/** A loopback port that reaches a remote host:port through an SSH connection. */
export interface KubeTunnel {
  readonly port: number;
  /** What it goes through, for messages ("ssh://me@bastion"). */
  readonly through: string;
  close(): Promise<void>;
}

/**
 * The SSH side of a cluster behind a bastion: the kube service knows connections only by id, the SSH
 * service knows nothing of Kubernetes. `open` forwards a loopback port through that connection's SSH
 * session (shared with its Docker engine); `check` says why an id cannot be a tunnel.
 */
export interface KubeTunnels {
  check(connectionId: string): void;
  open(connectionId: string, host: string, port: number): Promise<KubeTunnel>;
}

/** The cluster, user and context entries of one context, as client-node's config types. */
export interface KubeEntries {
  readonly cluster: Cluster;
  readonly user: User;
  readonly context: Context;
}
