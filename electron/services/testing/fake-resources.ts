import type { EngineDiskUsage, ImageLayer, VolumeUsage } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { DiskEngine } from '../disk/disk-engine';
import type {
  ImagePruneFilter,
  ImagePruneOutcome,
  ImageRemoval,
  ImagesEngine,
  ImageSummary,
} from '../images/images-engine';
import type {
  NetworkAttachment,
  NetworkPruneFilter,
  NetworksEngine,
  NetworkSummary,
} from '../networks/networks-engine';
import type {
  VolumeMounts,
  VolumePruneFilter,
  VolumesEngine,
  VolumeSummary,
} from '../volumes/volumes-engine';

/** An image with defaults, for fakes. */
export function fakeImage(id: string, overrides: Partial<ImageSummary> = {}): ImageSummary {
  return {
    id,
    repoTags: [],
    repoDigests: [],
    size: 1000,
    created: 1_700_000_000_000,
    labels: {},
    ...overrides,
  };
}

export function fakeVolume(name: string, overrides: Partial<VolumeSummary> = {}): VolumeSummary {
  return {
    name,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    created: 1_700_000_000_000,
    labels: {},
    options: {},
    scope: 'local',
    ...overrides,
  };
}

export function fakeNetwork(
  id: string,
  name: string,
  overrides: Partial<NetworkSummary> = {},
): NetworkSummary {
  return {
    id,
    name,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    created: 1_700_000_000_000,
    labels: {},
    options: {},
    subnets: [],
    ...overrides,
  };
}

/** Images in memory: `refusals` makes a ref fail with that error; every call is recorded. */
export class FakeImages implements ImagesEngine {
  images: ImageSummary[] = [];
  history_: Record<string, ImageLayer[]> = {};
  readonly refusals = new Map<string, AppError>();
  readonly calls: string[] = [];
  prunes: ImagePruneFilter[] = [];
  /** What the next prune answers; by default it removes what the filter picks from `images`. */
  pruneOutcome: ImagePruneOutcome | undefined;

  async list(): Promise<ImageSummary[]> {
    this.calls.push('list');
    return this.images.map((image) => ({ ...image }));
  }

  async history(ref: string): Promise<ImageLayer[]> {
    this.calls.push(`history ${ref}`);
    const layers = this.history_[ref];
    if (!layers) throw new AppError('NOT_FOUND', 'no such image', { status: 404 });
    return layers;
  }

  async remove(ref: string, options: { readonly force: boolean }): Promise<ImageRemoval> {
    this.calls.push(`remove ${ref}${options.force ? ' force' : ''}`);
    const refusal = this.refusals.get(ref);
    if (refusal) throw refusal;
    const image = this.images.find((i) => i.id === ref || i.repoTags.includes(ref));
    if (!image) throw new AppError('NOT_FOUND', 'no such image', { status: 404, said: 'no such image' });
    if (image.repoTags.includes(ref) && image.repoTags.length > 1) {
      const kept = { ...image, repoTags: image.repoTags.filter((tag) => tag !== ref) };
      this.images = this.images.map((i) => (i === image ? kept : i));
      return { untagged: [ref], deleted: [] };
    }
    this.images = this.images.filter((i) => i !== image);
    return { untagged: [...image.repoTags], deleted: [image.id] };
  }

  async prune(filter: ImagePruneFilter): Promise<ImagePruneOutcome> {
    this.prunes.push(filter);
    if (this.pruneOutcome) return this.pruneOutcome;
    return { untagged: [], deleted: [], spaceReclaimed: 0 };
  }
}

export class FakeVolumes implements VolumesEngine {
  volumes: VolumeSummary[] = [];
  mounts_: VolumeMounts[] = [];
  sizes: VolumeUsage[] = [];
  usageError: AppError | undefined;
  readonly refusals = new Map<string, AppError>();
  readonly calls: string[] = [];
  prunes: VolumePruneFilter[] = [];
  pruneOutcome: { deleted: string[]; spaceReclaimed: number } = { deleted: [], spaceReclaimed: 0 };

  async list(): Promise<VolumeSummary[]> {
    return this.volumes.map((volume) => ({ ...volume }));
  }

  async mounts(): Promise<VolumeMounts[]> {
    return this.mounts_;
  }

  async usage(): Promise<VolumeUsage[]> {
    this.calls.push('usage');
    if (this.usageError) throw this.usageError;
    return this.sizes;
  }

  async remove(name: string): Promise<void> {
    this.calls.push(`remove ${name}`);
    const refusal = this.refusals.get(name);
    if (refusal) throw refusal;
    if (!this.volumes.some((v) => v.name === name))
      throw new AppError('NOT_FOUND', 'no such volume', { status: 404 });
    this.volumes = this.volumes.filter((v) => v.name !== name);
  }

  async prune(filter: VolumePruneFilter): Promise<{ deleted: string[]; spaceReclaimed: number }> {
    this.prunes.push(filter);
    return this.pruneOutcome;
  }
}

export class FakeNetworks implements NetworksEngine {
  networks: NetworkSummary[] = [];
  attachments_: NetworkAttachment[] = [];
  readonly refusals = new Map<string, AppError>();
  readonly calls: string[] = [];
  prunes: NetworkPruneFilter[] = [];
  pruneOutcome: { deleted: string[] } = { deleted: [] };

  async list(): Promise<NetworkSummary[]> {
    return this.networks.map((network) => ({ ...network }));
  }

  async attachments(): Promise<NetworkAttachment[]> {
    return this.attachments_;
  }

  async remove(id: string): Promise<void> {
    this.calls.push(`remove ${id}`);
    const refusal = this.refusals.get(id);
    if (refusal) throw refusal;
    if (!this.networks.some((n) => n.id === id))
      throw new AppError('NOT_FOUND', 'no such network', { status: 404 });
    this.networks = this.networks.filter((n) => n.id !== id);
  }

  async prune(filter: NetworkPruneFilter): Promise<{ deleted: string[] }> {
    this.prunes.push(filter);
    return this.pruneOutcome;
  }
}

const NONE = { count: 0, active: 0, size: 0, reclaimable: 0 };

export class FakeDisk implements DiskEngine {
  answer: Omit<EngineDiskUsage, 'connectionId'> = {
    images: NONE,
    containers: NONE,
    volumes: NONE,
    buildCache: NONE,
  };
  error: AppError | undefined;

  async usage(): Promise<Omit<EngineDiskUsage, 'connectionId'>> {
    if (this.error) throw this.error;
    return this.answer;
  }
}
