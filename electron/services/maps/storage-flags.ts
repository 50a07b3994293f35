import type { MapContainer, MapFlag } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import { mapContainer } from './docker-inspect';
import { sortFlags } from './flag-order';
import { hostPathRisk, isWithin, looksLikeDatabase } from './host-paths';
import { networkVolume, singleFileKey, type MountFact, type StorageFacts } from './storage-facts';
import { storageNodeId } from './storage-nodes';

// Below this a writable layer holds pid files, caches and the like; above it, likely data.
const WRITABLE_WORTH_FLAGGING = 1024 * 1024;

const evidence = (fact: MountFact, field: string, value: string): MapFlag['evidence'][number] => ({
  container: fact.container.name,
  field,
  value,
});

function uniqueContainers(facts: readonly MountFact[]): MapContainer[] {
  const seen = new Map<string, MapContainer>();
  for (const fact of facts) seen.set(fact.container.id, fact.container);
  return [...seen.values()];
}

function mountEvidence(fact: MountFact): MapFlag['evidence'] {
  return [
    evidence(fact, `${fact.field}.Source`, fact.source),
    evidence(fact, `${fact.field}.Destination`, fact.destination),
    evidence(fact, `${fact.field}.RW`, String(!fact.readOnly)),
  ];
}

/** The engine socket and sensitive host paths, one flag per mount. */
function hostPathFlags(binds: readonly MountFact[]): MapFlag[] {
  const flags: MapFlag[] = [];
  for (const fact of binds) {
    const risk = hostPathRisk(fact.source);
    if (!risk) continue;
    const base = {
      id: `${risk.kind}:${fact.container.id}:${fact.destination}`,
      evidence: mountEvidence(fact),
      containers: [fact.container],
      nodes: [`container:${fact.container.id}`, storageNodeId(fact)],
    };
    if (risk.kind === 'engine-socket') {
      flags.push({
        ...base,
        kind: 'engine-socket',
        severity: 'critical',
        title: `${fact.container.name} mounts the ${risk.runtime} socket (${fact.source})`,
        why: `Whoever controls ${fact.container.name} can drive the engine, start a privileged container and so become root on the host${fact.readOnly ? '; a read-only mount does not stop that, the socket still accepts requests' : ''}.`,
      });
    } else {
      const severe = risk.under === '/' || !fact.readOnly;
      flags.push({
        ...base,
        kind: 'sensitive-path',
        severity: severe ? 'critical' : 'high',
        title: `${fact.container.name} mounts ${fact.source} from the host${fact.readOnly ? ' read-only' : ' read-write'}`,
        why:
          risk.under === '.ssh'
            ? 'SSH keys and authorized_keys let whoever reads or writes them log in elsewhere or into this host.'
            : fact.readOnly
              ? `${risk.under} holds host configuration, credentials or system state: the container can read it, and a breach of the container leaks it.`
              : `${risk.under} holds host configuration or system state: the container can change the host itself, which is a direct way out of the container.`,
      });
    }
  }
  return flags;
}

/** Host paths written by two or more containers: the same path, or one inside the other. */
function sharedWriteFlags(binds: readonly MountFact[]): MapFlag[] {
  const writable = binds.filter((fact) => !fact.readOnly);
  // Union-find over writable binds: two join when their paths are equal or nested.
  const parent = writable.map((_, index) => index);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let a = 0; a < writable.length; a++)
    for (let b = a + 1; b < writable.length; b++) {
      const [x, y] = [writable[a]!, writable[b]!];
      if (x.container.id === y.container.id) continue;
      if (isWithin(x.source, y.source) || isWithin(y.source, x.source)) parent[root(a)] = root(b);
    }
  const groups = new Map<number, MountFact[]>();
  writable.forEach((fact, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), fact]));
  const flags: MapFlag[] = [];
  for (const group of groups.values()) {
    const containers = uniqueContainers(group);
    if (containers.length < 2) continue;
    const paths = [...new Set(group.map((fact) => fact.source))].sort();
    const database = group.some((fact) => looksLikeDatabase(fact.image, fact.container.name));
    const names = containers.map((c) => c.name).join(', ');
    flags.push({
      id: `shared-write-path:${paths[0]}`,
      kind: 'shared-write-path',
      severity: database ? 'high' : 'medium',
      title: `${paths.join(' and ')} ${paths.length > 1 ? 'are' : 'is'} written by ${names}`,
      why: `Two writers on one directory overwrite each other's files and can corrupt what either keeps there${database ? ', and a database whose files another process also writes loses data' : ''}; give each its own directory, or make all but one read-only.`,
      evidence: group.flatMap((fact) => [
        evidence(fact, `${fact.field}.Source`, fact.source),
        evidence(fact, `${fact.field}.RW`, 'true'),
      ]),
      containers,
      nodes: [...containers.map((c) => `container:${c.id}`), ...paths.map((path) => `hostPath:${path}`)],
    });
  }
  return flags;
}

