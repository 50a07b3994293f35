// A small job controller: runs pods from the template (parallelism at a time) until `completions`
// succeeded, counts failures against backoffLimit, and reports status and Complete/Failed conditions.
import type { EventRecorder } from './kube-events';
import { ownedBy } from './owners';
import { generateSuffix } from './pod-spec';
import type { Pods } from './pods';
import type { Json } from './status';
import type { Change, KubeObject, Store } from './store';

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const phaseOf = (pod: KubeObject): string => String((pod.status as Json | undefined)?.phase ?? 'Pending');

export class JobController {
  private scheduled: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly pods: Pods,
    private readonly events: EventRecorder,
  ) {
    this.unsubscribe = store.subscribe((change: Change) => {
      if (change.resource === 'jobs' && change.type === 'DELETED') this.collect(change.object);
      if (change.resource === 'jobs' || change.resource === 'pods') this.schedule();
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.scheduled);
  }

  private schedule(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      if (!this.stopped) for (const job of this.store.list('jobs')) this.reconcile(job);
    }, 5);
  }

  private collect(job: KubeObject): void {
    for (const pod of this.store.list('pods', job.metadata.namespace)) {
      if (ownedBy(pod, job) && !pod.metadata.deletionTimestamp)
        this.pods.delete(pod.metadata.namespace!, pod.metadata.name, undefined);
    }
  }

  private reconcile(job: KubeObject): void {
    const spec = job.spec as Json;
    const status = (job.status as Json | undefined) ?? {};
    const conditions = (status.conditions as Json[] | undefined) ?? [];
    const finished = conditions.some(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    const owned = this.store.list('pods', job.metadata.namespace).filter((p) => ownedBy(p, job));
    const succeeded = owned.filter((p) => phaseOf(p) === 'Succeeded').length;
    const failed = owned.filter((p) => phaseOf(p) === 'Failed').length;
    const active = owned.filter(
      (p) => !p.metadata.deletionTimestamp && phaseOf(p) !== 'Succeeded' && phaseOf(p) !== 'Failed',
    );
    const completions = Number(spec.completions ?? 1);
    const next: Json = {
      ...status,
      startTime: status.startTime ?? now(),
      active: active.length,
      succeeded,
      failed,
      ready: active.filter((p) => phaseOf(p) === 'Running').length,
    };
    if (!finished && succeeded >= completions) {
      next.completionTime = now();
      next.conditions = [
        {
          type: 'SuccessCriteriaMet',
          status: 'True',
          lastProbeTime: now(),
          lastTransitionTime: now(),
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
        },
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: now(),
          lastTransitionTime: now(),
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
        },
      ];
      this.events.record(job, 'Completed', 'Job completed', { component: 'job-controller' });
    } else if (!finished && failed > Number(spec.backoffLimit ?? 6)) {
      next.conditions = [
        {
          type: 'Failed',
          status: 'True',
          lastProbeTime: now(),
          lastTransitionTime: now(),
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ];
      for (const pod of active) this.pods.delete(pod.metadata.namespace!, pod.metadata.name, undefined);
      this.events.record(job, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', {
        type: 'Warning',
        component: 'job-controller',
      });
    } else if (!finished && spec.suspend !== true) {
      const want = Math.min(Number(spec.parallelism ?? 1), completions - succeeded) - active.length;
      for (let i = 0; i < want; i++) this.startPod(job);
    }
    if (!next.active) delete next.active;
    if (JSON.stringify(next) !== JSON.stringify(status)) {
      this.store.update('jobs', job.metadata.namespace, job.metadata.name, (draft) => {
        draft.status = next;
      });
    }
  }

  private startPod(job: KubeObject): void {
    const template = ((job.spec as Json).template ?? {}) as {
      metadata?: KubeObject['metadata'];
      spec?: Json;
    };
    const pod = this.pods.create(job.metadata.namespace!, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${job.metadata.name}-${generateSuffix()}`,
        namespace: job.metadata.namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.metadata.name,
            uid: job.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: structuredClone(template.spec ?? {}),
    });
    this.events.record(job, 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, {
      component: 'job-controller',
    });
  }
}
