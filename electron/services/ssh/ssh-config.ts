import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failure } from '../containers/engine-errors';

/** One host of a ProxyJump list: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export interface JumpHost {
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
}

/** What `~/.ssh/config` says about one host alias (only what Bosun uses). */
export interface SshHostConfig {
  readonly hostName?: string;
  readonly user?: string;
  readonly port?: number;
  /** ProxyJump, in connection order (`none` or absent: direct). */
  readonly proxyJump?: readonly JumpHost[];
  /** In the file's order, `~` expanded; OpenSSH skips the ones that do not exist, and so does Bosun. */
  readonly identityFiles: readonly string[];
}

interface Block {
  /** Undefined for lines before the first Host (they apply to every host); empty for a Match block. */
  readonly patterns: readonly string[] | undefined;
  readonly options: [string, string][];
}

function glob(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}

function matches(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (glob(pattern.slice(1), host)) return false;
    } else if (glob(pattern, host)) matched = true;
  }
  return matched;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [{ patterns: undefined, options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.+)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    // Match blocks need conditions Bosun does not evaluate: their options are never applied.
    if (key === 'host') blocks.push({ patterns: value.split(/\s+/).map(unquote), options: [] });
    else if (key === 'match') blocks.push({ patterns: [], options: [] });
    else blocks.at(-1)!.options.push([key, unquote(value)]);
  }
  return blocks;
}

function expandHome(path: string, homeDir: string, host: string, user: string | undefined): string {
  const expanded = path.replace(/%d/g, homeDir).replace(/%h/g, host).replace(/%%/g, '%');
  const withUser = user ? expanded.replace(/%r/g, user) : expanded;
  return withUser.startsWith('~/') ? join(homeDir, withUser.slice(2)) : withUser;
}

/** Resolves an alias as OpenSSH does for these keys: the first value found wins; IdentityFile adds up. */
export function resolveSshConfig(text: string, host: string, homeDir: string): SshHostConfig {
  let hostName: string | undefined;
  let user: string | undefined;
  let port: number | undefined;
  let proxyJump: string | undefined;
  const identities: string[] = [];
  for (const block of parseBlocks(text)) {
    if (block.patterns !== undefined && !matches(block.patterns, host)) continue;
    for (const [key, value] of block.options) {
      if (key === 'hostname') hostName ??= value.replace(/%h/g, host);
      else if (key === 'user') user ??= value;
      else if (key === 'port') {
        const n = Number(value);
        if (port === undefined && Number.isInteger(n) && n > 0 && n < 65536) port = n;
      } else if (key === 'identityfile') identities.push(value);
      else if (key === 'proxyjump') proxyJump ??= value;
    }
  }
  const identityFiles = identities.map((path) => expandHome(path, homeDir, hostName ?? host, user));
  return {
    ...(hostName ? { hostName } : {}),
    ...(user ? { user } : {}),
    ...(port ? { port } : {}),
    ...(proxyJump && proxyJump.toLowerCase() !== 'none' ? { proxyJump: parseProxyJump(proxyJump) } : {}),
    identityFiles,
  };
}

function validPort(text: string, spec: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw failure(
      'INVALID_ARGUMENT',
      `ProxyJump ${spec} in ~/.ssh/config has no valid port.`,
      'Write each jump host as [user@]host[:port], comma-separated.',
    );
  return port;
}

/** `host1,user@host2:2200,[::1]:22,ssh://u@h:p` as OpenSSH reads a ProxyJump value. */
export function parseProxyJump(value: string): JumpHost[] {
  return value.split(',').map((raw) => {
    const spec = raw.trim();
    const rest = spec.replace(/^ssh:\/\//i, '');
    const at = rest.lastIndexOf('@');
    const user = at > 0 ? rest.slice(0, at) : undefined;
    const address = at >= 0 ? rest.slice(at + 1) : rest;
    const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(address);
    const colon = address.lastIndexOf(':');
    // A bare IPv6 address has several colons and no port.
    const single = !bracketed && colon > 0 && address.indexOf(':') === colon;
    const host = bracketed ? bracketed[1]! : single ? address.slice(0, colon) : address;
    const portText = bracketed ? bracketed[2] : single ? address.slice(colon + 1) : undefined;
    if (host === '' || /[\s/]/.test(host))
      throw failure(
        'INVALID_ARGUMENT',
        `ProxyJump ${spec || '(empty)'} in ~/.ssh/config is not a host.`,
        'Write each jump host as [user@]host[:port], comma-separated.',
      );
    return {
      host,
      ...(user ? { user } : {}),
      ...(portText !== undefined ? { port: validPort(portText, spec) } : {}),
    };
  });
}

/** `~/.ssh/config` for one alias; an absent file says nothing. */
export async function readSshConfig(homeDir: string, host: string): Promise<SshHostConfig> {
  const text = await readFile(join(homeDir, '.ssh', 'config'), 'utf8').catch(() => '');
  return resolveSshConfig(text, host, homeDir);
}
