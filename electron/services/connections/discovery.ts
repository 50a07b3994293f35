import { join } from 'node:path';
import type { ConnectionSource } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { contextDigest, readContextStore, type DockerContext } from './discovery-contexts';
import { nodeDiscoveryFs, type DiscoveryFs } from './discovery-fs';
import { formatEndpoint, parseEndpoint, type Endpoint } from '../../shared/endpoint';
import { engineKey } from './engine-key';
import { slugify, uniqueId } from './slug';
import { blockSsh } from './ssh-blocked';
import type { ConnectionSpec, TlsFiles } from './spec';

/** Machine-wide socket paths; tests point them into a temp dir so they never see this machine's engines. */
export interface SystemPaths {
  readonly defaultSocket: string;
  readonly podmanRootfulSocket: string;
}

export const SYSTEM_PATHS: SystemPaths = {
  defaultSocket: '/var/run/docker.sock',
  podmanRootfulSocket: '/run/podman/podman.sock',
};

export interface DiscoveryInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly fs?: DiscoveryFs;
  readonly paths?: SystemPaths;
}

export interface Discovery {
  readonly specs: ConnectionSpec[];
  /** Sources that could not be read; everything else was still discovered. */
  readonly problems: string[];
}

type Draft = { -readonly [K in keyof ConnectionSpec]: ConnectionSpec[K] };

// When two sources name the same engine, the most specific one is kept (a named context carries TLS
// material and a name; the default socket is only a guess).
const SPECIFICITY: Record<ConnectionSource, number> = {
  context: 4,
  'docker-host': 3,
  user: 3,
  podman: 2,
  'default-socket': 1,
};

function fromEndpoint(base: Omit<Draft, 'endpoint' | 'target'>, raw: string): Draft {
  let target: Endpoint;
  try {
    target = parseEndpoint(raw);
  } catch (error) {
    const why =
      error instanceof AppError ? error.message : `"${raw.slice(0, 120)}" is not a usable engine endpoint.`;
    return { ...base, endpoint: raw, blocked: { reason: why, hint: 'Fix the value where it is set.' } };
  }
  return blockSsh({ ...base, endpoint: formatEndpoint(target), target });
}

async function dockerHostTls(input: DiscoveryInput, fs: DiscoveryFs): Promise<TlsFiles | undefined> {
  const verify = Boolean(input.env.DOCKER_TLS_VERIFY);
  if (!verify && !input.env.DOCKER_TLS) return undefined;
  const dir = input.env.DOCKER_CERT_PATH || join(input.homeDir, '.docker');
  const files: { ca?: string; cert?: string; key?: string } = {};
  for (const name of ['ca', 'cert', 'key'] as const) {
    const path = join(dir, `${name}.pem`);
    if (await fs.exists(path)) files[name] = path;
  }
  return { verify, ...files };
}

function contextSpec(context: DockerContext, id: string, current: boolean): Draft {
  const base = { id, name: context.name, source: 'context' as const, contextName: context.name, current };
  if (context.blocked || !context.target) {
    return { ...base, endpoint: context.endpoint, ...(context.blocked ? { blocked: context.blocked } : {}) };
  }
  return blockSsh({
    ...base,
    endpoint: context.endpoint,
    target: context.target,
    ...(context.tls ? { tls: context.tls } : {}),
  });
}

/** A name a person recognises: where the engine is (a socket on this machine is "Local Docker"). */
export function dockerHostName(raw: string): string {
  const scheme = raw.slice(0, raw.indexOf('://'));
  if (scheme === 'unix' || scheme === 'npipe') return 'Local Docker';
  const rest = raw.slice(raw.indexOf('://') + 3).replace(/\/.*$/, '');
  return rest || 'DOCKER_HOST';
}

const SOURCE_LABEL: Record<ConnectionSpec['source'], string> = {
  'docker-host': 'DOCKER_HOST',
  'default-socket': 'default socket',
  context: 'context',
  podman: 'Podman',
  user: 'added',
};

/** Two engines with one name (DOCKER_HOST on another local socket) are told apart by their source. */
export function disambiguateNames(specs: readonly ConnectionSpec[]): ConnectionSpec[] {
  const counts = new Map<string, number>();
  for (const spec of specs) counts.set(spec.name, (counts.get(spec.name) ?? 0) + 1);
  return specs.map((spec) =>
    (counts.get(spec.name) ?? 0) > 1
      ? { ...spec, name: `${spec.name} (${SOURCE_LABEL[spec.source]})` }
      : spec,
  );
}

