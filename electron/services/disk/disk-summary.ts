import type { DiskUse, EngineDiskUsage } from '../../shared/contract';

/** The parts of GET /system/df that the summary reads. */
export interface RawDiskUsage {
  LayersSize?: number;
  Images?: { Size?: number; SharedSize?: number; Containers?: number }[] | null;
  Containers?: { SizeRw?: number; State?: string }[] | null;
  Volumes?: { UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: { Size?: number; InUse?: boolean; Shared?: boolean }[] | null;
}

const ACTIVE_STATES = new Set(['running', 'paused', 'restarting']);

/**
 * The four rows of `docker system df`, computed the way the docker CLI does, so the numbers match what
 * people see in their terminal: image reclaimable is all layers minus those unique to images in use;
 * a volume size the engine does not know (-1) makes the total unknown rather than silently smaller.
 */
export function summarizeDiskUsage(raw: RawDiskUsage): Omit<EngineDiskUsage, 'connectionId'> {
  return {
    images: images(raw),
    containers: containers(raw),
    volumes: volumes(raw),
    buildCache: buildCache(raw),
  };
}

function images(raw: RawDiskUsage): DiskUse {
  const list = raw.Images ?? [];
  const active = list.filter((image) => (image.Containers ?? 0) > 0);
  const size = raw.LayersSize ?? list.reduce((sum, image) => sum + (image.Size ?? 0), 0);
  let used = 0;
  for (const image of active) {
    if ((image.Size ?? -1) < 0 || (image.SharedSize ?? -1) < 0) continue;
    used += image.Size! - image.SharedSize!;
  }
  return { count: list.length, active: active.length, size, reclaimable: Math.max(0, size - used) };
}

function containers(raw: RawDiskUsage): DiskUse {
  const list = raw.Containers ?? [];
  let size = 0;
  let reclaimable = 0;
  let active = 0;
  for (const container of list) {
    const rw = Math.max(0, container.SizeRw ?? 0);
    size += rw;
    if (ACTIVE_STATES.has(container.State ?? '')) active++;
    else reclaimable += rw;
  }
  return { count: list.length, active, size, reclaimable };
}

function volumes(raw: RawDiskUsage): DiskUse {
  const list = raw.Volumes ?? [];
  let size: number | null = 0;
  let reclaimable: number | null = 0;
  let active = 0;
  for (const volume of list) {
    const bytes = volume.UsageData?.Size ?? -1;
    const refs = volume.UsageData?.RefCount ?? -1;
    if (refs > 0) active++;
    if (bytes < 0) {
      size = null;
      if (refs <= 0) reclaimable = null;
      continue;
    }
    if (size !== null) size += bytes;
    if (refs === 0 && reclaimable !== null) reclaimable += bytes;
  }
  return { count: list.length, active, size, reclaimable };
}

function buildCache(raw: RawDiskUsage): DiskUse {
  const list = raw.BuildCache ?? [];
  let size = 0;
  let reclaimable = 0;
  let active = 0;
  for (const record of list) {
    if (record.InUse) active++;
    if (record.Shared) continue;
    size += record.Size ?? 0;
    if (!record.InUse) reclaimable += record.Size ?? 0;
  }
  return { count: list.length, active, size, reclaimable };
}
