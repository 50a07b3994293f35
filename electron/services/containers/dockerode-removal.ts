import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from './engine-call';
import { failure, type EngineWhere } from './engine-errors';
import type { RemovalImpactReport, RemoveOptions, RemoveOutcome } from './lifecycle-engine';
import { classifyMounts, impactOf, sizesVolumesAlone, type RawInspect } from './removal-impact';

const QUICK_MS = 30_000;
// Sizing a writable layer walks its files: a big one can take a while on a slow disk.
const SIZE_MS = 60_000;
const INSPECTS_AT_ONCE = 8;

// @types/dockerode omits the sizes a `size=1` list adds.
type Sized = Docker.ContainerInfo & { SizeRw?: number };

interface RawDf {
  Volumes?: Array<{ Name?: string; UsageData?: { Size?: number } | null }> | null;
}

/** The engine's "no such container" (404), as opposed to a 404 about something else. */
export function isContainerGone(error: unknown): boolean {
  return error instanceof AppError && error.code === 'NOT_FOUND' && /no such container/i.test(error.message);
}

export function containerGone(id: string, where: EngineWhere): AppError {
  return new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone from ${where.endpoint}.`, {
    reason: 'container-gone',
  });
}

/**
 * Removal over dockerode, and its preview. The preview reads the writable layer's size from
 * `GET /containers/json?size=1` filtered to the containers asked about: the engine sizes only those.
 * `/system/df` would size the writable layer of every container on the engine, every image and (before
 * API 1.42, which added `?type=`) every volume, which takes minutes on a busy host.
 */
export class DockerodeRemoval {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async remove(id: string, options: RemoveOptions, signal?: AbortSignal): Promise<RemoveOutcome> {
    // Read first: afterwards there is nothing left to ask which volumes were the container's.
    const before = await this.inspect(id, signal);
    const name = (before.Name ?? '').replace(/^\//, '') || id.slice(0, 12);
    const anonymous = classifyMounts(before).anonymous.map((mount) => mount.name);
    try {
      await engineCall(this.where, 'remove', QUICK_MS, signal, (abortSignal) =>
        this.docker.getContainer(id).remove({ v: options.removeVolumes, force: options.force, abortSignal }),
      );
    } catch (error) {
      throw this.explain(error, id, name);
    }
    const outcome = { name, removedVolumes: [] as string[], keptVolumes: [] as string[] };
    if (!options.removeVolumes) return { ...outcome, keptVolumes: anonymous, volumesAsked: false };
    try {
      for (const volume of anonymous) {
        ((await this.volumeExists(volume, signal)) ? outcome.keptVolumes : outcome.removedVolumes).push(
          volume,
        );
      }
    } catch (error) {
      const said = error instanceof AppError ? error.message : String(error);
      return { ...outcome, volumesAsked: true, volumeCheckFailed: said };
    }
    return { ...outcome, volumesAsked: true };
  }

  async impact(ids: readonly string[], signal?: AbortSignal): Promise<RemovalImpactReport> {
    const inspects: RawInspect[] = [];
    const failures: RemovalImpactReport['failures'] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          inspects.push(await this.inspect(id, signal));
        } catch (error) {
          const failed = error instanceof AppError ? error : new AppError('INTERNAL', 'Reading it failed.');
          failures.push({ id, code: failed.code, message: failed.message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(INSPECTS_AT_ONCE, ids.length) }, worker));
    if (inspects.length === 0) return { containers: [], failures };
    const found = inspects.map((inspect) => inspect.Id ?? '');
    const volumes = [...new Set(inspects.flatMap((inspect) => classifyMounts(inspect).anonymous))].map(
      (mount) => mount.name,
    );
    const [sizes, users, volumeSizes] = await Promise.all([
      this.writableSizes(found, signal),
      this.volumeUsers(volumes, signal),
      this.volumeSizes(volumes, signal),
    ]);
    const facts = { sizes, users, volumeSizes: volumeSizes.sizes, removing: new Set(found) };
    const order = new Map(ids.map((id, index) => [id, index]));
    const containers = inspects
      .map((inspect) => impactOf(inspect, facts))
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return {
      containers,
      failures,
      ...(volumes.length > 0 && volumeSizes.note ? { volumeSizesNote: volumeSizes.note } : {}),
    };
  }

  private async inspect(id: string, signal?: AbortSignal): Promise<RawInspect> {
    try {
      return (await engineCall(this.where, 'inspect', QUICK_MS, signal, (abortSignal) =>
        this.docker.getContainer(id).inspect({ abortSignal }),
      )) as RawInspect;
    } catch (error) {
      throw isContainerGone(error) ? containerGone(id, this.where) : error;
    }
  }

  private async writableSizes(ids: string[], signal?: AbortSignal): Promise<Map<string, number>> {
    const rows = await engineCall(this.where, 'list', SIZE_MS, signal, (abortSignal) =>
      this.docker.listContainers({ all: true, size: true, filters: { id: ids }, abortSignal }),
    );
    // The engine leaves SizeRw out when it is 0 (omitempty); every row it returned was sized.
    return new Map(rows.map((row) => [row.Id, (row as Sized).SizeRw ?? 0]));
  }

  private async volumeUsers(
    volumes: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, { id: string; name: string }[]>> {
    const users = new Map<string, { id: string; name: string }[]>();
    if (volumes.length === 0) return users;
    const rows = await engineCall(this.where, 'list', QUICK_MS, signal, (abortSignal) =>
      this.docker.listContainers({ all: true, filters: { volume: volumes }, abortSignal }),
    );
    for (const row of rows) {
      const user = { id: row.Id, name: (row.Names[0] ?? '').replace(/^\//, '') };
      for (const mount of row.Mounts ?? []) {
        if (mount.Name && volumes.includes(mount.Name))
          users.set(mount.Name, [...(users.get(mount.Name) ?? []), user]);
      }
    }
    return users;
  }

  /** Sizes from `/system/df?type=volume` where the engine can size volumes alone, else a note why not. */
  private async volumeSizes(
    volumes: string[],
    signal?: AbortSignal,
  ): Promise<{ sizes: Map<string, number>; note?: string }> {
    const sizes = new Map<string, number>();
    if (volumes.length === 0) return { sizes };
    try {
      const version = await engineCall(this.where, 'version', QUICK_MS, signal, (abortSignal) =>
        (this.docker.version as (o: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>).call(
          this.docker,
          { abortSignal },
        ),
      );
      const api = version.ApiVersion ?? '';
      if (!sizesVolumesAlone(api)) {
        return {
          sizes,
          note: `This engine (API ${api || 'unknown'}) cannot size volumes without measuring everything it stores, so volume sizes are unknown.`,
        };
      }
      const df = await engineCall(this.where, 'disk usage', SIZE_MS, signal, (abortSignal) =>
        this.dial<RawDf>('/system/df?', { type: 'volume' }, abortSignal),
      );
      for (const volume of df.Volumes ?? []) {
        const size = volume.UsageData?.Size;
        if (volume.Name && typeof size === 'number' && size >= 0) sizes.set(volume.Name, size);
      }
      return { sizes };
    } catch (error) {
      if (signal?.aborted) throw error;
      const said = error instanceof AppError ? error.message : String(error);
      return { sizes, note: `Volume sizes are unknown: ${said}` };
    }
  }

  private async volumeExists(name: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await engineCall(this.where, 'volume inspect', QUICK_MS, signal, (abortSignal) =>
        this.docker.getVolume(name).inspect({ abortSignal }),
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  /** dockerode's df() sends no query; the modem itself does. */
  private dial<T>(path: string, options: Record<string, string>, abortSignal: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path,
          method: 'GET',
          options,
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
          abortSignal,
        },
        (error, data) => (error ? reject(error) : resolve(data as T)),
      );
    });
  }

  /** The engine's refusals, said so people know what to do. */
  private explain(error: unknown, id: string, name: string): unknown {
    if (isContainerGone(error)) return containerGone(id, this.where);
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const state = /paused/i.test(error.message)
        ? 'paused'
        : /restarting/i.test(error.message)
          ? 'restarting'
          : /running/i.test(error.message)
            ? 'running'
            : undefined;
      if (state) {
        return failure(
          'CONFLICT',
          `${name} is ${state}, so it was not removed.`,
          'Stop it first, or remove it with force, which kills it (SIGKILL) first.',
          { state },
        );
      }
    }
    return error;
  }
}
