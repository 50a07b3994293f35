import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from '../api/CoreContext';
import { ConnectionsStore } from '../features/connections/connections-store';
import { ConnectionsStoreContext } from '../features/connections/useConnections';
import { ContainersStore } from '../features/containers/containers-store';
import { ContainersStoreContext } from '../features/containers/useContainers';
import { DetailsStore } from '../features/details/details-store';
import { DetailsStoreContext } from '../features/details/useDetails';
import type { TerminalViewFactory } from '../features/terminal/terminal-view';
import { TerminalsStore } from '../features/terminal/terminals-store';
import { TerminalsStoreContext } from '../features/terminal/useTerminals';
import { lazyViews } from '../features/terminal/lazy-view';
import { StatsStore } from '../features/stats/stats-store';
import { StatsStoreContext } from '../features/stats/useStats';

export interface Stores {
  readonly connections: ConnectionsStore;
  readonly containers: ContainersStore;
  readonly terminals: TerminalsStore;
  readonly details: DetailsStore;
  readonly stats: StatsStore;
}

export interface StoresOptions {
  /** Tests give a fake screen: xterm.js does not render in jsdom. */
  readonly createTerminalView?: TerminalViewFactory;
}

export function createStores(options: StoresOptions = {}): Stores {
  return {
    connections: new ConnectionsStore(),
    containers: new ContainersStore(),
    details: new DetailsStore(),
    stats: new StatsStore(),
    terminals: new TerminalsStore({
      // xterm.js loads with the first terminal, not with the app.
      createView:
        options.createTerminalView ??
        lazyViews(async () => {
          const { XtermView } = await import('../features/terminal/xterm-view');
          return (viewOptions) => new XtermView(viewOptions);
        }),
    }),
  };
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
    stores.terminals.attach(client);
    stores.stats.attach(client);
    return () => {
      stores.connections.detach();
      stores.containers.detach();
      stores.terminals.detach();
      stores.stats.detach();
    };
  }, [client, stores]);

  return (
    <ConnectionsStoreContext.Provider value={stores.connections}>
      <ContainersStoreContext.Provider value={stores.containers}>
        <TerminalsStoreContext.Provider value={stores.terminals}>
          <DetailsStoreContext.Provider value={stores.details}>
            <StatsStoreContext.Provider value={stores.stats}>{children}</StatsStoreContext.Provider>
          </DetailsStoreContext.Provider>
        </TerminalsStoreContext.Provider>
      </ContainersStoreContext.Provider>
    </ConnectionsStoreContext.Provider>
  );
}
