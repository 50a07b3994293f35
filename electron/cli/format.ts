import type { Connection, ContainerPort, ContainerRow } from '../shared/contract';
import { renderTable } from './table';

export function formatPorts(ports: readonly ContainerPort[]): string {
  return ports
    .map((port) =>
      port.publicPort === undefined
        ? `${port.privatePort}/${port.type}`
        : `${port.ip ?? '0.0.0.0'}:${port.publicPort}->${port.privatePort}/${port.type}`,
    )
    .join(', ');
}

/** Like docker ps: an image known only by its digest shows as the short id. */
function shortImage(image: string): string {
  return image.startsWith('sha256:') ? image.slice(7, 19) : image;
}

export function formatContainers(rows: readonly ContainerRow[]): string {
  return renderTable(
    ['CONTAINER ID', 'IMAGE', 'STATUS', 'PORTS', 'NAMES', 'HOST'],
    rows.map((row) => [
      row.id.slice(0, 12),
      shortImage(row.image),
      row.status,
      formatPorts(row.ports),
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
