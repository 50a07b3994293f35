import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import type { KeyStats, StatsStore } from './stats-store';

export const StatsStoreContext = createContext<StatsStore | undefined>(undefined);
StatsStoreContext.displayName = 'StatsStoreContext';

export function useStatsStore(): StatsStore {
  const store = useContext(StatsStoreContext);
  if (!store) throw new Error('useStatsStore() needs a StatsStoreContext provider above it.');
  return store;
}

/** One container's stats; re-renders only when that container's stats change. */
export function useContainerStats(key: string): KeyStats {
  const store = useStatsStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeKey(key, listener), [store, key]);
  const get = useCallback(() => store.getKey(key), [store, key]);
  return useSyncExternalStore(subscribe, get);
}

/**
 * Says which containers this part of the screen shows (`source` names the part), for as long as it
 * is mounted; `capacity` is how many points it needs of each.
 */
export function useStatsInterest(source: string, keys: readonly string[], capacity: number): void {
  const store = useStatsStore();
  // Rows re-render with new arrays of the same keys; only a real change reaches the store.
  const signature = keys.join('\n');
  useEffect(() => {
    store.setInterest(source, signature ? signature.split('\n') : [], capacity);
  }, [store, source, signature, capacity]);
  useEffect(() => () => store.setInterest(source, [], capacity), [store, source, capacity]);
}
