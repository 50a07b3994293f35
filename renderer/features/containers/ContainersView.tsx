import { useDeferredValue, useMemo, useState } from 'react';
import { useCore } from '../../api/CoreContext';
import { Banner } from '../../components/Banner';
import { useConnections, useConnectionsStore } from '../connections/useConnections';
import { ContainersTable } from './ContainersTable';
import { Loading, NoContainers, NoEngine, NoMatch, NotConnected, ReadFailed } from './ContainersStates';
import { engineProblems } from './engine-problems';
import { filterItems } from './filter';
import { FilterBox } from './FilterBox';
import { nextSort, sortItems, type SortState } from './sort';
import { UnavailableBanner } from './UnavailableBanner';
import { useContainers, useContainersStore } from './useContainers';
import './containers.css';

/** The containers of every connected engine in one live table, with what to do when there are none. */
export function ContainersView({ onAddConnection }: { onAddConnection: () => void }) {
  const { snapshot: core } = useCore();
  const containers = useContainers();
  const containersStore = useContainersStore();
  const { connections, loaded: connectionsLoaded } = useConnections();
  const connectionsStore = useConnectionsStore();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState>({ column: 'name', direction: 'asc' });
  const deferredQuery = useDeferredValue(query);

  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections]);
  const sorted = useMemo(() => sortItems(containers.items, sort, names), [containers.items, sort, names]);
  const shown = useMemo(() => filterItems(sorted, deferredQuery, names), [sorted, deferredQuery, names]);
  const problems = useMemo(
    () => engineProblems(connections, containers.failures),
    [connections, containers.failures],
  );
  const connected = connections.filter((c) => c.status.state === 'connected');

  const retry = async (connectionId: string): Promise<boolean> => {
    const connection = await connectionsStore.retry(connectionId);
    containersStore.refresh(connectionId);
    return connection.status.state === 'connected';
  };

  let content;
  if (!containers.loaded && !core.client && core.phase !== 'connecting') {
    content = <NotConnected />;
  } else if (!containers.loaded) {
    content = <Loading what={core.client ? 'Reading containers…' : 'Connecting to the Bosun core…'} />;
  } else if (containers.error && containers.items.length === 0) {
    content = <ReadFailed message={containers.error.message} onRetry={() => containersStore.reload()} />;
  } else if (containers.items.length === 0 && connectionsLoaded && connected.length === 0) {
    content = <NoEngine known={connections.length} onAdd={onAddConnection} />;
  } else if (containers.items.length === 0) {
    content = connectionsLoaded ? (
      <NoContainers connected={connected} />
    ) : (
      <Loading what="Reading engines…" />
    );
  } else if (shown.length === 0) {
    content = <NoMatch query={deferredQuery} onClear={() => setQuery('')} />;
  } else {
    content = (
      <ContainersTable
        items={shown}
        names={names}
        sort={sort}
        onSort={(column) => setSort((s) => nextSort(s, column))}
      />
    );
  }

  return (
    <section className="containers" aria-labelledby="containers-title">
      <header className="containers-toolbar">
        <h1 id="containers-title" className="containers-title">
          Containers
        </h1>
        <FilterBox
          value={query}
          onChange={setQuery}
          shown={shown.length}
          total={containers.loaded ? containers.items.length : undefined}
        />
      </header>
      {containers.error && containers.items.length > 0 ? (
        <div className="containers-banners">
          <Banner
            tone="danger"
            title="The list below may be out of date"
            actions={
              <button type="button" className="button" onClick={() => containersStore.reload()}>
                Try again
              </button>
            }
          >
            Re-reading the containers failed: {containers.error.message}
          </Banner>
        </div>
      ) : null}
      {problems.length > 0 ? (
        <div className="containers-banners">
          {problems.map((problem) => (
            <UnavailableBanner key={problem.connectionId} problem={problem} onRetry={retry} />
          ))}
        </div>
      ) : null}
      <div id="containers-region" className="containers-content">
        {content}
      </div>
    </section>
  );
}
