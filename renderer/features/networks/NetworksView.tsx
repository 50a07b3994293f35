import type { NetworkRow } from '../../../electron/shared/contract';
import { useResourceStores } from '../resources/ResourceStores';
import type { Column } from '../resources/ResourceTable';
import { ResourceView, type PruneCall } from '../resources/ResourceView';
import { NetworkRemoveDialog } from './NetworkRemoveDialog';
import { filterNetworks, networkFlags } from './network-text';

const key = (row: NetworkRow): string => `${row.connectionId}/${row.id}`;

const HEADERS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Driver' },
  { label: 'Subnet' },
  { label: 'Gateway' },
  { label: 'Containers' },
];

// A network prune has no "all" switch. Past the core's own 300 s limit, so its answer comes first.
const pruneNetworks: PruneCall = (client, { connectionId, dryRun }, signal) =>
  client.call('networks.prune', { connectionId, dryRun }, { signal, timeoutMs: 320_000 });

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
  const store = useResourceStores().networks;
  return (
    <ResourceView
      store={store}
      title="Networks"
      noun="network"
      filter={filterNetworks}
      headers={HEADERS}
      rowKey={key}
      rowLabel={(row) => row.name}
      cells={(row) => (
        <>
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
        </>
      )}
      removeTitle={(row) =>
        row.builtIn ? 'The engine needs its own networks and never removes them.' : undefined
      }
      removeDialog={(row, hooks) => <NetworkRemoveDialog row={row} {...hooks} />}
      prune={pruneNetworks}
    />
  );
}
