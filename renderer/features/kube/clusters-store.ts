import type { Cluster } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';

export interface ClustersSnapshot {
  readonly clusters: readonly Cluster[];
  /** The first kube.clusters.list has answered. */
  readonly loaded: boolean;
  /** The last kube.clusters.list failed (the list shown, if any, is the one before). */
  readonly error: AppError | undefined;
}

const INITIAL: ClustersSnapshot = { clusters: [], loaded: false, error: undefined };

function toAppError(error: unknown, what: string): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', what);
}

/**
 * The kubeconfig clusters with their live status. Reading the list starts the core's connections, so
 * the Pods view attaches this store when it opens; `kube.clusters.changed` hints arriving in one frame
 * become one re-read, and reads never overlap (an older answer cannot overwrite a newer one).
 */
export class ClustersStore extends ExternalStore<ClustersSnapshot> {
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private generation = 0;
  private reading = false;
  private again = false;
  private scheduled = false;

  constructor(private readonly schedule: Schedule = nextFrame) {
    super(INITIAL);
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    this.subscription = client.subscribe('kube.clusters.changed', {}, () => this.kick());
    void this.read();
  }

  detach(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.client = undefined;
    this.reading = false;
    this.again = false;
  }

  reload(): void {
    void this.read();
  }

  async retry(clusterId: string): Promise<Cluster> {
    return this.replace(await this.requireClient().call('kube.clusters.retry', { clusterId }));
  }

  async setTunnel(clusterId: string, via: string | null): Promise<Cluster> {
    return this.replace(await this.requireClient().call('kube.clusters.setTunnel', { clusterId, via }));
  }

  async setNamespaces(clusterId: string, namespaces: string[] | null): Promise<Cluster> {
    return this.replace(await this.requireClient().call('kube.namespaces.set', { clusterId, namespaces }));
  }

  async namespaces(clusterId: string): Promise<{ namespaces: string[]; selected: string[] | null }> {
    return this.requireClient().call('kube.namespaces.list', { clusterId });
  }

  private requireClient(): BosunClient {
    if (!this.client) throw new AppError('UNAVAILABLE', 'Not connected to the Bosun core.');
    return this.client;
  }

  /** An action's answer is the cluster as it is now: show it at once, the hint's re-read follows. */
  private replace(cluster: Cluster): Cluster {
    const current = this.getSnapshot();
    const clusters = current.clusters.map((c) => (c.id === cluster.id ? cluster : c));
    this.set({ ...current, clusters });
    return cluster;
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.read();
    });
  }

  private async read(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    const generation = this.generation;
    this.reading = true;
    try {
      const clusters = await client.call('kube.clusters.list', {});
      if (generation === this.generation) this.set({ clusters, loaded: true, error: undefined });
    } catch (error) {
      if (generation === this.generation) {
        const appError = toAppError(error, 'Reading the Kubernetes clusters failed.');
        this.set({ ...this.getSnapshot(), loaded: true, error: appError });
      }
    } finally {
      if (generation === this.generation) {
        this.reading = false;
        if (this.again) {
          this.again = false;
          void this.read();
        }
      }
    }
  }
}
