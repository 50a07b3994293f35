import { terminalFixIdSchema, type TerminalMode } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { openTerminal, type TerminalEnd } from '../../shared/terminal/terminal-client';
import { openLocalCore } from '../local-core';
import { CliFailure, printError } from '../output';
import { resolveContainers } from '../resolve-container';

export interface ShellOptions {
  readonly user?: string;
  readonly workdir?: string;
  /** commander's --no-fixes sets fixes to false. */
  readonly fixes?: boolean;
  readonly toolbox?: boolean;
  readonly attach?: boolean;
  readonly writable?: boolean;
  readonly host?: string;
}

/**
 * `bosun shell CONTAINER`: the same fixed session as the app's terminal, in the user's own terminal
 * (raw mode, resized on SIGWINCH). Exits with the shell's exit code, like `docker exec`.
 */
export async function shellCommand(reference: string, options: ShellOptions): Promise<void> {
  const core = await openLocalCore();
  const stdin = process.stdin;
  const stdout = process.stdout;
  const raw = stdin.isTTY === true;
  let end: TerminalEnd;
  try {
    // One reference in, one row out (or a CliFailure that says why).
    const row = (await resolveContainers(core.client, [reference], options.host))[0]!;
    const mode: TerminalMode = options.toolbox ? 'toolbox' : options.attach ? 'attach' : 'shell';
    let finished!: (end: TerminalEnd) => void;
    const over = new Promise<TerminalEnd>((resolve) => (finished = resolve));
    const handle = await openTerminal(
      core.client,
      {
        connectionId: row.connectionId,
        containerId: row.id,
        mode,
        ...(options.user ? { user: options.user } : {}),
        ...(options.workdir ? { workdir: options.workdir } : {}),
        disabledFixes: options.fixes === false ? terminalFixIdSchema.options : [],
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        writable: options.writable === true,
        cols: stdout.columns || 80,
        rows: stdout.rows || 24,
      },
      {
        data: (bytes, done) => void stdout.write(bytes, () => done()),
        progress: (message) => printError(message),
        ended: (ended) => finished(ended),
      },
      { onError: () => undefined },
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.details?.['reason'] === 'no-shell') {
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
