// The toolbox sidecar (DESIGN.md §4): a container from the toolbox image that joins a target's
// network and PID namespaces, so ip, netstat, ps, wget and /proc/1/root work against a target
// that has no shell or no tools. The terminal service execs a shell into it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import type { ContainerSpec, LabelledContainer, Leash, ToolboxEngine } from '../containers/toolbox-engine';

export const SIDECAR_LABEL = 'io.bosun.toolbox.sidecar';
export const TARGET_LABEL = 'io.bosun.toolbox.target';
export const SESSION_LABEL = 'io.bosun.toolbox.session';
export const OWNER_LABEL = 'io.bosun.toolbox.owner';

export interface SidecarRequest {
  readonly image: string;
  /** The container whose namespaces the sidecar joins (its full id, or a name). */
  readonly targetId: string;
  readonly sessionId: string;
  /** Who keeps the sidecar alive: ownerId() of this process. */
  readonly ownerId: string;
  readonly signal?: AbortSignal;
  /** More labels (tests mark what they create). */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface Sidecar {
  readonly containerId: string;
  /** Ends the leash and removes the container; safe to call twice, and when it is gone already. */
  stop(): Promise<void>;
}

/**
 * The sidecar's main process is `cat` on a stdin that only Bosun's attach connection feeds. When
 * that connection closes (stop(), Bosun exits, Bosun crashes and the OS closes its sockets, an SSH
 * tunnel drops) the engine closes the container's stdin (StdinOnce), `cat` reads EOF and exits,
 * and AutoRemove deletes the container: no sidecar outlives the Bosun that started it.
 */
export function sidecarSpec(request: SidecarRequest, target: LabelledContainer): ContainerSpec {
  return {
    name: `bosun-toolbox-${target.id.slice(0, 12)}-${randomBytes(2).toString('hex')}`,
    Image: request.image,
    Cmd: ['cat'],
    Labels: {
      ...request.labels,
      [SIDECAR_LABEL]: '1',
      [TARGET_LABEL]: target.id,
      [SESSION_LABEL]: request.sessionId,
      [OWNER_LABEL]: request.ownerId,
    },
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    HostConfig: {
      NetworkMode: `container:${target.id}`,
      PidMode: `container:${target.id}`,
      AutoRemove: true,
      // The target's processes often run as another user (nginx workers as www-data, images with
      // USER 1000). Root in the sidecar may read their /proc/<pid>/root, exe and fd links only with
      // CAP_SYS_PTRACE; without it /proc/1/root (the target's files) fails for a non-root PID 1, and
      // `netstat -p` (in busybox builds that have it) cannot tell which process owns a socket.
      CapAdd: ['SYS_PTRACE'],
      // `cat` is the leash itself; an init in between would only delay its exit.
      Init: false,
    },
  };
}

/**
 * Starts a toolbox sidecar on a running target. Rejects with NOT_FOUND when the target is gone,
 * CONFLICT when it is not running; whatever fails midway, nothing is left behind.
 */
export async function startSidecar(engine: ToolboxEngine, request: SidecarRequest): Promise<Sidecar> {
  const { signal } = request;
  const target = await inspectTarget(engine, request.targetId, signal);
  if (target.state !== 'running') throw notRunning(target);
  const containerId = await engine.createContainer(sidecarSpec(request, target), signal);
  let leash: Leash | undefined;
  try {
    // Attached before start: a sidecar running with nobody on its stdin would wait forever.
    leash = await engine.attachStdin(containerId, signal);
    await engine.startContainer(containerId, signal);
  } catch (error) {
    leash?.release();
    await engine.removeContainer(containerId).catch(() => undefined);
    throw await explainStartFailure(engine, target, error);
  }
  const held = leash;
  let stopping: Promise<void> | undefined;
  return {
    containerId,
    stop: () =>
      (stopping ??= (async () => {
        held.release();
        await engine.removeContainer(containerId);
      })()),
  };
}

async function inspectTarget(
  engine: ToolboxEngine,
  targetId: string,
  signal: AbortSignal | undefined,
): Promise<LabelledContainer> {
  try {
    return await engine.inspectContainer(targetId, signal);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw failure(
        'NOT_FOUND',
        `The container ${targetId.slice(0, 12)} no longer exists, so there is nothing for the toolbox to join.`,
        'Refresh the list of containers.',
      );
    }
    throw error;
  }
}

function notRunning(target: LabelledContainer): AppError {
  return failure(
    'CONFLICT',
    `The container ${target.name || target.id.slice(0, 12)} is ${target.state || 'not running'}: the toolbox joins a running container's network and processes.`,
    'Start the container first.',
    { state: target.state },
  );
}

/** The target may have stopped or vanished between the check and the start: say that, not "HTTP 500". */
async function explainStartFailure(
  engine: ToolboxEngine,
  target: LabelledContainer,
  error: unknown,
): Promise<unknown> {
  if (error instanceof AppError && error.code === 'CANCELLED') return error;
  try {
    const now = await engine.inspectContainer(target.id);
    return now.state === 'running' ? error : notRunning(now);
  } catch (inspectError) {
    return inspectError instanceof AppError && inspectError.code === 'NOT_FOUND'
      ? failure(
          'NOT_FOUND',
          `The container ${target.name || target.id.slice(0, 12)} was removed while the toolbox started.`,
          'Refresh the list of containers.',
        )
      : error;
  }
}

/** Who owns sidecars started by this process: `<hostname>:<pid>`. */
export function ownerId(): string {
  return `${hostname()}:${process.pid}`;
}

/** Whether a process of this host runs with that pid (EPERM: it does, as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Owner liveness as this host can tell it: an owner `<host>:<pid>` of this host is alive while its
 * pid is; an owner on another host (a remote engine shared by several desktops) or an owner id of
 * another form cannot be judged from here and counts as alive.
 */
export function localOwnerLiveness(
  thisHost: string = hostname(),
  isPidAlive: (pid: number) => boolean = pidAlive,
): (owner: string) => boolean {
  return (owner) => {
    const match = /^(.*):(\d+)$/.exec(owner);
    if (!match || match[1] !== thisHost) return true;
    const pid = Number(match[2]);
    return pid === process.pid || isPidAlive(pid);
  };
}

/**
 * Removes sidecars whose owner is gone. The leash removes a sidecar when its owner ends; this
 * catches the rest: one created but never started (AutoRemove only acts after a start) when Bosun
 * died in between, or one on an engine that was down when its owner ended. Run at core start, per
 * engine. Resolves with how many it removed; a failed removal goes to onError (the next start retries).
 */
export async function cleanupOrphans(
  engine: ToolboxEngine,
  options: {
    isOwnerAlive(ownerId: string): boolean;
    onError?(containerId: string, error: unknown): void;
    signal?: AbortSignal;
  },
): Promise<number> {
  const sidecars = await engine.listContainers(`${SIDECAR_LABEL}=1`, options.signal);
  // A sidecar without an owner label was not started by any Bosun that could come back for it.
  const orphans = sidecars.filter((c) => {
    const owner = c.labels[OWNER_LABEL];
    return owner === undefined || !options.isOwnerAlive(owner);
  });
  const removed = await Promise.all(
    orphans.map((c) =>
      engine.removeContainer(c.id, options.signal).catch((error: unknown) => {
        options.onError?.(c.id, error);
        return false;
      }),
    ),
  );
  return removed.filter(Boolean).length;
}
