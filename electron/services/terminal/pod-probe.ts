import { AppError } from '../../shared/errors';
import type { PathStat, ProbeFiles } from '../containers/container-files';
import type { KubeCluster, PodContainerRef } from '../kube/kube-cluster';
import { parsePasswd, resolveUser } from './passwd';
import { FIXED_PROBE } from './shell-probe';

/** The shells a probe is run with, in order: the first one that starts tells the image has a shell. */
export const POD_PROBE_SHELLS: readonly string[] = ['/bin/sh', '/bin/bash', '/bin/ash', '/busybox/sh'];
const MARKER = 'BOSUN-PROBE-1';
const RC_MAX_BYTES = 64 * 1024;
/** Most probe output kept: a huge /etc/passwd must not fill the core's memory. */
const OUTPUT_MAX_BYTES = 4 * 1024 * 1024;
/** What the exec sees of the container's environment that the plan looks at. */
const ENV_KEYS = ['HOME', 'PS1', 'ENV', 'LANG', 'LC_ALL', 'LC_CTYPE', 'USER', 'SHELL', 'PATH'];

/**
 * One exec gathers what probeShell would read through Docker's archive API, since the exec API has no
 * file access: NUL-separated records (S stat, R file bytes by length, B too big, E env, U uid). Links
 * are reported with their fully resolved target, as the engine reports linkTarget.
 */
const SCRIPT = `
out() { printf '%s\\0' "$@"; }
st1() {
  if [ -d "$1" ]; then out S "$1" D ""
  elif [ -x "$1" ]; then out S "$1" X ""
  elif [ -e "$1" ]; then out S "$1" F ""
  fi
}
st() {
  [ -n "$1" ] || return 0
  if [ -L "$1" ]; then
    t=$(readlink -f "$1" 2>/dev/null)
    if [ -n "$t" ] && [ "$t" != "$1" ]; then out S "$1" L "$t"; st1 "$t"; return 0; fi
  fi
  st1 "$1"
}
rd() {
  [ -e "$1" ] || return 0
  if [ ! -f "$1" ] || [ ! -r "$1" ]; then out B "$1"; return 0; fi
  n=$(wc -c < "$1" 2>/dev/null) || { out B "$1"; return 0; }
  n=$((n + 0))
  if [ "$n" -gt "$2" ]; then out B "$1"; return 0; fi
  out R "$1" "$n"; head -c "$n" "$1" 2>/dev/null
}
out ${MARKER}
nl='
'
envs=$(env 2>/dev/null) || envs=
for k in ${ENV_KEYS.join(' ')}; do
  eval "set_=\\\${$k+x} v_=\\\${$k-}"
  [ -n "$set_" ] || continue
  # A shell sets some of these for itself (ash: PS1); only what the environment holds counts.
  if [ -n "$envs" ]; then case "$nl$envs" in *"$nl$k="*) ;; *) continue ;; esac; fi
  out E "$k=$v_"
done
out U "$(id -u 2>/dev/null)"
zone=$1; max=$2; shift 2
for p in "$@"; do st "$p"; done
[ -n "$zone" ] && st "/usr/share/zoneinfo/$zone"
st "$HOME"; st /root
${FIXED_PROBE.reads.map((path) => `rd ${path} ${path === '/etc/passwd' ? '"$max"' : RC_MAX_BYTES}`).join('\n')}
rd "$HOME/.bashrc" ${RC_MAX_BYTES}; rd /root/.bashrc ${RC_MAX_BYTES}; rd /tmp/.bashrc ${RC_MAX_BYTES}
if [ -r /etc/passwd ]; then
  while IFS=: read -r _ _ _ _ _ _ login; do st "$login"; done < /etc/passwd
fi
out END
exit 0
`;

export interface PodSnapshot {
  /** The exec's environment as the plan reads Config.Env (KEY=VALUE). */
  readonly env: string[];
  /** The uid the exec runs as ("" when `id` is missing: root is assumed, as for Docker). */
  readonly uid: string;
  readonly stats: ReadonlyMap<string, PathStat>;
  readonly files: ReadonlyMap<string, Uint8Array | 'big'>;
}

function stat(path: string, kind: string, target: string): PathStat {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const mode = kind === 'D' ? 0o755 + 2 ** 31 : kind === 'X' ? 0o755 : kind === 'L' ? 0o777 : 0o644;
  return {
    name,
    size: 0,
    mode,
    mtime: null,
    linkTarget: kind === 'L' ? target : '',
    isDirectory: kind === 'D',
    isSymlink: kind === 'L',
  };
}

