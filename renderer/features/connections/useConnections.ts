import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionsSnapshot, ConnectionsStore } from './connections-store';

export const ConnectionsStoreContext = createContext<ConnectionsStore | undefined>(undefined);

export function useConnectionsStore(): ConnectionsStore {
  const store = useContext(ConnectionsStoreContext);
  if (!store) throw new Error('useConnections() needs a ConnectionsStoreContext provider above it.');
  return store;
}

/** The engine connections with their live status. */
export function useConnections(): ConnectionsSnapshot {
  const store = useConnectionsStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
