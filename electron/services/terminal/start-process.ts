import type { ParsedIn, TerminalSession } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import type { ContainerFacts, TtyProcess } from '../containers/exec-engine';
import { prepareShell } from './prepare-shell';
import { probeCacheOf } from './probe-cache';
import { ensureToolboxImage } from './toolbox-image';
import { startSidecar } from './toolbox-sidecar';

export interface StartDeps {
  /** Labels the toolbox sidecars of this Bosun process (`host:pid`), for orphan cleanup. */
  readonly ownerId: string;
  readonly progress: (message: string) => void;
}

export interface Started {
  readonly info: TerminalSession;
  readonly process: TtyProcess;
  /** The container the program runs in: the target, or the toolbox sidecar. */
  readonly runsIn: string;
  readonly targetName: string;
  cleanup(): Promise<void>;
}

type OpenInput = ParsedIn<'terminal.open'>;

/** Starts the session's program: the best shell, the toolbox beside the target, or an attach to PID 1. */
export async function startProcess(
  engine: ContainerEngine,
  input: OpenInput,
  deps: StartDeps,
  signal: AbortSignal,
): Promise<Started> {
  const target = await engine.exec.inspectContainer(input.containerId, signal);
  refuseIfNotRunning(target);
  switch (input.mode) {
    case 'attach':
      return attach(engine, target, input, signal);
    case 'shell':
      return shell(engine, target, target, input, signal, input);
    case 'toolbox':
      return toolbox(engine, target, input, deps, signal);
  }
}

async function attach(
  engine: ContainerEngine,
  target: ContainerFacts,
  input: OpenInput,
  signal: AbortSignal,
): Promise<Started> {
  const process = await engine.exec.attach(target.id, { writable: input.writable, tty: target.tty }, signal);
  return {
    info: {
      sessionId: input.sessionId,
      mode: 'attach',
      shell: null,
      user: target.user,
      fixes: [],
      writable: input.writable,
    },
    process,
    runsIn: target.id,
    targetName: target.name,
    cleanup: async () => undefined,
  };
}

/** Probes the container for its shells (without running one), plans the fixes, then execs. */
async function shell(
  engine: ContainerEngine,
  runsIn: ContainerFacts,
  target: ContainerFacts,
  input: OpenInput,
  signal: AbortSignal,
  as: { readonly user?: string | undefined; readonly workdir?: string | undefined },
): Promise<Started> {
  const prepared = await prepareShell(
    probeCacheOf(engine.files),
    runsIn,
    target.name,
    { ...input, ...as },
    signal,
  );
  const process = await engine.exec.exec(
    runsIn.id,
    {
      cmd: prepared.cmd,
      env: prepared.env,
      ...(as.user ? { user: as.user } : {}),
      ...(as.workdir ? { workingDir: as.workdir } : {}),
      cols: input.cols,
      rows: input.rows,
    },
    signal,
  );
  return {
    info: {
      sessionId: input.sessionId,
      mode: input.mode,
      shell: prepared.shell,
      // An empty Config.User runs as uid 0.
      user: as.user ?? (runsIn.user || 'root'),
      fixes: prepared.fixes,
      writable: true,
    },
    process,
    runsIn: runsIn.id,
    targetName: target.name,
    cleanup: async () => undefined,
  };
}

async function toolbox(
  engine: ContainerEngine,
  target: ContainerFacts,
  input: OpenInput,
  deps: StartDeps,
  signal: AbortSignal,
): Promise<Started> {
  const { image } = await ensureToolboxImage(engine.toolbox, { onProgress: deps.progress, signal });
  deps.progress(`Starting the toolbox beside ${target.name}…`);
  const sidecar = await startSidecar(engine.toolbox, {
    image,
    targetId: target.id,
    sessionId: input.sessionId,
    ownerId: deps.ownerId,
    signal,
  });
  try {
    const facts = await engine.exec.inspectContainer(sidecar.containerId, signal);
    // The toolbox is busybox as root: another user or a target's directory would not exist there.
    const started = await shell(engine, facts, target, input, signal, {});
    return {
      ...started,
      info: { ...started.info, toolbox: { image, containerId: sidecar.containerId } },
      cleanup: () => sidecar.stop(),
    };
  } catch (error) {
    await sidecar.stop().catch(() => undefined);
    throw error;
  }
}

function refuseIfNotRunning(target: ContainerFacts): void {
  if (target.paused) {
    throw new AppError('CONFLICT', `${target.name} is paused: unpause it to open a terminal.`);
  }
  if (!target.running) {
    throw new AppError(
      'CONFLICT',
      `${target.name} is not running: start it first. (Its files can still be browsed without a shell.)`,
    );
  }
}
