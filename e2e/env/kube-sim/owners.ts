// Owner references: which objects a deployment or ReplicaSet owns.
import type { KubeObject } from './store';

export const ownedBy = (obj: KubeObject, owner: KubeObject): boolean =>
  (obj.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
