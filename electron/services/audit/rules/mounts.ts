import type { Evidence, HostView, Rule, Workload, WorkloadMount } from '../workload';
import { evidence, looksLikeDatabase, normalizePath } from './evidence';

const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'podman.sock'];

/** The CIS list and the engine's own state directories, matched as the path itself. */
const SENSITIVE_EXACT = new Set([
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/var/run',
  '/run',
  '/root',
]);
/** Directories whose every part is sensitive: the engine's and the cluster's state. */
const SENSITIVE_TREES = ['/var/lib/docker', '/var/lib/kubelet', '/etc/kubernetes'];

function sensitive(source: string): boolean {
  const path = normalizePath(source);
  if (SENSITIVE_EXACT.has(path)) return true;
  if (SENSITIVE_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`))) return true;
  return path.split('/').includes('.ssh');
}

const binds = (w: Workload): WorkloadMount[] => w.mounts.filter((m) => m.kind === 'bind');

const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb', 'smb3']);

/** Why a volume lives on the network: its driver options, or a volume plugin. */
function networkVolume(mount: WorkloadMount): Evidence | undefined {
  const volume = mount.volume;
  if (!volume) return undefined;
  const { driver, options } = volume;
  if (driver === 'local' || driver === '') {
    const type = options['type'] ?? '';
    const o = options['o'] ?? '';
    if (NETWORK_FS.has(type.toLowerCase()))
      return evidence(`${mount.field}.Options.type`, `${type} (volume ${volume.name})`);
    if (/(^|,)addr=/.test(o)) return evidence(`${mount.field}.Options.o`, `${o} (volume ${volume.name})`);
    return undefined;
  }
  return evidence(`${mount.field}.Driver`, `${driver} (volume plugin, volume ${volume.name})`);
}

function collisions(w: Workload, host: HostView): Evidence[] {
  const out: Evidence[] = [];
  for (const mount of binds(w)) {
    if (mount.readOnly || !mount.source) continue;
    const path = normalizePath(mount.source);
    const others = host.workloads.flatMap((other) =>
      other.id === w.id
        ? []
        : binds(other)
            .filter((m) => !m.readOnly && m.source && normalizePath(m.source) === path)
            .map((m) => ({ other, mount: m })),
    );
    if (others.length === 0) continue;
    const mine = looksLikeDatabase(w.image.ref.value, mount.destination);
    const database =
      mine && others.some(({ other, mount: m }) => looksLikeDatabase(other.image.ref.value, m.destination));
    out.push(
      evidence(
        `${mount.field}.Source`,
        `${mount.source} (read-write here and in ${others.map(({ other, mount: m }) => `${other.name} at ${m.destination}`).join(', ')})`,
        database ? 'high' : undefined,
      ),
    );
  }
  return out;
}

/** Where the container's data lives on the host, and what of the host it can reach through mounts. */
export const mountRules: readonly Rule[] = [
  {
    id: 'R02',
    title: 'Container runtime socket mounted',
    severity: 'critical',
    why: 'Whoever controls the engine socket controls the engine: it can start a privileged container and is root on the host.',
    fix: 'Remove the socket mount. If a tool needs the API, give it a filtering proxy with only the calls it needs, or run it outside containers.',
    refs: ['CIS 5.32', 'KSV-0006', 'C-0074'],
    check: (w) =>
      w.mounts
        .filter((m) =>
          RUNTIME_SOCKETS.some((socket) => m.source === socket || m.source.endsWith(`/${socket}`)),
        )
        .map((m) => evidence(`${m.field}.Source`, m.source)),
  },
  {
    id: 'R03',
    title: 'Sensitive host path mounted',
    severity: 'high',
    why: 'System directories of the host in a container let it read secrets of the host or change how the host boots and runs.',
    fix: 'Mount only the file or directory the program needs, read-only (-v /host/path:/path:ro); never /, /etc, /var/run or the engine state.',
    refs: ['CIS 5.6', 'KSV-0121', 'kubeaudit mounts', 'C-0048'],
    check: (w) =>
      binds(w)
        .filter((m) => sensitive(m.source))
        .map((m) =>
          evidence(
            `${m.field}.Source`,
            `${m.source}${m.readOnly ? ' (read-only)' : ' (read-write)'}`,
            normalizePath(m.source) === '/' || !m.readOnly ? 'critical' : undefined,
          ),
        ),
  },
  {
    id: 'R04',
    title: 'Host directory mounted read-write',
    severity: 'high',
    why: 'A read-write host mount lets the container plant or change files on the host, which the host or other containers may then run.',
    fix: 'Mount it read-only (:ro; compose: read_only: true on the mount) unless the container must write there; prefer a named volume for data.',
    refs: ['C-0045'],
    check: (w) =>
      binds(w)
        .filter((m) => !m.readOnly)
        .map((m) => evidence(`${m.field}.Source`, `${m.source} (read-write at ${m.destination})`)),
  },
  {
    id: 'R05',
    title: 'Host directory written by several containers',
    severity: 'medium',
    why: "Two writers on one directory corrupt each other's data (two databases on one data directory is the classic), and removing one container leaves the other with half its files.",
    fix: 'Give each container its own directory or volume; if they must share files, make all but one mount read-only.',
    refs: ['app rule'],
    check: collisions,
  },
  {
    id: 'R06',
    title: 'Data on a network filesystem',
    severity: 'medium',
    why: 'NFS and CIFS have stale handles, weaker locking and fsync semantics and stall when the server does; databases on them corrupt or hang.',
    fix: 'Keep database data on local disks; for shared files on NFS use hard mounts with sensible timeouts and test failover.',
    refs: ['app rule', 'KSV-0028'],
    check: (w) =>
      w.mounts.flatMap((m) => {
        const found = networkVolume(m);
        if (!found) return [];
        return [
          looksLikeDatabase(w.image.ref.value, m.destination)
            ? { ...found, severity: 'high' as const }
            : found,
        ];
      }),
  },
  {
    id: 'R18',
    title: 'Shared mount propagation',
    severity: 'medium',
    why: 'With shared propagation, mounts made inside the container appear on the host and the other way round.',
    fix: 'Use the default private propagation (drop :shared/:rshared from the mount).',
    refs: ['CIS 5.20'],
    check: (w) =>
      w.mounts
        .filter((m) => m.propagation === 'shared' || m.propagation === 'rshared')
        .map((m) => evidence(`${m.field}.Propagation`, m.propagation)),
  },
];
