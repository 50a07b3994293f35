import type { Connection, ContainerRow } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { ConnectionSpec } from '../connections/spec';
import type { ContainerFiles } from './container-files';
import type { ExecEngine } from './exec-engine';
import type { GuidanceEngine } from '../guidance/guidance-engine';
import type { AuditEngine } from '../audit/audit-engine';
import type { InspectEngine } from '../inspect/inspect-engine';
import type { LifecycleEngine } from './lifecycle-engine';
import type { LogsEngine } from '../logs/logs-engine';
import type { StatsEngine } from '../stats/stats-engine';
import type { ToolboxEngine } from './toolbox-engine';
import type { DiskEngine } from '../disk/disk-engine';
import type { ImagesEngine } from '../images/images-engine';
import type { NetworksEngine } from '../networks/networks-engine';
import type { VolumesEngine } from '../volumes/volumes-engine';
import type { MapsEngine } from '../maps/maps-engine';

export type EngineInfo = NonNullable<Connection['status']['engine']>;

/** A container as one engine reports it; the cache adds the connection id. */
export type ContainerSummary = Omit<ContainerRow, 'connectionId'>;

/** One engine event, reduced to what invalidation needs. */
export interface EngineEvent {
  readonly type: string;
  readonly action: string;
  /** The full id of the object the event is about. */
  readonly id: string;
}

export interface EventStreamHandlers {
  onEvent(event: EngineEvent): void;
  /** The stream is over (engine restarted, socket gone, garbage on the wire); called once, never after close(). */
  onEnd(error: AppError): void;
}

export interface EventStream {
  close(): void;
}

/**
 * The port to one container engine. Every failure is an AppError translated where it happened;
 * no library error crosses it.
 */
export interface ContainerEngine {
  /** A container's filesystem through the archive API. */
  readonly files: ContainerFiles;
  /** Inspect, exec and attach, for terminals. */
  readonly exec: ExecEngine;
  /** Start, stop, restart, kill, pause, unpause. */
  readonly lifecycle: LifecycleEngine;
  /** Images: list, layers, remove, prune. */
  readonly images: ImagesEngine;
  /** Volumes: list, mounts, sizes, remove, prune. */
  readonly volumes: VolumesEngine;
  /** Networks: list, attachments, remove, prune. */
  readonly networks: NetworksEngine;
  /** Disk use (GET /system/df). */
  readonly disk: DiskEngine;
  /** Inspect documents (container and image), for the Inspect view and `bosun inspect`. */
  readonly inspect: InspectEngine;
  /** Container logs: streams and pages back. */
  readonly logs: LogsEngine;
  /** Live stats streams (CPU, memory, network, block I/O), one per watched container. */
  readonly stats: StatsEngine;
  /** Images and sidecar containers, for the toolbox. */
  readonly toolbox: ToolboxEngine;
  /** What the storage and network maps read beyond the other ports (writable-layer sizes). */
  readonly maps: MapsEngine;
  /** Process lists and captured commands, for reload guidance. */
  readonly guidance: GuidanceEngine;
  /** Exec inspect, for the risk audit. */
  readonly audit: AuditEngine;
  /** Engine identity (GET /version): the liveness check when connecting. */
  version(signal?: AbortSignal): Promise<EngineInfo>;
  /** Liveness check of a connected engine (GET /_ping); rejects with an AppError when it fails. */
  ping(signal?: AbortSignal): Promise<void>;
  /** Every container, stopped ones included (GET /containers/json?all=1), or only the given ids. */
  listContainers(
    filter: { readonly ids?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<ContainerSummary[]>;
  /** Opens the event stream (containers, images, volumes, networks); resolves once the engine has accepted it. */
  watchEvents(handlers: EventStreamHandlers, signal?: AbortSignal): Promise<EventStream>;
  /** Ends every request and pooled socket of this engine. */
  close(): void;
}

/** Builds the engine client of one connection (reads its TLS files); rejects with an AppError. */
export type EngineFactory = (spec: ConnectionSpec) => Promise<ContainerEngine>;
