import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { TerminalFix, TerminalFixId } from '../../shared/contract/terminal';
import type { SessionUser } from './passwd';
import { isIanaZone, posixTimeZone } from './posix-tz';
import { shellJoin, shellQuote } from './shell-quote';

/** How a shell takes a prompt: bash and busybox ash decode `\u`/`\w`; a plain POSIX sh (dash) does not. */
export type ShellKind = 'bash' | 'zsh' | 'ash' | 'sh';

export interface FoundShell {
  readonly path: string;
  readonly kind: ShellKind;
}

/** What probing an image found (see shell-probe.ts); everything the plan needs, so planning is pure. */
export interface ShellFacts {
  /** The shell paths looked for, in order of preference. */
  readonly checked: readonly string[];
  /** The first of them that exists and is executable after following a symlink. */
  readonly shell: FoundShell | undefined;
  /** /bin/sh is a link to busybox. */
  readonly busybox: boolean;
  readonly user: SessionUser;
  /** HOME as the engine sets it: the container's env, else the passwd entry, else "/". */
  readonly home: string;
  readonly homeExists: boolean;
  readonly terminfo256: boolean;
  readonly libc: 'glibc' | 'musl' | 'unknown';
  /** glibc's compiled locales: C.UTF-8 and en_US.UTF-8 as directories, and whether locale-archive exists. */
  readonly locales: { readonly cUtf8: boolean; readonly enUsUtf8: boolean; readonly archive: boolean };
  /** /usr/share/zoneinfo has the asked IANA zone. */
  readonly zoneinfo: boolean;
  /** Startup files that exist, by path: whether each sets PS1 (one that cannot be read counts as setting it). */
  readonly rcFiles: Readonly<Record<string, boolean>>;
  /** A directory for Bosun's rc file ("/var/tmp"), when the image has one. */
  readonly rcDir: string | undefined;
}

export interface SessionRequest {
  /** Without the leading slash; shown in the prompt. */
  readonly containerName: string;
  /** Config.Env: what the exec inherits, so what need not (or must) be overridden. */
  readonly containerEnv: readonly string[];
  readonly disabledFixes: readonly TerminalFixId[];
  /** The desktop's zone: IANA ("Asia/Shanghai") or POSIX ("CST-8"). */
  readonly timezone?: string | undefined;
}

export interface PlanOptions {
  /** For the UTC offset of a zone the image has no tzdata for. */
  readonly now: Date;
  /** Set when the rc file could not be put (read-only filesystem…): the prompt goes through the env instead. */
  readonly rcFileProblem?: string | undefined;
}

export interface RcFile {
  readonly dir: string;
  readonly name: string;
  readonly content: Uint8Array;
  readonly mode: number;
}

export interface SessionPlan {
  /** The shell binary that will run. */
  readonly shell: string;
  /** The exec Cmd. */
  readonly cmd: string[];
  /** KEY=VALUE for the exec's Env. */
  readonly env: string[];
  /** Every fix id once, in a fixed order. */
  readonly fixes: TerminalFix[];
  /** To put with putFiles before the exec; on failure plan again with rcFileProblem. */
  readonly rcFile?: RcFile;
}

export type ShellPlanResult =
  { ok: true; plan: SessionPlan } | { ok: false; reason: 'no-shell'; checked: string[] };

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/**
 * Run in the TTY before the shell: iutf8 lets the line discipline erase a whole UTF-8 character, and
 * erase ^? matches the DEL that xterm.js sends for Backspace. A stty without iutf8 (old busybox) would
 * reject the whole line, hence the second try; a missing stty is silent.
 */
const STTY = `stty sane iutf8 erase '^?' 2>/dev/null || stty sane erase '^?' 2>/dev/null`;
/** GNU and most busybox builds take --color; trying it once keeps `ls` working where it does not. */
const LS_ALIAS = `ls --color=auto -d / >/dev/null 2>&1 && alias ls='ls --color=auto'`;
const RC_MODE = 0o644;

interface Part {
  readonly fix: TerminalFix;
  readonly env: readonly string[];
}

const off = (id: TerminalFixId, label: string): Part => ({ fix: { id, applied: false, label }, env: [] });
const on = (id: TerminalFixId, label: string, env: readonly string[]): Part => ({
  fix: { id, applied: true, label },
  env,
});

/** Config.Env as the engine merges it: the last assignment of a key wins. */
function envMap(env: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of env) {
    const eq = pair.indexOf('=');
    if (eq > 0) map.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return map;
}

function termPart(facts: ShellFacts): Part {
  return facts.terminfo256
    ? on('term', 'TERM=xterm-256color', ['TERM=xterm-256color'])
    : on('term', 'TERM=xterm (no xterm-256color terminfo in the image)', ['TERM=xterm']);
}

/** A POSIX TZ value: a std name (letters, or <…> quoted) followed by an offset. */
const POSIX_TZ = /^(<[A-Za-z0-9+-]{1,10}>|[A-Za-z]{3,10})[-+]?\d/;
const UTF8 = /\.utf-?8(@|$)/i;

