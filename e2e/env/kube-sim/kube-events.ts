// core/v1 Events about objects, written as the scheduler and kubelet write them.
import { randomBytes } from 'node:crypto';
import type { KubeObject, Store } from './store';

export const NODE_NAME = 'sim-node';

export class EventRecorder {
  constructor(private readonly store: Store) {}

  record(
    about: KubeObject,
    reason: string,
    message: string,
    options: { type?: 'Normal' | 'Warning'; component?: string; fieldPath?: string } = {},
  ): void {
    const namespace = about.metadata.namespace ?? 'default';
    if (!this.store.get('namespaces', undefined, namespace)) return;
    const now = new Date().toISOString();
    const component = options.component ?? 'kubelet';
    const involved: Record<string, unknown> = {
      kind: about.kind,
      namespace,
      name: about.metadata.name,
      uid: about.metadata.uid,
      apiVersion: about.apiVersion,
      resourceVersion: about.metadata.resourceVersion,
    };
    if (options.fieldPath) involved.fieldPath = options.fieldPath;
    this.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${about.metadata.name}.${randomBytes(8).toString('hex')}`,
        namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
      },
      involvedObject: involved,
      reason,
      message,
      source: component === 'kubelet' ? { component, host: NODE_NAME } : { component },
      firstTimestamp: now.replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: now.replace(/\.\d+Z$/, 'Z'),
      count: 1,
      type: options.type ?? 'Normal',
      eventTime: null,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? NODE_NAME : '',
    });
  }
}
