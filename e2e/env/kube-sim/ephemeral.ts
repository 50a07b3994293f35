// PATCH/PUT …/pods/{name}/ephemeralcontainers: ephemeral containers may only be added (never changed
// or removed); each new one starts on the engine sharing its target's PID and network namespaces.
import type { IncomingMessage } from 'node:http';
import type { ResourceRequest, SimContext } from './context';
import { readJson, requireObject } from './http-body';
import { applyPatch } from './patch';
import { containersOf, validateContainers } from './pod-spec';
import type { ContainerSpec } from './pod-runtime';
import { ApiError, notFound, type Json } from './status';
import type { KubeObject } from './store';
import { startEphemeralContainer } from './streams';

type Ephemeral = ContainerSpec & { targetContainerName?: string };

function forbidden(pod: string, message: string): ApiError {
  return new ApiError(
    422,
    `Pod "${pod}" is invalid: spec.ephemeralContainers: Forbidden: ${message}`,
    'Invalid',
    {
      name: pod,
      kind: 'Pod',
      causes: [
        {
          reason: 'FieldValueForbidden',
          message: `Forbidden: ${message}`,
          field: 'spec.ephemeralContainers',
        },
      ],
    },
  );
}

export async function updateEphemeral(
  ctx: SimContext,
  req: IncomingMessage,
  r: ResourceRequest,
  patch: boolean,
): Promise<KubeObject> {
  const ns = r.namespace!;
  const name = r.name!;
  const body = await readJson(req);
  const pod = ctx.store.get('pods', ns, name);
  if (!pod) throw notFound('pods', name);
  const next = patch
    ? (applyPatch(req.headers['content-type'] ?? '', structuredClone(pod), body) as KubeObject)
    : (requireObject(body) as KubeObject);
  const rv = next.metadata?.resourceVersion;
  if (!patch && rv && rv !== pod.metadata.resourceVersion) {
    throw new ApiError(
      409,
      `Operation cannot be fulfilled on pods "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      'Conflict',
    );
  }
  const before = containersOf(pod, 'ephemeralContainers') as Ephemeral[];
  const after = ((next.spec as Json | undefined)?.ephemeralContainers as Ephemeral[] | undefined) ?? [];
  if (!Array.isArray(after)) throw forbidden(name, 'ephemeralContainers must be a list');
  for (const old of before) {
    const now = after.find((c) => c.name === old.name);
    if (!now) throw forbidden(name, `existing ephemeral containers "${old.name}" may not be removed`);
    if (JSON.stringify(now) !== JSON.stringify(old))
      throw forbidden(name, `existing ephemeral containers "${old.name}" may not be changed`);
  }
  validateContainers(name, after, 'ephemeralContainers', false);
  const regular = containersOf(pod).map((c) => c.name);
  const added = after.filter((c) => !before.some((b) => b.name === c.name));
  for (const c of added) {
    if (regular.includes(c.name)) {
      throw new ApiError(
        422,
        `Pod "${name}" is invalid: spec.ephemeralContainers[${after.indexOf(c)}].name: Duplicate value: "${c.name}"`,
        'Invalid',
      );
    }
    if (c.targetContainerName && !regular.includes(c.targetContainerName)) {
      throw new ApiError(
        422,
        `Pod "${name}" is invalid: spec.ephemeralContainers[${after.indexOf(c)}].targetContainerName: Not found: "${c.targetContainerName}"`,
        'Invalid',
      );
    }
    Object.assign(
      c,
      {
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
        resources: {},
      },
      c,
    );
  }
  const updated = ctx.store.update('pods', ns, name, (draft) => {
    (draft.spec as Json).ephemeralContainers = after;
  });
  for (const c of added) void startOne(ctx, updated, c, regular[0]!);
  return updated;
}

async function startOne(
  ctx: SimContext,
  pod: KubeObject,
  c: Ephemeral,
  firstContainer: string,
): Promise<void> {
  const ns = pod.metadata.namespace!;
  const entry = ctx.pods.entryOf(ns, pod.metadata.name);
  if (!entry) return;
  const fieldPath = `spec.ephemeralContainers{${c.name}}`;
  const target = ctx.pods.containerId(ns, pod.metadata.name, c.targetContainerName ?? firstContainer);
  if (!target) {
    entry.waiting.set(c.name, { reason: 'CreateContainerError', message: 'target container is not running' });
    await ctx.pods.refresh(entry);
    return;
  }
  if (!(await ctx.pods.runtime.imagePresent(c.image))) {
    const message = `Container image "${c.image}" is not present with pull policy of Never`;
    entry.waiting.set(c.name, { reason: 'ErrImageNeverPull', message });
    ctx.events.record(pod, 'ErrImageNeverPull', message, { type: 'Warning', fieldPath });
    await ctx.pods.refresh(entry);
    return;
  }
  ctx.events.record(pod, 'Pulled', `Container image "${c.image}" already present on machine`, { fieldPath });
  try {
    const { containerId } = await startEphemeralContainer(
      { dockerSocketPath: ctx.dockerSocketPath },
      {
        simId: ctx.simId,
        targetContainerId: target,
        name: c.name,
        image: c.image,
        command: c.command,
        args: c.args,
        stdin: c.stdin === true,
        tty: c.tty === true,
      },
    );
    entry.ephemeralIds.set(c.name, containerId);
    ctx.events.record(pod, 'Created', `Created container ${c.name}`, { fieldPath });
    ctx.events.record(pod, 'Started', `Started container ${c.name}`, { fieldPath });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    entry.waiting.set(c.name, { reason: 'CreateContainerError', message });
    ctx.events.record(pod, 'Failed', `Error: ${message}`, { type: 'Warning', fieldPath });
  }
  await ctx.pods.refresh(entry);
}
