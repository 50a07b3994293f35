// A pod's status from the engine's view of its containers, following the kubelet's rules for
// container states, readiness and phase.
import type Docker from 'dockerode';
import type { Json } from './status';

export interface ContainerView {
  readonly name: string;
  readonly image: string;
  /** Undefined while the container is not created yet. */
  readonly info: Docker.ContainerInspectInfo | undefined;
  /** Why it is not created (e.g. ErrImageNeverPull), with a message. */
  readonly waiting?: { reason: string; message?: string };
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const seconds = (t: string): string => t.replace(/\.\d+Z$/, 'Z');

function stateOf(view: ContainerView): {
  state: Json;
  lastState: Json;
  ready: boolean;
  running: boolean;
  exitCode?: number;
} {
  const info = view.info;
  if (!info) {
    return {
      state: { waiting: view.waiting ?? { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      running: false,
    };
  }
  const s = info.State;
  const terminated = (): Json => ({
    exitCode: s.ExitCode,
    reason: s.OOMKilled ? 'OOMKilled' : s.ExitCode === 0 ? 'Completed' : 'Error',
    startedAt: seconds(s.StartedAt),
    finishedAt: seconds(s.FinishedAt),
    containerID: `docker://${info.Id}`,
  });
  const lastState: Json =
    info.RestartCount > 0 && s.FinishedAt !== ZERO_TIME ? { terminated: terminated() } : {};
  if (s.Running && !s.Restarting) {
    return { state: { running: { startedAt: seconds(s.StartedAt) } }, lastState, ready: true, running: true };
  }
  if (s.Restarting) {
    return {
      state: {
        waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${view.name}` },
      },
      lastState: { terminated: terminated() },
      ready: false,
      running: false,
    };
  }
  if (s.StartedAt === ZERO_TIME) {
    return { state: { waiting: { reason: 'ContainerCreating' } }, lastState, ready: false, running: false };
  }
  return {
    state: { terminated: terminated() },
    lastState,
    ready: false,
    running: false,
    exitCode: s.ExitCode,
  };
}

export function containerStatus(view: ContainerView): {
  status: Json;
  ready: boolean;
  running: boolean;
  exitCode?: number;
} {
  const st = stateOf(view);
  const status: Json = {
    name: view.name,
    state: st.state,
    lastState: st.lastState,
    ready: st.ready,
    restartCount: view.info?.RestartCount ?? 0,
    image: view.image,
    imageID: view.info ? `docker-pullable://${view.image}@${view.info.Image}` : '',
    started: st.running,
  };
  if (view.info) status.containerID = `docker://${view.info.Id}`;
  return { status, ready: st.ready, running: st.running, exitCode: st.exitCode };
}

function condition(type: string, ok: boolean, at: string, reason?: string): Json {
  const c: Json = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at };
  if (!ok && reason) c.reason = reason;
  return c;
}

/** The whole pod status; `previous` keeps transition times and startTime stable. */
export function podStatus(
  views: readonly ContainerView[],
  ephemeral: readonly ContainerView[],
  restartPolicy: string,
  hostIP: string,
  podIP: string | undefined,
  previous: Json | undefined,
): Json {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const statuses = views.map(containerStatus);
  const allCreated = views.every((v) => v.info !== undefined);
  const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
  const allTerminated = statuses.length > 0 && statuses.every((s) => s.exitCode !== undefined);
  let phase = 'Running';
  if (!allCreated || statuses.every((s) => !s.running && s.exitCode === undefined)) phase = 'Pending';
  if (allTerminated && restartPolicy !== 'Always') {
    phase = statuses.every((s) => s.exitCode === 0) ? 'Succeeded' : 'Failed';
  } else if (allTerminated && restartPolicy === 'Always' && phase !== 'Pending') {
    phase = 'Running';
  }
  const prevConditions = (previous?.conditions as Json[] | undefined) ?? [];
  const since = (type: string, ok: boolean): string => {
    const prev = prevConditions.find((c) => c.type === type);
    return prev && prev.status === (ok ? 'True' : 'False') ? String(prev.lastTransitionTime) : now;
  };
  const notReady = allReady ? undefined : 'ContainersNotReady';
  const status: Json = {
    phase,
    conditions: [
      condition('PodReadyToStartContainers', allCreated, since('PodReadyToStartContainers', allCreated)),
      condition('Initialized', true, since('Initialized', true)),
      condition('Ready', allReady, since('Ready', allReady), notReady),
      condition('ContainersReady', allReady, since('ContainersReady', allReady), notReady),
      condition('PodScheduled', true, since('PodScheduled', true)),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: (previous?.startTime as string | undefined) ?? now,
    containerStatuses: statuses.map((s) => s.status),
    qosClass: 'BestEffort',
  };
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (ephemeral.length > 0) {
    // Ephemeral containers are never ready and never restart: only their state is reported.
    status.ephemeralContainerStatuses = ephemeral.map((v) => ({
      ...containerStatus(v).status,
      ready: false,
      restartCount: 0,
    }));
  }
  return status;
}
