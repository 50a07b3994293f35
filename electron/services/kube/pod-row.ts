import type { PodRow } from '../../shared/contract';

type Time = Date | string | undefined | null;

interface ContainerStateLike {
  readonly waiting?: { readonly reason?: string } | null;
  readonly running?: { readonly startedAt?: Time } | null;
  readonly terminated?: {
    readonly reason?: string;
    readonly exitCode?: number;
    readonly signal?: number;
    readonly finishedAt?: Time;
  } | null;
}

interface ContainerStatusLike {
  readonly name: string;
  readonly ready?: boolean;
  readonly started?: boolean;
  readonly restartCount?: number;
  readonly state?: ContainerStateLike | null;
  readonly lastState?: ContainerStateLike | null;
}

/**
 * The part of a pod this module reads. client-node's V1Pod fits it (times as Date), and so does the raw
 * JSON of a watch event (times as strings), so both go through the same code.
 */
export interface PodLike {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly creationTimestamp?: Time;
    readonly labels?: Readonly<Record<string, string>> | null;
    readonly deletionTimestamp?: Time;
    readonly ownerReferences?:
      readonly { readonly kind: string; readonly name: string; readonly controller?: boolean }[] | null;
  } | null;
  readonly spec?: {
    readonly nodeName?: string;
    readonly containers?: readonly {
      readonly name: string;
      readonly image?: string;
      readonly ports?:
        | readonly { readonly name?: string; readonly containerPort: number; readonly protocol?: string }[]
        | null;
    }[];
    readonly initContainers?: readonly { readonly name: string; readonly restartPolicy?: string }[] | null;
    readonly schedulingGates?: readonly unknown[] | null;
  } | null;
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly podIP?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[] | null;
    readonly containerStatuses?: readonly ContainerStatusLike[] | null;
    readonly initContainerStatuses?: readonly ContainerStatusLike[] | null;
  } | null;
}

export type PodSummary = Omit<PodRow, 'clusterId'>;

function ms(time: Time): number | undefined {
  if (time === undefined || time === null) return undefined;
  const value = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isNaN(value) ? undefined : value;
}

function conditionTrue(pod: PodLike, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function terminatedReason(t: NonNullable<ContainerStateLike['terminated']>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

interface Tally {
  reason: string;
  restarts: number;
  lastRestartAt: number | undefined;
  ready: number;
  total: number;
}

function noteRestart(tally: Tally, status: ContainerStatusLike): void {
  tally.restarts += status.restartCount ?? 0;
  const finished = ms(status.lastState?.terminated?.finishedAt);
  if (finished !== undefined && (tally.lastRestartAt === undefined || finished > tally.lastRestartAt))
    tally.lastRestartAt = finished;
}

/** Init containers, as kubectl reads them: returns whether the pod is still initializing. */
function initContainers(pod: PodLike, tally: Tally): boolean {
  const specs = pod.spec?.initContainers ?? [];
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [index, status] of statuses.entries()) {
    noteRestart(tally, status);
    const sidecar = specs.find((s) => s.name === status.name)?.restartPolicy === 'Always';
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && status.started) {
      if (status.ready) tally.ready++;
      continue;
    }
    if (terminated) tally.reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') tally.reason = `Init:${waiting.reason}`;
    else tally.reason = `Init:${index}/${specs.length}`;
    return true;
  }
  return false;
}

/**
 * The READY, STATUS and RESTARTS columns exactly as `kubectl get pods` computes them (printPod in
 * kubectl's printers): a waiting reason (CrashLoopBackOff, ImagePullBackOff, ContainerCreating) wins over
 * the phase, Init:N/M while init containers run, Completed, Terminating while being deleted.
 */
export function podStatus(pod: PodLike): {
  status: string;
  ready: string;
  restarts: number;
  lastRestartAt?: number;
} {
  const phase = pod.status?.phase ?? 'Unknown';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  const tally: Tally = {
    reason: pod.status?.reason || phase,
    restarts: 0,
    lastRestartAt: undefined,
    ready: 0,
    total: (pod.spec?.containers?.length ?? 0) + sidecars,
  };
  if ((pod.spec?.schedulingGates?.length ?? 0) > 0) tally.reason = 'SchedulingGated';
  const initializing = initContainers(pod, tally);
  if (!initializing || conditionTrue(pod, 'Initialized')) {
    // kubectl counts only sidecar restarts from the init containers once they are done.
    tally.restarts = 0;
    tally.lastRestartAt = undefined;
    const specs = pod.spec?.initContainers ?? [];
    for (const status of pod.status?.initContainerStatuses ?? [])
      if (specs.find((s) => s.name === status.name)?.restartPolicy === 'Always') noteRestart(tally, status);
    let running = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i]!;
      noteRestart(tally, status);
      const waiting = status.state?.waiting;
      const terminated = status.state?.terminated;
      if (waiting?.reason) tally.reason = waiting.reason;
      else if (terminated) tally.reason = terminatedReason(terminated, '');
      else if (status.ready && status.state?.running) {
        running = true;
        tally.ready++;
      }
    }
    if (tally.reason === 'Completed' && running)
      tally.reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && pod.status?.reason === 'NodeLost') tally.reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') tally.reason = 'Terminating';
  return {
    status: tally.reason,
    ready: `${tally.ready}/${tally.total}`,
    restarts: tally.restarts,
    ...(tally.lastRestartAt !== undefined ? { lastRestartAt: tally.lastRestartAt } : {}),
  };
}

/** One pod as the list shows it (without its cluster). */
export function podSummary(pod: PodLike): PodSummary {
  const meta = pod.metadata ?? {};
  const owners = meta.ownerReferences ?? [];
  const owner = owners.find((o) => o.controller) ?? owners[0];
  return {
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ...podStatus(pod),
    createdAt: ms(meta.creationTimestamp) ?? 0,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    ...(pod.status?.podIP ? { podIP: pod.status.podIP } : {}),
    ...(owner ? { owner: { kind: owner.kind, name: owner.name } } : {}),
    containers: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      ...(c.ports?.length
        ? {
            ports: c.ports.map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              containerPort: p.containerPort,
              protocol: p.protocol ?? 'TCP',
            })),
          }
        : {}),
    })),
    labels: { ...meta.labels },
    deleting: Boolean(meta.deletionTimestamp),
  };
}
