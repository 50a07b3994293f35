import { AppError } from './errors';

/** Where an engine listens, parsed. `ssh` is parsed so it can be listed honestly, not dialled. */
export type Endpoint =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'npipe'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'ssh'; readonly user?: string; readonly host: string; readonly port?: number };

/** The result of checking an endpoint: the parsed endpoint, or why it cannot work (a clause for people). */
export type EndpointCheck =
  { readonly ok: true; readonly endpoint: Endpoint } | { readonly ok: false; readonly why: string };

export const ENDPOINT_EXAMPLES =
  'unix:///var/run/docker.sock, tcp://192.168.1.10:2376 or npipe:////./pipe/docker_engine';

// A hostname of RFC 1123 labels, or a bracketed IPv6 literal.
const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)`;
const TCP = new RegExp(String.raw`^tcp://${HOST}(?::(\d{1,5}))?/?$`, 'i');
const SSH = new RegExp(String.raw`^ssh://(?:([A-Za-z0-9._-]{1,64})@)?${HOST}(?::(\d{1,5}))?/?$`, 'i');
const NPIPE = /^npipe:\/\/(\/\/[A-Za-z0-9.-]+\/pipe\/[A-Za-z0-9._-]{1,200})$/i;

class Invalid {
  constructor(readonly why: string) {}
}

/**
 * posix.normalize for absolute paths, in plain string logic: this module runs in the renderer too,
 * where node:path does not exist. Like node, it keeps a trailing slash (the caller rejects it).
 */
export function normalizeAbsolutePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const joined = `/${parts.join('/')}`;
  return path.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Invalid(`the port must be a number from 1 to 65535 (got ${text})`);
  return port;
}

function parse(raw: string): Endpoint {
  // Control characters, spaces and NULs have no place in an endpoint and can smuggle paths.
  if (/[\s\p{Cc}]/u.test(raw)) throw new Invalid('an endpoint has no spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'unix': {
      const path = raw.slice('unix://'.length);
      if (!path.startsWith('/'))
        throw new Invalid('a unix socket needs an absolute path after unix:// (three slashes)');
      const normalized = normalizeAbsolutePath(path);
      if (normalized === '/' || normalized.endsWith('/'))
        throw new Invalid('the path names a directory, not a socket');
      return { kind: 'unix', path: normalized };
    }
    case 'tcp': {
      const match = TCP.exec(raw);
      if (!match)
        throw new Invalid(
          'tcp:// takes a host name or IP address and a port, and nothing else (nothing after the port)',
        );
      const port = parsePort(match[2]);
      if (port === undefined) throw new Invalid('add the port (2375 for plain TCP, 2376 for TLS)');
      return { kind: 'tcp', host: match[1]!.toLowerCase(), port };
    }
    case 'npipe': {
      const match = NPIPE.exec(raw);
      if (!match) throw new Invalid('a named pipe looks like npipe:////./pipe/docker_engine');
      return { kind: 'npipe', path: match[1]! };
    }
    case 'ssh': {
      const match = SSH.exec(raw);
      if (!match) throw new Invalid('an SSH endpoint looks like ssh://user@host or ssh://user@host:22');
      const port = parsePort(match[3]);
      return {
        kind: 'ssh',
        host: match[2]!.toLowerCase(),
        ...(match[1] !== undefined ? { user: match[1] } : {}),
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'http':
    case 'https':
      throw new Invalid(`write it as tcp://host:port (Docker endpoints use tcp://, not ${scheme}://)`);
    case undefined:
      if (raw.startsWith('/'))
        throw new Invalid(`there is no scheme. Put unix:// in front of the path: unix://${raw}`);
      throw new Invalid(
        'there is no scheme. Start with unix:// (a socket path), tcp:// (host and port) or npipe:// (a named pipe)',
      );
    default:
      throw new Invalid(`the scheme ${scheme}:// is not supported`);
  }
}

/** Checks an endpoint as people write it, without throwing: what the add form shows while you type. */
export function checkEndpoint(input: string): EndpointCheck {
  try {
    return { ok: true, endpoint: parse(input.trim()) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, why: error.why };
    throw error;
  }
}

/**
 * Parses an endpoint as people write it. Throws INVALID_ARGUMENT with a correct example, so a
 * malformed URL never reaches the store or a socket.
 */
export function parseEndpoint(input: string): Endpoint {
  const checked = checkEndpoint(input);
  if (checked.ok) return checked.endpoint;
  const raw = input.trim().replace(/\p{Cc}/gu, '?');
  const shown = raw.length > 120 ? `${raw.slice(0, 120)}…` : raw;
  const why = checked.why.length > 200 ? `${checked.why.slice(0, 200)}…` : checked.why;
  return invalid(shown, why);
}

function invalid(shown: string, why: string): never {
  throw new AppError(
    'INVALID_ARGUMENT',
    `"${shown}" is not a usable engine endpoint: ${why}. Examples: ${ENDPOINT_EXAMPLES}.`,
    { field: 'endpoint' },
  );
}

/** The canonical text of an endpoint: what the list shows and what deduplication compares. */
export function formatEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'unix':
      return `unix://${endpoint.path}`;
    case 'npipe':
      return `npipe://${endpoint.path}`;
    case 'tcp':
      return `tcp://${endpoint.host}:${endpoint.port}`;
    case 'ssh':
      return `ssh://${endpoint.user ? `${endpoint.user}@` : ''}${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ''}`;
  }
}
