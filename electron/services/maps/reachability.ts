import type { NetworkMap, ReachContainer, ReachPair } from '../../shared/contract';
import { allowsIcc, isSegment, type NetContainer } from './network-facts';

const NOTES = {
  host: "It uses the host's own network stack: it reaches every port published on the host and whatever the host reaches, and nothing isolates it; the matrix cannot list that.",
  none: 'It has no network: it reaches nothing and nothing reaches it over the network.',
};

function findTarget(all: readonly NetContainer[], ref: string): NetContainer | undefined {
  return all.find(
    (c) => c.container.id === ref || c.container.id.startsWith(ref) || c.container.name === ref,
  );
}

/**
 * Who can open connections to whom: two containers reach each other when they share a network that lets
 * its members talk (ICC not off; host and none are not shared segments). A container that joins another's
 * namespace (`--network container:X`) reaches what X reaches, and X itself over localhost. Reachability is
 * never chained: A and C that only share B reach each other only by going through B.
 */
export function reachability(all: readonly NetContainer[]): NetworkMap['reachability'] {
  const containers: ReachContainer[] = all.map((c) => {
    const target = c.sharesWith ? findTarget(all, c.sharesWith) : undefined;
    return {
      ...c.container,
      mode: c.mode,
      ...(c.sharesWith ? { sharesWith: target?.container.name ?? c.sharesWith } : {}),
      ...(c.mode === 'host' || c.mode === 'none'
        ? { note: NOTES[c.mode] }
        : c.mode === 'container'
          ? {
              note: target
                ? `It shares ${target.container.name}'s network namespace: same addresses, same reach, and the two talk over localhost.`
                : `It shares the network namespace of ${c.sharesWith}, which is not on this engine's list.`,
            }
          : {}),
    };
  });
  // Whose memberships count for each container: its own, or the one whose namespace it joins.
  const effective = new Map(
    all.map((c) => [c.container.id, c.mode === 'container' ? findTarget(all, c.sharesWith ?? '') : c]),
  );
  const pairs = new Map<string, ReachPair>();
  const add = (a: string, b: string, via: string, live: boolean): void => {
    if (a === b) return;
    const [from, to] = a < b ? [a, b] : [b, a];
    const key = `${from} ${to}`;
    const pair = pairs.get(key);
    if (!pair) pairs.set(key, { from, to, via: [via], live });
    else pairs.set(key, { ...pair, via: [...new Set([...pair.via, via])], live: pair.live || live });
  };
  const ids = all.map((c) => c.container.id);
  for (let i = 0; i < ids.length; i++) {
    const a = effective.get(ids[i]!);
    for (let j = i + 1; j < ids.length; j++) {
      const b = effective.get(ids[j]!);
      if (!a || !b) continue;
      if (a === b) {
        add(ids[i]!, ids[j]!, `shared namespace of ${a.container.name}`, a.container.state === 'running');
        continue;
      }
      if (a.mode !== 'networks' || b.mode !== 'networks') continue;
      for (const ma of a.memberships) {
        if (!isSegment(ma.network) || !allowsIcc(ma.network)) continue;
        const mb = b.memberships.find((m) => m.network.id === ma.network.id);
        if (mb) add(ids[i]!, ids[j]!, ma.network.name, ma.attached && mb.attached);
      }
    }
  }
  return { containers, pairs: [...pairs.values()] };
}
