// Defaults and checks the API server applies on create for the kinds other than pods.
import { createHash, randomUUID } from 'node:crypto';
import { ApiError, type Json } from './status';
import type { KubeObject } from './store';

let nextClusterIp = 10;

function selectorMatches(selector: Json | undefined, labels: Record<string, string> | undefined): boolean {
  const match = (selector?.matchLabels as Record<string, string> | undefined) ?? {};
  return Object.entries(match).every(([k, v]) => labels?.[k] === v);
}

function defaultWorkload(obj: KubeObject, kind: string): void {
  const spec = (obj.spec ??= {}) as Json;
  const template = spec.template as { metadata?: { labels?: Record<string, string> } } | undefined;
  const name = obj.metadata.name;
  if (kind !== 'Job') {
    if (!spec.selector)
      throw new ApiError(422, `${kind}.apps "${name}" is invalid: spec.selector: Required value`, 'Invalid');
    if (!selectorMatches(spec.selector as Json, template?.metadata?.labels)) {
      throw new ApiError(
        422,
        `${kind}.apps "${name}" is invalid: spec.template.metadata.labels: Invalid value: ${JSON.stringify(template?.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\``,
        'Invalid',
      );
    }
  }
  if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet') spec.replicas ??= 1;
  if (kind === 'Deployment') {
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
  }
  obj.status ??= {};
}

/** A Job selects its pods by its own uid, so the uid is chosen here, before the store sees it. */
function defaultJob(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as Json;
  const name = obj.metadata.name;
  const template = (spec.template ??= {}) as { metadata?: { labels?: Record<string, string> }; spec?: Json };
  const policy = template.spec?.restartPolicy;
  if (policy !== 'Never' && policy !== 'OnFailure') {
    throw new ApiError(
      422,
      `Job.batch "${name}" is invalid: spec.template.spec.restartPolicy: ${policy === undefined ? 'Required value' : `Unsupported value: "${String(policy)}"`}: supported values: "OnFailure", "Never"`,
      'Invalid',
    );
  }
  obj.metadata.uid = randomUUID();
  const own = {
    'batch.kubernetes.io/controller-uid': obj.metadata.uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': obj.metadata.uid,
    'job-name': name,
  };
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': obj.metadata.uid } };
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...own } };
  obj.metadata.labels = { ...own, ...obj.metadata.labels };
  obj.status ??= {};
}

export function defaultObject(obj: KubeObject, kind: string, apiVersion: string): void {
  obj.kind = kind;
  obj.apiVersion = apiVersion;
  switch (kind) {
    case 'Namespace':
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      break;
    case 'Service': {
      const spec = (obj.spec ??= {}) as Json;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.clusterIP === undefined) spec.clusterIP = `10.96.0.${nextClusterIp++ % 250}`;
      spec.clusterIPs ??= spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP];
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      for (const port of (spec.ports as Json[] | undefined) ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      obj.status ??= { loadBalancer: {} };
      break;
    }
    case 'Secret': {
      obj.type ??= 'Opaque';
      const stringData = obj.stringData as Record<string, string> | undefined;
      if (stringData) {
        const data = (obj.data ??= {}) as Record<string, string>;
        for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(v).toString('base64');
        delete obj.stringData;
      }
      break;
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      defaultWorkload(obj, kind);
      break;
    case 'Job':
      defaultJob(obj);
      break;
    default:
      break;
  }
}

/** pod-template-hash as the deployment controller derives it from the template. */
export function templateHash(template: unknown): string {
  // The controller's alphabet has no vowels or look-alike digits, so a hash never spells a word.
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  return [...digest.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function selectorString(selector: Json | undefined): string {
  const match = (selector?.matchLabels as Record<string, string> | undefined) ?? {};
  return Object.entries(match)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
