import type Docker from 'dockerode';
import type { VolumeUsage } from '../../shared/contract';
import type { EngineWhere } from '../containers/engine-errors';
import { listContainerLinks } from '../resources/container-links';
import { engineJson, filters } from '../resources/engine-json';
import type { VolumeMounts, VolumePruneFilter, VolumesEngine, VolumeSummary } from './volumes-engine';

const LIST_MS = 20_000;
const REMOVE_MS = 120_000;
// The engine walks every volume's files for sizes, and a prune deletes them.
const USAGE_MS = 180_000;
const PRUNE_MS = 300_000;

interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Scope?: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

/** The engine says -1 for "not computed" or "not supported by this driver". */
const known = (value: number | undefined): number | null =>
  typeof value === 'number' && value >= 0 ? value : null;

/** Volumes over the Engine API. */
export class DockerodeVolumes implements VolumesEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async list(signal?: AbortSignal): Promise<VolumeSummary[]> {
    const raw = await engineJson<{ Volumes?: RawVolume[] | null }>(
      this.docker,
      this.where,
      { method: 'GET', path: '/volumes', what: 'volume list', timeoutMs: LIST_MS },
      signal,
    );
    return (raw.Volumes ?? []).map((volume) => {
      const created = volume.CreatedAt ? Date.parse(volume.CreatedAt) : NaN;
      return {
        name: volume.Name,
        driver: volume.Driver ?? '',
        mountpoint: volume.Mountpoint ?? '',
        created: Number.isFinite(created) ? created : null,
        labels: volume.Labels ?? {},
        options: volume.Options ?? {},
        scope: volume.Scope ?? 'local',
      };
    });
  }

  async mounts(signal?: AbortSignal): Promise<VolumeMounts[]> {
    const links = await listContainerLinks(this.docker, this.where, signal);
    return links.map(({ id, name, state, volumes }) => ({ id, name, state, volumes }));
  }

  async usage(signal?: AbortSignal): Promise<VolumeUsage[]> {
    // Engines before API 1.42 ignore `type` and compute everything: slower, same answer.
    const raw = await engineJson<{ Volumes?: RawVolume[] | null }>(
      this.docker,
      this.where,
      {
        method: 'GET',
        path: '/system/df',
        query: { type: 'volume' },
        what: 'volume sizes',
        timeoutMs: USAGE_MS,
      },
      signal,
    );
    return (raw.Volumes ?? []).map((volume) => ({
      name: volume.Name,
      size: known(volume.UsageData?.Size),
      refCount: known(volume.UsageData?.RefCount),
    }));
  }

  async remove(name: string, signal?: AbortSignal): Promise<void> {
    await engineJson<unknown>(
      this.docker,
      this.where,
      {
        method: 'DELETE',
        path: `/volumes/${encodeURIComponent(name)}`,
        what: 'volume remove',
        timeoutMs: REMOVE_MS,
      },
      signal,
    );
  }

  async prune(
    filter: VolumePruneFilter,
    signal?: AbortSignal,
  ): Promise<{ deleted: string[]; spaceReclaimed: number }> {
    const raw = await engineJson<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number }>(
      this.docker,
      this.where,
      {
        method: 'POST',
        path: '/volumes/prune',
        query: { filters: filters({ label: filter.label, all: filter.all ? 'true' : undefined }) },
        what: 'volume prune',
        timeoutMs: PRUNE_MS,
      },
      signal,
    );
    return { deleted: raw.VolumesDeleted ?? [], spaceReclaimed: raw.SpaceReclaimed ?? 0 };
  }
}
