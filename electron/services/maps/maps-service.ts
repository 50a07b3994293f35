import type { NetworkMap, ParsedIn, StorageMap } from '../../shared/contract';
import type { ContainerEngine } from '../containers/container-engine';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import type { MapInspect } from './docker-inspect';
import { mapBounded } from '../../shared/map-bounded';
import { orNote, readInspects, READS_AT_ONCE } from './map-reader';
import { buildNetworkMap } from './network-map';
import { mountsOf, singleFileKey } from './storage-facts';
import { buildStorageMap } from './storage-map';

// Go's os.FileMode type bits: dir, symlink, device, named pipe, socket, char device, irregular.
const FILE_TYPE_BITS =
  ((1 << 31) | (1 << 27) | (1 << 26) | (1 << 25) | (1 << 24) | (1 << 21) | (1 << 19)) >>> 0;

const isRegularFile = (mode: number): boolean => ((mode >>> 0) & FILE_TYPE_BITS) === 0;

/** The storage and network maps of one engine, read on demand (nothing is cached: a map is a snapshot). */
export class MapsService {
  constructor(private readonly engines: EngineDirectory) {}

  async storage(input: ParsedIn<'maps.storage'>, signal?: AbortSignal): Promise<StorageMap> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const { inspects, notes } = await readInspects(engine, signal);
    const [volumes, usage, writableSizes, singleFiles] = await Promise.all([
      engine.volumes.list(signal),
      orNote(engine.volumes.usage(signal), 'Volume sizes', notes, signal),
      orNote(engine.maps.writableSizes(signal), 'Writable-layer sizes', notes, signal),
      this.singleFiles(engine, inspects, notes, signal),
    ]);
    const volumeSizes = new Map<string, number>();
    for (const row of usage ?? []) if (row.size !== null) volumeSizes.set(row.name, row.size);
    return buildStorageMap(
      {
        connectionId: session.id,
        inspects,
        volumes: new Map(volumes.map((volume) => [volume.name, volume])),
        volumeSizes,
        writableSizes,
        singleFiles,
      },
      notes,
    );
  }

  async network(input: ParsedIn<'maps.network'>, signal?: AbortSignal): Promise<NetworkMap> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const [{ inspects, notes }, networks] = await Promise.all([
      readInspects(engine, signal),
      engine.networks.list(signal),
    ]);
    return buildNetworkMap({ connectionId: session.id, inspects, networks }, notes);
  }

  /**
   * Bind mounts whose source is one regular file, asked of the engine (`HEAD …/archive` on the
   * destination): the host path itself may be on another machine, so only the engine can tell.
   */
  private async singleFiles(
    engine: ContainerEngine,
    inspects: readonly MapInspect[],
    notes: string[],
    signal?: AbortSignal,
  ): Promise<Set<string>> {
    const binds = inspects.flatMap(mountsOf).filter((fact) => fact.type === 'bind');
    const files = new Set<string>();
    let unknown = 0;
    await mapBounded(binds, READS_AT_ONCE, async (fact) => {
      const stat = await engine.files
        .statPath(fact.container.id, fact.destination, signal)
        .catch((error: unknown) => {
          if (signal?.aborted) throw error;
          return undefined;
        });
      if (stat === undefined) unknown++;
      else if (isRegularFile(stat.mode)) files.add(singleFileKey(fact.container.id, fact.destination));
    });
    if (unknown > 0)
      notes.push(
        `Whether ${unknown} bind mount${unknown === 1 ? ' is a file or a directory' : 's are files or directories'} could not be told (the container is gone or its path is not readable).`,
      );
    return files;
  }
}