/** Where the docker CLI keeps config.json and its contexts. */
export function dockerConfigDir(input: Pick<DiscoveryInput, 'env' | 'homeDir'>): string {
  return input.env.DOCKER_CONFIG || join(input.homeDir, '.docker');
}

/** Podman's sockets, rootless (per user) first. */
export function podmanSockets(input: Pick<DiscoveryInput, 'env' | 'paths'>): string[] {
  const paths = input.paths ?? SYSTEM_PATHS;
  return [
    ...(input.env.XDG_RUNTIME_DIR ? [join(input.env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : []),
    paths.podmanRootfulSocket,
  ];
}

/** The engines this machine's docker CLI, environment and Podman know about; never throws. */
export async function discover(input: DiscoveryInput): Promise<Discovery> {
  const fs = input.fs ?? nodeDiscoveryFs;
  const paths = input.paths ?? SYSTEM_PATHS;
  const env = input.env;
  const drafts: Draft[] = [];

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const raw = dockerHost.includes('://') ? dockerHost : `tcp://${dockerHost}`;
    const draft = fromEndpoint(
      { id: 'docker-host', name: dockerHostName(raw), source: 'docker-host', current: true },
      raw,
    );
    const tls = draft.target?.kind === 'tcp' ? await dockerHostTls(input, fs) : undefined;
    drafts.push(tls ? { ...draft, tls } : draft);
  }

  const configDir = dockerConfigDir(input);
  const store = await readContextStore(fs, configDir);
  const problems = [...store.problems];
  const wanted = dockerHost ? 'default' : env.DOCKER_CONTEXT || store.currentContext || 'default';
  const contextIds = new Set<string>();
  for (const context of store.contexts) {
    const id = uniqueId(`context-${slugify(context.name)}`, contextIds);
    contextIds.add(id);
    const current =
      wanted !== 'default' && (context.name === wanted || context.dir === contextDigest(wanted));
    drafts.push(contextSpec(context, id, current));
  }
  if (
    wanted !== 'default' &&
    !store.contexts.some((c) => c.name === wanted || c.dir === contextDigest(wanted))
  ) {
    const from = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : `${join(configDir, 'config.json')} (currentContext)`;
    drafts.push({
      id: uniqueId(`context-${slugify(wanted)}`, contextIds),
      name: wanted,
      endpoint: 'unknown',
      source: 'context',
      contextName: wanted,
      current: true,
      blocked: {
        reason: `The current docker context "${wanted}", named by ${from}, does not exist.`,
        hint: 'Pick an existing one with docker context use NAME (docker context ls lists them).',
      },
    });
  }

  if (await fs.exists(paths.defaultSocket)) {
    drafts.push({
      id: 'default-socket',
      name: 'Local Docker',
      endpoint: formatEndpoint({ kind: 'unix', path: paths.defaultSocket }),
      target: { kind: 'unix', path: paths.defaultSocket },
      source: 'default-socket',
      current: wanted === 'default' && !dockerHost,
    });
  }

  for (const path of podmanSockets(input)) {
    if (!(await fs.exists(path))) continue;
    const target: Endpoint = { kind: 'unix', path };
    drafts.push({
      id: 'podman',
      name: 'Podman',
      endpoint: formatEndpoint(target),
      target,
      source: 'podman',
      current: false,
    });
    break;
  }

  return { specs: disambiguateNames(await dedupe(drafts, fs)), problems };
}

async function dedupe(drafts: Draft[], fs: DiscoveryFs): Promise<ConnectionSpec[]> {
  const byKey = new Map<string, Draft>();
  const keep: Draft[] = [];
  for (const draft of drafts) {
    if (!draft.target || draft.blocked) {
      keep.push(draft);
      continue;
    }
    const key = await engineKey(draft, (path) => fs.resolve(path));
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, draft);
      keep.push(draft);
      continue;
    }
    const winner = SPECIFICITY[draft.source] > SPECIFICITY[seen.source] ? draft : seen;
    const merged = { ...winner, current: seen.current || draft.current };
    byKey.set(key, merged);
    keep[keep.indexOf(seen)] = merged;
  }
  return keep;
}
