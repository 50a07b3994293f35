import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';

type Time = Date | string | undefined | null;

/** The part of a pod a port-forward reads: its containers' ports and whether it can take traffic. */
export interface ForwardPod {
  readonly metadata?: {
    readonly name?: string;
    readonly creationTimestamp?: Time;
    readonly deletionTimestamp?: Time;
  } | null;
  readonly spec?: {
    readonly containers?: readonly {
      readonly name: string;
      readonly ports?:
        | readonly {
            readonly name?: string;
            readonly containerPort: number;
            readonly protocol?: string;
          }[]
        | null;
    }[];
  } | null;
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[] | null;
  } | null;
}

/** The part of a service a port-forward reads: its selector and ports. */
export interface ForwardService {
  readonly spec?: {
    readonly selector?: Readonly<Record<string, string>> | null;
    readonly ports?:
      | readonly {
          readonly name?: string;
          readonly port: number;
          readonly targetPort?: number | string;
          readonly protocol?: string;
        }[]
      | null;
  } | null;
}

/** A pod and the port on it that a forward connects to. */
export interface ForwardTarget {
  readonly pod: string;
  readonly port: number;
}

const ready = (pod: ForwardPod): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const created = (pod: ForwardPod): number => {
  const at = pod.metadata?.creationTimestamp;
  if (!at) return 0;
  return at instanceof Date ? at.getTime() : Date.parse(at);
};

/** kubectl refuses to forward to a pod that is not running ("pod is not running"); so do we. */
export function checkRunning(pod: ForwardPod, name: string): void {
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase !== 'Running')
    throw failure(
      'UNAVAILABLE',
      `Pod ${name} is not running (it is ${phase}), so nothing listens on its ports.`,
      'Wait until it runs (the Pods view shows its status), then forward again.',
    );
}

/** The selector as a labelSelector query ("app=web,tier=front"). */
export function selectorQuery(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/**
 * The pod a service forward goes to, as kubectl picks it: a running, ready pod that is not being
 * deleted, the longest-lived first (a stable choice across calls).
 */
export function choosePod(service: string, pods: readonly ForwardPod[]): ForwardPod {
  const candidates = pods
    .filter((p) => p.status?.phase === 'Running' && ready(p) && !p.metadata?.deletionTimestamp)
    .sort(
      (a, b) => created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
  const chosen = candidates[0];
  if (!chosen)
    throw failure(
      'UNAVAILABLE',
      pods.length === 0
        ? `Service ${service} selects no pods.`
        : `Service ${service} selects ${pods.length} pod(s), none of them running and ready.`,
      'Check the pods behind it in the Pods view (their status and readiness), then forward again.',
    );
  return chosen;
}

/** A container port of the pod by its name (TCP), as a named targetPort refers to it. */
function namedPort(pod: ForwardPod, name: string): number | undefined {
  for (const container of pod.spec?.containers ?? [])
    for (const port of container.ports ?? [])
      if (port.name === name && (port.protocol ?? 'TCP') === 'TCP') return port.containerPort;
  return undefined;
}

/**
 * The pod port behind a service port, as kubectl translates it: the service port must exist; its
 * targetPort is a number (0 or absent: the same as the port) or a container port's name on the pod.
 */
export function servicePortToPodPort(
  service: string,
  spec: ForwardService,
  servicePort: number,
  pod: ForwardPod,
): number {
  const ports = spec.spec?.ports ?? [];
  const entry = ports.find((p) => p.port === servicePort && (p.protocol ?? 'TCP') === 'TCP');
  if (!entry)
    throw new AppError(
      'INVALID_ARGUMENT',
      `Service ${service} has no TCP port ${servicePort}${
        ports.length ? ` (its ports: ${ports.map((p) => p.port).join(', ')})` : ''
      }. Forward one of its ports.`,
    );
  const target = entry.targetPort;
  if (target === undefined || target === 0 || target === '') return entry.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const found = namedPort(pod, target);
  if (found === undefined)
    throw failure(
      'INVALID_ARGUMENT',
      `Service ${service} sends port ${servicePort} to the port named "${target}", which pod ${
        pod.metadata?.name ?? '?'
      } does not declare.`,
      "Fix the service's targetPort or the pod's container ports.",
    );
  return found;
}
