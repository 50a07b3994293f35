import { Duplex, Transform } from 'node:stream';
import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from './engine-call';
import type { EngineWhere } from './engine-errors';
import type { ContainerFacts, ExecEngine, ExecSpec, TtyProcess } from './exec-engine';

const INSPECT_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 20_000;
const RESIZE_TIMEOUT_MS = 5_000;
/**
 * Docker's default detach keys (ctrl-p,ctrl-q) swallow Ctrl-P, which is bash's history-up. A sequence
 * nobody types keeps every key going to the program; the engine has no way to turn detaching off.
 */
const DETACH_KEYS = 'ctrl-^,ctrl-@';

interface RawInspect {
  Id?: string;
  Name?: string;
  State?: { Running?: boolean; Paused?: boolean; ExitCode?: number };
  Config?: {
    User?: string;
    Env?: string[] | null;
    WorkingDir?: string;
    Image?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    Labels?: Record<string, string> | null;
  };
}

/** Exec and attach over dockerode's hijacked connections: raw TTY bytes both ways. */
export class DockerodeExec implements ExecEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerFacts> {
    const raw = await this.inspectRaw(id, signal);
    return {
      id: raw.Id ?? id,
      name: (raw.Name ?? '').replace(/^\//, ''),
      running: raw.State?.Running === true,
      paused: raw.State?.Paused === true,
      user: raw.Config?.User ?? '',
      env: raw.Config?.Env ?? [],
      workingDir: raw.Config?.WorkingDir ?? '',
      image: raw.Config?.Image ?? '',
      tty: raw.Config?.Tty === true,
      openStdin: raw.Config?.OpenStdin === true,
      labels: raw.Config?.Labels ?? {},
    };
  }

  async exec(id: string, spec: ExecSpec, signal?: AbortSignal): Promise<TtyProcess> {
    const container = this.docker.getContainer(id);
    const exec = await engineCall(this.where, 'exec', START_TIMEOUT_MS, signal, () =>
      container.exec({
        Cmd: [...spec.cmd],
        Env: [...spec.env],
        ...(spec.user ? { User: spec.user } : {}),
        ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
        Tty: true,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        DetachKeys: DETACH_KEYS,
      }),
    );
    const stream = (await engineCall(this.where, 'exec start', START_TIMEOUT_MS, signal, () =>
      exec.start({ hijack: true, stdin: true, Tty: true }),
    )) as Duplex;
    let over = false;
    stream.once('close', () => (over = true));
    return {
      stream,
      resize: async (cols, rows) => {
        try {
          await engineCall(this.where, 'resize', RESIZE_TIMEOUT_MS, undefined, () =>
            exec.resize({ h: rows, w: cols }),
          );
        } catch (error) {
          // A finished exec answers 404/500 to a resize: nothing is left to resize.
          if (!over) throw error;
        }
      },
      exitCode: async () => {
        const info = await engineCall(this.where, 'exec inspect', INSPECT_TIMEOUT_MS, undefined, () =>
          exec.inspect(),
        );
        return info.Running ? null : info.ExitCode;
      },
    };
  }

  async attach(
    id: string,
    options: { writable: boolean; tty: boolean },
    signal?: AbortSignal,
  ): Promise<TtyProcess> {
    const container = this.docker.getContainer(id);
    const raw = (await engineCall(this.where, 'attach', START_TIMEOUT_MS, signal, () =>
      container.attach({ stream: true, stdin: options.writable, stdout: true, stderr: true, hijack: true }),
    )) as Duplex;
    // Without a TTY the engine multiplexes stdout and stderr with 8-byte headers, and programs write
    // bare LF: both are undone here so the terminal shows the output as a console would.
    const stream = options.tty ? raw : this.demuxed(raw);
    return {
      stream,
      resize: async (cols, rows) => {
        // Resizing PID 1's TTY changes what the program itself sees: only a writable attach may.
        if (!options.writable || !options.tty) return;
        await engineCall(this.where, 'resize', RESIZE_TIMEOUT_MS, undefined, () =>
          container.resize({ h: rows, w: cols }),
        ).catch(() => undefined);
      },
      exitCode: async () => {
        const after = await this.inspectRaw(id);
        return after.State?.Running ? null : (after.State?.ExitCode ?? null);
      },
    };
  }

  private async inspectRaw(id: string, signal?: AbortSignal): Promise<RawInspect> {
    try {
      return (await engineCall(this.where, 'inspect', INSPECT_TIMEOUT_MS, signal, (abortSignal) =>
        this.docker.getContainer(id).inspect({ abortSignal }),
      )) as RawInspect;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError(
          'NOT_FOUND',
          `Container ${id.slice(0, 12)} is gone from ${this.where.endpoint}: it was removed.`,
          { reason: 'container-gone' },
        );
      }
      throw error;
    }
  }

  /** One stream of the container's stdout and stderr, LF turned into CRLF; input still goes to `raw`. */
  private demuxed(raw: Duplex): Duplex {
    const out = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        // 0x0A never occurs inside a multi-byte UTF-8 sequence, so this is safe on raw bytes.
        done(null, Buffer.from(chunk.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'));
      },
    });
    this.docker.modem.demuxStream(raw, out, out);
    raw.once('end', () => out.end());
    raw.once('error', (error) => out.destroy(error));
    return Duplex.from({ readable: out, writable: raw });
  }
}
