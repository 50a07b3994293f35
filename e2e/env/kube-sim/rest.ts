// The generic verbs on stored resources: list (and watch), get, create, update, patch, delete,
// deletecollection, with the API server's answers for conflicts, mismatches and missing objects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceRequest, SimContext } from './context';
import { readJson, requireObject } from './http-body';
import { defaultObject } from './object-defaults';
import { applyPatch } from './patch';
import { assignName, checkPodUpdate } from './pod-spec';
import { apiVersionOf } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, badRequest, notFound, sendJson, successStatus, type Json } from './status';
import type { KubeObject } from './store';
import { toTable, wantsTable } from './table';

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

function qualified(r: ResourceRequest): string {
  return r.def.group ? `${r.def.name}.${r.def.group}` : r.def.name;
}

function matcher(r: ResourceRequest): (obj: KubeObject) => boolean {
  const labels = parseLabelSelector(r.query.get('labelSelector'));
  const fields = parseFieldSelector(r.query.get('fieldSelector'), r.def.kind);
  return (obj) => labels(obj) && fields(obj);
}

export function listOrWatch(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest,
): void {
  const matches = matcher(r);
  const watch = r.query.get('watch');
  if (watch === 'true' || watch === '1') {
    ctx.watches.serve(
      req,
      res,
      {
        resource: r.def.name,
        namespace: r.namespace,
        kind: r.def.kind,
        apiVersion: apiVersionOf(r.def),
        matches,
        present: wantsTable(req)
          ? (obj: KubeObject) => toTable(r.def.kind, [obj], { resourceVersion: obj.metadata.resourceVersion })
          : undefined,
      },
      r.query,
    );
    return;
  }
  const list = ctx.pager.page(
    `${r.def.kind}List`,
    apiVersionOf(r.def),
    () => ctx.store.list(r.def.name, r.namespace).filter(matches),
    r.query,
  );
  if (wantsTable(req))
    sendJson(res, 200, toTable(r.def.kind, list.items as KubeObject[], list.metadata as Json));
  else sendJson(res, 200, list);
}

export function getObject(ctx: SimContext, r: ResourceRequest): KubeObject {
  const obj = ctx.store.get(r.def.name, r.namespace, r.name!);
  if (!obj) throw notFound(r.def.name, r.name!, r.def.group);
  return obj;
}

