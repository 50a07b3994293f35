import type { Duplex, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from './engine-call';
import { failure, type EngineWhere } from './engine-errors';
import { NdjsonParser } from './ndjson';
import type {
  ContainerSpec,
  ImageRow,
  LabelledContainer,
  Leash,
  ProgressListener,
  ToolboxEngine,
} from './toolbox-engine';

const CALL_TIMEOUT_MS = 20_000;
// Removing a running container kills it first; the engine waits for that.
const REMOVE_TIMEOUT_MS = 30_000;
// A toolbox image is a few MB, yet a slow registry or a cold build cache can take minutes.
const PULL_TIMEOUT_MS = 300_000;
const BUILD_TIMEOUT_MS = 300_000;

/** One JSON message of a pull or build progress stream (the Engine API's JSONMessage). */
interface JsonMessage {
  status?: unknown;
  id?: unknown;
  progressDetail?: { current?: unknown; total?: unknown };
  stream?: unknown;
  error?: unknown;
  errorDetail?: { message?: unknown };
  aux?: { ID?: unknown };
}

// Builder lines that only make noise in a one-line progress display.
const BUILDER_NOISE = /^(--->|Removing intermediate container)/;

/**
 * The short human messages of one progress message: a build step, a layer's pull state (its
 * percentage in tens, so a download yields ten messages, not a thousand), a status line.
 */
export function progressMessages(message: JsonMessage): string[] {
  if (typeof message.stream === 'string') {
    return message.stream
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !BUILDER_NOISE.test(line));
  }
  if (typeof message.status !== 'string') return [];
  const id = typeof message.id === 'string' && message.id ? `${message.id}: ` : '';
  const { current, total } = message.progressDetail ?? {};
  const percent =
    typeof current === 'number' && typeof total === 'number' && total > 0
      ? ` ${Math.min(100, Math.floor((current / total) * 10) * 10)}%`
      : '';
  // "Pulling from library/busybox" comes with the tag as its id: the tag says nothing new.
  return [`${message.status.startsWith('Pulling from') ? '' : id}${message.status}${percent}`];
}

/**
 * Reads a pull or build progress stream (newline-delimited JSON). The engine answers HTTP 200
 * before it starts, so a failure arrives as an `error`/`errorDetail` message inside the stream:
 * the first one is kept in `error`. Repeated messages are passed on once.
 */
export class ProgressReader {
  error: string | undefined;
  /** The built image's id (`aux.ID` of a build). */
  imageId: string | undefined;
  private last: string | undefined;
  private readonly parser = new NdjsonParser((value) => this.take(value as JsonMessage));

  constructor(private readonly onProgress: ProgressListener) {}

  push(chunk: Buffer | string): void {
    this.parser.push(chunk);
  }

  private take(message: JsonMessage): void {
    if (typeof message !== 'object' || message === null) return;
    const said = message.errorDetail?.message ?? message.error;
    if (said !== undefined) {
      this.error ??= typeof said === 'string' && said.trim() ? said.trim() : 'the engine reported an error';
      return;
    }
    if (typeof message.aux?.ID === 'string') this.imageId = message.aux.ID;
    for (const text of progressMessages(message)) {
      if (text === this.last) continue;
      this.last = text;
      this.onProgress(text);
    }
  }
}

/** Feeds a progress stream to the reader until it ends; rejects when it breaks or is not JSON. */
function drain(stream: NodeJS.ReadableStream, reader: ProgressReader): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        reject(new Error(`the progress stream is not JSON (${(error as Error).message})`));
        (stream as Readable).destroy();
      }
    });
    stream.on('end', resolve);
    stream.on('error', reject);
    // A destroyed stream may close without 'end' or 'error'; after 'end' this changes nothing.
    stream.on('close', () => reject(new Error('the progress stream closed early')));
  });
}

/** What the engine said, from a docker-modem error of a streaming call ("(HTTP code 500) … - said"). */
function engineSaid(error: unknown): string | undefined {
  const e = error as { statusCode?: unknown; json?: unknown; message?: unknown };
  if (typeof e?.statusCode !== 'number') return undefined;
  const json = e.json as { message?: unknown } | null | undefined;
  if (typeof json?.message === 'string') return json.message.trim();
  return typeof e.message === 'string'
    ? e.message.replace(/^\(HTTP code \d+\)[^-]*- /, '').trim()
    : undefined;
}

/** `repo:tag` → its parts; a colon before the last slash belongs to a registry's port. */
function splitRef(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/')
    ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) }
    : { repo: ref, tag: 'latest' };
}

