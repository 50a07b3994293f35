import {
  terminalOpenInputSchema,
  type TerminalFixId,
  type TerminalMode,
} from '../../../electron/shared/contract/terminal';
import type { OpenRequest, PodOpenRequest } from '../../../electron/shared/terminal/terminal-client';
import type { TerminalSize } from './terminal-view';

/** A pod's container a terminal is for (terminal.openPod). */
export interface PodTerminalTarget {
  readonly clusterId: string;
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string | undefined;
}

/**
 * The container a terminal is for. A pod's is keyed the same way (connectionId is the cluster, containerId
 * "namespace/pod/container"), so tabs, titles and per-container fixes work alike.
 */
export interface TerminalTarget {
  readonly connectionId: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly pod?: PodTerminalTarget;
}

/** The target of a pod's container: its first container unless one is named. */
export function podTerminalTarget(pod: PodTerminalTarget): TerminalTarget {
  const container = pod.container ? `/${pod.container}` : '';
  return {
    connectionId: pod.clusterId,
    containerId: `${pod.namespace}/${pod.pod}${container}`,
    containerName: `${pod.pod}${container}`,
    pod,
  };
}

/** How the user asked for the session: kept by the tab, so a reopen asks for the same. */
export interface OpenChoice {
  readonly mode: TerminalMode;
  readonly user?: string | undefined;
  readonly workdir?: string | undefined;
  /** Attach only: keystrokes reach PID 1. */
  readonly writable?: boolean | undefined;
}

export const containerKey = (target: TerminalTarget): string =>
  `${target.connectionId}/${target.containerId}`;

function desktopTimezone(): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // An odd zone name must cost the TZ fix, not the whole session.
  return terminalOpenInputSchema.shape.timezone.safeParse(zone).success ? zone : undefined;
}

/** The terminal.open request for a choice, at the size the screen was fitted to. */
export function openRequest(
  target: TerminalTarget,
  choice: OpenChoice,
  disabledFixes: readonly TerminalFixId[],
  size: TerminalSize,
): OpenRequest | PodOpenRequest {
  const { mode, user, workdir, writable } = choice;
  const timezone = desktopTimezone();
  if (target.pod) {
    const { clusterId, namespace, pod, container } = target.pod;
    return {
      clusterId,
      namespace,
      pod,
      ...(container ? { container } : {}),
      disabledFixes: [...disabledFixes],
      cols: size.cols,
      rows: size.rows,
      ...(timezone ? { timezone } : {}),
    };
  }
  return {
    connectionId: target.connectionId,
    containerId: target.containerId,
    mode,
    disabledFixes: [...disabledFixes],
    cols: size.cols,
    rows: size.rows,
    ...(user ? { user } : {}),
    ...(workdir ? { workdir } : {}),
    ...(timezone ? { timezone } : {}),
    ...(mode === 'attach' ? { writable: Boolean(writable) } : {}),
  };
}

/** "shell as app in /srv", "toolbox", "attach to PID 1": for the line between two sessions in one screen. */
export function describeChoice(choice: OpenChoice): string {
  if (choice.mode === 'attach') return choice.writable ? 'attach to PID 1 (writable)' : 'attach to PID 1';
  const parts: string[] = [choice.mode === 'toolbox' ? 'toolbox' : 'shell'];
  if (choice.user) parts.push(`as ${choice.user}`);
  if (choice.workdir) parts.push(`in ${choice.workdir}`);
  return parts.join(' ');
}

/**
 * What is wrong with a user or working directory typed in the open form, by the contract's own rules
 * (the core would refuse the same with INVALID_ARGUMENT); undefined when it is fine or left empty.
 */
export function optionProblem(field: 'user' | 'workdir', value: string): string | undefined {
  if (value === '') return undefined;
  const result = terminalOpenInputSchema.shape[field].safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'Not valid here.');
}
