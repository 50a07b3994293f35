import type { ContainerRef, VolumeUsage } from '../../shared/contract';

/** A volume as GET /volumes lists it. */
export interface VolumeSummary {
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  /** ms since the epoch; null when the driver does not say. */
  readonly created: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
  readonly scope: string;
}

/** A container and the volumes it mounts (by name). */
export interface VolumeMounts extends ContainerRef {
  readonly volumes: readonly string[];
}

export interface VolumePruneFilter {
  readonly label?: string;
  /** Send the `all=true` filter (API 1.42+ only: older engines reject it and prune named volumes anyway). */
  readonly all: boolean;
}

/**
 * Volumes of one engine. Failures are AppErrors: NOT_FOUND for a volume that is gone, CONFLICT for one
 * in use (the engine's words, with container ids, in the message).
 */
export interface VolumesEngine {
  list(signal?: AbortSignal): Promise<VolumeSummary[]>;
  /** Every container (running or not) with the named volumes it mounts. */
  mounts(signal?: AbortSignal): Promise<VolumeMounts[]>;
  /** Sizes and reference counts from GET /system/df?type=volume (slow: the engine walks every volume). */
  usage(signal?: AbortSignal): Promise<VolumeUsage[]>;
  remove(name: string, signal?: AbortSignal): Promise<void>;
  prune(
    filter: VolumePruneFilter,
    signal?: AbortSignal,
  ): Promise<{ deleted: string[]; spaceReclaimed: number }>;
}
