import type { TerminalMode } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ExecEngine, TtyProcess } from '../containers/exec-engine';
import type { SessionEnd } from './terminal-session';

export interface EndContext {
  readonly mode: TerminalMode;
  readonly process: TtyProcess;
  /**
   * Whether the container the program runs in (the sidecar for the toolbox, a pod's container) still
   * runs; rejects with NOT_FOUND once it is gone.
   */
  readonly isRunning: () => Promise<boolean>;
  readonly containerName: string;
  readonly endpoint: string;
}

/**
 * Why a session ended, in words people can act on. An exec of a missing shell starts without error
 * and only its exit code (126/127) tells, so "no shell" is decided here, and only when the user had
 * not typed yet (a shell whose last command was not found also exits 127).
 */
export async function explainEnd(
  context: EndContext,
  facts: { closedByClient: boolean; typed: boolean },
): Promise<SessionEnd> {
  if (facts.closedByClient) return { reason: 'closed', exitCode: null, message: 'Session closed.' };
  let exitCode: number | null;
  try {
    exitCode = await context.process.exitCode();
  } catch (error) {
    return fromFailure(error, context);
  }
  let running = await isRunning(context);
  // A stop kills the exec before the engine marks the container stopped: a process killed by a
  // signal (exit code 128+n) in a "running" container is looked at again for a moment.
  for (let i = 0; i < SIGNAL_RECHECKS && running === true && exitCode !== null && exitCode >= 128; i++) {
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
    running = await isRunning(context);
  }
  if (running instanceof Error) return fromFailure(running, context);
  if (!running && context.mode !== 'attach') {
    return {
      reason: 'container-gone',
      exitCode,
      message: `The container ${context.containerName} stopped, which ended the session. Start it again, then reopen the terminal.`,
    };
  }
  if ((exitCode === 126 || exitCode === 127) && !facts.typed && context.mode === 'shell') {
    return {
      reason: 'no-shell',
      exitCode,
      message: `This image has no shell that can start (exit code ${exitCode}). Open the toolbox: it brings its own shell and tools and shares this container's network and processes.`,
    };
  }
  const who = context.mode === 'attach' ? 'PID 1' : 'The shell';
  return {
    reason: 'exited',
    exitCode,
    message:
      exitCode === null
        ? `${who} closed the session.`
        : `${who} exited with code ${exitCode}.${exitCode === 0 ? '' : ' Reopen to start a new one.'}`,
  };
}

const SIGNAL_RECHECKS = 4;
const RECHECK_MS = 250;

/** `isRunning` for a Docker container. */
export function containerRunning(engine: ExecEngine, id: string): () => Promise<boolean> {
  return () => engine.inspectContainer(id).then((c) => c.running);
}

function isRunning(context: EndContext): Promise<boolean | Error> {
  return context.isRunning().then(
    (running) => running,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

function fromFailure(error: unknown, context: EndContext): SessionEnd {
  if (error instanceof AppError && error.code === 'NOT_FOUND') {
    return {
      reason: 'container-gone',
      exitCode: null,
      message: `The container ${context.containerName} was removed, which ended the session.`,
    };
  }
  const why = error instanceof AppError ? error.message : 'it stopped answering';
  return {
    reason: 'engine-lost',
    exitCode: null,
    message: `Lost the engine at ${context.endpoint}: ${why} Reopen the terminal once it is back.`,
  };
}
