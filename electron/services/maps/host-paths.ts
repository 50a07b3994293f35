/** How a host path reads for risk: the engine's own socket, a sensitive system path, or neither. */
export type HostPathRisk =
  | { readonly kind: 'engine-socket'; readonly runtime: string }
  | { readonly kind: 'sensitive'; readonly under: string }
  | undefined;

// A socket of any container runtime: whoever can talk to it can start a privileged container.
const SOCKETS: Readonly<Record<string, string>> = {
  'docker.sock': 'Docker',
  'containerd.sock': 'containerd',
  'crio.sock': 'CRI-O',
  'podman.sock': 'Podman',
};

// The CIS Docker Benchmark 5.6 list, plus the runtime and kubelet state directories and root's home.
const SENSITIVE = [
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/sys',
  '/usr',
  '/bin',
  '/sbin',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/var/run',
  '/run',
  '/root',
];

/** The path without a trailing slash or doubled slashes ("/" stays "/"). */
export function normalizePath(path: string): string {
  const clean = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return clean === '' ? '/' : clean;
}

/** Whether `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/');
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** What mounting this host path hands a container, judged from the path alone (no symlinks followed). */
export function hostPathRisk(source: string): HostPathRisk {
  const path = normalizePath(source);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const runtime = SOCKETS[base];
  if (runtime) return { kind: 'engine-socket', runtime };
  if (path === '/') return { kind: 'sensitive', under: '/' };
  if (/(^|\/)\.ssh(\/|$)/.test(path)) return { kind: 'sensitive', under: '.ssh' };
  const under = SENSITIVE.find((root) => isWithin(path, root));
  return under ? { kind: 'sensitive', under } : undefined;
}

const DATABASE =
  /postgres|mysql|mariadb|mongo|redis|valkey|elastic|opensearch|cassandra|influx|clickhouse|etcd|couchdb|neo4j|sqlite|rabbitmq|kafka|zookeeper|minio/i;

/** Whether a container looks like it keeps a database (its image or name says so). */
export function looksLikeDatabase(image: string, name: string): boolean {
  return DATABASE.test(image) || DATABASE.test(name);
}
