import {
  CoreV1Api,
  PortForward,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import { kubeCall, type ClusterWhere } from './kube-errors';
import type { ForwardPod, ForwardService } from './port-forward-target';
import { openPodPortStream, type PodPortHandlers, type PodPortStream } from './port-forward-stream';

const CALL_MS = 15_000;

type WithSignal = (signal: AbortSignal) => ConfigurationOptions<ObservableMiddleware>;

/** The port-forward half of ClientNodeCluster: the reads that resolve a target, and the stream. */
export class ClientNodePortForward {
  private readonly core: CoreV1Api;
  private readonly forwarder: PortForward;

  constructor(
    config: KubeConfig,
    private readonly where: ClusterWhere,
    private readonly withSignal: WithSignal,
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    // disconnectOnErr: an unknown channel closes the socket (the library's default, said aloud).
    this.forwarder = new PortForward(config, true);
  }

  readPod(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardPod> {
    return kubeCall(this.where, `read pod ${namespace}/${name}`, CALL_MS, signal, (s) =>
      this.core.readNamespacedPod({ namespace, name }, this.withSignal(s)),
    );
  }

  readService(namespace: string, name: string, signal?: AbortSignal): Promise<ForwardService> {
    return kubeCall(this.where, `read service ${namespace}/${name}`, CALL_MS, signal, (s) =>
      this.core.readNamespacedService({ namespace, name }, this.withSignal(s)),
    );
  }

  podsMatching(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<ForwardPod[]> {
    return kubeCall(this.where, `list pods ${labelSelector}`, CALL_MS, signal, async (s) => {
      const list = await this.core.listNamespacedPod({ namespace, labelSelector }, this.withSignal(s));
      return list.items;
    });
  }

  openPortStream(
    target: { readonly namespace: string; readonly pod: string; readonly port: number },
    handlers: PodPortHandlers,
  ): Promise<PodPortStream> {
    return openPodPortStream(this.forwarder, this.where, target, handlers);
  }
}
