import type { AnonymousVolume, KeptMount, RemovalImpact } from '../../shared/contract';
import { containerState } from './container-row';

/** The parts of `GET /containers/{id}/json` that say what a removal loses. */
export interface RawInspect {
  Id?: string;
  Name?: string;
  State?: { Status?: string; Running?: boolean };
  HostConfig?: {
    Binds?: string[] | null;
    Mounts?: Array<{ Type?: string; Source?: string; Target?: string }> | null;
  } | null;
  Mounts?: Array<{ Type?: string; Name?: string; Source?: string; Destination?: string }> | null;
}

/** One volume mount the engine would remove with `-v`: its name and where the container mounts it. */
export interface AnonymousMount {
  readonly name: string;
  readonly destination: string;
}

// The engine names a volume nobody named with a random 64-hex id (stringid.GenerateRandomID).
const RANDOM_NAME = /^[a-f0-9]{64}$/;

/**
 * Destinations the container itself mounts a volume on *by name* (`-v name:/dst`, `--mount
 * source=name`). The engine's `rm -v` skips exactly these (a mount point whose spec has a source).
 */
function namedDestinations(inspect: RawInspect): Set<string> {
  const named = new Set<string>();
  for (const bind of inspect.HostConfig?.Binds ?? []) {
    const [source, destination] = bind.split(':');
    // "/host/path:/dst" is a bind mount; "name:/dst" a named volume; "/dst" alone an anonymous one.
    if (source && destination && !source.startsWith('/')) named.add(destination);
  }
  for (const mount of inspect.HostConfig?.Mounts ?? []) {
    if (mount.Type === 'volume' && mount.Source && mount.Target) named.add(mount.Target);
  }
  return named;
}

/**
 * Splits a container's mounts into the anonymous volumes a removal with `-v` deletes and the mounts whose
 * data stays (named volumes, binds). A volume counts as anonymous when the container did not name it and
 * the engine made up its name; one inherited through `--volumes-from` keeps the nature it had at its source.
 */
export function classifyMounts(inspect: RawInspect): { anonymous: AnonymousMount[]; kept: KeptMount[] } {
  const named = namedDestinations(inspect);
  const anonymous: AnonymousMount[] = [];
  const kept: KeptMount[] = [];
  for (const mount of inspect.Mounts ?? []) {
    const destination = mount.Destination ?? '';
    if (mount.Type === 'bind') {
      kept.push({ type: 'bind', source: mount.Source ?? '', destination });
    } else if (mount.Type === 'volume' && mount.Name) {
      if (!named.has(destination) && RANDOM_NAME.test(mount.Name))
        anonymous.push({ name: mount.Name, destination });
      else kept.push({ type: 'volume', source: mount.Name, destination });
    }
  }
  return { anonymous, kept };
}

/** What the engine said about the containers and volumes around a removal, gathered by the adapter. */
export interface ImpactFacts {
  /** Writable-layer bytes by full container id, from the list's `size=1` answer (absent SizeRw is 0). */
  readonly sizes: ReadonlyMap<string, number>;
  /** Volume name → bytes, when the engine reports them. */
  readonly volumeSizes: ReadonlyMap<string, number>;
  /** Volume name → names of every container that mounts it. */
  readonly users: ReadonlyMap<string, readonly { id: string; name: string }[]>;
  /** Full ids of the containers being removed together. */
  readonly removing: ReadonlySet<string>;
}

function anonymousVolume(mount: AnonymousMount, self: string, facts: ImpactFacts): AnonymousVolume {
  const size = facts.volumeSizes.get(mount.name);
  const sharedWith = (facts.users.get(mount.name) ?? [])
    .filter((user) => user.id !== self && !facts.removing.has(user.id))
    .map((user) => user.name);
  return {
    name: mount.name,
    destination: mount.destination,
    ...(size !== undefined && size >= 0 ? { sizeBytes: size } : {}),
    sharedWith,
  };
}

/** One container's impact from its inspect answer and the facts around it. */
export function impactOf(inspect: RawInspect, facts: ImpactFacts): RemovalImpact {
  const id = inspect.Id ?? '';
  const { anonymous, kept } = classifyMounts(inspect);
  const writable = facts.sizes.get(id);
  return {
    id,
    name: (inspect.Name ?? '').replace(/^\//, ''),
    state: containerState(inspect.State?.Status, ''),
    running: inspect.State?.Running === true,
    ...(writable !== undefined ? { writableBytes: writable } : {}),
    anonymousVolumes: anonymous.map((mount) => anonymousVolume(mount, id, facts)),
    kept,
  };
}

/** Engines from API 1.42 can size volumes alone (`/system/df?type=volume`); older ones only measure everything. */
export function sizesVolumesAlone(apiVersion: string): boolean {
  const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 42);
}
