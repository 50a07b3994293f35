// Request routing: authentication, discovery, then resource paths parsed into (resource, namespace,
// name, subresource) with the verb checked against what the resource supports and against RBAC.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import type { ResourceRequest, SimContext } from './context';
import { apiGroup, apiGroupList, coreVersions, resourceList, versionInfo } from './discovery';
import { readJson, requireObject } from './http-body';
import { findResource, type ResourceDef } from './resources';
import { createObject, deleteObject, getObject, listOrWatch, patchObject, updateObject } from './rest';
import { ApiError, sendError, sendJson } from './status';
import { serveSubresource } from './subresources';
import { toTable, wantsTable } from './table';

const notFoundPath = (): ApiError =>
  new ApiError(404, 'the server could not find the requested resource', 'NotFound', {});
const notAllowed = (): ApiError =>
  new ApiError(
    405,
    'the server does not allow this method on the requested resource',
    'MethodNotAllowed',
    {},
  );

function verbOf(method: string, r: ResourceRequest): string {
  const watch = r.query.get('watch') === 'true' || r.query.get('watch') === '1';
  switch (method) {
    case 'GET':
      return watch ? 'watch' : r.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return r.name === undefined ? 'deletecollection' : 'delete';
    default:
      return '';
  }
}

/** Parses the part after /api/v1 or /apis/{group}/{version}. */
function parseResourcePath(
  group: string,
  version: string,
  parts: string[],
  query: URLSearchParams,
): ResourceRequest | undefined {
  let namespace: string | undefined;
  let rest = parts;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    rest = parts.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0) return undefined;
  const def: ResourceDef | undefined = findResource(group, version, resource);
  if (!def) return undefined;
  if (namespace !== undefined && !def.namespaced) return undefined;
  if (namespace === undefined && def.namespaced && name !== undefined) return undefined;
  if (subresource !== undefined && !def.subresources?.[subresource]) return undefined;
  return { def, namespace, name, subresource, query };
}

function discovery(path: string): unknown {
  if (path === '/version') return versionInfo();
  if (path === '/api') return coreVersions();
  if (path === '/apis') return apiGroupList();
  if (path === '/api/v1') return resourceList('', 'v1');
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (m) return m[2] ? resourceList(m[1]!, m[2]) : apiGroup(m[1]!);
  return undefined;
}

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  authenticate(req, ctx.token);
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const doc = discovery(path);
  if (doc !== undefined) {
    if (method !== 'GET') throw notAllowed();
    sendJson(res, 200, doc);
    return;
  }
  const core = /^\/api\/v1\/(.+)$/.exec(path);
  const grouped = /^\/apis\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
  const r = core
    ? parseResourcePath('', 'v1', core[1]!.split('/'), url.searchParams)
    : grouped
      ? parseResourcePath(grouped[1]!, grouped[2]!, grouped[3]!.split('/'), url.searchParams)
      : undefined;
  if (!r) throw notFoundPath();
  const verb = verbOf(method, r);
  const allowed = r.subresource ? (r.def.subresources?.[r.subresource]?.verbs ?? []) : r.def.verbs;
  if (
    !allowed.includes(verb === 'watch' ? 'watch' : verb) ||
    (verb === 'create' && r.name !== undefined && !r.subresource)
  ) {
    throw notAllowed();
  }
  if ((verb === 'update' || verb === 'patch') && r.name === undefined) throw notAllowed();
  ctx.rbac.check({
    verb,
    group: r.def.group,
    resource: r.def.name,
    subresource: r.subresource,
    namespace: r.namespace,
    name: r.name,
  });
  if (r.def.kind === 'SelfSubjectAccessReview') {
    sendJson(res, 201, ctx.rbac.review(requireObject(await readJson(req))));
    return;
  }
  if (r.subresource) {
    await serveSubresource(ctx, req, res, r);
    return;
  }
  switch (verb) {
    case 'list':
    case 'watch':
      listOrWatch(ctx, req, res, r);
      return;
    case 'get':
      {
        const obj = getObject(ctx, r);
        sendJson(
          res,
          200,
          wantsTable(req)
            ? toTable(r.def.kind, [obj], { resourceVersion: obj.metadata.resourceVersion })
            : obj,
        );
        return;
      }
      return;
    case 'create':
      sendJson(res, 201, await createObject(ctx, req, r));
      return;
    case 'update':
      sendJson(res, 200, await updateObject(ctx, req, r));
      return;
    case 'patch':
      sendJson(res, 200, await patchObject(ctx, req, r));
      return;
    default:
      sendJson(res, 200, await deleteObject(ctx, req, r));
  }
}

export function handleRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse): void {
  route(ctx, req, res).catch((error: unknown) => {
    req.resume();
    sendError(res, error);
  });
}