/** Reads the probe's records; undefined when the output is not a complete probe (that shell did not run it). */
export function parseSnapshot(bytes: Buffer): PodSnapshot | undefined {
  let at = 0;
  const field = (): string | undefined => {
    const end = bytes.indexOf(0, at);
    if (end < 0) return undefined;
    const text = bytes.subarray(at, end).toString('utf8');
    at = end + 1;
    return text;
  };
  if (field() !== MARKER) return undefined;
  const env: string[] = [];
  let uid = '';
  const stats = new Map<string, PathStat>();
  const files = new Map<string, Uint8Array | 'big'>();
  for (;;) {
    const tag = field();
    if (tag === undefined) return undefined;
    if (tag === 'END') return { env, uid, stats, files };
    if (tag === 'E') env.push(field() ?? '');
    else if (tag === 'U') uid = (field() ?? '').trim();
    else if (tag === 'B') files.set(field() ?? '', 'big');
    else if (tag === 'S') {
      const [path, kind, target] = [field(), field(), field()];
      if (path === undefined || kind === undefined || target === undefined) return undefined;
      stats.set(path, stat(path, kind, target));
    } else if (tag === 'R') {
      const path = field();
      const size = Number(field());
      if (path === undefined || !Number.isInteger(size) || at + size > bytes.length) return undefined;
      files.set(path, bytes.subarray(at, at + size));
      at += size;
    } else return undefined;
  }
}

/** Runs a command without a TTY and collects its stdout (bounded) and exit code. */
export async function runCollected(
  cluster: KubeCluster,
  ref: PodContainerRef,
  command: readonly string[],
  signal: AbortSignal | undefined,
  input?: Uint8Array,
): Promise<{ output: Buffer; exitCode: number | null }> {
  const process = await cluster.exec(ref, { command, tty: false, stdin: input !== undefined }, signal);
  const chunks: Buffer[] = [];
  let size = 0;
  const done = new Promise<void>((resolve) => {
    process.stream.on('data', (chunk: Buffer) => {
      if (size < OUTPUT_MAX_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    process.stream.once('end', resolve);
    process.stream.once('close', resolve);
    process.stream.once('error', () => resolve());
  });
  const abort = (): void => void process.stream.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    if (input) process.stream.end(input);
    await done;
    const exitCode = await process.exitCode();
    if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
    return { output: Buffer.concat(chunks), exitCode };
  } finally {
    signal?.removeEventListener('abort', abort);
    process.stream.destroy();
  }
}

export interface PodProbe {
  readonly snapshot: PodSnapshot;
  /** The shell that ran the probe (and writes the rc file). */
  readonly ranWith: string;
  /** The user the exec runs as, by name when /etc/passwd has it. */
  readonly user: string;
  readonly files: ProbeFiles;
}

/**
 * Probes a pod's container by running the probe with each usual shell in turn (the exec API cannot
 * stat a path); undefined when none starts: the image has no shell.
 */
export async function probePod(
  cluster: KubeCluster,
  ref: PodContainerRef,
  options: { readonly timezone?: string | undefined },
  signal?: AbortSignal,
): Promise<PodProbe | undefined> {
  const zone = options.timezone?.includes('/') && !options.timezone.includes('..') ? options.timezone : '';
  for (const shell of POD_PROBE_SHELLS) {
    const args = [zone, String(FIXED_PROBE.readMaxBytes), ...FIXED_PROBE.stats];
    const run = await runCollected(cluster, ref, [shell, '-c', SCRIPT, 'bosun-probe', ...args], signal);
    const snapshot = run.exitCode === 0 ? parseSnapshot(run.output) : undefined;
    if (!snapshot) continue;
    const passwd = snapshot.files.get('/etc/passwd');
    const entries = passwd instanceof Uint8Array ? parsePasswd(new TextDecoder().decode(passwd)) : [];
    const who = resolveUser(entries, snapshot.uid);
    return {
      snapshot,
      ranWith: shell,
      user: who.name ?? (snapshot.uid || 'root'),
      files: snapshotFiles(cluster, ref, shell, snapshot),
    };
  }
  return undefined;
}

/** ProbeFiles over a snapshot; files are put with the probing shell (head -c ends without an EOF, which v4 cannot send). */
function snapshotFiles(
  cluster: KubeCluster,
  ref: PodContainerRef,
  shell: string,
  snapshot: PodSnapshot,
): ProbeFiles {
  return {
    statPath: async (_id, path) => snapshot.stats.get(path),
    readFile: async (_id, path, maxBytes) => {
      const file = snapshot.files.get(path);
      if (file === 'big' || (file && file.byteLength > maxBytes))
        throw new AppError('INVALID_ARGUMENT', `${path} is too large or not a regular file.`);
      return file;
    },
    putFiles: async (_id, dir, files, signal) => {
      for (const file of files) {
        const path = `${dir}/${file.name}`;
        const script = '{ head -c "$1" > "$2" && chmod "$3" "$2"; } 2>&1';
        const mode = file.mode.toString(8);
        const command = [shell, '-c', script, 'bosun-put', String(file.content.byteLength), path, mode];
        const run = await runCollected(cluster, ref, command, signal, file.content);
        if (run.exitCode === 0) continue;
        const said = run.output.toString('utf8').trim().slice(0, 200);
        throw new AppError(
          /read-only/i.test(said) ? 'PERMISSION_DENIED' : 'CONFLICT',
          `Could not write ${path} in the pod${said ? `: ${said}` : ''}.`,
        );
      }
    },
  };
}
