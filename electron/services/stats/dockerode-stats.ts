import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import { failure, translateEngineError, type EngineWhere } from '../containers/engine-errors';
import { NdjsonParser } from '../containers/ndjson';
import { parseStats } from './parse-stats';
import type { StatsEngine, StatsSink, StatsStream, StatsStreamEnd } from './stats-engine';

const OPEN_TIMEOUT_MS = 15_000;

// dockerode's stats() and info() take an abortSignal option; their type declarations omit it.
type StreamStats = (options: { stream: true; abortSignal: AbortSignal }) => Promise<NodeJS.ReadableStream>;
type Info = (options: { abortSignal: AbortSignal }) => Promise<{ MemTotal?: unknown }>;
const INFO_TIMEOUT_MS = 10_000;

/** Stats streams over dockerode: `GET /containers/{id}/stats?stream=1`, one reading a second. */
export class DockerodeStats implements StatsEngine {
  private memTotal: Promise<number> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async open(id: string, sink: StatsSink, signal?: AbortSignal): Promise<StatsStream> {
    const container = this.docker.getContainer(id);
    const stats = container.stats as unknown as StreamStats;
    let response: NodeJS.ReadableStream & { destroy?: () => void };
    try {
      response = await engineCall(this.where, 'stats', OPEN_TIMEOUT_MS, signal, (abortSignal) =>
        // With stream: true dockerode resolves with the live response, not a parsed value.
        stats.call(container, { stream: true, abortSignal }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone from ${this.where.endpoint}.`, {
          reason: 'container-gone',
        });
      }
      throw error;
    }
    let open = true;
    const finish = (end: StatsStreamEnd): void => {
      if (!open) return;
      open = false;
      response.removeAllListeners('data');
      response.destroy?.();
      sink.end(end);
    };
    const parser = new NdjsonParser((value) => {
      if (!open) return;
      const reading = parseStats(value);
      if (reading === 'stopped') finish({ kind: 'stopped' });
      else sink.reading(reading);
    });
    response.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        finish({
          kind: 'failed',
          error: failure(
            'UNAVAILABLE',
            `The stats stream of ${id.slice(0, 12)} on ${this.where.endpoint} sent something that is not stats (${(error as Error).message}).`,
            'Bosun opens it again when the container changes; if this repeats, check the engine.',
          ),
        });
      }
    });
    response.on('error', (error: unknown) =>
      finish({ kind: 'failed', error: translateEngineError(error, this.where) }),
    );
    response.on('end', () => finish({ kind: 'closed' }));
    response.on('close', () => finish({ kind: 'closed' }));
    return {
      close: () => {
        if (!open) return;
        open = false;
        response.removeAllListeners('data');
        response.destroy?.();
      },
    };
  }

  hostMemory(): Promise<number> {
    // Shared by every stream of this engine, so no one caller's signal may cancel it.
    this.memTotal ??= engineCall(this.where, 'info', INFO_TIMEOUT_MS, undefined, (abortSignal) =>
      (this.docker.info as unknown as Info).call(this.docker, { abortSignal }),
    ).then(
      (info) => (typeof info.MemTotal === 'number' ? info.MemTotal : 0),
      (error: unknown) => {
        // Asked again next time: one failed call must not stick for the life of the connection.
        this.memTotal = undefined;
        throw error;
      },
    );
    return this.memTotal;
  }
}
