import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useCore } from '../../api/CoreContext';
import { Banner } from '../../components/Banner';
import { useConnections, useConnectionsStore } from '../connections/useConnections';
import { BulkStatus } from './BulkStatus';
import { BulkStore } from './bulk-store';
import { ContainersTable } from './ContainersTable';
import { Loading, NoContainers, NoEngine, NoMatch, NotConnected, ReadFailed } from './ContainersStates';
import { engineProblems, reconnectingIds } from './engine-problems';
import { filterItems } from './filter';
import { FilterBox } from './FilterBox';
import { groupRows } from './group-rows';
import { LifecycleDialogs } from './LifecycleDialogs';
import { SelectionBar } from './SelectionBar';
import { SelectionStore } from './selection-store';
import { nextSort, sortItems, type SortState } from './sort';
import { StatusChips } from './StatusChips';
import { countByStatus, filterByStatus, STATUS_FILTERS, type StatusFilter } from './status-filter';
import { UnavailableBanner } from './UnavailableBanner';
import { useContainers, useContainersStore } from './useContainers';
import { BulkStoreContext, SelectionStoreContext } from './useLifecycle';
import './containers.css';
import './lifecycle.css';

/** The containers of every connected engine in one live table, with what to do when there are none. */
export function ContainersView({ onAddConnection }: { onAddConnection: () => void }) {
  // The selection and the bulk action live with the view: outside React, so a tick re-renders one row.
  const [selection] = useState(() => new SelectionStore());
  const [bulk] = useState(() => new BulkStore());
  return (
    <SelectionStoreContext.Provider value={selection}>
      <BulkStoreContext.Provider value={bulk}>
        <ContainersList onAddConnection={onAddConnection} selection={selection} />
      </BulkStoreContext.Provider>
    </SelectionStoreContext.Provider>
  );
}

function ContainersList({
  onAddConnection,
  selection,
}: {
  onAddConnection: () => void;
  selection: SelectionStore;
}) {
  const { snapshot: core } = useCore();
  const containers = useContainers();
  const containersStore = useContainersStore();
  const { connections, loaded: connectionsLoaded } = useConnections();
  const connectionsStore = useConnectionsStore();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [grouped, setGrouped] = useState(false);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [sort, setSort] = useState<SortState>({ column: 'name', direction: 'asc' });
  const deferredQuery = useDeferredValue(query);

  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections]);
  const sorted = useMemo(() => sortItems(containers.items, sort, names), [containers.items, sort, names]);
  const matching = useMemo(() => filterItems(sorted, deferredQuery, names), [sorted, deferredQuery, names]);
  const counts = useMemo(() => countByStatus(matching), [matching]);
  const shown = useMemo(() => filterByStatus(matching, status), [matching, status]);
  const shownByKey = useMemo(() => new Map(shown.map((item) => [item.key, item])), [shown]);
  const entries = useMemo(
    () => (grouped ? groupRows(shown, containers.items, names, collapsed) : undefined),
    [grouped, shown, containers.items, names, collapsed],
  );
  const problems = useMemo(
    () => engineProblems(connections, containers.failures),
    [connections, containers.failures],
  );
  const stale = useMemo(() => reconnectingIds(connections), [connections]);
  const connected = connections.filter((c) => c.status.state === 'connected');
  // What is ticked stays on screen: rows the filter hides or that are gone drop out of the selection.
  useEffect(() => selection.retain(new Set(shownByKey.keys())), [selection, shownByKey]);

  const retry = async (connectionId: string): Promise<boolean> => {
    const connection = await connectionsStore.retry(connectionId);
    containersStore.refresh(connectionId);
    return connection.status.state === 'connected';
  };
  const toggleGroup = (key: string): void =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const statusLabel = STATUS_FILTERS.find((f) => f.id === status)?.label ?? '';
  const noMatchQuery =
    status === 'all' ? deferredQuery : [deferredQuery.trim(), statusLabel].filter(Boolean).join(' · ');

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
    content = (
      <NoMatch
        query={noMatchQuery}
        onClear={() => {
          setQuery('');
          setStatus('all');
        }}
      />
    );
  } else {
    content = (
      <ContainersTable
        items={shown}
        names={names}
        sort={sort}
        onSort={(column) => setSort((s) => nextSort(s, column))}
        {...(entries ? { entries, onToggleGroup: toggleGroup } : {})}
        stale={stale}
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
          filtered={status !== 'all'}
        />
        <StatusChips value={status} counts={counts} onChange={setStatus} />
        <label className="lc-group-toggle">
          <input
            type="checkbox"
            checked={grouped}
            onChange={(event) => setGrouped(event.target.checked)}
            data-testid="group-by-project"
          />
          Group by project
        </label>
      </header>
      <SelectionBar shown={shownByKey} />
      <BulkStatus />
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
      <LifecycleDialogs />
    </section>
  );
}
