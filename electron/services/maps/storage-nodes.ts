import type { MountFact } from './storage-facts';

/** The node a mount points at: one per host path and per volume (shared), one per tmpfs (its own). */
export function storageNodeId(fact: MountFact): string {
  if (fact.type === 'bind') return `hostPath:${fact.source}`;
  if (fact.type === 'volume') return `volume:${fact.source}`;
  return `tmpfs:${fact.container.id}:${fact.destination}`;
}
