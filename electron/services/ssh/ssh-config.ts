import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `~/.ssh/config` says about one host alias (only what Bosun uses; ProxyJump comes later). */
export interface SshHostConfig {
  readonly hostName?: string;
  readonly user?: string;
  readonly port?: number;
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
    }
  }
  const identityFiles = identities.map((path) => expandHome(path, homeDir, hostName ?? host, user));
  return {
    ...(hostName ? { hostName } : {}),
    ...(user ? { user } : {}),
    ...(port ? { port } : {}),
    identityFiles,
  };
}

/** `~/.ssh/config` for one alias; an absent file says nothing. */
export async function readSshConfig(homeDir: string, host: string): Promise<SshHostConfig> {
  const text = await readFile(join(homeDir, '.ssh', 'config'), 'utf8').catch(() => '');
  return resolveSshConfig(text, host, homeDir);
}
