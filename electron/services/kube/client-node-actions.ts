import {
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import type { RestartableKind, ScalableKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { kubeCall, type ClusterWhere } from './kube-errors';

const CALL_MS = 15_000;

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** What one action is, for messages: `verb` and `resource` as RBAC names them. */
interface Action {
  readonly verb: string;
  readonly resource: string;
  /** "deployment shop in default", for NOT_FOUND. */
  readonly object: string;
}

/**
 * Makes a refusal name what was refused (the RBAC verb and resource, as `kubectl auth can-i` asks it)
 * and a missing object name the object: the generic translation cannot know either.
 */
function explain(error: AppError, action: Action, namespace: string, where: ClusterWhere): AppError {
  const status = (error.details as { status?: unknown } | undefined)?.status;
  const user = where.user ?? '(none)';
  const reason = error.details?.reason;
  const said = typeof reason === 'string' ? reason.replace(/\.$/, '') : error.message;
  if (error.code === 'PERMISSION_DENIED' && status === 403)
    return failure(
      'PERMISSION_DENIED',
      `User ${user} may not ${action.verb} ${action.resource} in namespace ${namespace} (${said})`,
      `Ask a cluster admin for the RBAC permission "${action.verb} ${action.resource}" in ${namespace}.`,
      { status },
    );
  if (error.code === 'NOT_FOUND')
    return new AppError(
      'NOT_FOUND',
      `There is no ${action.object} on ${where.context} (any more): the list may be behind; it updates by itself.`,
      { status: 404 },
    );
  return error;
}

/** The write calls of one cluster (delete a pod, rollout restart, scale), for ClientNodeCluster. */
export class ClientNodeActions {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;

  constructor(
    config: KubeConfig,
    private readonly where: ClusterWhere,
    private readonly withSignal: (signal: AbortSignal) => ConfigurationOptions<ObservableMiddleware>,
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    this.apps = config.makeApiClient(AppsV1Api);
  }

  deletePod(
    namespace: string,
    name: string,
    gracePeriodSeconds: number | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const action = { verb: 'delete', resource: 'pods', object: `pod ${name} in ${namespace}` };
    return this.call(action, namespace, signal, async (s) => {
      await this.core.deleteNamespacedPod(
        { name, namespace, ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) },
        this.withSignal(s),
      );
    });
  }

  restartWorkload(
    namespace: string,
    kind: RestartableKind,
    name: string,
    at: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const resource = `${kind.toLowerCase()}s`;
    const action = { verb: 'patch', resource, object: `${kind} ${name} in ${namespace}` };
    // The strategic merge patch kubectl sends: only the annotation changes, nothing else of the template.
    const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } };
    return this.call(action, namespace, signal, async (s) => {
      const options = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch, this.withSignal(s));
      const request = { name, namespace, body };
      if (kind === 'Deployment') await this.apps.patchNamespacedDeployment(request, options);
      else if (kind === 'StatefulSet') await this.apps.patchNamespacedStatefulSet(request, options);
      else await this.apps.patchNamespacedDaemonSet(request, options);
    });
  }

  scaleWorkload(
    namespace: string,
    kind: ScalableKind,
    name: string,
    replicas: number,
    signal?: AbortSignal,
  ): Promise<number> {
    const resource = `${kind.toLowerCase()}s/scale`;
    const action = { verb: 'update', resource, object: `${kind} ${name} in ${namespace}` };
    // A PUT of the Scale without a resourceVersion: an unconditional update of spec.replicas, the verb
    // the UI asked `kube.access` about (update deployments/scale).
    const body = {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name, namespace },
      spec: { replicas },
    };
    return this.call(action, namespace, signal, async (s) => {
      const request = { name, namespace, body };
      const scale =
        kind === 'Deployment'
          ? await this.apps.replaceNamespacedDeploymentScale(request, this.withSignal(s))
          : await this.apps.replaceNamespacedStatefulSetScale(request, this.withSignal(s));
      return scale.spec?.replicas ?? replicas;
    });
  }

  private async call<T>(
    action: Action,
    namespace: string,
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      return await kubeCall(this.where, `${action.verb} ${action.resource}`, CALL_MS, signal, run);
    } catch (error) {
      throw error instanceof AppError ? explain(error, action, namespace, this.where) : error;
    }
  }
}
