// The resources the simulator serves, as discovery lists them and the router resolves them.

export interface ResourceDef {
  /** Plural name as it appears in paths. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  /** Subresources with their verbs and kinds, e.g. pods/log. */
  readonly subresources?: Readonly<Record<string, { kind: string; verbs: readonly string[] }>>;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];

export const RESOURCES: readonly ResourceDef[] = [
  {
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
  },
  {
    name: 'nodes',
    singularName: 'node',
    kind: 'Node',
    group: '',
    version: 'v1',
    namespaced: false,
    verbs: READ,
    shortNames: ['no'],
  },
  {
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['po'],
    subresources: {
      log: { kind: 'Pod', verbs: ['get'] },
      exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
      attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      ephemeralcontainers: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      status: { kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    },
  },
  {
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW.filter((v) => v !== 'deletecollection'),
    shortNames: ['svc'],
  },
  {
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['cm'],
  },
  {
    name: 'secrets',
    singularName: 'secret',
    kind: 'Secret',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
  },
  {
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['ev'],
  },
  {
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['deploy'],
    subresources: {
      scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'] },
      status: { kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    },
  },
  {
    name: 'replicasets',
    singularName: 'replicaset',
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['rs'],
    subresources: { scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'] } },
  },
  {
    name: 'statefulsets',
    singularName: 'statefulset',
    kind: 'StatefulSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['sts'],
  },
  {
    name: 'daemonsets',
    singularName: 'daemonset',
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    verbs: RW,
    shortNames: ['ds'],
  },
  {
    name: 'jobs',
    singularName: 'job',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    verbs: RW,
  },
  {
    name: 'selfsubjectaccessreviews',
    singularName: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    group: 'authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    verbs: ['create'],
  },
];

export const GROUPS: readonly { name: string; version: string }[] = [
  { name: 'apps', version: 'v1' },
  { name: 'authorization.k8s.io', version: 'v1' },
  { name: 'batch', version: 'v1' },
];

export function findResource(group: string, version: string, name: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
