// Pod lifecycle: create (store first, then real containers on the engine), status kept current from
// engine events, graceful delete (deletionTimestamp → containers stopped → DELETED).
import type { EventRecorder } from './kube-events';
import { resolveEnv } from './pod-env';
import { assignName, containersOf, defaultPod, validateContainers } from './pod-spec';
import type { PodRef, PodRuntime } from './pod-runtime';
import { podStatus, type ContainerView } from './pod-status';
import { notFound, type Json } from './status';
import type { KubeObject, Store } from './store';

interface Running {
  readonly ref: PodRef;
  /** Engine container id per pod container name (regular and ephemeral). */
  readonly ids: Map<string, string>;
  readonly ephemeralIds: Map<string, string>;
  readonly waiting: Map<string, { reason: string; message?: string }>;
  deleting: boolean;
  /** Settles once every container has been created and started (or failed to). */
  started: Promise<void>;
  /** Serializes refreshes so statuses never go backwards. */
  chain: Promise<void>;
}

export class Pods {
  private readonly running = new Map<string, Running>();
  private readonly background = new Set<Promise<unknown>>();
  private hostIP = '';

  constructor(
    private readonly store: Store,
    readonly runtime: PodRuntime,
    private readonly events: EventRecorder,
  ) {}

  private key(namespace: string, name: string): string {
    return `${namespace}/${name}`;
  }

