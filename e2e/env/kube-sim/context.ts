// Everything a request handler needs, built once per simulator.
import type { WorkloadController } from './deployments';
import type { JobController } from './jobs';
import type { EventRecorder } from './kube-events';
import type { ListPager } from './list-paging';
import type { Pods } from './pods';
import type { Rbac } from './rbac';
import type { ResourceDef } from './resources';
import type { Store } from './store';
import type { WatchHub } from './watch';

export interface SimContext {
  readonly simId: string;
  readonly token: string;
  readonly dockerSocketPath: string;
  readonly store: Store;
  readonly pager: ListPager;
  readonly watches: WatchHub;
  readonly pods: Pods;
  readonly rbac: Rbac;
  readonly events: EventRecorder;
  readonly workloads: WorkloadController;
  readonly jobs: JobController;
}

/** One parsed resource path: /api/v1/namespaces/ns/pods/name/log → pods, ns, name, log. */
export interface ResourceRequest {
  readonly def: ResourceDef;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  readonly query: URLSearchParams;
}
