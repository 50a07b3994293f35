import type { IncomingMessage } from 'node:http';
import { posix } from 'node:path';
import { addAbortSignal, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { AppError } from '../../shared/errors';
import { decodeStat, errorMessage, STAT_HEADER } from './archive-wire';
import type { ArchiveRead, ContainerChange, ContainerFiles, FileToPut, PathStat } from './container-files';
import { engineCall } from './engine-call';
import { failure, translateEngineError, type EngineWhere } from './engine-errors';

const STAT_TIMEOUT_MS = 10_000;
const READ_TIMEOUT_MS = 20_000;
const PUT_TIMEOUT_MS = 20_000;
const CHANGES_TIMEOUT_MS = 60_000;
/**
 * A streamed PUT lasts as long as its caller keeps feeding it (a 1 GB upload over a slow link): the
 * caller's signal bounds it. setTimeout takes at most 2^31-1 ms; Infinity would fire at once.
 */
const NO_DEADLINE_MS = 2 ** 31 - 1;
/** Every status is handled here, so docker-modem hands over the response instead of a vague error. */
const ANY_STATUS = { 200: true, 400: true, 403: true, 404: true, 409: true, 500: true };
const CHANGE_KINDS: Record<number, ContainerChange['kind']> = { 0: 'modified', 1: 'added', 2: 'deleted' };

type Method = 'HEAD' | 'GET' | 'PUT';
type Entry = { kind: 'file'; bytes: Uint8Array } | { kind: 'link'; target: string };

const short = (id: string): string => id.slice(0, 12);

/**
 * A container's files through `/containers/{id}/archive` (HEAD stat, GET tar, PUT tar): no shell or
 * tool in the image is needed. statPath does not follow a symlink (the caller sees isSymlink and the
 * engine's fully resolved linkTarget and decides); readFile follows one, since callers want contents.
 */
export class DockerodeFiles implements ContainerFiles {
  /** One "is the container still there?" check at a time per container, shared by concurrent stats. */
  private readonly presence = new Map<string, Promise<void>>();

  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async statPath(id: string, path: string, signal?: AbortSignal): Promise<PathStat | undefined> {
    return engineCall(this.where, 'file stat', STAT_TIMEOUT_MS, signal, async (combined) => {
      const res = await this.dial('HEAD', id, path, combined);
      res.resume();
      // A HEAD answer has no body to tell a missing path from a missing container (both 404), nor a
      // path the engine cannot stat (ENOTDIR comes back as 500): asking about "/" tells them apart.
      if (res.statusCode === 404 || res.statusCode === 500) {
        await this.ensureContainer(id);
        return undefined;
      }
      if (res.statusCode !== 200) throw this.httpError(res.statusCode ?? 0, '');
      return decodeStat(res.headers[STAT_HEADER], this.where);
    });
  }

  async readFile(
    id: string,
    path: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array | undefined> {
    return engineCall(this.where, 'file read', READ_TIMEOUT_MS, signal, async (combined) => {
      const first = await this.readEntry(id, path, maxBytes, combined);
      if (first?.kind !== 'link') return first?.bytes;
      // The engine resolves a link target fully, so one more read reaches the file (or nothing).
      const second = await this.readEntry(id, first.target, maxBytes, combined);
      if (second?.kind === 'link')
        throw new AppError('INVALID_ARGUMENT', `${path} in ${short(id)} is a link that does not resolve.`);
      return second?.bytes;
    });
  }

  async putFiles(id: string, dir: string, files: readonly FileToPut[], signal?: AbortSignal): Promise<void> {
    const tar = await packFiles(files);
    await engineCall(this.where, 'file write', PUT_TIMEOUT_MS, signal, (combined) =>
      this.put(id, dir, tar, combined),
    );
  }

  async putArchive(id: string, dir: string, tar: Readable, signal?: AbortSignal): Promise<void> {
    await engineCall(this.where, 'file upload', NO_DEADLINE_MS, signal, (combined) =>
      this.put(id, dir, tar, combined),
    );
  }

  async openArchive(id: string, path: string, signal?: AbortSignal): Promise<ArchiveRead | undefined> {
    const read = await engineCall(this.where, 'file read', READ_TIMEOUT_MS, signal, (combined) =>
      this.getArchive(id, path, combined),
    );
    // engineCall lets go of the caller's signal once the answer has come; the body still flows.
    if (read && signal) addAbortSignal(signal, read.tar);
    return read;
  }

  async changes(id: string, signal?: AbortSignal): Promise<ContainerChange[]> {
    // dockerode's changes() takes an abortSignal option; its type declarations omit it.
    const container = this.docker.getContainer(id);
    const changes = container.changes as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
    try {
      const raw = await engineCall(this.where, 'changes', CHANGES_TIMEOUT_MS, signal, (abortSignal) =>
        changes.call(container, { abortSignal }),
      );
      // An unchanged container is answered with null, not []; docker-modem hands a JSON null over as
      // the raw body, since it takes a falsy parse for "not JSON".
      const list = Buffer.isBuffer(raw) ? this.parseJson(raw, 'changes') : raw;
      if (list === null || list === undefined) return [];
      if (!Array.isArray(list)) throw this.garbled('changes');
      return list.map((item: unknown) => {
        const { Path, Kind } = (item ?? {}) as { Path?: unknown; Kind?: unknown };
        const kind = typeof Kind === 'number' ? CHANGE_KINDS[Kind] : undefined;
        if (typeof Path !== 'string' || !kind) throw this.garbled('changes');
        return { path: Path, kind };
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw this.missing(id, '/', error.message);
      throw error;
    }
  }

  /** PUT a tar into `dir`; every answer but 200 becomes the AppError that says what to do. */
  private async put(id: string, dir: string, tar: Buffer | Readable, signal: AbortSignal): Promise<void> {
    const res = await this.dial('PUT', id, dir, signal, tar, { noOverwriteDirNonDir: true });
    if (res.statusCode === 200) {
      res.resume();
      return;
    }
    // The engine may refuse before it has read the whole tar: stop feeding a request that is over.
    if (tar instanceof Readable) tar.destroy();
    const message = await errorMessage(res);
    if (res.statusCode === 404) throw this.missing(id, dir, message);
    // Docker answers a read-only filesystem with 500 "container rootfs is marked read-only" or
    // "mounted volume is marked read-only"; other engines with 403.
    if (res.statusCode === 403 || /read-only/i.test(message)) {
      const volume = /volume/i.test(message);
      throw failure(
        'PERMISSION_DENIED',
        `${dir} in ${short(id)} is read-only: ${message || 'the engine refused to write there'}.`,
        volume
          ? 'The volume mounted there is read-only (:ro); write into a folder that is not on it.'
          : "The container's root filesystem is read-only (--read-only); only its writable volumes and tmpfs can be written.",
        { what: 'path', readOnly: true },
      );
    }
    if (/cannot overwrite/i.test(message)) {
      throw new AppError(
        'CONFLICT',
        `${dir} in ${short(id)} already has a folder where a file would go, or the reverse: ${message}.`,
        { what: 'path' },
      );
    }
    throw this.httpError(res.statusCode ?? 0, message);
  }

  /** A path's tar and stat, or undefined when the path (not the container) is missing. */
  private async getArchive(id: string, path: string, signal: AbortSignal): Promise<ArchiveRead | undefined> {
    const res = await this.dial('GET', id, path, signal);
    if (res.statusCode !== 200) {
      const message = await errorMessage(res);
      if (res.statusCode === 404 && /no such container/i.test(message)) throw this.missing(id, path, message);
      if (res.statusCode === 404 || /not a directory/i.test(message)) return undefined;
      throw this.httpError(res.statusCode ?? 0, message);
    }
    try {
      return { stat: decodeStat(res.headers[STAT_HEADER], this.where), tar: res };
    } catch (error) {
      res.destroy();
      throw error;
    }
  }

  private async readEntry(
    id: string,
    path: string,
    maxBytes: number,
    signal: AbortSignal,
  ): Promise<Entry | undefined> {
    const read = await this.getArchive(id, path, signal);
    if (!read) return undefined;
    const { stat, tar: res } = read;
    const extract = tarExtract();
    res.on('error', (error) => extract.destroy(error));
    res.pipe(extract);
    let done = false;
    try {
      for await (const entry of extract) {
        const { type, size = 0, linkname } = entry.header;
        if (type === 'symlink') {
          done = true;
          return {
            kind: 'link',
            target: stat.linkTarget || posix.resolve(posix.dirname(path), linkname ?? ''),
          };
        }
        if (type !== 'file' && type !== 'contiguous-file')
          throw new AppError('INVALID_ARGUMENT', `${path} in ${short(id)} is not a regular file (${type}).`);
        // The tar header says how big the file is before a byte of it arrives.
        if (size > maxBytes) throw tooLarge(path, id, maxBytes);
        const chunks: Buffer[] = [];
        let length = 0;
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          length += chunk.length;
          if (length > maxBytes) throw tooLarge(path, id, maxBytes);
          chunks.push(chunk);
        }
        done = true;
        return { kind: 'file', bytes: new Uint8Array(Buffer.concat(chunks, length)) };
      }
      throw new AppError('INVALID_ARGUMENT', `The engine sent an empty archive for ${path} in ${short(id)}.`);
    } finally {
      // Only the first entry matters. After it only the tar's end blocks remain: reading them keeps the
      // connection for the next call; after a failure (a directory, a file too large) it is dropped.
      res.unpipe(extract);
      extract.destroy();
      if (done) res.resume();
      else res.destroy();
    }
  }

  /** Resolves when the container exists, else throws NOT_FOUND (or the engine's own failure). */
  private ensureContainer(id: string): Promise<void> {
    let check = this.presence.get(id);
    if (!check) {
      // No caller's signal here: the check is shared, and one caller giving up must not fail the others.
      check = engineCall(this.where, 'container check', STAT_TIMEOUT_MS, undefined, async (signal) => {
        const res = await this.dial('HEAD', id, '/', signal);
        res.resume();
        if (res.statusCode === 404) throw this.missing(id, '/', 'No such container');
        if (res.statusCode !== 200) throw this.httpError(res.statusCode ?? 0, '');
      }).finally(() => this.presence.delete(id));
      this.presence.set(id, check);
    }
    return check;
  }

  private dial(
    method: Method,
    id: string,
    path: string,
    signal: AbortSignal,
    file?: Buffer | Readable,
    query: Record<string, boolean> = {},
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(id)}/archive?`,
          method,
          options: { path, ...query },
          isStream: true,
          statusCodes: ANY_STATUS,
          abortSignal: signal,
          ...(file ? { file } : {}),
        },
        (error, result) => {
          if (error) return reject(error);
          const res = result as IncomingMessage;
          // docker-modem ties the signal to the request only; a body being read must stop too.
          resolve(addAbortSignal(signal, res));
        },
      );
    });
  }

  private missing(id: string, path: string, message: string): AppError {
    if (/no such container/i.test(message)) {
      return failure(
        'NOT_FOUND',
        `The container ${short(id)} is gone.`,
        'It was removed while Bosun was looking at it; refresh the list.',
        { what: 'container' },
      );
    }
    return new AppError('NOT_FOUND', `${path} does not exist in ${short(id)}.`, { what: 'path' });
  }

  private parseJson(body: Buffer, what: string): unknown {
    try {
      return JSON.parse(body.toString('utf8') || 'null') as unknown;
    } catch {
      throw this.garbled(what);
    }
  }

  private garbled(what: string): AppError {
    return failure(
      'UNAVAILABLE',
      `The engine at ${this.where.endpoint} sent a ${what} answer Bosun cannot read.`,
      'It may not be a Docker engine, or an old one; check its version.',
    );
  }

  private httpError(status: number, message: string): AppError {
    return translateEngineError({ statusCode: status, json: { message } }, this.where);
  }
}

function tooLarge(path: string, id: string, maxBytes: number): AppError {
  return new AppError('INVALID_ARGUMENT', `${path} in ${short(id)} is larger than ${maxBytes} bytes.`, {
    maxBytes,
  });
}

/** A tar of small files, owned by root (the engine keeps the tar's owner unless asked to copy it). */
async function packFiles(files: readonly FileToPut[]): Promise<Buffer> {
  const pack = tarPack();
  for (const file of files) {
    const name = posix.normalize(file.name);
    if (name.startsWith('/') || name === '..' || name.startsWith('../') || name === '.')
      throw new AppError(
        'INVALID_ARGUMENT',
        `A file to put must be named relative to its directory, not "${file.name}".`,
      );
    pack.entry(
      { name, mode: file.mode, uid: 0, gid: 0, size: file.content.byteLength, type: 'file' },
      Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
    );
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
