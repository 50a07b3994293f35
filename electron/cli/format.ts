import type { Connection, ContainerRow } from '../shared/contract';
import { shownImage } from '../shared/format/cell-text';
import { formatPorts } from '../shared/format/ports';
import { renderTable } from './table';

export function formatContainers(rows: readonly ContainerRow[]): string {
  return renderTable(
    ['CONTAINER ID', 'IMAGE', 'STATUS', 'PORTS', 'NAMES', 'HOST'],
    rows.map((row) => [
      row.id.slice(0, 12),
      shownImage(row.image),
      row.status,
      formatPorts(row.ports).join(', '),
      row.name,
      row.connectionId,
    ]),
  );
}

export function formatConnections(connections: readonly Connection[]): string {
  return renderTable(
    ['ID', 'NAME', 'ENDPOINT', 'STATE', 'DETAIL'],
    connections.map((c) => [
      c.current ? `${c.id} *` : c.id,
      c.name,
      c.endpoint,
      c.status.state,
      c.status.state === 'connected' && c.status.engine
        ? `Docker ${c.status.engine.version} (API ${c.status.engine.apiVersion})`
        : [c.status.reason, c.status.hint].filter(Boolean).join(' '),
    ]),
  );
}
