// Subresources other than the streams: scale, status, ephemeralcontainers, log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceRequest, SimContext } from './context';
import { scaleOf } from './workload-status';
import { updateEphemeral } from './ephemeral';
import { readJson, requireObject } from './http-body';
import { serveLogs } from './logs';
import { applyPatch } from './patch';
import { getObject, patchObject, updateObject } from './rest';
import { upgradeRequired } from './stream-routes';
import { ApiError, badRequest, sendJson, type Json } from './status';

async function scale(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest,
): Promise<void> {
  const obj = getObject(ctx, r);
  if (req.method === 'GET') {
    sendJson(res, 200, scaleOf(obj));
    return;
  }
  const body = await readJson(req);
  const current = scaleOf(obj);
  const next =
    req.method === 'PATCH'
      ? (applyPatch(req.headers['content-type'] ?? '', current, body) as Json)
      : requireObject(body);
  const replicas = (next.spec as Json | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError(
      422,
      `Scale.autoscaling "${r.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      'Invalid',
    );
  }
  const rv = (next.metadata as Json | undefined)?.resourceVersion;
  if (req.method === 'PUT' && rv && rv !== obj.metadata.resourceVersion) {
    throw new ApiError(
      409,
      `Operation cannot be fulfilled on ${r.def.name}.${r.def.group} "${r.name}": the object has been modified; please apply your changes to the latest version and try again`,
      'Conflict',
    );
  }
  const updated = ctx.store.update(r.def.name, r.namespace, r.name!, (draft) => {
    (draft.spec as Json).replicas = replicas;
  });
  sendJson(res, 200, scaleOf(updated));
}

/** Serves `r` when it names a subresource; the caller has checked authentication, RBAC and verbs. */
export async function serveSubresource(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest,
): Promise<void> {
  switch (r.subresource) {
    case 'log':
      await serveLogs(ctx, res, r);
      return;
    case 'scale':
      await scale(ctx, req, res, r);
      return;
    case 'status':
      if (req.method === 'GET') sendJson(res, 200, getObject(ctx, r));
      else if (req.method === 'PUT') sendJson(res, 200, await updateObject(ctx, req, r, true));
      else sendJson(res, 200, await patchObject(ctx, req, r, true));
      return;
    case 'ephemeralcontainers':
      if (req.method === 'GET') sendJson(res, 200, getObject(ctx, r));
      else sendJson(res, 200, await updateEphemeral(ctx, req, r, req.method === 'PATCH'));
      return;
    case 'exec':
    case 'attach':
    case 'portforward':
      getObject(ctx, r);
      throw upgradeRequired();
    default:
      throw badRequest(`unknown subresource ${String(r.subresource)}`);
  }
}
