import { Writable, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import { failure, type EngineWhere } from '../containers/engine-errors';
import type { GuidanceEngine, ProcessRow, RunOptions, RunOutcome } from './guidance-engine';

const TOP_TIMEOUT_MS = 15_000;
const INSPECT_TIMEOUT_MS = 10_000;
/** Output kept per stream: a config test prints a few lines; a runaway command must not fill memory. */
const OUTPUT_CAP = 64 * 1024;

/** A sink that keeps the first OUTPUT_CAP bytes and drops the rest (while still draining them). */
class Capped extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  dropped = false;

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const room = OUTPUT_CAP - this.size;
    if (room > 0) {
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.chunks.push(kept);
      this.size += kept.length;
    }
    if (chunk.length > room) this.dropped = true;
    done();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** /top and captured execs over dockerode. */
export class DockerodeGuidance implements GuidanceEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async processes(id: string, signal?: AbortSignal): Promise<ProcessRow[]> {
    const container = this.docker.getContainer(id);
    const top = (await this.gone(id, () =>
      engineCall(this.where, 'top', TOP_TIMEOUT_MS, signal, (abortSignal) =>
        container.top({ ps_args: '-eo pid,ppid,args', abortSignal }),
      ),
    )) as { Titles?: unknown; Processes?: unknown };
    return parseTop(top);
  }

  async run(
    id: string,
    cmd: readonly string[],
    options: RunOptions,
    signal?: AbortSignal,
  ): Promise<RunOutcome> {
    const container = this.docker.getContainer(id);
    const what = `exec of ${cmd[0] ?? 'a command'}`;
    return this.gone(id, () =>
      engineCall(this.where, what, options.timeoutMs, signal, async (abortSignal) => {
        const exec = await container.exec({
          Cmd: [...cmd],
          AttachStdout: true,
          AttachStderr: true,
          Tty: false,
          ...(options.user ? { User: options.user } : {}),
        });
        const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
        const stdout = new Capped();
        const stderr = new Capped();
        this.docker.modem.demuxStream(stream, stdout, stderr);
        await new Promise<void>((resolve, reject) => {
          const onAbort = (): void => {
            stream.destroy();
            reject(new AppError('CANCELLED', `The ${what} was cancelled.`));
          };
          abortSignal.addEventListener('abort', onAbort, { once: true });
          stream.once('end', resolve);
          stream.once('close', resolve);
          stream.once('error', reject);
        });
        const info = await engineCall(this.where, 'exec inspect', INSPECT_TIMEOUT_MS, abortSignal, () =>
          exec.inspect(),
        );
        return {
          exitCode: info.Running ? null : info.ExitCode,
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.dropped || stderr.dropped,
        };
      }),
    );
  }

  async imageEnv(image: string, signal?: AbortSignal): Promise<string[] | undefined> {
    try {
      // docker-modem directly: dockerode's image inspect ignores the abort signal.
      const info = await engineCall(
        this.where,
        'image inspect',
        INSPECT_TIMEOUT_MS,
        signal,
        (abortSignal) =>
          new Promise<unknown>((resolve, reject) =>
            this.docker.modem.dial(
              {
                path: `/images/${encodeURIComponent(image)}/json`,
                method: 'GET',
                abortSignal,
                statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
              },
              (error, result) => (error ? reject(error) : resolve(result)),
            ),
          ),
      );
      const env = (info as { Config?: { Env?: unknown } }).Config?.Env;
      return Array.isArray(env) ? env.filter((item): item is string => typeof item === 'string') : [];
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  private async gone<T>(id: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError(
          'NOT_FOUND',
          `Container ${id.slice(0, 12)} is gone from ${this.where.endpoint}: it was removed.`,
          { reason: 'container-gone' },
        );
      }
      if (error instanceof AppError && error.code === 'CONFLICT') {
        throw failure(
          'CONFLICT',
          `Container ${id.slice(0, 12)} is not running, so its processes cannot be read or reached.`,
          'Start it first.',
        );
      }
      throw error;
    }
  }
}

/** The rows of a /top answer whose titles include PID, PPID and COMMAND/CMD; others are skipped. */
export function parseTop(top: { Titles?: unknown; Processes?: unknown }): ProcessRow[] {
  const titles = Array.isArray(top.Titles) ? top.Titles.map(String) : [];
  const pidAt = titles.indexOf('PID');
  const ppidAt = titles.indexOf('PPID');
  const commandAt = titles.findIndex((title) => title === 'COMMAND' || title === 'CMD');
  if (pidAt < 0 || commandAt < 0) return [];
  const rows = Array.isArray(top.Processes) ? top.Processes : [];
  const out: ProcessRow[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const pid = Number(row[pidAt]);
    const ppid = ppidAt >= 0 ? Number(row[ppidAt]) : NaN;
    const command = typeof row[commandAt] === 'string' ? (row[commandAt] as string) : '';
    if (!Number.isInteger(pid)) continue;
    out.push({ pid, ...(Number.isInteger(ppid) ? { ppid } : {}), command });
  }
  return out;
}
