import { posix } from 'node:path';
import { AppError } from '../../shared/errors';

/** Where an engine listens, parsed. `ssh` is parsed so it can be listed honestly, not dialled. */
export type Endpoint =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'npipe'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'ssh'; readonly user?: string; readonly host: string; readonly port?: number };

const EXAMPLES = 'unix:///var/run/docker.sock, tcp://192.168.1.10:2376 or npipe:////./pipe/docker_engine';

// A hostname of RFC 1123 labels, or a bracketed IPv6 literal.
const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)`;
const TCP = new RegExp(String.raw`^tcp://${HOST}(?::(\d{1,5}))?/?$`, 'i');
const SSH = new RegExp(String.raw`^ssh://(?:([A-Za-z0-9._-]{1,64})@)?${HOST}(?::(\d{1,5}))?/?$`, 'i');
const NPIPE = /^npipe:\/\/(\/\/[A-Za-z0-9.-]+\/pipe\/[A-Za-z0-9._-]{1,200})$/i;

function invalid(raw: string, why: string): AppError {
  const shown = raw.length > 120 ? `${raw.slice(0, 120)}…` : raw;
  return new AppError(
    'INVALID_ARGUMENT',
    `"${shown}" is not a usable engine endpoint: ${why}. Examples: ${EXAMPLES}.`,
    {
      field: 'endpoint',
    },
  );
}

function parsePort(raw: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(raw, `the port must be a number from 1 to 65535 (got ${text})`);
  }
  return port;
}

/**
 * Parses an endpoint as people write it. Throws INVALID_ARGUMENT with a correct example, so a
 * malformed URL never reaches the store or a socket.
 */
export function parseEndpoint(input: string): Endpoint {
  const raw = input.trim();
  // Control characters, spaces and NULs have no place in an endpoint and can smuggle paths.
  if (/[\s\p{Cc}]/u.test(raw))
    throw invalid(raw.replace(/\p{Cc}/gu, '?'), 'it contains spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'unix': {
      const path = raw.slice('unix://'.length);
      if (!path.startsWith('/'))
        throw invalid(raw, 'a unix socket needs an absolute path after unix:// (three slashes)');
      const normalized = posix.normalize(path);
      if (normalized === '/' || normalized.endsWith('/'))
        throw invalid(raw, 'the path names a directory, not a socket');
      return { kind: 'unix', path: normalized };
    }
    case 'tcp': {
      const match = TCP.exec(raw);
      if (!match) throw invalid(raw, 'tcp:// takes a host name or IP address and a port, and nothing else');
      const port = parsePort(raw, match[2]);
      if (port === undefined) throw invalid(raw, 'add the port (2375 for plain TCP, 2376 for TLS)');
      return { kind: 'tcp', host: match[1]!.toLowerCase(), port };
    }
    case 'npipe': {
      const match = NPIPE.exec(raw);
      if (!match) throw invalid(raw, 'a named pipe looks like npipe:////./pipe/docker_engine');
      return { kind: 'npipe', path: match[1]! };
    }
    case 'ssh': {
      const match = SSH.exec(raw);
      if (!match) throw invalid(raw, 'an SSH endpoint looks like ssh://user@host or ssh://user@host:22');
      const port = parsePort(raw, match[3]);
      return {
        kind: 'ssh',
        host: match[2]!.toLowerCase(),
        ...(match[1] !== undefined ? { user: match[1] } : {}),
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'http':
    case 'https':
      throw invalid(raw, `write it as tcp://host:port (Docker endpoints do not use ${scheme}://)`);
    case undefined:
      throw invalid(raw, 'it has no scheme (unix://, tcp:// or npipe://)');
    default:
      throw invalid(raw, `the scheme ${scheme}:// is not supported`);
  }
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
