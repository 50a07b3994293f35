import type { Contract, In, LogLine, LogsOutput } from '../contract';
import type { AppError } from '../errors';
import type { Client } from '../rpc/client';
import { StreamSession } from '../rpc/stream-session';

export type LogEnd = Extract<LogsOutput, { type: 'ended' }>;

/** Where a log stream's lines go: the viewer's buffer, stdout in the CLI, a counter in the bench. */
export interface LogSink {
  /**
   * A batch of lines, oldest first. Call `done` once they are taken (stored, rendered or written):
   * that is what lets the core send more (flow control), so a slow consumer is never flooded.
   */
  lines(lines: LogLine[], done: () => void): void;
  /** Called once, last: how the stream ended (`message` says what happened, "" when complete). */
  ended(end: LogEnd): void;
}

export interface LogStreamHandle {
  readonly streamId: string;
  /** A TTY container's lines are all stdout: the engine cannot tell stderr apart. */
  readonly tty: boolean;
  /** Ends the stream; the sink then hears `ended` with reason `closed` (if it had not ended already). */
  close(): Promise<void>;
}

/** What to read: logs.open's input without the stream id, which this helper picks. */
export type LogStreamRequest = Omit<In<'logs.open'>, 'streamId'>;

export interface LogStreamOptions {
  /** Failures of ack and close calls (the stream may have ended meanwhile). */
  readonly onError?: (error: AppError) => void;
  /** Aborting cancels the open, or closes the stream once it is open. */
  readonly signal?: AbortSignal;
}

/** Acks are batched: one call per this many lines taken, or after a short idle. */
export const ACK_EVERY_LINES = 2_000;
const ACK_IDLE_MS = 50;

/**
 * Opens a container's log stream: subscribes to logs.output first (so no line is missed), then calls
 * logs.open. Lines reach `sink.lines` in batches; `sink.ended` is called once, last — possibly before
 * this resolves (a short log without follow). If opening fails it rejects with the core's AppError and
 * the sink hears nothing. Every face (the renderer's viewer, the CLI, the bench) goes through here, so
 * flow control works the same everywhere.
 */
export async function openLogStream(
  client: Client<Contract>,
  request: LogStreamRequest,
  sink: LogSink,
  options: LogStreamOptions = {},
): Promise<LogStreamHandle> {
  const streamId = crypto.randomUUID();
  const report = options.onError ?? (() => undefined);
  let answered = false;
  let lostEarly: LogEnd | undefined;
  const stream: StreamSession<'logs.output', LogEnd> = new StreamSession({
    client,
    topic: 'logs.output',
    params: { streamId },
    onPayload: (payload) => {
      if (payload.type === 'lines') {
        const n = payload.lines.length;
        sink.lines(payload.lines, () => stream.consumed(n));
      } else stream.finish(payload);
    },
    onLost: (error) => {
      const end: LogEnd = { type: 'ended', streamId, reason: 'engine-lost', message: error.message };
      // Before the open is answered, a failure belongs to the open (which fails too, or ends here after).
      if (answered) stream.finish(end);
      else lostEarly ??= end;
    },
    onEnd: (end) => {
      options.signal?.removeEventListener('abort', onAbort);
      sink.ended(end);
    },
    ack: {
      every: ACK_EVERY_LINES,
      idleMs: ACK_IDLE_MS,
      send: (lines) => void client.call('logs.ack', { streamId, lines }).catch(report),
    },
  });

  const close = (): Promise<void> =>
    stream.close(() => client.call('logs.close', { streamId }), {
      type: 'ended',
      streamId,
      reason: 'closed',
      message: 'The log stream was closed.',
    });
  const onAbort = (): void => void close().catch(report);

  const opened = await stream.open(() =>
    client.call('logs.open', { ...request, streamId }, options.signal ? { signal: options.signal } : {}),
  );
  answered = true;
  if (lostEarly) stream.finish(lostEarly);
  if (!stream.ended) {
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  }
  return { streamId, tty: opened.tty, close };
}
