// Server-side printing (meta.k8s.io/v1 Table) for clients that ask for it in Accept, as kubectl get
// does: a few columns per kind, like the real server's printers.
import type { IncomingMessage } from 'node:http';
import type { Json } from './status';
import type { KubeObject } from './store';

type Column = {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject) => unknown;
};

const age = (o: KubeObject): string => {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(o.metadata.creationTimestamp)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
};

const status = (o: KubeObject): Json => (o.status as Json | undefined) ?? {};
const spec = (o: KubeObject): Json => (o.spec as Json | undefined) ?? {};
const name: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const ageColumn: Column = { name: 'Age', type: 'string', cell: age };

function podStatusText(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  for (const c of (status(o).containerStatuses as Json[] | undefined) ?? []) {
    const state = c.state as Json;
    const waiting = state?.waiting as Json | undefined;
    if (waiting?.reason) return String(waiting.reason);
    const terminated = state?.terminated as Json | undefined;
    if (terminated?.reason && status(o).phase === 'Running') return String(terminated.reason);
  }
  return String(status(o).phase ?? 'Unknown');
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => {
        const cs = (status(o).containerStatuses as Json[] | undefined) ?? [];
        return `${cs.filter((c) => c.ready === true).length}/${((spec(o).containers as unknown[]) ?? []).length}`;
      },
    },
    { name: 'Status', type: 'string', cell: podStatusText },
    {
      name: 'Restarts',
      type: 'string',
      cell: (o) =>
        String(
          ((status(o).containerStatuses as Json[] | undefined) ?? []).reduce(
            (n, c) => n + Number(c.restartCount ?? 0),
            0,
          ),
        ),
    },
    ageColumn,
    { name: 'IP', type: 'string', priority: 1, cell: (o) => status(o).podIP ?? '<none>' },
    { name: 'Node', type: 'string', priority: 1, cell: (o) => spec(o).nodeName ?? '<none>' },
  ],
  Deployment: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => `${Number(status(o).readyReplicas ?? 0)}/${Number(spec(o).replicas ?? 0)}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => Number(status(o).updatedReplicas ?? 0) },
    { name: 'Available', type: 'integer', cell: (o) => Number(status(o).availableReplicas ?? 0) },
    ageColumn,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => Number(spec(o).replicas ?? 0) },
    { name: 'Current', type: 'integer', cell: (o) => Number(status(o).replicas ?? 0) },
    { name: 'Ready', type: 'integer', cell: (o) => Number(status(o).readyReplicas ?? 0) },
    ageColumn,
  ],
  Namespace: [name, { name: 'Status', type: 'string', cell: (o) => status(o).phase ?? '' }, ageColumn],
  Node: [
    name,
    { name: 'Status', type: 'string', cell: () => 'Ready' },
    { name: 'Roles', type: 'string', cell: () => 'control-plane' },
    ageColumn,
    {
      name: 'Version',
      type: 'string',
      cell: (o) => (status(o).nodeInfo as Json | undefined)?.kubeletVersion ?? '',
    },
  ],
  Service: [
    name,
    { name: 'Type', type: 'string', cell: (o) => spec(o).type ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', cell: (o) => spec(o).clusterIP ?? '<none>' },
    {
      name: 'Port(s)',
      type: 'string',
      cell: (o) =>
        ((spec(o).ports as Json[] | undefined) ?? [])
          .map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`)
          .join(',') || '<none>',
    },
    ageColumn,
  ],
  Event: [
    {
      name: 'Last Seen',
      type: 'string',
      cell: (o) =>
        age({
          ...o,
          metadata: {
            ...o.metadata,
            creationTimestamp: String(o.lastTimestamp ?? o.metadata.creationTimestamp),
          },
        }),
    },
    { name: 'Type', type: 'string', cell: (o) => o.type ?? '' },
    { name: 'Reason', type: 'string', cell: (o) => o.reason ?? '' },
    {
      name: 'Object',
      type: 'string',
      cell: (o) =>
        `${String((o.involvedObject as Json).kind).toLowerCase()}/${String((o.involvedObject as Json).name)}`,
    },
    { name: 'Message', type: 'string', cell: (o) => o.message ?? '' },
  ],
};

/** True when the client asked for a Table (Accept: application/json;as=Table;g=meta.k8s.io;v=v1). */
export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept
    .split(',')
    .some(
      (part) =>
        part.includes('as=Table') &&
        part.includes('g=meta.k8s.io') &&
        part.includes('v=v1') &&
        !part.includes('v=v1beta1'),
    );
}

export function toTable(kind: string, objects: readonly KubeObject[], metadata: Json): Json {
  const columns = COLUMNS[kind] ?? [name, ageColumn];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
