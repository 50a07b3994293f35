// Synthetic pods for scale tests (thousands of pods): stored and watched like any pod, reported
// Running, but with no engine container behind them — marked by an annotation so nothing mistakes
// them for real ones; logs/exec on them answer "container not found".
import { defaultPod } from './pod-spec';
import type { KubeObject, Store } from './store';

export const SYNTHETIC_ANNOTATION = 'io.bosun.kube-sim/synthetic';

export function seedSyntheticPods(store: Store, namespace: string, count: number, prefix: string): void {
  store.require('namespaces', undefined, namespace);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (let i = 0; i < count; i++) {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${prefix}-${String(i).padStart(5, '0')}`,
        namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
        labels: { app: prefix },
        annotations: { [SYNTHETIC_ANNOTATION]: 'true' },
      },
      spec: { containers: [{ name: 'main', image: 'local/busybox:1' }] },
    };
    defaultPod(pod, namespace);
    pod.status = {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      ],
      hostIP: '172.17.0.1',
      podIP: `10.244.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
      startTime: now,
      qosClass: 'BestEffort',
      containerStatuses: [
        {
          name: 'main',
          image: 'local/busybox:1',
          imageID: '',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: now } },
          lastState: {},
        },
      ],
    };
    store.create('pods', pod);
  }
}
