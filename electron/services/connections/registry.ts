import { AppError } from '../../shared/errors';
import { parseEndpoint } from '../../shared/endpoint';
import { engineKey, type ResolvePath } from './engine-key';
import { uniqueId } from './slug';
import type { ConnectionSpec } from './spec';
import type { StoredConnection } from './store';

/** A stored user-added connection as a spec (the store only keeps endpoints that parse). */
export function userSpec(stored: StoredConnection): ConnectionSpec {
  return {
    id: stored.id,
    name: stored.name,
    endpoint: stored.endpoint,
    target: parseEndpoint(stored.endpoint),
    source: 'user',
    current: false,
    ...(stored.tls ? { tls: { verify: true, ...stored.tls } } : {}),
    ...(stored.ssh ? { ssh: { ...stored.ssh } } : {}),
  };
}

/**
 * Discovered and user-added connections as one list. A user entry keeps its id; a discovered engine
 * the user also added is listed once (the user's entry, flagged current when the discovered one was),
 * and a discovered id that collides with a user id gets a suffix.
 */
export async function mergeSpecs(
  discovered: readonly ConnectionSpec[],
  user: readonly ConnectionSpec[],
  resolve?: ResolvePath,
): Promise<ConnectionSpec[]> {
  const userByKey = new Map<string, ConnectionSpec>();
  for (const spec of user) userByKey.set(await engineKey(spec, resolve), spec);
  const currentUser = new Set<string>();
  const taken = new Set(user.map((spec) => spec.id));
  const merged: ConnectionSpec[] = [];
  for (const spec of discovered) {
    const twin = spec.target && !spec.blocked ? userByKey.get(await engineKey(spec, resolve)) : undefined;
    if (twin) {
      if (spec.current) currentUser.add(twin.id);
      continue;
    }
    const id = uniqueId(spec.id, taken);
    taken.add(id);
    merged.push(id === spec.id ? spec : { ...spec, id });
  }
  for (const spec of user) merged.push(currentUser.has(spec.id) ? { ...spec, current: true } : spec);
  return merged;
}

/** Why a discovered connection cannot be removed in Bosun, and where to remove it instead. */
export function discoveredConflict(spec: ConnectionSpec): AppError {
  const where: Record<Exclude<ConnectionSpec['source'], 'user'>, string> = {
    'docker-host':
      'comes from the DOCKER_HOST environment variable. Unset it in the environment Bosun starts from',
    context: `is the docker context "${spec.contextName ?? spec.name}". Remove it with docker context rm ${spec.contextName ?? spec.name}`,
    'default-socket': `is the default Docker socket (${spec.endpoint}), listed because it exists. Stop that engine to make it go`,
    podman: `is Podman's socket (${spec.endpoint}), listed because it exists. Stop it with systemctl --user disable --now podman.socket`,
  };
  const text = spec.source === 'user' ? 'was added by you' : where[spec.source];
  return new AppError(
    'CONFLICT',
    `"${spec.name}" was discovered on this machine, not added in Bosun: it ${text}.`,
    {
      source: spec.source,
    },
  );
}
