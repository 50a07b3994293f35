import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { BosunClient } from './client';
import type { CoreConnection, CoreSnapshot } from './core-connection';

interface CoreContextValue {
  readonly snapshot: CoreSnapshot;
  readonly retryNow: () => void;
}

const CoreContext = createContext<CoreContextValue | undefined>(undefined);

/** Gives the tree the live client (undefined while disconnected) and the state of the core link. */
export function CoreProvider({ connection, children }: { connection: CoreConnection; children: ReactNode }) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  useEffect(() => connection.start(), [connection]);
  const value: CoreContextValue = { snapshot, retryNow: () => connection.retryNow() };
  return <CoreContext.Provider value={value}>{children}</CoreContext.Provider>;
}

export function useCore(): CoreContextValue {
  const value = useContext(CoreContext);
  if (!value) throw new Error('useCore() needs a <CoreProvider> above it.');
  return value;
}

/** The client while the core is connected; undefined in between (a reconnect brings a new one). */
export function useClient(): BosunClient | undefined {
  return useCore().snapshot.client;
}
