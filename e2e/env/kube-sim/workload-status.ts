// Status of deployments (summed from their ReplicaSets, as the deployment controller reports it) and
// the Scale subresource view.
import { ownedBy } from './owners';
import { selectorString, templateHash } from './object-defaults';
import type { Json } from './status';
import type { KubeObject, Store } from './store';

export function updateDeploymentStatus(store: Store, d: KubeObject): void {
  const fresh = store.get('deployments', d.metadata.namespace, d.metadata.name);
  if (!fresh) return;
  const spec = fresh.spec as Json;
  const hash = templateHash(spec.template);
  const owned = store.list('replicasets', fresh.metadata.namespace).filter((rs) => ownedBy(rs, fresh));
  const sum = (field: string, list = owned): number =>
    list.reduce((n, rs) => n + Number((rs.status as Json | undefined)?.[field] ?? 0), 0);
  const updated = owned.filter((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const want = Number(spec.replicas ?? 1);
  const available = sum('availableReplicas');
  const replicas = sum('replicas');
  const prev = (fresh.status as Json | undefined) ?? {};
  const prevConditions = (prev.conditions as Json[] | undefined) ?? [];
  const cond = (type: string, ok: boolean, reason: string, message: string): Json => {
    const old = prevConditions.find(
      (c) => c.type === type && c.status === (ok ? 'True' : 'False') && c.reason === reason,
    );
    const at =
      (old?.lastTransitionTime as string | undefined) ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return {
      type,
      status: ok ? 'True' : 'False',
      lastUpdateTime: at,
      lastTransitionTime: at,
      reason,
      message,
    };
  };
  const complete = sum('replicas', updated) === want && available >= want && replicas === want;
  const status: Json = {
    observedGeneration: fresh.metadata.generation ?? 1,
    replicas,
    updatedReplicas: sum('replicas', updated),
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    conditions: [
      cond(
        'Available',
        available >= want,
        available >= want ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        available >= want
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
      ),
      cond(
        'Progressing',
        true,
        complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        `ReplicaSet "${fresh.metadata.name}-${hash}" ${complete ? 'has successfully progressed.' : 'is progressing.'}`,
      ),
    ],
  };
  if (want - available > 0) status.unavailableReplicas = want - available;
  if (JSON.stringify(status) !== JSON.stringify(prev)) {
    store.update('deployments', fresh.metadata.namespace, fresh.metadata.name, (draft) => {
      draft.status = status;
    });
  }
}

/** The autoscaling/v1 Scale of a deployment or replicaset. */
export function scaleOf(obj: KubeObject): Json {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: (obj.spec as Json).replicas },
    status: {
      replicas: Number((obj.status as Json | undefined)?.replicas ?? 0),
      selector: selectorString((obj.spec as Json).selector as Json),
    },
  };
}
