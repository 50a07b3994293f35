import { terminalFixIdSchema, type TerminalMode } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { openTerminal, type TerminalEnd } from '../../shared/terminal/terminal-client';
import { openLocalCore } from '../local-core';
import { CliFailure, printError } from '../output';
import { resolveContainers } from '../resolve-container';
import { isPodReference, podTarget, type PodTargetOptions } from './pod-target';
import type { Client } from '../../shared/rpc/client';
import type { Contract } from '../../shared/contract';

async function containerTarget(
  client: Client<Contract>,
  reference: string,
  host: string | undefined,
): Promise<{ connectionId: string; containerId: string }> {
  const row = (await resolveContainers(client, [reference], host))[0]!;
  return { connectionId: row.connectionId, containerId: row.id };
}

/** A pod's shell is a plain exec: the container-only options would be silently ignored, so they are refused. */
function podOnly(options: ShellOptions): PodTargetOptions {
  const unsupported = [
    options.user && '--user',
    options.workdir && '--workdir',
    options.toolbox && '--toolbox',
    options.attach && '--attach',
    options.host && '--host',
  ].filter(Boolean);
  if (unsupported.length > 0)
    throw new CliFailure(`${unsupported.join(', ')} cannot be used with a pod (pod/NAME).`, 1);
  return {
    ...(options.container ? { container: options.container } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.context ? { context: options.context } : {}),
  };
}

export interface ShellOptions {
  readonly user?: string;
  readonly workdir?: string;
  /** commander's --no-fixes sets fixes to false. */
  readonly fixes?: boolean;
  readonly toolbox?: boolean;
  readonly attach?: boolean;
  readonly writable?: boolean;
  readonly host?: string;
  /** For pod/NAME: the container, namespace and kubeconfig context. */
  readonly container?: string;
  readonly namespace?: string;
  readonly context?: string;
}

/**
 * `bosun shell CONTAINER` or `bosun shell pod/NAME`: the same fixed session as the app's terminal, in the user's own terminal
 * (raw mode, resized on SIGWINCH). Exits with the shell's exit code, like `docker exec`.
 */
export async function shellCommand(reference: string, options: ShellOptions): Promise<void> {
  const core = await openLocalCore();
  const stdin = process.stdin;
  const stdout = process.stdout;
  const raw = stdin.isTTY === true;
  let end: TerminalEnd;
  try {
    const mode: TerminalMode = options.toolbox ? 'toolbox' : options.attach ? 'attach' : 'shell';
    const common = {
      disabledFixes: options.fixes === false ? terminalFixIdSchema.options : [],
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      cols: stdout.columns || 80,
      rows: stdout.rows || 24,
    };
    let finished!: (end: TerminalEnd) => void;
    const over = new Promise<TerminalEnd>((resolve) => (finished = resolve));
    const handle = await openTerminal(
      core.client,
      isPodReference(reference)
        ? { ...(await podTarget(core.client, reference, podOnly(options))), ...common }
        : {
            // One reference in, one row out (or a CliFailure that says why).
            ...(await containerTarget(core.client, reference, options.host)),
            mode,
            ...(options.user ? { user: options.user } : {}),
            ...(options.workdir ? { workdir: options.workdir } : {}),
            writable: options.writable === true,
            ...common,
          },
      {
        data: (bytes, done) => void stdout.write(bytes, () => done()),
        progress: (message) => printError(message),
        ended: (ended) => finished(ended),
      },
      { onError: () => undefined },
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.details?.['reason'] === 'no-shell') {
        if (isPodReference(reference)) throw new CliFailure(error.message, 1);
        throw new CliFailure(`${error.message} Run again with --toolbox.`, 1);
      }
      throw error;
    });
    const { session } = handle;
    const applied = session.fixes.filter((fix) => fix.applied).map((fix) => fix.label);
    const what = session.shell ? `${session.shell} as ${session.user}` : 'PID 1';
    printError([what, ...applied].join(' · '));
    if (mode === 'attach' && !session.writable) printError('read-only: add --writable to type into PID 1');

    const onInput = (chunk: Buffer): void => handle.write(new Uint8Array(chunk));
    // A pipe that ends is Ctrl-D at the prompt: the shell exits, as with `docker exec -i`.
    const onEnd = (): void => handle.write(new Uint8Array([0x04]));
    const onResize = (): void => handle.resize(stdout.columns || 80, stdout.rows || 24);
    if (raw) stdin.setRawMode(true);
    stdin.on('data', onInput);
    stdin.once('end', onEnd);
    stdout.on('resize', onResize);
    try {
      end = await over;
    } finally {
      stdin.off('data', onInput);
      stdin.off('end', onEnd);
      stdout.off('resize', onResize);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
    }
  } finally {
    await core.close();
  }
  if (end.reason !== 'exited' || (end.exitCode ?? 0) !== 0) printError(end.message);
  process.exitCode = end.reason === 'exited' ? (end.exitCode ?? 0) : end.reason === 'no-shell' ? 127 : 1;
}
