import { useMemo } from 'react';
import { useConnections } from '../connections/useConnections';

/** Engine names by connection id, and the connected engines (what a prune can go to). */
export function useEngines(): {
  names: ReadonlyMap<string, string>;
  connected: readonly { id: string; name: string }[];
} {
  const { connections } = useConnections();
  return useMemo(
    () => ({
      names: new Map(connections.map((c) => [c.id, c.name])),
      connected: connections
        .filter((c) => c.status.state === 'connected')
        .map((c) => ({ id: c.id, name: c.name })),
    }),
    [connections],
  );
}
