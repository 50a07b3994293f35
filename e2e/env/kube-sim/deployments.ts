// A small deployment + replicaset controller and garbage collector: a deployment owns one ReplicaSet
// per pod template (pod-template-hash), the current one scaled to spec.replicas and older ones to 0;
// a ReplicaSet keeps its pod count; deleting an owner deletes what it owns.
import type { EventRecorder } from './kube-events';
import { generateSuffix } from './pod-spec';
import type { Pods } from './pods';
import { templateHash } from './object-defaults';
import { ownedBy } from './owners';
import { updateDeploymentStatus } from './workload-status';
import type { Json } from './status';
import type { Change, KubeObject, Store } from './store';

const REVISION = 'deployment.kubernetes.io/revision';

function ownerRef(owner: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export class WorkloadController {
  private scheduled: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly pods: Pods,
    private readonly events: EventRecorder,
  ) {
    this.unsubscribe = store.subscribe((change) => this.onChange(change));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.scheduled);
  }

  private onChange(change: Change): void {
    if (
      change.resource === 'deployments' ||
      change.resource === 'replicasets' ||
      change.resource === 'pods'
    ) {
      if (change.type === 'DELETED') this.collect(change.object);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.reconcileAll();
    }, 5);
  }

  /** Garbage collection (background propagation) of what a deleted owner owned. */
  private collect(owner: KubeObject): void {
    if (owner.kind !== 'Deployment' && owner.kind !== 'ReplicaSet') return;
    for (const rs of this.store.list('replicasets', owner.metadata.namespace)) {
      if (ownedBy(rs, owner)) this.store.delete('replicasets', rs.metadata.namespace, rs.metadata.name);
    }
    for (const pod of this.store.list('pods', owner.metadata.namespace)) {
      if (ownedBy(pod, owner) && !pod.metadata.deletionTimestamp)
        this.pods.delete(pod.metadata.namespace!, pod.metadata.name, undefined);
    }
  }

  private reconcileAll(): void {
    if (this.stopped) return;
    for (const d of this.store.list('deployments')) this.reconcileDeployment(d);
    for (const rs of this.store.list('replicasets')) this.reconcileReplicaSet(rs);
    for (const d of this.store.list('deployments')) updateDeploymentStatus(this.store, d);
  }

  private reconcileDeployment(d: KubeObject): void {
    if (d.metadata.deletionTimestamp) return;
    const spec = d.spec as Json;
    const ns = d.metadata.namespace!;
    const hash = templateHash(spec.template);
    const owned = this.store.list('replicasets', ns).filter((rs) => ownedBy(rs, d));
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revisions = owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
    const revision = String(Math.max(0, ...revisions) + (current ? 0 : 1));
    if (!current) {
      const template = structuredClone(spec.template ?? {}) as {
        metadata?: { labels?: Record<string, string> };
      };
      template.metadata ??= {};
      template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
      const selector = structuredClone((spec.selector as Json) ?? {});
      selector.matchLabels = { ...(selector.matchLabels as Json), 'pod-template-hash': hash };
      current = this.store.create('replicasets', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: ns,
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
          labels: template.metadata.labels,
          annotations: {
            [REVISION]: revision,
            'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
          },
          ownerReferences: [ownerRef(d)],
        },
        spec: { replicas: spec.replicas, selector, template },
        status: { replicas: 0 },
      });
      this.events.record(
        d,
        'ScalingReplicaSet',
        `Scaled up replica set ${current.metadata.name} from 0 to ${String(spec.replicas)}`,
        { component: 'deployment-controller' },
      );
    }
    this.setReplicas(current, Number(spec.replicas ?? 1), d);
    for (const rs of owned) if (rs !== current) this.setReplicas(rs, 0, d);
    if (d.metadata.annotations?.[REVISION] !== current.metadata.annotations?.[REVISION]) {
      this.store.update('deployments', ns, d.metadata.name, (draft) => {
        draft.metadata.annotations = {
          ...draft.metadata.annotations,
          [REVISION]: current.metadata.annotations?.[REVISION] ?? '1',
        };
      });
    }
  }

  private setReplicas(rs: KubeObject, replicas: number, d: KubeObject): void {
    const before = Number((rs.spec as Json).replicas ?? 0);
    if (before === replicas) return;
    this.store.update('replicasets', rs.metadata.namespace, rs.metadata.name, (draft) => {
      (draft.spec as Json).replicas = replicas;
    });
    const verb = replicas > before ? 'up' : 'down';
    this.events.record(
      d,
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} from ${before} to ${replicas}`,
      { component: 'deployment-controller' },
    );
  }

  private podsOf(rs: KubeObject): KubeObject[] {
    return this.store
      .list('pods', rs.metadata.namespace)
      .filter((p) => ownedBy(p, rs) && !p.metadata.deletionTimestamp);
  }

  private reconcileReplicaSet(rs: KubeObject): void {
    const spec = rs.spec as Json;
    const want = Number(spec.replicas ?? 1);
    const pods = this.podsOf(rs);
    const template = (spec.template ?? {}) as { metadata?: KubeObject['metadata']; spec?: Json };
    for (let i = pods.length; i < want; i++) {
      const pod = this.pods.create(rs.metadata.namespace!, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rs.metadata.name}-${generateSuffix()}`,
          namespace: rs.metadata.namespace,
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
          labels: { ...template.metadata?.labels },
          annotations: { ...template.metadata?.annotations },
          ownerReferences: [ownerRef(rs)],
        },
        spec: structuredClone(template.spec ?? {}),
      });
      this.events.record(rs, 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, {
        component: 'replicaset-controller',
      });
    }
    const extra = pods
      .sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))
      .slice(0, Math.max(0, pods.length - want));
    for (const pod of extra) {
      this.pods.delete(pod.metadata.namespace!, pod.metadata.name, undefined);
      this.events.record(rs, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, {
        component: 'replicaset-controller',
      });
    }
    const live = this.podsOf(rs);
    const ready = live.filter((p) =>
      ((p.status as Json | undefined)?.conditions as Json[] | undefined)?.some(
        (c) => c.type === 'Ready' && c.status === 'True',
      ),
    ).length;
    const status: Json = {
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
      this.store.update('replicasets', rs.metadata.namespace, rs.metadata.name, (draft) => {
        draft.status = status;
      });
    }
  }
}
