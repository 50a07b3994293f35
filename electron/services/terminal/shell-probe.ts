import { posix } from 'node:path';
import { isAppError, type AppError } from '../../shared/errors';
import type { PathStat, ProbeFiles } from '../containers/container-files';
import { parsePasswd, resolveUser } from './passwd';
import { isIanaZone } from './posix-tz';
import {
  fallbackHome,
  planSession,
  type FoundShell,
  type SessionRequest,
  type ShellFacts,
  type ShellKind,
  type ShellPlanResult,
} from './session-plan';

export interface ProbeRequest {
  /** The exec user (NAME, UID or UID:GID): the one asked for, else the container's Config.User; "" is root. */
  readonly user: string;
  /** Config.Env: a HOME or PS1 set there counts. */
  readonly containerEnv: readonly string[];
  /** The zone whose tzdata to look for. */
  readonly timezone?: string | undefined;
}

/** The usual shells, best first; the user's login shell goes before them. */
export const SHELL_CANDIDATES: readonly string[] = [
  '/bin/bash',
  '/usr/bin/bash',
  '/bin/zsh',
  '/usr/bin/zsh',
  '/bin/ash',
  '/bin/sh',
  '/usr/bin/sh',
  '/busybox/sh',
];
/** Login shells that refuse a session. */
const NO_LOGIN = new Set(['nologin', 'false', 'true', 'sync', 'halt', 'shutdown']);
const TERMINFO = ['/usr/share/terminfo', '/lib/terminfo', '/etc/terminfo', '/usr/lib/terminfo'].flatMap(
  (dir) => [
    `${dir}/x/xterm-256color`,
    // Hashed directory names (the hex of the first letter) on systems whose filesystems fold case.
    `${dir}/78/xterm-256color`,
  ],
);
/** The archive API cannot glob, so each architecture's loader name is asked for. */
const MUSL = ['x86_64', 'aarch64', 'armhf', 'armv7', 'x86', 'i386', 'ppc64le', 's390x', 'riscv64'].map(
  (arch) => `/lib/ld-musl-${arch}.so.1`,
);
const GLIBC = [
  '/lib64/ld-linux-x86-64.so.2',
  '/lib/ld-linux-aarch64.so.1',
  '/lib/ld-linux-armhf.so.3',
  '/lib/ld-linux.so.2',
  '/lib64/ld64.so.2',
  '/lib/ld64.so.1',
  '/lib/ld-linux-riscv64-lp64d.so.1',
];
const LOCALE_DIR = '/usr/lib/locale';
/** Calls in flight at once: each is an HTTP round trip, and a TLS or SSH link pays for every new socket. */
const PARALLEL = 8;
/**
 * Where Bosun's rc file goes: /var/tmp first, since a tmpfs on /tmp (common) hides what the archive API
 * writes there from the processes in the container; /var/tmp is rarely one.
 */
const RC_DIRS = ['/var/tmp', '/tmp'];
const PASSWD_MAX_BYTES = 1024 * 1024;
const RC_MAX_BYTES = 64 * 1024;
const C_UTF8 = ['C.utf8', 'C.UTF-8'];
const EN_US_UTF8 = ['en_US.utf8', 'en_US.UTF-8'];

/**
 * The paths probeShell asks about in every image, for a prober that must gather them up front (a pod,
 * probed by one exec); the rest depend on the user: the home, ~/.bashrc, the login shell, tzdata.
 */
export const FIXED_PROBE = {
  stats: [
    ...SHELL_CANDIDATES,
    ...TERMINFO,
    ...MUSL,
    ...GLIBC,
    ...[...C_UTF8, ...EN_US_UTF8, 'locale-archive'].map((name) => `${LOCALE_DIR}/${name}`),
    ...RC_DIRS,
  ],
  reads: ['/etc/passwd', '/etc/bash.bashrc', '/etc/bashrc'],
  readMaxBytes: PASSWD_MAX_BYTES,
} as const;

type Text = { state: 'missing' } | { state: 'unreadable' } | { state: 'text'; text: string };
type Resolved = PathStat & { readonly path: string };

/** Runs at most `max` tasks at once; a finishing task hands its slot straight to the next one waiting. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/**
 * The stat of a path after following it once if it is a symlink: the engine's linkTarget is already
 * fully resolved (`/bin/sh` → `/usr/bin/dash`), so one more stat reaches the file or finds it dangling.
 */
