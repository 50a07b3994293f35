import type { Readable } from 'node:stream';
import type { FileTransfer, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerFiles } from '../containers/container-files';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import type { PumpOptions } from '../terminal/output-pump';
import { baseName, normalizePath } from './container-path';
import { DownloadSession, singleFile } from './download-session';
import { fromGoMode } from './file-mode';
import { missing, resolveFolder, resolvePath } from './files-service';
import { folderOwner } from './folder-owner';
import { OwnerClaims } from './owner-claims';
import { UploadSession } from './upload-session';

/** Enough for anyone; a bound so one client cannot hold the engine's connections without end. */
export const MAX_TRANSFERS_PER_CLIENT = 16;
const IDLE_MS = 60_000;
const DRAIN_MS = 30_000;

export interface TransfersDeps {
  readonly engines: EngineDirectory;
  readonly publish: (transfer: FileTransfer) => void;
  /** Tests shorten these. */
  readonly idleMs?: number;
  readonly drainMs?: number;
  readonly pump?: Partial<Omit<PumpOptions, 'emit'>>;
  readonly stallMs?: number;
}

const short = (id: string): string => id.slice(0, 12);

/**
 * Downloads and uploads, each owned by the client that started it: only that client receives a
 * download's bytes or writes into an upload, and all of a client's transfers stop when it goes away.
 */
export class TransfersService {
  private readonly downloads = new Map<string, DownloadSession>();
  private readonly uploads = new Map<string, UploadSession>();
  /** Ids being opened, with their owner: a duplicate id is refused before any engine work. */
  private readonly opening = new Map<string, string>();
  private readonly claims = new OwnerClaims(
    (id) => this.downloads.get(id)?.clientId ?? this.opening.get(id),
    'There is no such download.',
  );
  /** The event bus guard of files.transfer: a download's bytes reach its owner only. */
  readonly transferGuard = this.claims.guard<{ readonly transferId: string }>((params) => params.transferId);
  private disposed = false;

  constructor(private readonly deps: TransfersDeps) {}

