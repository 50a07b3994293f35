import { realpath } from 'node:fs/promises';
import type { ConnectionSpec } from './spec';

/** Resolves symlinks; the path as given when it cannot (the socket is not there yet). */
export type ResolvePath = (path: string) => Promise<string>;

const realpathOrSelf: ResolvePath = (path) => realpath(path).catch(() => path);

/**
 * What makes two connections the same engine, dialled the same way. Every place that asks "is this
 * engine listed already?" (discovery's dedupe, connections.add's duplicate check, the merge of
 * discovered and user-added connections) uses this one key, so they cannot disagree.
 *
 * unix → the socket's real path (a symlink to a listed socket is that socket), else the normalized
 * path; npipe → lowercased (Windows pipe names are case-insensitive); tcp → lowercased host:port plus
 * whether TLS is used (plain and TLS on one port are different ways in); anything unparsed keeps its
 * raw text.
 */
export async function engineKey(
  spec: Pick<ConnectionSpec, 'endpoint' | 'target' | 'tls'>,
  resolve: ResolvePath = realpathOrSelf,
): Promise<string> {
  const target = spec.target;
  switch (target?.kind) {
    case 'unix':
      return `unix://${await resolve(target.path)}`;
    case 'npipe':
      return `npipe://${target.path.toLowerCase()}`;
    case 'tcp':
      return `tcp://${target.host.toLowerCase()}:${target.port}${spec.tls ? '+tls' : ''}`;
    case 'ssh':
      return `ssh://${target.user ? `${target.user}@` : ''}${target.host.toLowerCase()}:${target.port ?? 22}`;
    case undefined:
      return `raw:${spec.endpoint}`;
  }
}
