import type { MapEdge, MapNode, StorageMap } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import { containerNode, mapContainer } from './docker-inspect';
import { mountsOf, networkVolume, type MountFact, type StorageFacts } from './storage-facts';
import { storageFlags } from './storage-flags';
import { storageNodeId } from './storage-nodes';

function targetNode(fact: MountFact, facts: StorageFacts): MapNode {
  const id = storageNodeId(fact);
  if (fact.type === 'bind') return { id, kind: 'hostPath', label: fact.source, facts: [] };
  if (fact.type === 'tmpfs') {
    return {
      id,
      kind: 'tmpfs',
      label: `tmpfs ${fact.destination}`,
      facts: [
        { name: 'in memory', value: 'gone when the container stops' },
        ...(fact.options ? [{ name: 'options', value: fact.options }] : []),
      ],
    };
  }
  const volume = facts.volumes.get(fact.source);
  const size = facts.volumeSizes.get(fact.source);
  const remote = volume && networkVolume(volume);
  return {
    id,
    kind: 'volume',
    label: fact.anonymous ? `${fact.source.slice(0, 12)}… (anonymous)` : fact.source,
    ...(size !== undefined ? { sizeBytes: size } : {}),
    facts: [
      { name: 'driver', value: volume?.driver || 'local' },
      ...Object.entries(volume?.options ?? {}).map(([name, value]) => ({ name: `option ${name}`, value })),
      ...(fact.anonymous ? [{ name: 'anonymous', value: 'removed with its container by rm -v' }] : []),
      ...(remote ? [{ name: 'network', value: remote }] : []),
    ],
  };
}

function containerNodeOf(facts: StorageFacts, inspect: StorageFacts['inspects'][number]): MapNode {
  const container = mapContainer(inspect);
  const writable = facts.writableSizes?.get(container.id);
  return {
    id: containerNode(container.id),
    kind: 'container',
    label: container.name,
    container,
    ...(writable !== undefined ? { sizeBytes: writable } : {}),
    facts: [
      { name: 'image', value: inspect.Config?.Image ?? '' },
      { name: 'state', value: container.state },
      ...(container.project ? [{ name: 'project', value: container.project }] : []),
      ...(writable !== undefined ? [{ name: 'writable layer', value: formatSize(writable) }] : []),
    ],
  };
}

/**
 * The storage map of one engine: every container, what it mounts (host paths and volumes shared between
 * containers are one node each), and the flags. Containers that mount nothing are still drawn: their
 * writable layer is their only storage, which is worth seeing too.
 */
export function buildStorageMap(facts: StorageFacts, notes: readonly string[] = []): StorageMap {
  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  const mounts: MountFact[] = [];
  for (const inspect of facts.inspects) {
    const node = containerNodeOf(facts, inspect);
    nodes.set(node.id, node);
    for (const fact of mountsOf(inspect)) {
      mounts.push(fact);
      const target = targetNode(fact, facts);
      if (!nodes.has(target.id)) nodes.set(target.id, target);
      edges.push({
        id: `${node.id}>${target.id}>${fact.destination}`,
        from: node.id,
        to: target.id,
        kind: fact.type,
        label: fact.destination,
        readOnly: fact.readOnly,
      });
    }
  }
  return {
    connectionId: facts.connectionId,
    nodes: [...nodes.values()],
    edges,
    flags: storageFlags(mounts, facts),
    notes: [...notes],
  };
}