  async download(
    input: ParsedIn<'files.download'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'files.download'>> {
    const { transferId, containerId: id } = input;
    if (!this.claims.claimedBy(transferId, clientId)) {
      throw new AppError(
        'CONFLICT',
        'Subscribe to files.transfer with this transfer id before starting the download, so no byte is lost.',
      );
    }
    this.admit(transferId, clientId);
    this.opening.set(transferId, clientId);
    try {
      const files = await this.files(input.connectionId);
      const path = normalizePath(input.path);
      const { target, stat } = await resolvePath(files, id, path, signal);
      const { type } = fromGoMode(stat.mode);
      if (type !== 'dir' && type !== 'file') {
        throw new AppError(
          'INVALID_ARGUMENT',
          `${path} in container ${short(id)} is a special file (${fromGoMode(stat.mode).mode[0]}); only files and folders can be downloaded.`,
        );
      }
      // "/" itself would come with names starting with "/"; its contents under "./" unpack anywhere.
      const read = await files.openArchive(id, target === '/' ? '/.' : target, signal);
      if (!read) throw missing(path, id);
      const folder = type === 'dir';
      const source: Readable = folder ? read.tar : singleFile(read.tar, target);
      const name = folder ? `${baseName(target) || 'root'}.tar` : baseName(target);
      const total = folder ? null : stat.size;
      const session = new DownloadSession(transferId, clientId, source, total, {
        publish: this.deps.publish,
        explain: (error, sent) => explain(files, id, target, error, sent),
        onEnd: () => this.downloads.delete(transferId),
        ...(this.deps.pump ? { pump: this.deps.pump } : {}),
        ...(this.deps.stallMs !== undefined ? { stallMs: this.deps.stallMs } : {}),
      });
      if (this.disposed || signal?.aborted) {
        await session.cancel();
        throw new AppError('CANCELLED', 'The download was cancelled.');
      }
      this.downloads.set(transferId, session);
      return { transferId, kind: folder ? 'folder' : 'file', name, path: target, total };
    } finally {
      this.opening.delete(transferId);
    }
  }

  ack(transferId: string, bytes: number, clientId: string): null {
    const session = this.downloads.get(transferId);
    if (!session || session.clientId !== clientId) throw over('download');
    session.ack(bytes);
    return null;
  }

  async cancel(transferId: string, clientId: string): Promise<null> {
    const download = this.downloads.get(transferId);
    if (download?.clientId === clientId) {
      await download.cancel();
      return null;
    }
    const upload = this.uploads.get(transferId);
    if (upload?.clientId === clientId) {
      upload.cancel();
      return null;
    }
    throw over('transfer');
  }

  async upload(
    input: ParsedIn<'files.upload'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'files.upload'>> {
    const { transferId, containerId: id } = input;
    const names = new Set<string>();
    for (const file of input.files) {
      if (names.has(file.name)) {
        throw new AppError('INVALID_ARGUMENT', `${file.name} is in this upload twice; send each name once.`);
      }
      names.add(file.name);
    }
    this.admit(transferId, clientId);
    this.opening.set(transferId, clientId);
    try {
      const files = await this.files(input.connectionId);
      const dir = await resolveFolder(files, id, normalizePath(input.dir), signal);
      const owner = await folderOwner(files, id, dir, signal);
      if (this.disposed || signal?.aborted) throw new AppError('CANCELLED', 'The upload was cancelled.');
      const session = new UploadSession(
        transferId,
        clientId,
        input.files,
        { files, containerId: id, dir, owner },
        {
          idleMs: this.deps.idleMs ?? IDLE_MS,
          drainMs: this.deps.drainMs ?? DRAIN_MS,
          onEnd: () => this.uploads.delete(transferId),
        },
      );
      this.uploads.set(transferId, session);
      return { transferId, dir };
    } finally {
      this.opening.delete(transferId);
    }
  }

  async write(input: ParsedIn<'files.write'>, clientId: string): Promise<Out<'files.write'>> {
    const session = this.uploads.get(input.transferId);
    if (!session || session.clientId !== clientId) throw over('upload');
    return session.write(input.index, input.data);
  }

  /** The client went away: its transfers stop. */
  closeClient(clientId: string): void {
    for (const session of [...this.downloads.values()]) {
      if (session.clientId === clientId) void session.cancel();
    }
    for (const session of [...this.uploads.values()]) {
      if (session.clientId === clientId) session.cancel();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const session of [...this.uploads.values()]) session.cancel();
    await Promise.allSettled([...this.downloads.values()].map((session) => session.cancel()));
  }

  /** For tests and the bench: how many transfers are live, and a download's flow-control state. */
  get counts(): { downloads: number; uploads: number } {
    return { downloads: this.downloads.size, uploads: this.uploads.size };
  }

  flow(transferId: string): { sent: number; unacked: number; paused: boolean } | undefined {
    return this.downloads.get(transferId)?.flow;
  }

  private admit(transferId: string, clientId: string): void {
    if (this.downloads.has(transferId) || this.uploads.has(transferId) || this.opening.has(transferId)) {
      throw new AppError('CONFLICT', `A transfer with id ${transferId} already exists.`);
    }
    let count = 0;
    for (const session of [...this.downloads.values(), ...this.uploads.values()]) {
      if (session.clientId === clientId) count++;
    }
    for (const owner of this.opening.values()) if (owner === clientId) count++;
    if (count >= MAX_TRANSFERS_PER_CLIENT) {
      throw new AppError(
        'CONFLICT',
        `This window already has ${MAX_TRANSFERS_PER_CLIENT} transfers running: wait for some to finish.`,
      );
    }
  }

  private async files(connectionId: string): Promise<ContainerFiles> {
    return (await requireConnection(this.deps.engines, connectionId)).liveEngine().files;
  }
}

function over(what: string): AppError {
  return new AppError('NOT_FOUND', `This ${what} is over (finished, cancelled or never started).`);
}

/** Why a download broke off, for its `ended` message: the container, the engine, or the stream itself. */
async function explain(
  files: ContainerFiles,
  id: string,
  path: string,
  error: Error | undefined,
  sent: number,
): Promise<string> {
  try {
    await files.statPath(id, '/');
  } catch (check) {
    if (check instanceof AppError && check.code === 'NOT_FOUND') {
      return `The container ${short(id)} was removed during the download of ${path}; ${sent} bytes had come.`;
    }
    if (check instanceof AppError) return `The download of ${path} stopped: ${check.message}`;
  }
  const why =
    error instanceof AppError ? error.message : (error?.message ?? 'the engine ended the stream early');
  return `The download of ${path} broke off after ${sent} bytes: ${why}. Try again.`;
}
