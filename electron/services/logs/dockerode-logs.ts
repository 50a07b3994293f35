import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import { failure, translateEngineError, type EngineWhere } from '../containers/engine-errors';
import { LogStreamParser } from './log-stream-parser';
import type { ContainerPresence, LogLineSink, LogSource, LogsEngine, LogsQuery } from './logs-engine';

const INSPECT_TIMEOUT_MS = 15_000;
// Only until the engine answers with headers; the body then streams for as long as it follows.
const OPEN_TIMEOUT_MS = 30_000;
// Statuses whose body is read and explained here rather than thrown by docker-modem without it.
const ANY_STATUS = { 200: true, 400: true, 404: true, 409: true, 500: true, 501: true, 503: true };

interface RawInspect {
  Config?: { Tty?: boolean };
  State?: { Status?: string; Running?: boolean; Restarting?: boolean };
  HostConfig?: { LogConfig?: { Type?: string; Config?: Record<string, string> } };
}

/** GET /containers/{id}/logs over dockerode's modem, always with timestamps (paging and since/until need them). */
export class DockerodeLogs implements LogsEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async open(id: string, query: LogsQuery, sink: LogLineSink, signal?: AbortSignal): Promise<LogSource> {
    const facts = await this.inspect(id, signal);
    const tty = facts.Config?.Tty === true;
    const res = await engineCall(this.where, 'logs', OPEN_TIMEOUT_MS, signal, (abortSignal) =>
      this.dial(id, query, abortSignal),
    );
    if (res.statusCode !== 200) throw await this.refusal(id, res, facts);
    return this.stream(res, tty, sink);
  }

  async presence(id: string, signal?: AbortSignal): Promise<ContainerPresence> {
    let facts: RawInspect;
    try {
      facts = await this.inspect(id, signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return 'gone';
      throw error;
    }
    const state = facts.State;
    if (state?.Status === 'removing' || state?.Status === 'dead') return 'gone';
    return state?.Running === true || state?.Restarting === true ? 'running' : 'stopped';
  }

  private stream(res: IncomingMessage, tty: boolean, sink: LogLineSink): LogSource {
    const parser = new LogStreamParser(tty);
    let open = true;
    const end = (error?: AppError): void => {
      if (!open) return;
      open = false;
      res.destroy();
      sink.end(error);
    };
    const broke = (what: string): AppError =>
      failure(
        'UNAVAILABLE',
        `The log stream from ${this.where.endpoint} broke off: ${what}.`,
        'The engine may have restarted or the connection dropped; reopen the log.',
      );
    res.on('data', (chunk: Buffer) => {
      if (!open) return;
      try {
        const lines = parser.push(chunk);
        if (lines.length > 0) sink.lines(lines);
      } catch (error) {
        end(broke(`it sent something that is not a log (${(error as Error).message})`));
      }
    });
    res.on('end', () => {
      if (!open) return;
      try {
        const lines = parser.end();
        if (lines.length > 0) sink.lines(lines);
        end();
      } catch (error) {
        end(broke((error as Error).message));
      }
    });
    res.on('error', (error: unknown) => end(translateEngineError(error, this.where)));
    res.on('close', () => end(broke('the connection closed before the end of the log')));
    return {
      tty,
      pause: () => res.pause(),
      resume: () => res.resume(),
      close: () => {
        open = false;
        res.destroy();
      },
    };
  }

  private dial(id: string, query: LogsQuery, abortSignal: AbortSignal): Promise<IncomingMessage> {
    const options: Record<string, string | number | boolean> = {
      follow: query.follow,
      stdout: query.stdout,
      stderr: query.stderr,
      timestamps: true,
      tail: query.tail ?? 'all',
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.until !== undefined ? { until: query.until } : {}),
    };
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(id)}/logs?`,
          method: 'GET',
          options,
          isStream: true,
          statusCodes: ANY_STATUS,
          abortSignal,
        },
        (error, result) => (error ? reject(error) : resolve(result as IncomingMessage)),
      );
    });
  }

  /** Why the engine refused to give the log: a container that went, a log driver it cannot read. */
  private async refusal(id: string, res: IncomingMessage, facts: RawInspect): Promise<AppError> {
    const message = await readMessage(res);
    if (res.statusCode === 404) return gone(id, this.where);
    if (res.statusCode === 501 || /does not support reading/i.test(message)) {
      const driver = facts.HostConfig?.LogConfig?.Type ?? 'unknown';
      const cacheOff = facts.HostConfig?.LogConfig?.Config?.['cache-disabled'] === 'true';
      return failure(
        'CONFLICT',
        `The log of ${id.slice(0, 12)} cannot be read: its log driver "${driver}" keeps nothing the engine can give back${cacheOff ? ' (dual logging is off for it: cache-disabled=true)' : ''}.`,
        driver === 'none'
          ? 'Its output is discarded. Recreate the container with another log driver (json-file or local) to see its log.'
          : `Read it where "${driver}" sends it, or recreate the container with dual logging on (without cache-disabled=true) or with the json-file or local driver.`,
        { driver },
      );
    }
    return translateEngineError({ statusCode: res.statusCode ?? 0, json: { message } }, this.where);
  }

  private async inspect(id: string, signal?: AbortSignal): Promise<RawInspect> {
    try {
      return (await engineCall(this.where, 'inspect', INSPECT_TIMEOUT_MS, signal, (abortSignal) =>
        this.docker.getContainer(id).inspect({ abortSignal }),
      )) as RawInspect;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw gone(id, this.where);
      throw error;
    }
  }
}

function gone(id: string, where: EngineWhere): AppError {
  return new AppError(
    'NOT_FOUND',
    `Container ${id.slice(0, 12)} is gone from ${where.endpoint}: it was removed.`,
    {
      reason: 'container-gone',
    },
  );
}

/** The engine's JSON error message, or its text (bounded). */
async function readMessage(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    if (size < 16_384) chunks.push(chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const json = JSON.parse(text) as { message?: unknown };
    return typeof json.message === 'string' ? json.message : text;
  } catch {
    return text.trim().slice(0, 300);
  }
}