function prepareBody(r: ResourceRequest, body: unknown): KubeObject {
  const obj = requireObject(body) as KubeObject;
  obj.metadata = requireObject(obj.metadata ?? {}) as unknown as KubeObject['metadata'];
  if (r.def.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== r.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = r.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

export async function createObject(
  ctx: SimContext,
  req: IncomingMessage,
  r: ResourceRequest,
): Promise<KubeObject> {
  const obj = prepareBody(r, await readJson(req));
  if (r.def.kind === 'Pod') return ctx.pods.create(r.namespace!, obj);
  if (r.def.namespaced) ctx.store.require('namespaces', undefined, r.namespace!);
  assignName(obj, r.def.kind);
  obj.metadata.uid = '';
  defaultObject(obj, r.def.kind, apiVersionOf(r.def));
  return ctx.store.create(r.def.name, obj, r.def.group);
}

/** Replaces the object's spec/metadata with `next`, keeping status and identity; checks the version. */
export function replaceObject(
  ctx: SimContext,
  r: ResourceRequest,
  next: KubeObject,
  statusOnly = false,
): KubeObject {
  const current = getObject(ctx, r);
  if (next.metadata?.name && next.metadata.name !== r.name) {
    throw badRequest(
      `the name of the object (${next.metadata.name}) does not match the name on the URL (${r.name})`,
    );
  }
  const rv = next.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) {
    throw new ApiError(
      409,
      `Operation cannot be fulfilled on ${qualified(r)} "${r.name}": the object has been modified; please apply your changes to the latest version and try again`,
      'Conflict',
      { name: r.name, group: r.def.group, kind: r.def.name },
    );
  }
  if (r.def.kind === 'Pod' && !statusOnly) {
    next.spec = { ...(next.spec as Json), ephemeralContainers: (current.spec as Json).ephemeralContainers };
    if ((next.spec as Json).ephemeralContainers === undefined) delete (next.spec as Json).ephemeralContainers;
    checkPodUpdate(current, next);
  }
  return ctx.store.update(r.def.name, r.namespace, r.name!, (draft) => {
    if (statusOnly) {
      draft.status = next.status;
      return;
    }
    for (const key of Object.keys(draft)) if (key !== 'metadata' && key !== 'status') delete draft[key];
    for (const [key, value] of Object.entries(next))
      if (key !== 'metadata' && key !== 'status') draft[key] = value;
    draft.apiVersion = current.apiVersion;
    draft.kind = current.kind;
    const meta = next.metadata ?? {};
    draft.metadata.labels = meta.labels;
    draft.metadata.annotations = meta.annotations;
    draft.metadata.ownerReferences = meta.ownerReferences ?? current.metadata.ownerReferences;
    draft.metadata.finalizers = meta.finalizers;
    if (draft.metadata.labels === undefined) delete draft.metadata.labels;
    if (draft.metadata.annotations === undefined) delete draft.metadata.annotations;
    if (draft.metadata.ownerReferences === undefined) delete draft.metadata.ownerReferences;
    if (draft.metadata.finalizers === undefined) delete draft.metadata.finalizers;
  });
}

export async function updateObject(
  ctx: SimContext,
  req: IncomingMessage,
  r: ResourceRequest,
  statusOnly = false,
): Promise<KubeObject> {
  const next = prepareBody(r, await readJson(req));
  return replaceObject(ctx, r, next, statusOnly);
}

export async function patchObject(
  ctx: SimContext,
  req: IncomingMessage,
  r: ResourceRequest,
  statusOnly = false,
): Promise<KubeObject> {
  const body = await readJson(req);
  const current = getObject(ctx, r);
  const patched = applyPatch(req.headers['content-type'] ?? '', structuredClone(current), body) as KubeObject;
  if (typeof patched !== 'object' || patched === null)
    throw badRequest('the patch produced something that is not an object');
  patched.metadata ??= current.metadata;
  if (patched.metadata.resourceVersion === current.metadata.resourceVersion)
    delete (patched.metadata as Partial<KubeObject['metadata']>).resourceVersion;
  return replaceObject(ctx, r, patched, statusOnly);
}

function deleteOptions(r: ResourceRequest, body: unknown): number | undefined {
  const fromQuery = r.query.get('gracePeriodSeconds');
  const fromBody = typeof body === 'object' && body !== null ? (body as Json).gracePeriodSeconds : undefined;
  const value = fromQuery ?? (fromBody === undefined ? undefined : String(fromBody));
  if (value === undefined) return undefined;
  const grace = Number(value);
  if (!Number.isInteger(grace) || grace < 0) throw badRequest(`invalid gracePeriodSeconds: ${value}`);
  return grace;
}

export function deleteOne(ctx: SimContext, r: ResourceRequest, grace: number | undefined): KubeObject | Json {
  if (r.def.kind === 'Pod') return ctx.pods.delete(r.namespace!, r.name!, grace);
  const current = getObject(ctx, r);
  if (r.def.kind === 'Namespace') return deleteNamespace(ctx, current);
  ctx.store.delete(r.def.name, r.namespace, r.name!);
  return successStatus({
    name: r.name,
    group: r.def.group,
    kind: r.def.name,
    uid: current.metadata.uid,
  } as Json);
}

function deleteNamespace(ctx: SimContext, ns: KubeObject): KubeObject {
  const name = ns.metadata.name;
  if (PROTECTED_NAMESPACES.has(name)) {
    throw new ApiError(
      403,
      `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      'Forbidden',
      { name, kind: 'namespaces' },
    );
  }
  const marked = ctx.store.update('namespaces', undefined, name, (draft) => {
    draft.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    draft.status = { phase: 'Terminating' };
  });
  for (const resource of [
    'deployments',
    'replicasets',
    'statefulsets',
    'daemonsets',
    'jobs',
    'services',
    'configmaps',
    'secrets',
    'events',
  ]) {
    for (const obj of ctx.store.list(resource, name)) ctx.store.delete(resource, name, obj.metadata.name);
  }
  const pods = ctx.store.list('pods', name);
  for (const pod of pods) ctx.pods.delete(name, pod.metadata.name, 0);
  const finish = (): void => {
    if (ctx.store.list('pods', name).length > 0) {
      setTimeout(finish, 100);
      return;
    }
    if (ctx.store.get('namespaces', undefined, name)) ctx.store.delete('namespaces', undefined, name);
  };
  setTimeout(finish, 0);
  return marked;
}

export async function deleteObject(
  ctx: SimContext,
  req: IncomingMessage,
  r: ResourceRequest,
): Promise<KubeObject | Json> {
  const grace = deleteOptions(r, await readJson(req));
  if (r.name !== undefined) return deleteOne(ctx, r, grace);
  const matches = matcher(r);
  const items = ctx.store.list(r.def.name, r.namespace).filter(matches);
  for (const obj of items) deleteOne(ctx, { ...r, name: obj.metadata.name }, grace);
  return ctx.pager.page(`${r.def.kind}List`, apiVersionOf(r.def), () => items, new URLSearchParams());
}
