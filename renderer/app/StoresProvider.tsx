import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from '../api/CoreContext';
import { ConnectionsStore } from '../features/connections/connections-store';
import { ConnectionsStoreContext } from '../features/connections/useConnections';
import { ContainersStore } from '../features/containers/containers-store';
import { ContainersStoreContext } from '../features/containers/useContainers';

export interface Stores {
  readonly connections: ConnectionsStore;
  readonly containers: ContainersStore;
}

export function createStores(): Stores {
  return { connections: new ConnectionsStore(), containers: new ContainersStore() };
}

/**
 * The stores live as long as the page, so what is on screen survives a lost core connection; each new
 * client is attached to them, and they re-read everything from it.
 */
export function StoresProvider({ stores: given, children }: { stores?: Stores; children: ReactNode }) {
  const [stores] = useState(() => given ?? createStores());
  const client = useClient();

  useEffect(() => {
    const { connections, containers } = stores;
    const sync = (): void => containers.syncConnections(connections.getSnapshot().connections);
    sync();
    return connections.subscribe(sync);
  }, [stores]);

  useEffect(() => {
    if (!client) return;
    stores.connections.attach(client);
    stores.containers.attach(client);
    return () => {
      stores.connections.detach();
      stores.containers.detach();
    };
  }, [client, stores]);

  return (
    <ConnectionsStoreContext.Provider value={stores.connections}>
      <ContainersStoreContext.Provider value={stores.containers}>{children}</ContainersStoreContext.Provider>
    </ConnectionsStoreContext.Provider>
  );
}
