import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useClient } from '../../api/CoreContext';
import type { Schedule } from '../../api/schedule';
import { useConnections } from '../connections/useConnections';
import {
  ResourceListStore,
  type ListMethod,
  type ResourceListSnapshot,
  type RowOf,
} from './resource-list-store';

export interface ResourceStores {
  readonly images: ResourceListStore<'images.list'>;
  readonly volumes: ResourceListStore<'volumes.list'>;
  readonly networks: ResourceListStore<'networks.list'>;
}

export function createResourceStores(schedule?: Schedule): ResourceStores {
  return {
    images: new ResourceListStore('images.list', 'image', schedule),
    volumes: new ResourceListStore('volumes.list', 'volume', schedule),
    networks: new ResourceListStore('networks.list', 'network', schedule),
  };
}

const Stores = createContext<ResourceStores | undefined>(undefined);

/**
 * The image, volume and network lists live as long as the window (switching sections keeps what was
 * read); each new core client is attached to them, and they follow the engine connections.
 */
export function ResourceStoresProvider({
  children,
  stores: given,
}: {
  children: ReactNode;
  stores?: ResourceStores;
}) {
  const [stores] = useState(() => given ?? createResourceStores());
  const client = useClient();
  const { connections } = useConnections();

  useEffect(() => {
    if (!client) return;
    const all = Object.values(stores);
    for (const store of all) store.attach(client);
    return () => all.forEach((store) => store.detach());
  }, [client, stores]);

  useEffect(() => {
    for (const store of Object.values(stores)) store.syncConnections(connections);
  }, [connections, stores]);

  return <Stores.Provider value={stores}>{children}</Stores.Provider>;
}

export function useResourceStores(): ResourceStores {
  const stores = useContext(Stores);
  if (!stores) throw new Error('useResourceStores() needs a <ResourceStoresProvider> above it.');
  return stores;
}

/** A list's snapshot, read (and followed) while the calling view is on screen. */
export function useResourceList<M extends ListMethod>(
  store: ResourceListStore<M>,
): ResourceListSnapshot<RowOf<M>> {
  useEffect(() => store.activate(), [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
