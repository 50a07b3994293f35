// Validation and defaulting of a pod as the API server does it on create.
import { randomBytes } from 'node:crypto';
import { ApiError, type Json } from './status';
import type { KubeObject } from './store';
import type { ContainerSpec } from './pod-runtime';
import { NODE_NAME } from './kube-events';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function generateSuffix(): string {
  return [...randomBytes(5)].map((b) => GENERATE_CHARS[b % GENERATE_CHARS.length]).join('');
}

function invalidPod(name: string, causes: { field: string; message: string }[]): ApiError {
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiError(422, `Pod "${name}" is invalid: ${causes.length > 1 ? `[${list}]` : list}`, 'Invalid', {
    name,
    kind: 'Pod',
    causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** Names the object (generateName), checks it against the DNS-1123 rules, and returns its name. */
export function assignName(obj: KubeObject, kind: string): string {
  const meta = obj.metadata ?? ({} as KubeObject['metadata']);
  obj.metadata = meta;
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${generateSuffix()}`;
  if (!meta.name) {
    throw new ApiError(
      422,
      `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
      'Invalid',
    );
  }
  if (!DNS1123_SUBDOMAIN.test(meta.name) || meta.name.length > 253) {
    throw new ApiError(
      422,
      `${kind} "${meta.name}" is invalid: metadata.name: Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      'Invalid',
    );
  }
  return meta.name;
}

export function containersOf(pod: KubeObject, field = 'containers'): ContainerSpec[] {
  const spec = pod.spec as Json | undefined;
  return ((spec?.[field] as ContainerSpec[] | undefined) ?? []).slice();
}

export function validateContainers(
  name: string,
  containers: unknown,
  field: string,
  required: boolean,
): void {
  const causes: { field: string; message: string }[] = [];
  if (!Array.isArray(containers) || containers.length === 0) {
    if (required) throw invalidPod(name, [{ field: `spec.${field}`, message: 'Required value' }]);
    return;
  }
  const seen = new Set<string>();
  containers.forEach((c: Partial<ContainerSpec>, i) => {
    const at = `spec.${field}[${i}]`;
    if (!c.name) causes.push({ field: `${at}.name`, message: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name))
      causes.push({
        field: `${at}.name`,
        message: `Invalid value: "${c.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`,
      });
    else if (seen.has(c.name)) causes.push({ field: `${at}.name`, message: `Duplicate value: "${c.name}"` });
    if (c.name) seen.add(c.name);
    if (!c.image) causes.push({ field: `${at}.image`, message: 'Required value' });
  });
  if (causes.length > 0) throw invalidPod(name, causes);
}

/** Fills the defaults a real API server adds, and the status of a pod just scheduled. */
export function defaultPod(pod: KubeObject, namespace: string): void {
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata.namespace = namespace;
  const spec = pod.spec as Json;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  spec.nodeName ??= NODE_NAME;
  for (const c of containersOf(pod) as (ContainerSpec & Json)[]) {
    c.imagePullPolicy ??= c.image.endsWith(':latest') || !c.image.includes(':') ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
  }
  pod.status = { phase: 'Pending', conditions: [], qosClass: 'BestEffort' };
}

/** Only these may change on a running pod (the rest of spec is immutable). */
export function checkPodUpdate(current: KubeObject, next: KubeObject): void {
  const strip = (pod: KubeObject): string => {
    const spec = structuredClone(pod.spec ?? {}) as Json;
    for (const c of (spec.containers as Json[] | undefined) ?? []) delete c.image;
    delete spec.activeDeadlineSeconds;
    delete spec.tolerations;
    delete spec.terminationGracePeriodSeconds;
    delete spec.ephemeralContainers;
    return JSON.stringify(spec);
  };
  if (strip(current) !== strip(next)) {
    throw new ApiError(
      422,
      `Pod "${current.metadata.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
      'Invalid',
    );
  }
  const images = (pod: KubeObject): string => JSON.stringify(containersOf(pod).map((c) => c.image));
  if (images(current) !== images(next)) {
    throw new ApiError(
      422,
      `Pod "${current.metadata.name}" is invalid: spec.containers[*].image: Forbidden: this simulator does not restart containers on an image change; delete and recreate the pod`,
      'Invalid',
    );
  }
}