async function resolvedStat(
  files: ProbeFiles,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<Resolved | undefined> {
  const stat = await files.statPath(id, path, signal);
  if (!stat?.isSymlink) return stat && { ...stat, path };
  if (!stat.linkTarget || stat.linkTarget === path) return undefined;
  const target = await files.statPath(id, stat.linkTarget, signal);
  return target && !target.isSymlink ? { ...target, path: stat.linkTarget } : undefined;
}

async function readText(
  files: ProbeFiles,
  id: string,
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Text> {
  try {
    const bytes = await files.readFile(id, path, maxBytes, signal);
    return bytes ? { state: 'text', text: new TextDecoder().decode(bytes) } : { state: 'missing' };
  } catch (error) {
    // Too large or not a regular file: it is there, but what it does is unknown.
    if (isAppError(error) && error.code === 'INVALID_ARGUMENT') return { state: 'unreadable' };
    throw error;
  }
}

const executable = (stat: Resolved | undefined): boolean =>
  stat !== undefined && !stat.isDirectory && ((stat.mode % 0o1000) & 0o111) !== 0;

/** How the shell takes a prompt and an rc file: by the name it runs as and the binary behind it. */
export function shellKind(path: string, target: string): ShellKind {
  const name = posix.basename(path);
  const binary = posix.basename(target);
  if (binary === 'busybox' || binary === 'ash' || name === 'ash') return 'ash';
  // Started as "sh", bash too runs in POSIX mode: it reads $ENV and ignores --rcfile.
  if (name === 'sh') return 'sh';
  if (binary === 'bash' || name === 'bash') return 'bash';
  if (binary === 'zsh' || name === 'zsh') return 'zsh';
  return 'sh';
}

/**
 * The login shell, when it is a real preference: not a nologin, and not plain /bin/sh, the default
 * of useradd and of most images, which would hide a bash installed beside it.
 */
function loginShell(shell: string | undefined): string | undefined {
  if (!shell?.startsWith('/') || NO_LOGIN.has(posix.basename(shell))) return undefined;
  return shell === '/bin/sh' || shell === '/usr/bin/sh' ? undefined : shell;
}

/** Whether a startup file sets a prompt: an assignment to PS1 outside a comment. */
function setsPrompt(text: string): boolean {
  return text.split('\n').some((line) => /^[^#]*(^|[\s;&|])(export\s+)?PS1=/.test(line));
}

function lastEnv(env: readonly string[], key: string): string | undefined {
  const value = env.findLast((pair) => pair.startsWith(`${key}=`))?.slice(key.length + 1);
  return value === '' ? undefined : value;
}

/**
 * Looks at an image through the archive API only, running nothing in it: the session user's passwd
 * entry, the shells present, terminfo, libc and locale data, tzdata for the asked zone, the startup
 * files bash would read (login shells are not started, so /etc/profile does not matter), and a
 * directory for an rc file. Calls run concurrently; a container that goes away fails the probe.
 */
export async function probeShell(
  files: ProbeFiles,
  id: string,
  request: ProbeRequest,
  signal?: AbortSignal,
): Promise<ShellFacts> {
  const run = limiter(PARALLEL);
  const stat = (path: string): Promise<Resolved | undefined> =>
    run(() => resolvedStat(files, id, path, signal));
  const read = (path: string, max = RC_MAX_BYTES): Promise<Text> =>
    run(() => readText(files, id, path, max, signal));
  const any = async (paths: readonly string[]): Promise<boolean> =>
    (await Promise.all(paths.map(stat))).some((found) => found !== undefined);
  const isDir = async (path: string): Promise<boolean> => (await stat(path))?.isDirectory === true;
  const zone = request.timezone && isIanaZone(request.timezone) ? request.timezone : undefined;

  const person = read('/etc/passwd', PASSWD_MAX_BYTES).then(async (passwd) => {
    const user = resolveUser(passwd.state === 'text' ? parsePasswd(passwd.text) : [], request.user);
    const home = lastEnv(request.containerEnv, 'HOME') ?? (user.entry?.home || '/');
    const login = loginShell(user.entry?.shell);
    const bashrcs = [...new Set([home, fallbackHome(user.uid)])].map((dir) => posix.join(dir, '.bashrc'));
    const [loginStat, homeExists, texts] = await Promise.all([
      login ? stat(login) : undefined,
      home === '/' || isDir(home),
      Promise.all(bashrcs.map((path) => read(path))),
    ]);
    return {
      user,
      home,
      login,
      loginStat,
      homeExists,
      bashrcs: bashrcs.map((path, i) => ({ path, text: texts[i] })),
    };
  });
  const [
    who,
    shellStats,
    terminfo256,
    musl,
    glibc,
    cUtf8,
    enUsUtf8,
    archive,
    zoneinfo,
    rcDirs,
    etcBashBashrc,
    etcBashrc,
  ] = await Promise.all([
    person,
    Promise.all(SHELL_CANDIDATES.map(stat)),
    any(TERMINFO),
    any(MUSL),
    any(GLIBC),
    Promise.all(C_UTF8.map((name) => isDir(`${LOCALE_DIR}/${name}`))),
    Promise.all(EN_US_UTF8.map((name) => isDir(`${LOCALE_DIR}/${name}`))),
    stat(`${LOCALE_DIR}/locale-archive`),
    zone ? stat(`/usr/share/zoneinfo/${zone}`) : undefined,
    Promise.all(RC_DIRS.map(isDir)),
    read('/etc/bash.bashrc'),
    read('/etc/bashrc'),
  ]);

  const candidates = [...new Set([...(who.login ? [who.login] : []), ...SHELL_CANDIDATES])];
  const statOf = (path: string): Resolved | undefined =>
    path === who.login ? who.loginStat : shellStats[SHELL_CANDIDATES.indexOf(path)];
  const chosen = candidates.find((path) => executable(statOf(path)));
  const shell: FoundShell | undefined = chosen
    ? { path: chosen, kind: shellKind(chosen, statOf(chosen)?.path ?? chosen) }
    : undefined;
  const binSh = shellStats[SHELL_CANDIDATES.indexOf('/bin/sh')];

  const etcBashrcPrompt =
    etcBashrc.state === 'unreadable' || (etcBashrc.state === 'text' && setsPrompt(etcBashrc.text));
  const rcFiles: Record<string, boolean> = {};
  const note = (path: string, text: Text | undefined, alsoSources = false): void => {
    if (!text || text.state === 'missing') return;
    // RHEL's ~/.bashrc sets no prompt itself but sources /etc/bashrc, which does.
    const viaEtc =
      alsoSources && text.state === 'text' && text.text.includes('/etc/bashrc') && etcBashrcPrompt;
    rcFiles[path] = text.state === 'unreadable' || setsPrompt(text.text) || viaEtc;
  };
  note('/etc/bash.bashrc', etcBashBashrc);
  note('/etc/bashrc', etcBashrc);
  for (const { path, text } of who.bashrcs) note(path, text, true);

  return {
    checked: candidates,
    shell,
    busybox: binSh !== undefined && posix.basename(binSh.path) === 'busybox',
    user: who.user,
    home: who.home,
    homeExists: who.homeExists,
    terminfo256,
    libc: musl ? 'musl' : glibc || cUtf8.includes(true) || archive ? 'glibc' : 'unknown',
    locales: {
      cUtf8: cUtf8.includes(true),
      enUsUtf8: enUsUtf8.includes(true),
      archive: archive !== undefined,
    },
    zoneinfo: zoneinfo !== undefined && !zoneinfo.isDirectory,
    rcFiles,
    rcDir: RC_DIRS[rcDirs.indexOf(true)],
  };
}

/** Why an rc file could not be put, when that is the image's doing (not a lost engine or container). */
function rcFileProblem(error: AppError, dir: string): string | undefined {
  const answered = typeof error.details?.status === 'number';
  switch (error.code) {
    case 'PERMISSION_DENIED':
      return 'read-only filesystem';
    case 'NOT_FOUND':
      return error.details?.what === 'path' ? `no ${dir}` : undefined;
    case 'INVALID_ARGUMENT':
    case 'CONFLICT':
      return `${dir} not writable`;
    case 'UNAVAILABLE':
      return answered ? `${dir} not writable` : undefined;
    default:
      return undefined;
  }
}

/**
 * Everything before a session's exec: probe the image, plan the session, put the plan's rc file. When
 * the image refuses the file (a read-only root filesystem is common) the plan is made again without
 * it, the prompt then travelling in the env; a container or engine that went away still fails.
 */
export async function bootstrapShell(
  files: ProbeFiles,
  id: string,
  request: ProbeRequest & SessionRequest,
  options: { readonly now?: Date; readonly signal?: AbortSignal } = {},
): Promise<ShellPlanResult> {
  const facts = await probeShell(files, id, request, options.signal);
  const now = options.now ?? new Date();
  const result = planSession(facts, request, { now });
  const rc = result.ok ? result.plan.rcFile : undefined;
  if (!rc) return result;
  try {
    await files.putFiles(id, rc.dir, [{ name: rc.name, content: rc.content, mode: rc.mode }], options.signal);
    return result;
  } catch (error) {
    const problem = isAppError(error) ? rcFileProblem(error, rc.dir) : undefined;
    if (!problem) throw error;
    return planSession(facts, request, { now, rcFileProblem: problem });
  }
}