/** Whether libc can load `name`: musl and static binaries take any name; glibc needs its data. */
function loadable(facts: ShellFacts, name: string): boolean {
  if (facts.libc !== 'glibc' || facts.locales.archive) return true;
  if (/^C\.utf-?8$/i.test(name)) return facts.locales.cUtf8;
  return /^en_US\.utf-?8$/i.test(name) && facts.locales.enUsUtf8;
}

function localePart(facts: ShellFacts, env: Map<string, string>): Part {
  const key = ['LC_ALL', 'LC_CTYPE', 'LANG'].find((k) => env.get(k));
  const current = key ? (env.get(key) ?? '') : '';
  if (UTF8.test(current) && loadable(facts, current))
    return off('locale', `UTF-8 locale from the container (${key}=${current})`);
  const glibc = facts.libc === 'glibc';
  const chosen =
    !glibc || facts.locales.cUtf8
      ? 'C.UTF-8'
      : facts.locales.enUsUtf8 || facts.locales.archive
        ? 'en_US.UTF-8'
        : undefined;
  if (!chosen) return off('locale', 'No UTF-8 locale in the image (glibc without C.UTF-8)');
  const lcAll = env.get('LC_ALL');
  const vars = [`LANG=${chosen}`, `LC_CTYPE=${chosen}`, ...(lcAll ? [`LC_ALL=${chosen}`] : [])];
  const note = lcAll ? `; the container's LC_ALL=${lcAll} overridden` : '';
  return on('locale', `UTF-8 locale set (${chosen}${note})`, vars);
}

function timezonePart(facts: ShellFacts, zone: string | undefined, now: Date): Part {
  if (!zone) return off('timezone', 'No desktop time zone given (the container keeps its own, usually UTC)');
  if (!isIanaZone(zone)) {
    return POSIX_TZ.test(zone)
      ? on('timezone', `TZ=${zone}`, [`TZ=${zone}`])
      : off('timezone', `Unknown time zone ${zone} (the container keeps its own)`);
  }
  if (facts.zoneinfo) return on('timezone', `TZ=${zone}`, [`TZ=${zone}`]);
  const posix = posixTimeZone(zone, now) ?? 'UTC0';
  return on('timezone', `TZ=${posix} (no tzdata for ${zone} in the image; a fixed offset)`, [`TZ=${posix}`]);
}

/** Where a user whose HOME is missing or "/" is sent: root's usual home, else a directory anyone can write. */
export function fallbackHome(uid: number | undefined): string {
  return uid === 0 ? '/root' : '/tmp';
}

/** HOME, USER, SHELL and PATH: what the engine leaves wrong or unset for an exec. */
function homePart(facts: ShellFacts, shell: string, env: Map<string, string>): { part: Part; home: string } {
  const { user } = facts;
  const broken = facts.home === '/' || !facts.homeExists;
  const home = broken ? fallbackHome(user.uid) : facts.home;
  const why = env.has('HOME')
    ? `the container's HOME=${facts.home} is unusable`
    : !user.entry
      ? `${user.name ?? `uid ${user.uid ?? '?'}`} has no passwd entry`
      : facts.home === '/'
        ? `${user.entry.name}'s home is /`
        : `${user.entry.name}'s home ${facts.home} does not exist`;
  const vars = [
    ...(broken ? [`HOME=${home}`] : []),
    ...(env.has('USER') ? [] : [`USER=${user.name ?? String(user.uid ?? '')}`]),
    ...(env.has('SHELL') ? [] : [`SHELL=${shell}`]),
    // The engine gives an exec a default PATH only when the image has none; /busybox is distroless :debug.
    ...(env.has('PATH') ? [] : [`PATH=${DEFAULT_PATH}${shell.startsWith('/busybox/') ? ':/busybox' : ''}`]),
  ];
  const others = vars.filter((v) => !v.startsWith('HOME=')).map((v) => v.slice(0, v.indexOf('=')));
  const label = `HOME=${home}${broken ? ` (${why})` : ''}${others.length ? `; ${others.join(', ')} set` : ''}`;
  return { part: vars.length ? on('home', label, vars) : off('home', label), home };
}

/** The image's own prompt, when the shell will read one: then Bosun adds none. */
function imagePrompt(
  facts: ShellFacts,
  kind: ShellKind,
  home: string,
  env: Map<string, string>,
): string | undefined {
  if (env.has('PS1')) return "the container's PS1";
  if ((kind === 'ash' || kind === 'sh') && env.get('ENV')) return `the container's ENV=${env.get('ENV')}`;
  if (kind !== 'bash') return undefined;
  return ['/etc/bash.bashrc', posix.join(home, '.bashrc')].find((path) => facts.rcFiles[path]);
}

/**
 * The prompt text and the value it shows the container name through. The name goes in through a
 * variable: bash and ash expand parameters in PS1 but never re-expand what a parameter holds, so a
 * hostile name cannot run a command. Only ash decodes backslashes after expanding, hence the doubling.
 */
