import type { LogLine } from '../../shared/contract';
import { logTimeToRfc3339 } from '../../shared/logs/log-time';
import { openLogStream, type LogEnd } from '../../shared/logs/log-client';
import { openLocalCore } from '../local-core';
import { CliFailure, printError } from '../output';
import { resolveContainers } from '../resolve-container';

export interface LogsOptions {
  readonly follow?: boolean;
  readonly tail?: number;
  readonly since?: string;
  readonly until?: string;
  readonly timestamps?: boolean;
  readonly host?: string;
  readonly json?: boolean;
}

/** The exit code of a stream the user ended with Ctrl-C (128 + SIGINT, as shells report it). */
const INTERRUPTED = 130;

/**
 * `bosun logs CONTAINER`: like `docker logs` — stdout lines on stdout, stderr lines on stderr (or one
 * NDJSON object per line with --json) — through the same stream, flow control and messages as the
 * app's viewer. A reader that is slow (a pager, a pipe) slows the engine stream down; nothing is lost.
 */
export async function logsCommand(reference: string, options: LogsOptions): Promise<void> {
  const core = await openLocalCore();
  let end: LogEnd;
  let interrupted = false;
  try {
    const row = (await resolveContainers(core.client, [reference], options.host))[0]!;
    let finished!: (end: LogEnd) => void;
    const over = new Promise<LogEnd>((resolve) => (finished = resolve));
    const write = writer(options);
    const handle = await openLogStream(
      core.client,
      {
        connectionId: row.connectionId,
        containerId: row.id,
        follow: options.follow === true,
        ...(options.tail !== undefined ? { tail: options.tail } : {}),
        ...(options.since !== undefined ? { since: options.since } : {}),
        ...(options.until !== undefined ? { until: options.until } : {}),
      },
      { lines: write, ended: (ended) => finished(ended) },
      { onError: () => undefined },
    );
    const stop = (): void => {
      interrupted = true;
      void handle.close().catch(() => undefined);
    };
    // `bosun logs -f x | head`: a reader that went away ends the stream quietly, like Ctrl-C.
    const onPipeError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EPIPE') stop();
    };
    process.once('SIGINT', stop);
    process.stdout.on('error', onPipeError);
    try {
      end = await over;
    } finally {
      process.off('SIGINT', stop);
      process.stdout.off('error', onPipeError);
    }
  } finally {
    await core.close();
  }
  if (interrupted) {
    process.exitCode = INTERRUPTED;
    return;
  }
  if (end.reason === 'complete') {
    // Following a container that stopped: say so on stderr (stdout stays the log).
    if (end.message) printError(end.message);
    return;
  }
  throw new CliFailure(end.message || `The log stream ended (${end.reason}).`, 1);
}

/** Writes a batch to stdout/stderr and says when both took it (the pipe's backpressure is the ack). */
function writer(options: LogsOptions): (lines: LogLine[], done: () => void) => void {
  const format = options.json
    ? (line: LogLine) => `${JSON.stringify(line)}\n`
    : options.timestamps
      ? (line: LogLine) => `${logTimeToRfc3339(line.time)} ${line.text}\n`
      : (line: LogLine) => `${line.text}\n`;
  return (lines, done) => {
    // Runs of one stream in log order, so a terminal shows stdout and stderr interleaved as written.
    const runs: { to: NodeJS.WriteStream; text: string }[] = [];
    for (const line of lines) {
      // With --json every line goes to stdout: one NDJSON stream that says which stream each came from.
      const to = line.stream === 'stderr' && !options.json ? process.stderr : process.stdout;
      const last = runs.at(-1);
      if (last?.to === to) last.text += format(line);
      else runs.push({ to, text: format(line) });
    }
    let pending = runs.length;
    if (pending === 0) return done();
    const one = (): void => {
      if (--pending === 0) done();
    };
    for (const run of runs) run.to.write(run.text, one);
  };
}
