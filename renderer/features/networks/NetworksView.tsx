import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { NetworkRow } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { PruneDialog } from '../resources/PruneDialog';
import { FailureBanners, ListState, ResourceToolbar } from '../resources/ResourceLayout';
import { useResourceList, useResourceStores } from '../resources/ResourceStores';
import { useEngines } from '../resources/useEngines';
import { NetworkRemoveDialog } from './NetworkRemoveDialog';
import { filterNetworks, networkFlags } from './network-text';

const key = (row: NetworkRow): string => `${row.connectionId}/${row.id}`;

function Containers({ row }: { row: NetworkRow }) {
  if (row.containers.length === 0) return <span className="res-muted">none</span>;
  return (
    <div className="res-names">
      {row.containers.map((c) => (
        <span key={c.id} data-testid="network-container" data-name={c.name}>
          {c.name}{' '}
          <span className="mono res-muted">
            {c.attached ? (c.ipv4 ?? c.ipv6 ?? '') : `(${c.state}, not attached)`}
          </span>
        </span>
      ))}
    </div>
  );
}

/** The networks of every connected engine: driver, subnets, flags, containers with addresses; remove, prune. */
export function NetworksView() {
  const client = useClient();
  const store = useResourceStores().networks;
  const list = useResourceList(store);
  const { names, connected } = useEngines();
  const [query, setQuery] = useState('');
  const [removing, setRemoving] = useState<NetworkRow | undefined>();
  const [pruning, setPruning] = useState(false);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => filterNetworks(list.rows, deferred), [list.rows, deferred]);
  const manyEngines = names.size > 1;

  const prune = useCallback(
    (connectionId: string, dryRun: boolean, _all: boolean, signal: AbortSignal) => {
      if (!client) return Promise.reject(new Error('Not connected to the Bosun core.'));
      return client.call('networks.prune', { connectionId, dryRun }, { signal, timeoutMs: 320_000 });
    },
    [client],
  );

  const state = ListState({
    loaded: list.loaded,
    error: list.error,
    total: list.rows.length,
    shown: shown.length,
    what: 'networks',
    onReload: () => store.reload(),
    onClear: () => setQuery(''),
  });

  return (
    <section className="res-view" aria-label="Networks" data-testid="networks-view">
      <ResourceToolbar
        title="Networks"
        noun="network"
        query={query}
        onQuery={setQuery}
        shown={shown.length}
        total={list.loaded ? list.rows.length : undefined}
        reading={list.reading}
        onRefresh={() => store.reload()}
        actions={
          <button
            type="button"
            className="button"
            onClick={() => setPruning(true)}
            disabled={connected.length === 0}
          >
            Prune…
          </button>
        }
      />
      <FailureBanners
        failures={list.failures}
        names={names}
        what="networks"
        onRetry={(id) => store.refresh(id)}
      />
      <div className="res-content">
        {state ?? (
          <table className="res-table" data-testid="networks-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Driver</th>
                <th>Subnet</th>
                <th>Gateway</th>
                <th>Containers</th>
                {manyEngines ? <th>Engine</th> : null}
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={key(row)} data-testid="network-row" data-name={row.name}>
                  <td>
                    <span className="mono">{row.name}</span>
                    {networkFlags(row).map((flag) => (
                      <span key={flag} className="res-tag">
                        {flag}
                      </span>
                    ))}
                    <div className="mono res-muted">{row.id.slice(0, 12)}</div>
                  </td>
                  <td>
                    {row.driver} <span className="res-muted">({row.scope})</span>
                  </td>
                  <td className="mono" data-testid="network-subnet">
                    {row.subnets.map((s) => s.subnet).join(', ') || '—'}
                  </td>
                  <td className="mono">
                    {row.subnets
                      .map((s) => s.gateway ?? '')
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </td>
                  <td>
                    <Containers row={row} />
                  </td>
                  {manyEngines ? <td>{names.get(row.connectionId) ?? row.connectionId}</td> : null}
                  <td>
                    <div className="res-row-actions">
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={`Remove ${row.name}`}
                        onClick={() => setRemoving(row)}
                        title={
                          row.builtIn
                            ? 'The engine needs its own networks and never removes them.'
                            : undefined
                        }
                      >
                        Remove…
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {removing ? (
        <NetworkRemoveDialog
          row={removing}
          onDone={() => store.refresh(removing.connectionId)}
          onClose={() => setRemoving(undefined)}
        />
      ) : null}
      {pruning ? (
        <PruneDialog
          what="networks"
          engines={connected}
          prune={prune}
          onDone={(id) => store.refresh(id)}
          onClose={() => setPruning(false)}
        />
      ) : null}
    </section>
  );
}
