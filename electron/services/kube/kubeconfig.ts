import { KubeConfig, loadYaml, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { basename, delimiter, dirname, join } from 'node:path';
import type { DiscoveryFs } from '../connections/discovery-fs';
import { slugify, uniqueId } from '../connections/slug';
import type { KubeBlocked, KubeContextSpec } from './kube-cluster';

export interface KubeconfigInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly fs: DiscoveryFs;
}

/** The kubeconfig files kubectl reads: KUBECONFIG's list (":" on Unix), else ~/.kube/config. */
export function kubeconfigPaths(input: Pick<KubeconfigInput, 'env' | 'homeDir'>): string[] {
  const list = input.env.KUBECONFIG;
  if (list !== undefined && list.trim() !== '')
    return [...new Set(list.split(delimiter).filter((path) => path.trim() !== ''))];
  return [join(input.homeDir, '.kube', 'config')];
}

interface Raw {
  readonly name?: unknown;
  readonly [key: string]: unknown;
}

interface FileEntries {
  readonly file: string;
  readonly clusters: Map<string, Cluster | KubeBlocked>;
  readonly users: Map<string, User | KubeBlocked>;
  readonly contexts: Map<string, Context>;
  readonly current?: string;
}

function isBlocked(value: object): value is KubeBlocked {
  return 'reason' in value && 'hint' in value;
}

function rawList(doc: Record<string, unknown>, key: string): Raw[] {
  const value = doc[key];
  return Array.isArray(value) ? value.filter((v): v is Raw => typeof v === 'object' && v !== null) : [];
}

