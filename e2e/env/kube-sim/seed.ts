// What a fresh cluster holds: the default namespaces and one node.
import type { KubeObject, Store } from './store';
import { NODE_NAME } from './kube-events';

const meta = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject['metadata'] => ({
  name,
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
  ...extra,
});

export function seedCluster(store: Store): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, { labels: { 'kubernetes.io/metadata.name': name } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  store.create('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(NODE_NAME, {
      labels: {
        'kubernetes.io/hostname': NODE_NAME,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/control-plane': '',
      },
    }),
    spec: { podCIDR: '172.17.0.0/16' },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '172.17.0.1' },
        { type: 'Hostname', address: NODE_NAME },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: 'v1.31.0',
        containerRuntimeVersion: 'docker://20.10.24',
        operatingSystem: 'linux',
        architecture: 'amd64',
        osImage: 'Bosun kube simulator',
        kernelVersion: '',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  });
}
