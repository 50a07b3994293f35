// Container environment as the kubelet builds it: literal values, and values from ConfigMaps and
// Secrets (env[].valueFrom and envFrom) read from the store when the container starts.
import type { ContainerSpec } from './pod-runtime';
import type { KubeObject, Store } from './store';

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: { fieldPath?: string } };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name?: string };
  secretRef?: { name?: string };
}

function dataOf(
  store: Store,
  kind: 'configmaps' | 'secrets',
  namespace: string,
  name: string | undefined,
): Record<string, string> {
  const obj = name ? store.get(kind, namespace, name) : undefined;
  const data = (obj?.data as Record<string, string> | undefined) ?? {};
  if (kind === 'configmaps') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

function fieldOf(pod: KubeObject, path: string | undefined): string | undefined {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return String((pod.spec as { nodeName?: string }).nodeName ?? '');
    default:
      return undefined;
  }
}

/** The resolved `name=value` list; missing optional references are skipped, as the kubelet does. */
export function resolveEnv(
  store: Store,
  pod: KubeObject,
  container: ContainerSpec,
): { name: string; value: string }[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out = new Map<string, string>();
  for (const from of (container as { envFrom?: EnvFrom[] }).envFrom ?? []) {
    const data = from.configMapRef
      ? dataOf(store, 'configmaps', ns, from.configMapRef.name)
      : dataOf(store, 'secrets', ns, from.secretRef?.name);
    for (const [k, v] of Object.entries(data)) out.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const env of (container.env ?? []) as EnvVar[]) {
    const ref = env.valueFrom;
    let value = env.value;
    if (ref?.configMapKeyRef)
      value = dataOf(store, 'configmaps', ns, ref.configMapKeyRef.name)[ref.configMapKeyRef.key ?? ''];
    else if (ref?.secretKeyRef)
      value = dataOf(store, 'secrets', ns, ref.secretKeyRef.name)[ref.secretKeyRef.key ?? ''];
    else if (ref?.fieldRef) value = fieldOf(pod, ref.fieldRef.fieldPath);
    if (value !== undefined) out.set(env.name, value);
    else if (!ref) out.set(env.name, '');
  }
  return [...out].map(([name, value]) => ({ name, value }));
}