function prompt(kind: ShellKind, name: string, user: SessionUser): { ps1: string; value: string } {
  const visible = name.replace(/\p{Cc}/gu, '?');
  if (kind === 'bash' || kind === 'ash') {
    return {
      ps1: '\\u@${BOSUN_CONTAINER}:\\w\\$ ',
      value: kind === 'ash' ? visible.replace(/\\/g, '\\\\') : visible,
    };
  }
  const who = (user.name ?? String(user.uid ?? '?')).replace(/[^\w.@-]/g, '?');
  return { ps1: `${who}@\${BOSUN_CONTAINER}:\${PWD}${user.uid === 0 ? '#' : '$'} `, value: visible };
}

interface PromptPart extends Part {
  readonly rc?: { readonly file: RcFile; readonly path: string };
}

function promptPart(
  facts: ShellFacts,
  shell: FoundShell,
  home: string,
  request: SessionRequest,
  options: PlanOptions,
  env: Map<string, string>,
): PromptPart {
  if (shell.kind === 'zsh') return off('prompt', 'zsh keeps its own prompt');
  const own = imagePrompt(facts, shell.kind, home, env);
  if (own) return off('prompt', `Prompt from the image (${own})`);
  const { ps1, value } = prompt(shell.kind, request.containerName, facts.user);
  const dir = facts.rcDir;
  const problem = options.rcFileProblem ?? (dir ? undefined : 'the image has no /var/tmp or /tmp');
  if (problem || !dir) {
    return on('prompt', `Prompt added (no rc file: ${problem}; no ls colours)`, [
      `BOSUN_CONTAINER=${value}`,
      `PS1=${ps1}`,
    ]);
  }
  const bashrc = posix.join(home, '.bashrc');
  const lines = [
    '# Bosun: the prompt of one terminal session (safe to delete).',
    // --rcfile replaces ~/.bashrc, so the image's one (which sets no prompt) still runs first.
    ...(shell.kind === 'bash' && bashrc in facts.rcFiles ? [`. ${shellQuote(bashrc)}`] : []),
    `BOSUN_CONTAINER=${shellQuote(value)}`,
    `PS1=${shellQuote(ps1)}`,
    LS_ALIAS,
    '',
  ];
  const content = new TextEncoder().encode(lines.join('\n'));
  // Named by content: sessions with the same prompt share one file instead of piling up in /tmp.
  const name = `.bosun-rc-${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
  const path = posix.join(dir, name);
  const envFile = shell.kind === 'bash' ? [] : [`ENV=${path}`];
  return {
    ...on('prompt', 'Prompt added', envFile),
    rc: { file: { dir, name, content, mode: RC_MODE }, path },
  };
}

/**
 * The exec that gives a good terminal in this image (domain.md §2.2), every fix visible and switchable.
 * With every fix off it is the plain shell, as `docker exec -it c sh` would start it.
 */
export function planSession(
  facts: ShellFacts,
  request: SessionRequest,
  options: PlanOptions,
): ShellPlanResult {
  const shell = facts.shell;
  if (!shell) return { ok: false, reason: 'no-shell', checked: [...facts.checked] };
  const enabled = (id: TerminalFixId): boolean => !request.disabledFixes.includes(id);
  const env = envMap(request.containerEnv);
  const home = homePart(facts, shell.path, env);
  // HOME as the shell will see it, for the ~/.bashrc that bash would read.
  const shellHome = enabled('home') ? home.home : facts.home;
  const term = enabled('term') ? termPart(facts) : off('term', 'TERM fix off (the engine sets TERM=xterm)');
  const locale = enabled('locale') ? localePart(facts, env) : off('locale', 'Locale fix off');
  const tz = enabled('timezone')
    ? timezonePart(facts, request.timezone, options.now)
    : off('timezone', 'Time zone fix off');
  const homeFix = enabled('home') ? home.part : off('home', 'HOME fix off');
  const promptFix: PromptPart = enabled('prompt')
    ? promptPart(facts, shell, shellHome, request, options, env)
    : off('prompt', 'Prompt fix off');
  const keyboard = enabled('keyboard')
    ? on('keyboard', 'Backspace and UTF-8 line editing (stty iutf8 erase ^?)', [])
    : off('keyboard', 'Keyboard fix off');

  const rc = promptFix.rc;
  // bash takes its rc file as an argument; sh and ash through ENV, which the prompt fix set.
  const bashRc = rc && shell.kind === 'bash' ? ['--rcfile', rc.path] : [];
  const interactive = rc ? [shell.path, ...bashRc, '-i'] : [shell.path];
  // The shell itself runs stty first (it needs the TTY, and must work without an rc file), then replaces itself.
  const cmd = keyboard.fix.applied
    ? [shell.path, '-c', `${STTY}; exec ${shellJoin(interactive)}`]
    : interactive;
  const parts = [term, locale, tz, homeFix, promptFix, keyboard];
  const plan: SessionPlan = {
    shell: shell.path,
    cmd,
    env: parts.flatMap((part) => part.env),
    fixes: parts.map((part) => part.fix),
    ...(rc ? { rcFile: rc.file } : {}),
  };
  return { ok: true, plan };
}