/** The toolbox's engine operations over dockerode; shares the connection's Docker client. */
export class DockerodeToolbox implements ToolboxEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async platform(signal?: AbortSignal): Promise<{ os: string; arch: string }> {
    // dockerode's version() takes an abortSignal option; its type declarations omit it.
    const version = this.docker.version as (options: {
      abortSignal: AbortSignal;
    }) => Promise<Docker.DockerVersion>;
    const v = await engineCall(this.where, 'version', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      version.call(this.docker, { abortSignal }),
    );
    return { os: v.Os ?? '', arch: v.Arch ?? '' };
  }

  async listImages(label: string, signal?: AbortSignal): Promise<ImageRow[]> {
    const images = await engineCall(this.where, 'image list', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.listImages({ filters: { label: [label] }, abortSignal }),
    );
    return images.map((image) => ({
      id: image.Id,
      tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
      created: image.Created,
    }));
  }

  async pullImage(ref: string, onProgress: ProgressListener, signal?: AbortSignal): Promise<void> {
    await this.follow('pull', PULL_TIMEOUT_MS, onProgress, signal, {
      open: (abortSignal) => this.docker.pull(ref, { abortSignal }),
      failed: (said) =>
        failure(
          'UNAVAILABLE',
          `Pulling ${ref} on ${this.where.endpoint} failed: ${said}.`,
          'Check that the engine can reach the registry (network, proxy, DNS, credentials).',
          { ref },
        ),
    });
  }

  async buildImage(
    context: Readable,
    options: { readonly tag: string; readonly labels?: Readonly<Record<string, string>> },
    onProgress: ProgressListener,
    signal?: AbortSignal,
  ): Promise<string> {
    const reader = await this.follow('build', BUILD_TIMEOUT_MS, onProgress, signal, {
      open: (abortSignal) =>
        this.docker.buildImage(context, {
          t: options.tag,
          ...(options.labels ? { labels: { ...options.labels } } : {}),
          rm: true,
          forcerm: true,
          // The classic builder: BuildKit needs buildx and a session, which older engines lack.
          version: '1',
          abortSignal,
        }),
      failed: (said) =>
        failure(
          'UNAVAILABLE',
          `Building ${options.tag} on ${this.where.endpoint} failed: ${said}.`,
          'The builder says why; check the engine (disk space, its log), then retry.',
          { tag: options.tag },
        ),
    });
    // A builder that reports no image id still tagged it; the tag names the image.
    return reader.imageId ?? options.tag;
  }

  async tagImage(image: string, ref: string, signal?: AbortSignal): Promise<void> {
    await engineCall(this.where, 'tag', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.getImage(image).tag({ ...splitRef(ref), abortSignal }),
    );
  }

  async inspectContainer(id: string, signal?: AbortSignal): Promise<LabelledContainer> {
    const c = await engineCall(this.where, 'inspect', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.getContainer(id).inspect({ abortSignal }),
    );
    return {
      id: c.Id,
      name: c.Name.replace(/^\//, ''),
      state: c.State?.Status ?? '',
      labels: c.Config?.Labels ?? {},
    };
  }

  async listContainers(label: string, signal?: AbortSignal): Promise<LabelledContainer[]> {
    const rows = await engineCall(this.where, 'list', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.listContainers({ all: true, filters: { label: [label] }, abortSignal }),
    );
    return rows.map((row) => ({
      id: row.Id,
      name: (row.Names?.[0] ?? '').replace(/^\//, ''),
      state: row.State ?? '',
      labels: row.Labels ?? {},
    }));
  }

  async createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string> {
    const container = await engineCall(this.where, 'create', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.createContainer({
        name: spec.name,
        Image: spec.Image,
        Cmd: [...spec.Cmd],
        Labels: { ...spec.Labels },
        OpenStdin: spec.OpenStdin,
        StdinOnce: spec.StdinOnce,
        AttachStdin: spec.OpenStdin,
        Tty: spec.Tty,
        HostConfig: { ...spec.HostConfig, CapAdd: [...spec.HostConfig.CapAdd] },
        abortSignal,
      }),
    );
    return container.id;
  }

  async startContainer(id: string, signal?: AbortSignal): Promise<void> {
    await engineCall(this.where, 'start', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.getContainer(id).start({ abortSignal }),
    );
  }

  async attachStdin(id: string, signal?: AbortSignal): Promise<Leash> {
    const stream = await engineCall(this.where, 'attach', CALL_TIMEOUT_MS, signal, (abortSignal) =>
      this.docker.getContainer(id).attach({
        stream: true,
        stdin: true,
        stdout: false,
        stderr: false,
        hijack: true,
        abortSignal,
      }),
    );
    const socket = stream as Duplex;
    // Nothing is expected back; reading anyway keeps a stray byte from stalling the connection.
    socket.resume();
    // A broken connection is what the leash is for: it just ends, `closed` tells.
    socket.on('error', () => undefined);
    const closed = socket.destroyed
      ? Promise.resolve()
      : new Promise<void>((resolve) => socket.once('close', () => resolve()));
    return { release: () => socket.destroy(), closed };
  }

  async removeContainer(id: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await engineCall(this.where, 'remove', REMOVE_TIMEOUT_MS, signal, (abortSignal) =>
        this.docker.getContainer(id).remove({ force: true, v: true, abortSignal }),
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      // AutoRemove got there first: the container is on its way out, which is what was asked.
      if (error instanceof AppError && error.code === 'CONFLICT' && /already in progress/.test(error.message))
        return false;
      throw error;
    }
  }

  /**
   * Opens a progress stream (pull, build) and reads it to its end within the deadline. The engine
   * refuses either before streaming (an HTTP error) or inside the stream (an error message with
   * HTTP 200): both come out as `failed(what the engine said)`.
   */
  private follow(
    what: string,
    timeoutMs: number,
    onProgress: ProgressListener,
    signal: AbortSignal | undefined,
    call: {
      open(signal: AbortSignal): Promise<NodeJS.ReadableStream>;
      failed(said: string): AppError;
    },
  ): Promise<ProgressReader> {
    const reader = new ProgressReader(onProgress);
    return engineCall(this.where, what, timeoutMs, signal, async (abortSignal) => {
      try {
        await drain(await call.open(abortSignal), reader);
      } catch (error) {
        const said = engineSaid(error);
        throw said === undefined ? error : call.failed(said);
      }
      if (reader.error !== undefined) throw call.failed(reader.error);
      return reader;
    });
  }
}