function objectOf(raw: Raw, key: string): Record<string, unknown> | undefined {
  const value = raw[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Why client-node left out a cluster or user entry, in words, from the raw entry. */
function whyDropped(kind: 'cluster' | 'user', raw: Raw, file: string): KubeBlocked {
  const name = String(raw.name);
  if (kind === 'cluster') {
    const body = objectOf(raw, 'cluster');
    return {
      reason: `The cluster "${name}" in ${file} has ${body ? 'no server' : 'no cluster section'}.`,
      hint: `Add clusters[].cluster.server (https://host:port) for "${name}" in ${file}, or run the command that wrote it again.`,
    };
  }
  const tokenFile = objectOf(raw, 'user')?.['token-file'];
  return {
    reason:
      typeof tokenFile === 'string'
        ? `The user "${name}" in ${file} names a token-file that cannot be read (${tokenFile}).`
        : `The user "${name}" in ${file} cannot be read.`,
    hint: `Fix the user "${name}" in ${file} (or create the file it names).`,
  };
}

/** One file's entries by name; invalid ones become reasons. Throws when the file is not a kubeconfig. */
function readEntries(file: string, text: string): FileEntries {
  const parsed: unknown = loadYaml(text);
  const entries: FileEntries = { file, clusters: new Map(), users: new Map(), contexts: new Map() };
  if (parsed === undefined || parsed === null) return entries; // an empty file, as kubectl takes it
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it is not a YAML mapping');
  const doc = parsed as Record<string, unknown>;
  const config = new KubeConfig();
  config.loadFromString(text, { onInvalidEntry: 'filter' });
  config.makePathsAbsolute(dirname(file));
  for (const raw of rawList(doc, 'clusters')) {
    if (typeof raw.name !== 'string' || entries.clusters.has(raw.name)) continue;
    entries.clusters.set(raw.name, config.getCluster(raw.name) ?? whyDropped('cluster', raw, file));
  }
  for (const raw of rawList(doc, 'users')) {
    if (typeof raw.name !== 'string' || entries.users.has(raw.name)) continue;
    entries.users.set(raw.name, config.getUser(raw.name) ?? whyDropped('user', raw, file));
  }
  for (const context of config.getContexts())
    if (!entries.contexts.has(context.name)) entries.contexts.set(context.name, context);
  const current = doc['current-context'];
  return typeof current === 'string' && current !== '' ? { ...entries, current } : entries;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}

/** A file kubectl would refuse, as an entry of its own, so the good files' contexts still show. */
function brokenFile(file: string, reason: string, hint: string): KubeContextSpec {
  return {
    id: `kube-file-${slugify(basename(file), 'kubeconfig')}`,
    name: basename(file),
    current: false,
    file,
    blocked: { reason, hint },
  };
}

/** The context with what it names, or why it cannot be used. */
function contextSpec(
  context: Context,
  file: string,
  clusters: ReadonlyMap<string, { file: string; value: Cluster | KubeBlocked }>,
  users: ReadonlyMap<string, { file: string; value: User | KubeBlocked }>,
  current: boolean,
): Omit<KubeContextSpec, 'id'> {
  const cluster = clusters.get(context.cluster);
  const user = context.user ? users.get(context.user) : undefined;
  const base = {
    name: context.name,
    context: context.name,
    ...(cluster && !isBlocked(cluster.value) ? { server: cluster.value.server } : {}),
    ...(context.user ? { user: context.user } : {}),
    ...(context.namespace ? { namespace: context.namespace } : {}),
    current,
    file,
  };
  const missing = (what: string, name: string): KubeBlocked => ({
    reason: `The context "${context.name}" in ${file} names the ${what} "${name}", which no kubeconfig file defines.`,
    hint: `Add the ${what} "${name}" to ${file} (or to a file in KUBECONFIG), or point the context at one that exists.`,
  });
  if (!cluster) return { ...base, blocked: missing('cluster', context.cluster) };
  if (isBlocked(cluster.value)) return { ...base, blocked: cluster.value };
  // A context without a user is valid (an anonymous or proxied server).
  if (context.user && !user) return { ...base, blocked: missing('user', context.user) };
  if (user && isBlocked(user.value)) return { ...base, blocked: user.value };
  const entries = {
    cluster: cluster.value,
    user: user && !isBlocked(user.value) ? user.value : { name: '' },
    context,
  };
  return { ...base, entries };
}

/**
 * Every context of the kubeconfig files merged as kubectl merges them (the first file that sets a name
 * wins; current-context from the first file that has one). A file that cannot be read or parsed, and a
 * context whose cluster or user is missing or broken, are listed with the reason and what to fix; they
 * never hide the good contexts.
 */
export async function discoverClusters(input: KubeconfigInput): Promise<KubeContextSpec[]> {
  const found: FileEntries[] = [];
  const broken: KubeContextSpec[] = [];
  for (const file of kubeconfigPaths(input)) {
    let text: string | undefined;
    try {
      text = await input.fs.readText(file);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      broken.push(
        brokenFile(
          file,
          `The kubeconfig ${file} cannot be read (${typeof code === 'string' ? code : firstLine(error)}).`,
          `Make it readable by your user (chmod 600 ${file}), or remove it from KUBECONFIG.`,
        ),
      );
      continue;
    }
    if (text === undefined) continue; // kubectl skips listed files that do not exist
    try {
      found.push(readEntries(file, text));
    } catch (error) {
      broken.push(
        brokenFile(
          file,
          `The kubeconfig ${file} is not valid YAML: ${firstLine(error)}.`,
          `Fix the file (kubectl config view --kubeconfig ${file} shows where), or remove it from KUBECONFIG.`,
        ),
      );
    }
  }
  const clusters = new Map<string, { file: string; value: Cluster | KubeBlocked }>();
  const users = new Map<string, { file: string; value: User | KubeBlocked }>();
  const contexts = new Map<string, { file: string; value: Context }>();
  for (const entries of found) {
    for (const [name, value] of entries.clusters)
      if (!clusters.has(name)) clusters.set(name, { file: entries.file, value });
    for (const [name, value] of entries.users)
      if (!users.has(name)) users.set(name, { file: entries.file, value });
    for (const [name, value] of entries.contexts)
      if (!contexts.has(name)) contexts.set(name, { file: entries.file, value });
  }
  const current = found.find((entries) => entries.current !== undefined)?.current;
  const taken = new Set<string>();
  const specs: KubeContextSpec[] = [];
  for (const [name, { file, value }] of contexts) {
    const id = uniqueId(`kube-${slugify(name, 'context')}`, taken);
    taken.add(id);
    specs.push({ id, ...contextSpec(value, file, clusters, users, name === current) });
  }
  for (const spec of broken) {
    const id = uniqueId(spec.id, taken);
    taken.add(id);
    specs.push({ ...spec, id });
  }
  return specs;
}
