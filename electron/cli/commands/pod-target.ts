import type { Contract } from '../../shared/contract';
import type { Client } from '../../shared/rpc/client';
import type { PodOpenRequest } from '../../shared/terminal/terminal-client';
import { CliFailure } from '../output';

export interface PodTargetOptions {
  readonly container?: string;
  readonly namespace?: string;
  readonly context?: string;
}

/** `pod/NAME`, as kubectl writes it. */
export function isPodReference(reference: string): boolean {
  return reference.startsWith('pod/') || reference.startsWith('pods/');
}

/**
 * The pod a `bosun shell pod/NAME` means: in --context (else the kubeconfig's current context), in -n
 * (else that context's namespace, else "default"), like kubectl exec.
 */
export async function podTarget(
  client: Client<Contract>,
  reference: string,
  options: PodTargetOptions,
): Promise<Pick<PodOpenRequest, 'clusterId' | 'namespace' | 'pod' | 'container'>> {
  const pod = reference.slice(reference.indexOf('/') + 1);
  if (!pod) throw new CliFailure('Name the pod: bosun shell pod/NAME [-c CONTAINER] [-n NAMESPACE].', 1);
  const clusters = (await client.call('kube.clusters.list', {})).filter((c) => c.context);
  const cluster = options.context
    ? clusters.find((c) => c.context === options.context)
    : (clusters.find((c) => c.current) ?? (clusters.length === 1 ? clusters[0] : undefined));
  if (!cluster) {
    const known = clusters.map((c) => c.context).join(', ');
    throw new CliFailure(
      options.context
        ? `No context "${options.context}" in your kubeconfig${known ? ` (known: ${known})` : ''}.`
        : clusters.length === 0
          ? 'No Kubernetes context found. Set KUBECONFIG or create ~/.kube/config (kubectl config).'
          : `Your kubeconfig has no current context: pick one with --context (${known}).`,
      1,
    );
  }
  return {
    clusterId: cluster.id,
    namespace: options.namespace ?? cluster.namespace ?? 'default',
    pod,
    ...(options.container ? { container: options.container } : {}),
  };
}
