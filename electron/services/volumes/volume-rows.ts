import type { ContainerRef, PruneItem, VolumeRow } from '../../shared/contract';
import type { VolumeMounts, VolumeSummary } from './volumes-engine';

/** The label engines since API 1.42 put on volumes they create for a container. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/**
 * Made for a container without a name. Older engines set no label, but name such volumes with 64 hex
 * digits; what a prune of API 1.42+ calls anonymous is the label alone (`byLabelOnly`).
 */
export function isAnonymous(volume: VolumeSummary, byLabelOnly = false): boolean {
  return (
    Object.hasOwn(volume.labels, ANONYMOUS_LABEL) || (!byLabelOnly && /^[a-f0-9]{64}$/.test(volume.name))
  );
}

/** Containers mounting each volume, by name. */
export function usersByVolume(mounts: readonly VolumeMounts[]): Map<string, ContainerRef[]> {
  const users = new Map<string, ContainerRef[]>();
  for (const { volumes, ...container } of mounts) {
    for (const name of new Set(volumes)) users.set(name, [...(users.get(name) ?? []), container]);
  }
  return users;
}

export function toVolumeRows(
  connectionId: string,
  volumes: readonly VolumeSummary[],
  mounts: readonly VolumeMounts[],
): VolumeRow[] {
  const users = usersByVolume(mounts);
  return volumes.map((volume) => ({
    connectionId,
    ...volume,
    labels: { ...volume.labels },
    options: { ...volume.options },
    anonymous: isAnonymous(volume),
    usedBy: users.get(volume.name) ?? [],
  }));
}

export function toVolumePruneItem(
  volume: VolumeSummary,
  sizes: ReadonlyMap<string, number | null>,
): PruneItem {
  return { id: volume.name, name: volume.name, size: sizes.get(volume.name) ?? null };
}