/** NFS, CIFS and plugin volumes, one flag per volume with every container that mounts it. */
function networkVolumeFlags(volumes: readonly MountFact[], facts: StorageFacts): MapFlag[] {
  const flags: MapFlag[] = [];
  const byName = new Map<string, MountFact[]>();
  for (const fact of volumes) byName.set(fact.source, [...(byName.get(fact.source) ?? []), fact]);
  for (const [name, users] of byName) {
    const volume = facts.volumes.get(name);
    const remote = volume && networkVolume(volume);
    if (!volume || !remote) continue;
    const database = users.some((fact) => looksLikeDatabase(fact.image, fact.container.name));
    flags.push({
      id: `network-volume:${name}`,
      kind: 'network-volume',
      severity: database ? 'high' : 'medium',
      title: `Volume ${name} is on the network: ${remote}`,
      why: `Its data lives on another machine: a slow or lost server stalls every read and write (processes hang in uninterruptible I/O), and file locking and fsync may not mean what the program expects${database ? ', which databases depend on' : ''}.`,
      evidence: [
        { field: 'Volume.Driver', value: volume.driver },
        ...Object.entries(volume.options).map(([key, value]) => ({ field: `Volume.Options.${key}`, value })),
      ],
      containers: uniqueContainers(users),
      nodes: [`volume:${name}`, ...uniqueContainers(users).map((c) => `container:${c.id}`)],
    });
  }
  return flags;
}

/** What `docker rm` (with -v) would lose: the writable layer and the anonymous volumes. */
function removalFlags(mounts: readonly MountFact[], facts: StorageFacts): MapFlag[] {
  const flags: MapFlag[] = [];
  for (const inspect of facts.inspects) {
    const id = inspect.Id ?? '';
    const anonymous = mounts.filter((fact) => fact.container.id === id && fact.anonymous);
    const writable = facts.writableSizes?.get(id);
    const bigLayer = writable !== undefined && writable >= WRITABLE_WORTH_FLAGGING;
    if (anonymous.length === 0 && !bigLayer) continue;
    const container = mapContainer(inspect);
    const parts: string[] = [];
    if (bigLayer) parts.push(`its writable layer (${formatSize(writable)})`);
    for (const fact of anonymous) {
      const size = facts.volumeSizes.get(fact.source);
      parts.push(
        `anonymous volume ${fact.source.slice(0, 12)} at ${fact.destination}${size !== undefined ? ` (${formatSize(size)})` : ''}`,
      );
    }
    flags.push({
      id: `data-lost-on-remove:${id}`,
      kind: 'data-lost-on-remove',
      severity: 'low',
      title: `Removing ${container.name} loses ${parts.join(', ')}`,
      why: 'Data kept outside named volumes and bind mounts goes with the container: a recreate (a compose up with a new image) starts empty; move it to a named volume to keep it.',
      evidence: [
        ...(writable !== undefined
          ? [{ container: container.name, field: 'SizeRw', value: String(writable) }]
          : []),
        ...anonymous.map((fact) => evidence(fact, 'Mounts[].Name', fact.source)),
      ],
      containers: [container],
      nodes: [`container:${id}`, ...anonymous.map((fact) => `volume:${fact.source}`)],
    });
  }
  return flags;
}

function singleFileFlags(binds: readonly MountFact[], facts: StorageFacts): MapFlag[] {
  return binds
    .filter((fact) => facts.singleFiles.has(singleFileKey(fact.container.id, fact.destination)))
    .map((fact) => ({
      id: `single-file-bind:${fact.container.id}:${fact.destination}`,
      kind: 'single-file-bind' as const,
      severity: 'low' as const,
      title: `${fact.container.name} bind-mounts the single file ${fact.source}`,
      why: 'A bind mount pins the file itself: editors and tools that save by writing a new file and renaming it over the old one leave the container on the old copy until it restarts; mount the directory instead.',
      evidence: mountEvidence(fact),
      containers: [fact.container],
      nodes: [`container:${fact.container.id}`, storageNodeId(fact)],
    }));
}

/** Every storage flag of the map, most severe first. */
export function storageFlags(mounts: readonly MountFact[], facts: StorageFacts): MapFlag[] {
  const binds = mounts.filter((fact) => fact.type === 'bind');
  const volumes = mounts.filter((fact) => fact.type === 'volume');
  return sortFlags([
    ...hostPathFlags(binds),
    ...sharedWriteFlags(binds),
    ...networkVolumeFlags(volumes, facts),
    ...removalFlags(mounts, facts),
    ...singleFileFlags(binds, facts),
  ]);
}