  private track<T>(work: Promise<T>): void {
    const p = work.catch(() => undefined);
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  /** Stores the pod (Pending) and starts its containers in the background, as the kubelet would. */
  create(namespace: string, body: KubeObject): KubeObject {
    this.store.require('namespaces', undefined, namespace);
    const name = assignName(body, 'Pod');
    body.spec ??= {};
    validateContainers(name, (body.spec as Json).containers, 'containers', true);
    if ((body.spec as Json).ephemeralContainers !== undefined) {
      validateContainers(name, (body.spec as Json).ephemeralContainers, 'ephemeralContainers', false);
    }
    defaultPod(body, namespace);
    const pod = this.store.create('pods', body);
    const entry: Running = {
      ref: {
        namespace,
        name,
        uid: pod.metadata.uid,
        restartPolicy: String((pod.spec as Json).restartPolicy),
      },
      ids: new Map(),
      ephemeralIds: new Map(),
      waiting: new Map(),
      deleting: false,
      chain: Promise.resolve(),
      started: Promise.resolve(),
    };
    this.running.set(this.key(namespace, name), entry);
    this.events.record(pod, 'Scheduled', `Successfully assigned ${namespace}/${name} to sim-node`, {
      component: 'default-scheduler',
    });
    entry.started = this.startContainers(entry).catch(() => undefined);
    this.track(entry.started);
    return pod;
  }

  private current(entry: Running): KubeObject | undefined {
    const pod = this.store.get('pods', entry.ref.namespace, entry.ref.name);
    return pod && pod.metadata.uid === entry.ref.uid ? pod : undefined;
  }

  private async startContainers(entry: Running): Promise<void> {
    const pod = this.current(entry);
    if (!pod) return;
    let owner: string | undefined;
    for (const c of containersOf(pod)) {
      const fieldPath = `spec.containers{${c.name}}`;
      if (!(await this.runtime.imagePresent(c.image))) {
        const message = `Container image "${c.image}" is not present with pull policy of Never`;
        entry.waiting.set(c.name, { reason: 'ErrImageNeverPull', message });
        this.events.record(pod, 'ErrImageNeverPull', message, { type: 'Warning', fieldPath });
        continue;
      }
      this.events.record(pod, 'Pulled', `Container image "${c.image}" already present on machine`, {
        fieldPath,
      });
      if (entry.deleting) return;
      try {
        const id = await this.runtime.create(entry.ref, { ...c, env: resolveEnv(this.store, pod, c) }, owner);
        entry.ids.set(c.name, id);
        owner ??= id;
        this.events.record(pod, 'Created', `Created container ${c.name}`, { fieldPath });
        if (entry.deleting) return;
        await this.runtime.start(id);
        this.events.record(pod, 'Started', `Started container ${c.name}`, { fieldPath });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        entry.waiting.set(c.name, { reason: 'CreateContainerError', message });
        this.events.record(pod, 'Failed', `Error: ${message}`, { type: 'Warning', fieldPath });
      }
    }
    await this.refresh(entry);
  }

  /** Rebuilds the pod's status from the engine and stores it when it changed (MODIFIED). */
  refresh(entry: Running): Promise<void> {
    entry.chain = entry.chain.then(() => this.refreshNow(entry)).catch(() => undefined);
    return entry.chain;
  }

  private async refreshNow(entry: Running): Promise<void> {
    const pod = this.current(entry);
    if (!pod) return;
    const view = async (
      c: { name: string; image: string },
      ids: Map<string, string>,
    ): Promise<ContainerView> => {
      const id = ids.get(c.name);
      return {
        name: c.name,
        image: c.image,
        info: id ? await this.runtime.inspect(id) : undefined,
        waiting: entry.waiting.get(c.name),
      };
    };
    const regular = await Promise.all(containersOf(pod).map((c) => view(c, entry.ids)));
    const ephemeral = await Promise.all(
      containersOf(pod, 'ephemeralContainers').map((c) => view(c, entry.ephemeralIds)),
    );
    const first = regular.find((v) => v.info)?.info;
    const bridge = first?.NetworkSettings?.Networks?.bridge;
    if (bridge?.Gateway) this.hostIP = bridge.Gateway;
    const status = podStatus(
      regular,
      ephemeral,
      entry.ref.restartPolicy,
      this.hostIP || '172.17.0.1',
      bridge?.IPAddress || undefined,
      pod.status as Json | undefined,
    );
    const fresh = this.current(entry);
    if (!fresh || JSON.stringify(fresh.status) === JSON.stringify(status)) return;
    this.store.update('pods', entry.ref.namespace, entry.ref.name, (draft) => {
      draft.status = status;
    });
  }

  /** An engine event about one of our containers: refresh its pod (undefined: refresh every pod). */
  onEngineEvent(containerId: string | undefined): void {
    for (const entry of this.running.values()) {
      if (containerId === undefined) this.track(this.refresh(entry));
      else if ([...entry.ids.values(), ...entry.ephemeralIds.values()].includes(containerId)) {
        this.track(this.refresh(entry));
        return;
      }
    }
  }

  entryOf(namespace: string, name: string): Running | undefined {
    return this.running.get(this.key(namespace, name));
  }

  /** The engine container behind a pod container (regular or ephemeral), if it exists. */
  containerId(namespace: string, name: string, container: string): string | undefined {
    const entry = this.entryOf(namespace, name);
    return entry?.ids.get(container) ?? entry?.ephemeralIds.get(container);
  }

  /** Graceful delete: marks the pod, stops its containers within the grace period, then removes it. */
  delete(namespace: string, name: string, graceSeconds: number | undefined): KubeObject {
    const pod = this.store.get('pods', namespace, name);
    if (!pod) throw notFound('pods', name);
    const entry = this.entryOf(namespace, name);
    const grace = graceSeconds ?? Number((pod.spec as Json).terminationGracePeriodSeconds ?? 30);
    if (pod.metadata.deletionTimestamp) return pod;
    const marked = this.store.update('pods', namespace, name, (draft) => {
      draft.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      draft.metadata.deletionGracePeriodSeconds = grace;
    });
    if (entry) entry.deleting = true;
    this.track(this.finishDelete(marked, entry, grace));
    return marked;
  }

  private async finishDelete(pod: KubeObject, entry: Running | undefined, grace: number): Promise<void> {
    if (entry) {
      await entry.chain;
      for (const name of entry.ids.keys()) {
        this.events.record(pod, 'Killing', `Stopping container ${name}`, {
          fieldPath: `spec.containers{${name}}`,
        });
      }
      await this.runtime.stopAndRemove([...entry.ids.values(), ...entry.ephemeralIds.values()], grace);
      this.running.delete(this.key(entry.ref.namespace, entry.ref.name));
    }
    const still = this.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (still && still.metadata.uid === pod.metadata.uid)
      this.store.delete('pods', pod.metadata.namespace, pod.metadata.name);
  }

  /** Waits for background work (starts, deletes) to settle; used on stop. */
  async settle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Creates the pod and resolves once its containers have been started, with the pod as stored then. */
  async createAndStart(namespace: string, body: KubeObject): Promise<KubeObject> {
    const pod = this.create(namespace, body);
    await this.entryOf(namespace, pod.metadata.name)?.started;
    return this.store.get('pods', namespace, pod.metadata.name) ?? pod;
  }

  markAllDeleting(): void {
    for (const entry of this.running.values()) entry.deleting = true;
  }
}
