// The object store: objects per resource, one global monotonic resourceVersion, and a bounded history
// of changes that watches resume from. Stored objects are never mutated in place: every change replaces
// the object, so a list snapshot (an array of references) stays consistent.
import { randomUUID } from 'node:crypto';
import { alreadyExists, ApiError, notFound } from './status';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generation?: number;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  readonly type: ChangeType;
  readonly resource: string;
  readonly rv: number;
  readonly object: KubeObject;
  /** The object before this change (MODIFIED/DELETED), for selector transitions in watches. */
  readonly previous?: KubeObject;
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class Store {
  private rv = 1000;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: Change[] = [];
  /** Changes at or below this resourceVersion are no longer in the history. */
  private compactedRv = 1000;
  private readonly listeners = new Set<(change: Change) => void>();

  constructor(private readonly historyLimit: number) {}

  currentRv(): number {
    return this.rv;
  }

  oldestResumableRv(): number {
    return this.compactedRv;
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let map = this.objects.get(resource);
    if (!map) {
      map = new Map();
      this.objects.set(resource, map);
    }
    return map;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(keyOf(namespace, name));
  }

  require(resource: string, namespace: string | undefined, name: string, group = ''): KubeObject {
    const found = this.get(resource, namespace, name);
    if (!found) throw notFound(resource, name, group);
    return found;
  }

  /** Objects of a resource (in one namespace, or all), ordered by namespace/name as the real server lists. */
  list(resource: string, namespace?: string): KubeObject[] {
    const map = this.objects.get(resource);
    if (!map) return [];
    const out: KubeObject[] = [];
    for (const obj of map.values()) {
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push(obj);
    }
    return out.sort((a, b) =>
      compareKeys(keyOf(a.metadata.namespace, a.metadata.name), keyOf(b.metadata.namespace, b.metadata.name)),
    );
  }

  create(resource: string, input: KubeObject, group = ''): KubeObject {
    const meta = input.metadata;
    if (this.get(resource, meta.namespace, meta.name)) throw alreadyExists(resource, meta.name, group);
    const obj = structuredClone(input);
    // A uid the server itself chose before create (a Job's selector names it) is kept; '' gets one.
    obj.metadata.uid = obj.metadata.uid || randomUUID();
    obj.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if ('spec' in obj) obj.metadata.generation = 1;
    delete obj.metadata.deletionTimestamp;
    return this.commit('ADDED', resource, obj, undefined);
  }

  /** Replaces an object through a mutation of a copy; bumps generation when spec changed. */
  update(
    resource: string,
    namespace: string | undefined,
    name: string,
    mutate: (draft: KubeObject) => void,
  ): KubeObject {
    const current = this.get(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    const draft = structuredClone(current);
    mutate(draft);
    draft.metadata.name = current.metadata.name;
    draft.metadata.namespace = current.metadata.namespace;
    draft.metadata.uid = current.metadata.uid;
    draft.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if ('spec' in draft && JSON.stringify(draft.spec) !== JSON.stringify(current.spec)) {
      draft.metadata.generation = (current.metadata.generation ?? 1) + 1;
    } else if (current.metadata.generation !== undefined) {
      draft.metadata.generation = current.metadata.generation;
    }
    return this.commit('MODIFIED', resource, draft, current);
  }

  delete(resource: string, namespace: string | undefined, name: string): KubeObject {
    const current = this.get(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    const gone = structuredClone(current);
    return this.commit('DELETED', resource, gone, current);
  }

  private commit(
    type: ChangeType,
    resource: string,
    obj: KubeObject,
    previous: KubeObject | undefined,
  ): KubeObject {
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    if (type === 'DELETED') this.bucket(resource).delete(key);
    else this.bucket(resource).set(key, obj);
    const change: Change = { type, resource, rv: this.rv, object: obj, previous };
    this.history.push(change);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1]!.rv;
    }
    for (const listener of this.listeners) listener(change);
    return obj;
  }

  /** Changes after `rv`, or an Expired error when the history no longer reaches back that far. */
  changesSince(rv: number): Change[] {
    if (rv < this.compactedRv) {
      throw new ApiError(410, `too old resource version: ${rv} (${this.compactedRv + 1})`, 'Expired');
    }
    return this.history.filter((c) => c.rv > rv);
  }

  /** Forgets the whole history: any resume from a version before now answers 410. */
  compact(): void {
    this.history = [];
    this.compactedRv = this.rv;
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function objectKey(obj: KubeObject): string {
  return keyOf(obj.metadata.namespace, obj.metadata.name);
}
