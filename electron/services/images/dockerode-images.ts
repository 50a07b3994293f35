import type Docker from 'dockerode';
import type { ImageLayer } from '../../shared/contract';
import type { EngineWhere } from '../containers/engine-errors';
import { engineJson, filters } from '../resources/engine-json';
import type {
  ImagePruneFilter,
  ImagePruneOutcome,
  ImageRemoval,
  ImagesEngine,
  ImageSummary,
} from './images-engine';

const LIST_MS = 20_000;
// Deleting a big image walks its layers on disk; a prune may delete many.
const REMOVE_MS = 120_000;
const PRUNE_MS = 300_000;

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
  Labels?: Record<string, string> | null;
}

interface RawLayer {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Tags?: string[] | null;
  Comment?: string;
}

type RawDeleted = { Untagged?: string; Deleted?: string }[] | null;

// Engines before 23.0 list a dangling image with the placeholders `<none>:<none>` / `<none>@<none>`.
const real = (names: readonly string[] | null | undefined): string[] =>
  (names ?? []).filter((name) => !name.startsWith('<none>'));

function removal(raw: RawDeleted): ImageRemoval {
  const items = raw ?? [];
  return {
    untagged: items.flatMap((item) => (item.Untagged ? [item.Untagged] : [])),
    deleted: items.flatMap((item) => (item.Deleted ? [item.Deleted] : [])),
  };
}

/** Images over the Engine API. */
export class DockerodeImages implements ImagesEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async list(signal?: AbortSignal): Promise<ImageSummary[]> {
    const raw = await engineJson<RawImage[]>(
      this.docker,
      this.where,
      { method: 'GET', path: '/images/json', what: 'image list', timeoutMs: LIST_MS },
      signal,
    );
    return raw.map((image) => ({
      id: image.Id,
      repoTags: real(image.RepoTags),
      repoDigests: real(image.RepoDigests),
      size: image.Size ?? 0,
      created: (image.Created ?? 0) * 1000,
      labels: image.Labels ?? {},
    }));
  }

  async history(ref: string, signal?: AbortSignal): Promise<ImageLayer[]> {
    const raw = await engineJson<RawLayer[]>(
      this.docker,
      this.where,
      { method: 'GET', path: `/images/${ref}/history`, what: 'image history', timeoutMs: LIST_MS },
      signal,
    );
    return raw.map((layer) => ({
      id: layer.Id && layer.Id !== '<missing>' ? layer.Id : null,
      created: (layer.Created ?? 0) * 1000,
      createdBy: layer.CreatedBy ?? '',
      size: layer.Size ?? 0,
      tags: real(layer.Tags),
      comment: layer.Comment ?? '',
    }));
  }

  async remove(
    ref: string,
    options: { readonly force: boolean },
    signal?: AbortSignal,
  ): Promise<ImageRemoval> {
    const raw = await engineJson<RawDeleted>(
      this.docker,
      this.where,
      {
        method: 'DELETE',
        path: `/images/${ref}`,
        query: options.force ? { force: 1 } : {},
        what: 'image remove',
        timeoutMs: REMOVE_MS,
      },
      signal,
    );
    return removal(raw);
  }

  async prune(filter: ImagePruneFilter, signal?: AbortSignal): Promise<ImagePruneOutcome> {
    const raw = await engineJson<{ ImagesDeleted?: RawDeleted; SpaceReclaimed?: number }>(
      this.docker,
      this.where,
      {
        method: 'POST',
        path: '/images/prune',
        query: {
          filters: filters({
            dangling: String(filter.danglingOnly),
            label: filter.label,
            until: filter.until === undefined ? undefined : String(Math.ceil(filter.until / 1000)),
          }),
        },
        what: 'image prune',
        timeoutMs: PRUNE_MS,
      },
      signal,
    );
    return { ...removal(raw.ImagesDeleted ?? null), spaceReclaimed: raw.SpaceReclaimed ?? 0 };
  }
}
