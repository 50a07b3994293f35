import type { MapContainer } from '../../shared/contract';
import { classifyMounts } from '../containers/removal-impact';
import type { VolumeSummary } from '../volumes/volumes-engine';
import { mapContainer, type MapInspect } from './docker-inspect';
import { normalizePath } from './host-paths';

/** One mount of one container, read from its inspect document. */
export interface MountFact {
  readonly container: MapContainer;
  readonly image: string;
  readonly type: 'bind' | 'volume' | 'tmpfs';
  /** A bind's host path (normalized), a volume's name, "" for tmpfs. */
  readonly source: string;
  readonly destination: string;
  readonly readOnly: boolean;
  /** Volumes: the engine made up its name and `rm -v` removes it with the container. */
  readonly anonymous: boolean;
  /** tmpfs: its options (size, mode) as given. */
  readonly options?: string;
  /** The inspect field the fact comes from, for evidence. */
  readonly field: string;
}

/** What the storage map is built from: inspect documents and what the engine said around them. */
export interface StorageFacts {
  readonly connectionId: string;
  readonly inspects: readonly MapInspect[];
  readonly volumes: ReadonlyMap<string, VolumeSummary>;
  /** Volume name → bytes, where the engine measured it. */
  readonly volumeSizes: ReadonlyMap<string, number>;
  /** Container id → writable-layer bytes; undefined when they could not be measured. */
  readonly writableSizes: ReadonlyMap<string, number> | undefined;
  /** `${containerId} ${destination}` of bind mounts whose source is one file, not a directory. */
  readonly singleFiles: ReadonlySet<string>;
}

export const singleFileKey = (containerId: string, destination: string): string =>
  `${containerId} ${destination}`;

/** Every bind, volume and tmpfs of one container (`--tmpfs` ones live only in HostConfig.Tmpfs). */
export function mountsOf(inspect: MapInspect): MountFact[] {
  const container = mapContainer(inspect);
  const image = inspect.Config?.Image ?? '';
  const anonymous = new Set(classifyMounts(inspect).anonymous.map((mount) => mount.name));
  const facts: MountFact[] = [];
  for (const mount of inspect.Mounts ?? []) {
    const destination = mount.Destination ?? '';
    const base = { container, image, destination, readOnly: mount.RW === false, field: 'Mounts[]' };
    if (mount.Type === 'bind' && mount.Source) {
      facts.push({ ...base, type: 'bind', source: normalizePath(mount.Source), anonymous: false });
    } else if (mount.Type === 'volume' && mount.Name) {
      facts.push({ ...base, type: 'volume', source: mount.Name, anonymous: anonymous.has(mount.Name) });
    } else if (mount.Type === 'tmpfs') {
      facts.push({ ...base, type: 'tmpfs', source: '', anonymous: false });
    }
  }
  for (const [destination, options] of Object.entries(inspect.HostConfig?.Tmpfs ?? {})) {
    if (facts.some((fact) => fact.type === 'tmpfs' && fact.destination === destination)) continue;
    facts.push({
      container,
      image,
      type: 'tmpfs',
      source: '',
      destination,
      readOnly: /(^|,)ro(,|$)/.test(options),
      anonymous: false,
      ...(options ? { options } : {}),
      field: 'HostConfig.Tmpfs',
    });
  }
  return facts;
}

// Options of the local driver that put the data on another machine (mount(8) types).
const NETWORK_TYPES = /^(nfs4?|cifs|smb3?|ceph|glusterfs|9p|sshfs|fuse\.sshfs)$/i;

/** Why a volume's data is not on this host's disk, or undefined when it is a plain local volume. */
export function networkVolume(volume: VolumeSummary): string | undefined {
  if (volume.driver && volume.driver !== 'local') return `volume plugin "${volume.driver}"`;
  const type = volume.options['type'] ?? '';
  if (NETWORK_TYPES.test(type)) return `${type.toLowerCase()} (local driver, type=${type})`;
  if (/(^|,)addr=/.test(volume.options['o'] ?? '')) return `a remote mount (o=${volume.options['o']})`;
  return undefined;
}
