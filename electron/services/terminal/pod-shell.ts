import type { ParsedIn, TerminalSession } from '../../shared/contract';
import type { TtyProcess } from '../containers/exec-engine';
import type { KubeCluster, PodContainerRef } from '../kube/kube-cluster';
import { probePod, POD_PROBE_SHELLS } from './pod-probe';
import { noShellError } from './prepare-shell';
import type { SessionPlan } from './session-plan';
import { bootstrapShell } from './shell-probe';

type PodOpenInput = ParsedIn<'terminal.openPod'>;

export interface PodStarted {
  readonly info: TerminalSession;
  readonly process: TtyProcess;
  /** "pod" or "pod/container", for messages. */
  readonly targetName: string;
  /** Whether the pod's container still runs (NOT_FOUND once the pod is gone). */
  isRunning(): Promise<boolean>;
}

/**
 * The exec command of a plan: the exec API takes no environment, so the plan's variables go through
 * `env` in front of the shell (domain.md §2.3): `env TERM=… LANG=… sh -c 'stty …; exec sh -i'`.
 */
export function podCommand(plan: Pick<SessionPlan, 'cmd' | 'env'>): string[] {
  return plan.env.length > 0 ? ['env', ...plan.env, ...plan.cmd] : [...plan.cmd];
}

/**
 * Starts the best shell in a pod's container with the same plan as a Docker exec: the pod is probed by
 * one exec of a shell script (the exec API has no file access), the rc file is written through the
 * shell, and the shell starts wrapped in `env`. An image without a shell is NOT_FOUND / no-shell.
 */
export async function startPodShell(
  cluster: KubeCluster,
  input: PodOpenInput,
  signal: AbortSignal,
): Promise<PodStarted> {
  const ref: PodContainerRef = {
    namespace: input.namespace,
    pod: input.pod,
    ...(input.container ? { container: input.container } : {}),
  };
  const targetName = input.container ? `${input.pod}/${input.container}` : input.pod;
  const probe = await probePod(cluster, ref, { timezone: input.timezone }, signal);
  if (!probe) throw noShellError(targetName, POD_PROBE_SHELLS);
  const result = await bootstrapShell(
    probe.files,
    targetName,
    {
      user: probe.snapshot.uid,
      containerEnv: probe.snapshot.env,
      containerName: input.pod,
      disabledFixes: input.disabledFixes,
      timezone: input.timezone,
    },
    { signal },
  );
  if (!result.ok) throw noShellError(targetName, result.checked);
  const { plan } = result;
  const process = await cluster.exec(ref, { command: podCommand(plan), tty: true, stdin: true }, signal);
  return {
    info: {
      sessionId: input.sessionId,
      mode: 'shell',
      shell: plan.shell,
      user: probe.user,
      fixes: plan.fixes,
      writable: true,
    },
    process,
    targetName,
    isRunning: async () => {
      const pod = await cluster.readPodStatus(input.namespace, input.pod, undefined);
      const statuses = pod.status?.containerStatuses ?? [];
      const mine = input.container ? statuses.find((s) => s.name === input.container) : statuses[0];
      return !pod.metadata?.deletionTimestamp && mine?.state?.running != null;
    },
  };
}
