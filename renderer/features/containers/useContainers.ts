import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ContainersSnapshot, ContainersStore } from './containers-store';

export const ContainersStoreContext = createContext<ContainersStore | undefined>(undefined);

export function useContainersStore(): ContainersStore {
  const store = useContext(ContainersStoreContext);
  if (!store) throw new Error('useContainers() needs a ContainersStoreContext provider above it.');
  return store;
}

/** The containers of every connected engine, live. */
export function useContainers(): ContainersSnapshot {
  const store = useContainersStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
